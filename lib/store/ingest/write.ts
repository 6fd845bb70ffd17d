/** Ingest, step 3: writes a plan, and what reading repaired or set aside (inside the ingest transaction). */
import { applyThreadMunicipalities, markAsOwn } from '../corrections';
import type { GemeenteradarDb } from '../db';
import { recordReasons } from '../health';
import type { IngestPlan } from './plan';
import { noRepairs, READ_TABLES, type ReadRepairs, type ReadTable } from './repair';

/**
 * Repaired records go back to their tables, unless the plan writes the same record (built on the
 * repaired one); damaged ones go to `quarantine` and out of their tables.
 */
function writeRepairs(db: GemeenteradarDb, plan: IngestPlan, repairs: ReadRepairs): Promise<unknown>[] {
  const planned: Partial<Record<ReadTable, readonly object[]>> = plan.put;
  const writes: Promise<unknown>[] = [];
  for (const [table, records] of repairs.repaired) {
    const keyPath = READ_TABLES[table];
    const overwritten = new Set((planned[table] ?? []).map((record) => (record as Record<string, unknown>)[keyPath]));
    const left = records.filter((record) => !overwritten.has(record[keyPath]));
    if (left.length > 0) writes.push(db.table(table).bulkPut(left));
  }
  for (const quarantined of repairs.quarantined) {
    writes.push(db.quarantine.put(quarantined), db.table(quarantined.table).delete(quarantined.key));
  }
  return writes;
}

/** Writes the plan; returns the stakeholders whose interactions changed beyond the plan's own (mail found to be the user's). */
export async function writeIngest(db: GemeenteradarDb, plan: IngestPlan, repairs: ReadRepairs = noRepairs()): Promise<string[]> {
  const { put } = plan;
  // first (and only when reading found damage): a record the plan makes anew under the key of
  // one set aside must be written after that one's delete
  await Promise.all(writeRepairs(db, plan, repairs));
  await Promise.all([
    put.accounts.length ? db.accounts.bulkPut(put.accounts) : undefined,
    put.organisations.length ? db.organisations.bulkPut(put.organisations) : undefined,
    put.contacts.length ? db.contacts.bulkPut(put.contacts) : undefined,
    put.messages.length ? db.messages.bulkPut(put.messages) : undefined,
    plan.deleteMessageIds.length ? db.messages.bulkDelete(plan.deleteMessageIds) : undefined,
    put.threads.length ? db.threads.bulkPut(put.threads) : undefined,
    plan.meetings.put.length ? db.meetings.bulkPut(plan.meetings.put) : undefined,
    plan.meetings.deleteIds.length ? db.meetings.bulkDelete(plan.meetings.deleteIds) : undefined,
    // what was refused, repaired or set aside is counted with its reason, in the same transaction
    recordReasons(db, [...repairs.reasons, ...plan.refusals], plan.at),
  ]);
  // A person whose municipality this ingest changed (a signature told it): their threads not in
  // these batches follow too, as they do after a correction. Rare, so its cost is small.
  if (plan.municipalityMoved.length > 0) await applyThreadMunicipalities(db, plan.municipalityMoved, plan.at);
  // Someone stored before their address was known to be the user's: the user now. Rare.
  return markAsOwn(db, plan.becameOwn, plan.at);
}
