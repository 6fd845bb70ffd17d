/**
 * The store's tables as a given schema version had them (lib/store/schema-history.ts): which
 * tables a backup of that version may hold, and each one's primary key. Free of zod.
 */
import { SCHEMA_VERSIONS } from '../store/schema-history';

export const LATEST_SCHEMA_VERSION = SCHEMA_VERSIONS.at(-1)!.version;

/** The primary key of a Dexie store declaration: `id, *addresses` -> id, `++seq` -> seq. */
function primaryKeyOf(spec: string): string {
  return spec
    .split(',')[0]!
    .trim()
    .replace(/^(\+\+|&)/, '');
}

/** Table -> primary key, as the store had them at `version` (the newest declared version not above it). */
export function tablesAtVersion(version: number): Map<string, string> {
  const tables = new Map<string, string>();
  for (const entry of SCHEMA_VERSIONS) {
    if (entry.version > version) break;
    for (const [name, spec] of Object.entries(entry.stores)) {
      if (spec === null) tables.delete(name);
      else tables.set(name, primaryKeyOf(spec));
    }
  }
  return tables;
}
