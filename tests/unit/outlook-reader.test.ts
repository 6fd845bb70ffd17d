/**
 * The Outlook reader against Outlook-shaped pages: the DEMO scenario rendered in four locales,
 * every selector and fallback (by taking the preferred form away), and the hand-written ugly
 * cases in tests/fixtures/outlook/. Expected values come from the scenario, never from a run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { ObservationBatchSchema, type MessageObservation } from '@/lib/messaging/observations';
import { createOutlookReader, readOutlook } from '@/lib/readers/outlook';
import { parseOutlookDate } from '@/lib/readers/outlook-dates';
import { OUTLOOK_SELECTORS } from '@/lib/readers/outlook-selectors';
import { gmailListPeople } from '../fixtures/render-gmail';
import {
  conversationIdFor,
  OUTLOOK_LOCALES,
  renderOutlook,
  type OutlookLocale,
  type RenderOutlookOptions,
} from '../fixtures/render-outlook';
import { atMs, DEMO_SCENARIO, lastMessage, personById, threadsByActivity, type ScenarioThread } from '../fixtures/scenario';

const timeZone = 'Europe/Amsterdam';
const now = new Date(DEMO_SCENARIO.now); // Friday 27 November 2026, 09:30 in Amsterdam
const ACCOUNT = personById(DEMO_SCENARIO, DEMO_SCENARIO.owner).address;
const INBOX = 'https://outlook.office.com/mail/inbox';
const FIXTURES = join(import.meta.dirname, '../fixtures/outlook');

/** A document at a real Outlook address, scripts off, as the content script sees it. */
function pageFrom(html: string, url = INBOX): Document {
  const window = new Window({ url, settings: { disableJavaScriptEvaluation: true, disableCSSFileLoading: true } });
  window.document.write(html);
  return window.document as unknown as Document;
}

function fixture(name: string, url = INBOX): Document {
  return pageFrom(readFileSync(join(FIXTURES, name), 'utf8'), url);
}

function read(document: Document) {
  return readOutlook(document, { now, timeZone });
}

function rendered(options: RenderOutlookOptions = {}, url = INBOX): Document {
  return pageFrom(renderOutlook(DEMO_SCENARIO, options), url);
}

/** Amsterdam wall clock 'YYYY-MM-DD HH:MM' in winter (UTC+1), or a full ISO time with offset. */
function amsterdam(wallClock: string): number {
  return Date.parse(wallClock.includes('T') ? wallClock : `${wallClock.replace(' ', 'T')}:00+01:00`);
}

function threadOf(id: string): ScenarioThread {
  return DEMO_SCENARIO.threads.find((thread) => thread.id === id)!;
}

/** The people a row shows: the senders, or the recipients when only the owner wrote (Sent Items). */
function rowPeople(thread: ScenarioThread): string[] {
  return gmailListPeople(DEMO_SCENARIO, thread).map(addressOf);
}

function addressOf(personId: string): string {
  return personById(DEMO_SCENARIO, personId).address.toLowerCase();
}

function byTime(messages: MessageObservation[]): MessageObservation[] {
  return [...messages].sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
}

// ------------------------------------------------------------------------------------------

describe('readOutlook on the rendered scenario, per locale', () => {
  describe.each(OUTLOOK_LOCALES.map((locale) => [locale] as [OutlookLocale]))('%s', (locale) => {
    const open = threadOf('zwolle-wijkaanpak');
    const result = read(rendered({ locale, openThread: open.id }));

    it('reads the account from the primary mailbox root', () => {
      expect(result.account).toBe(ACCOUNT);
    });

    it('reads every rendered row: key, subject, people with addresses, time, unread', () => {
      const expected = threadsByActivity(DEMO_SCENARIO);
      expect(result.threads.map((thread) => thread.threadKey)).toEqual(
        expected.map((thread) => `outlook:conv:${conversationIdFor(thread.id)}`),
      );
      result.threads.forEach((observation, index) => {
        const thread = expected[index]!;
        expect(observation.idSource).toBe('app');
        expect(observation.subject).toBe(thread.subject);
        expect(observation.participants.map((participant) => participant.address)).toEqual(rowPeople(thread));
        expect(observation.at).toBe(atMs(lastMessage(thread)));
        expect(observation.unread).toBe(thread.unread === true);
        expect(observation.snippet.length).toBeGreaterThan(0);
      });
    });

    it('reads every message of the open conversation, expanded and collapsed', () => {
      const messages = byTime(result.messages);
      expect(messages).toHaveLength(open.messages.length);
      messages.forEach((observation, index) => {
        const message = open.messages[index]!;
        expect(observation.threadKey).toBe(`outlook:conv:${conversationIdFor(open.id)}`);
        expect(observation.idSource).toBe('derived');
        expect(observation.messageKey).toMatch(/^outlook:derived:[0-9a-f]{16}$/);
        expect(observation.subject).toBe(open.subject);
        expect(observation.from.address).toBe(addressOf(message.from));
        expect(observation.from.name).toBe(personById(DEMO_SCENARIO, message.from).name);
        expect(observation.at).toBe(atMs(message));
        expect(observation.expanded).toBe(message === lastMessage(open));
      });
      const latest = messages.at(-1)!;
      const message = lastMessage(open);
      expect(latest.to.map((person) => person.address)).toEqual(message.to.map(addressOf));
      expect(latest.cc.map((person) => person.address)).toEqual((message.cc ?? []).map(addressOf));
      expect(latest.excerpt).toBe(message.body.join(' '));
      expect(latest.signature).toBe(personById(DEMO_SCENARIO, message.from).signature.join('\n'));
    });

    it("reports a conversation view read in full: keys from thread, sender and time are Outlook's normal case", () => {
      expect(result.health).toEqual({
        view: 'conversation',
        status: 'ok',
        itemsSeen: result.threads.length + open.messages.length,
        itemsRead: result.threads.length + open.messages.length,
        problems: {},
      });
    });

    it('makes a batch the background accepts', () => {
      const batch = { host: 'outlook', observedAt: now.getTime(), ...result };
      expect(ObservationBatchSchema.safeParse(batch).success).toBe(true);
    });
  });

  it('reads each signature style the way the sender writes it (all messages expanded)', () => {
    const thread = threadOf('zwolle-wijkaanpak');
    const result = read(rendered({ openThread: thread.id, expanded: 'all' }));
    const messages = byTime(result.messages);
    messages.forEach((observation, index) => {
      const message = thread.messages[index]!;
      const sender = personById(DEMO_SCENARIO, message.from);
      expect(observation.expanded).toBe(true);
      expect(observation.excerpt).toBe(message.body.join(' '));
      expect(observation.signature).toBe(sender.signature.length ? sender.signature.join('\n') : null);
    });
    // marked (Sanne), closing (Erik), dashes (Mark): all three styles are in this thread
    expect(new Set(thread.messages.map((message) => personById(DEMO_SCENARIO, message.from).signatureStyle))).toEqual(
      new Set(['marked', 'closing', 'dashes']),
    );
  });

  it('gives a message the same key collapsed and expanded, and on every read', () => {
    const thread = threadOf('zwolle-wijkaanpak');
    const collapsed = read(rendered({ openThread: thread.id, expanded: [] }));
    const expanded = read(rendered({ openThread: thread.id, expanded: 'all', newestFirst: false }));
    const again = read(rendered({ openThread: thread.id, expanded: 'all' }));
    const keys = (messages: MessageObservation[]) => byTime(messages).map((message) => message.messageKey);
    expect(new Set(keys(collapsed.messages)).size).toBe(thread.messages.length);
    expect(keys(expanded.messages)).toEqual(keys(collapsed.messages));
    expect(keys(again.messages)).toEqual(keys(collapsed.messages));
    expect(collapsed.messages.every((message) => !message.expanded)).toBe(true);
  });

  it('reads the short visible row times when rows carry no title: exact this week, the day before', () => {
    const result = read(rendered({ locale: 'nl', rowTimeTitles: false }));
    const expected = threadsByActivity(DEMO_SCENARIO);
    result.threads.forEach((observation, index) => {
      const last = atMs(lastMessage(expected[index]!));
      const daysAgo = (now.getTime() - last) / 86_400_000;
      if (daysAgo < 6) expect(observation.at).toBe(last);
      else {
        // "ma 2-11" shows a date without a time: the start of that day, never an invented time
        const date = new Date(last).toLocaleDateString('sv-SE', { timeZone });
        expect(observation.at).toBe(amsterdam(`${date} 00:00`));
      }
      expect(observation.atRaw).not.toMatch(/\d{4}/);
    });
  });

  it('reads only the rows the virtualized list has rendered', () => {
    const result = read(rendered({ rowLimit: 5 }));
    expect(result.threads).toHaveLength(5);
    expect(result.health.view).toBe('list');
    expect(result.health.status).toBe('ok');
  });

  it('keeps names without addresses when rows show names only (no-address counted)', () => {
    const result = read(rendered({ rowAddresses: false, rowLimit: 3 }));
    const people = result.threads.flatMap((thread) => thread.participants);
    // the owner is recognised by the display name in the page title; everyone else stays unknown
    for (const person of people) {
      expect(person.address).toBe(person.name === 'Sanne de Vries' ? ACCOUNT : null);
    }
    expect(result.health.problems['no-address']).toBe(people.filter((person) => person.address === null).length);
  });

  it('hostile subjects and names come through as plain text, and nothing is created', () => {
    const document = rendered({ openThread: 'hostile' });
    const imagesBefore = document.querySelectorAll('img, script').length;
    const result = read(document);
    const thread = result.threads.find((candidate) => candidate.threadKey === `outlook:conv:${conversationIdFor('hostile')}`)!;
    expect(thread.subject).toBe('<img src=x onerror=alert(1)>');
    expect(thread.participants[0]!.name).toBe('Anouk <b>B.</b>');
    expect(result.messages[0]!.subject).toBe('<img src=x onerror=alert(1)>');
    expect(result.messages[0]!.excerpt).toContain('<script>alert("body")</script>');
    expect(document.querySelectorAll('img, script').length).toBe(imagesBefore);
    expect(imagesBefore).toBe(0);
  });

  it('reads Outlook at every host it runs on, and nothing outside the mail views', () => {
    const html = renderOutlook(DEMO_SCENARIO, { rowLimit: 2 });
    for (const url of [
      'https://outlook.office.com/mail/',
      'https://outlook.office365.com/mail/inbox/id/AAkALgAAAAAAHYQDEapmEc2byACqAC%2FEWg0AB',
      'https://outlook.live.com/mail/0/inbox',
      'https://outlook.cloud.microsoft/mail/sentitems',
    ]) {
      expect(read(pageFrom(html, url)).threads, url).toHaveLength(2);
    }
    for (const url of ['https://outlook.office.com/calendar/view/week', 'https://outlook.office.com/people/']) {
      const result = read(pageFrom(html, url));
      expect(result.threads, url).toEqual([]);
      expect(result.health, url).toEqual({ view: 'other', status: 'ok', itemsSeen: 0, itemsRead: 0, problems: {} });
    }
  });
});

// ------------------------------------------------------------------------------------------

describe('every selector and its fallbacks', () => {
  const open = threadOf('zwolle-wijkaanpak');
  const base = () => rendered({ locale: 'en-GB', openThread: open.id, expanded: 'all' });

  /** Takes the preferred markup away; the reader must get the same facts from the fallback. */
  function without(document: Document, selector: string, change: (element: Element) => void): Document {
    const matches = [...document.querySelectorAll(selector)];
    expect(matches.length, `fixture has ${selector}`).toBeGreaterThan(0);
    matches.forEach(change);
    return document;
  }
  const dropAttribute = (name: string) => (element: Element) => element.removeAttribute(name);
  const dropClass = (name: string) => (element: Element) => element.classList.remove(name);

  const reference = read(base());
  const referenceRows = reference.threads.map(({ subject, participants, at, snippet }) => ({
    subject,
    participants,
    at,
    snippet,
  }));
  const referenceMessages = byTime(reference.messages).map(({ from, to, cc, at, excerpt, signature }) => ({
    from,
    to,
    cc,
    at,
    excerpt,
    signature,
  }));
  const rowsOf = (result: ReturnType<typeof read>) =>
    result.threads.map(({ subject, participants, at, snippet }) => ({ subject, participants, at, snippet }));
  const messagesOf = (result: ReturnType<typeof read>) =>
    byTime(result.messages).map(({ from, to, cc, at, excerpt, signature }) => ({ from, to, cc, at, excerpt, signature }));

  it('the reference page reads fully', () => {
    expect(reference.threads).toHaveLength(DEMO_SCENARIO.threads.length);
    expect(reference.messages).toHaveLength(open.messages.length);
  });

  it.each([
    ['list: #MailList without data-app-section', '[data-app-section="MessageList"]', dropAttribute('data-app-section')],
    ['list: [role=listbox] alone', '#MailList', dropAttribute('id')],
    ['row subject: first span of the second line', 'span.TtcXM', dropClass('TtcXM')],
    ['row preview: the third line', 'span.FqgPc', dropClass('FqgPc')],
    ['row time: last span of the second line', 'span._rWRU', dropClass('_rWRU')],
  ])('%s', (_name, selector, change) => {
    const document = base();
    if (selector === '#MailList') without(document, '[data-app-section="MessageList"]', dropAttribute('data-app-section'));
    expect(rowsOf(read(without(document, selector, change)))).toEqual(referenceRows);
  });

  it('row senders: the name spans when the addresses are gone, any sender-line span without the class', () => {
    const noTitles = read(without(base(), 'span.OZZZK[title]', dropAttribute('title')));
    expect(noTitles.threads.flatMap((thread) => thread.participants.map((person) => person.name))).toEqual(
      reference.threads.flatMap((thread) => thread.participants.map((person) => person.name)),
    );
    const noClass = read(
      without(base(), '[role="option"] span.OZZZK', (element) => {
        element.classList.remove('OZZZK');
        element.removeAttribute('title');
      }),
    );
    expect(noClass.threads.map((thread) => thread.participants.map((person) => person.name))).toEqual(
      reference.threads.map((thread) => thread.participants.map((person) => person.name)),
    );
  });

  it('rows without data-convid: the [role=option] fallback with derived keys', () => {
    const result = read(without(base(), '[data-convid]', dropAttribute('data-convid')));
    expect(rowsOf(result)).toEqual(referenceRows);
    expect(
      result.threads.every((thread) => thread.idSource === 'derived' && thread.threadKey.startsWith('outlook:derived:')),
    ).toBe(true);
    // the open conversation falls back to the same derived key as its row
    const row = result.threads.find((thread) => thread.subject === open.subject)!;
    expect(new Set(result.messages.map((message) => message.threadKey))).toEqual(new Set([row.threadKey]));
  });

  it.each([
    [
      'reading pane: ConversationContainer without #ConversationReadingPaneContainer',
      '#ConversationReadingPaneContainer',
      dropAttribute('id'),
    ],
    ['subject: [role=heading][aria-level=2] without the CONV_ id', '[id^="CONV_"]', dropAttribute('id')],
    ['message: the localized "Email message" without .aVla3', '.aVla3', dropClass('aVla3')],
    ['body: UniqueMessageBody_ without [role=document]', '[role="document"]', dropAttribute('role')],
  ])('%s', (_name, selector, change) => {
    expect(messagesOf(read(without(base(), selector, change)))).toEqual(referenceMessages);
  });

  it('sender name: span[title] without .OZZZK (collapsed items carry the address in a title)', () => {
    const collapsed = () => rendered({ locale: 'en-GB', openThread: open.id, expanded: [] });
    const senders = (document: Document) => byTime(read(document).messages).map((message) => message.from);
    const expected = open.messages.map((message) => ({
      name: personById(DEMO_SCENARIO, message.from).name,
      address: addressOf(message.from),
    }));
    expect(senders(collapsed())).toEqual(expected);
    expect(senders(without(collapsed(), '.aVla3 span.OZZZK[title]', dropClass('OZZZK')))).toEqual(expected);
  });

  it('the open conversation whose row the virtualized list has not rendered: a derived thread key', () => {
    const result = read(rendered({ openThread: open.id, rowLimit: 3 }));
    expect(result.threads.some((thread) => thread.subject === open.subject)).toBe(false);
    expect(new Set(result.messages.map((message) => message.threadKey)).size).toBe(1);
    expect(result.messages[0]!.threadKey).toMatch(/^outlook:derived:/);
    expect(result.health.problems['no-id']).toBe(1); // the thread key is derived; the messages' keys are dated
  });

  it("the content script's reader keeps the open conversation's id when the list scrolls its row out", () => {
    const readWithMemory = createOutlookReader();
    const selectedRowShown = readWithMemory(rendered({ openThread: open.id }), { now, timeZone });
    const keys = (result: ReturnType<typeof read>) =>
      result.messages.map(({ threadKey, messageKey }) => ({ threadKey, messageKey }));
    expect(selectedRowShown.messages[0]!.threadKey).toBe(`outlook:conv:${conversationIdFor(open.id)}`);

    // the user scrolls the list: the selected row is no longer rendered, the conversation stays open
    const scrolled = readWithMemory(rendered({ openThread: open.id, rowLimit: 3 }), { now, timeZone });
    expect(keys(scrolled)).toEqual(keys(selectedRowShown));
    expect(scrolled.health.problems['no-id']).toBeUndefined();

    // another conversation, never selected in the list: still keyed from its subject
    const other = threadOf('weesp-buurthuis');
    const unknown = readWithMemory(rendered({ openThread: other.id, rowLimit: 0 }), { now, timeZone });
    expect(unknown.messages[0]!.threadKey).toMatch(/^outlook:derived:/);
  });

  it('reading pane: a single item opened on its own (MailReadCompose)', () => {
    const document = base();
    without(document, '#ConversationReadingPaneContainer', dropAttribute('id'));
    without(document, '[data-app-section="ConversationContainer"]', (element) => {
      element.setAttribute('data-app-section', 'MailReadCompose');
      element.setAttribute('role', 'main');
    });
    expect(messagesOf(read(document))).toEqual(referenceMessages);
  });

  it("a full-page reading view: no list, and a message's attachment listbox is not taken for one", () => {
    const document = base();
    document.querySelector('[data-app-section="MessageList"]')!.remove();
    const attachments = document.createElement('div');
    attachments.setAttribute('role', 'listbox');
    attachments.setAttribute('aria-label', 'Attachments');
    const chip = document.createElement('div');
    chip.setAttribute('role', 'option');
    chip.setAttribute('aria-label', 'begroting-2027.xlsx Open 18 KB');
    chip.textContent = 'begroting-2027.xlsx';
    attachments.append(chip);
    document.querySelector('[id^="UniqueMessageBody_"]')!.after(attachments);
    const result = read(document);
    expect(result.threads).toEqual([]);
    expect(messagesOf(result)).toEqual(referenceMessages);
    expect(result.health).toEqual({
      view: 'conversation',
      status: 'partial',
      itemsSeen: open.messages.length,
      itemsRead: open.messages.length,
      problems: { 'no-id': 1 }, // no row: the thread key is derived
    });
  });

  it.each([
    ['From: Name<address>', 'From: Erik Bosman<e.bosman@zwolle.nl>', 'Erik Bosman', 'e.bosman@zwolle.nl'],
    ['Van: without a space before the address', 'Van: Erik Bosman <E.Bosman@Zwolle.nl>', 'Erik Bosman', 'e.bosman@zwolle.nl'],
    ['Von: address only', 'Von: e.bosman@zwolle.nl', 'Erik Bosman', 'e.bosman@zwolle.nl'],
    ['From: (no space after the colon)', 'From:Erik Bosman<e.bosman@zwolle.nl>', 'Erik Bosman', 'e.bosman@zwolle.nl'],
    ['Van:, no address', 'Van:Erik Bosman', 'Erik Bosman', null],
  ])('sender label %s', (_name, label, name, address) => {
    const document = base();
    const span = document.querySelector('.aVla3 span[aria-label^="From: Erik Bosman"]')!;
    span.setAttribute('aria-label', label);
    span.querySelectorAll('[title]').forEach((element) => element.removeAttribute('title'));
    const senders = read(document)
      .messages.map((message) => message.from)
      .filter((from) => from.name === name);
    expect(senders).toEqual([{ name, address }]);
  });

  it('recipients: names only (.pU1YL) when no title carries the address; label-only groups', () => {
    const document = base();
    document.querySelectorAll('[data-testid="RecipientWell"] [title]').forEach((element) => element.removeAttribute('title'));
    const latest = byTime(read(document).messages).at(-1)!;
    expect(latest.to.map((person) => person.name)).toEqual(lastMessage(open).to.map((id) => personById(DEMO_SCENARIO, id).name));
    expect(latest.to.every((person) => person.address === null)).toBe(true);

    const labelOnly = base();
    labelOnly.querySelectorAll('[data-testid="RecipientWell"] [aria-label]').forEach((group) => {
      group.textContent = '';
    });
    labelOnly
      .querySelector('[data-testid="RecipientWell"] [aria-label]')!
      .setAttribute('aria-label', 'To: Erik Bosman <e.bosman@zwolle.nl>; Mark Visser');
    const first = read(labelOnly).messages[0]!;
    expect(first.to).toEqual([
      { name: 'Erik Bosman', address: 'e.bosman@zwolle.nl' },
      { name: 'Mark Visser', address: null },
    ]);
  });

  it('more than 200 recipients: the first 200 are read, and the read is partial and says why', () => {
    const document = base();
    const group = document.querySelector('[data-testid="RecipientWell"] [aria-label]')!;
    for (let index = 0; index < 250; index++) {
      const span = document.createElement('span');
      span.setAttribute('title', `lid${index}@raad.zwolle.nl`);
      span.textContent = `Raadslid ${index}`;
      group.appendChild(span);
    }
    const result = read(document);
    expect(result.messages.every((message) => message.to.length <= 200)).toBe(true);
    expect(result.messages.some((message) => message.to.length === 200)).toBe(true);
    expect(result.health.status).toBe('partial');
    expect(result.health.problems['too-many-recipients']).toBe(1);
  });

  it.each([['Signature'], ['x_Signature'], ['ms__Signature']])('signature marked with id %s', (id) => {
    const document = base();
    without(document, '#x_Signature', (element) => element.setAttribute('id', id));
    expect(messagesOf(read(document))).toEqual(referenceMessages);
  });

  it('account: data-folder-name without title; no account when the page names none', () => {
    const noTitle = base();
    without(noTitle, '[id^="primaryMailboxRoot_"]', dropAttribute('title'));
    expect(read(noTitle).account).toBe(ACCOUNT);

    const none = base();
    without(none, '[id^="primaryMailboxRoot_"]', (element) => element.remove());
    expect(read(none).account).toBeNull();

    const inTitle = base();
    without(inTitle, '[id^="primaryMailboxRoot_"]', (element) => element.remove());
    inTitle.title = `Mail - ${ACCOUNT} - Outlook`;
    expect(read(inTitle).account).toBe(ACCOUNT);
  });

  it.each([
    ['Mail - Sanne de Vries - Outlook', ACCOUNT],
    ['Gesendete Elemente - Sanne de Vries - Outlook', ACCOUNT],
    ['Postvak IN - Sanne de Vries - Outlook', ACCOUNT],
    ['Re: Wijkaanpak - vervolg - Sanne de Vries - Outlook', null], // a subject first: not the owner's name
    ['Sanne de Vries - Outlook', null],
  ])('the owner shown by name only is the account when the title "%s" names her', (title, expected) => {
    const document = rendered({ rowAddresses: false, rowLimit: 1 }); // Nuenen: Karin Aerts and Sanne
    document.title = title;
    const participants = read(document).threads[0]!.participants;
    expect(participants.find((person) => person.name === 'Sanne de Vries')!.address).toBe(expected);
  });

  it('every selector list in the module is exercised above', () => {
    // A new selector without a test here fails this list, on purpose.
    expect(Object.keys(OUTLOOK_SELECTORS).sort()).toEqual(
      [
        'body',
        'bodyQuote',
        'bodySignature',
        'expandedState',
        'list',
        'mailboxRoot',
        'message',
        'messageTime',
        'readingPane',
        'recipient',
        'recipientGroup',
        'recipientWell',
        'row',
        'rowConversationIdAttribute',
        'rowPreview',
        'rowSender',
        'rowSubject',
        'rowTime',
        'sender',
        'senderName',
        'subject',
      ].sort(),
    );
  });
});

// ------------------------------------------------------------------------------------------

describe('the ugly cases (hand-written fixtures)', () => {
  it('rows without data-convid get derived keys, stable and subject-based; unread from the accessible name', () => {
    const result = read(fixture('rows-without-convid.en-US.html'));
    expect(result.threads.map((thread) => thread.idSource)).toEqual(['app', 'derived', 'derived', 'app']);
    expect(result.threads[0]!.threadKey).toBe(
      'outlook:conv:AAQkAGI2NTBiZDk4LTQ1ZWQtNDU0Ni1hMjMwLTgyNGRmOTJmNDVkOAAQAAAAAAAAAAA0001=',
    );
    expect(result.threads[1]!.threadKey).toMatch(/^outlook:derived:[0-9a-f]{16}$/);
    expect(result.threads[1]!.threadKey).not.toBe(result.threads[2]!.threadKey);
    expect(read(fixture('rows-without-convid.en-US.html')).threads.map((thread) => thread.threadKey)).toEqual(
      result.threads.map((thread) => thread.threadKey),
    );
    // "Unread Important ...", "Unread ..." via aria-labelledby, and a read row
    expect(result.threads.map((thread) => thread.unread)).toEqual([true, true, true, false]);
    expect(result.threads[2]!.participants).toEqual([
      { name: 'Fatima El Amrani', address: 'f.el.amrani@amsterdam.nl' },
      { name: 'Sanne de Vries', address: ACCOUNT },
    ]);
    expect(result.threads.map((thread) => thread.at)).toEqual([
      amsterdam('2026-11-27 08:55'), // title "Fri 11/27/2026 8:55 AM"
      amsterdam('2026-11-27 07:41'), // "7:41 AM": today
      amsterdam('2026-11-25 16:20'), // "Wed 4:20 PM": the Wednesday before
      amsterdam('2026-11-05 00:00'), // "Thu 11/5": a date, no time shown
    ]);
    expect(result.health).toEqual({ view: 'list', status: 'partial', itemsSeen: 4, itemsRead: 4, problems: { 'no-id': 2 } });
  });

  it('a sender without an address keeps the name, address null, counted; the owner by name is the account', () => {
    const result = read(fixture('sender-without-address.nl.html'));
    expect(result.threads[0]!.participants).toEqual([{ name: 'Gemeente Zwolle', address: null }]);
    const [message] = result.messages;
    expect(message!.from).toEqual({ name: 'Gemeente Zwolle', address: null });
    expect(message!.to).toEqual([{ name: 'Sanne de Vries', address: ACCOUNT }]);
    expect(message!.cc).toEqual([{ name: 'Team Buurtbudget', address: null }]);
    expect(message!.threadKey).toBe(result.threads[0]!.threadKey);
    expect(message!.at).toBe(amsterdam('2026-11-25 11:02'));
    expect(message!.signature).toBe('Team Buurtbudget\nGemeente Zwolle');
    expect(message!.excerpt).toBe(
      'Geachte mevrouw De Vries, Wij hebben uw aanvraag voor het buurtbudget ontvangen. U hoort binnen zes weken van ons.',
    );
    expect(result.health.problems).toEqual({ 'no-address': 3 });
    expect(result.health.status).toBe('partial');
  });

  it('a conversation split across Inbox and Sent Items is one thread, quoted history left out', () => {
    const result = read(fixture('split-folders.en-GB.html'));
    const threadKey = 'outlook:conv:AAQkAGI2NTBiZDk4LTQ1ZWQtNDU0Ni1hMjMwLTgyNGRmOTJmNDVkOAAQAAAAAAAAAAA0200=';
    const messages = byTime(result.messages);
    expect(messages.map((message) => [message.from.address, message.at, message.expanded, message.threadKey])).toEqual([
      ['e.bosman@zwolle.nl', amsterdam('2026-11-16 15:40'), false, threadKey],
      [ACCOUNT, amsterdam('2026-11-17 09:21'), false, threadKey],
      ['e.bosman@zwolle.nl', amsterdam('2026-11-17 11:30'), true, threadKey],
    ]);
    const newest = messages[2]!;
    expect(newest.excerpt).toBe('Prima, tot dinsdag.');
    expect(newest.signature).toBe('Erik Bosman\nBeleidsadviseur Wmo en participatie');
    expect(JSON.stringify(result)).not.toContain('Wethouder van niets');
    expect(messages[1]!.excerpt).toBe('Top, dan zien we elkaar dinsdag 24 november om 10:00.'); // no "Sent Items"
    expect(result.threads[0]!.at).toBe(amsterdam('2026-11-17 11:30'));
  });

  it('hidden stale lists and panes are never read', () => {
    const result = read(fixture('stale-panes.nl.html'));
    expect(result.threads.map((thread) => thread.subject)).toEqual(['Ruimte in buurthuis De Bijenkorf']);
    expect(result.messages.map((message) => message.from.address)).toEqual(['h.jansen@weesp.nl']);
    expect(result.messages[0]!.threadKey).toBe(result.threads[0]!.threadKey);
    expect(JSON.stringify(result)).not.toMatch(/oud|ouder/i);
  });

  it('German: short list dates, relative dates, Von/An/Cc, an older build without the newer attributes', () => {
    const result = read(fixture('german-dates.de.html'));
    expect(result.account).toBe(ACCOUNT);
    expect(result.threads.map((thread) => [thread.subject, thread.at, thread.atRaw])).toEqual([
      ['Pilot Schuldenhilfe', amsterdam('2026-11-27 08:55'), '08:55'],
      ['Jugendarbeit', amsterdam('2026-11-25 14:03'), 'Mi 14:03'],
      ['Förderantrag', amsterdam('2026-11-02 00:00'), 'Mo 02.11.'],
      ['Jahresrückblick', amsterdam('2025-11-02 00:00'), '02.11.2025'],
      ['Freiwilligenmarkt', null, 'Do 31.11.'], // no such day: raw text kept, never a guessed time
    ]);
    expect(result.threads[0]!.unread).toBe(true);
    const messages = byTime(result.messages);
    expect(messages.map((message) => [message.from.address, message.at, message.expanded])).toEqual([
      ['f.el.amrani@amsterdam.nl', amsterdam('2026-11-25 13:19'), false], // "Mi 13:19"
      [ACCOUNT, amsterdam('2026-11-26 16:20'), false], // "Gestern 16:20"
      ['f.el.amrani@amsterdam.nl', amsterdam('2026-11-27 08:55'), true], // "Fr 27.11.2026 08:55"
    ]);
    const latest = messages[2]!;
    expect(latest.to).toEqual([{ name: 'Sanne de Vries', address: ACCOUNT }]);
    expect(latest.cc).toEqual([{ name: 'Henk Jansen', address: 'h.jansen@weesp.nl' }]);
    expect(latest.signature).toBe('Fatima El Amrani\nProgrammmanagerin Armut und Schulden');
    expect(messages[0]!.excerpt).toBe('Wir suchen Partner für ein Pilotprojekt.');
    expect(result.health.problems).toEqual({ 'unparsable-date': 1 });
    expect(result.health.view).toBe('conversation');
  });

  it('a page we do not recognise: status unrecognised, nothing read, no exception', () => {
    const result = read(fixture('unrecognised.html', 'https://outlook.office.com/mail/inbox'));
    expect(result).toEqual({
      account: null,
      threads: [],
      messages: [],
      health: { view: 'other', status: 'unrecognised', itemsSeen: 0, itemsRead: 0, problems: { 'unknown-markup': 1 } },
    });
  });

  it('the calendar is not a mail view, even with list-shaped markup', () => {
    const result = read(fixture('calendar.html', 'https://outlook.office.com/calendar/view/week'));
    expect(result).toEqual({
      account: ACCOUNT,
      threads: [],
      messages: [],
      health: { view: 'other', status: 'ok', itemsSeen: 0, itemsRead: 0, problems: {} },
    });
  });

  it('an empty document and a pane whose items we do not know do not throw', () => {
    expect(read(pageFrom('<!DOCTYPE html><html><body></body></html>')).health.status).toBe('unrecognised');
    const result = read(pageFrom('<div id="ConversationReadingPaneContainer"><div class="new-item">Hallo</div></div>'));
    expect(result.health).toMatchObject({ view: 'conversation', status: 'unrecognised', problems: { 'unknown-markup': 1 } });
  });

  it('a message without a sender is skipped and counted, the others read', () => {
    const document = rendered({ openThread: 'zwolle-wijkaanpak', expanded: 'all' });
    document.querySelector('.aVla3 span[aria-label^="Van: "]')!.remove();
    const result = read(document);
    expect(result.messages).toHaveLength(3);
    expect(result.health.problems['no-sender']).toBe(1);
    expect(result.health.itemsRead).toBe(result.health.itemsSeen - 1);
  });
});

// ------------------------------------------------------------------------------------------

describe('parseOutlookDate: the forms Outlook adds to dates.ts', () => {
  type Row = [text: string, localeHint: string | undefined, expected: string | null];
  const rows: Row[] = [
    ['ma 2-11', 'nl', '2026-11-02 00:00'],
    ['Mo 02.11.', 'de', '2026-11-02 00:00'],
    ['Mon 02/11', 'en-GB', '2026-11-02 00:00'],
    ['Mon 11/2', 'en-US', '2026-11-02 00:00'],
    ['Mon 11/2', 'en-GB', '2026-11-02 00:00'], // only 2 Nov is a Monday: the weekday decides
    ['Mon 02/11', 'en-US', '2026-11-02 00:00'],
    ['03/12', 'en-GB', '2025-12-03 00:00'], // no weekday: the page language decides
    ['03/12', 'en-US', '2026-03-12T00:00+01:00'],
    ['03/12', undefined, null], // ...and without one, never a guess
    ['vr 28-11', 'nl', '2025-11-28 00:00'], // this year's would be in the future (and is no Friday)
    ['Mon 11/2/2026 10:32 AM', 'en-GB', '2026-11-02 10:32'], // user's format is US, page language GB
    ['Mon 02/11/2026 10:32', 'en', '2026-11-02 10:32'],
    ['Sent: Monday, November 2, 2026 10:32 AM', 'en', '2026-11-02 10:32'],
    ['Verzonden: maandag 2 november 2026 10:32', 'nl', '2026-11-02 10:32'],
    ['Do 31.11.', 'de', null],
    ['di 2-11', 'nl', null], // 2 November is a Monday
    ['2-11-2026', 'nl', '2026-11-02 00:00'], // full dates stay with dates.ts
  ];
  it.each(rows)('%s (%s)', (text, localeHint, expected) => {
    const parsed = parseOutlookDate(text, { now, localeHint, timeZone });
    expect(parsed.at).toBe(expected === null ? null : amsterdam(expected));
    expect(parsed.raw).toBe(text);
  });
});
