/** Ingest, step 3: writes a plan (inside the ingest transaction). */
import { applyThreadMunicipalities } from '../corrections';
import type { GemeenteradarDb } from '../db';
import type { IngestPlan } from './plan';

export async function writeIngest(db: GemeenteradarDb, plan: IngestPlan): Promise<void> {
  const { put } = plan;
  await Promise.all([
    put.accounts.length ? db.accounts.bulkPut(put.accounts) : undefined,
    put.organisations.length ? db.organisations.bulkPut(put.organisations) : undefined,
    put.contacts.length ? db.contacts.bulkPut(put.contacts) : undefined,
    put.messages.length ? db.messages.bulkPut(put.messages) : undefined,
    plan.deleteMessageIds.length ? db.messages.bulkDelete(plan.deleteMessageIds) : undefined,
    put.threads.length ? db.threads.bulkPut(put.threads) : undefined,
    plan.meetings.put.length ? db.meetings.bulkPut(plan.meetings.put) : undefined,
    plan.meetings.deleteIds.length ? db.meetings.bulkDelete(plan.meetings.deleteIds) : undefined,
  ]);
  // A person whose municipality this ingest changed (a signature told it): their threads not in
  // these batches follow too, as they do after a correction. Rare, so its cost is small.
  if (plan.municipalityMoved.length > 0) await applyThreadMunicipalities(db, plan.municipalityMoved, plan.at);
}
