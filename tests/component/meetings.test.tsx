/** Meetings as the pages show them: last and next, the clock reset by a meeting, in nl and en. */
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MeetingLines } from '@/components/meeting-lines';
import { LatencyFacts } from '@/components/side-panel/tag-facts';
import { Timeline } from '@/components/timeline';
import { setLocale, type Locale } from '@/lib/i18n';
import type { MeetingMoments } from '@/lib/read-models/meetings';
import { latencyRecord } from '../fixtures/records';

afterEach(() => setLocale('nl'));

const NOV_24_14H = new Date(2026, 10, 24, 14, 0).getTime();
const DEC_3 = new Date(2026, 11, 3, 9, 30).getTime();
const moments: MeetingMoments = {
  last: { id: 'meeting:gcal:a', title: 'Werkbezoek Holtenbroek', at: NOV_24_14H, start: NOV_24_14H, allDay: false },
  next: { id: 'meeting:gcal:b', title: 'Partneroverleg', at: DEC_3, start: DEC_3, allDay: false },
};

describe('meetings on the pages', () => {
  it.each([
    ['nl', 'Laatste overleg: 24 nov 14:00, Werkbezoek Holtenbroek', 'Volgend overleg: 3 dec 09:30, Partneroverleg'],
    ['en', 'Last meeting: 24 Nov 14:00, Werkbezoek Holtenbroek', 'Next meeting: 3 Dec 09:30, Partneroverleg'],
  ] as const)('%s: the last and the next meeting', (locale: Locale, last, next) => {
    setLocale(locale);
    render(<MeetingLines moments={moments} />);
    // the line's text, its date and title each isolated (bdi): calendar text must not reorder it
    expect(screen.getAllByRole('listitem').map((line) => line.textContent)).toEqual([last, next]);
    expect(screen.getByText('Werkbezoek Holtenbroek').tagName).toBe('BDI');
  });

  it('only the next one where asked (the popup detail), and says when there is none', () => {
    const { unmount } = render(<MeetingLines moments={moments} show={['next']} />);
    expect(screen.queryByText(/Laatste overleg/)).toBeNull();
    unmount();
    render(<MeetingLines moments={{ last: null, next: null }} />);
    expect(screen.getByText('Nog geen overleg in de agenda')).toBeInTheDocument();
  });

  it.each([
    ['nl', 'Laatste reactie overleg op 24 nov'],
    ['en', 'Last response meeting on 24 Nov'],
  ] as const)('%s: a meeting that reset the clock is the evidence', (locale: Locale, text) => {
    setLocale(locale);
    render(
      <LatencyFacts
        latency={latencyRecord({ contactId: 'c:a', status: 'ok', lastResponseAt: NOV_24_14H, lastResponseKind: 'meeting' })}
        advice={null}
        now={DEC_3}
      />,
    );
    expect(screen.getByText(text)).toBeInTheDocument();
  });

  it('a meeting in the timeline, a cancelled one marked', () => {
    const item = {
      id: 'meeting:gcal:a',
      kind: 'meeting' as const,
      direction: 'out' as const,
      at: NOV_24_14H,
      atRaw: null,
      contactIds: ['c:a'],
      subject: 'Werkbezoek',
      threadId: null,
      isAutoReply: false,
      answered: null,
      note: '',
      intent: null,
      recipientsInferred: false,
    };
    const meeting = { allDay: false, didNotHappen: false, evidence: [] };
    render(
      <Timeline
        items={[
          { ...item, meeting: { ...meeting, cancelled: false } },
          { ...item, id: 'meeting:gcal:b', meeting: { ...meeting, cancelled: true } },
        ]}
        nameOf={() => 'Peter Snijders'}
        actions
      />,
    );
    // each title and name isolated (bidi): the text of the line, whatever its elements
    const lines = screen.getAllByRole('listitem');
    expect(lines.map((line) => line.querySelector('.timeline__what')?.textContent)).toEqual([
      'Afspraak: Werkbezoek: Peter Snijders',
      'Afspraak: Werkbezoek: Peter Snijders',
    ]);
    expect(lines[0]!.querySelector('.timeline__what bdi')?.textContent).toBe('Werkbezoek');
    expect(screen.getAllByText(/afgezegd in de agenda/)).toHaveLength(1);
    // a cancelled one leaves the user nothing to say: "ging niet door" only for the other
    expect(screen.getAllByRole('button', { name: /ging niet door/i })).toHaveLength(1);
  });
});
