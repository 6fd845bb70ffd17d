/**
 * The ingest queue's memory of records (lib/store/ingest/record-memory.ts): a page view of people
 * and threads seen before reads none of them again, and it is never wrong: a user's action
 * between two page views (a correction, a merge, a kind correction), a write by anyone else, or
 * a write while an ingest runs, and the next batch plans from the store as it is.
 */
import type { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, createRecordMemory, ingestBatches } from '@/lib/store/ingest';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { ACCOUNT, batch, message, person, readFully, T0, threadRow } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const GMAIL_TAB = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 1 } };
const SIDE_PANEL = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` };
const DAY = 86_400_000;
const ME = person('me', ACCOUNT);
const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const KARIN = person('Karin Mulder', 'karin.mulder73@gmail.com');
const PETER_ID = contactIdFor(PETER.address!);
const KARIN_ID = contactIdFor(KARIN.address!);

/** The n-th page view: a new message from each of Peter and Karin in their threads, and their list rows. */
function view(n: number) {
  return batch({
    threads: [
      threadRow({ threadKey: 'gmail:thread-f:1', subject: 'Kennismaking', participants: [PETER, ME], at: T0 + n * DAY }),
      threadRow({ threadKey: 'gmail:thread-f:2', subject: 'Buurthulp', participants: [KARIN, ME], at: T0 + n * DAY }),
    ],
    messages: [
      message({ messageKey: `gmail:msg-f:${100 + n}`, threadKey: 'gmail:thread-f:1', from: PETER, to: [ME], at: T0 + n * DAY }),
      message({ messageKey: `gmail:msg-f:${200 + n}`, threadKey: 'gmail:thread-f:2', from: KARIN, to: [ME], at: T0 + n * DAY }),
    ],
    health: readFully('conversation', 4),
  });
}

/** Counts the reads that reach IndexedDB per table (registered before the database opens). */
function countReads(target: Dexie): Record<string, number> {
  const reads: Record<string, number> = {};
  const count = (table: string, n = 1) => (reads[table] = (reads[table] ?? 0) + n);
  target.use({
    stack: 'dbcore',
    name: 'read-counter',
    level: -2,
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            get: (request) => (count(name), table.get(request)),
            getMany: (request) => (count(name, request.keys.length), table.getMany(request)),
            query: (request) => (count(name), table.query(request)),
            count: (request) => (count(name), table.count(request)),
            openCursor: (request) => (count(name), table.openCursor(request)),
          };
        },
      };
    },
  });
  return reads;
}

function handlerWith(queue = createIngestQueue(db, { now: () => T0 })) {
  return { queue, handle: createMessageHandler({ db, queue, extensionId: EXTENSION_ID, now: () => T0 }) };
}

const observations = (n: number) => ({ type: 'observations', batch: view(n) });

describe('record memory: fewer reads', () => {
  it('reads none of the contacts, threads or corrections of people seen before, and stores the same', async () => {
    const reads = countReads(db);
    const queue = createIngestQueue(db, { now: () => T0 });
    await queue.push(view(1));
    for (const key of Object.keys(reads)) delete reads[key];
    await queue.push(view(2));
    expect(reads.contacts ?? 0).toBe(0);
    expect(reads.threads ?? 0).toBe(0);
    expect(reads.tags ?? 0).toBe(0);
    expect(reads.accounts ?? 0).toBe(0);
    // the new messages' keys are read (they may be stored by another tab's batch), with the same
    // mail under another reader's key (aliases, match key) and the meetings agreed in the batches'
    // threads (issue 11: not remembered, read every time); nothing else
    expect(Object.keys(reads).sort()).toEqual(['meetings', 'messages']);
    expect(await db.contacts.get(PETER_ID)).toMatchObject({ lastSeenAt: T0 + 2 * DAY });
    expect(await db.messages.count()).toBe(4);
  });

  it('comes to the same store as ingest without it', async () => {
    const views = [view(1), view(2), { ...view(3), account: 'sanne.tweede@buurtkracht.nl' }, view(4)];
    const queue = createIngestQueue(db, { now: () => T0 });
    for (const next of views) await queue.push(next);
    const remembered = {
      contacts: await db.contacts.toArray(),
      threads: await db.threads.toArray(),
      messages: await db.messages.toArray(),
    };
    await Promise.all([
      db.contacts.clear(),
      db.threads.clear(),
      db.messages.clear(),
      db.accounts.clear(),
      db.organisations.clear(),
    ]);
    for (const next of views) await ingestBatches(db, [next], T0);
    expect({
      contacts: await db.contacts.toArray(),
      threads: await db.threads.toArray(),
      messages: await db.messages.toArray(),
    }).toEqual(remembered);
  });
});

describe('record memory: a user action between two batches is seen by the second', () => {
  it('a role correction: the next batch keeps it', async () => {
    const { handle } = handlerWith();
    await handle(observations(1), GMAIL_TAB);
    const correction = {
      contactId: PETER_ID,
      address: PETER.address,
      scope: 'address',
      dimension: 'role',
      value: 'gemeenteraad',
    };
    expect(await handle({ type: 'correct-tag', correction }, SIDE_PANEL)).toEqual({ ok: true });
    expect(await handle(observations(2), GMAIL_TAB)).toEqual({ ok: true });
    expect(await db.contacts.get(PETER_ID)).toMatchObject({ role: 'gemeenteraad', lastSeenAt: T0 + 2 * DAY });
  });

  it('a merge: the next batch links the merged address to the contact it was merged into', async () => {
    const { handle } = handlerWith();
    await handle(observations(1), GMAIL_TAB);
    expect(
      await handle({ type: 'merge-contacts', merge: { intoContactId: PETER_ID, mergedContactId: KARIN_ID } }, SIDE_PANEL),
    ).toEqual({ ok: true });
    await handle(observations(2), GMAIL_TAB);
    expect(await db.contacts.get(KARIN_ID)).toBeUndefined();
    expect(await db.messages.get('gmail:msg-f:202')).toMatchObject({ contactIds: [PETER_ID] });
    expect(await db.contacts.get(PETER_ID)).toMatchObject({ addresses: [PETER.address, KARIN.address] });
  });

  it('a kind correction (not followed): the next batch does not follow them again', async () => {
    const { handle } = handlerWith();
    await handle(observations(1), GMAIL_TAB);
    const correction = { contactId: KARIN_ID, address: KARIN.address, scope: 'address', dimension: 'kind', value: 'ignored' };
    expect(await handle({ type: 'correct-tag', correction }, SIDE_PANEL)).toEqual({ ok: true });
    await handle(observations(2), GMAIL_TAB);
    expect(await db.contacts.get(KARIN_ID)).toMatchObject({ kind: 'ignored' });
    expect(await db.messages.get('gmail:msg-f:202')).toMatchObject({ contactIds: [] });
    expect(await db.threads.get('gmail:thread-f:2')).toMatchObject({ contactIds: [] });
  });

  it('a user action sent while batches wait runs between them, and the later batch sees it', async () => {
    const { handle } = handlerWith();
    await handle(observations(1), GMAIL_TAB);
    const correction = {
      contactId: PETER_ID,
      address: PETER.address,
      scope: 'address',
      dimension: 'municipality',
      value: 'GM0363',
    };
    const replies = await Promise.all([
      handle(observations(2), GMAIL_TAB),
      handle({ type: 'correct-tag', correction }, SIDE_PANEL),
      handle(observations(3), GMAIL_TAB),
    ]);
    expect(replies).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(await db.contacts.get(PETER_ID)).toMatchObject({ municipalityCode: 'GM0363', lastSeenAt: T0 + 3 * DAY });
    expect(await db.threads.get('gmail:thread-f:1')).toMatchObject({ municipalityCode: 'GM0363' });
  });
});

describe('record memory: writes by anyone else', () => {
  it('is cleared by a write that did not go through the queue, so the next batch reads the store', async () => {
    const queue = createIngestQueue(db, { now: () => T0 });
    await queue.push(view(1));
    // a writer past the queue (a future one, a restore): the memory must not outlive it
    await db.contacts.update(PETER_ID, { name: 'P. Snijders-de Vries' });
    await queue.push(view(2));
    expect(await db.contacts.get(PETER_ID)).toMatchObject({ name: 'P. Snijders-de Vries', lastSeenAt: T0 + 2 * DAY });
  });

  it('an ingest during which anyone else wrote is done again from the store, and teaches the memory nothing', async () => {
    const memory = createRecordMemory(db);
    await ingestBatches(db, [view(1)], T0, memory);
    // a writer past the queue whose transaction began first, and writes once the ingest began
    // (planning from what it remembers): IndexedDB runs the ingest's requests after its commit
    const renamed = 'Peter Snijders-van der Berg';
    const writer = db.transaction('rw', db.contacts, async () => {
      await db.contacts.get(PETER_ID);
      await db.contacts.update(PETER_ID, { name: renamed });
    });
    const ingest = ingestBatches(db, [view(2)], T0, memory);
    await Promise.all([writer, ingest]);
    expect(await db.contacts.get(PETER_ID)).toMatchObject({ name: renamed, lastSeenAt: T0 + 2 * DAY });
    expect(await db.messages.count()).toBe(4);
    // the memory learnt nothing from the ingest it could not trust: Peter is read again
    expect(memory.recall({ addresses: [PETER.address!], mailboxes: [], messageKeys: [], threadKeys: [] }, []).addresses).toEqual([
      PETER.address,
    ]);
  });
});
