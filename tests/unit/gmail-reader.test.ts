import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGmail } from '@/lib/readers/gmail';
import { GMAIL_SELECTORS } from '@/lib/readers/gmail-selectors';
import { normaliseAddress } from '@/lib/vocabulary/address';
import type { ListRow, ReaderResult } from '@/lib/readers/types';
import {
  expectedGmailMessageKey,
  expectedGmailThreadKey,
  gmailHash,
  gmailListPeople,
  justSentId,
  renderGmail,
  type RenderGmailOptions,
} from '../fixtures/render-gmail';
import {
  atMs,
  DEMO_SCENARIO,
  lastMessage,
  longThreadScenario,
  personById,
  snippetOf,
  type ScenarioThread,
} from '../fixtures/scenario';

const timeZone = 'Europe/Amsterdam';
const NOW = new Date(DEMO_SCENARIO.now);
const OWNER = 'sanne@buurtkracht.nl';

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}
function fixture(name: string): Document {
  return parse(readFileSync(join(process.cwd(), 'tests/fixtures/gmail', name), 'utf8'));
}
function read(doc: Document, now = NOW): ReaderResult {
  return readGmail(doc, { now, timeZone });
}
function render(options: RenderGmailOptions): Document {
  return parse(renderGmail(DEMO_SCENARIO, options));
}
const iso = (text: string) => new Date(text).getTime();
const addresses = (people: Array<{ address: string | null }>) => people.map((person) => person.address);
const addressOf = (id: string) => personById(DEMO_SCENARIO, id).address.toLowerCase();
const threadById = (id: string) => DEMO_SCENARIO.threads.find((thread) => thread.id === id)!;

/** Removes a class from every element that has it: simulates Gmail dropping an obfuscated class. */
function dropClass(doc: Document, className: string): void {
  for (const element of doc.querySelectorAll(`.${className}`)) element.classList.remove(className);
}
function dropAttribute(doc: Document, attribute: string): void {
  for (const element of doc.querySelectorAll(`[${attribute}]`)) element.removeAttribute(attribute);
}

// ---------------------------------------------------------------------------------------------

describe('Gmail list view rendered from the demo scenario', () => {
  const expectThreadsMatchScenario = (result: ReaderResult, locale: 'nl' | 'en') => {
    expect(result.account).toBe(OWNER);
    expect(result.health).toEqual({
      view: 'list',
      status: 'ok',
      itemsSeen: DEMO_SCENARIO.threads.length,
      itemsRead: DEMO_SCENARIO.threads.length,
      problems: {},
    });
    expect(result.messages).toEqual([]);
    expect(result.threads).toHaveLength(DEMO_SCENARIO.threads.length);
    // newest activity first, as the list shows them
    const times = result.threads.map((thread) => thread.at!);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    for (const thread of DEMO_SCENARIO.threads) {
      const observed = result.threads.find((candidate) => candidate.threadKey === expectedGmailThreadKey(thread));
      expect(observed, thread.id).toBeDefined();
      const last = lastMessage(thread);
      expect(observed).toMatchObject({
        idSource: 'app',
        subject: thread.subject,
        snippet: snippetOf(last),
        at: atMs(last),
        unread: thread.unread === true,
        messageCount: thread.messages.length,
      });
      expect(addresses(observed!.participants)).toEqual(gmailListPeople(DEMO_SCENARIO, thread).map(addressOf));
      const ownerEntry = observed!.participants.find((participant) => participant.address === OWNER);
      if (ownerEntry) expect(ownerEntry.name).toBe(locale === 'nl' ? 'ik' : 'me');
    }
  };

  it('reads every thread with its key, time, people, state and count (Dutch UI)', () => {
    expectThreadsMatchScenario(read(render({ view: 'list' })), 'nl');
  });

  it('reads the same from the English UI', () => {
    expectThreadsMatchScenario(read(render({ view: 'list', locale: 'en' })), 'en');
  });

  it('reads the vertical-split layout (2-3 rows per thread) the same as the default layout', () => {
    const split = read(render({ view: 'list', verticalSplit: true }));
    expect(split.threads).toEqual(read(render({ view: 'list' })).threads);
    expectThreadsMatchScenario(split, 'nl');
  });

  it('ignores a hidden stale conversation view next to the visible list', () => {
    const result = read(render({ view: 'list', staleView: true }));
    expect(result.messages).toEqual([]);
    expect(result.health.view).toBe('list');
    expect(result.threads).toHaveLength(DEMO_SCENARIO.threads.length);
  });

  it('without ids derives stable keys, times from the localized titles, and says so', () => {
    const result = read(render({ view: 'list', ugly: { noIds: true } }));
    expect(result.health).toMatchObject({ view: 'list', status: 'partial', problems: { 'no-id': DEMO_SCENARIO.threads.length } });
    expect(result.threads.every((thread) => thread.idSource === 'derived' && thread.threadKey.startsWith('gmail:derived:'))).toBe(
      true,
    );
    expect(new Set(result.threads.map((thread) => thread.threadKey)).size).toBe(DEMO_SCENARIO.threads.length);
    for (const thread of DEMO_SCENARIO.threads) {
      const observed = result.threads.find((candidate) => candidate.subject === thread.subject)!;
      expect(observed.at, thread.id).toBe(atMs(lastMessage(thread)));
    }
    // the same threads in another language and layout give the same derived keys, when the
    // participant names do not depend on the language (the owner is matched by address)
    const english = read(render({ view: 'list', locale: 'en', verticalSplit: true, ugly: { noIds: true } }));
    expect(english.threads.map((thread) => thread.threadKey).sort()).toEqual(
      result.threads.map((thread) => thread.threadKey).sort(),
    );
  });

  it('the hostile subject comes through as plain text and nothing in the page is created or changed', () => {
    const doc = render({ view: 'list' });
    const before = doc.documentElement.outerHTML;
    const result = read(doc);
    const hostile = result.threads.find((thread) => thread.threadKey === expectedGmailThreadKey(threadById('hostile')))!;
    expect(hostile.subject).toBe('<img src=x onerror=alert(1)>');
    expect(hostile.snippet).toBe('<script>alert("body")</script> Is dit een </div> probleem?');
    expect(hostile.participants[0]).toEqual({ address: 'anouk.b@hotmail.com', name: 'Anouk <b>B.</b>' });
    expect(doc.querySelectorAll('img[onerror], img[src="x"], script').length).toBe(0);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('onRow is told about every row read, in page order, with its first tr and first participant; the result is the same', () => {
    for (const verticalSplit of [false, true]) {
      const doc = render({ view: 'list', verticalSplit });
      const rows: ListRow[] = [];
      const result = readGmail(doc, { now: NOW, timeZone, onRow: (row) => rows.push(row) });
      expect(result).toEqual(read(doc));
      expect(rows.map((row) => row.thread)).toEqual(result.threads);
      expect(rows.map((row) => row.element)).toEqual([...doc.querySelectorAll('tr.zA')]);
      for (const row of rows) {
        expect(row.element.contains(row.anchor)).toBe(true);
        expect(normaliseAddress(row.anchor!.getAttribute('email'))).toBe(row.thread.participants[0]!.address);
      }
    }
  });

  it('without an account in the title or a button, keeps the owner address from the email attribute', () => {
    const result = read(render({ view: 'list', ugly: { noAccount: true } }));
    expect(result.account).toBeNull();
    const nuenen = result.threads.find((thread) => thread.threadKey === expectedGmailThreadKey(threadById('nuenen-jeugd')))!;
    expect(nuenen.participants).toContainEqual({ address: OWNER, name: 'ik' });
  });
});

describe('Gmail conversation view rendered from the demo scenario', () => {
  const expectedSignature = (personId: string) => {
    const person = personById(DEMO_SCENARIO, personId);
    return person.signatureStyle === 'none' || person.signature.length === 0 ? null : person.signature.join('\n');
  };

  it.each(DEMO_SCENARIO.threads.map((thread) => [thread.id, thread] as [string, ScenarioThread]))(
    'reads every message of %s',
    (_, thread) => {
      const result = read(render({ view: 'conversation', threadId: thread.id }));
      expect(result.health).toEqual({
        view: 'conversation',
        status: 'ok',
        itemsSeen: thread.messages.length,
        itemsRead: thread.messages.length,
        problems: {},
      });
      expect(result.threads).toEqual([]);
      expect(result.messages).toHaveLength(thread.messages.length);
      thread.messages.forEach((message, index) => {
        const observed = result.messages[index]!;
        const expanded = index === thread.messages.length - 1;
        expect(observed).toMatchObject({
          messageKey: expectedGmailMessageKey(message),
          threadKey: expectedGmailThreadKey(thread),
          idSource: 'app',
          subject: thread.subject,
          at: atMs(message),
          expanded,
          cc: [],
        });
        expect(observed.from.address).toBe(addressOf(message.from));
        if (expanded) {
          expect(addresses(observed.to)).toEqual([...message.to, ...(message.cc ?? [])].map(addressOf));
          expect(observed.excerpt).toBe(message.body.join(' ').replace(/\s+/g, ' '));
          expect(observed.signature).toBe(expectedSignature(message.from));
        } else {
          expect(observed.to).toEqual([]);
          expect(observed.excerpt).toBe(snippetOf(message));
          expect(observed.signature).toBeNull();
        }
      });
    },
  );

  it('reads every message expanded, quotes left out of excerpts', () => {
    const thread = threadById('zwolle-wijkaanpak');
    const result = read(render({ view: 'conversation', threadId: thread.id, expandAll: true }));
    expect(result.messages).toHaveLength(thread.messages.length);
    for (const [index, observed] of result.messages.entries()) {
      const message = thread.messages[index]!;
      expect(observed.expanded).toBe(true);
      expect(observed.excerpt).toBe(message.body.join(' '));
      expect(observed.signature).toBe(expectedSignature(message.from));
      if (index > 0) expect(observed.excerpt).not.toContain(thread.messages[index - 1]!.body[1]!);
    }
  });

  it('reads a 50-message conversation (the benchmark input)', () => {
    const long = longThreadScenario(DEMO_SCENARIO, 'zwolle-wijkaanpak', 50);
    const thread = long.threads[0]!;
    const result = readGmail(parse(renderGmail(long, { view: 'conversation', threadId: thread.id })), { now: NOW, timeZone });
    expect(result.health).toMatchObject({ status: 'ok', itemsSeen: 50, itemsRead: 50 });
    expect(result.messages.map((message) => message.messageKey)).toEqual(thread.messages.map(expectedGmailMessageKey));
    expect(result.messages.map((message) => message.at)).toEqual(thread.messages.map(atMs));
  });

  it('maps "mij" among recipients to the account address', () => {
    const result = read(render({ view: 'conversation', threadId: 'amsterdam-armoede' }));
    expect(result.messages.at(-1)!.to).toEqual([{ address: OWNER, name: 'mij' }]);
  });

  it('data-thread-perm-id="undefined" falls back to the legacy thread id', () => {
    const thread = threadById('utrecht-subsidie');
    const result = read(render({ view: 'conversation', threadId: thread.id, ugly: { permIdUndefined: true } }));
    expect(result.health.status).toBe('ok');
    expect(result.messages.every((message) => message.threadKey === expectedGmailThreadKey(thread))).toBe(true);
  });

  it('a reply just sent from this tab is keyed by its #msg-a id and timed by its date title', () => {
    const thread = threadById('nuenen-jeugd');
    const result = read(render({ view: 'conversation', threadId: thread.id, ugly: { justSentReply: true } }));
    const last = lastMessage(thread);
    expect(result.messages.at(-1)).toMatchObject({
      messageKey: `gmail:msg-a:${justSentId(last)}`,
      idSource: 'app',
      at: atMs(last),
    });
    expect(result.health.status).toBe('ok');
  });

  it('without ids derives thread and message keys, stable across reads, and counts them', () => {
    const thread = threadById('overbetuwe-vrijwilligers');
    const first = read(render({ view: 'conversation', threadId: thread.id, ugly: { noIds: true } }));
    const second = read(render({ view: 'conversation', threadId: thread.id, ugly: { noIds: true }, staleView: true }));
    expect(first.messages).toEqual(second.messages);
    expect(first.health).toMatchObject({ status: 'partial', problems: { 'no-id': 1 + thread.messages.length } });
    expect(new Set(first.messages.map((message) => message.threadKey)).size).toBe(1);
    expect(first.messages[0]!.threadKey).toMatch(/^gmail:derived:[0-9a-f]{16}$/);
    expect(new Set(first.messages.map((message) => message.messageKey)).size).toBe(thread.messages.length);
    expect(first.messages.map((message) => message.at)).toEqual(thread.messages.map(atMs));
  });

  it('ignores a hidden stale list next to the visible conversation', () => {
    const result = read(render({ view: 'conversation', threadId: 'weesp-buurthuis', staleView: true }));
    expect(result.threads).toEqual([]);
    expect(result.messages).toHaveLength(2);
  });

  it('the hash of the rendered view is a conversation route', () => {
    expect(gmailHash(DEMO_SCENARIO, { view: 'conversation', threadId: 'weesp-buurthuis' })).toMatch(/^#inbox\/[0-9a-f]{16}$/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('hand-written fixtures', () => {
  it('list-modern-nl: ids, draft-aware times, legacy-only ids, "Aan:" rows, hostile text', () => {
    const result = read(fixture('list-modern-nl.html'));
    expect(result.account).toBe(OWNER);
    expect(result.health).toEqual({ view: 'list', status: 'ok', itemsSeen: 5, itemsRead: 5, problems: {} });
    expect(result.threads.map((thread) => [thread.threadKey, thread.at, thread.unread, thread.messageCount])).toEqual([
      ['gmail:thread-f:1882367899730499536', iso('2026-11-26T14:03+01:00'), true, 4],
      ['gmail:thread-f:1882936206951290407', iso('2026-11-26T16:45+01:00'), true, 1],
      // the last message is a draft (27 Nov 08:15 would be its time): the non-draft one counts
      ['gmail:thread-f:1881646143898275463', iso('2026-11-25T09:30+01:00'), false, 3],
      // only data-legacy-thread-id: hex 1a21bdb8120b11d9 as decimal
      ['gmail:thread-f:1882994717491925465', iso('2026-11-27T08:15+01:00'), true, 1],
      ['gmail:thread-f:1880484741120083489', iso('2026-11-24T10:00+01:00'), false, 3],
    ]);
    expect(result.threads[0]!.participants).toEqual([
      { address: 'e.bosman@zwolle.nl', name: 'Erik Bosman' },
      { address: OWNER, name: 'ik' },
    ]);
    expect(result.threads[0]!.atRaw).toBe('do 26 nov. 2026 14:03');
    expect(result.threads[0]!.snippet).toBe('Dinsdag past mij prima. Ik neem de cijfers van het buurthuis mee.');
    expect(result.threads[1]).toMatchObject({
      subject: '<img src=x onerror=alert(1)>',
      participants: [{ address: 'anouk.b@hotmail.com', name: 'Anouk <b>B.</b>' }],
    });
    // "Concept" (draft marker) has no address and is not a participant
    expect(result.threads[2]!.participants.map((participant) => participant.name)).toEqual(['Pieter de Graaf', 'ik']);
    expect(result.threads[4]!.participants).toEqual([{ address: 's.hoekstra@sudwestfryslan.nl', name: 'Sjoukje Hoekstra' }]);
  });

  it('list-vertical-split-en: one thread per 2-3 rows; a row without legacy ids is timed from its en-US title', () => {
    const result = read(fixture('list-vertical-split-en.html'));
    expect(result.health).toEqual({ view: 'list', status: 'ok', itemsSeen: 3, itemsRead: 3, problems: {} });
    expect(result.threads.map((thread) => [thread.threadKey, thread.subject, thread.at, thread.atRaw])).toEqual([
      [
        'gmail:thread-f:1882740857241774632',
        'Pilot debt help in the neighbourhood – Nieuw-West',
        iso('2026-11-26T14:03+01:00'),
        'Thu, Nov 26, 2026, 2:03 PM',
      ],
      [
        'gmail:thread-f:1882635160781771364',
        'Volunteer market Elst and Zetten',
        iso('2026-11-23T09:00+01:00'),
        'Mon, Nov 23, 2026, 9:00 AM',
      ],
      [
        'gmail:thread-f:1882996290356144744',
        'Youth approach Nuenen: evaluation',
        iso('2026-11-27T08:40+01:00'),
        'Fri, Nov 27, 2026, 8:40 AM',
      ],
    ]);
    expect(result.threads[0]).toMatchObject({
      unread: true,
      messageCount: 3,
      snippet: 'Hi Sanne, the proposal looks good. Can you join the partner meeting on 3 December?',
    });
    expect(result.threads[0]!.participants[1]).toEqual({ address: OWNER, name: 'me' });
  });

  it('list-no-ids-2014-style: derived keys, duplicate row merged, stripped and corrupt rows counted', () => {
    const now = new Date('2014-12-19T10:00:00+01:00');
    const result = read(fixture('list-no-ids-2014-style.html'), now);
    expect(result.account).toBe('sanne.devries.test@gmail.com');
    expect(result.health).toEqual({
      view: 'list',
      status: 'partial',
      itemsSeen: 7,
      itemsRead: 6,
      problems: { 'no-id': 6, 'no-participants': 1, 'unparsable-date': 1, 'no-address': 1 },
    });
    expect(result.threads.map((thread) => [thread.subject, thread.at, thread.unread, thread.messageCount])).toEqual([
      ['notes for the meeting', iso('2014-12-18T12:35+01:00'), true, 1],
      ['Newsletter December', iso('2014-12-10T06:02+01:00'), true, 1],
      ['Community dinner', iso('2014-07-28T19:08+02:00'), false, 2],
      ['Room in the community centre', null, false, 1],
      ['Council information evening', iso('2014-06-30T09:00+02:00'), false, 1],
    ]);
    expect(
      result.threads.every((thread) => thread.idSource === 'derived' && /^gmail:derived:[0-9a-f]{16}$/.test(thread.threadKey)),
    ).toBe(true);
    expect(result.threads[3]!.atRaw).toBe('EDITEDec 2, 2014 at 10:59 AM');
    // the summary div.afn repeats the participant span: it must not double it
    expect(result.threads[0]!.participants).toEqual([{ address: 'sanne.devries.test@gmail.com', name: 'me' }]);
    expect(result.threads[2]!.participants.map((participant) => participant.address)).toEqual([
      'keesmulder1961@gmail.com',
      'sanne.devries.test@gmail.com',
    ]);
    expect(result.threads[4]!.participants).toEqual([{ address: null, name: 'Griffie gemeente Utrecht' }]);
    expect(result.threads[1]!.snippet).toBe(
      'In this issue: new figures, grant rounds and an interview about neighbourhood teams.',
    );

    // derived keys do not depend on row order or on other rows
    const reversed = fixture('list-no-ids-2014-style.html');
    const body = reversed.querySelector('table.F tbody')!;
    for (const row of [...body.children].reverse()) body.appendChild(row);
    const again = read(reversed, now);
    expect(again.threads.map((thread) => thread.threadKey).sort()).toEqual(
      result.threads.map((thread) => thread.threadKey).sort(),
    );
  });

  it('conversation-nl: collapsed and expanded messages, quotes and signatures, a just-sent reply', () => {
    const result = read(fixture('conversation-nl.html'));
    expect(result.health).toEqual({ view: 'conversation', status: 'ok', itemsSeen: 5, itemsRead: 5, problems: {} });
    const threadKey = 'gmail:thread-f:1882183119667213941';
    expect(result.messages.map((message) => [message.messageKey, message.at, message.expanded, message.from.address])).toEqual([
      ['gmail:msg-f:1882183119667213941', iso('2026-11-18T09:15+01:00'), false, OWNER],
      ['gmail:msg-f:1882189851525133941', iso('2026-11-18T11:02+01:00'), false, 'pieter.de.graaf@utrecht.nl'],
      ['gmail:msg-f:1882301084467213941', iso('2026-11-19T16:30+01:00'), true, 'pieter.de.graaf@utrecht.nl'],
      ['gmail:msg-f:1882639250227213941', iso('2026-11-23T10:05+01:00'), true, OWNER],
      ['gmail:msg-a:r6412357920187436512', iso('2026-11-27T09:12+01:00'), true, OWNER],
    ]);
    expect(
      result.messages.every(
        (message) => message.threadKey === threadKey && message.subject === 'Subsidieaanvraag Buurtkracht 2027',
      ),
    ).toBe(true);
    const [collapsed, , closing, marked, justSent] = result.messages;
    expect(collapsed!.excerpt).toBe('Beste Pieter, Bijgaand onze subsidieaanvraag voor 2027. Met vriendelijke groet, Sanne');
    expect(collapsed!.from.name).toBe('ik');
    expect(closing).toMatchObject({
      to: [
        { address: OWNER, name: 'mij' },
        { address: 'daan@buurtkracht.nl', name: 'Daan Koster' },
      ],
      excerpt:
        'Beste Sanne, Ik heb nog een vraag over de begroting: kun je de personeelskosten toelichten? De aanvraag gaat vrijdag naar de commissie.',
      // the quoted history holds another marked signature: not this message's
      signature: 'Pieter de Graaf\nSenior beleidsadviseur Welzijn\nGemeente Utrecht',
    });
    expect(marked).toMatchObject({
      excerpt: 'Beste Pieter, De personeelskosten betreffen twee opbouwwerkers voor samen 1,4 fte. Groet, Sanne',
      signature: 'Sanne de Vries\nBuurtkracht | sociale onderneming\n06 12 34 56 78',
    });
    expect(justSent).toMatchObject({
      idSource: 'app',
      atRaw: 'vr 27 nov. 2026 09:12',
      excerpt: 'Beste Pieter, is er al nieuws uit de commissie?',
      signature: null,
    });
  });

  it('conversation-perm-id-undefined-en: legacy thread id, account from the button, en-GB dates, "-- " signature', () => {
    const result = read(fixture('conversation-perm-id-undefined-en.html'));
    expect(result.account).toBe(OWNER);
    expect(result.health).toEqual({
      view: 'conversation',
      status: 'partial',
      itemsSeen: 2,
      itemsRead: 2,
      problems: { 'no-id': 1 },
    });
    const [collapsed, expanded] = result.messages;
    expect(collapsed).toMatchObject({
      threadKey: 'gmail:thread-f:1840775587431202904',
      idSource: 'derived',
      at: iso('2025-08-18T09:00+02:00'),
      atRaw: '18 Aug 2025, 09:00',
      expanded: false,
    });
    expect(collapsed!.messageKey).toMatch(/^gmail:derived:[0-9a-f]{16}$/);
    expect(expanded).toMatchObject({
      messageKey: 'gmail:msg-f:1840973076235042904',
      threadKey: 'gmail:thread-f:1840775587431202904',
      at: iso('2025-08-20T13:19+02:00'),
      to: [
        { address: OWNER, name: 'me' },
        { address: 'lotte.verbeek@overbetuwevoorelkaar.nl', name: 'Lotte Verbeek' },
      ],
      excerpt: 'Good to hear. I will drop by on behalf of the party as well.',
      signature: 'Gerrit Hendriks\nRaadslid gemeenteraad Overbetuwe',
    });
  });

  it('stale-views: reads only the visible conversation, not the hidden list, [hidden] or aria-hidden views', () => {
    const result = read(fixture('stale-views.html'));
    expect(result.health).toEqual({ view: 'conversation', status: 'ok', itemsSeen: 3, itemsRead: 3, problems: {} });
    expect(result.threads).toEqual([]);
    expect(result.messages.map((message) => message.threadKey)).toEqual(Array(3).fill('gmail:thread-f:1880196592435580822'));
    expect(JSON.stringify(result)).not.toContain('stale');
    expect(result.messages.map((message) => message.from.address)).toEqual([OWNER, OWNER, OWNER]);
    expect(result.messages[2]!.to).toEqual([{ address: 'm.van.dijk@zwolle.nl', name: 'Monique van Dijk' }]);
  });

  it('unrecognised-list: an inbox whose rows we cannot parse is unrecognised, not "0 rows"', () => {
    const result = read(fixture('unrecognised-list.html'));
    expect(result.threads).toEqual([]);
    expect(result.health).toEqual({
      view: 'list',
      status: 'unrecognised',
      itemsSeen: 0,
      itemsRead: 0,
      problems: { 'unknown-markup': 1 },
    });
  });

  it('empty-inbox-nl: an empty folder is ok with 0 rows', () => {
    expect(read(fixture('empty-inbox-nl.html')).health).toEqual({
      view: 'list',
      status: 'ok',
      itemsSeen: 0,
      itemsRead: 0,
      problems: {},
    });
  });
});

// ---------------------------------------------------------------------------------------------

describe('hidden views: decided from attributes, the browser asked only when they leave two', () => {
  /**
   * Gmail's view switch, built from two fixtures: the views are the children of the main content
   * container (div.aeF > div.nH), and the inactive ones carry an inline display: none on that
   * container (the attribute InboxSDK watches to follow view changes), while the [role=main] inside
   * has no hiding attribute of its own. Visible: the list of list-modern-nl.html. Before it, the
   * stale conversation of stale-views.html; after it, that fixture's stale list, its container's
   * style written the way scripts may write it.
   */
  function viewSwitch(): Document {
    const doc = fixture('list-modern-nl.html');
    const [staleList, staleConversation] = fixture('stale-views.html').querySelectorAll('[role="main"]');
    const view = (main: Element, style: string | null) => {
      const container = doc.createElement('div');
      container.className = 'nH';
      if (style !== null) container.setAttribute('style', style);
      const copy = doc.importNode(main, true);
      copy.removeAttribute('style');
      copy.removeAttribute('hidden');
      container.append(copy);
      return container;
    };
    doc
      .querySelector('.aeF > .nH')!
      .replaceChildren(
        view(staleConversation!, 'display: none;'),
        view(doc.querySelector('[role="main"]')!, null),
        view(staleList!, 'height:100%;DISPLAY:NONE !important'),
      );
    return doc;
  }
  const viewContainers = (doc: Document) => Array.from(doc.querySelectorAll('.aeF > .nH > .nH'));
  const staleConversationView = (doc: Document) => viewContainers(doc)[0]!;
  const mainOf = (container: Element) => container.querySelector('[role="main"]')!;
  let checks = 0;
  const original = Element.prototype.checkVisibility;
  beforeEach(() => {
    checks = 0;
    Element.prototype.checkVisibility = function (this: Element, ...args: Parameters<Element['checkVisibility']>) {
      checks += 1;
      return original.apply(this, args);
    };
  });
  afterEach(() => {
    Element.prototype.checkVisibility = original;
  });

  /** the visible list read as it is read without any stale view */
  const expectListOnly = (doc: Document) => {
    const result = read(doc);
    expect(result).toEqual(read(fixture('list-modern-nl.html')));
    expect(result.threads).toHaveLength(5);
    expect(JSON.stringify(result).toLowerCase()).not.toContain('stale');
  };

  it('views switched by an inline display: none on their containers', () => {
    const doc = viewSwitch();
    expect(viewContainers(doc).map((container) => container.getAttribute('style'))).toEqual([
      'display: none;',
      null,
      'height:100%;DISPLAY:NONE !important',
    ]);
    expect(doc.querySelectorAll('[role="main"][style], [role="main"][hidden]')).toHaveLength(0);
    expectListOnly(doc);
    expect(checks).toBe(0);
  });

  it.each<[string, (container: Element) => void]>([
    [
      'display: none on [role=main] itself',
      (container) => {
        container.removeAttribute('style');
        mainOf(container).setAttribute('style', 'display: none;');
      },
    ],
    [
      '[hidden] on the view container',
      (container) => {
        container.removeAttribute('style');
        container.setAttribute('hidden', '');
      },
    ],
    [
      '[hidden] on [role=main]',
      (container) => {
        container.removeAttribute('style');
        mainOf(container).setAttribute('hidden', '');
      },
    ],
    [
      'aria-hidden="true" on the view container',
      (container) => {
        container.removeAttribute('style');
        container.setAttribute('aria-hidden', 'true');
      },
    ],
    [
      'visibility: hidden on the view container',
      (container) => {
        container.setAttribute('style', 'visibility: hidden');
      },
    ],
    [
      'display: none on its container, placed after the visible view',
      (container) => {
        container.parentElement!.append(container);
      },
    ],
  ])('a stale view hidden by %s is not read, and the browser is not asked', (_name, hide) => {
    const doc = viewSwitch();
    hide(staleConversationView(doc));
    expectListOnly(doc);
    expect(checks).toBe(0);
  });

  it('without a hiding attribute the stale view would be read: the attributes are what decides', () => {
    const doc = viewSwitch();
    staleConversationView(doc).removeAttribute('style');
    expect(JSON.stringify(read(doc)).toLowerCase()).toContain('stale');
  });

  it('a view hidden by a stylesheet rule: with two candidates left, the browser is asked', () => {
    const doc = viewSwitch();
    const style = doc.createElement('style');
    style.textContent = '.view-gone { display: none }';
    doc.head.append(style);
    const container = staleConversationView(doc);
    container.removeAttribute('style');
    container.classList.add('view-gone');
    expectListOnly(doc);
    expect(checks).toBeGreaterThan(0);
  });

  it('stale-views.html ([hidden], aria-hidden, display: none on [role=main]): the browser is not asked', () => {
    read(fixture('stale-views.html'));
    expect(checks).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe('every selector fallback', () => {
  it('main: only the rendered [role=main] is read', () => {
    const doc = render({ view: 'list' });
    doc.querySelector('[role="main"]')!.setAttribute('style', 'display: none;');
    expect(read(doc).health).toMatchObject({ view: 'other', status: 'unrecognised', problems: { 'unknown-markup': 1 } });
  });

  it('threadList: [gh=tl] > table.F > [role=grid]', () => {
    const doc = fixture('empty-inbox-nl.html');
    dropAttribute(doc, 'gh');
    expect(read(doc).health.status).toBe('ok');
    dropClass(doc, 'TC'); // the empty-state marker gone: a list with unknown rows
    expect(read(doc).health.status).toBe('unrecognised');
  });

  it('listRow: tr.zA, else tr[role=row][jscontroller]', () => {
    const doc = fixture('list-modern-nl.html');
    dropClass(doc, 'zA');
    const result = read(doc);
    expect(result.health).toMatchObject({ status: 'ok', itemsRead: 5 });
    expect(result.threads.map((thread) => thread.threadKey)).toEqual(
      read(fixture('list-modern-nl.html')).threads.map((thread) => thread.threadKey),
    );
  });

  it('rowIds: data-thread-id, else data-legacy-thread-id (hex -> decimal)', () => {
    const doc = fixture('list-modern-nl.html');
    dropAttribute(doc, 'data-thread-id');
    expect(read(doc).threads.map((thread) => thread.threadKey)).toEqual(
      read(fixture('list-modern-nl.html')).threads.map((thread) => thread.threadKey),
    );
  });

  it('rowParticipants: .yW [email], else .yX [email], else any [email] outside the summary', () => {
    const expected = read(fixture('list-no-ids-2014-style.html'), new Date('2014-12-19')).threads.map(
      (thread) => thread.participants,
    );
    const doc = fixture('list-no-ids-2014-style.html');
    dropClass(doc, 'yW');
    expect(read(doc, new Date('2014-12-19')).threads.map((thread) => thread.participants)).toEqual(expected);
    dropClass(doc, 'yX');
    // any [email] still works; the name-only row has nothing left to go on and is skipped
    expect(read(doc, new Date('2014-12-19')).threads.map((thread) => thread.participants)).toEqual(
      expected.filter((participants) => participants[0]!.address !== null),
    );
  });

  it('rowSubject: .bqe, .bog, then the 2014 div.y6 > span', () => {
    const doc = fixture('list-modern-nl.html');
    dropClass(doc, 'bqe');
    dropClass(doc, 'bog');
    expect(read(doc).threads.map((thread) => thread.subject)).toEqual(
      read(fixture('list-modern-nl.html')).threads.map((thread) => thread.subject),
    );
  });

  it('rowDate: the title; else the aria-label (short: day precision); else the cell text', () => {
    const doc = fixture('list-modern-nl.html');
    dropAttribute(doc, 'data-legacy-last-message-id');
    dropAttribute(doc, 'data-legacy-last-non-draft-message-id');
    expect(read(doc).threads[0]).toMatchObject({ at: iso('2026-11-26T14:03+01:00'), atRaw: 'do 26 nov. 2026 14:03' });
    for (const span of doc.querySelectorAll('.xW [title]')) span.removeAttribute('title');
    expect(read(doc).threads[0]).toMatchObject({ at: iso('2026-11-26T00:00+01:00'), atRaw: '26 nov.' });
    dropAttribute(doc, 'aria-label');
    expect(read(doc).threads[3]).toMatchObject({ at: iso('2026-11-27T08:15+01:00'), atRaw: '08:15' });
  });

  it('a row with no date at all: at null, counted no-date', () => {
    const doc = fixture('list-modern-nl.html');
    dropAttribute(doc, 'data-legacy-last-message-id');
    dropAttribute(doc, 'data-legacy-last-non-draft-message-id');
    for (const cell of doc.querySelectorAll('td.xW')) cell.remove();
    const result = read(doc);
    expect(result.threads.every((thread) => thread.at === null && thread.atRaw === null)).toBe(true);
    expect(result.health).toMatchObject({ status: 'partial', problems: { 'no-date': 5 } });
  });

  it('unread: row classes, else a bold participant, else the localized summary', () => {
    const expected = read(fixture('list-modern-nl.html')).threads.map((thread) => thread.unread);
    const doc = fixture('list-modern-nl.html');
    dropClass(doc, 'zE');
    dropClass(doc, 'yO');
    expect(read(doc).threads.map((thread) => thread.unread)).toEqual(expected);
    dropClass(doc, 'zF');
    expect(read(doc).threads.map((thread) => thread.unread)).toEqual(expected);
  });

  it('rowMessageCount: .bx0, else 1', () => {
    const doc = fixture('list-modern-nl.html');
    dropClass(doc, 'bx0');
    expect(read(doc).threads.map((thread) => thread.messageCount)).toEqual([1, 1, 1, 1, 1]);
  });

  it('conversation container: .a98.iY, .PeIF1d, .if (all three fixtures), and found without a heading', () => {
    for (const [name, container] of [
      ['conversation-nl.html', '.a98.iY'],
      ['conversation-perm-id-undefined-en.html', '.PeIF1d'],
      ['stale-views.html', '.if'],
    ] as const) {
      const doc = fixture(name);
      expect(doc.querySelector(`[role="main"]:not([hidden]):not([style]) ${container}`), name).not.toBeNull();
      const withHeading = read(doc);
      doc.querySelectorAll('h2.hP').forEach((heading) => heading.remove());
      const withoutHeading = read(doc);
      const summary = (result: ReaderResult) =>
        result.messages.map((message) => [message.from, message.at, message.expanded, message.excerpt]);
      expect(summary(withoutHeading), name).toEqual(summary(withHeading));
      expect(withoutHeading.health.problems['no-id'], name).toBeGreaterThanOrEqual(1);
    }
  });

  it('conversationSubject: h2[data-thread-perm-id], h2[data-legacy-thread-id], h2.hP', () => {
    const doc = fixture('conversation-nl.html');
    dropAttribute(doc, 'data-thread-perm-id');
    expect(read(doc).messages[0]!.threadKey).toBe('gmail:thread-f:1882183119667213941');
    dropAttribute(doc, 'data-legacy-thread-id');
    const result = read(doc);
    expect(result.messages[0]!.subject).toBe('Subsidieaanvraag Buurtkracht 2027');
    expect(result.messages[0]!.threadKey).toMatch(/^gmail:derived:/);
  });

  it('messageItems: role=list/listitem, else div.adn', () => {
    const expected = read(fixture('conversation-nl.html')).messages;
    const doc = fixture('conversation-nl.html');
    for (const element of doc.querySelectorAll('[role="list"], [role="listitem"]')) element.removeAttribute('role');
    expect(read(doc).messages).toEqual(expected);
  });

  it('messageSender: .gD[email], h3.iw [email], .gF [email]; none: no-sender', () => {
    const expected = read(fixture('conversation-nl.html')).messages.map((message) => message.from);
    const doc = fixture('conversation-nl.html');
    dropClass(doc, 'gD');
    expect(read(doc).messages.map((message) => message.from)).toEqual(expected);
    dropClass(doc, 'iw');
    expect(read(doc).messages.map((message) => message.from)).toEqual(expected);
    dropClass(doc, 'gF');
    dropClass(doc, 'g2');
    dropClass(doc, 'hb');
    const result = read(doc);
    expect(result.messages).toEqual([]);
    expect(result.health).toMatchObject({ status: 'unrecognised', itemsSeen: 5, itemsRead: 0, problems: { 'no-sender': 5 } });
  });

  it('a conversation heading without a single message we can find is partial with unknown markup, never "ok"', () => {
    const doc = fixture('conversation-nl.html');
    for (const element of doc.querySelectorAll('[role="list"], [role="listitem"]')) element.removeAttribute('role');
    dropClass(doc, 'adn');
    dropAttribute(doc, 'data-message-id');
    const result = read(doc);
    expect(result.messages).toEqual([]);
    expect(result.health).toMatchObject({
      view: 'conversation',
      status: 'partial',
      itemsSeen: 0,
      problems: { 'unknown-markup': 1 },
    });
  });

  it('more than 200 recipients: the first 200 are read, and the read is partial and says why', () => {
    const doc = fixture('conversation-nl.html');
    const recipients = doc.querySelector('.hb')!;
    for (let index = 0; index < 250; index++) {
      const span = doc.createElement('span');
      span.setAttribute('email', `lid${index}@raad.zwolle.nl`);
      span.textContent = `Raadslid ${index}`;
      recipients.appendChild(span);
    }
    const result = read(doc);
    expect(result.messages.map((message) => message.to.length)).toContain(200);
    expect(result.health.status).toBe('partial');
    expect(result.health.problems['too-many-recipients']).toBe(1);
  });

  it('messageRecipients: .hb [email], else .g2[email]', () => {
    const expected = read(fixture('conversation-nl.html')).messages.map((message) => message.to);
    const doc = fixture('conversation-nl.html');
    dropClass(doc, 'hb');
    expect(read(doc).messages.map((message) => message.to)).toEqual(expected);
  });

  it('messageDate: legacy id, else .g3[title], .g3[alt], .g3 text', () => {
    const doc = fixture('conversation-nl.html');
    dropAttribute(doc, 'data-legacy-message-id');
    expect(read(doc).messages[2]).toMatchObject({
      at: iso('2026-11-19T16:30+01:00'),
      atRaw: 'do 19 nov. 2026 16:30',
      messageKey: 'gmail:msg-f:1882301084467213941',
    });
    for (const date of doc.querySelectorAll('.g3')) date.removeAttribute('title');
    expect(read(doc).messages[2]).toMatchObject({ at: iso('2026-11-19T16:30+01:00') });
    dropAttribute(doc, 'alt');
    // the visible text "19 nov. (7 dagen geleden)" has day precision only
    expect(read(doc).messages[2]).toMatchObject({ at: iso('2026-11-19T00:00+01:00'), atRaw: '19 nov. (7 dagen geleden)' });
  });

  it('messageBody: .a3s, else .ii.gt; collapsedSnippet: .iA.g6, else .y2', () => {
    const expected = read(fixture('conversation-nl.html')).messages.map((message) => [message.excerpt, message.signature]);
    const doc = fixture('conversation-nl.html');
    dropClass(doc, 'a3s');
    for (const snippet of doc.querySelectorAll('.iA.g6')) snippet.className = 'y2';
    expect(read(doc).messages.map((message) => [message.excerpt, message.signature])).toEqual(expected);
  });

  it('signature: [data-smartmail=gmail_signature], else .gmail_signature, else the "-- " prefix line', () => {
    const doc = fixture('conversation-nl.html');
    dropAttribute(doc, 'data-smartmail');
    expect(read(doc).messages[3]!.signature).toBe('Sanne de Vries\nBuurtkracht | sociale onderneming\n06 12 34 56 78');
    dropClass(doc, 'gmail_signature');
    dropClass(doc, 'gmail_signature_prefix');
    // without any marking the "--" line still starts the signature
    expect(read(doc).messages[3]).toMatchObject({
      signature: 'Sanne de Vries\nBuurtkracht | sociale onderneming\n06 12 34 56 78',
      excerpt: 'Beste Pieter, De personeelskosten betreffen twee opbouwwerkers voor samen 1,4 fte. Groet, Sanne',
    });
  });

  it('account: the title, else the account button, else null', () => {
    const doc = fixture('list-modern-nl.html');
    expect(read(doc).account).toBe(OWNER);
    doc.title = 'Postvak IN (3) - Gmail';
    expect(read(doc).account).toBe(OWNER);
    doc.querySelector(GMAIL_SELECTORS.accountButton[0])!.remove();
    expect(read(doc).account).toBeNull();
  });

  it('collapsedMessageClass: without aria-expanded, .kv marks a collapsed message, else a shown body an expanded one', () => {
    const expected = read(fixture('conversation-nl.html')).messages.map((message) => message.expanded);
    expect(expected).toContain(true);
    expect(expected).toContain(false);
    const doc = fixture('conversation-nl.html');
    for (const item of doc.querySelectorAll('[aria-expanded]')) item.removeAttribute('aria-expanded');
    expect(read(doc).messages.map((message) => message.expanded)).toEqual(expected);
    const firstExpanded = expected.indexOf(true);
    doc.querySelectorAll('[role="listitem"]')[firstExpanded]!.classList.add('kv');
    expect(read(doc).messages[firstExpanded]!.expanded).toBe(false);
  });

  it('hiddenMessagesClass: the "older messages" bar (.kQ) is never a message, even as a list item', () => {
    const expected = read(fixture('conversation-nl.html'));
    const doc = fixture('conversation-nl.html');
    doc.querySelector('.kQ')!.setAttribute('role', 'listitem');
    const result = read(doc);
    expect(result.messages).toEqual(expected.messages);
    expect(result.health).toEqual(expected.health);
    doc.querySelector('.kQ')!.classList.remove('kQ');
    expect(read(doc).health.itemsSeen).toBe(expected.health.itemsSeen + 1);
  });

  it('an expanded message whose body is hidden counts as collapsed', () => {
    const doc = fixture('stale-views.html');
    const item = doc.querySelectorAll('.if [role="listitem"]')[2]!;
    item.removeAttribute('aria-expanded');
    item.classList.remove('h7');
    item.querySelector('.a3s')!.setAttribute('style', 'display:none');
    expect(read(doc).messages[2]!.expanded).toBe(false);
  });

  it('every selector list in the module is exercised by a fixture test', () => {
    // A new selector without a test in this file fails this list, on purpose. Each key is tested by
    // name above, or by the fixture test named beside it here.
    const exercised = {
      main: 'main: only the rendered [role=main]',
      threadList: 'threadList',
      listRow: 'listRow',
      anyListRow: 'threadList (unknown rows) and unrecognised-list',
      emptyList: 'threadList and empty-inbox-nl',
      verticalSplitRowClass: 'list-vertical-split-en',
      verticalSplitExtraRowClass: 'list-vertical-split-en',
      unreadRowClass: 'unread',
      readRowClass: 'unread',
      unreadParticipant: 'unread',
      rowSummary: 'unread, and rowParticipants (never read from the summary)',
      rowIds: 'rowIds',
      rowParticipants: 'rowParticipants',
      rowParticipantsNameOnly: 'list-no-ids-2014-style (stripped rows)',
      rowMessageCount: 'rowMessageCount',
      rowSubject: 'rowSubject',
      rowSnippet: 'list-modern-nl',
      rowDate: 'rowDate',
      conversation: 'conversation container',
      conversationSubject: 'conversationSubject',
      messageItems: 'messageItems',
      messageIds: 'messageDate (legacy id) and conversation-nl (#msg-a)',
      collapsedMessageClass: 'collapsedMessageClass',
      hiddenMessagesClass: 'hiddenMessagesClass',
      messageSender: 'messageSender',
      messageRecipients: 'messageRecipients',
      messageDate: 'messageDate',
      messageBody: 'messageBody',
      collapsedSnippet: 'messageBody',
      signature: 'signature',
      notOwnText: 'conversation-nl (quotes left out) and stale-views',
      signaturePrefix: 'signature',
      accountButton: 'account',
    } satisfies Record<keyof typeof GMAIL_SELECTORS, string>;
    expect(Object.keys(GMAIL_SELECTORS).sort()).toEqual(Object.keys(exercised).sort());
  });
});

// ---------------------------------------------------------------------------------------------

/** happy-dom's test hook for the page URL (not in the DOM typings). */
function setPageUrl(url: string): void {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
}

describe('health and routes', () => {
  const original = document.documentElement;
  function swapRoot(root: HTMLElement): void {
    document.removeChild(document.documentElement);
    document.appendChild(root);
  }
  afterEach(() => {
    swapRoot(original);
    setPageUrl('http://localhost:3000/');
  });
  function loadInPage(html: string, url: string): Document {
    setPageUrl(url);
    const parsed = parse(html);
    swapRoot(document.adoptNode(parsed.documentElement));
    return document;
  }
  const loadingShell =
    '<html><head><title>Gmail</title></head><body><div role="main"><div class="loading"></div></div></body></html>';

  it('a page without [role=main] is unrecognised', () => {
    expect(read(parse('<html><body><p>Loading…</p></body></html>')).health).toEqual({
      view: 'other',
      status: 'unrecognised',
      itemsSeen: 0,
      itemsRead: 0,
      problems: { 'unknown-markup': 1 },
    });
  });

  it('a list route (#inbox) with nothing we know in the view is unrecognised', () => {
    expect(read(loadInPage(loadingShell, 'https://mail.google.com/mail/u/0/#inbox')).health).toMatchObject({
      view: 'list',
      status: 'unrecognised',
    });
    expect(read(loadInPage(loadingShell, 'https://mail.google.com/mail/u/1/#label/Gemeenten')).health).toMatchObject({
      view: 'list',
      status: 'unrecognised',
    });
  });

  it('a conversation route with nothing we know is unrecognised', () => {
    expect(
      read(loadInPage(loadingShell, 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQbdrKxXLwsTWkvfRNCqLJMbBrr')).health,
    ).toMatchObject({
      view: 'conversation',
      status: 'unrecognised',
    });
  });

  it('another view (settings) with nothing to read is fine', () => {
    expect(read(loadInPage(loadingShell, 'https://mail.google.com/mail/u/0/#settings/general')).health).toEqual({
      view: 'other',
      status: 'ok',
      itemsSeen: 0,
      itemsRead: 0,
      problems: {},
    });
  });

  it('reads the live document the same as a parsed one', () => {
    const html = renderGmail(DEMO_SCENARIO, { view: 'conversation', threadId: 'utrecht-raad' });
    const live = read(
      loadInPage(
        html,
        `https://mail.google.com/mail/u/0/${gmailHash(DEMO_SCENARIO, { view: 'conversation', threadId: 'utrecht-raad' })}`,
      ),
    );
    expect(live).toEqual(read(parse(html)));
  });

  it('never throws on odd documents', () => {
    for (const html of [
      '',
      '<html></html>',
      '<div role="main"><tr class="zA"></tr></div>',
      '<div role="main"><h2 class="hP"></h2><div role="list"><div role="listitem"></div></div></div>',
    ]) {
      expect(() => read(parse(html))).not.toThrow();
    }
    const odd = read(parse('<div role="main"><h2 class="hP"></h2><div role="list"><div role="listitem"></div></div></div>'));
    expect(odd.health).toMatchObject({ view: 'conversation', status: 'unrecognised', problems: { 'no-sender': 1 } });
  });
});
