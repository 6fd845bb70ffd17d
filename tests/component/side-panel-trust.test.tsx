/**
 * The side panel's say over the rules, through the real background handler into a fake-indexeddb
 * store the panel reads live: per outgoing mail and per conversation "geen antwoord nodig" /
 * "wacht op antwoord" with the rule's words, per contact "snooze tot <datum>" and "wakker maken",
 * per meeting "ging niet door", each with its undo; and the user's mail that counts for nobody.
 */
import '@testing-library/jest-dom/vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SidePanelApp } from '@/components/side-panel/side-panel-app';
import { setLocale } from '@/lib/i18n';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { ObservationBatch } from '@/lib/messaging/observations';
import type { RuntimeMessage } from '@/lib/messaging/runtime';
import { tabContextFromBatch, tabContextItem } from '@/lib/messaging/tab-context';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { recomputeLatency } from '@/lib/store/latency';
import { withFreshDb } from '../fixtures/fresh-db';
import { ACCOUNT, batch, message, person, T0 } from '../fixtures/observations';

const DAY = 86_400_000;
const NOW = T0 + 10 * DAY;
const ME = person('me', ACCOUNT);
const RUUD = person('Ruud Kamphuis', 'r.kamphuis@deventer.nl');
const THREAD = 'gmail:thread-f:1';

const conversation = (messages: ObservationBatch['messages']) =>
  batch({
    health: { view: 'conversation', status: 'ok', itemsSeen: messages.length, itemsRead: messages.length, problems: {} },
    messages,
  });
const shown = conversation([
  message({
    messageKey: 'gmail:msg-f:1',
    threadKey: THREAD,
    subject: 'Buurtbudget',
    from: ME,
    to: [RUUD],
    at: T0,
    excerpt: 'Beste Ruud, Kunt u mij de stukken sturen?',
  }),
  message({
    messageKey: 'gmail:msg-f:2',
    threadKey: THREAD,
    subject: 'Buurtbudget',
    from: RUUD,
    to: [ME],
    at: T0 + DAY,
    excerpt: 'Hierbij. Dan zien we elkaar maandag 30 november om 11:00.',
  }),
  message({
    messageKey: 'gmail:msg-f:3',
    threadKey: THREAD,
    subject: 'Buurtbudget',
    from: ME,
    to: [RUUD],
    at: T0 + DAY + 3_600_000,
    excerpt: 'Hartelijk dank voor de stukken!',
  }),
]);

const EXTENSION_ID = fakeBrowser.runtime.id;
let db: GemeenteradarDb;
let sent: RuntimeMessage[];

withFreshDb((fresh) => (db = fresh));
beforeEach(() => {
  setLocale('nl');
  sent = [];
});

/** The panel on a tab showing `seen`, with the background handler and its latency recompute. */
async function renderPanel(seen: ObservationBatch) {
  await ingestBatches(db, [seen], NOW);
  await recomputeLatency(db, { now: NOW });
  const tabId = ((await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox/x' })) as { id: number }).id;
  await tabContextItem(tabId).setValue(tabContextFromBatch(seen, NOW));
  const handle = createMessageHandler({
    db,
    queue: createIngestQueue(db),
    extensionId: EXTENSION_ID,
    now: () => NOW,
    afterWrite: ({ contactIds }) => recomputeLatency(db, { now: NOW, contactIds: [...(contactIds ?? [])] }),
  });
  const send = (request: RuntimeMessage) => {
    sent.push(request);
    return handle(request, { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` });
  };
  render(<SidePanelApp db={db} tabId={tabId} now={() => NOW} send={send} />);
  const card = await screen.findByRole('article', { name: 'Ruud Kamphuis' });
  // the whole timeline opens on demand (the card shows the last contact)
  await userEvent.setup().click(within(card).getByRole('button', { name: /^Tijdlijn \(\d+\)…$/ }));
  return card;
}

const timelineItem = (card: HTMLElement, id: string) => card.querySelector<HTMLElement>(`.timeline__item[data-id="${id}"]`)!;

describe('whether an outgoing mail waits for an answer', () => {
  it('shows what the rule read, and lets the user overrule it per mail and undo that', async () => {
    const user = userEvent.setup();
    const card = await renderPanel(shown);
    const asking = timelineItem(card, 'gmail:msg-f:1');
    expect(asking).toHaveTextContent('telt als poging');
    expect(asking).toHaveTextContent('vraagt iets: “kunt u”');
    const thanks = timelineItem(card, 'gmail:msg-f:3');
    expect(thanks).toHaveTextContent('geen poging');
    expect(thanks).toHaveTextContent('sluit af: “hartelijk dank”');

    await user.click(within(thanks).getByRole('button', { name: /Wacht op antwoord op deze mail van/ }));
    await waitFor(() => expect(timelineItem(card, 'gmail:msg-f:3')).toHaveTextContent('jij: wacht op antwoord'));
    expect(sent.at(-1)).toEqual({
      type: 'decide-reply',
      decision: { subjectType: 'message', subjectId: 'gmail:msg-f:3', value: 'awaited' },
    });
    await waitFor(() =>
      expect(within(card).getByText(/Wacht op antwoord|Traag|Reageert niet/, { selector: '.status-pill' })).toBeVisible(),
    );

    await user.click(within(timelineItem(card, 'gmail:msg-f:3')).getByRole('button', { name: 'Terug naar de regel' }));
    await waitFor(() => expect(timelineItem(card, 'gmail:msg-f:3')).not.toHaveTextContent('jij:'));
    expect(await db.decisions.count()).toBe(0);
  });

  it("decides for the whole conversation, a mail's own decision still first, with undo", async () => {
    const user = userEvent.setup();
    const card = await renderPanel(shown);
    const header = screen.getByRole('region', { name: 'Dit gesprek' });
    expect(header).toHaveTextContent('de regels bepalen per mail');
    await user.click(within(header).getByRole('button', { name: 'Geen antwoord nodig op de mails in dit gesprek' }));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Dit gesprek' })).toHaveTextContent('gesprek: geen antwoord nodig'),
    );
    await waitFor(() => expect(timelineItem(card, 'gmail:msg-f:1')).toHaveTextContent('geen poging'));
    expect(timelineItem(card, 'gmail:msg-f:1')).toHaveTextContent('gesprek: geen antwoord nodig');
    await user.click(
      within(screen.getByRole('region', { name: 'Dit gesprek' })).getByRole('button', { name: 'Terug naar de regel' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('region', { name: 'Dit gesprek' })).toHaveTextContent('de regels bepalen per mail'),
    );
  });
});

describe('snooze', () => {
  it('snoozes a contact until a date, shows it in the status, and wakes them up', async () => {
    const user = userEvent.setup();
    await ingestBatches(
      db,
      [
        conversation([
          message({
            messageKey: 'gmail:msg-f:9',
            threadKey: 'gmail:thread-f:9',
            from: ME,
            to: [RUUD],
            at: T0 + 2 * DAY,
            excerpt: 'Kunt u mij bellen?',
          }),
        ]),
      ],
      T0,
    );
    const card = await renderPanel(shown);
    await waitFor(() =>
      expect(within(card).getByText(/Wacht op antwoord|Traag|Reageert niet/, { selector: '.status-pill' })).toBeVisible(),
    );
    await user.click(within(card).getByRole('button', { name: 'Snoozen…' }));
    const group = within(card).getByRole('group', { name: 'Snooze Ruud Kamphuis tot de gekozen datum' });
    await user.clear(within(group).getByLabelText('Snooze tot'));
    await user.type(within(group).getByLabelText('Snooze tot'), '2026-12-20');
    await user.click(within(group).getByRole('button', { name: 'Snooze' }));
    await waitFor(() =>
      expect(
        within(screen.getByRole('article', { name: 'Ruud Kamphuis' })).getByText(/Gesnoozed tot .*20 dec/, {
          selector: '.status-pill',
        }),
      ).toBeVisible(),
    );
    expect(sent.at(-1)).toEqual({
      type: 'snooze-contact',
      snooze: { contactId: contactIdFor(RUUD.address!), until: new Date(2026, 11, 20).getTime() },
    });
    await user.click(
      within(screen.getByRole('article', { name: 'Ruud Kamphuis' })).getByRole('button', { name: 'Wakker maken' }),
    );
    await waitFor(() =>
      expect(
        within(screen.getByRole('article', { name: 'Ruud Kamphuis' })).getByText(/Wacht op antwoord|Traag|Reageert niet/, {
          selector: '.status-pill',
        }),
      ).toBeVisible(),
    );
  });

  it('refuses a date that is not after today, in words', async () => {
    const user = userEvent.setup();
    const card = await renderPanel(shown);
    await user.click(within(card).getByRole('button', { name: 'Snoozen…' }));
    const group = within(card).getByRole('group', { name: 'Snooze Ruud Kamphuis tot de gekozen datum' });
    await user.clear(within(group).getByLabelText('Snooze tot'));
    await user.type(within(group).getByLabelText('Snooze tot'), '2026-11-01');
    await user.click(within(group).getByRole('button', { name: 'Snooze' }));
    expect(within(card).getByRole('alert')).toHaveTextContent('Kies een datum na vandaag.');
    expect(sent).toEqual([]);
  });
});

describe('meetings agreed in mail', () => {
  it('shows the meeting with why, still planned, and "ging niet door" with its undo', async () => {
    const user = userEvent.setup();
    const card = await renderPanel(shown);
    const meeting = card.querySelector<HTMLElement>('.timeline__item--meeting')!;
    expect(meeting).toHaveTextContent('Afspraak: Buurtbudget');
    expect(meeting).toHaveTextContent('gepland');
    expect(meeting).toHaveTextContent(/afgesproken \(“dan zien we elkaar”\): 30 nov\.? 2026 11:00/);
    await user.click(within(meeting).getByRole('button', { name: /De afspraak van .* ging niet door/ }));
    await waitFor(() => expect(card.querySelector('.timeline__item--meeting')).toHaveTextContent('ging niet door (jouw keuze)'));
    await user.click(
      within(card.querySelector<HTMLElement>('.timeline__item--meeting')!).getByRole('button', { name: 'Ging toch door' }),
    );
    await waitFor(() => expect(card.querySelector('.timeline__item--meeting')).toHaveTextContent('gepland'));
  });
});

describe('mail that counts for nobody', () => {
  it("lists the user's collapsed mail in a thread with nobody to link it to, with the reason", async () => {
    const COLLEAGUE = person('Joris Bakker', 'joris@buurtkracht.nl');
    const lonely = conversation([
      message({
        messageKey: 'gmail:msg-f:20',
        threadKey: 'gmail:thread-f:20',
        from: ME,
        to: [],
        at: T0,
        excerpt: 'Zou u tijd hebben?',
        expanded: false,
      }),
      message({
        messageKey: 'gmail:msg-f:21',
        threadKey: 'gmail:thread-f:20',
        from: COLLEAGUE,
        to: [ME],
        at: T0 + DAY,
        excerpt: 'Weet jij wie dit is?',
      }),
    ]);
    await ingestBatches(db, [lonely], NOW);
    const tabId = ((await fakeBrowser.tabs.create({ url: 'https://mail.google.com/mail/u/0/#inbox/y' })) as { id: number }).id;
    await tabContextItem(tabId).setValue(tabContextFromBatch(lonely, NOW));
    render(<SidePanelApp db={db} tabId={tabId} now={() => NOW} send={async () => ({ ok: true })} />);
    const header = await screen.findByRole('region', { name: 'Dit gesprek' });
    await waitFor(() => expect(header).toHaveTextContent('Niet meegeteld'));
    expect(header).toHaveTextContent(/je mail van .*: geen ontvangers zichtbaar en niemand in dit gesprek/);
  });
});
