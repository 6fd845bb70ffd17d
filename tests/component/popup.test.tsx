import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ActionsContext } from '@/components/actions';
import { PopupApp, PopupView } from '@/components/popup-app';
import { formatMeetingTime, setLocale } from '@/lib/i18n';
import type { PageActions } from '@/lib/messaging/client';
import { createDb, type GemeenteradarDb } from '@/lib/store/db';
import { ingestBatches } from '@/lib/store/ingest';
import { refreshSummaries } from '@/lib/store/summary-service';
import type { PopupData } from '@/lib/read-models/popup';
import { summariseMunicipalities } from '@/lib/read-models/municipality-summaries';
import { badgeFor } from '@/lib/latency/badge';
import type { ActionReply } from '@/lib/messaging/client';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { loadAttention } from '@/lib/store/attention';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { recomputeLatency } from '@/lib/store/latency';
import { batch, person, T0, threadRow } from '../fixtures/observations';
import { contactRecord, latencyRecord, messageRecord, nextStepRecord, tagRecord, threadRecord } from '../fixtures/records';
import { withFreshDb } from '../fixtures/fresh-db';
import { textContent } from '../fixtures/text-content';
import { textEvidence } from '../fixtures/evidence';

const HOSTILE = '<img src=x onerror="window.__pwned=1">';
const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const POPUP_SENDER = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
const DAY = 86_400_000;
const NOW = T0 + 2 * DAY;

function records() {
  const contacts = [
    contactRecord({
      id: 'c:p.snijders@zwolle.nl',
      name: 'Peter Snijders',
      role: 'wethouder',
      firstSeenAt: T0 - 400 * DAY,
      lastSeenAt: T0,
    }),
    contactRecord({ id: 'c:j.dijkstra@zwolle.nl', name: 'Jan Dijkstra', role: 'ambtenaar', lastSeenAt: T0 - 30 * DAY }),
    contactRecord({ id: 'c:x@gmail.com', name: HOSTILE, role: 'bewoner', lastSeenAt: T0 - DAY }),
    contactRecord({
      id: 'c:a.bakker@sudwestfryslan.nl',
      name: 'Anke Bakker',
      municipalityCode: 'GM1900',
      lastSeenAt: T0 - 40 * DAY,
    }),
  ];
  const threadCounts = new Map([
    ['GM0193', 1],
    ['GM1900', 1],
  ]);
  const latency = [
    latencyRecord({ contactId: 'c:p.snijders@zwolle.nl', role: 'wethouder', status: 'ok', lastResponseAt: T0 }),
    latencyRecord({
      contactId: 'c:j.dijkstra@zwolle.nl',
      status: 'unresponsive',
      attemptsSinceLastResponse: 3,
      attemptsCountedForStatus: 3,
      workingDaysWaiting: 23,
      waitingSince: T0 - 30 * DAY,
      overdueScore: 2.3,
    }),
  ];
  return { contacts, threadCounts, latency };
}

function scenario(): PopupData {
  return { municipalities: summariseMunicipalities(records(), NOW), readerStatus: [], rejections: [] };
}

function fakeActions(): PageActions & {
  logCall: ReturnType<typeof vi.fn>;
  openSidePanel: ReturnType<typeof vi.fn>;
  openOptions: ReturnType<typeof vi.fn>;
  openImport: ReturnType<typeof vi.fn>;
  hasHostAccess: ReturnType<typeof vi.fn>;
  requestHostAccess: ReturnType<typeof vi.fn>;
  openConversation: ReturnType<typeof vi.fn>;
  snooze: ReturnType<typeof vi.fn>;
  decideReply: ReturnType<typeof vi.fn>;
  undo: ReturnType<typeof vi.fn>;
} {
  return {
    logCall: vi.fn(async () => ({ ok: true as const })),
    openSidePanel: vi.fn(async () => true),
    openOptions: vi.fn(async () => undefined),
    openImport: vi.fn(async () => undefined),
    hasHostAccess: vi.fn(async () => true),
    requestHostAccess: vi.fn(async () => true),
    openConversation: vi.fn(async () => undefined),
    snooze: vi.fn(async () => ({ ok: true as const })),
    decideReply: vi.fn(async () => ({ ok: true as const })),
    undo: vi.fn(async () => ({ ok: true as const })),
  };
}

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(() => {
  setLocale('nl');
});

function renderPopup(data = scenario(), actions = fakeActions()) {
  render(
    <ActionsContext.Provider value={actions}>
      <PopupView data={data} now={NOW} db={db} />
    </ActionsContext.Provider>,
  );
  return actions;
}

/** What the detail view loads itself: threads, tag evidence, messages for the timeline. */
async function seedDetail() {
  const { contacts, latency } = records();
  await db.latency.bulkPut(latency);
  await db.threads.bulkPut([
    threadRecord({ id: 'gmail:thread-f:1', subject: HOSTILE, lastMessageAt: T0, contactIds: ['c:p.snijders@zwolle.nl'] }),
    threadRecord({
      id: 'gmail:thread-f:3',
      subject: 'Kennismaking wethouder',
      lastMessageAt: T0 - DAY,
      contactIds: ['c:p.snijders@zwolle.nl'],
    }),
  ]);
  const tag = (contactId: string, dimension: 'municipality' | 'role', value: string, evidence: string) =>
    tagRecord({
      source: 'rule',
      subjectType: 'contact',
      subjectId: contactId,
      dimension,
      value,
      evidence: [textEvidence(evidence)],
      confidence: 0.9,
      updatedAt: T0,
    });
  // the rules' tags, with their evidence, are kept on the contact
  const ruleTags = [
    tag('c:j.dijkstra@zwolle.nl', 'municipality', 'GM0193', 'domein zwolle.nl'),
    tag('c:j.dijkstra@zwolle.nl', 'role', 'ambtenaar', 'handtekening: beleidsadviseur'),
  ];
  await db.contacts.bulkPut(
    contacts.map((contact) => (contact.id === 'c:j.dijkstra@zwolle.nl' ? { ...contact, ruleTags } : contact)),
  );
  await db.messages.put(
    messageRecord({
      id: 'gmail:msg-f:1',
      threadId: 'gmail:thread-f:3',
      direction: 'out',
      fromAddress: 'sanne@buurtkracht.nl',
      fromName: 'Sanne',
      toAddresses: ['j.dijkstra@zwolle.nl'],
      contactIds: ['c:j.dijkstra@zwolle.nl'],
      at: T0 - 30 * DAY,
      subject: 'Kennismaking',
      updatedAt: T0,
    }),
  );
}

const rows = () => screen.queryAllByRole('listitem').filter((item) => item.classList.contains('municipality'));

describe('popup: municipalities', () => {
  it('puts the municipality that needs attention first, with duration, counts and role coverage', () => {
    renderPopup();
    expect(rows().map((row) => row.querySelector('.municipality__name')?.textContent)).toEqual(['Zwolle', 'Súdwest-Fryslân']);
    const zwolle = rows()[0]!;
    expect(zwolle).toHaveTextContent('Overijssel');
    expect(zwolle).toHaveTextContent('1 vraagt aandacht');
    expect(zwolle).toHaveTextContent('3 contacten · 1 gesprek · Loopt 1 jaar en 1 maand · Laatste activiteit 2 dagen geleden');
    const strip = within(zwolle).getByRole('list', { name: 'Aanwezige rollen' });
    expect(within(strip).getByText('Wethouder: reageert')).toBeInTheDocument();
    expect(within(strip).getByText('Ambtenaar: contact, maar stil')).toBeInTheDocument();
    expect(within(strip).getByText('Welzijnsorganisatie: nog niemand')).toBeInTheDocument();
    expect(zwolle).toHaveTextContent('Maar één spoor reageert');
  });

  it("shows a municipality's next meeting on its row, its title as text", () => {
    const data = scenario();
    const start = Date.UTC(2026, 11, 17, 9);
    data.municipalities = data.municipalities.map((municipality) =>
      municipality.code === 'GM0193'
        ? { ...municipality, nextMeeting: { id: 'meeting:ics:x', title: HOSTILE, start, allDay: false } }
        : municipality,
    );
    renderPopup(data);
    const [zwolle, fryslan] = rows();
    expect(zwolle!.querySelector('.next-meeting')?.textContent).toBe(
      `Volgend overleg: ${formatMeetingTime(start, false)}, ${HOSTILE}`,
    );
    expect(zwolle!.querySelector('img')).toBeNull();
    expect(fryslan!.querySelector('.next-meeting')).toBeNull();
  });

  it('filters by municipality, province, role and person, and says when nothing matches', async () => {
    renderPopup();
    const search = screen.getByRole('searchbox', { name: /Zoek op gemeente/ });
    await userEvent.type(search, 'fryslan');
    expect(rows().map((row) => row.dataset.code)).toEqual(['GM1900']);
    await userEvent.clear(search);
    await userEvent.type(search, 'dijkstra');
    expect(rows().map((row) => row.dataset.code)).toEqual(['GM0193']);
    await userEvent.clear(search);
    await userEvent.type(search, 'wethouder overijssel');
    expect(rows().map((row) => row.dataset.code)).toEqual(['GM0193']);
    await userEvent.clear(search);
    await userEvent.type(search, 'Maastricht');
    expect(screen.getByRole('status')).toHaveTextContent('Niets gevonden voor “Maastricht”.');
  });

  it('is keyboard navigable: arrows from the search box through the rows, Enter opens, Escape returns', async () => {
    renderPopup();
    const search = screen.getByRole('searchbox');
    search.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.closest('li')?.dataset.code).toBe('GM0193');
    await userEvent.keyboard('{ArrowDown}');
    expect(document.activeElement?.closest('li')?.dataset.code).toBe('GM1900');
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(search);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    // the detail's title is the page's one h1
    expect(screen.getByRole('heading', { level: 1, name: /Zwolle/ })).toHaveFocus();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('searchbox')).toBeInTheDocument();
    // focus returns to the row that opened the detail, not to the page's body
    await waitFor(() => expect(document.activeElement?.closest('li')?.dataset.code).toBe('GM0193'));
  });

  it('shows a municipality in detail: contacts per role with status and evidence, threads, timeline', async () => {
    await seedDetail();
    renderPopup();
    await userEvent.click(within(rows()[0]!).getByRole('button'));
    const detail = screen.getByRole('region', { name: /Zwolle/ });
    const ambtenaar = (await within(detail).findByText('Jan Dijkstra', { selector: '.contact__name' })).closest('li')!;
    expect(ambtenaar).toHaveTextContent('Reageert niet: 3 pogingen zonder antwoord, 23 werkdagen wachten');
    expect(
      await within(ambtenaar).findByText(textContent('Waarom: domein zwolle.nl; handtekening: beleidsadviseur')),
    ).toBeInTheDocument();
    expect(within(detail).getByRole('heading', { name: 'Wethouder' })).toBeInTheDocument();
    expect(within(detail).getByText('Kennismaking wethouder')).toBeInTheDocument();
    await waitFor(() => expect(detail.querySelector('ol.timeline')).toHaveTextContent('Mail aan Jan Dijkstra'));
    await userEvent.click(within(detail).getByRole('button', { name: /Terug/ }));
    expect(rows()).toHaveLength(2);
  });

  it('opens a contact in the side panel from the detail view', async () => {
    await seedDetail();
    const actions = renderPopup();
    await userEvent.click(within(rows()[0]!).getByRole('button'));
    // the accessible name begins with the visible text (axe: label-content-name-mismatch)
    await userEvent.click(await screen.findByRole('button', { name: /^Open zijpaneel\W+Jan Dijkstra$/ }));
    expect(actions.openSidePanel).toHaveBeenCalledWith('c:j.dijkstra@zwolle.nl');
  });

  it('opens a conversation in the webmail it was read in', async () => {
    await seedDetail();
    const actions = renderPopup();
    await userEvent.click(within(rows()[0]!).getByRole('button'));
    await userEvent.click(await screen.findByRole('button', { name: /^Kennismaking wethouder/ }));
    expect(actions.openConversation).toHaveBeenCalledWith({ host: 'gmail', precision: 'thread', route: 'all/3' });
  });

  it('opens the conversation a planned meeting was agreed in', async () => {
    await seedDetail();
    await db.meetings.put({
      id: 'meeting:mail:gmail:msg-f:7',
      sourceKeys: ['mail:gmail:msg-f:7'],
      threadId: 'gmail:thread-f:3',
      title: 'Werkbezoek',
      start: NOW + 3 * DAY,
      end: NOW + 3 * DAY + 3_600_000,
      allDay: false,
      contactIds: ['c:p.snijders@zwolle.nl'],
      status: 'agreed',
      evidence: [],
      updatedAt: T0,
    });
    const actions = renderPopup();
    await userEvent.click(within(rows()[0]!).getByRole('button'));
    // the next meeting's line (the timeline below lists the meeting too)
    const meeting = (await screen.findByText('Werkbezoek', { selector: 'li.meeting bdi' })).closest('li')!;
    await userEvent.click(within(meeting).getByRole('button', { name: 'Open in de mail' }));
    expect(actions.openConversation).toHaveBeenCalledWith({ host: 'gmail', precision: 'thread', route: 'all/3' });
  });

  it('renders hostile names and subjects as text', async () => {
    await seedDetail();
    const { container } = render(<PopupView data={scenario()} now={NOW} db={db} />);
    await userEvent.click(within(rows()[0]!).getByRole('button'));
    await screen.findAllByText(HOSTILE);
    await waitFor(() => expect(screen.getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(2));
    expect(container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

/** What the toolbar badge reads (and so the attention section): contacts and their latency in the store. */
async function seedAttention() {
  const { contacts, latency } = records();
  await db.contacts.bulkPut(contacts);
  await db.latency.bulkPut(latency);
}

/** The popup's actions answered by the real background handler over this test's store (the one writer). */
function backgroundActions() {
  const handle = createMessageHandler({
    db,
    queue: createIngestQueue(db),
    extensionId: EXTENSION_ID,
    afterWrite: async (owes) => void (await recomputeLatency(db, { contactIds: [...(owes.contactIds ?? [])], now: NOW })),
    now: () => NOW,
  });
  const send = async (message: unknown) => (await handle(message, POPUP_SENDER)) as ActionReply;
  const actions = fakeActions();
  actions.logCall.mockImplementation((call) => send({ type: 'log-call', call }));
  actions.snooze.mockImplementation((snooze) => send({ type: 'snooze-contact', snooze }));
  actions.decideReply.mockImplementation((decision) => send({ type: 'decide-reply', decision }));
  actions.undo.mockImplementation((message) => send(message));
  return actions;
}

const attentionSection = () => screen.getByRole('region', { name: /^Vraagt aandacht/ });
const attentionLine = async (name: string) =>
  (
    await within(await screen.findByRole('region', { name: /^Vraagt aandacht/ })).findByText(name, { selector: '.contact__name' })
  ).closest('li')!;

describe('popup: who needs attention', () => {
  it('lists who keeps the user waiting in one line each, advises the responsive roles, and logs a call in one click', async () => {
    await seedAttention();
    const actions = renderPopup();
    const item = await attentionLine('Jan Dijkstra');
    expect(item).toHaveTextContent('Ambtenaar, Zwolle');
    expect(item).toHaveTextContent('Reageert niet');
    expect(item).toHaveTextContent('3 pogingen · 23 werkdagen');
    await userEvent.click(within(item).getByRole('button', { expanded: false }));
    // one person, singular (it said "zij reageren wel": the plural the trust issue names as a bug)
    expect(item).toHaveTextContent('Richt je op Peter Snijders (wethouder): die reageert wel.');
    await userEvent.click(within(item).getByRole('button', { name: 'Niet opgenomen' }));
    expect(actions.logCall).toHaveBeenCalledWith({ contactId: 'c:j.dijkstra@zwolle.nl', direction: 'out', answered: false });
    expect(screen.getByRole('status')).toHaveTextContent('Gesprek vastgelegd.');
  });

  it('counts exactly what the toolbar badge counts, people and overdue steps, and shows all on request', async () => {
    const { contacts, latency } = records();
    const more = ['a', 'b', 'c'].map((letter) =>
      contactRecord({ id: `c:${letter}@zwolle.nl`, name: `Persoon ${letter.toUpperCase()}`, role: 'bewoner' }),
    );
    await db.contacts.bulkPut([...contacts, ...more]);
    await db.latency.bulkPut([
      ...latency,
      ...more.map((contact, index) =>
        latencyRecord({ contactId: contact.id, status: 'slow', overdueScore: 1 - index / 10, attemptsSinceLastResponse: 1 }),
      ),
    ]);
    await db.nextSteps.put(
      nextStepRecord({
        id: 'step:1',
        subjectType: 'municipality',
        subjectId: 'GM0193',
        text: 'Raadsvoorstel nalezen',
        dueAt: NOW - DAY,
      }),
    );
    renderPopup();
    const badge = badgeFor(await loadAttention(db, 5, NOW));
    await waitFor(() => expect(within(attentionSection()).getByText(badge.text, { selector: '.count-badge' })).toBeVisible());
    expect(badge.text).toBe('5');
    const lines = () =>
      within(attentionSection())
        .getAllByRole('listitem')
        .filter((item) => item.classList.contains('person-line'));
    expect(lines()).toHaveLength(3);
    await userEvent.click(within(attentionSection()).getByRole('button', { name: 'Toon alle 5' }));
    expect(lines()).toHaveLength(5);
    expect(lines().at(-1)).toHaveTextContent('Volgende stap verlopen: Raadsvoorstel nalezen');
    await userEvent.click(within(attentionSection()).getByRole('button', { name: 'Toon minder' }));
    expect(lines()).toHaveLength(3);
  });

  it('says so when nobody keeps the user waiting', async () => {
    renderPopup();
    expect(await screen.findByText('Niemand laat je wachten. Mooi zo.')).toBeInTheDocument();
    expect(within(attentionSection()).getByText('0', { selector: '.count-badge' })).toBeInTheDocument();
  });

  it('shows an error when a call cannot be logged', async () => {
    await seedAttention();
    const actions = fakeActions();
    actions.logCall.mockResolvedValueOnce({ ok: false, error: { code: 'unknown-contact' } });
    renderPopup(scenario(), actions);
    await userEvent.click(within(await attentionLine('Jan Dijkstra')).getByRole('button', { expanded: false }));
    await userEvent.click(screen.getAllByRole('button', { name: 'Opgenomen' })[0]!);
    expect(screen.getByRole('alert')).toHaveTextContent('Vastleggen mislukt: dit contact bestaat niet (meer)');
  });

  it("closes a line's actions with Escape and puts focus back on the line", async () => {
    await seedAttention();
    renderPopup();
    const toggle = within(await attentionLine('Jan Dijkstra')).getByRole('button', { expanded: false });
    await userEvent.click(toggle);
    await userEvent.click(screen.getByRole('button', { name: 'Snooze Jan Dijkstra een week' }));
    screen.getByRole('button', { name: 'Opgenomen' }).focus();
    await userEvent.keyboard('{Escape}');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(toggle).toHaveFocus();
    // still the list: Escape closed the actions, nothing more
    expect(screen.getByRole('searchbox')).toBeInTheDocument();
  });

  it.each([
    ['a call', 'Opgenomen', 'Gesprek vastgelegd.'],
    ['a snooze', 'Snooze Jan Dijkstra een week', 'Gesnoozed tot'],
  ])('undoes %s through the background: the store is as it was', async (_label, button, said) => {
    // Jan waits for answers to three mails: the latency the background computes says so
    await seedAttention();
    await db.messages.bulkPut(
      [30, 20, 10].map((days) =>
        messageRecord({
          id: `gmail:msg-f:${days}`,
          threadId: 'gmail:thread-f:9',
          direction: 'out',
          fromAddress: 'sanne@buurtkracht.nl',
          toAddresses: ['j.dijkstra@zwolle.nl'],
          contactIds: ['c:j.dijkstra@zwolle.nl'],
          at: NOW - days * DAY,
          subject: 'Kunt u reageren?',
          updatedAt: T0,
        }),
      ),
    );
    await recomputeLatency(db, { now: NOW });
    const before = {
      calls: await db.calls.toArray(),
      decisions: await db.decisions.toArray(),
      contacts: await db.contacts.toArray(),
    };
    const actions = backgroundActions();
    renderPopup(scenario(), actions);
    await userEvent.click(within(await attentionLine('Jan Dijkstra')).getByRole('button', { expanded: false }));
    await userEvent.click(screen.getByRole('button', { name: button }));
    expect(await screen.findByRole('status')).toHaveTextContent(said);
    const after = {
      calls: await db.calls.toArray(),
      decisions: await db.decisions.toArray(),
      contacts: await db.contacts.toArray(),
    };
    expect(after).not.toEqual(before);
    // the person no longer waits (answered, or snoozed): gone from the list, the status line stays
    await waitFor(() => expect(within(attentionSection()).queryByText('Jan Dijkstra')).toBeNull());
    await userEvent.click(screen.getByRole('button', { name: 'Ongedaan maken' }));
    expect(await screen.findByText('Teruggedraaid.')).toBeInTheDocument();
    expect({
      calls: await db.calls.toArray(),
      decisions: await db.decisions.toArray(),
      contacts: await db.contacts.toArray(),
    }).toEqual(before);
    // and back in the list
    expect(await attentionLine('Jan Dijkstra')).toBeInTheDocument();
  });
});

describe('popup: sort and filter', () => {
  const order = () => rows().map((row) => row.dataset.code);

  it('sorts by attention, name or trajectory length', async () => {
    renderPopup();
    expect(order()).toEqual(['GM0193', 'GM1900']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sorteren' }), 'Naam');
    expect(order()).toEqual(['GM1900', 'GM0193']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sorteren' }), 'Looptijd');
    expect(order()).toEqual(['GM0193', 'GM1900']);
  });

  it('filters by province, role and status behind one compact button, and clears', async () => {
    renderPopup();
    const toggle = screen.getByRole('button', { name: 'Filter' });
    expect(screen.queryByRole('combobox', { name: 'Provincie' })).toBeNull();
    await userEvent.click(toggle);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Provincie' }), 'Friesland');
    expect(order()).toEqual(['GM1900']);
    expect(screen.getByRole('button', { name: 'Filter (1)' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Provincie' }), 'Alle');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rol' }), 'Ambtenaar');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Vraagt aandacht');
    expect(order()).toEqual(['GM0193']);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Rol' }), 'Gemeenteraad');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Reageert');
    expect(order()).toEqual([]);
    expect(screen.getByRole('status')).toHaveTextContent('Geen gemeente past bij deze filters.');
    await userEvent.click(screen.getByRole('button', { name: 'Filters wissen' }));
    expect(order()).toEqual(['GM0193', 'GM1900']);
  });

  it('names who holds a role on its chip, and explains the chips one click away', async () => {
    renderPopup();
    const chip = within(rows()[0]!).getByText('Wethouder: reageert').closest('li')!;
    expect(chip).toHaveAttribute('title', 'Wethouder: reageert; wie: Peter Snijders');
    expect(chip).toHaveTextContent('Peter Snijders');
    const legend = screen.getByRole('button', { name: 'Legenda' });
    expect(legend).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(legend);
    expect(legend).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByText('Welzijnsorganisatie', { selector: 'dd' })).toBeVisible();
  });
});

describe('popup: states', () => {
  it('tells a new user what to do when nothing is known yet', () => {
    renderPopup({ municipalities: [], readerStatus: [], rejections: [] });
    expect(screen.getByRole('heading', { name: 'Nog geen gemeenten in beeld' })).toBeVisible();
    expect(screen.getByText(/Open Gmail of Outlook/)).toBeVisible();
  });

  it('suggests importing the mail history when nothing is known yet, and opens the import page', async () => {
    const actions = fakeActions();
    renderPopup({ municipalities: [], readerStatus: [], rejections: [] }, actions);
    const emptyState = screen.getByRole('heading', { name: 'Nog geen gemeenten in beeld' }).closest('section')!;
    expect(emptyState).toHaveTextContent('Of lees je mailgeschiedenis in uit een export van je mailbox');
    await userEvent.click(within(emptyState).getByRole('button', { name: 'Mailgeschiedenis importeren' }));
    expect(actions.openImport).toHaveBeenCalledOnce();
  });

  it('offers the import with municipalities in view too, in English when the browser speaks it', async () => {
    setLocale('en');
    const actions = fakeActions();
    renderPopup(scenario(), actions);
    await userEvent.click(screen.getByRole('button', { name: 'Import mail history' }));
    expect(actions.openImport).toHaveBeenCalledOnce();
  });

  it('speaks English when the browser does', () => {
    setLocale('en');
    renderPopup();
    expect(screen.getByRole('heading', { name: 'Municipalities in view' })).toBeVisible();
    expect(rows()[0]).toHaveTextContent('3 contacts · 1 conversation · Running for 1 year and 1 month');
  });

  it('shows reader problems and refused messages', () => {
    renderPopup({
      municipalities: [],
      readerStatus: [
        {
          id: 'gmail:list',
          host: 'gmail',
          view: 'list',
          status: 'partial',
          itemsSeen: 10,
          itemsRead: 8,
          problems: { 'no-participants': 2 },
          at: T0,
        },
        {
          id: 'outlook:conversation',
          host: 'outlook',
          view: 'conversation',
          status: 'unrecognised',
          itemsSeen: 0,
          itemsRead: 0,
          problems: {},
          at: T0,
        },
      ],
      rejections: [
        {
          reason: 'invalid-message issue=custom path=batch.account',
          code: 'invalid-message',
          values: { path: 'batch.account', issue: 'custom' },
          count: 3,
          lastAt: T0,
        },
        {
          reason: 'record-quarantined field=addresses table=contacts',
          code: 'record-quarantined',
          values: { table: 'contacts', field: 'addresses' },
          count: 1,
          lastAt: T0,
        },
      ],
    });
    expect(screen.getByText('Gmail (lijst): deels gelezen (8 van 10); 2 rijen zonder deelnemers')).toBeVisible();
    expect(screen.getByText(/Outlook \(gesprek\): opmaak niet herkend/)).toBeVisible();
    const [refused, setAside] = screen.getAllByRole('alert');
    expect(refused).toHaveTextContent('3× bericht geweigerd: ongeldig veld batch.account (custom)');
    expect(setAside).toHaveTextContent('1× beschadigd contact apart gezet (veld addresses)');
  });

  it('says when the side panel cannot open here', async () => {
    const actions = fakeActions();
    actions.openSidePanel.mockResolvedValueOnce(false);
    renderPopup(scenario(), actions);
    await userEvent.click(screen.getByRole('button', { name: 'Open zijpaneel' }));
    expect(await screen.findByText(/Het zijpaneel werkt naast Gmail of Outlook/)).toBeInTheDocument();
  });

  it('says when the browser withholds access to the mail sites, and asks for it again', async () => {
    const actions = fakeActions();
    actions.hasHostAccess.mockResolvedValue(false);
    renderPopup(scenario(), actions);
    const notice = await screen.findByRole('alert');
    expect(notice).toHaveTextContent('Gemeenteradar mag Gmail en Outlook nu niet lezen');
    await userEvent.click(within(notice).getByRole('button', { name: 'Toegang geven' }));
    expect(actions.requestHostAccess).toHaveBeenCalledOnce();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it.each([
    ['the access is there', async () => true],
    ['the browser cannot say', async () => Promise.reject(new Error('permissions API missing'))],
  ])('says nothing about access when %s', async (_name, answer) => {
    const actions = fakeActions();
    actions.hasHostAccess.mockImplementation(answer);
    renderPopup(scenario(), actions);
    await waitFor(() => expect(actions.hasHostAccess).toHaveBeenCalled());
    await new Promise((resolveTick) => setTimeout(resolveTick, 0));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps the notice when the user refuses the access again', async () => {
    const actions = fakeActions();
    actions.hasHostAccess.mockResolvedValue(false);
    actions.requestHostAccess.mockResolvedValue(false);
    renderPopup(scenario(), actions);
    await userEvent.click(await screen.findByRole('button', { name: 'Toegang geven' }));
    expect(actions.requestHostAccess).toHaveBeenCalledOnce();
    expect(screen.getByRole('alert')).toHaveTextContent('Gemeenteradar mag Gmail en Outlook nu niet lezen');
  });

  it('opens the settings from the header', async () => {
    const actions = fakeActions();
    renderPopup(scenario(), actions);
    await userEvent.click(screen.getByRole('button', { name: 'Instellingen' }));
    expect(actions.openOptions).toHaveBeenCalledOnce();
  });

  it('live: loading, then the empty state, then a municipality as soon as it is stored', async () => {
    render(<PopupApp db={db} now={() => T0} />);
    expect(await screen.findByRole('heading', { name: 'Nog geen gemeenten in beeld' })).toBeVisible();
    await ingestBatches(
      db,
      [
        batch({
          threads: [
            threadRow({
              threadKey: 'gmail:thread-f:1',
              subject: 'Kennismaking',
              participants: [person('Peter Snijders', 'p.snijders@zwolle.nl')],
            }),
          ],
        }),
      ],
      T0,
    );
    await refreshSummaries(db, T0); // what the background does after every ingest
    await waitFor(() => expect(screen.getByText('Zwolle')).toBeVisible());
  });

  it('shows an error instead of crashing when the store cannot be read', async () => {
    db.close();
    const broken = createDb('test-popup-broken');
    vi.spyOn(broken, 'transaction').mockImplementation(() => Promise.reject(new Error('kapot')) as never);
    render(<PopupApp db={broken} now={() => T0} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('De gegevens konden niet worden gelezen: kapot');
  });
});

describe('popup: many municipalities', () => {
  it('paints the first rows at once and all 342 right after', { timeout: 30_000 }, async () => {
    const { allMunicipalities } = await import('@/lib/data');
    const contacts = allMunicipalities().map((municipality, index) =>
      contactRecord({
        id: `c:p${index}@${municipality.domains[0]}`,
        name: `Persoon ${index}`,
        municipalityCode: municipality.code,
        lastSeenAt: T0 - index * DAY,
      }),
    );
    renderPopup({ municipalities: summariseMunicipalities({ contacts }, NOW), readerStatus: [], rejections: [] });
    expect(rows().length).toBeLessThan(342);
    await waitFor(() => expect(rows()).toHaveLength(342));
    // long names hold: the name is its own element, wrapped by CSS rather than cut
    expect(screen.getByText('Nuenen, Gerwen en Nederwetten')).toHaveClass('municipality__name');
  });
});

describe('popup: first paint from the snapshot', () => {
  it('paints the snapshot the background left while the store opens, then the live data', async () => {
    const { popupSnapshotItem, snapshotOf } = await import('@/lib/store/popup-snapshot');
    const stale = scenario().municipalities.filter((municipality) => municipality.code === 'GM1900');
    await popupSnapshotItem.setValue(snapshotOf(stale, T0));
    // the store itself (what the background keeps) says Zwolle
    await db.summaries.bulkPut(scenario().municipalities.filter((municipality) => municipality.code === 'GM0193'));
    render(<PopupApp db={db} now={() => NOW} />);
    expect(await screen.findByText('Súdwest-Fryslân')).toBeInTheDocument();
    await waitFor(() => expect(rows().map((row) => row.dataset.code)).toEqual(['GM0193']));
  });

  it('is written with every summary refresh, without the search text', async () => {
    const { popupSnapshotItem } = await import('@/lib/store/popup-snapshot');
    const { contacts, latency } = records();
    await db.contacts.bulkPut(contacts);
    await db.latency.bulkPut(latency);
    await refreshSummaries(db, NOW);
    const snapshot = await popupSnapshotItem.getValue();
    expect(snapshot?.municipalities.map((municipality) => municipality.code)).toEqual(['GM0193', 'GM1900']);
    expect(snapshot?.municipalities.every((municipality) => municipality.searchText === '')).toBe(true);
  });
});
