/**
 * The side panel beside a calendar tab (Outlook's calendar, a meeting's card open), through the
 * real background handler into a fake-indexeddb store the panel reads live: the event and its
 * people with their tags, and a name several contacts fit settled by the user's choice.
 */
import '@testing-library/jest-dom/vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SidePanelApp } from '@/components/side-panel/side-panel-app';
import { setLocale } from '@/lib/i18n';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { calendarContextFromBatch, calendarContextItem } from '@/lib/messaging/calendar-tab-context';
import type { RuntimeMessage } from '@/lib/messaging/runtime';
import { ingestMeetings } from '@/lib/store/calendar';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { withFreshDb } from '../fixtures/fresh-db';
import { guest, meeting, meetingBatch, T0 } from '../fixtures/observations';
import { contactRecord } from '../fixtures/records';

const EXTENSION_ID = fakeBrowser.runtime.id;
const peter = contactRecord({ id: 'c:p.snijders@zwolle.nl', name: 'Peter Snijders', municipalityCode: 'GM0193' });
const anna = contactRecord({ id: 'c:a.bakker@zwolle.nl', name: 'Anna Bakker', municipalityCode: 'GM0193' });
const annaToo = contactRecord({ id: 'c:anna.bakker@kampen.nl', name: 'Anna Bakker', municipalityCode: 'GM0166' });
const shown = meetingBatch({
  source: 'outlook-cal',
  openMeetingKey: 'outlook-cal:9f2c',
  meetings: [
    meeting({
      meetingKey: 'outlook-cal:9f2c',
      idSource: 'derived',
      title: 'Partneroverleg wijkaanpak',
      attendees: [guest('Peter Snijders', null, { response: 'tentative' }), guest('Anna Bakker', null)],
    }),
  ],
});

let db: GemeenteradarDb;
let tabId: number;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  setLocale('nl');
  await db.contacts.bulkPut([peter, anna, annaToo]);
  await ingestMeetings(db, shown, T0);
  tabId = ((await fakeBrowser.tabs.create({ url: 'https://outlook.office.com/calendar/view/week' })) as { id: number }).id;
  await calendarContextItem(tabId).setValue(calendarContextFromBatch(shown, T0));
});

function renderPanel() {
  const handle = createMessageHandler({ db, queue: createIngestQueue(db), extensionId: EXTENSION_ID, now: () => T0 });
  const send = (request: RuntimeMessage) =>
    handle(request, { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` });
  return render(<SidePanelApp db={db} tabId={tabId} now={() => T0} send={send} />);
}

describe('the side panel beside a calendar tab', () => {
  it('shows the open event and the people on it, with their municipality and answer', async () => {
    renderPanel();
    expect(await screen.findByRole('heading', { level: 2, name: 'Partneroverleg wijkaanpak' })).toBeInTheDocument();
    expect(screen.getByText('Afspraak · Outlook-agenda')).toBeInTheDocument();
    const peterCard = await screen.findByRole('article', { name: 'Peter Snijders' });
    await waitFor(() => expect(peterCard).toHaveTextContent('Zwolle'));
    expect(screen.getByText('Misschien')).toBeInTheDocument();
    // no reload hint: the tab was read (its open event is there)
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('a name two contacts fit is not chosen; the user chooses one, and the card of that contact appears', async () => {
    const user = userEvent.setup();
    renderPanel();
    const open = await screen.findByRole('group', { name: 'Anna Bakker' });
    expect(screen.queryByRole('article', { name: 'Anna Bakker' })).not.toBeInTheDocument();
    await user.click(within(open).getByRole('button', { name: /^Dit is .*Anna Bakker.* \(.*anna\.bakker@kampen\.nl.*\)$/ }));
    const card = await screen.findByRole('article', { name: 'Anna Bakker' });
    await waitFor(() => expect(card).toHaveTextContent('Kampen'));
    expect(screen.queryByRole('group', { name: 'Anna Bakker' })).not.toBeInTheDocument();
    const [stored] = await db.meetings.toArray();
    expect(stored!.contactIds).toEqual([peter.id, annaToo.id]);
  });
});
