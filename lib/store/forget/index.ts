/**
 * Forgetting a person (the AVG's right to erasure), as every writer: read -> plan -> write in one
 * transaction over every table. What references them is found through the table registry
 * (read.ts), planned by a pure function (plan.ts), written here with a salted hash of each of
 * their addresses and mailboxes on the not-tracked list (lib/store/not-tracked.ts), so reading
 * their mail again stores nothing. Extension storage follows right after (storage.ts).
 */
import { z } from 'zod';
import type { Table } from 'dexie';
import { AddressSchema } from '../../messaging/observations';
import type { GemeenteradarDb } from '../db';
import { entriesFor } from '../not-tracked';
import type { TableName } from '../table-registry';
import { planForget, type ForgetCount, type ForgetPlan } from './plan';
import { personMatcher, type Person } from './person';
import { readPersonTraces, type StoredRecord } from './read';
import { forgetInStorage } from './storage';

export { namesThem, planForget, type ForgetCount, type ForgetPlan } from './plan';
export { personMatcher, personOf, REDACTED, type Person, type PersonMatcher } from './person';
export { readPersonTraces, type PersonTraces, type RecordsByTable, type StoredRecord } from './read';
export {
  batchWithoutNotTracked,
  forgetEverything,
  ForgetEverythingInputSchema,
  NotTrackedRemoveInputSchema,
  removeFromNotTracked,
} from './lists';
export { findMentions, type Mentions } from './mentions';
export { forgetInStorage, forgetInStorageArea, redactValue } from './storage';

export const ForgetPersonInputSchema = z.object({
  /** one address is enough: the contact it belongs to gives the others */
  addresses: z.array(AddressSchema).min(1).max(50),
  /** records that mention them elsewhere (mentions.ts, found by the data page's scan): redacted too */
  mentions: z.record(z.string(), z.array(z.string().max(300)).max(50_000)).default({}),
});
export type ForgetPersonInput = z.input<typeof ForgetPersonInputSchema>;

export class OwnAddressError extends Error {
  constructor(readonly address: string) {
    super(`${address} is your own address: it cannot be forgotten as a person`);
    this.name = 'OwnAddressError';
  }
}

export interface ForgetResult {
  person: Person;
  counts: ForgetCount[];
  /** entries added to the not-tracked list */
  notTracked: number;
}

async function writeForget(db: GemeenteradarDb, plan: ForgetPlan): Promise<void> {
  const table = (name: TableName) => db.table(name) as Table<StoredRecord, string>;
  await Promise.all([
    ...[...plan.deletes].map(([name, keys]) => table(name).bulkDelete(keys)),
    ...[...plan.puts].map(([name, records]) => table(name).bulkPut(records)),
  ]);
}

/** Forgets the person of these addresses in the store; refuses the user's own address. */
export async function forgetPersonInStore(
  db: GemeenteradarDb,
  input: ForgetPersonInput,
  now: number = Date.now(),
): Promise<ForgetResult> {
  const { addresses, mentions } = ForgetPersonInputSchema.parse(input);
  return db.transaction('rw', db.tables, async () => {
    const plan = planForget(await readPersonTraces(db, addresses, mentions));
    if (plan.refusedOwnAddress) throw new OwnAddressError(plan.refusedOwnAddress);
    await writeForget(db, plan);
    const entries = entriesFor(plan.person.addresses, await db.notTracked.toArray(), now);
    if (entries.length) await db.notTracked.bulkPut(entries);
    return { person: plan.person, counts: plan.counts, notTracked: entries.length };
  });
}

/** Forgets them in the store, then in extension storage. */
export async function forgetPerson(
  db: GemeenteradarDb,
  input: ForgetPersonInput,
  now: number = Date.now(),
): Promise<ForgetResult> {
  const result = await forgetPersonInStore(db, input, now);
  await forgetInStorage(personMatcher(result.person));
  return result;
}
