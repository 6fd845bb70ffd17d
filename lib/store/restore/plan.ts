/**
 * A restore's plan: a pure function of the backup's records (validated, in this version's shape),
 * what the store holds, and the mode. Its summary is the dry run the user confirms; the same plan
 * is what the restore writes, in one transaction (index.ts).
 *
 * - replace: every backed-up table becomes the backup's (what is here and not in it goes), except
 *   the not-tracked list, which only grows: a person forgotten after the backup was made stays
 *   forgotten.
 * - merge: what the backup has and this store lacks is added; a record both hold stays as it is
 *   here unless the backup's is newer (its `updatedAt`, or the record's other time).
 *
 * Derived tables are emptied either way (the background recomputes them); this browser's reading
 * status is left alone.
 */
import type { RestoreMode, RestoreTableSummary } from '../../backup/format';
import type { StoredRecord } from '../forget/read';
import { BACKED_UP_TABLES, DERIVED_TABLES, TABLES, type TableName } from '../table-registry';

export interface ExistingTable {
  /** every primary key stored */
  keys: ReadonlySet<string>;
  /** the stored records the backup holds too, by key (a merge compares them) */
  overlapping: ReadonlyMap<string, StoredRecord>;
}

export interface RestorePlan {
  tables: RestoreTableSummary[];
  /** emptied before the records are put */
  clear: TableName[];
  put: Map<TableName, StoredRecord[]>;
}

/** Tables whose records a replace adds to rather than replaces. */
const ONLY_GROWS: ReadonlySet<TableName> = new Set(['notTracked']);

/** JSON with sorted keys: two records with the same content read the same, whatever their key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    typeof inner === 'object' && inner !== null && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

const TIME_FIELDS = ['updatedAt', 'lastSeenAt', 'createdAt', 'at', 'addedAt'] as const;

/** When a record was last written, as far as it says. */
function timeOf(record: StoredRecord): number {
  for (const field of TIME_FIELDS) if (typeof record[field] === 'number') return record[field] as number;
  return Number.NEGATIVE_INFINITY;
}

function planTable(name: TableName, backup: readonly StoredRecord[], existing: ExistingTable | undefined, mode: RestoreMode) {
  const key = TABLES[name].key;
  const here = existing?.keys ?? new Set<string>();
  const summary: RestoreTableSummary = {
    table: name,
    inBackup: backup.length,
    added: 0,
    replaced: 0,
    alreadyHere: 0,
    removed: 0,
  };
  const put: StoredRecord[] = [];
  const backupKeys = new Set<string>();
  for (const record of backup) {
    const id = String(record[key]);
    backupKeys.add(id);
    const stored = existing?.overlapping.get(id);
    if (!here.has(id)) {
      summary.added++;
      put.push(record);
    } else if (stored && canonical(stored) !== canonical(record) && (mode === 'replace' || timeOf(record) > timeOf(stored))) {
      summary.replaced++;
      put.push(record);
    } else {
      summary.alreadyHere++;
      if (mode === 'replace' && !ONLY_GROWS.has(name)) put.push(record);
    }
  }
  const clear = mode === 'replace' && !ONLY_GROWS.has(name);
  if (clear) for (const id of here) if (!backupKeys.has(id)) summary.removed++;
  return { summary, put, clear };
}

export function planRestore(
  staged: ReadonlyMap<TableName, readonly StoredRecord[]>,
  existing: ReadonlyMap<TableName, ExistingTable>,
  mode: RestoreMode,
): RestorePlan {
  const plan: RestorePlan = { tables: [], clear: [...DERIVED_TABLES], put: new Map() };
  for (const name of BACKED_UP_TABLES) {
    const { summary, put, clear } = planTable(name, staged.get(name) ?? [], existing.get(name), mode);
    plan.tables.push(summary);
    if (clear) plan.clear.push(name);
    if (put.length) plan.put.set(name, put);
  }
  return plan;
}
