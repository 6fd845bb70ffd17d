/**
 * The database as extension pages (popup, side panel, options) open it: read-only, and as it is.
 *
 * Read-only: every write goes through the background, the one writer, which validates it
 * (lib/store/db.ts); so pages need no zod, and their first paint does not wait for it. A write
 * from a page is a bug and fails loudly.
 *
 * As it is: a page declares no schema versions (Dexie opens an existing database dynamically),
 * so it can never start an upgrade. After an update the popup or side panel may be the first to
 * open an older store; had it declared the versions, it would run their upgrade functions, whose
 * writes the read-only layer refuses, and the upgrade would abort. Instead a page that finds the
 * store missing or older than this code asks the background to open it (the background declares
 * every version and runs the upgrades), waits ("bijwerken…"), and opens it again.
 */
import { Dexie } from 'dexie';
import type { GemeenteradarDb } from './db';
import { DATABASE_NAME, LATEST_SCHEMA_VERSION, SCHEMA_VERSIONS } from './schema-history';

export class ReadOnlyDatabaseError extends Error {
  constructor(table: string) {
    super(`Extension pages read the store; writes to ${table} go through the background.`);
    this.name = 'ReadOnlyDatabaseError';
  }
}

/** The store is still not at this code's version after the background was asked to open it. */
export class StoreNotUpgradedError extends Error {
  constructor(found: number | null) {
    super(`The store is at version ${found ?? 'none'}, this code reads version ${LATEST_SCHEMA_VERSION}.`);
    this.name = 'StoreNotUpgradedError';
  }
}

export function createPageDb(name: string = DATABASE_NAME): GemeenteradarDb {
  // no db.version(...): opened dynamically, at whatever version the store has
  const db = new Dexie(name) as GemeenteradarDb;
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
  // Dexie puts `db.contacts` and the others on an instance only for declared versions; opened
  // dynamically, each is found by name once the store is open (before that: InvalidTableError)
  for (const table of new Set(SCHEMA_VERSIONS.flatMap(({ stores }) => Object.keys(stores)))) {
    Object.defineProperty(db, table, { get: () => db.table(table), configurable: true, enumerable: false });
  }
  return db;
}

let pageDb: GemeenteradarDb | undefined;

export function getPageDb(): GemeenteradarDb {
  pageDb ??= createPageDb();
  return pageDb;
}

/** The version the store opened at, opening it first; null when there is no store yet. */
async function openedVersion(db: GemeenteradarDb): Promise<number | null> {
  try {
    if (!db.isOpen()) await db.open();
    return db.verno;
  } catch (error) {
    if ((error as { name?: string } | null)?.name === 'NoSuchDatabaseError') return null;
    throw error;
  }
}

export interface OpenPageDbOptions {
  /** asks the background to open (create or upgrade) the store; resolves once it has */
  requestUpgrade: () => Promise<void>;
  /** told when the page waits for the background's upgrade (the page shows "bijwerken…") */
  onUpgrading?: () => void;
  /** how often to ask before giving up; default 3 */
  attempts?: number;
}

/**
 * Opens a page's database, at this code's version: when the store is missing or older, the
 * background is asked to open it and the page waits. Resolves when the page can read; rejects
 * when the background could not bring the store up to date (the page shows that, with a retry).
 */
export async function openPageDb(
  db: GemeenteradarDb,
  { requestUpgrade, onUpgrading, attempts = 3 }: OpenPageDbOptions,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const version = await openedVersion(db);
    if (version !== null && version >= LATEST_SCHEMA_VERSION) return;
    if (attempt >= attempts) throw new StoreNotUpgradedError(version);
    // our connection would hold up the upgrade (it waits for every other connection to close)
    db.close();
    onUpgrading?.();
    await requestUpgrade();
  }
}
