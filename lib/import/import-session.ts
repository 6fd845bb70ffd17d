/**
 * The import page's state machine: one import of one or more mailbox files, from the choice of
 * files to its summary. It starts the Worker (lib/import/import-worker.ts) that reads the files,
 * stores every batch the Worker hands it through the background (a validated runtime message,
 * acknowledged once stored; retried, then reported), writes the checkpoint after stored batches,
 * and tells the background when the import ends, which is when the pipeline runs for it.
 *
 *   loading -> idle | interrupted
 *   idle -> running                       start(files, own addresses)
 *   interrupted -> running                resume(the same files, chosen again) | discard() -> idle
 *   running -> pausing -> paused          pause(): the Worker stops at the next message, hands over what it holds
 *   paused | failed -> running            resume()
 *   running | paused -> cancelling -> cancelled   cancel(): what is stored stays
 *   running -> finished                   every file read (a file that is no mailbox is reported, the next one read)
 *   running -> failed                     a batch not stored after retries, the Worker broken: the checkpoint stays
 *
 * The view (ImportView) is what the page renders, as codes and numbers: the text is the page's.
 */
import type { ImportEndReply, ImportFound, RuntimeReply } from '../messaging/runtime';
import { reason, type Reason } from '../vocabulary/reasons';
import {
  identityOf,
  sameFile,
  type CheckpointStore,
  type FileIdentity,
  type ImportCheckpoint,
  type ImportFile,
} from './checkpoint';
import { kindOfFile } from './file-kinds';
import { addRun, emptyCounts, emptyTotals, type ImportCounts, type ImportTotals } from './import-totals';
import type { ThreadResolverState } from './thread-keys';
import {
  CHECKPOINT_THREAD_ENTRIES,
  type PageToWorker,
  type WorkerBatch,
  type WorkerFileDone,
  type WorkerToPage,
} from './worker-protocol';

export type ImportPhase =
  'loading' | 'idle' | 'interrupted' | 'running' | 'pausing' | 'paused' | 'cancelling' | 'finished' | 'cancelled' | 'failed';

export type ImportError =
  /** another page runs an import */
  | { code: 'busy' }
  /** the background refused the start (or did not answer) */
  | { code: 'start-refused'; reason: Reason }
  /** a batch the background refused or did not answer, after every retry */
  | { code: 'not-stored'; reason: Reason }
  /** the Worker stopped with an error, or could not start */
  | { code: 'worker-failed'; reason: string }
  /** the files chosen to resume are not those of the interrupted import: these are missing */
  | { code: 'wrong-files'; missing: FileIdentity[] };

export interface ImportView {
  phase: ImportPhase;
  files: ImportFile[];
  /** the file being read (files.length once all are) */
  fileIndex: number;
  bytesDone: number;
  bytesTotal: number;
  /** over every file and run, the current one included */
  totals: ImportTotals;
  /** from the recent rate; null until it can tell */
  secondsLeft: number | null;
  /** what the background found at the end (or at a pause) */
  found: ImportFound | null;
  error: ImportError | null;
}

export interface ImportBackground {
  start(importId: string, ownAddresses: string[]): Promise<RuntimeReply>;
  storeBatch(importId: string, messages: WorkerBatch['messages']): Promise<RuntimeReply>;
  end(importId: string, outcome: 'finished' | 'cancelled' | 'paused'): Promise<ImportEndReply | RuntimeReply>;
}

export interface WorkerPort {
  post(message: PageToWorker): void;
  onMessage(listener: (message: WorkerToPage) => void): void;
  onError(listener: (reason: string) => void): void;
  terminate(): void;
}

export interface ImportSessionDeps {
  startWorker(): WorkerPort;
  background: ImportBackground;
  checkpoints: CheckpointStore;
  /** one import at a time over every page: a release function, or null when another page holds it */
  acquireLock(): Promise<(() => void) | null>;
  newImportId(): string;
  now(): number;
  /** messages per batch (the reader's default unless said: tests make them small) */
  batchSize?: number;
  /** waits between the attempts to store a batch */
  retryDelaysMs?: readonly number[];
  sleep?(ms: number): Promise<void>;
}

/** The rate over the last few seconds gives the time left. */
const RATE_WINDOW_MS = 8000;
const RATE_MIN_SPAN_MS = 1500;

/**
 * The seconds left at the rate of the last RATE_WINDOW_MS (bytes done as `samples`, oldest first,
 * trimmed here), or null before RATE_MIN_SPAN_MS of them or while nothing moves.
 */
export function secondsLeft(samples: Array<{ at: number; bytes: number }>, bytesTotal: number): number | null {
  const last = samples.at(-1);
  if (!last) return null;
  while (samples.length > 2 && last.at - samples[0]!.at > RATE_WINDOW_MS) samples.shift();
  const first = samples[0]!;
  const span = last.at - first.at;
  const rate = span >= RATE_MIN_SPAN_MS ? (last.bytes - first.bytes) / span : 0;
  return rate > 0 ? Math.ceil((bytesTotal - last.bytes) / rate / 1000) : null;
}
const DEFAULT_RETRY_DELAYS_MS = [250, 1000, 3000];

interface Run {
  importId: string;
  ownAddresses: string[];
  /** the chosen files, by their place in the import (null: read before an interruption, not chosen again) */
  handles: Array<File | null>;
  files: ImportFile[];
  fileIndex: number;
  /** where the current file's run began, and how many of its messages were found before that */
  startOffset: number;
  messagesBefore: number;
  keptBefore: number;
  threadState: ThreadResolverState;
  /** totals before the current file's run */
  base: ImportTotals;
  /** the current run's counts and position */
  counts: ImportCounts;
  bytesRead: number;
  worker: WorkerPort | null;
  release: (() => void) | null;
  samples: Array<{ at: number; bytes: number }>;
  /** the last checkpoint written (a failed run resumes from it) */
  checkpoint: ImportCheckpoint | null;
  /** resolves when every batch handed over so far is acknowledged (or the run failed) */
  acknowledged: Promise<void>;
}

/** Why the background said no, as it said it (a reason code: the page renders it); no answer is a reason too. */
const replyError = (reply: RuntimeReply): Reason => (reply.ok ? reason('no-reply') : reply.error);
/** A message the background could not be sent or did not answer. */
const notAnswered = (): RuntimeReply => ({ ok: false, error: reason('no-reply') });

export class ImportSession {
  private view: ImportView = {
    phase: 'loading',
    files: [],
    fileIndex: 0,
    bytesDone: 0,
    bytesTotal: 0,
    totals: emptyTotals(),
    secondsLeft: null,
    found: null,
    error: null,
  };
  private readonly listeners = new Set<() => void>();
  private run: Run | null = null;
  /** checkpoint writes, one after the other */
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ImportSessionDeps) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getView = (): ImportView => this.view;

  /** Reads the checkpoint an earlier page left: an interrupted import, or nothing. */
  async open(): Promise<void> {
    const checkpoint = await this.deps.checkpoints.load().catch(() => null);
    if (!checkpoint) return this.show({ phase: 'idle' });
    this.run = this.runFrom(
      checkpoint,
      checkpoint.files.map(() => null),
    );
    this.show({ phase: 'interrupted' });
  }

  /** Starts a new import of these files. */
  async start(files: readonly File[], ownAddresses: readonly string[]): Promise<void> {
    if (!['idle', 'finished', 'cancelled'].includes(this.view.phase) || files.length === 0) return;
    const entries: ImportFile[] = files.map((file) => ({
      ...identityOf(file),
      state: { status: 'waiting' },
      messages: 0,
      kept: 0,
    }));
    this.run = this.runFrom(
      {
        version: 1,
        importId: this.deps.newImportId(),
        savedAt: this.deps.now(),
        ownAddresses: [...ownAddresses],
        files: entries,
        fileIndex: 0,
        resumeOffset: 0,
        threadState: [],
        totals: emptyTotals(),
      },
      [...files],
    );
    this.show({ found: null, error: null });
    await this.begin();
  }

  /**
   * Goes on: after a pause or a failure with the files still at hand, or after an interruption
   * with the files chosen again (only those not read yet are needed, and checked by identity).
   */
  async resume(chosen: readonly File[] = []): Promise<void> {
    const previous = this.run;
    if (!previous || !['paused', 'failed', 'interrupted'].includes(this.view.phase)) return;
    // a new run object: whatever the last one still had under way (a retry) sees it is over
    const run =
      this.view.phase === 'failed' && previous.checkpoint
        ? this.runFrom(previous.checkpoint, previous.handles)
        : { ...previous, samples: [], acknowledged: Promise.resolve() };
    this.run = run;
    for (const file of chosen) {
      const index = run.files.findIndex((entry) => sameFile(entry, file));
      if (index >= 0) run.handles[index] = file;
    }
    const missing = run.files.filter((entry, index) => index >= run.fileIndex && !run.handles[index]).map(identityOf);
    if (missing.length > 0) return this.show({ error: { code: 'wrong-files', missing } });
    this.show({ error: null });
    await this.begin();
  }

  /** Stops reading; the checkpoint is where it stopped. */
  pause(): void {
    if (this.view.phase !== 'running') return;
    this.show({ phase: 'pausing' });
    // no Worker yet (the start is under way): readNext sees the pause
    this.run?.worker?.post({ type: 'stop' });
  }

  /** Stops for good: what is stored stays, the checkpoint goes, the summary says what was done. */
  async cancel(): Promise<void> {
    const phase = this.view.phase;
    if (phase === 'running') {
      this.show({ phase: 'cancelling' });
      this.run?.worker?.post({ type: 'stop' });
    } else if (phase === 'paused' || phase === 'failed' || phase === 'interrupted') {
      this.show({ phase: 'cancelling' });
      await this.end('cancelled');
    }
  }

  /** Forgets an interrupted import without a summary (what it stored stays). */
  async discard(): Promise<void> {
    if (this.view.phase !== 'interrupted' || !this.run) return;
    await this.deps.background.end(this.run.importId, 'cancelled').catch(() => undefined);
    await this.deps.checkpoints.clear();
    this.run = null;
    this.show({ phase: 'idle', files: [], totals: emptyTotals(), bytesDone: 0, bytesTotal: 0, error: null, found: null });
  }

  /** After an import's end: ready for the next one. */
  reset(): void {
    if (this.view.phase !== 'finished' && this.view.phase !== 'cancelled') return;
    this.run = null;
    this.show({
      phase: 'idle',
      files: [],
      fileIndex: 0,
      bytesDone: 0,
      bytesTotal: 0,
      totals: emptyTotals(),
      secondsLeft: null,
      found: null,
      error: null,
    });
  }

  /** The page goes away mid-import: the background brings what is stored up to date (best effort). */
  pageHidden(): void {
    if (this.run && (this.view.phase === 'running' || this.view.phase === 'pausing'))
      void this.deps.background.end(this.run.importId, 'paused').catch(() => undefined);
  }

  // ---------------------------------------------------------------------------------------------

  private runFrom(checkpoint: ImportCheckpoint, handles: Array<File | null>): Run {
    const current = checkpoint.files[checkpoint.fileIndex];
    return {
      importId: checkpoint.importId,
      ownAddresses: checkpoint.ownAddresses,
      handles,
      files: checkpoint.files.map((file) => ({ ...file })),
      fileIndex: checkpoint.fileIndex,
      startOffset: checkpoint.resumeOffset,
      messagesBefore: current?.messages ?? 0,
      keptBefore: current?.kept ?? 0,
      threadState: checkpoint.threadState,
      base: checkpoint.totals,
      counts: emptyCounts(),
      bytesRead: checkpoint.resumeOffset,
      worker: null,
      release: null,
      samples: [],
      checkpoint,
      acknowledged: Promise.resolve(),
    };
  }

  private async begin(): Promise<void> {
    const run = this.run!;
    run.release = await this.deps.acquireLock();
    if (!run.release) return this.show({ error: { code: 'busy' } });
    this.show({ phase: 'running' });
    const started = await this.deps.background.start(run.importId, run.ownAddresses).catch(notAnswered);
    if (!started.ok) return this.fail({ code: 'start-refused', reason: replyError(started) });
    try {
      run.worker = this.deps.startWorker();
    } catch (error) {
      return this.fail({ code: 'worker-failed', reason: String(error).slice(0, 200) });
    }
    run.worker.onMessage((message) => void this.onWorker(run, message));
    run.worker.onError((reason) => void this.fail({ code: 'worker-failed', reason }));
    this.readNext(run);
  }

  private readNext(run: Run): void {
    if (this.view.phase === 'pausing') return void this.toPaused(run);
    if (this.view.phase === 'cancelling') return void this.end('cancelled');
    if (run.fileIndex >= run.files.length) return void this.end('finished');
    run.files[run.fileIndex]!.state = { status: 'reading' };
    run.worker!.post({
      type: 'read',
      file: run.handles[run.fileIndex]!,
      kind: kindOfFile(run.handles[run.fileIndex]!),
      fileIndex: run.fileIndex,
      startOffset: run.startOffset,
      threadState: run.threadState,
      ownAddresses: run.ownAddresses,
      batchSize: this.deps.batchSize,
    });
    this.showProgress(run);
  }

  private async onWorker(run: Run, message: WorkerToPage): Promise<void> {
    if (run !== this.run) return;
    if (message.type === 'progress') {
      run.counts = message.counts;
      run.bytesRead = message.bytesRead;
      this.showProgress(run);
    } else if (message.type === 'batch') {
      // stored at once (beside the one before, if any), acknowledged in order
      const stored = this.storeBatch(run, message);
      const before = run.acknowledged;
      run.acknowledged = before.then(async () => this.acknowledge(run, message, await stored));
      await run.acknowledged;
    } else if (message.type === 'file-done') {
      await this.fileDone(run, message);
    } else {
      await this.fail({ code: 'worker-failed', reason: message.error });
    }
  }

  /** Stores a batch, retried: the last reply. */
  private async storeBatch(run: Run, batch: WorkerBatch): Promise<RuntimeReply> {
    const delays = this.deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    const sleep = this.deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    let reply: RuntimeReply = notAnswered();
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await sleep(delays[attempt - 1]!);
      reply = await this.deps.background.storeBatch(run.importId, batch.messages).catch(notAnswered);
      if (reply.ok || run !== this.run || run.worker === null) break;
    }
    return reply;
  }

  /** A batch stored (every one before it too): acknowledged, and a checkpoint when the batch carries one. */
  private async acknowledge(run: Run, batch: WorkerBatch, reply: RuntimeReply): Promise<void> {
    if (run !== this.run || run.worker === null) return;
    if (!reply.ok) return this.fail({ code: 'not-stored', reason: replyError(reply) });
    run.worker.post({ type: 'ack', batchId: batch.batchId });
    // the counts come with the progress reports (a newer one may have come meanwhile)
    if (batch.threadState) this.saveCheckpoint(run, batch.resumeOffset, batch.threadState, batch.counts);
    this.showProgress(run);
  }

  private async fileDone(run: Run, done: WorkerFileDone): Promise<void> {
    const entry = run.files[run.fileIndex]!;
    entry.messages = run.messagesBefore + done.counts.messages;
    entry.kept = run.keptBefore + done.counts.kept;
    run.base = addRun(run.base, done.counts, run.fileIndex, run.messagesBefore);
    run.counts = emptyCounts();
    run.threadState = done.threadState;
    if (done.outcome.status === 'stopped') {
      run.startOffset = done.outcome.resumeOffset;
      run.messagesBefore = entry.messages;
      run.keptBefore = entry.kept;
      run.bytesRead = run.startOffset;
    } else {
      entry.state =
        done.outcome.status === 'done'
          ? { status: 'done' }
          : { status: 'problem', problem: done.outcome.problem, offset: done.outcome.offset };
      run.fileIndex++;
      run.startOffset = 0;
      run.messagesBefore = 0;
      run.keptBefore = 0;
      run.bytesRead = 0;
    }
    this.saveCheckpoint(run, run.startOffset, run.threadState, null);
    this.showProgress(run);
    this.readNext(run);
  }

  private saveCheckpoint(run: Run, resumeOffset: number, threadState: ThreadResolverState, counts: ImportCounts | null): void {
    const files = run.files.map((file) => ({ ...file, state: { ...file.state } }));
    const current = files[run.fileIndex];
    if (current && counts) {
      current.messages = run.messagesBefore + counts.messages;
      current.kept = run.keptBefore + counts.kept;
    }
    const checkpoint: ImportCheckpoint = {
      version: 1,
      importId: run.importId,
      savedAt: this.deps.now(),
      ownAddresses: run.ownAddresses,
      files,
      fileIndex: run.fileIndex,
      resumeOffset,
      threadState: threadState.slice(-CHECKPOINT_THREAD_ENTRIES),
      totals: counts ? addRun(run.base, counts, run.fileIndex, run.messagesBefore) : run.base,
    };
    run.checkpoint = checkpoint;
    this.saving = this.saving.then(() => this.deps.checkpoints.save(checkpoint)).catch(() => undefined);
  }

  private async toPaused(run: Run): Promise<void> {
    this.stopWorker(run);
    await this.saving;
    const reply = await this.deps.background.end(run.importId, 'paused').catch(() => null);
    this.show({ phase: 'paused', secondsLeft: null, found: reply && 'found' in reply ? reply.found : null });
  }

  /** The import's end (finished or cancelled): the background's findings, the checkpoint gone. */
  private async end(outcome: 'finished' | 'cancelled'): Promise<void> {
    const run = this.run;
    if (!run) return;
    this.stopWorker(run);
    await this.saving;
    const reply = await this.deps.background.end(run.importId, outcome).catch(() => null);
    await this.deps.checkpoints.clear().catch(() => undefined);
    this.show({ phase: outcome, secondsLeft: null, found: reply && 'found' in reply ? reply.found : null });
  }

  private async fail(error: ImportError): Promise<void> {
    const run = this.run;
    if (!run || ['failed', 'finished', 'cancelled'].includes(this.view.phase)) return;
    this.stopWorker(run);
    await this.saving;
    // what was stored is brought up to date; the checkpoint stays for a retry
    await this.deps.background.end(run.importId, 'paused').catch(() => undefined);
    this.show({ phase: 'failed', error, secondsLeft: null });
  }

  private stopWorker(run: Run): void {
    run.worker?.terminate();
    run.worker = null;
    run.release?.();
    run.release = null;
  }

  /** Where the run is: its files, bytes and totals. */
  private position(run: Run): Pick<ImportView, 'files' | 'fileIndex' | 'bytesDone' | 'bytesTotal' | 'totals'> {
    let bytesDone = run.bytesRead;
    let bytesTotal = 0;
    run.files.forEach((file, index) => {
      bytesTotal += file.size;
      if (index < run.fileIndex) bytesDone += file.size;
    });
    return {
      files: run.files.map((file) => ({ ...file })),
      fileIndex: run.fileIndex,
      bytesDone: Math.min(bytesDone, bytesTotal),
      bytesTotal,
      totals: addRun(run.base, run.counts, run.fileIndex, run.messagesBefore),
    };
  }

  /** The position with the time left, from the rate over the last few seconds. */
  private showProgress(run: Run): void {
    const position = this.position(run);
    run.samples.push({ at: this.deps.now(), bytes: position.bytesDone });
    this.show({ ...position, secondsLeft: secondsLeft(run.samples, position.bytesTotal) });
  }

  private show(change: Partial<ImportView>): void {
    this.view = { ...this.view, ...(this.run ? this.position(this.run) : {}), ...change };
    for (const listener of this.listeners) listener();
  }
}
