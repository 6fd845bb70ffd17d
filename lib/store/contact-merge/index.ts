/**
 * Merging two contacts that are the same person (one person, several addresses), and splitting
 * them again. A merge moves everything that named the absorbed contact to the one it is merged
 * into (messages, threads, calls, next steps, its note and tags) and keeps a `merges` record of
 * exactly what it moved, so a split restores both contacts. Records ingested after the merge are
 * given back by address (an incoming mail from one of the absorbed addresses is theirs again).
 *
 * Each is read -> plan -> write in one transaction: merge.ts and split.ts read what they need,
 * plan it with pure functions, and write the plan; the tags both settle are in tags.ts.
 */
import { z } from 'zod';
import { applyEffectiveTags } from '../corrections';
import type { GemeenteradarDb } from '../db';
import type { ContactMerge } from '../schemas';
import { planMerge, readMergeContext, writeMerge } from './merge';
import { planSplit, readSplitContext, writeSplit } from './split';

export { mergeIdFor, planMerge, readMergeContext, writeMerge, type MergeContext, type MergePlan } from './merge';
export { planSplit, readSplitContext, UnknownMergeError, writeSplit, type SplitContext, type SplitPlan } from './split';

export const MergeContactsInputSchema = z
  .object({
    /** the contact that stays */
    intoContactId: z.string().min(3),
    /** the contact that is absorbed (and restored by a split) */
    mergedContactId: z.string().min(3),
  })
  .refine((input) => input.intoContactId !== input.mergedContactId, 'a contact cannot be merged with itself');
export type MergeContactsInput = z.input<typeof MergeContactsInputSchema>;

export const SplitContactInputSchema = z.object({ mergeId: z.string().min(9) });
export type SplitContactInput = z.input<typeof SplitContactInputSchema>;

function storeTables(db: GemeenteradarDb) {
  return [db.contacts, db.tags, db.threads, db.messages, db.calls, db.notes, db.nextSteps, db.latency, db.merges];
}

/**
 * Merges `mergedContactId` into `intoContactId`: addresses united, every reference moved, the
 * absorbed contact deleted (its latency too), tags settled. Returns the merge record.
 */
export async function mergeContacts(
  db: GemeenteradarDb,
  input: MergeContactsInput,
  now: number = Date.now(),
): Promise<ContactMerge> {
  const { intoContactId, mergedContactId } = MergeContactsInputSchema.parse(input);
  return db.transaction('rw', storeTables(db), async () => {
    const plan = planMerge(await readMergeContext(db, intoContactId, mergedContactId), now);
    await writeMerge(db, plan);
    await applyEffectiveTags(db, [intoContactId], now);
    return plan.record;
  });
}

/**
 * Undoes a merge: the absorbed contact comes back as it was, with everything the merge moved;
 * what arrived since the merge goes to whichever of the two its addresses say. Returns the ids
 * of both contacts (their latency needs recomputing).
 */
export async function splitContact(db: GemeenteradarDb, input: SplitContactInput, now: number = Date.now()): Promise<string[]> {
  const { mergeId } = SplitContactInputSchema.parse(input);
  return db.transaction('rw', storeTables(db), async () => {
    const plan = planSplit(await readSplitContext(db, mergeId), now);
    await writeSplit(db, plan);
    const contactIds = plan.contacts.map((contact) => contact.id);
    await applyEffectiveTags(db, contactIds, now);
    return contactIds;
  });
}
