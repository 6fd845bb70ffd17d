/**
 * Every surface on a store (and extension storage) holding damaged records: the popup's list and
 * detail, the side panel's cards, the options page. Each case writes one damaged value with raw
 * IndexedDB (past the store's validation, as an older build or a disk fault leaves it) into a
 * store that also holds good records, then checks the surface shows the good records and says
 * what it could not read: never a blank page, never a crash.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ActionsContext } from '@/components/actions';
import { OptionsApp } from '@/components/options/options-app';
import { PopupApp } from '@/components/popup-app';
import { SidePanelApp } from '@/components/side-panel/side-panel-app';
import { setLocale } from '@/lib/i18n';
import { tabContextFromBatch, tabContextItem } from '@/lib/messaging/tab-context';
import { thresholdsItem } from '@/lib/settings';
import { logCall } from '@/lib/store/calls';
import type { GemeenteradarDb } from '@/lib/store/db';
import { ingestBatches } from '@/lib/store/ingest';
import { recomputeLatency } from '@/lib/store/latency';
import { addNextStep, saveNote } from '@/lib/store/notes';
import { refreshSummaries } from '@/lib/store/summary-service';
import { ACCOUNT, batch, message, person, T0 } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';
import { stubPageActions } from '../fixtures/page-actions';
import { writeRawRecords } from '../fixtures/raw-records';

const DAY = 86_400_000;
const NOW = T0 + 20 * DAY;
const ME = person('Sanne', ACCOUNT);
const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const KARIN = person('Karin Aerts', 'k.aerts@nuenen.nl');
const SUBJECT = 'Werkbezoek Holtenbroek';

const conversation = batch({
  health: { view: 'conversation', status: 'ok', itemsSeen: 2, itemsRead: 2, problems: {} },
  messages: [
    message({
      messageKey: 'gmail:msg-f:1',
      threadKey: 'gmail:thread-f:1',
      subject: SUBJECT,
      from: ME,
      to: [PETER],
      cc: [KARIN],
      at: T0,
    }),
    message({
      messageKey: 'gmail:msg-f:2',
      threadKey: 'gmail:thread-f:1',
      subject: SUBJECT,
      from: PETER,
      to: [ME],
      at: T0 + DAY,
    }),
  ],
});

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  setLocale('nl');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  await ingestBatches(db, [conversation], NOW);
  await logCall(db, { contactId: 'c:p.snijders@zwolle.nl', direction: 'out', answered: false, note: 'gebeld' }, NOW - DAY);
  await saveNote(db, { subjectType: 'contact', subjectId: 'c:p.snijders@zwolle.nl', text: 'aardig' }, NOW);
  await addNextStep(db, { subjectType: 'contact', subjectId: 'c:p.snijders@zwolle.nl', text: 'bellen', dueAt: NOW + DAY }, NOW);
  await recomputeLatency(db, { now: NOW });
  await refreshSummaries(db, NOW);
});

/** The stored record of `table` with this key, changed by `damage`, written back raw. */
async function damage(table: string, key: string, change: (record: Record<string, unknown>) => Record<string, unknown>) {
  const stored = (await db.table(table).get(key)) as Record<string, unknown> | undefined;
  if (!stored) throw new Error(`no ${table} record ${key} to damage`);
  await writeRawRecords(db, table, [change(stored)]);
}

const actions = stubPageActions();

function renderPopup() {
  render(
    <ActionsContext.Provider value={actions}>
      <PopupApp db={db} now={() => NOW} snapshot={Promise.resolve(null)} />
    </ActionsContext.Provider>,
  );
}

const noticeText = () =>
  screen
    .getAllByRole('status')
    .map((element) => element.textContent ?? '')
    .join(' ');

// [what is damaged, table, key, change] -- each of these blanked a surface or threw before
const SUMMARY_DAMAGE: [string, string, string, (record: Record<string, unknown>) => Record<string, unknown>][] = [
  [
    'an unknown role of a key contact',
    'summaries',
    'GM0363',
    (r) => ({ ...r, keyContacts: [{ id: 'c:x', name: 'X', addresses: [], role: 'schepen', lastSeenAt: null, latency: null }] }),
  ],
  ['a NaN last activity', 'summaries', 'GM0363', (r) => ({ ...r, lastActivityAt: Number.NaN })],
  ['a first contact time as text', 'summaries', 'GM0363', (r) => ({ ...r, firstContactAt: 'vorig jaar' })],
  ['no coverage', 'summaries', 'GM0363', (r) => ({ ...r, coverage: null })],
  ['an unknown coverage value', 'summaries', 'GM0363', (r) => ({ ...r, coverage: { wethouder: 'veel' } })],
  ['people needing attention that are no list', 'summaries', 'GM0363', (r) => ({ ...r, needsAttention: 'Peter' })],
  [
    'an unknown latency status',
    'summaries',
    'GM0363',
    (r) => ({
      ...r,
      needsAttentionCount: 1,
      needsAttention: [
        {
          id: 'c:x',
          name: 'X',
          addresses: [],
          role: 'wethouder',
          lastSeenAt: null,
          latency: {
            status: 'slaperig',
            attemptsSinceLastResponse: 2,
            workingDaysWaiting: 3,
            lastResponseAt: null,
            overdueScore: 1,
            medianResponseWorkingDays: null,
          },
        },
      ],
    }),
  ],
  [
    'a next step with a NaN date and no text',
    'summaries',
    'GM0363',
    (r) => ({
      ...r,
      nextStep: { id: 's', subjectType: 'contact', subjectId: 'c:x', text: 5, dueAt: Number.NaN, done: false, updatedAt: 1 },
    }),
  ],
  ['no name', 'summaries', 'GM0363', (r) => ({ ...r, name: null })],
  ['roles that are no list', 'summaries', 'GM0363', (r) => ({ ...r, roles: 'wethouder' })],
  [
    'no municipality code (set aside)',
    'summaries',
    'GM0363',
    (r) => ({ ...r, code: 'GM0363', name: 42, province: ['x'], threadCount: Number.POSITIVE_INFINITY }),
  ],
  [
    'a reader status it cannot read',
    'readerStatus',
    'gmail:conversation',
    (r) => ({ ...r, status: 'prima', problems: null, itemsSeen: Number.NaN }),
  ],
  ['a refusal count that is no number', 'rejections', 'afzender: test', (r) => ({ ...r, count: 'veel' })],
];

describe('popup on damaged records', () => {
  beforeEach(async () => {
    // a second municipality to damage, beside Zwolle
    const zwolle = (await db.summaries.get('GM0193'))!;
    await writeRawRecords(db, 'summaries', [{ ...zwolle, code: 'GM0363', name: 'Amsterdam', province: 'Noord-Holland' }]);
    await writeRawRecords(db, 'rejections', [{ reason: 'afzender: test', count: 1, lastAt: NOW }]);
    await writeRawRecords(db, 'readerStatus', [
      {
        id: 'gmail:conversation',
        host: 'gmail',
        view: 'conversation',
        status: 'ok',
        itemsSeen: 2,
        itemsRead: 2,
        problems: {},
        at: NOW,
      },
    ]);
  });

  it.each(SUMMARY_DAMAGE)('shows the list with %s, and says so', async (_what, table, key, change) => {
    await damage(table, key, change);
    renderPopup();
    expect(await screen.findByText('Zwolle')).toBeVisible();
    await waitFor(() => expect(noticeText()).toMatch(/beschadigd|overgeslagen/));
    expect(screen.queryByRole('heading', { name: 'Er ging iets mis' })).toBeNull();
  });

  it('paints a damaged snapshot from extension storage without breaking, then the live list', async () => {
    const pending = new Promise<never>(() => undefined);
    render(
      <ActionsContext.Provider value={actions}>
        <PopupApp
          db={new Proxy(db, { get: (target, prop) => (prop === 'transaction' ? () => pending : Reflect.get(target, prop)) })}
          now={() => NOW}
          snapshot={Promise.resolve({
            at: 1,
            municipalities: [{ code: 'GM0193', name: 'Zwolle', coverage: 'x', roles: null, needsAttention: [null] }, 'rubbish'],
          } as never)}
        />
      </ActionsContext.Provider>,
    );
    expect(await screen.findByText('Zwolle')).toBeVisible();
    expect(noticeText()).toContain('1 record kon niet worden gelezen en is overgeslagen.');
  });

  it('shows a message with a way on when the store cannot be read at all, and reads again', async () => {
    let failing = true;
    const broken = new Proxy(db, {
      get: (target, prop) => {
        if (prop === 'summaries' && failing) throw new Error('Internal error opening backing store');
        return Reflect.get(target, prop);
      },
    });
    render(
      <ActionsContext.Provider value={actions}>
        <PopupApp db={broken} now={() => NOW} snapshot={Promise.resolve(null)} />
      </ActionsContext.Provider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Er ging iets mis');
    failing = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Opnieuw laden' }));
    expect(await screen.findByText('Zwolle')).toBeVisible();
  });
});

const DETAIL_DAMAGE: [string, string, string, (record: Record<string, unknown>) => Record<string, unknown>][] = [
  ['an unknown role', 'contacts', 'c:p.snijders@zwolle.nl', (r) => ({ ...r, role: 'schepen' })],
  ['a contact without addresses', 'contacts', 'c:p.snijders@zwolle.nl', (r) => ({ ...r, addresses: undefined })],
  ['a NaN last-seen time', 'contacts', 'c:p.snijders@zwolle.nl', (r) => ({ ...r, lastSeenAt: Number.NaN })],
  ['rule tags that are no list', 'contacts', 'c:p.snijders@zwolle.nl', (r) => ({ ...r, ruleTags: 'wethouder' })],
  [
    'a thread with a NaN time',
    'threads',
    'gmail:thread-f:1',
    (r) => ({ ...r, municipalityCode: 'GM0193', lastMessageAt: Number.NaN }),
  ],
  [
    'a thread without a subject',
    'threads',
    'gmail:thread-f:1',
    (r) => ({ ...r, municipalityCode: 'GM0193', subject: undefined }),
  ],
  ['a message with a NaN time', 'messages', 'gmail:msg-f:2', (r) => ({ ...r, at: Number.NaN })],
  ['a message whose direction is unknown (set aside)', 'messages', 'gmail:msg-f:1', (r) => ({ ...r, direction: 'zijwaarts' })],
  ['an unknown latency status', 'latency', 'c:p.snijders@zwolle.nl', (r) => ({ ...r, status: 'slaperig' })],
];

describe('popup detail on damaged records', () => {
  it.each(DETAIL_DAMAGE)('shows the municipality with %s, and says so', async (_what, table, key, change) => {
    await damage(table, key, change);
    renderPopup();
    await userEvent.click(within((await screen.findByText('Zwolle')).closest('li')!).getByRole('button'));
    const detail = await screen.findByRole('region', { name: /Zwolle/ });
    await waitFor(() => expect(detail.querySelector('.records-notice')).toHaveTextContent(/beschadigd|overgeslagen/));
    expect(within(detail).getByRole('heading', { name: 'Contacten' })).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Er ging iets mis' })).toBeNull();
  });
});

const PANEL_DAMAGE: [string, string, string, (record: Record<string, unknown>) => Record<string, unknown>][] = [
  ['an unknown role', 'contacts', 'c:p.snijders@zwolle.nl', (r) => ({ ...r, role: 'schepen' })],
  ['a name that is no text', 'contacts', 'c:p.snijders@zwolle.nl', (r) => ({ ...r, name: { first: 'Peter' } })],
  [
    'a latency record with an unknown role and no thresholds',
    'latency',
    'c:p.snijders@zwolle.nl',
    (r) => ({ ...r, role: 'burgemeester', thresholds: null }),
  ],
  [
    'a latency record with NaN days waiting',
    'latency',
    'c:p.snijders@zwolle.nl',
    (r) => ({ ...r, workingDaysWaiting: Number.NaN, evidence: 'x' }),
  ],
  ['a message with a NaN time', 'messages', 'gmail:msg-f:2', (r) => ({ ...r, at: Number.NaN })],
  ['a call with a time as text', 'calls', '', (r) => ({ ...r, at: 'gisteren' })],
  ['a note whose text is no text', 'notes', 'contact:c:p.snijders@zwolle.nl', (r) => ({ ...r, text: 12 })],
  ['a next step with a NaN due date', 'nextSteps', '', (r) => ({ ...r, dueAt: Number.NaN })],
];

describe('side panel on damaged records', () => {
  async function openPanel() {
    const tab = (await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox/FMfcg' })) as { id: number };
    await tabContextItem(tab.id).setValue(tabContextFromBatch(conversation, NOW));
    render(<SidePanelApp db={db} tabId={tab.id} now={() => NOW} />);
    return tab;
  }

  /** The only record of a table whose key the test does not know (a call, a next step). */
  async function onlyKey(table: string): Promise<string> {
    const keys = await db.table(table).toCollection().primaryKeys();
    return String(keys[0]);
  }

  it.each(PANEL_DAMAGE)("shows every participant's card with %s, and says so", async (_what, table, key, change) => {
    await damage(table, key || (await onlyKey(table)), change);
    await openPanel();
    expect(await screen.findByRole('article', { name: 'Karin Aerts' })).toBeVisible();
    expect((await screen.findAllByText('p.snijders@zwolle.nl'))[0]!.closest('article')).toBeVisible();
    // the conversation's own records are counted at its top, each card's in the card
    await waitFor(() => expect(noticeText()).toMatch(/beschadigd|overgeslagen/));
    expect(screen.queryByRole('heading', { name: 'Er ging iets mis' })).toBeNull();
  });

  it('shows a card that cannot be read as such, and the other cards as usual', async () => {
    const broken = new Proxy(db, {
      get: (target, prop) => {
        if (prop !== 'merges') return Reflect.get(target, prop);
        // Peter's merges cannot be read; Karin's can
        return {
          where: (index: string) => ({
            equals: (id: string) =>
              id === 'c:p.snijders@zwolle.nl'
                ? { toArray: () => Promise.reject(new Error('merges unreadable')) }
                : target.merges.where(index).equals(id),
          }),
        };
      },
    });
    const tab = (await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox/FMfcg' })) as { id: number };
    await tabContextItem(tab.id).setValue(tabContextFromBatch(conversation, NOW));
    render(<SidePanelApp db={broken} tabId={tab.id} now={() => NOW} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Deze kaart kon niet worden getoond.');
    expect(await screen.findByRole('article', { name: 'Karin Aerts' })).toBeVisible();
    expect(screen.getByRole('heading', { level: 2, name: SUBJECT })).toBeVisible();
  });

  it('says so when what the tab shows cannot be read from session storage', async () => {
    const tab = (await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox/FMfcg' })) as { id: number };
    await tabContextItem(tab.id).setValue({ host: 'yahoo', participants: 'everyone' } as never);
    render(<SidePanelApp db={db} tabId={tab.id} now={() => NOW} />);
    expect(await screen.findByText('1 record kon niet worden gelezen en is overgeslagen.')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Nog niets gelezen in dit tabblad' })).toBeVisible();
  });
});

describe('options on damaged settings', () => {
  it('shows the thresholds when what extension storage holds is rubbish, with what was repaired', async () => {
    await thresholdsItem.setValue({ wethouder: { ideal: 'tien', max: Number.NaN }, schepen: 3 });
    render(<OptionsApp />);
    expect(await screen.findByRole('table')).toBeVisible();
  });

  it('shows a message with a way on when the settings cannot be read, and reads again', async () => {
    let calls = 0;
    const settings = {
      load: vi.fn(async () => {
        if (calls++ === 0) throw new Error('storage unavailable');
        return { thresholds: (await import('@/lib/latency/thresholds')).defaultThresholds(), notes: [] };
      }),
      save: vi.fn(async () => undefined),
      reset: vi.fn(async () => undefined),
    };
    render(<OptionsApp settings={settings} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Er ging iets mis');
    await userEvent.click(within(alert).getByRole('button', { name: 'Opnieuw laden' }));
    expect(await screen.findByRole('table')).toBeVisible();
  });
});
