import { beforeEach, describe, expect, it } from 'vitest';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { batch, person, readFully, T0, threadRow } from '../fixtures/observations';
import { failWritesOf } from '../fixtures/faults';
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
    ['a string', 'hello', '(message)'],
  ])('refuses %s, counts the reason (a code and the field) and stores nothing', async (_label, message, pathStart) => {
    const reply = await handle(message, GMAIL_TAB);
    expect(reply.ok).toBe(false);
    expect(await db.threads.count()).toBe(0);
    const [rejection] = await db.rejections.toArray();
    expect(rejection?.code).toBe('invalid-message');
    expect(String(rejection?.values?.path).startsWith(pathStart)).toBe(true);
    expect(rejection?.count).toBe(1);
    if (!reply.ok) expect(reply.error).toEqual({ code: rejection?.code, values: rejection?.values });
  });

  it('refuses messages from another extension or from a page of another host', async () => {
    expect((await handle(valid, { id: 'someone-else', url: GMAIL_TAB.url })).ok).toBe(false);
    expect((await handle(valid, { id: EXTENSION_ID, url: 'https://evil.example/mail.google.com' })).ok).toBe(false);
    expect((await handle(valid, { id: EXTENSION_ID, url: 'https://outlook.office.com/mail/' })).ok).toBe(false);
    expect(await db.threads.count()).toBe(0);
    expect((await db.rejections.toArray()).reduce((sum, r) => sum + r.count, 0)).toBe(3);
    expect((await db.rejections.toArray()).map((r) => r.reason).sort()).toEqual([
      'sender-not-extension',
      'sender-wrong-page host=gmail',
    ]);
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
      correction: {
        contactId: 'c:p.snijders@zwolle.nl',
        address: 'p.snijders@zwolle.nl',
        scope: 'address',
        dimension: 'role',
        value: 'wethouder',
      },
    };
    expect(await counting(correction, sidePanel)).toEqual({ ok: true });
    await counting(valid, GMAIL_TAB);
    expect(transactions).toBe(2);
    expect(await db.contacts.get('c:p.snijders@zwolle.nl')).toMatchObject({ role: 'wethouder' });
  });

  // The table's sender rules (they replaced a list of page-only message types): a user's action
  // only from an extension page, and what only content scripts send only from a webmail page.
  const SIDE_PANEL = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` };
  const CONTACT = 'c:p.snijders@zwolle.nl';
  it.each([
    ['log-call', { call: { contactId: CONTACT, at: T0, direction: 'out', answered: true } }],
    [
      'correct-tag',
      {
        correction: {
          contactId: CONTACT,
          address: 'p.snijders@zwolle.nl',
          scope: 'address',
          dimension: 'role',
          value: 'wethouder',
        },
      },
    ],
    ['remove-correction', { correction: { subjectType: 'address', subjectId: 'p.snijders@zwolle.nl', dimension: 'role' } }],
    ['merge-contacts', { merge: { intoContactId: CONTACT, mergedContactId: 'c:peter@gmail.com' } }],
    ['split-contact', { split: { mergeId: 'merge:c:peter@gmail.com' } }],
    ['save-note', { note: { subjectType: 'contact', subjectId: CONTACT, text: 'Notitie' } }],
    ['add-next-step', { step: { subjectType: 'contact', subjectId: CONTACT, text: 'Bellen', dueAt: T0 } }],
    ['update-next-step', { step: { id: 'step:1', done: true } }],
    ['decide-reply', { decision: { subjectType: 'message', subjectId: 'gmail:msg-f:1', value: 'not-needed' } }],
    ['snooze-contact', { snooze: { contactId: CONTACT, until: T0 + 86_400_000 } }],
    ['decide-meeting', { decision: { meetingId: 'meeting:mail:gmail:msg-f:1', happened: false } }],
  ])('takes %s only from an extension page, and asks the pipeline for its work only then', async (type, fields) => {
    const owed: unknown[] = [];
    const handler = createMessageHandler({
      db,
      queue: createIngestQueue(db),
      extensionId: EXTENSION_ID,
      afterWrite: (owes) => owed.push(owes),
      now: () => T0,
    });
    expect(await handler({ type, ...fields }, GMAIL_TAB)).toEqual({
      ok: false,
      error: { code: 'sender-not-extension-page', values: { type } },
    });
    expect(owed).toEqual([]);
    const reply = await handler({ type, ...fields }, SIDE_PANEL);
    // accepted from the side panel (some name what this empty store does not hold: the store refuses those)
    if (!reply.ok) expect(['unknown-contact', 'unknown-subject', 'unknown-merge']).toContain(reply.error.code);
    expect(owed).toHaveLength(reply.ok ? 1 : 0);
  });

  it('recomputes the contacts of a mail the user says needs no answer, and undoes it', async () => {
    const owed: Array<{ contactIds?: readonly string[] }> = [];
    const handler = createMessageHandler({
      db,
      queue: createIngestQueue(db),
      extensionId: EXTENSION_ID,
      afterWrite: (owes) => owed.push(owes),
      now: () => T0,
    });
    await db.messages.put({
      id: 'gmail:msg-f:1',
      threadId: 'gmail:thread-f:1',
      host: 'gmail',
      idSource: 'app',
      direction: 'out',
      fromAddress: 'sanne@buurtkracht.nl',
      fromName: 'Sanne',
      toAddresses: ['p.snijders@zwolle.nl'],
      contactIds: [CONTACT],
      at: T0,
      atRaw: null,
      subject: 'Wijkaanpak',
      excerpt: 'Dank!',
      updatedAt: T0,
    });
    const decide = (value: string | null) => ({
      type: 'decide-reply',
      decision: { subjectType: 'message', subjectId: 'gmail:msg-f:1', value },
    });
    // the reply says how to undo it: no decision was there before
    const restore = { type: 'restore-decision', restore: { id: 'reply:message:gmail:msg-f:1', previous: null } };
    expect(await handler(decide('not-needed'), SIDE_PANEL)).toEqual({ ok: true, undo: restore });
    expect(await db.decisions.get('reply:message:gmail:msg-f:1')).toMatchObject({ value: 'not-needed', at: T0 });
    expect(await handler(decide(null), SIDE_PANEL)).toMatchObject({ ok: true });
    expect(await db.decisions.count()).toBe(0);
    expect(owed.map((owes) => owes.contactIds)).toEqual([[CONTACT], [CONTACT]]);
    expect((await handler(decide('maybe'), SIDE_PANEL)).ok).toBe(false);
  });

  it('opens (and so upgrades) the store when a page asks, only for an extension page, owing nothing', async () => {
    const owed: unknown[] = [];
    const handler = createMessageHandler({
      db,
      queue: createIngestQueue(db),
      extensionId: EXTENSION_ID,
      afterWrite: (owes) => owed.push(owes),
      now: () => T0,
    });
    db.close();
    expect(await handler({ type: 'open-store' }, GMAIL_TAB)).toEqual({
      ok: false,
      error: { code: 'sender-not-extension-page', values: { type: 'open-store' } },
    });
    expect(await handler({ type: 'open-store' }, SIDE_PANEL)).toEqual({ ok: true });
    expect(db.isOpen()).toBe(true);
    expect(owed).toEqual([]);
  });

  it('takes observations and contact statuses only from a webmail page', async () => {
    const statuses = { type: 'contact-statuses', addresses: ['p.snijders@zwolle.nl'] };
    expect(await handle(statuses, SIDE_PANEL)).toEqual({
      ok: false,
      error: { code: 'sender-not-webmail', values: { type: 'contact-statuses' } },
    });
    expect(await handle(statuses, { ...GMAIL_TAB, tab: { id: 3 } })).toEqual({ ok: true, statuses: {} });
    expect(await handle(valid, SIDE_PANEL)).toEqual({
      ok: false,
      error: { code: 'sender-wrong-page', values: { host: 'gmail' } },
    });
    expect(await db.threads.count()).toBe(0);
  });

  it('records an unrecognised page without storing data from it', async () => {
    const unrecognised = {
      type: 'observations',
      batch: batch({
        health: { view: 'list', status: 'unrecognised', itemsSeen: 0, itemsRead: 0, problems: { 'unknown-markup': 1 } },
      }),
    };
    expect(await handle(unrecognised, GMAIL_TAB)).toEqual({ ok: true });
    expect(await db.readerStatus.get('gmail:list')).toMatchObject({ status: 'unrecognised', problems: { 'unknown-markup': 1 } });
    expect(await db.threads.count()).toBe(0);
  });
});

describe('background message handler: two tabs, one batch the store cannot write', () => {
  const TAB_A = { ...GMAIL_TAB, tab: { id: 1 } };
  const TAB_B = { ...GMAIL_TAB, tab: { id: 2 } };
  const page = (first: number, subject: string) => ({
    type: 'observations',
    batch: batch({
      threads: Array.from({ length: 40 }, (_, row) =>
        threadRow({
          threadKey: `gmail:thread-f:${first + row}`,
          subject,
          participants: [person(`Persoon ${first + row}`, `p${first + row}@zwolle.nl`)],
        }),
      ),
      health: readFully('list', 40),
    }),
  });

  it('answers the clean tab ok with all its rows stored, and the other tab that its batch was not stored', async () => {
    failWritesOf(db, 'threads', (thread) => thread.subject === 'POISON');
    const handler = createMessageHandler({ db, queue: createIngestQueue(db), extensionId: EXTENSION_ID, now: () => T0 });
    // a first page starts a transaction; the two tabs' pages arrive while it runs and are coalesced
    const warmUp = handler(page(1000, 'Eerder'), TAB_A);
    const poisoned = handler(page(2000, 'POISON'), TAB_A);
    const clean = handler(page(3000, 'Gewoon'), TAB_B);
    expect(await warmUp).toEqual({ ok: true });
    expect(await clean).toEqual({ ok: true });
    expect(await poisoned).toEqual({ ok: false, error: { code: 'store-failed', values: { error: 'InjectedWriteError' } } });
    expect(await db.threads.where('id').between('gmail:thread-f:3000', 'gmail:thread-f:3039', true, true).count()).toBe(40);
    expect(await db.threads.where('id').between('gmail:thread-f:2000', 'gmail:thread-f:2039', true, true).count()).toBe(0);
    expect(await db.rejections.toArray()).toMatchObject([
      { code: 'store-failed', values: { error: 'InjectedWriteError' }, count: 1 },
    ]);
  });
});
