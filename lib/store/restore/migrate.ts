/**
 * An older backup brought up to this version the way the store itself upgrades: its records are
 * written into a temporary database declared as the backup's version was, which is then opened
 * with every version of lib/store/schema-history.ts, so the same upgrade functions run (no second
 * copy of any migration to keep in step). The temporary database is deleted afterwards.
 */
import { Dexie } from 'dexie';
import { SCHEMA_VERSIONS } from '../schema-history';

/** Declares the versions up to `version` (all of them when absent) on a raw Dexie. */
function declareUpTo(db: Dexie, version = Number.POSITIVE_INFINITY): void {
  for (const entry of SCHEMA_VERSIONS) {
    if (entry.version > version) break;
    const declared = db.version(entry.version).stores(entry.stores);
    if (entry.upgrade) declared.upgrade(entry.upgrade);
  }
}

/** The records of an older backup, per table, as this version's store would hold them after its upgrades. */
export async function migrateRecords(
  fromVersion: number,
  staged: ReadonlyMap<string, readonly unknown[]>,
): Promise<Map<string, unknown[]>> {
  const name = `gemeenteradar-restore-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    const old = new Dexie(name);
    declareUpTo(old, fromVersion);
    await old.open();
    await old.transaction('rw', old.tables, async () => {
      for (const [table, records] of staged) await old.table(table).bulkPut([...records]);
    });
    old.close();
    const upgraded = new Dexie(name);
    declareUpTo(upgraded);
    await upgraded.open();
    const migrated = new Map<string, unknown[]>();
    for (const table of upgraded.tables) migrated.set(table.name, await table.toArray());
    upgraded.close();
    return migrated;
  } finally {
    await Dexie.delete(name);
  }
}
