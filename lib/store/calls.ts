/** Logging phone calls: the user's own record of attempts and conversations by phone. */
import { z } from 'zod';
import type { GemeenteradarDb } from './db';
import type { Call } from './schemas';
import { reason } from '../vocabulary/reasons';

export const LogCallInputSchema = z.object({
  contactId: z.string().min(3),
  direction: z.enum(['in', 'out']),
  answered: z.boolean(),
  note: z.string().max(2000).default(''),
  /** when the call took place; defaults to now */
  at: z.number().int().min(0).optional(),
});
export type LogCallInput = z.input<typeof LogCallInputSchema>;

export class UnknownContactError extends Error {
  readonly reason = reason('unknown-contact');
  constructor(readonly contactId: string) {
    super(`Onbekend contact: ${contactId}`);
    this.name = 'UnknownContactError';
  }
}

/**
 * What undoes a logged call: the call, and the contact's times as they were when the call moved
 * them (null when it did not). The page holds it for a few seconds ("Ongedaan maken").
 */
export const UndoCallInputSchema = z.object({
  callId: z.string().min(3).max(300),
  contactBefore: z.object({ lastSeenAt: z.number().int().nullable(), updatedAt: z.number().int() }).nullable(),
});
export type UndoCallInput = z.input<typeof UndoCallInputSchema>;

export async function logCall(db: GemeenteradarDb, input: LogCallInput, now: number = Date.now()): Promise<Call> {
  return (await logCallUndoable(db, input, now)).call;
}

/** Logs the call and says how to undo it. */
export async function logCallUndoable(
  db: GemeenteradarDb,
  input: LogCallInput,
  now: number = Date.now(),
): Promise<{ call: Call; undo: UndoCallInput }> {
  const { contactId, direction, answered, note, at } = LogCallInputSchema.parse(input);
  return db.transaction('rw', [db.calls, db.contacts], async () => {
    const contact = await db.contacts.get(contactId);
    if (!contact) throw new UnknownContactError(contactId);
    const call: Call = {
      id: `call:${now.toString(36)}:${Math.random().toString(36).slice(2, 8)}`,
      contactId,
      direction,
      answered,
      note: note.trim(),
      at: at ?? now,
      createdAt: now,
    };
    await db.calls.add(call);
    const moves = contact.lastSeenAt == null || call.at > contact.lastSeenAt;
    if (moves) await db.contacts.update(contactId, { lastSeenAt: call.at, updatedAt: now });
    const contactBefore = moves ? { lastSeenAt: contact.lastSeenAt, updatedAt: contact.updatedAt } : null;
    return { call, undo: { callId: call.id, contactBefore } };
  });
}

/**
 * Undoes a logged call: the call goes, and the contact's times are as before it, unless something
 * newer moved them since (then they stay: that interaction is real). Returns the contact, whose
 * latency the undo changes.
 */
export async function undoCall(db: GemeenteradarDb, input: UndoCallInput): Promise<string[]> {
  const { callId, contactBefore } = UndoCallInputSchema.parse(input);
  return db.transaction('rw', [db.calls, db.contacts], async () => {
    const call = await db.calls.get(callId);
    if (!call) throw new UnknownCallError(callId);
    await db.calls.delete(callId);
    const contact = await db.contacts.get(call.contactId);
    if (contact && contactBefore && contact.lastSeenAt === call.at && contact.updatedAt === call.createdAt) {
      await db.contacts.update(call.contactId, contactBefore);
    }
    return [call.contactId];
  });
}

export class UnknownCallError extends Error {
  readonly reason = reason('unknown-subject');
  constructor(readonly callId: string) {
    super(`Onbekend gesprek: ${callId}`);
    this.name = 'UnknownCallError';
  }
}

export async function deleteCall(db: GemeenteradarDb, callId: string): Promise<void> {
  await db.calls.delete(callId);
}
