/**
 * The user's hands on the not-tracked list and on everything: removing an entry (by typing the
 * address again: the list holds only hashes) or the whole list, and forgetting everything (every
 * table and both storage areas, keeping only what the user chose to keep).
 */
import { z } from 'zod';
import { AddressSchema, type ObservationBatch } from '../../messaging/observations';
import type { GemeenteradarDb } from '../db';
import { hashesOf, withoutNotTracked } from '../not-tracked';
import { SETTING_KEYS } from '../table-registry';

export const NotTrackedRemoveInputSchema = z.union([z.object({ address: AddressSchema }), z.object({ all: z.literal(true) })]);
export type NotTrackedRemoveInput = z.input<typeof NotTrackedRemoveInputSchema>;

/** Takes an address (every spelling of its mailbox) or everyone off the list; returns how many entries went. */
export async function removeFromNotTracked(db: GemeenteradarDb, input: NotTrackedRemoveInput): Promise<number> {
  const parsed = NotTrackedRemoveInputSchema.parse(input);
  return db.transaction('rw', db.notTracked, async () => {
    const entries = await db.notTracked.toArray();
    const hashes = 'all' in parsed ? entries.map((entry) => entry.hash) : hashesOf(parsed.address, entries);
    await db.notTracked.bulkDelete(hashes);
    return hashes.length;
  });
}

export const ForgetEverythingInputSchema = z.object({
  /** keep the settings (thresholds, the backup reminder) */
  settings: z.boolean().default(false),
  /** keep the not-tracked list (so those people stay away) */
  notTracked: z.boolean().default(false),
});
export type ForgetEverythingInput = z.input<typeof ForgetEverythingInputSchema>;

/** Empties every table in one transaction, then extension storage, but for what the user keeps. */
export async function forgetEverything(db: GemeenteradarDb, input: ForgetEverythingInput): Promise<void> {
  const keep = ForgetEverythingInputSchema.parse(input);
  const tables = db.tables.filter((table) => !(keep.notTracked && table.name === 'notTracked'));
  await db.transaction('rw', db.tables, () => Promise.all(tables.map((table) => table.clear())));
  const kept = new Set(keep.settings ? SETTING_KEYS.map((key) => key.replace(/^local:/, '')) : []);
  const local = await browser.storage.local.get(null);
  const gone = Object.keys(local).filter((key) => !kept.has(key));
  if (gone.length) await browser.storage.local.remove(gone);
  await browser.storage.session?.clear();
}

/** A batch without the people on the list, for what the background keeps outside the store (a tab's context). */
export async function batchWithoutNotTracked(db: GemeenteradarDb, batch: ObservationBatch): Promise<ObservationBatch> {
  return withoutNotTracked([batch], await db.notTracked.toArray())[0]!;
}
