/**
 * "Ongedaan maken": a logged call, a snooze and a reply decision, undone through the background
 * (the one writer) with the message its reply carried, leave the store as it was before.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { recomputeLatency } from '@/lib/store/latency';
import { T0 } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';
import { contactRecord, messageRecord, threadRecord } from '../fixtures/records';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const POPUP = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
const JAN = 'c:j.dijkstra@zwolle.nl';
const DAY = 86_400_000;

let db: GemeenteradarDb;
let now = T0;
let handle: ReturnType<typeof createMessageHandler>;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  now = T0;
  handle = createMessageHandler({
    db,
    queue: createIngestQueue(db),
    extensionId: EXTENSION_ID,
    // what the pipeline does after a user's action: the latency of the contacts it changed
    afterWrite: async (owes) => void (await recomputeLatency(db, { contactIds: [...(owes.contactIds ?? [])], now })),
    now: () => now,
  });
  await db.contacts.put(contactRecord({ id: JAN, name: 'Jan Dijkstra', lastSeenAt: T0 - 20 * DAY, updatedAt: T0 - 20 * DAY }));
  await db.threads.put(threadRecord({ id: 'gmail:thread-f:1', contactIds: [JAN] }));
  await db.messages.put(
    messageRecord({ id: 'gmail:msg-f:1', threadId: 'gmail:thread-f:1', direction: 'out', contactIds: [JAN], at: T0 - 20 * DAY }),
  );
  await recomputeLatency(db, { contactIds: [JAN], now });
});

/** Everything an action may touch. */
async function state() {
  return {
    contacts: await db.contacts.toArray(),
    calls: await db.calls.toArray(),
    decisions: await db.decisions.toArray(),
    latency: (await db.latency.toArray()).map(({ computedAt: _computedAt, ...rest }) => rest),
  };
}

async function undoable(message: unknown) {
  const reply = await handle(message, POPUP);
  if (!reply.ok || !('undo' in reply)) throw new Error(`no undo in ${JSON.stringify(reply)}`);
  return reply.undo;
}

describe('undo through the background', () => {
  it.each([
    ['a call that was answered', { type: 'log-call', call: { contactId: JAN, direction: 'out', answered: true } }],
    ['a call that was not', { type: 'log-call', call: { contactId: JAN, direction: 'out', answered: false } }],
    ['a snooze', { type: 'snooze-contact', snooze: { contactId: JAN, until: T0 + 7 * DAY } }],
    [
      'geen antwoord nodig for a conversation',
      { type: 'decide-reply', decision: { subjectType: 'thread', subjectId: 'gmail:thread-f:1', value: 'not-needed' } },
    ],
  ])('restores the store after %s', async (_label, action) => {
    const before = await state();
    now = T0 + 1000;
    const undo = await undoable(action);
    expect(await state()).not.toEqual(before);
    now = T0 + 2000;
    expect(await handle(undo, POPUP)).toEqual({ ok: true });
    expect(await state()).toEqual(before);
  });

  it('restores the snooze that was there before, exactly, not merely none', async () => {
    now = T0 + 1000;
    await undoable({ type: 'snooze-contact', snooze: { contactId: JAN, until: T0 + 3 * DAY } });
    const before = await state();
    now = T0 + 2000;
    const undo = await undoable({ type: 'snooze-contact', snooze: { contactId: JAN, until: T0 + 30 * DAY } });
    now = T0 + 3000;
    await handle(undo, POPUP);
    expect(await state()).toEqual(before);
  });

  it('keeps a newer interaction: undoing a call leaves a contact time that something later set', async () => {
    now = T0 + 1000;
    const undo = await undoable({ type: 'log-call', call: { contactId: JAN, direction: 'out', answered: true } });
    await db.contacts.update(JAN, { lastSeenAt: T0 + 5000, updatedAt: T0 + 5000 });
    await handle(undo, POPUP);
    expect(await db.calls.count()).toBe(0);
    expect(await db.contacts.get(JAN)).toMatchObject({ lastSeenAt: T0 + 5000 });
  });

  it('says so when there is nothing left to undo (undone twice)', async () => {
    const undo = await undoable({ type: 'log-call', call: { contactId: JAN, direction: 'out', answered: true } });
    expect(await handle(undo, POPUP)).toEqual({ ok: true });
    expect(await handle(undo, POPUP)).toMatchObject({ ok: false, error: { code: 'unknown-subject' } });
  });

  it('refuses an undo from a web page', async () => {
    const undo = await undoable({ type: 'log-call', call: { contactId: JAN, direction: 'out', answered: true } });
    expect(await handle(undo, { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/' })).toMatchObject({ ok: false });
    expect(await db.calls.count()).toBe(1);
  });
});
