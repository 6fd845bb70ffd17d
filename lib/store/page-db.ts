/**
 * The database as extension pages (popup, side panel, options) open it: read-only. Every write
 * goes through the background, the one writer, which validates it (lib/store/db.ts); so pages
 * need no zod, and their first paint does not wait for it. A write from a page is a bug and
 * fails loudly.
 */
import { Dexie } from 'dexie';
import type { GemeenteradarDb } from './db';
import { DATABASE_NAME, declareVersions } from './schema-history';

export class ReadOnlyDatabaseError extends Error {
  constructor(table: string) {
    super(`Extension pages read the store; writes to ${table} go through the background.`);
    this.name = 'ReadOnlyDatabaseError';
  }
}

export function createPageDb(name: string = DATABASE_NAME): GemeenteradarDb {
  const db = new Dexie(name) as GemeenteradarDb;
  declareVersions(db);
  db.use({
    stack: 'dbcore',
    name: 'read-only',
    create(down) {
      return {
        ...down,
        table(tableName) {
          const table = down.table(tableName);
          return { ...table, mutate: () => Promise.reject(new ReadOnlyDatabaseError(tableName)) };
        },
      };
    },
  });
  return db;
}

let pageDb: GemeenteradarDb | undefined;

export function getPageDb(): GemeenteradarDb {
  pageDb ??= createPageDb();
  return pageDb;
}
