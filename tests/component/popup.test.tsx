import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PopupApp, PopupView } from '@/components/popup-app';
import { setLocale } from '@/lib/i18n';
import { createDb, type GemeenteradarDb } from '@/lib/store/db';
import { ingestBatches } from '@/lib/store/ingest';
import type { PopupData } from '@/lib/store/queries';
import { batch, person, T0, threadRow } from '../fixtures/observations';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const DAY = 86_400_000;

const data: PopupData = {
  municipalities: [
    {
      code: 'GM0193',
      name: 'Zwolle',
      province: 'Overijssel',
      lastActivityAt: T0,
      roles: ['wethouder', 'bewoner'],
      contacts: [
        {
          id: 'c:p.snijders@zwolle.nl',
          name: 'Peter Snijders',
          addresses: ['p.snijders@zwolle.nl'],
          role: 'wethouder',
          roleEvidence: ['handtekening: wethouder'],
          municipalityEvidence: ['domein zwolle.nl'],
          lastSeenAt: T0,
        },
        {
          id: 'c:x@gmail.com',
          name: HOSTILE,
          addresses: ['x@gmail.com'],
          role: 'bewoner',
          roleEvidence: [],
          municipalityEvidence: [],
          lastSeenAt: T0 - DAY,
        },
      ],
      threads: [{ id: 'gmail:thread-f:1', subject: HOSTILE, lastMessageAt: T0, lastMessageAtRaw: null }],
    },
    {
      code: 'GM1900',
      name: 'Súdwest-Fryslân',
      province: 'Fryslân',
      lastActivityAt: T0 - 40 * DAY,
      roles: [],
      contacts: [],
      threads: [],
    },
  ],
  readerStatus: [],
  rejections: [],
};

beforeEach(() => setLocale('nl'));

describe('popup view', () => {
  it('lists municipalities with province, counts, roles and last activity', () => {
    render(<PopupView data={data} now={T0 + 2 * DAY} />);
    const items = screen.getAllByRole('listitem').filter((item) => item.classList.contains('municipality'));
    expect(items.map((item) => item.querySelector('.municipality__name')?.textContent)).toEqual(['Zwolle', 'Súdwest-Fryslân']);
    const zwolle = items[0]!;
    expect(zwolle).toHaveTextContent('Overijssel');
    expect(zwolle).toHaveTextContent('2 contacten · 1 gesprek · Laatste activiteit 2 dagen geleden');
    const strip = within(zwolle).getByRole('list', { name: 'Aanwezige rollen' });
    expect(within(strip).getByText('Wethouder')).toBeVisible();
    expect(within(strip).getByText('Ambtenaar: nog niemand')).toBeInTheDocument();
  });

  it('shows the contacts with their role and evidence, and the threads', async () => {
    render(<PopupView data={data} now={T0} />);
    await userEvent.click(screen.getByText('Zwolle'));
    expect(screen.getByText('Peter Snijders')).toBeVisible();
    expect(screen.getByText('Waarom: domein zwolle.nl; handtekening: wethouder')).toBeVisible();
  });

  it('renders hostile names and subjects as text', () => {
    const { container } = render(<PopupView data={data} now={T0} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getAllByText(HOSTILE)).toHaveLength(2);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('tells a new user what to do when nothing is known yet', () => {
    render(<PopupView data={{ municipalities: [], readerStatus: [], rejections: [] }} now={T0} />);
    expect(screen.getByRole('heading', { name: 'Nog geen gemeenten in beeld' })).toBeVisible();
    expect(screen.getByText(/Open Gmail of Outlook/)).toBeVisible();
  });

  it('speaks English when the browser does', () => {
    setLocale('en');
    render(<PopupView data={data} now={T0} />);
    expect(screen.getByRole('heading', { name: 'Municipalities in view' })).toBeVisible();
    expect(screen.getAllByText(/2 contacts · 1 conversation/)).toHaveLength(1);
  });

  it('shows reader problems and refused messages', () => {
    render(
      <PopupView
        now={T0}
        data={{
          municipalities: [],
          readerStatus: [
            { id: 'gmail:list', host: 'gmail', view: 'list', status: 'partial', itemsSeen: 10, itemsRead: 8, problems: { 'no-participants': 2 }, at: T0 },
            { id: 'outlook:conversation', host: 'outlook', view: 'conversation', status: 'unrecognised', itemsSeen: 0, itemsRead: 0, problems: {}, at: T0 },
          ],
          rejections: [{ reason: 'batch.account: not an e-mail address', count: 3, lastAt: T0 }],
        }}
      />,
    );
    expect(screen.getByText('Gmail (lijst): deels gelezen (8 van 10); 2 rijen zonder deelnemers')).toBeVisible();
    expect(screen.getByText(/Outlook \(gesprek\): opmaak niet herkend/)).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('3 berichten geweigerd: batch.account: not an e-mail address');
  });
});

describe('popup app (live from the store)', () => {
  let db: GemeenteradarDb;
  afterEach(async () => {
    db.close();
    await db.delete();
  });

  it('shows loading, then the empty state, then a municipality as soon as it is stored', async () => {
    db = createDb('test-popup-live');
    render(<PopupApp db={db} now={() => T0} />);
    expect(await screen.findByRole('heading', { name: 'Nog geen gemeenten in beeld' })).toBeVisible();
    await ingestBatches(
      db,
      [batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:1', subject: 'Kennismaking', participants: [person('Peter Snijders', 'p.snijders@zwolle.nl')] })] })],
      T0,
    );
    await waitFor(() => expect(screen.getByText('Zwolle')).toBeVisible());
  });
});
