import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObservationBatch } from '@/lib/messaging/observations';
import { createInlineBadges } from '@/lib/content/inline-badges';
import { OWN_ELEMENT_ATTRIBUTE, startObserving, type Observation } from '@/lib/content/observe';
import type { ReaderResult } from '@/lib/readers/types';

/**
 * A tiny reader over a test page: every `li.row` is a thread (its text the subject), the URL
 * path is the view. Enough to see when the runtime reads and what it sends.
 */
function readRows(root: Document): ReaderResult {
  const rows = [...root.querySelectorAll('li.row')];
  return {
    account: 'sanne@buurtkracht.nl',
    threads: rows.map((row, index) => ({
      threadKey: `test:${index}`,
      idSource: 'app' as const,
      subject: row.textContent ?? '',
      snippet: '',
      participants: [{ address: 'a@zwolle.nl', name: 'A' }],
      at: null,
      atRaw: null,
      unread: row.classList.contains('unread'),
      messageCount: 1,
    })),
    messages: [],
    health: {
      view: root.URL.includes('/id/') ? 'conversation' : 'list',
      status: 'ok',
      itemsSeen: rows.length,
      itemsRead: rows.length,
      problems: {},
    },
  };
}

function addRow(text: string): HTMLElement {
  const row = document.createElement('li');
  row.className = 'row';
  row.textContent = text;
  document.getElementById('list')!.appendChild(row);
  return row;
}

/** Lets MutationObserver callbacks run (they are queued as microtasks), then moves the fake clock. */
async function elapse(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
}

describe('startObserving', () => {
  let observation: Observation | null = null;
  let sent: ObservationBatch[];
  let reads: number;
  // the background's reply to an accepted batch
  const send = (batch: ObservationBatch) => {
    sent.push(batch);
    return { ok: true };
  };
  const countingRead = (root: Document) => {
    reads++;
    return readRows(root);
  };

  beforeEach(async () => {
    vi.useFakeTimers({ now: new Date('2026-11-27T09:30:00+01:00') });
    document.body.replaceChildren();
    const list = document.createElement('ul');
    list.id = 'list';
    document.body.appendChild(list);
    history.replaceState(null, '', '/mail/inbox');
    // happy-dom (unlike browsers) fires hashchange for a replaceState that changes the hash, a
    // tick later: let that pass before a test starts observing
    await vi.advanceTimersByTimeAsync(50);
    sent = [];
    reads = 0;
  });
  afterEach(() => {
    observation?.stop();
    observation = null;
    vi.useRealTimers();
  });

  it('reads on start and sends one batch with host, account, time and health', () => {
    addRow('Wijkaanpak Holtenbroek');
    const startedAt = Date.now();
    observation = startObserving({ read: countingRead, host: 'gmail', send });
    expect(reads).toBe(1);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      host: 'gmail',
      account: 'sanne@buurtkracht.nl',
      observedAt: startedAt,
      threads: [{ subject: 'Wijkaanpak Holtenbroek' }],
      messages: [],
      health: { view: 'list', status: 'ok', itemsSeen: 1 },
    });
  });

  it('reads again after the page has been quiet for the debounce time, and sends what changed', async () => {
    observation = startObserving({ read: countingRead, host: 'gmail', send, debounceMs: 300 });
    addRow('Eerste');
    await elapse(299);
    expect(reads).toBe(1);
    addRow('Tweede'); // restarts the quiet period
    await elapse(299);
    expect(reads).toBe(1);
    await elapse(1);
    expect(reads).toBe(2);
    expect(sent.map((batch) => batch.threads.map((thread) => thread.subject))).toEqual([[], ['Eerste', 'Tweede']]);
  });

  it('does not send when a change does not change the result', async () => {
    addRow('Eerste');
    observation = startObserving({ read: countingRead, host: 'gmail', send });
    document.getElementById('list')!.setAttribute('class', 'hovered'); // Gmail toggles classes on hover
    await elapse(400);
    expect(reads).toBe(2);
    expect(sent).toHaveLength(1);
    document.querySelector('li.row')!.classList.add('unread');
    await elapse(400);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.threads[0]!.unread).toBe(true);
  });

  it('a page that never stops mutating is still read, at least every maxWait', async () => {
    observation = startObserving({ read: countingRead, host: 'gmail', send, debounceMs: 300, maxWaitMs: 1000 });
    const ticker = document.createElement('span');
    document.body.appendChild(ticker);
    let tick = 0;
    const interval = setInterval(() => {
      ticker.textContent = String(tick++);
      if (tick === 5) addRow('Nieuw tijdens het tikken');
    }, 100);
    const readTimes: number[] = [];
    const start = Date.now();
    for (let step = 0; step < 31; step++) {
      const before = reads;
      await elapse(100);
      if (reads > before) readTimes.push(Date.now() - start);
    }
    clearInterval(interval);
    // first mutation at 100 ms: read at 1100 ms (not never); the next mutation at 1200 ms: read at 2200 ms
    expect(readTimes).toEqual([1100, 2200]);
    expect(sent.at(-1)!.threads.map((thread) => thread.subject)).toEqual(['Nieuw tijdens het tikken']);
  });

  it('reads after in-app navigation: hashchange, popstate, and pushState seen at the next mutation', async () => {
    observation = startObserving({ read: countingRead, host: 'outlook', send });
    expect(sent.at(-1)!.health.view).toBe('list');

    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await elapse(300);
    expect(reads).toBe(2);

    window.dispatchEvent(new PopStateEvent('popstate'));
    await elapse(300);
    expect(reads).toBe(3);

    // Outlook navigates with the History API: no event at all...
    history.pushState(null, '', '/mail/id/AAQkADAwATM0MDAAMS1hYjAyLTk2ZDItMDACLTAwCgAQAK');
    await elapse(300);
    expect(reads).toBe(3);
    // ...until the app renders the new view
    addRow('Gerenderd na pushState');
    await elapse(300);
    expect(reads).toBe(4);
    expect(sent.at(-1)!.health.view).toBe('conversation');
  });

  it('a reader that throws becomes an unrecognised batch, once, and never reaches the page', async () => {
    const errors: unknown[] = [];
    let broken = true;
    observation = startObserving({
      read: (root) => {
        if (broken) throw new TypeError('Cannot read properties of null');
        return readRows(root);
      },
      host: 'outlook',
      send,
      onError: (error) => errors.push(error),
    });
    expect(sent).toEqual([
      {
        host: 'outlook',
        account: null,
        observedAt: expect.any(Number),
        threads: [],
        messages: [],
        health: { view: 'other', status: 'unrecognised', itemsSeen: 0, itemsRead: 0, problems: { 'unknown-markup': 1 } },
      },
    ]);
    addRow('x');
    await elapse(300);
    expect(sent).toHaveLength(1); // the same failure is not sent again
    expect(errors).toHaveLength(2);
    broken = false;
    addRow('y');
    await elapse(300);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.health.status).toBe('ok');
  });

  it('a failing send is retried at the next change; a thrown send never escapes', async () => {
    let attempts = 0;
    observation = startObserving({
      read: countingRead,
      host: 'gmail',
      send: async () => {
        attempts++;
        if (attempts === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    await elapse(0);
    document.body.setAttribute('class', 'x'); // no change in what is read, but the first send failed
    await elapse(300);
    expect(attempts).toBe(2);

    const throwing = startObserving({
      read: countingRead,
      host: 'gmail',
      send: () => {
        throw new Error('sync failure');
      },
    });
    expect(() => throwing.readNow()).not.toThrow();
    throwing.stop();
  });

  it.each([
    ['refused', { ok: false, error: 'opslag: ongeldig' }],
    ['not answered (a service worker stopped mid-ingest)', undefined],
    ['failed', 'reject'],
  ])('a batch the background %s is sent again with backoff, without a change in the page', async (_case, reply) => {
    const attemptsAt: number[] = [];
    const start = Date.now();
    observation = startObserving({
      read: countingRead,
      host: 'gmail',
      retryDelaysMs: [100, 200, 400],
      send: async () => {
        attemptsAt.push(Date.now() - start);
        if (attemptsAt.length >= 3) return { ok: true };
        if (reply === 'reject') throw new Error('The message port closed before a response was received.');
        return reply;
      },
    });
    await elapse(2000);
    // the first attempt, then after 100 and 200 ms more; confirmed at the third: no more
    expect(attemptsAt).toEqual([0, 100, 300]);
    expect(reads).toBe(1);
  });

  it('gives up after the last delay until the next change, which sends the read again', async () => {
    let attempts = 0;
    observation = startObserving({
      read: countingRead,
      host: 'gmail',
      retryDelaysMs: [100, 100],
      send: async () => {
        attempts++;
        return { ok: false, error: 'opslag: ongeldig' };
      },
    });
    await elapse(5000);
    expect(attempts).toBe(3);
    document.body.setAttribute('class', 'x'); // the same read, but it was never delivered
    await elapse(300);
    expect(attempts).toBe(4);
  });

  it.each([
    ['invalid-message', { path: 'batch.threads.0.subject', issue: 'too_big' }, false],
    ['sender-wrong-page', { host: 'gmail' }, false],
    ['invalid-record', { table: 'threads', field: 'subject' }, false],
    ['store-failed', { error: 'AbortError' }, true],
  ] as const)('a batch refused with %s: sent again %s', async (code, values, retried) => {
    const many = (root: Document): ReaderResult => {
      const result = countingRead(root);
      const threads = Array.from({ length: 1500 }, (_, index) => ({ ...result.threads[0]!, threadKey: `test:${index}` }));
      return { ...result, threads, health: { ...result.health, itemsSeen: 1500, itemsRead: 1500 } };
    };
    addRow('model');
    const sizes: number[] = [];
    observation = startObserving({
      read: many,
      host: 'gmail',
      retryDelaysMs: [100, 100],
      send: async (batch: ObservationBatch) => {
        sizes.push(batch.threads.length);
        // the first batch is refused every time it is sent
        return sizes.length === 1 || (retried && batch.threads.length === 1000)
          ? { ok: false, error: { code, values } }
          : { ok: true };
      },
    });
    await elapse(1000);
    // refused for what it is: not sent again, the read's second batch follows; else retried until the delays run out
    expect(sizes).toEqual(retried ? [1000, 1000, 1000] : [1000, 500]);
    document.body.setAttribute('class', 'x'); // the same read again
    await elapse(1000);
    expect(sizes.length).toBe(retried ? 6 : 2);
  });

  it('a read in steps sends the whole read once it is done, and reads again after a change made meanwhile', async () => {
    addRow('een');
    const sentSubjects: string[][] = [];
    let steps = 0;
    let changeDuringRead = true;
    observation = startObserving({
      read: countingRead,
      host: 'gmail',
      readInSteps: function* (root) {
        const result = countingRead(root);
        for (let step = 0; step < 3; step++) {
          steps++;
          if (changeDuringRead && step === 1) {
            // the page changes while the read is under way: noted, read once this one is done
            changeDuringRead = false;
            addRow('twee');
            observation?.readNow();
          }
          yield;
        }
        return result;
      },
      send: (batch: ObservationBatch) => {
        sentSubjects.push(batch.threads.map((thread) => thread.subject));
        return { ok: true };
      },
    });
    await elapse(1000);
    // the first read (started before the change) whole, then the read after the change
    expect(sentSubjects).toEqual([['een'], ['een', 'twee']]);
    expect(steps).toBe(6);
    expect(reads).toBe(2);
  });

  it('a newer read replaces an older one still being retried; stop() ends the retries', async () => {
    const subjects: string[][] = [];
    let confirm = false;
    observation = startObserving({
      read: countingRead,
      host: 'gmail',
      retryDelaysMs: [1000],
      send: async (batch: ObservationBatch) => {
        subjects.push(batch.threads.map((thread) => thread.subject));
        return { ok: confirm };
      },
    });
    await elapse(0);
    addRow('nieuw');
    confirm = true;
    await elapse(5000);
    // the empty list was never sent again once the page showed a row
    expect(subjects).toEqual([[], ['nieuw']]);

    confirm = false;
    addRow('nog een');
    await elapse(300);
    observation.stop();
    await elapse(5000);
    expect(subjects).toHaveLength(3);
  });

  it('a list longer than a batch holds goes in several batches, all rows, each confirmed in turn', async () => {
    const many = (root: Document): ReaderResult => {
      const result = countingRead(root);
      const threads = Array.from({ length: 2500 }, (_, index) => ({
        ...result.threads[0]!,
        threadKey: `test:${index}`,
        subject: `r${index}`,
      }));
      return { ...result, threads, health: { ...result.health, itemsSeen: 2500, itemsRead: 2500 } };
    };
    addRow('model');
    const sizes: number[] = [];
    const keys = new Set<string>();
    observation = startObserving({
      read: many,
      host: 'gmail',
      retryDelaysMs: [100],
      send: async (batch: ObservationBatch) => {
        sizes.push(batch.threads.length);
        batch.threads.forEach((thread) => keys.add(thread.threadKey));
        // the second batch fails once: it is sent again, the first is not
        return { ok: !(sizes.length === 2) };
      },
    });
    await elapse(1000);
    expect(sizes).toEqual([1000, 1000, 1000, 500]);
    expect(keys.size).toBe(2500);
  });

  it('stops for good when the extension context is invalidated (extension updated or removed)', async () => {
    let attempts = 0;
    observation = startObserving({
      read: countingRead,
      host: 'gmail',
      send: () => {
        attempts++;
        return Promise.reject(new Error('Extension context invalidated.'));
      },
    });
    await elapse(0);
    addRow('na de update');
    await elapse(1000);
    expect(attempts).toBe(1);
    expect(reads).toBe(1);
  });

  it('stop() ends reading: no more reads after mutations or navigation', async () => {
    observation = startObserving({ read: countingRead, host: 'gmail', send });
    addRow('gepland');
    observation.stop();
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    addRow('later');
    await elapse(5000);
    expect(reads).toBe(1);
    observation.readNow();
    expect(reads).toBe(1);
  });

  it('caps a batch at the contract limit of 1000 threads', () => {
    for (let index = 0; index < 1005; index++) addRow(`rij ${index}`);
    observation = startObserving({ read: countingRead, host: 'gmail', send });
    expect(sent[0]!.threads).toHaveLength(1000);
    expect(sent[0]!.health.itemsSeen).toBe(1005);
  });

  // Badges placed during a read, changed or taken away must not make the runtime read again (it
  // would loop: a read places badges, which would schedule a read); the page's changes still do.
  describe('the extension’s own elements in the page', () => {
    const ownElement = () => {
      const element = document.createElement('gemeenteradar-badge');
      element.setAttribute(OWN_ELEMENT_ATTRIBUTE, 'badge');
      return element;
    };

    it('adding, changing, filling and removing an own element is no reason to read', async () => {
      const row = addRow('Wijkaanpak');
      observation = startObserving({ read: countingRead, host: 'gmail', send });
      const badge = ownElement();
      row.insertBefore(badge, row.firstChild);
      await elapse(1000);
      badge.setAttribute('title', '3 pogingen'); // watched attributes, on our element
      badge.setAttribute('class', 'x');
      badge.appendChild(document.createElement('span')).textContent = '3×';
      (badge.firstChild as HTMLElement).setAttribute('style', 'color: red');
      badge.firstChild!.firstChild!.nodeValue = '4×';
      await elapse(1000);
      badge.remove();
      await elapse(1000);
      expect(reads).toBe(1);
    });

    it('the page changing is, also in the same batch of mutations as own ones', async () => {
      const row = addRow('Wijkaanpak');
      observation = startObserving({ read: countingRead, host: 'gmail', send });
      row.insertBefore(ownElement(), row.firstChild);
      row.appendChild(document.createTextNode(' (2)'));
      await elapse(300);
      expect(reads).toBe(2);
      row.replaceWith(row.cloneNode(true)); // the app replaces the row, badge and all
      await elapse(300);
      expect(reads).toBe(3);
      const lookalike = document.createElement('span'); // a similar attribute name is not ours
      lookalike.setAttribute('data-gemeenteradar-thread', 'x');
      document.body.appendChild(lookalike);
      await elapse(300);
      expect(reads).toBe(4);
    });

    it('a read that places badges (lib/content/inline-badges) does not make the runtime read again and again', async () => {
      for (const subject of ['Wijkaanpak', 'Subsidie'])
        addRow(subject).appendChild(document.createElement('span')).setAttribute('email', 'a@zwolle.nl');
      const entry = { status: 'unresponsive', attempts: 3, workingDaysWaiting: 23, short: '3×', label: 'Reageert niet' };
      const badges = createInlineBadges({
        query: async (addresses) => ({ ok: true, statuses: Object.fromEntries(addresses.map((address) => [address, entry])) }),
      });
      const withRows = (root: Document) =>
        badges.read((onRow) => {
          const result = countingRead(root);
          root
            .querySelectorAll('li.row')
            .forEach((row, index) =>
              onRow({ element: row, thread: result.threads[index]!, anchor: row.querySelector('[email]') }),
            );
          return result;
        });
      observation = startObserving({ read: withRows, host: 'gmail', send });
      await elapse(5000);
      const placed = () => document.querySelectorAll(`[${OWN_ELEMENT_ATTRIBUTE}]`);
      expect(placed()).toHaveLength(2);
      expect(reads).toBe(1);
      badges.invalidate(); // the latency cache changed: new answers, badges updated in place
      await elapse(5000);
      expect(reads).toBe(1);
      // the app re-renders a row without our badge: one read puts it back, and no more reads
      const first = document.querySelector('li.row')!;
      const fresh = first.cloneNode(true) as Element;
      fresh.querySelector(`[${OWN_ELEMENT_ATTRIBUTE}]`)!.remove();
      first.replaceWith(fresh);
      await elapse(5000);
      expect(reads).toBe(2);
      expect(placed()).toHaveLength(2);
      expect(fresh.querySelectorAll(`[${OWN_ELEMENT_ATTRIBUTE}]`)).toHaveLength(1);
    });
  });

  it('reads only while the page is its own (Outlook: mail and calendar on one host), and in full on coming back', async () => {
    addRow('Wijkaanpak Holtenbroek');
    const onCalendar = () => location.pathname.startsWith('/calendar/');
    observation = startObserving({ read: countingRead, host: 'outlook', send, applies: () => !onCalendar() });
    expect(sent).toHaveLength(1);
    history.pushState(null, '', '/calendar/view/week');
    addRow('Agenda-item');
    await elapse(5000);
    expect(reads).toBe(1);
    history.pushState(null, '', '/mail/inbox');
    document.querySelector('li.row:last-child')!.remove();
    await elapse(5000);
    // the same rows as before: sent again all the same (what the other app showed meanwhile is not known here)
    expect(reads).toBe(2);
    expect(sent).toHaveLength(2);
  });
});
