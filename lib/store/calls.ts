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

export async function logCall(db: GemeenteradarDb, input: LogCallInput, now: number = Date.now()): Promise<Call> {
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
    if (contact.lastSeenAt == null || call.at > contact.lastSeenAt) {
      await db.contacts.update(contactId, { lastSeenAt: call.at, updatedAt: now });
    }
    return call;
  });
}

export async function deleteCall(db: GemeenteradarDb, callId: string): Promise<void> {
  await db.calls.delete(callId);
}
