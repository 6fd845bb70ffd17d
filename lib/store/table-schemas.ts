/**
 * The schema every record of a table must satisfy, in one place: the store's DBCore middleware
 * checks every write with it (db.ts), ingest checks what it plans before the write (so one bad
 * record is refused alone, ingest/isolate.ts) and what it reads (so a damaged record is repaired
 * or set aside, ingest/repair.ts). No Dexie here: the planner's tests run without a database.
 */
import type { z } from 'zod';
import { fieldOfPath } from '../vocabulary/reasons';
import {
  AccountSchema,
  CallSchema,
  ContactMergeSchema,
  ContactSchema,
  DecisionSchema,
  LatencyRecordSchema,
  MeetingSchema,
  MessageSchema,
  MunicipalitySummarySchema,
  NextStepSchema,
  NotTrackedSchema,
  NoteSchema,
  OrganisationSchema,
  QuarantinedRecordSchema,
  ReaderStatusSchema,
  RejectionSchema,
  StoredTagSchema,
  ThreadSchema,
} from './schemas';

export const TABLE_SCHEMAS = {
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
  quarantine: QuarantinedRecordSchema,
  notTracked: NotTrackedSchema,
  meetings: MeetingSchema,
  decisions: DecisionSchema,
} satisfies Record<string, z.ZodType>;
export type TableName = keyof typeof TABLE_SCHEMAS;

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(TABLE_SCHEMAS, name);
}

/** What is wrong with a record: the field of the first issue, and up to three issues as one line. */
export interface RecordIssue {
  field: string;
  issues: string;
}

/** A schema's issues as one line: at most three, each "path: message". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Records found valid, so the write's own check (db.ts) need not parse them again: ingest checks
 * every record it plans, and parsing 20,000 records twice costs a tenth of a second. Only
 * objects nobody changes after the check belong here (ingest's planned records are new objects,
 * never changed once planned).
 */
const validRecords = new WeakSet<object>();

/** Whether this very object was found valid before (see validRecords). */
export function wasFoundValid(record: unknown): boolean {
  return typeof record === 'object' && record !== null && validRecords.has(record);
}

/**
 * Records the caller just parsed with their own table's schema (a restore parses every record of a
 * backup as it arrives, and writes the parsed objects unchanged): the write does not parse them again.
 */
export function rememberFoundValid(records: readonly object[]): void {
  for (const record of records) validRecords.add(record);
}

/** null when the record satisfies its table's schema; else what is wrong with it. */
export function recordIssue(table: TableName, record: unknown): RecordIssue | null {
  if (wasFoundValid(record)) return null;
  const result = TABLE_SCHEMAS[table].safeParse(record);
  if (result.success) {
    if (typeof record === 'object' && record !== null) validRecords.add(record);
    return null;
  }
  return { field: fieldOfPath(result.error.issues[0]?.path ?? []), issues: describeIssues(result.error) };
}
