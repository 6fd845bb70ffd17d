import { beforeEach, describe, expect, it } from 'vitest';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { ACCOUNT, batch, message, person, T0, threadRow } from '../fixtures/observations';
import { failWritesOf, InjectedWriteError } from '../fixtures/faults';
import { withFreshDb } from '../fixtures/fresh-db';

const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const KARIN = person('Karin Mulder', 'karin.mulder73@gmail.com');
const ME = person('me', ACCOUNT);

const page = batch({
  threads: [
    threadRow({ threadKey: 'gmail:thread-f:1', subject: 'Kennismaking', participants: [PETER, ME], at: T0 }),
    threadRow({ threadKey: 'gmail:thread-f:2', subject: 'Buurthulp', participants: [KARIN], at: T0 - 1000 }),
  ],
  messages: [message({ messageKey: 'gmail:msg-f:1', threadKey: 'gmail:thread-f:1', from: PETER, to: [ME], at: T0 })],
});

let db: GemeenteradarDb;
/** how many ingest transactions the queue ran */
let transactions: number;

withFreshDb((fresh) => (db = fresh));
beforeEach(() => {
  transactions = 0;
});

function queueFor(options: { remember?: number } = {}) {
  return createIngestQueue(db, { ...options, now: () => T0, onIngested: () => transactions++ });
}

describe('ingest queue: what was stored is not ingested again', () => {
  it('drops a page sent again unchanged, without a transaction, and stores the same', async () => {
    const queue = queueFor();
    await queue.push(page);
    const stored = { threads: await db.threads.toArray(), contacts: await db.contacts.toArray() };
    expect(transactions).toBe(1);

    const again = await queue.push(structuredClone(page));
    expect(again).toMatchObject({ threads: 0, messages: 0, affectedContactIds: [] });
    expect(transactions).toBe(1);
    expect(await db.threads.toArray()).toEqual(stored.threads);
    expect(await db.contacts.toArray()).toEqual(stored.contacts);
  });

  it('ingests only what changed: a new snippet, a message now expanded', async () => {
    const queue = queueFor();
    await queue.push(page);
    const changed = batch({
      threads: [{ ...page.threads[0]!, snippet: 'Nieuw: de wethouder komt langs' }, page.threads[1]!],
      messages: page.messages,
    });
    const summary = await queue.push(changed);
    expect(summary).toMatchObject({ threads: 1, messages: 0 });
    expect(transactions).toBe(2);
    expect(await db.threads.get('gmail:thread-f:1')).toMatchObject({ snippet: 'Nieuw: de wethouder komt langs' });
  });

  it('sees the same row from another account as new (it decides sent and received)', async () => {
    const queue = queueFor();
    await queue.push(page);
    await queue.push({ ...page, account: 'sanne@andere-stichting.nl' });
    expect(transactions).toBe(2);
  });

  it('ingests everything again once told to forget (after a user action)', async () => {
    const queue = queueFor();
    await queue.push(page);
    queue.forget();
    expect(await queue.push(page)).toMatchObject({ threads: 2, messages: 1 });
    expect(transactions).toBe(2);
  });

  it('does not remember a transaction that a user action overlapped', async () => {
    const queue = queueFor();
    const running = queue.push(page);
    queue.forget(); // e.g. a correction arrived while the batch was being stored
    await running;
    await queue.push(page);
    expect(transactions).toBe(2);
  });

  it('does not remember what failed to be stored', async () => {
    const faults = failWritesOf(db, 'threads', (thread) => thread.subject === 'POISON');
    const queue = queueFor();
    const broken = batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:9', participants: [PETER], subject: 'POISON' })] });
    await expect(queue.push(broken)).rejects.toBeInstanceOf(InjectedWriteError);
    await expect(queue.push(broken)).rejects.toBeInstanceOf(InjectedWriteError);
    expect(faults.failures).toBe(2);
    expect(await db.threads.count()).toBe(0);
  });

  it('remembers a batch of which the store refused one record: the same page again is not refused again', async () => {
    const queue = queueFor();
    const oneBad = batch({
      threads: [threadRow({ threadKey: 'gmail:thread-f:9', participants: [PETER], subject: 'x'.repeat(1001) }), page.threads[1]!],
    });
    await queue.push(oneBad);
    await queue.push(structuredClone(oneBad));
    expect(transactions).toBe(1);
    expect(await db.threads.toCollection().primaryKeys()).toEqual(['gmail:thread-f:2']);
    expect(await db.rejections.toArray()).toMatchObject([{ code: 'invalid-record', count: 1 }]);
  });

  it('forgets the oldest observations past its bound, which are then read from the store again', async () => {
    const queue = queueFor({ remember: 2 });
    await queue.push(page); // three observations: the first row is forgotten
    await queue.push(batch({ threads: [page.threads[1]!] }));
    expect(transactions).toBe(1);
    await queue.push(batch({ threads: [page.threads[0]!] }));
    expect(transactions).toBe(2);
    expect(await db.threads.count()).toBe(2);
  });

  it('learning a new own address makes it see every page anew', async () => {
    const queue = queueFor();
    await queue.push(page);
    // the user's second mailbox: a person on a page already stored may be the user
    await queue.push(batch({ account: 'sanne@tweede.nl', threads: [] }));
    await queue.push(page);
    expect(transactions).toBe(3);
  });
});

describe('ingest queue: a batch whose caller owes the pipeline itself (a mailbox import)', () => {
  it('stores it, does not tell onIngested, and does not remember it', async () => {
    const queue = queueFor();
    const summary = await queue.push(page, { owesPipeline: false, remember: false });
    expect(summary.affectedContactIds).toEqual(['c:p.snijders@zwolle.nl']);
    expect(await db.threads.count()).toBe(2);
    expect(transactions).toBe(0);
    // not remembered: the same batch from a page is ingested (and owed) as new
    await queue.push(page);
    expect(transactions).toBe(1);
  });

  it("a transaction shared with a page's batch is owed for both", async () => {
    const queue = queueFor();
    const other = batch({
      messages: [message({ messageKey: 'gmail:msg-f:9', threadKey: 'gmail:thread-f:9', from: KARIN, to: [ME] })],
    });
    const first = queue.push(other);
    // these two wait for the first transaction and are stored together in the next
    const imported = queue.push(page, { owesPipeline: false });
    const read = queue.push(batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:3', participants: [PETER] })] }));
    await Promise.all([first, imported, read]);
    expect(transactions).toBe(2);
  });
});

describe('ingest queue: one bad batch fails alone', () => {
  const tab = (index: number, subject = `Rij ${index}`) =>
    batch({
      threads: Array.from({ length: 40 }, (_, row) =>
        threadRow({ threadKey: `gmail:thread-f:${index * 100 + row}`, subject, participants: [PETER] }),
      ),
    });

  it('stores each batch of a failed coalesced transaction alone: the others are stored and answered as stored', async () => {
    failWritesOf(db, 'threads', (thread) => thread.subject === 'POISON');
    const queue = queueFor();
    // the first batch starts a transaction; the next two arrive while it runs and share the next one
    const first = queue.push(tab(1));
    const poisoned = queue.push(tab(2, 'POISON'));
    const clean = queue.push(tab(3));
    await expect(first).resolves.toMatchObject({ threads: 40 });
    await expect(poisoned).rejects.toBeInstanceOf(InjectedWriteError);
    await expect(clean).resolves.toMatchObject({ threads: 40 });
    expect(await db.threads.where('id').between('gmail:thread-f:300', 'gmail:thread-f:399', true, true).count()).toBe(40);
    expect(await db.threads.count()).toBe(80);
  });

  it('runs a user action as a step of the queue: after the batches before it, before the batches after it', async () => {
    const queue = queueFor();
    const order: string[] = [];
    const before = queue.push(tab(1)).then(() => order.push('batch before'));
    const action = queue.exclusive(async () => {
      order.push(`action sees ${await db.threads.count()} threads`);
      return 'done';
    });
    const after = queue.push(tab(2)).then(() => order.push('batch after'));
    await Promise.all([before, after]);
    await expect(action).resolves.toBe('done');
    expect(order).toEqual(['batch before', 'action sees 40 threads', 'batch after']);
  });

  it('goes on after a user action that fails: its error is its own', async () => {
    const queue = queueFor();
    await expect(queue.exclusive(() => Promise.reject(new Error('contact is gone')))).rejects.toThrow('contact is gone');
    await expect(queue.push(tab(1))).resolves.toMatchObject({ threads: 40 });
  });
});
