import { beforeEach, describe, expect, it } from 'vitest';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { batch, person, readFully, T0, threadRow } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const GMAIL_TAB = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox' };

let db: GemeenteradarDb;
let handle: ReturnType<typeof createMessageHandler>;

withFreshDb((fresh) => (db = fresh));
beforeEach(() => {
  handle = createMessageHandler({ db, queue: createIngestQueue(db), extensionId: EXTENSION_ID, now: () => T0 });
});

const valid = {
  type: 'observations',
  batch: batch({
    threads: [threadRow({ threadKey: 'gmail:thread-f:1', participants: [person('Peter Snijders', 'p.snijders@zwolle.nl')] })],
    health: readFully('list', 1),
  }),
};

describe('background message handler', () => {
  it('stores a valid batch and the reader status', async () => {
    await expect(handle(valid, GMAIL_TAB)).resolves.toEqual({ ok: true });
    expect(await db.threads.count()).toBe(1);
    expect(await db.readerStatus.get('gmail:list')).toMatchObject({ status: 'ok', itemsRead: 1 });
  });

  it.each([
    ['an unknown message type', { type: 'delete-everything' }, 'type'],
    ['a batch without health', { type: 'observations', batch: { ...valid.batch, health: undefined } }, 'batch.health'],
    [
      'an address in upper case',
      { type: 'observations', batch: { ...valid.batch, account: 'Sanne@Buurtkracht.nl' } },
      'batch.account',
    ],
    [
      'a participant whose address is HTML',
      {
        type: 'observations',
        batch: batch({
          threads: [threadRow({ threadKey: 'gmail:thread-f:2', participants: [person('x', '<img src=x onerror=alert(1)>')] })],
        }),
      },
      'batch.threads',
    ],
    ['a string', 'hello', 'bericht'],
  ])('refuses %s, counts the reason and stores nothing', async (_label, message, reasonStart) => {
    const reply = await handle(message, GMAIL_TAB);
    expect(reply.ok).toBe(false);
    expect(await db.threads.count()).toBe(0);
    const [rejection] = await db.rejections.toArray();
    expect(rejection?.reason.startsWith(reasonStart)).toBe(true);
    expect(rejection?.count).toBe(1);
  });

  it('refuses messages from another extension or from a page of another host', async () => {
    expect((await handle(valid, { id: 'someone-else', url: GMAIL_TAB.url })).ok).toBe(false);
    expect((await handle(valid, { id: EXTENSION_ID, url: 'https://evil.example/mail.google.com' })).ok).toBe(false);
    expect((await handle(valid, { id: EXTENSION_ID, url: 'https://outlook.office.com/mail/' })).ok).toBe(false);
    expect(await db.threads.count()).toBe(0);
    expect((await db.rejections.toArray()).reduce((sum, r) => sum + r.count, 0)).toBe(3);
  });

  it("makes the queue forget what it stored after a user's action, so a page sent again is read anew", async () => {
    let transactions = 0;
    const counting = createMessageHandler({
      db,
      queue: createIngestQueue(db, { now: () => T0, onIngested: () => transactions++ }),
      extensionId: EXTENSION_ID,
      now: () => T0,
    });
    await counting(valid, GMAIL_TAB);
    await counting(valid, GMAIL_TAB);
    expect(transactions).toBe(1); // the same page again: remembered, no transaction
    const sidePanel = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` };
    const correction = {
      type: 'correct-tag',
      correction: { contactId: 'c:p.snijders@zwolle.nl', address: 'p.snijders@zwolle.nl', scope: 'address', dimension: 'role', value: 'wethouder' },
    };
    expect(await counting(correction, sidePanel)).toEqual({ ok: true });
    await counting(valid, GMAIL_TAB);
    expect(transactions).toBe(2);
    expect(await db.contacts.get('c:p.snijders@zwolle.nl')).toMatchObject({ role: 'wethouder' });
  });

  it('records an unrecognised page without storing data from it', async () => {
    const unrecognised = {
      type: 'observations',
      batch: batch({ health: { view: 'list', status: 'unrecognised', itemsSeen: 0, itemsRead: 0, problems: { 'unknown-markup': 1 } } }),
    };
    expect(await handle(unrecognised, GMAIL_TAB)).toEqual({ ok: true });
    expect(await db.readerStatus.get('gmail:list')).toMatchObject({ status: 'unrecognised', problems: { 'unknown-markup': 1 } });
    expect(await db.threads.count()).toBe(0);
  });
});
