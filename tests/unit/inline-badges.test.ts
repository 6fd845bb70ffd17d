import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BADGE_TAG, BADGE_THREAD_ATTRIBUTE, createInlineBadges, RowBadges, type StatusLookup } from '@/lib/content/inline-badges';
import type { ContactStatusReplyEntry } from '@/lib/messaging/contact-statuses';
import { readGmail } from '@/lib/readers/gmail';
import { readOutlook } from '@/lib/readers/outlook';
import type { ListRow, OnListRow, ReaderResult } from '@/lib/readers/types';
import { person, threadRow } from '../fixtures/observations';
import { renderGmail } from '../fixtures/render-gmail';
import { conversationIdFor, renderOutlook } from '../fixtures/render-outlook';
import { DEMO_SCENARIO, personById } from '../fixtures/scenario';

const ERIK = 'e.bosman@zwolle.nl';
const MONIQUE = 'm.van.dijk@zwolle.nl';
const MARK = 'm.visser@wijkwelzijnzwolle.nl';
const ACCOUNT = 'sanne@buurtkracht.nl';

const UNRESPONSIVE: ContactStatusReplyEntry = {
  status: 'unresponsive',
  attempts: 3,
  workingDaysWaiting: 23,
  short: '3×',
  label: 'Gemeenteradar: Reageert niet, Erik Bosman, 3 pogingen zonder antwoord, 23 werkdagen wachten',
};
const SLOW: ContactStatusReplyEntry = {
  status: 'slow',
  attempts: 1,
  workingDaysWaiting: 7,
  short: '7 wd',
  label: 'Gemeenteradar: Traag, Monique van Dijk, 1 poging zonder antwoord, 7 werkdagen wachten',
};

const lookupFrom =
  (statuses: Record<string, ContactStatusReplyEntry>): StatusLookup =>
  (address) =>
    statuses[address];

// The badge's shadow root is closed: the tests keep the reference the page never gets.
const shadows = new WeakMap<Element, ShadowRoot>();
const attachShadow = Element.prototype.attachShadow;
beforeEach(() => {
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const root = attachShadow.call(this, init);
    shadows.set(this, root);
    return root;
  });
  document.body.replaceChildren();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const badgesIn = (root: ParentNode) => [...root.querySelectorAll(BADGE_TAG)];
const badgeText = (badge: Element) => shadows.get(badge)?.textContent ?? null;
const pillOf = (badge: Element) => shadows.get(badge)!.firstElementChild!;
const statusOf = (badge: Element) => pillOf(badge).getAttribute('data-status');
const pillColour = (badge: Element) => getComputedStyle(pillOf(badge)).backgroundColor;
const RED = ['#b42318', 'rgb(180, 35, 24)'];
const AMBER = ['#8a5a00', 'rgb(138, 90, 0)'];

/** A Gmail-shaped list row: `tr.zA > td.yX > div.yW > span.bA4 > span[email][name]`. */
function gmailRowElement(people: Array<[name: string, address: string]>): HTMLTableRowElement {
  const row = document.createElement('tr');
  row.className = 'zA';
  const cell = row.appendChild(document.createElement('td'));
  cell.className = 'yX';
  const names = cell.appendChild(document.createElement('div'));
  names.className = 'yW';
  for (const [name, address] of people) {
    const wrapper = names.appendChild(document.createElement('span'));
    wrapper.className = 'bA4';
    const span = wrapper.appendChild(document.createElement('span'));
    span.setAttribute('email', address);
    span.setAttribute('name', name);
    span.textContent = name;
  }
  return row;
}

function listRow(element: Element, threadKey: string): ListRow {
  const participants = [...element.querySelectorAll('[email]')].map((span) =>
    person(span.getAttribute('name')!, span.getAttribute('email')),
  );
  return { element, anchor: element.querySelector('[email]'), thread: threadRow({ threadKey, participants }) };
}

function table(...rows: HTMLTableRowElement[]): HTMLTableSectionElement {
  const body = document.body.appendChild(document.createElement('table')).appendChild(document.createElement('tbody'));
  body.append(...rows);
  return body;
}

/** Counts the DOM mutations a piece of work causes, in the page and inside the badges' shadow roots. */
async function mutationsDuring(work: () => void): Promise<number> {
  let count = 0;
  const observer = new MutationObserver((records) => (count += records.length));
  const options = { subtree: true, childList: true, attributes: true, characterData: true };
  observer.observe(document.body, options);
  for (const badge of badgesIn(document)) observer.observe(shadows.get(badge)!, options);
  work();
  await Promise.resolve();
  count += observer.takeRecords().length;
  observer.disconnect();
  return count;
}

describe('RowBadges', () => {
  it('puts one badge before the first person of each row whose contact needs attention, and none elsewhere', () => {
    const erik = gmailRowElement([
      ['ik', ACCOUNT],
      ['Erik Bosman', ERIK],
    ]);
    const monique = gmailRowElement([['Monique van Dijk', MONIQUE]]);
    const mark = gmailRowElement([['Mark Visser', MARK]]);
    table(erik, monique, mark);
    new RowBadges().apply(
      [listRow(erik, 't:1'), listRow(monique, 't:2'), listRow(mark, 't:3')],
      lookupFrom({ [ERIK]: UNRESPONSIVE, [MONIQUE]: SLOW }),
    );

    expect(badgesIn(erik)).toHaveLength(1);
    expect(badgesIn(monique)).toHaveLength(1);
    expect(badgesIn(mark)).toHaveLength(0);
    const [badge] = badgesIn(erik);
    expect(badge!.nextSibling).toBe(erik.querySelector('[email]'));
    expect(badge!.getAttribute('data-gemeenteradar')).toBe('badge');
    expect(pillOf(badge!).getAttribute('role')).toBe('img');
    expect(pillOf(badge!).getAttribute('aria-label')).toBe(UNRESPONSIVE.label);
    expect(pillOf(badge!).getAttribute('title')).toBe(UNRESPONSIVE.label);
    expect(statusOf(badge!)).toBe('unresponsive');
    // what we know about the contact stays in the closed root: the page's scripts see a bare host
    expect(badge!.getAttributeNames().sort()).toEqual(['data-gemeenteradar', BADGE_THREAD_ATTRIBUTE, 'style']);
    expect(badge!.getAttribute(BADGE_THREAD_ATTRIBUTE)).toBe('t:1');
    expect(badgeText(badge!)).toBe('3×');
    expect(badgeText(badgesIn(monique)[0]!)).toBe('7 wd');
    expect(statusOf(badgesIn(monique)[0]!)).toBe('slow');
    // red and amber (the toolbar badge's colours), from the one shared sheet
    expect(RED).toContain(pillColour(badge!));
    expect(AMBER).toContain(pillColour(badgesIn(monique)[0]!));
    expect(shadows.get(badge!)!.adoptedStyleSheets).toHaveLength(1);
    expect(shadows.get(badge!)!.adoptedStyleSheets[0]).toBe(shadows.get(badgesIn(monique)[0]!)!.adoptedStyleSheets[0]);
    // the badge adds nothing to the row's text (readers read textContent)
    expect(erik.textContent).toBe('ikErik Bosman');
    expect(shadows.get(badge!)?.mode).toBe('closed');
  });

  it('where no shared sheet can be adopted (Firefox content scripts), styles the badge inline', () => {
    vi.spyOn(ShadowRoot.prototype, 'adoptedStyleSheets', 'set').mockImplementation(() => {
      throw new TypeError('Accessing from Xray wrapper is not supported.');
    });
    const row = gmailRowElement([['Erik Bosman', ERIK]]);
    table(row);
    const badges = new RowBadges();
    badges.apply([listRow(row, 't:1')], lookupFrom({ [ERIK]: UNRESPONSIVE }));
    const pill = pillOf(badgesIn(row)[0]!) as HTMLElement;
    expect(RED).toContain(pill.style.backgroundColor);
    expect(pill.style.borderRadius).toBe('8px');
    badges.apply([listRow(row, 't:1')], lookupFrom({ [ERIK]: SLOW }));
    expect(AMBER).toContain(pill.style.backgroundColor);
  });

  it('the worst contact of a row decides: unresponsive before slow', () => {
    const row = gmailRowElement([
      ['Monique van Dijk', MONIQUE],
      ['Erik Bosman', ERIK],
    ]);
    table(row);
    new RowBadges().apply([listRow(row, 't:1')], lookupFrom({ [ERIK]: UNRESPONSIVE, [MONIQUE]: SLOW }));
    expect(badgesIn(row).map(statusOf)).toEqual(['unresponsive']);
    // placed before the row's first person, whoever it is
    expect(badgesIn(row)[0]!.nextSibling).toBe(row.querySelector(`[email="${MONIQUE}"]`));
  });

  it('is idempotent: the same rows again change nothing in the DOM', async () => {
    const row = gmailRowElement([['Erik Bosman', ERIK]]);
    table(row);
    const badges = new RowBadges();
    const lookup = lookupFrom({ [ERIK]: UNRESPONSIVE });
    badges.apply([listRow(row, 't:1')], lookup);
    const first = badgesIn(row)[0];
    expect(
      await mutationsDuring(() => {
        for (let pass = 0; pass < 5; pass++) badges.apply([listRow(row, 't:1')], lookup);
      }),
    ).toBe(0);
    expect(badgesIn(document)).toEqual([first]);
  });

  it('a row the app rendered anew (Gmail replaces the node) gets one badge, and only one', () => {
    const row = gmailRowElement([['Erik Bosman', ERIK]]);
    const body = table(row);
    const badges = new RowBadges();
    const lookup = lookupFrom({ [ERIK]: UNRESPONSIVE });
    badges.apply([listRow(row, 't:1')], lookup);

    // Gmail builds the row again from its template: no badge in it
    const fresh = gmailRowElement([['Erik Bosman', ERIK]]);
    row.replaceWith(fresh);
    badges.apply([listRow(fresh, 't:1')], lookup);
    expect(badgesIn(body)).toHaveLength(1);
    expect(badgesIn(fresh)).toHaveLength(1);

    // a copy of the row with our badge host in it (an extension cloning rows): the copied host
    // has no shadow root of ours; it goes, and one badge of ours is put in
    const clone = fresh.cloneNode(true) as HTMLTableRowElement;
    fresh.replaceWith(clone);
    expect(badgesIn(clone)).toHaveLength(1);
    badges.apply([listRow(clone, 't:1')], lookup);
    expect(badgesIn(body)).toHaveLength(1);
    expect(badgeText(badgesIn(clone)[0]!)).toBe('3×');

    // and repeated passes never add a second one
    for (let pass = 0; pass < 3; pass++) badges.apply([listRow(clone, 't:1')], lookup);
    expect(badgesIn(body)).toHaveLength(1);
  });

  it('removes a badge left behind by an earlier copy of this script, and extra badges in one row', () => {
    const row = gmailRowElement([['Erik Bosman', ERIK]]);
    table(row);
    const anchor = row.querySelector('[email]')!;
    for (let copy = 0; copy < 2; copy++) {
      const orphan = document.createElement(BADGE_TAG);
      orphan.setAttribute('data-gemeenteradar', 'badge');
      anchor.parentNode!.insertBefore(orphan, anchor);
    }
    new RowBadges().apply([listRow(row, 't:1')], lookupFrom({ [ERIK]: UNRESPONSIVE }));
    expect(badgesIn(row)).toHaveLength(1);
    expect(badgeText(badgesIn(row)[0]!)).toBe('3×');
  });

  it('updates a badge in place when the status changes', () => {
    const row = gmailRowElement([['Erik Bosman', ERIK]]);
    table(row);
    const badges = new RowBadges();
    badges.apply([listRow(row, 't:1')], lookupFrom({ [ERIK]: SLOW }));
    const badge = badgesIn(row)[0]!;
    expect(badgeText(badge)).toBe('7 wd');
    badges.apply([listRow(row, 't:1')], lookupFrom({ [ERIK]: UNRESPONSIVE }));
    expect(badgesIn(row)).toEqual([badge]);
    expect(statusOf(badge)).toBe('unresponsive');
    expect(pillOf(badge).getAttribute('aria-label')).toBe(UNRESPONSIVE.label);
    expect(badgeText(badge)).toBe('3×');
  });

  it('removes the badge when the status clears, when the row is no longer read, and with the row', () => {
    const erik = gmailRowElement([['Erik Bosman', ERIK]]);
    const monique = gmailRowElement([['Monique van Dijk', MONIQUE]]);
    table(erik, monique);
    const badges = new RowBadges();
    const both = lookupFrom({ [ERIK]: UNRESPONSIVE, [MONIQUE]: SLOW });
    badges.apply([listRow(erik, 't:1'), listRow(monique, 't:2')], both);
    expect(badgesIn(document)).toHaveLength(2);

    // Erik answered
    badges.apply([listRow(erik, 't:1'), listRow(monique, 't:2')], lookupFrom({ [MONIQUE]: SLOW }));
    expect(badgesIn(erik)).toHaveLength(0);
    expect(badgesIn(monique)).toHaveLength(1);

    // Monique's row is still in the DOM but no longer a visible row (hidden, another view)
    badges.apply([listRow(erik, 't:1')], both);
    expect(badgesIn(monique)).toHaveLength(0);
    expect(badgesIn(erik)).toHaveLength(1);

    // no anchor (the row shows no person element): nothing to put a badge beside
    badges.apply([{ ...listRow(erik, 't:1'), anchor: null }], both);
    expect(badgesIn(document)).toHaveLength(0);

    badges.apply([listRow(erik, 't:1')], both);
    erik.remove();
    badges.apply([], both);
    expect(badgesIn(document)).toHaveLength(0);
    badges.apply([listRow(monique, 't:2')], both);
    badges.clear();
    expect(badgesIn(document)).toHaveLength(0);
  });

  it('a recycled row (Outlook reuses the node for another conversation) follows its new thread', () => {
    const row = document.body.appendChild(document.createElement('div'));
    row.setAttribute('role', 'option');
    const senders = row.appendChild(document.createElement('div'));
    const setRow = (convid: string, name: string, address: string) => {
      row.setAttribute('data-convid', convid);
      const span = document.createElement('span');
      span.className = 'OZZZK';
      span.title = address;
      span.textContent = name;
      // React keeps nodes it did not make: our badge stays beside the new name
      senders.querySelector('span.OZZZK')?.remove();
      senders.append(span);
    };
    const rowRef = (): ListRow => ({
      element: row,
      anchor: senders.querySelector('span.OZZZK'),
      thread: threadRow({
        threadKey: `outlook:conv:${row.getAttribute('data-convid')}`,
        participants: [person(senders.textContent!, senders.querySelector('span')!.title)],
      }),
    });
    const badges = new RowBadges();
    const lookup = lookupFrom({ [ERIK]: UNRESPONSIVE, [MONIQUE]: SLOW });
    setRow('AAQkA1', 'Erik Bosman', ERIK);
    badges.apply([rowRef()], lookup);
    const badge = badgesIn(row)[0]!;
    expect(badge.getAttribute(BADGE_THREAD_ATTRIBUTE)).toBe('outlook:conv:AAQkA1');

    setRow('AAQkA2', 'Monique van Dijk', MONIQUE);
    badges.apply([rowRef()], lookup);
    expect(badgesIn(row)).toEqual([badge]);
    expect(badge.getAttribute(BADGE_THREAD_ATTRIBUTE)).toBe('outlook:conv:AAQkA2');
    expect(badgeText(badge)).toBe('7 wd');
    expect(badge.nextSibling).toBe(senders.querySelector('span.OZZZK'));

    setRow('AAQkA3', 'Mark Visser', MARK);
    badges.apply([rowRef()], lookup);
    expect(badgesIn(row)).toHaveLength(0);
  });

  it('hostile names and labels stay text: no element is ever made from them', () => {
    const hostile = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const row = gmailRowElement([[hostile, ERIK]]);
    table(row);
    new RowBadges().apply(
      [listRow(row, 't:1')],
      lookupFrom({ [ERIK]: { ...UNRESPONSIVE, short: hostile, label: `Gemeenteradar: ${hostile}` } }),
    );
    const badge = badgesIn(row)[0]!;
    expect(pillOf(badge).getAttribute('aria-label')).toBe(`Gemeenteradar: ${hostile}`);
    expect(badgeText(badge)).toBe(hostile);
    const shadow = shadows.get(badge)!;
    expect(shadow.querySelectorAll('img, script')).toHaveLength(0);
    expect(document.querySelectorAll('img, script')).toHaveLength(0);
    expect(badge.children).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------

/** A fake background: answers from a table, records what was asked. */
function fakeBackground(statuses: Record<string, ContactStatusReplyEntry>) {
  const asked: string[][] = [];
  let answer: (addresses: string[]) => unknown = (addresses) => ({
    ok: true,
    statuses: Object.fromEntries(addresses.filter((address) => statuses[address]).map((address) => [address, statuses[address]])),
  });
  return {
    asked,
    statuses,
    setAnswer(next: (addresses: string[]) => unknown) {
      answer = next;
    },
    query: async (addresses: string[]) => {
      asked.push([...addresses].sort());
      return answer(addresses);
    },
  };
}

/** A reader over the test table: every `tr.zA` is a row, its `[email]` spans the people. */
function readTable(onRow: OnListRow): ReaderResult {
  const threads = [...document.querySelectorAll('tr.zA')].map((element, index) => {
    const row = listRow(element, `t:${index}`);
    onRow(row);
    return row.thread;
  });
  return {
    account: ACCOUNT,
    threads,
    messages: [],
    health: { view: 'list', status: 'ok', itemsSeen: threads.length, itemsRead: threads.length, problems: {} },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createInlineBadges', () => {
  it('asks only about the visible rows’ addresses (not the account), once, and shows the answer', async () => {
    table(
      gmailRowElement([
        ['ik', ACCOUNT],
        ['Erik Bosman', ERIK],
      ]),
      gmailRowElement([['Mark Visser', MARK]]),
    );
    const background = fakeBackground({ [ERIK]: UNRESPONSIVE });
    const badges = createInlineBadges({ query: background.query });
    const result = badges.read(readTable);
    expect(result.threads).toHaveLength(2);
    expect(background.asked).toEqual([[ERIK, MARK].sort()]);
    await settle();
    expect(badgesIn(document)).toHaveLength(1);
    expect(badgeText(badgesIn(document)[0]!)).toBe('3×');

    // the same rows read again (the app re-rendered them): no new question, the badge is back at once
    for (const row of document.querySelectorAll('tr.zA')) row.replaceWith(row.cloneNode(true));
    badges.read(readTable);
    expect(badgesIn(document)).toHaveLength(1);
    await settle();
    expect(background.asked).toHaveLength(1);

    // a new row with a new person: only that address is asked about
    document.querySelector('tbody')!.append(gmailRowElement([['Monique van Dijk', MONIQUE]]));
    background.statuses[MONIQUE] = SLOW;
    badges.read(readTable);
    expect(background.asked[1]).toEqual([MONIQUE]);
    await settle();
    expect(badgesIn(document).map(statusOf)).toEqual(['unresponsive', 'slow']);
  });

  it('after the latency cache changed, asks again about every visible address; badges stay until the answer', async () => {
    table(gmailRowElement([['Erik Bosman', ERIK]]), gmailRowElement([['Monique van Dijk', MONIQUE]]));
    const background = fakeBackground({ [ERIK]: UNRESPONSIVE });
    const badges = createInlineBadges({ query: background.query });
    badges.read(readTable);
    await settle();
    const badge = badgesIn(document)[0]!;

    // Erik answered, Monique became slow
    background.statuses[MONIQUE] = SLOW;
    delete background.statuses[ERIK];
    badges.invalidate();
    expect(background.asked.at(-1)).toEqual([ERIK, MONIQUE].sort());
    expect(badgesIn(document)).toEqual([badge]); // no flicker while the answer is on its way
    await settle();
    expect(badgesIn(document).map(statusOf)).toEqual(['slow']);
    expect(badge.isConnected).toBe(false);
  });

  it('an answer that comes after a newer question is ignored', async () => {
    table(gmailRowElement([['Erik Bosman', ERIK]]));
    const background = fakeBackground({ [ERIK]: UNRESPONSIVE });
    let release: () => void = () => undefined;
    const first = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const badges = createInlineBadges({
      query: async (addresses) => {
        calls++;
        if (calls === 1) {
          await first; // the old answer: still unresponsive
          return { ok: true, statuses: { [ERIK]: UNRESPONSIVE } };
        }
        return background.query(addresses);
      },
    });
    badges.read(readTable);
    delete background.statuses[ERIK]; // Erik answered; the cache changed meanwhile
    badges.invalidate();
    await settle();
    release();
    await settle();
    expect(badgesIn(document)).toHaveLength(0);
  });

  it('without a background (an error, a refusal, nonsense) nothing breaks; an error is retried at the next read', async () => {
    table(gmailRowElement([['Erik Bosman', ERIK]]));
    const background = fakeBackground({ [ERIK]: UNRESPONSIVE });
    const errors: unknown[] = [];
    const badges = createInlineBadges({ query: background.query, onError: (error) => errors.push(error) });
    background.setAnswer(() => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    badges.read(readTable);
    await settle();
    expect(errors).toHaveLength(1);
    expect(badgesIn(document)).toHaveLength(0);

    background.setAnswer(() => ({ ok: true, statuses: { [ERIK]: { status: 'deleted', short: 1 } } }));
    badges.read(readTable);
    await settle();
    expect(background.asked).toHaveLength(2);
    expect(badgesIn(document)).toHaveLength(0);

    background.setAnswer(() => ({ ok: false, error: 'afzender' }));
    badges.invalidate();
    await settle();
    expect(errors).toHaveLength(2);
    badges.read(readTable); // a refusal is not asked again until the cache changes
    await settle();
    expect(background.asked).toHaveLength(3);
  });

  it('asks in parts of at most 300 addresses', async () => {
    const rows = Array.from({ length: 130 }, (_, index) =>
      gmailRowElement([
        [`A ${index}`, `a${index}@zwolle.nl`],
        [`B ${index}`, `b${index}@zwolle.nl`],
        [`C ${index}`, `c${index}@zwolle.nl`],
      ]),
    );
    table(...rows);
    const background = fakeBackground({ 'c129@zwolle.nl': SLOW });
    createInlineBadges({ query: background.query }).read(readTable);
    expect(background.asked.map((part) => part.length)).toEqual([300, 90]);
    await settle();
    expect(badgesIn(document)).toHaveLength(1);
    expect(badgesIn(rows[129]!)).toHaveLength(1);
  });

  it('stop() takes every badge away, and nothing more happens', async () => {
    table(gmailRowElement([['Erik Bosman', ERIK]]));
    const background = fakeBackground({ [ERIK]: UNRESPONSIVE });
    const badges = createInlineBadges({ query: background.query });
    badges.read(readTable);
    await settle();
    expect(badgesIn(document)).toHaveLength(1);
    badges.stop();
    expect(badgesIn(document)).toHaveLength(0);
    badges.invalidate();
    badges.read(readTable);
    await settle();
    expect(badgesIn(document)).toHaveLength(0);
    expect(background.asked).toHaveLength(1);
  });

  it('a reader that throws still throws (the runtime reports it); the badges are left as they were', () => {
    const badges = createInlineBadges({ query: async () => ({ ok: true, statuses: {} }) });
    expect(() =>
      badges.read(() => {
        throw new TypeError('boom');
      }),
    ).toThrow('boom');
  });
});

// ---------------------------------------------------------------------------------------------

describe('with the real readers on rendered pages', () => {
  const parse = (html: string, url: string) => {
    const doc = new DOMParser().parseFromString(html, 'text/html');
    // the readers judge the view by the URL
    Object.defineProperty(doc, 'URL', { value: url });
    return doc;
  };
  const zwolle = personById(DEMO_SCENARIO, 'zwolle-beleid').address.toLowerCase();

  it('the Outlook reader tells onRow about every row read, in page order, with its first sender; the result is the same', () => {
    const doc = parse(renderOutlook(DEMO_SCENARIO, { openThread: 'zwolle-wijkaanpak' }), 'https://outlook.office.com/mail/inbox');
    const options = { now: new Date(DEMO_SCENARIO.now), timeZone: 'Europe/Amsterdam' };
    const rows: ListRow[] = [];
    const result = readOutlook(doc, { ...options, onRow: (row) => rows.push(row) });
    expect(result).toEqual(readOutlook(doc, options));
    expect(rows.map((row) => row.thread)).toEqual(result.threads);
    expect(rows.map((row) => row.element)).toEqual([...doc.querySelectorAll('[role="option"][data-convid]')]);
    for (const row of rows) {
      expect(row.element.contains(row.anchor)).toBe(true);
      expect(row.anchor!.getAttribute('title')?.toLowerCase()).toBe(row.thread.participants[0]!.address);
    }
  });

  it.each([
    [
      'Gmail',
      () => parse(renderGmail(DEMO_SCENARIO, { view: 'list' }), 'https://mail.google.com/mail/u/0/#inbox'),
      (doc: Document, onRow: OnListRow) =>
        readGmail(doc, { now: new Date(DEMO_SCENARIO.now), timeZone: 'Europe/Amsterdam', onRow }),
      'tr.zA',
    ],
    [
      'Outlook',
      () => parse(renderOutlook(DEMO_SCENARIO, {}), 'https://outlook.office.com/mail/inbox'),
      (doc: Document, onRow: OnListRow) =>
        readOutlook(doc, { now: new Date(DEMO_SCENARIO.now), timeZone: 'Europe/Amsterdam', onRow }),
      '[role="option"][data-convid]',
    ],
  ])(
    '%s: badges on the rows of the slow contact, and reading again gives the same result',
    async (_host, page, read, rowSelector) => {
      const doc = page();
      const background = fakeBackground({ [zwolle]: UNRESPONSIVE });
      const badges = createInlineBadges({ query: background.query });
      const first = badges.read((onRow) => read(doc, onRow));
      await settle();
      const rowsWithBadge = [...doc.querySelectorAll(rowSelector)].filter(
        (row) => row.getElementsByTagName(BADGE_TAG).length > 0,
      );
      const expectedRows = first.threads.filter((thread) =>
        thread.participants.some((participant) => participant.address === zwolle),
      );
      expect(expectedRows.length).toBeGreaterThan(0);
      expect(rowsWithBadge).toHaveLength(expectedRows.length);
      expect(badgesIn(doc)).toHaveLength(expectedRows.length);
      // the account is never asked about
      expect(background.asked.flat()).not.toContain(ACCOUNT);
      // the badges change nothing the reader reads
      expect(badges.read((onRow) => read(doc, onRow))).toEqual(first);
      expect(badgesIn(doc)).toHaveLength(expectedRows.length);
      if (_host === 'Outlook') {
        const keys = badgesIn(doc).map((badge) => badge.getAttribute(BADGE_THREAD_ATTRIBUTE));
        expect(keys.every((key) => key?.startsWith('outlook:conv:'))).toBe(true);
        expect(keys).toContain(`outlook:conv:${conversationIdFor('zwolle-wijkaanpak')}`);
      }
    },
  );
});
