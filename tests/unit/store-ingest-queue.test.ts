import { beforeEach, describe, expect, it } from 'vitest';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { ACCOUNT, batch, message, person, T0, threadRow } from '../fixtures/observations';
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
    const queue = queueFor();
    const broken = batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:9', participants: [PETER], subject: 'x'.repeat(1001) })] });
    await expect(queue.push(broken)).rejects.toThrow(/invalid threads record/);
    await expect(queue.push(broken)).rejects.toThrow(/invalid threads record/);
    expect(await db.threads.count()).toBe(0);
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

  it('a transaction shared with a page\'s batch is owed for both', async () => {
    const queue = queueFor();
    const other = batch({ messages: [message({ messageKey: 'gmail:msg-f:9', threadKey: 'gmail:thread-f:9', from: KARIN, to: [ME] })] });
    const first = queue.push(other);
    // these two wait for the first transaction and are stored together in the next
    const imported = queue.push(page, { owesPipeline: false });
    const read = queue.push(batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:3', participants: [PETER] })] }));
    await Promise.all([first, imported, read]);
    expect(transactions).toBe(2);
  });
});
