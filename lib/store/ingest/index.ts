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
import type { IngestBatch } from './observed';
import type { RecordMemory } from './record-memory';
import { writeIngest } from './write';

export { contactIdFor } from './contacts';
export { ingestContextOf, readIngestContext, type IngestContext, type ReadContext } from './context';
export { organisationIdFor } from './organisations';
export type { IngestBatch } from './observed';
export { emptyIngestSummary, planIngest, type IngestPlan, type IngestSummary } from './plan';
export { writeIngest } from './write';
export { createRecordMemory, type RecordMemory } from './record-memory';

/** The tables ingest reads and writes: the records, the counters of what it refused or repaired, the records it set aside. */
export function ingestTables(db: GemeenteradarDb) {
  return [
    db.contacts,
    db.organisations,
    db.threads,
    db.messages,
    db.tags,
    db.accounts,
    db.latency,
    db.rejections,
    db.quarantine,
    db.meetings,
    db.notTracked,
  ];
}

/** Something else wrote to the store while ingest planned from what it remembered. */
class StaleMemoryError extends Error {
  constructor() {
    super('the store changed under what ingest remembered');
    this.name = 'StaleMemoryError';
  }
}

/**
 * Ingests batches in one read-write transaction. Callers (the background's queue) pass every
 * batch that arrived while the previous transaction ran, so a burst costs one transaction, and
 * the queue's memory of records (record-memory.ts), which learns what this ingest read and wrote
 * once it is committed.
 */
export async function ingestBatches(
  db: GemeenteradarDb,
  batches: IngestBatch[],
  now: number = Date.now(),
  memory?: RecordMemory,
): Promise<IngestSummary> {
  if (batches.length === 0) return emptyIngestSummary();
  const since = memory?.generation ?? 0;
  try {
    const { summary, outcome } = await db.transaction('rw', ingestTables(db), async (transaction) => {
      memory?.ingestIn(transaction.idbtrans);
      const { context, repairs, keys, organisationIds, provisionalKnown } = await readIngestContext(db, batches, now, memory);
      const plan = planIngest(context, batches, now);
      const alsoAffected = await writeIngest(db, plan, repairs);
      // A write by anyone else while this ran (a writer that did not wait its turn in the queue)
      // may be one this plan did not see: undone, and done again from the store itself.
      if (memory && memory.generation !== since) throw new StaleMemoryError();
      const affectedContactIds = [...new Set([...plan.summary.affectedContactIds, ...alsoAffected])];
      const repaired = repairs.reasons.length > 0;
      return {
        summary: { ...plan.summary, affectedContactIds },
        outcome: { keys, organisationIds, context, provisionalKnown, plan, repaired },
      };
    });
    memory?.learn(outcome, since);
    return summary;
  } catch (error) {
    if (error instanceof StaleMemoryError) return ingestBatches(db, batches, now);
    throw error;
  }
}
