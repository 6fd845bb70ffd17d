import { Dexie, type EntityTable } from 'dexie';
import { mailboxesOf } from '../vocabulary/address';
import { DATABASE_NAME, declareVersions } from './schema-history';
import type {
  Account,
  Call,
  Contact,
  ContactMerge,
  Decision,
  LatencyRecord,
  Meeting,
  Message,
  MunicipalitySummary,
  NextStep,
  NotTracked,
  Note,
  Organisation,
  QuarantinedRecord,
  ReaderStatus,
  Rejection,
  Tag,
  Thread,
} from './schemas';
import { isTableName, recordIssue, wasFoundValid } from './table-schemas';

export { TABLE_SCHEMAS } from './table-schemas';

export class InvalidRecordError extends Error {
  constructor(
    readonly table: string,
    readonly issues: string,
    /** the field of the first issue (fieldOfPath), for the rejection counter */
    readonly field: string = '(record)',
  ) {
    super(`Refused to store an invalid ${table} record: ${issues}`);
    this.name = 'InvalidRecordError';
  }
}

export type GemeenteradarDb = Dexie & {
  contacts: EntityTable<Contact, 'id'>;
  organisations: EntityTable<Organisation, 'id'>;
  threads: EntityTable<Thread, 'id'>;
  messages: EntityTable<Message, 'id'>;
  tags: EntityTable<Tag, 'id'>;
  accounts: EntityTable<Account, 'address'>;
  readerStatus: EntityTable<ReaderStatus, 'id'>;
  rejections: EntityTable<Rejection, 'reason'>;
  calls: EntityTable<Call, 'id'>;
  notes: EntityTable<Note, 'id'>;
  nextSteps: EntityTable<NextStep, 'id'>;
  latency: EntityTable<LatencyRecord, 'contactId'>;
  summaries: EntityTable<MunicipalitySummary, 'code'>;
  merges: EntityTable<ContactMerge, 'id'>;
  meetings: EntityTable<Meeting, 'id'>;
  decisions: EntityTable<Decision, 'id'>;
  quarantine: EntityTable<QuarantinedRecord, 'id'>;
  notTracked: EntityTable<NotTracked, 'hash'>;
};

/** Called for every write request to a table: the table, and the IndexedDB transaction it is made in. */
export type WriteListener = (table: string, transaction: unknown) => void;

const writeListeners = new WeakMap<Dexie, Set<WriteListener>>();

/**
 * Tells `listener` of every write to the database from now on (what ingest's memory of records
 * needs: any write it did not make clears it). Returns the function that stops it.
 */
export function watchWrites(db: Dexie, listener: WriteListener): () => void {
  const listeners = writeListeners.get(db) ?? new Set<WriteListener>();
  writeListeners.set(db, listeners);
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Opens (lazily) the extension's database. All versions from schema-history are declared so an
 * older database upgrades in place. A DBCore middleware validates every put/add with zod, so no
 * code path, ours or a future one, can store a record of the wrong shape; it also tells those
 * who watch (watchWrites) of every write.
 */
export function createDb(name: string = DATABASE_NAME): GemeenteradarDb {
  const db = new Dexie(name) as GemeenteradarDb;
  declareVersions(db);
  db.use({
    stack: 'dbcore',
    name: 'zod-validation',
    create(down) {
      return {
        ...down,
        table(tableName) {
          const table = down.table(tableName);
          if (!isTableName(tableName)) return table;
          return {
            ...table,
            mutate(request) {
              for (const listener of writeListeners.get(db) ?? []) listener(tableName, request.trans);
              if (request.type === 'add' || request.type === 'put') {
                // a contact's mailboxes are derived here, so no writer (ingest, merge, split) can
                // let them drift from its addresses
                const values =
                  tableName === 'contacts'
                    ? request.values.map((contact: Contact) => ({ ...contact, mailboxes: mailboxesOf(contact.addresses ?? []) }))
                    : request.values;
                // an upgrade function writes records in its own version's shape (v7 moves rule tags
                // with text evidence into contacts; v11 makes that evidence codes): checked against
                // the latest schemas they would be refused and the whole upgrade abort
                const upgrading = (request.trans as { mode?: string }).mode === 'versionchange';
                for (const [index, value] of values.entries()) {
                  if (upgrading || wasFoundValid(request.values[index])) continue;
                  const issue = recordIssue(tableName, value);
                  if (issue) return Promise.reject(new InvalidRecordError(tableName, issue.issues, issue.field));
                }
                request = { ...request, values };
              }
              return table.mutate(request);
            },
          };
        },
      };
    },
  });
  return db;
}

let sharedDb: GemeenteradarDb | undefined;

/** The one database instance of this extension context (background or an extension page). */
export function getDb(): GemeenteradarDb {
  sharedDb ??= createDb();
  return sharedDb;
}
