/**
 * "What is held about someone" (the AVG's access request): for one address, every record that
 * names them (found as forgetting finds them: lib/store/forget) and every record that mentions
 * their name or address elsewhere (a scan of the whole store, with progress), shown as text and
 * exported as JSON or CSV. Also the preview of forgetting them: what would go and what would be
 * kept without them. Reads through the pages' read-only database; no zod.
 */
import { csvValueOf, toCsv, type CsvSeparator } from '../export/csv';
import { t } from '../i18n';
import { tableLabel } from '../backup/labels';
import type { GemeenteradarDb } from '../store/db';
import { findMentions, type Mentions } from '../store/forget/mentions';
import { namesThem, planForget, type ForgetPlan } from '../store/forget/plan';
import { personMatcher, type Person } from '../store/forget/person';
import { readPersonTraces, type StoredRecord } from '../store/forget/read';
import { TABLE_NAMES, TABLES, type TableName } from '../store/table-registry';

export interface HeldRecord {
  table: TableName;
  key: string;
  record: StoredRecord;
  /** found through the indexes (theirs, with them), or only by their name or address in its text */
  found: 'directly' | 'mentioned';
}

export interface HeldAbout {
  address: string;
  person: Person;
  records: HeldRecord[];
  /** the records found by the scan, by table, for the forget (redacted in its transaction) */
  mentions: Mentions;
  /** what forgetting them would do */
  forget: ForgetPlan;
}

export async function loadHeldAbout(
  db: GemeenteradarDb,
  address: string,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<HeldAbout> {
  const direct = await readPersonTraces(db, [address]);
  const match = personMatcher(direct.person);
  const mentions = await findMentions(db, match, direct.records, onProgress);
  const traces = await readPersonTraces(db, [address], mentions);
  const records: HeldRecord[] = [];
  for (const table of TABLE_NAMES) {
    const mentioned = new Set(mentions[table] ?? []);
    for (const [key, record] of traces.records.get(table) ?? []) {
      if (namesThem(match, table, record))
        records.push({ table, key, record, found: mentioned.has(key) ? 'mentioned' : 'directly' });
    }
  }
  return { address, person: traces.person, records, mentions, forget: planForget(traces) };
}

/** Everything held, as one JSON document. */
export function heldAsJson(held: HeldAbout, now: number): string {
  const byTable: Record<string, StoredRecord[]> = {};
  for (const { table, record } of held.records) (byTable[table] ??= []).push(record);
  return JSON.stringify(
    {
      address: held.address,
      exportedAt: new Date(now).toISOString(),
      names: held.person.names,
      addresses: held.person.addresses,
      records: byTable,
    },
    null,
    2,
  );
}

/** Every leaf field of a record, with its path: one spreadsheet row each. */
function leaves(value: unknown, path: string, into: [string, unknown][]): void {
  if (Array.isArray(value)) value.forEach((element, index) => leaves(element, `${path}[${index}]`, into));
  else if (typeof value === 'object' && value !== null)
    for (const [key, inner] of Object.entries(value)) leaves(inner, path ? `${path}.${key}` : key, into);
  else into.push([path, value]);
}

/** Everything held, one row per field: kind, key, field, value. */
export function heldAsCsv(held: HeldAbout, separator: CsvSeparator): string {
  const rows = held.records.flatMap(({ table, key, record }) => {
    const fields: [string, unknown][] = [];
    leaves(record, '', fields);
    return fields.map(([field, value]) => [tableLabel(table), key, field, csvValueOf(value)]);
  });
  return toCsv([t('csvTable'), t('csvKey'), t('csvField'), t('csvValue')], rows, separator);
}

/** Per table, how many records name them (in the registry's order). */
export function heldCounts(held: HeldAbout): { table: TableName; count: number }[] {
  return TABLE_NAMES.map((table) => ({ table, count: held.records.filter((record) => record.table === table).length })).filter(
    ({ count, table }) => count > 0 && TABLES[table].role !== 'status',
  );
}
