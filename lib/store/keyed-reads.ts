/**
 * Reads by many keys with few requests. In Chromium every IndexedDB request costs about as much
 * as the record it carries (measured: 10,000 `get`s 320 ms, one `getAll` of the same 10,000
 * records 90 ms, their keys alone 18 ms), and a `get` of a key that is not stored costs as much
 * as one that is. A batch's keys are mostly new, or close together (Gmail's ids grow with time,
 * a page shows one stretch of the mailbox), so one keys-only read over the batch's key range
 * tells which keys exist, and the records that do come in one `getAll` when the range holds
 * little else. When the range is crowded with other records (ids without order, like
 * Outlook's), the scan stops at a budget and the rest is read key by key.
 */
import type { Table } from 'dexie';

/**
 * Below this many primary keys, reading key by key wins: the scan is one more request and one
 * more round trip before the reads. From a handful of keys on, the `get`s of keys that turn out
 * not to be stored (a new page's messages and threads) cost more than the scan (measured in the
 * ingest benchmark, one batch at a time: 100 new keys are 100 `get`s or one scan).
 */
const FEW_KEYS = 16;

/**
 * An index's keys (not its primary keys) come from a key cursor, whose first steps are a round
 * trip each before the browser starts to prefetch: below this many keys, one `count` per key (all
 * at once) is cheaper.
 */
const FEW_INDEX_KEYS = 200;

/** How many keys a range scan may read per key asked for, before it stops and reads key by key. */
const SCAN_KEYS_PER_KEY = 4;
const SCAN_KEYS_MIN = 256;

function sortedUnique(keys: readonly string[]): string[] {
  return [...new Set(keys)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function scanBudget(keyCount: number): number {
  return Math.max(SCAN_KEYS_MIN, keyCount * SCAN_KEYS_PER_KEY);
}

interface RangeScan {
  /** the keys stored in the scanned stretch, in order */
  scanned: string[];
  /** the wanted keys found there */
  present: string[];
  /** the wanted keys past the stretch the budget allowed: not known either way */
  unscanned: string[];
}

/** One keys-only read of the wanted keys' range in `index`, stopped at the scan budget. */
async function scanRange(table: Table, index: string, wanted: readonly string[]): Promise<RangeScan> {
  const budget = scanBudget(wanted.length);
  const range = table
    .where(index)
    .between(wanted[0]!, wanted[wanted.length - 1]!, true, true)
    .limit(budget);
  // primary keys come from getAllKeys; an index's own keys need a (prefetching) key cursor
  const scanned = (index === ':id' ? await range.primaryKeys() : await range.keys()) as string[];
  const seen = new Set(scanned);
  const lastScanned = scanned[scanned.length - 1];
  const complete = scanned.length < budget || lastScanned === undefined;
  return {
    scanned,
    present: wanted.filter((key) => seen.has(key)),
    unscanned: complete ? [] : wanted.filter((key) => key > lastScanned),
  };
}

/**
 * Which of `keys` are stored in `index` (`':id'` for the primary key). Keys beyond the scanned
 * stretch are checked one by one, so the answer is exact either way.
 */
export async function storedKeys(table: Table, index: string, keys: readonly string[]): Promise<Set<string>> {
  const wanted = sortedUnique(keys);
  if (wanted.length === 0) return new Set();
  const few = wanted.length < (index === ':id' ? FEW_KEYS : FEW_INDEX_KEYS);
  const { present, unscanned } = few ? { present: [], unscanned: wanted } : await scanRange(table, index, wanted);
  const counts = await Promise.all(unscanned.map((key) => table.where(index).equals(key).count()));
  return new Set([...present, ...unscanned.filter((_, position) => counts[position]! > 0)]);
}

/**
 * `table.bulkGet(keys)` in as few requests as the keys allow: the result is aligned with `keys`,
 * `undefined` where nothing is stored.
 */
export async function getByKeys<T, TInsert>(
  table: Table<T, string, TInsert>,
  keys: readonly string[],
): Promise<(T | undefined)[]> {
  if (keys.length < FEW_KEYS) return table.bulkGet([...keys]);
  const { scanned, present, unscanned } = await scanRange(table, ':id', sortedUnique(keys));
  // the stored keys of the scanned stretch and the keys past it, read at once
  const found = new Map<string, T>();
  await Promise.all([readPresent(table, scanned, present, found), readKeyByKey(table, unscanned, found)]);
  return keys.map((key) => found.get(key));
}

async function readKeyByKey<T, TInsert>(
  table: Table<T, string, TInsert>,
  keys: readonly string[],
  found: Map<string, T>,
): Promise<void> {
  if (keys.length === 0) return;
  const records = await table.bulkGet([...keys]);
  keys.forEach((key, position) => records[position] !== undefined && found.set(key, records[position]!));
}

/** The stored wanted keys of a scanned stretch: one getAll when the stretch holds little else. */
async function readPresent<T, TInsert>(
  table: Table<T, string, TInsert>,
  scanned: readonly string[],
  present: readonly string[],
  found: Map<string, T>,
): Promise<void> {
  if (present.length === 0) return;
  const first = present[0]!;
  const last = present[present.length - 1]!;
  // records stored between the first and the last wanted one: what a getAll would carry
  const carried = scanned.filter((key) => key >= first && key <= last).length;
  if (carried > present.length * 2) return readKeyByKey(table, present, found);
  const records = await table.where(':id').between(first, last, true, true).toArray();
  const wanted = new Set(present);
  const keyPath = table.schema.primKey.keyPath as string;
  for (const record of records) {
    const key = (record as Record<string, unknown>)[keyPath] as string;
    if (wanted.has(key)) found.set(key, record);
  }
}
