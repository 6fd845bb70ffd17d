/**
 * The data page's messages, through the background's message table: a restore staged in chunks,
 * its dry run and its write owing everything derived; a refused restore answered with its code
 * and not counted as a refused message; forget and the not-tracked list; and none of it from a
 * content script.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sendBackup } from '@/lib/backup/send';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { DataReply } from '@/lib/messaging/data-messages';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { withFreshDb } from '../fixtures/fresh-db';
import { JAN, JAN_ID, seedEveryKindOfRecord } from '../fixtures/every-record';
import { contactRecord } from '../fixtures/records';
import { backupOf } from '../fixtures/backup-files';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const DATA_PAGE = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/data.html` };
const GMAIL_TAB = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 3 } };

let db: GemeenteradarDb;
let handle: ReturnType<typeof createMessageHandler>;
let afterWrite: ReturnType<typeof vi.fn<(owes: unknown) => void>>;
let forgetQueue: ReturnType<typeof vi.fn<() => void>>;

withFreshDb((fresh) => (db = fresh));
beforeEach(() => {
  afterWrite = vi.fn<(owes: unknown) => void>();
  const queue = createIngestQueue(db);
  forgetQueue = vi.fn<() => void>();
  handle = createMessageHandler({
    db,
    // a user's action runs as a step of the queue, which forgets what it remembers around it
    queue: { ...queue, exclusive: (work) => (forgetQueue(), queue.exclusive(work)) },
    extensionId: EXTENSION_ID,
    afterWrite,
  });
});

const send = (message: unknown, sender = DATA_PAGE) => handle(message, sender) as Promise<DataReply>;

const backupFile = (records: unknown[]) => backupOf('contacts', records);

const transport = {
  begin: async (header: unknown) => {
    const reply = await send({ type: 'restore-begin', header });
    if (!reply.ok) throw new Error(reply.error.code);
    return reply.restoreId!;
  },
  add: async (chunk: unknown) => {
    const reply = await send({ type: 'restore-chunk', chunk });
    if (!reply.ok) throw Object.assign(new Error(reply.problem?.code ?? reply.error.code), { problem: reply.problem });
  },
};

describe('the data page’s messages', () => {
  it('stage a restore, plan it without writing, apply it, and owe the pipeline everything derived', async () => {
    const { restoreId } = await sendBackup(backupFile([contactRecord({ id: 'c:a@zwolle.nl', name: 'A' })]), transport);
    const plan = await send({ type: 'restore-plan', restoreId, mode: 'merge' });
    expect(plan).toMatchObject({ ok: true, summary: { mode: 'merge' } });
    expect(await db.contacts.count()).toBe(0);
    expect(afterWrite).not.toHaveBeenCalled();
    const applied = await send({ type: 'restore-apply', restoreId, mode: 'merge' });
    expect(applied.ok).toBe(true);
    expect(await db.contacts.count()).toBe(1);
    expect(afterWrite).toHaveBeenCalledWith({ contactIds: [], everyone: true, badge: true, signal: true, summaries: true });
    // the ingest queue's memory of what it stored is forgotten around a restore
    expect(forgetQueue).toHaveBeenCalled();
  });

  it('answer a refused record with its code and place, without counting a refused message', async () => {
    const error = await sendBackup(backupFile([{ id: 'c:a@zwolle.nl', name: 'A' }]), transport).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ message: 'invalid-record', problem: { code: 'invalid-record', table: 'contacts', line: 2 } });
    expect(await db.rejections.count()).toBe(0);
    expect(await send({ type: 'restore-apply', restoreId: 'restore:gone', mode: 'merge' })).toMatchObject({
      ok: false,
      error: { code: 'backup-refused', values: { problem: 'restore-expired' } },
    });
    // nothing changed, so nothing is owed
    expect(afterWrite.mock.calls.map(([owes]) => owes)).toEqual([{}]);
  });

  it('forget a person, and take an address off the not-tracked list again', async () => {
    await seedEveryKindOfRecord(db);
    const reply = await send({ type: 'forget-person', forget: { addresses: [JAN.address] } });
    expect(reply).toMatchObject({ ok: true, forgotten: expect.arrayContaining([{ table: 'contacts', deleted: 1, changed: 0 }]) });
    expect(await db.contacts.get(JAN_ID)).toBeUndefined();
    expect(afterWrite).toHaveBeenCalledTimes(1);
    expect(await send({ type: 'not-tracked-remove', remove: { address: 'Jan.DeVries@gmail.com'.toLowerCase() } })).toMatchObject({
      ok: true,
      removed: 2,
    });
    expect(await send({ type: 'forget-person', forget: { addresses: ['sanne@buurtkracht.nl'] } })).toMatchObject({
      ok: false,
      error: { code: 'forget-own-address' },
    });
  });

  it('forget everything, keeping only what the user chose', async () => {
    await seedEveryKindOfRecord(db);
    expect(await send({ type: 'forget-everything', keep: { settings: true } })).toMatchObject({ ok: true });
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
    expect(Object.keys(await browser.storage.local.get(null))).toEqual(['thresholds']);
    expect(await browser.storage.session.get(null)).toEqual({});
  });

  it('are refused from a content script', async () => {
    for (const message of [
      { type: 'forget-everything', keep: {} },
      { type: 'forget-person', forget: { addresses: [JAN.address] } },
      { type: 'restore-begin', header: { schemaVersion: 1, createdAt: 1, counts: {} } },
    ]) {
      expect(await send(message, GMAIL_TAB)).toMatchObject({ ok: false });
    }
  });
});
