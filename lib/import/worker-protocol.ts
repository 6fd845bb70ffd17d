/**
 * What the import page and its Worker say to each other (lib/import/import-worker.ts runs in the
 * Worker, lib/import/import-session.ts in the page). The Worker reads one file at a time and never
 * talks to the background (a dedicated Worker has no extension APIs): it hands each batch to the
 * page, which stores it through the background and acknowledges it, in order; the Worker has at
 * most two batches waiting for that, so a slow store slows the reading instead of filling memory.
 */
import type { ImportedMessageObservation } from '../messaging/observations';
import type { ImportFileKind } from './file-kinds';
import type { ImportCounts } from './import-totals';
import type { MailboxFileProblem } from './problems';
import type { ThreadResolverState } from './thread-keys';

export type PageToWorker =
  | {
      type: 'read';
      file: File;
      /** which reader (lib/import/file-kinds.ts) */
      kind: ImportFileKind;
      fileIndex: number;
      /** where to start: 0, or a checkpoint's resume offset */
      startOffset: number;
      /** the thread resolver's memory from the files before, or from the checkpoint */
      threadState: ThreadResolverState | null;
      ownAddresses: string[];
      /** messages per batch (lib/import IMPORT_BATCH_SIZE unless said) */
      batchSize?: number;
    }
  /** the batch is stored: read on */
  | { type: 'ack'; batchId: number }
  /** pause or cancel: stop reading, hand over what is pending, report where to resume */
  | { type: 'stop' };

export interface WorkerProgress {
  type: 'progress';
  fileIndex: number;
  /** absolute offset in the file read so far */
  bytesRead: number;
  counts: ImportCounts;
}

export interface WorkerBatch {
  type: 'batch';
  batchId: number;
  fileIndex: number;
  messages: ImportedMessageObservation[];
  /** where to resume in the file once this batch is stored */
  resumeOffset: number;
  /** this file's counts so far (this run), as of `resumeOffset` */
  counts: ImportCounts;
  /** the thread resolver's memory as of `resumeOffset` (the most recent part), when a checkpoint is due */
  threadState?: ThreadResolverState;
}

/** A file's end: read whole, not a mailbox, or stopped; every batch of it is acknowledged by now. */
export interface WorkerFileDone {
  type: 'file-done';
  fileIndex: number;
  outcome:
    | { status: 'done' }
    | { status: 'file-problem'; problem: MailboxFileProblem; offset: number }
    | { status: 'stopped'; resumeOffset: number };
  counts: ImportCounts;
  /** the resolver's memory at the end: for the next file, or the checkpoint of a stopped one */
  threadState: ThreadResolverState;
}

/** Something nobody foresaw (a read error of the file, a bug): the import stops, its checkpoint stays. */
export interface WorkerFailed {
  type: 'failed';
  fileIndex: number;
  /** a short, content-free description */
  error: string;
}

export type WorkerToPage = WorkerProgress | WorkerBatch | WorkerFileDone | WorkerFailed;

/** How often a batch carries the resolver's memory for a checkpoint (and so how often one is written). */
export const CHECKPOINT_INTERVAL_MS = 2000;

/** The most recent resolver entries a checkpoint keeps (each about 50 bytes): bounded in size. */
export const CHECKPOINT_THREAD_ENTRIES = 20_000;
