/**
 * Where else their name or address appears: the free text (registry `text` fields) of every
 * record the indexes do not lead to, such as a colleague's mail that mentions them in a thread
 * they are not part of. A scan of the whole store (about a second for 100,000 messages), so it
 * runs in the data page, in pages of records with progress, before the user confirms; the
 * background then redacts exactly those records in its transaction (read.ts reads them by key).
 * Free of zod.
 */
import type { Table } from 'dexie';
import type { GemeenteradarDb } from '../db';
import { TABLE_NAMES, TABLES, type TableName } from '../table-registry';
import { textsOf, valuesAt } from './paths';
import type { PersonMatcher } from './person';
import type { RecordsByTable, StoredRecord } from './read';

/** Primary keys of records that mention them, by table. */
export type Mentions = Partial<Record<TableName, string[]>>;

const PAGE = 2_000;

function mentions(match: PersonMatcher, paths: readonly string[], record: StoredRecord): boolean {
  return paths.some((path) => valuesAt(record, path).some((value) => textsOf(value).some((text) => match.mentionedIn(text))));
}

/**
 * Scans every table with free text for records that mention them, leaving out those already
 * found (`known`); `onProgress(done, total)` after each page of records.
 */
export async function findMentions(
  db: GemeenteradarDb,
  match: PersonMatcher,
  known: RecordsByTable,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<Mentions> {
  const found: Mentions = {};
  const scanned = TABLE_NAMES.filter((name) => (TABLES[name].person?.text?.length ?? 0) > 0);
  const tables = scanned.map((name) => [name, db.table(name) as Table<StoredRecord, string>] as const);
  const total = (await Promise.all(tables.map(([, table]) => table.count()))).reduce((sum, count) => sum + count, 0);
  let done = 0;
  for (const [name, table] of tables) {
    const paths = TABLES[name].person!.text!;
    const key = TABLES[name].key;
    let last: string | null = null;
    for (;;) {
      const page: StoredRecord[] = await (last === null ? table.orderBy(':id') : table.where(':id').above(last))
        .limit(PAGE)
        .toArray();
      if (page.length === 0) break;
      last = String(page[page.length - 1]![key]);
      for (const record of page) {
        const id = String(record[key]);
        if (!known.get(name)?.has(id) && mentions(match, paths, record)) (found[name] ??= []).push(id);
      }
      done += page.length;
      onProgress(done, total);
    }
  }
  return found;
}
