/**
 * The backup file: JSON lines, gzip-compressed (CompressionStream), one file with everything the
 * user made or that was read (the `record` tables of lib/store/table-registry.ts) and the user's
 * settings. Derived tables are left out (recomputed after a restore).
 *
 *   {"format":"gemeenteradar-backup","formatVersion":1,"schemaVersion":12,"createdAt":…,"counts":{"contacts":1204,…},"settings":{…}}
 *   {"table":"contacts","record":{…}}
 *   …
 *   {"end":"gemeenteradar-backup","records":34410}
 *
 * `schemaVersion` is the store's (lib/store/schema-history.ts): an older backup is migrated the
 * way the store migrates, a newer one is refused. The end line tells a complete file from a cut
 * one. Every problem with a file has a code of its own (BACKUP_PROBLEMS), rendered by t().
 * Free of zod: the data page writes and reads the file; the background validates every record.
 */

export const BACKUP_FORMAT = 'gemeenteradar-backup';
/** The layout of the file itself (header, record and end lines); the store's version is separate. */
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** the store's schema version the records have */
  schemaVersion: number;
  /** when the backup was made (epoch ms) */
  createdAt: number;
  /** records per table */
  counts: Record<string, number>;
  /** extension-storage settings, by key without the area (`thresholds`, `backup-reminder`) */
  settings: Record<string, unknown>;
}

export interface BackupRecordLine {
  table: string;
  record: unknown;
}

export interface BackupEndLine {
  end: typeof BACKUP_FORMAT;
  records: number;
}

/** Everything that can be wrong with a backup file, or with restoring it; each has its own message. */
export const BACKUP_PROBLEMS = [
  /** the file has no bytes */
  'empty',
  /** a zip archive (perhaps a backup someone zipped, or another app's export) */
  'zip',
  /** neither gzip nor JSON lines: a picture, a PDF, a spreadsheet */
  'not-a-backup',
  /** JSON, but not ours: another app's export */
  'foreign-json',
  /** the compressed data is damaged */
  'corrupt',
  /** the file stops before its end line: cut off while downloading or copying */
  'truncated',
  /** a line that is not a JSON record line */
  'bad-line',
  /** the first line lacks what a header must say */
  'bad-header',
  /** written by a newer Gemeenteradar (a newer store or file layout) */
  'newer-version',
  /** records of a table the backup's version of the store does not have */
  'unknown-table',
  /** the same record twice in one table */
  'duplicate-record',
  /** the counts of the header or end line do not match the records */
  'count-mismatch',
  /** a record does not pass the store's validation */
  'invalid-record',
  /** a setting does not pass validation */
  'invalid-setting',
  /** the older backup could not be brought up to this version */
  'migration-failed',
  /** the background lost the restore (restarted); choose the file again */
  'restore-expired',
  /** writing the restore failed; nothing was changed */
  'write-failed',
] as const;
export type BackupProblemCode = (typeof BACKUP_PROBLEMS)[number];

/** What went wrong, where: enough for a clear message, never the record's content. */
export interface BackupProblem {
  code: BackupProblemCode;
  /** 1-based line of the (decompressed) file */
  line?: number;
  table?: string;
  /** the field of a record, or a setting's key */
  field?: string;
  /** a short technical reason (zod's message, a version number) */
  detail?: string;
}

export class BackupFileError extends Error {
  constructor(readonly problem: BackupProblem) {
    super(`${problem.code}${problem.line ? ` at line ${problem.line}` : ''}${problem.detail ? `: ${problem.detail}` : ''}`);
    this.name = 'BackupFileError';
  }
}

export function isBackupProblem(value: unknown): value is BackupProblem {
  return (
    typeof value === 'object' && value !== null && (BACKUP_PROBLEMS as readonly unknown[]).includes((value as BackupProblem).code)
  );
}

/** How a restore treats what is already here. */
export const RESTORE_MODES = ['merge', 'replace'] as const;
export type RestoreMode = (typeof RESTORE_MODES)[number];

/** Per table, what a restore would do (the dry run) or did. */
export interface RestoreTableSummary {
  table: string;
  /** records of this table in the backup */
  inBackup: number;
  /** records the backup adds */
  added: number;
  /** records here that the backup's (newer) record replaces */
  replaced: number;
  /** records in both that stay as they are here (the same, or newer here) */
  alreadyHere: number;
  /** records here that go (replace only) */
  removed: number;
}

export interface RestoreSummary {
  mode: RestoreMode;
  schemaVersion: number;
  createdAt: number;
  tables: RestoreTableSummary[];
  /** people on the not-tracked list found in the backup: left out */
  notTrackedLeftOut: number;
  /** settings the backup holds (restored with it) */
  settings: string[];
}

/** The file name a backup is downloaded as. */
export function backupFileName(at: number): string {
  return `gemeenteradar-reservekopie-${new Date(at).toISOString().slice(0, 10)}.jsonl.gz`;
}
