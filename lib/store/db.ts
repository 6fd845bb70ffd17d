import { Dexie, type EntityTable } from 'dexie';
import type { z } from 'zod';
import { mailboxesOf } from '../vocabulary/address';
import { DATABASE_NAME, declareVersions } from './schema-history';
import {
  AccountSchema,
  CallSchema,
  ContactMergeSchema,
  ContactSchema,
  DecisionSchema,
  LatencyRecordSchema,
  MeetingSchema,
  MunicipalitySummarySchema,
  MessageSchema,
  NextStepSchema,
  NoteSchema,
  OrganisationSchema,
  ReaderStatusSchema,
  RejectionSchema,
  StoredTagSchema,
  ThreadSchema,
  type Account,
  type Call,
  type Contact,
  type ContactMerge,
  type Decision,
  type LatencyRecord,
  type Meeting,
  type Message,
  type MunicipalitySummary,
  type NextStep,
  type Note,
  type Organisation,
  type ReaderStatus,
  type Rejection,
  type Tag,
  type Thread,
} from './schemas';

/** The schema every record of a table must satisfy; checked on every write. */
export const TABLE_SCHEMAS: Record<string, z.ZodType> = {
  contacts: ContactSchema,
  organisations: OrganisationSchema,
  threads: ThreadSchema,
  messages: MessageSchema,
  tags: StoredTagSchema,
  accounts: AccountSchema,
  readerStatus: ReaderStatusSchema,
  rejections: RejectionSchema,
  calls: CallSchema,
  notes: NoteSchema,
  nextSteps: NextStepSchema,
  latency: LatencyRecordSchema,
  summaries: MunicipalitySummarySchema,
  merges: ContactMergeSchema,
  meetings: MeetingSchema,
  decisions: DecisionSchema,
};

export class InvalidRecordError extends Error {
  constructor(
    readonly table: string,
    readonly issues: string,
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
};

/**
 * Opens (lazily) the extension's database. All versions from schema-history are declared so an
 * older database upgrades in place. A DBCore middleware validates every put/add with zod, so no
 * code path, ours or a future one, can store a record of the wrong shape.
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
          const schema = TABLE_SCHEMAS[tableName];
          if (!schema) return table;
          return {
            ...table,
            mutate(request) {
              if (request.type === 'add' || request.type === 'put') {
                if (tableName === 'contacts') {
                  // derived, so no writer (ingest, merge, split) can let them drift from addresses
                  request = {
                    ...request,
                    values: request.values.map((contact: Contact) => ({ ...contact, mailboxes: mailboxesOf(contact.addresses ?? []) })),
                  };
                }
                for (const value of request.values) {
                  const result = schema.safeParse(value);
                  if (!result.success) {
                    const issues = result.error.issues
                      .slice(0, 3)
                      .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
                      .join('; ');
                    return Promise.reject(new InvalidRecordError(tableName, issues));
                  }
                }
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
