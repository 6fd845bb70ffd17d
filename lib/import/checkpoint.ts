/**
 * Where an interrupted import goes on: written by the import page after stored batches (at most
 * every CHECKPOINT_INTERVAL_MS, and at every pause and file end) to extension storage, read when
 * the page opens again. It names the files by identity (name, size, last modified: the user is
 * asked for the same files again, and a different one is refused), the file and offset to resume
 * at, the thread resolver's recent memory, and the counts so far. Bounded: the resolver's memory
 * is cut to CHECKPOINT_THREAD_ENTRIES, skipped positions to SUMMARY_SKIPPED_POSITIONS.
 *
 * Read without zod (pages do not validate): a value of any other shape reads as no checkpoint.
 * Resuming from an older checkpoint than the last stored batch stores some messages again, which
 * changes nothing (their keys are stable).
 */
import { storage } from 'wxt/utils/storage';
import type { ImportTotals } from './import-totals';
import type { MailboxFileProblem } from './problems';
import type { ThreadResolverState } from './thread-keys';

export const CHECKPOINT_KEY = 'mailbox-import-checkpoint';

export interface FileIdentity {
  name: string;
  size: number;
  lastModified: number;
}

export type FileState =
  | { status: 'waiting' }
  | { status: 'reading' }
  | { status: 'done' }
  | { status: 'problem'; problem: MailboxFileProblem; offset: number };

export interface ImportFile extends FileIdentity {
  state: FileState;
  /** messages found in it so far, and of those kept */
  messages: number;
  kept: number;
}

export interface ImportCheckpoint {
  version: 1;
  importId: string;
  savedAt: number;
  ownAddresses: string[];
  files: ImportFile[];
  /** the file to read next (files.length: every file read, only the end is left) */
  fileIndex: number;
  /** where in it */
  resumeOffset: number;
  threadState: ThreadResolverState;
  /** everything before the resume point */
  totals: ImportTotals;
}

export function identityOf(file: FileIdentity): FileIdentity {
  return { name: file.name, size: file.size, lastModified: file.lastModified };
}

export function sameFile(a: FileIdentity, b: FileIdentity): boolean {
  return a.name === b.name && a.size === b.size && a.lastModified === b.lastModified;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isCounts = (value: unknown) => isRecord(value) && Object.values(value).every(isCount);

function isFile(value: unknown): value is ImportFile {
  return (
    isRecord(value) &&
    typeof value.name === 'string' &&
    isCount(value.size) &&
    typeof value.lastModified === 'number' &&
    isRecord(value.state) &&
    ['waiting', 'reading', 'done', 'problem'].includes(value.state.status as string) &&
    isCount(value.messages) &&
    isCount(value.kept)
  );
}

function isTotals(value: unknown): value is ImportTotals {
  return (
    isRecord(value) &&
    isCount(value.messages) &&
    isCount(value.kept) &&
    isCounts(value.dropped) &&
    isCounts(value.skipped) &&
    isCounts(value.problems) &&
    Array.isArray(value.skippedAt)
  );
}

/** Whether a stored value is a checkpoint this build can resume (a hand-edited or older one is not). */
export function isCheckpoint(value: unknown): value is ImportCheckpoint {
  return (
    isRecord(value) &&
    value.version === 1 &&
    typeof value.importId === 'string' &&
    Array.isArray(value.ownAddresses) &&
    value.ownAddresses.every((address) => typeof address === 'string') &&
    Array.isArray(value.files) &&
    value.files.length > 0 &&
    value.files.every(isFile) &&
    isCount(value.fileIndex) &&
    value.fileIndex <= value.files.length &&
    isCount(value.resumeOffset) &&
    Array.isArray(value.threadState) &&
    value.threadState.every(
      (entry) => Array.isArray(entry) && entry.length === 2 && entry.every((part) => typeof part === 'string'),
    ) &&
    isTotals(value.totals)
  );
}

/** Where the page keeps its checkpoint; tests pass an in-memory one. */
export interface CheckpointStore {
  load(): Promise<ImportCheckpoint | null>;
  save(checkpoint: ImportCheckpoint): Promise<void>;
  clear(): Promise<void>;
}

const checkpointItem = storage.defineItem<unknown>(`local:${CHECKPOINT_KEY}`, { fallback: null });

export const storedCheckpoints: CheckpointStore = {
  async load() {
    const value = await checkpointItem.getValue();
    return isCheckpoint(value) ? value : null;
  },
  save: (checkpoint) => checkpointItem.setValue(checkpoint),
  clear: () => checkpointItem.removeValue(),
};
