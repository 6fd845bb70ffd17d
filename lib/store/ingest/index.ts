/**
 * Ingest: the one writer of observed data. Turns validated observation batches from the readers
 * into contacts (carrying the rules' tags with their evidence), organisations, threads and
 * messages, in one transaction, in three steps: read what the store holds about the batches
 * (context.ts), plan the records (plan.ts, pure), write the plan (write.ts).
 *
 * Idempotent: every record's id is derived from what the app shows (thread and message keys,
 * addresses), and every field merges (max of times, union of participants, the richer text), so
 * seeing the same row or message again, after a reload or from a second tab, updates and never
 * duplicates. A user's correction (`source: 'user'` tag) is never overwritten by a rule.
 */
import type { GemeenteradarDb } from '../db';
import { readIngestContext } from './context';
import { emptyIngestSummary, planIngest, type IngestSummary } from './plan';
import { writeIngest } from './write';
import type { IngestBatch } from './observed';

export { contactIdFor } from './contacts';
export { ingestContextOf, readIngestContext, type IngestContext } from './context';
export { organisationIdFor } from './organisations';
export type { IngestBatch } from './observed';
export { emptyIngestSummary, planIngest, type IngestPlan, type IngestSummary } from './plan';
export { writeIngest } from './write';

/**
 * Ingests batches in one read-write transaction. Callers (the background's queue) pass every
 * batch that arrived while the previous transaction ran, so a burst costs one transaction.
 */
export async function ingestBatches(db: GemeenteradarDb, batches: IngestBatch[], now: number = Date.now()): Promise<IngestSummary> {
  if (batches.length === 0) return emptyIngestSummary();
  return db.transaction('rw', [db.contacts, db.organisations, db.threads, db.messages, db.tags, db.accounts], async () => {
    const context = await readIngestContext(db, batches);
    const plan = planIngest(context, batches, now);
    await writeIngest(db, plan);
    return plan.summary;
  });
}
