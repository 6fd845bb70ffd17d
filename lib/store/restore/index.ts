/**
 * Restoring a backup, in the background (the one writer). The data page reads the file
 * (lib/backup/read.ts) and sends its header, then its records in chunks; here every record is
 * validated with its table's zod schema (an older backup first brought up to this version, as
 * the store upgrades: migrate.ts) and held in memory. Nothing touches the store until the user
 * confirms: then the whole restore is read -> plan (plan.ts, pure) -> write in ONE transaction,
 * so either all of it lands or none of it, and a service worker stopped meanwhile simply loses
 * the staged records (the page says so: `restore-expired`). The dry run is the same plan, not
 * written. Settings are written once the transaction committed.
 */
import type { Table } from 'dexie';
import { z } from 'zod';
import { RESTORE_MODES, type BackupProblem, type RestoreMode, type RestoreSummary } from '../../backup/format';
import { LATEST_SCHEMA_VERSION } from '../../backup/versions';
import { TABLE_SCHEMAS, type GemeenteradarDb } from '../db';
import { rememberFoundValid } from '../table-schemas';
import { forgetPersonInStore } from '../forget';
import type { StoredRecord } from '../forget/read';
import { notTrackedCheck } from '../not-tracked';
import type { NotTracked } from '../schemas';
import { isTableName, TABLES, type TableName } from '../table-registry';
import { migrateRecords } from './migrate';
import { planRestore, type ExistingTable, type RestorePlan } from './plan';
import { checkSettings, knownSettings, writeSettings } from './settings';

export { canonical, planRestore, type ExistingTable, type RestorePlan } from './plan';

export const RestoreHeaderSchema = z.object({
  schemaVersion: z.number().int().min(1),
  createdAt: z.number(),
  counts: z.record(z.string(), z.number().int().min(0)),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type RestoreHeader = z.output<typeof RestoreHeaderSchema>;

export const RestoreChunkSchema = z.object({
  restoreId: z.string().min(1).max(100),
  table: z.string().min(1).max(100),
  /** the line of the first record in the file, for a message that says where a problem is */
  firstLine: z.number().int().min(1),
  records: z.array(z.unknown()).max(5_000),
});
export const RestoreModeSchema = z.enum(RESTORE_MODES);

export class RestoreProblemError extends Error {
  constructor(readonly problem: BackupProblem) {
    super(`restore: ${problem.code}${problem.table ? ` (${problem.table})` : ''}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'RestoreProblemError';
  }
}

const problem = (value: BackupProblem): never => {
  throw new RestoreProblemError(value);
};

/** Each record validated by its table's schema: the parsed records, or the first problem with where it is. */
export function validateRecords(table: string, records: readonly unknown[], firstLine: number | null): StoredRecord[] {
  if (!isTableName(table) || TABLES[table].role !== 'record')
    return problem({ code: 'unknown-table', table, line: firstLine ?? undefined });
  const schema = TABLE_SCHEMAS[table]!;
  const parsed = records.map((record, index) => {
    const result = schema.safeParse(record);
    if (result.success) return result.data as StoredRecord;
    const issue = result.error.issues[0];
    const key = (record as Record<string, unknown> | null)?.[TABLES[table].key];
    return problem({
      code: 'invalid-record',
      table,
      line: firstLine === null ? undefined : firstLine + index,
      field: issue?.path.join('.') || undefined,
      detail:
        `${firstLine === null && key !== undefined ? `${String(key).slice(0, 60)}: ` : ''}${issue?.message ?? 'invalid'}`.slice(
          0,
          200,
        ),
    });
  });
  // the write does not parse them a second time
  rememberFoundValid(parsed);
  return parsed;
}

/** What the store holds of the backed-up tables: keys (one keys-only read each), and for a merge the records both hold. */
async function readExisting(db: GemeenteradarDb, staged: ReadonlyMap<TableName, StoredRecord[]>, mode: RestoreMode) {
  const existing = new Map<TableName, ExistingTable>();
  await Promise.all(
    [...staged].map(async ([name, records]) => {
      const table = db.table(name) as Table<StoredRecord, string>;
      const keys = new Set((await table.toCollection().primaryKeys()).map(String));
      const key = TABLES[name].key;
      const both = mode === 'merge' ? records.map((record) => String(record[key])).filter((id) => keys.has(id)) : [];
      const overlapping = new Map<string, StoredRecord>();
      for (const record of both.length ? await table.bulkGet(both) : []) if (record) overlapping.set(String(record[key]), record);
      existing.set(name, { keys, overlapping });
    }),
  );
  return existing;
}

/** The restored contacts that are on the not-tracked list (this one and the backup's): their addresses. */
function notTrackedAmong(staged: ReadonlyMap<TableName, StoredRecord[]>, list: readonly NotTracked[]): string[][] {
  const isNotTracked = notTrackedCheck(list);
  return (staged.get('contacts') ?? [])
    .map((contact) => contact.addresses as string[])
    .filter((addresses) => addresses.some((address) => isNotTracked(address)));
}

async function writePlan(db: GemeenteradarDb, plan: RestorePlan): Promise<void> {
  await Promise.all(plan.clear.map((name) => db.table(name).clear()));
  await Promise.all([...plan.put].map(([name, records]) => db.table(name).bulkPut(records)));
}

/** Plans (and, unless `dryRun`, writes) a restore in one transaction; the summary either way. */
export async function runRestore(
  db: GemeenteradarDb,
  staged: ReadonlyMap<TableName, StoredRecord[]>,
  { mode, header, dryRun, now = Date.now() }: { mode: RestoreMode; header: RestoreHeader; dryRun: boolean; now?: number },
): Promise<RestoreSummary> {
  const tables = dryRun ? [...new Set<string>([...staged.keys(), 'notTracked'])].map((name) => db.table(name)) : db.tables;
  const { plan, leftOut } = await db.transaction(dryRun ? 'r' : 'rw', tables, async () => {
    const plan = planRestore(staged, await readExisting(db, staged, mode), mode);
    const list = [...(await db.notTracked.toArray()), ...((staged.get('notTracked') ?? []) as NotTracked[])];
    const leftOut = notTrackedAmong(staged, list);
    if (!dryRun) {
      await writePlan(db, plan);
      // people forgotten here (or in the backup) stay forgotten, in the same transaction
      for (const addresses of leftOut) await forgetPersonInStore(db, { addresses }, now);
    }
    return { plan, leftOut };
  });
  const settings = Object.keys(knownSettings(header.settings));
  if (!dryRun) await writeSettings(header.settings, header.createdAt);
  return {
    mode,
    schemaVersion: header.schemaVersion,
    createdAt: header.createdAt,
    tables: plan.tables,
    notTrackedLeftOut: leftOut.length,
    settings,
  };
}

interface Session {
  id: string;
  header: RestoreHeader;
  /** per table, in file order: validated (this version) or as read (an older one, until migrated) */
  staged: Map<string, unknown[]>;
  ready: Map<TableName, StoredRecord[]> | null;
}

/** The restores the background holds while the user decides: one at a time, in memory only. */
export function createRestoreSessions(db: GemeenteradarDb) {
  let current: Session | null = null;
  const sessionOf = (id: string): Session => (current?.id === id ? current : problem({ code: 'restore-expired' }));

  /** Migrated (an older backup) and validated: the records as they will be written. */
  const readyOf = async (session: Session): Promise<Map<TableName, StoredRecord[]>> => {
    if (session.ready) return session.ready;
    let records = session.staged;
    if (session.header.schemaVersion < LATEST_SCHEMA_VERSION) {
      try {
        records = await migrateRecords(session.header.schemaVersion, session.staged);
      } catch (error) {
        problem({ code: 'migration-failed', detail: error instanceof Error ? error.message.slice(0, 200) : undefined });
      }
    }
    const ready = new Map<TableName, StoredRecord[]>();
    for (const [table, list] of records) {
      if (!isTableName(table) || TABLES[table].role !== 'record') continue;
      ready.set(
        table,
        session.header.schemaVersion < LATEST_SCHEMA_VERSION ? validateRecords(table, list, null) : (list as StoredRecord[]),
      );
    }
    session.ready = ready;
    return ready;
  };

  return {
    /** A new restore (any earlier one is dropped): the header checked, settings validated. */
    begin(input: unknown): string {
      const header = RestoreHeaderSchema.parse(input);
      if (header.schemaVersion > LATEST_SCHEMA_VERSION)
        problem({ code: 'newer-version', detail: `${header.schemaVersion}/${LATEST_SCHEMA_VERSION}` });
      const settingsProblem = checkSettings(header.settings);
      if (settingsProblem) problem(settingsProblem);
      const id = `restore:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
      current = { id, header, staged: new Map(), ready: null };
      return id;
    },
    /** Records of one table; validated at once when the backup is of this version. */
    add(input: z.output<typeof RestoreChunkSchema>): void {
      const session = sessionOf(input.restoreId);
      const older = session.header.schemaVersion < LATEST_SCHEMA_VERSION;
      const records = older ? input.records : validateRecords(input.table, input.records, input.firstLine);
      const list = session.staged.get(input.table);
      if (list) for (const record of records) list.push(record);
      else session.staged.set(input.table, [...records]);
      session.ready = null;
    },
    async plan(id: string, mode: RestoreMode): Promise<RestoreSummary> {
      const session = sessionOf(id);
      return runRestore(db, await readyOf(session), { mode, header: session.header, dryRun: true });
    },
    async apply(id: string, mode: RestoreMode, now?: number): Promise<RestoreSummary> {
      const session = sessionOf(id);
      const ready = await readyOf(session);
      try {
        return await runRestore(db, ready, { mode, header: session.header, dryRun: false, now });
      } catch (error) {
        if (error instanceof RestoreProblemError) throw error;
        problem({ code: 'write-failed', detail: error instanceof Error ? error.message.slice(0, 200) : undefined });
        throw error;
      } finally {
        current = null;
      }
    },
    cancel(id: string): void {
      if (current?.id === id) current = null;
    },
  };
}
export type RestoreSessions = ReturnType<typeof createRestoreSessions>;
