/**
 * The import's Worker side (entrypoints/import/import-worker.ts wires it to the Worker's global):
 * reads the file the page names, from an offset when resuming, with readMailbox, and hands the
 * page progress (every 250 ms while reading), batches and the file's end (lib/import/worker-protocol.ts).
 *
 * At most BATCHES_IN_FLIGHT batches wait for the page's acknowledgement (stored by the background)
 * while the next one is read: reading and storing overlap, and the background's queue can store
 * two waiting batches in one transaction; memory holds three batches at most. A batch
 * carries the resolver's memory every CHECKPOINT_INTERVAL_MS, the page's cue to write a checkpoint.
 */
import { readMailbox } from './read-mailbox';
import {
  CHECKPOINT_INTERVAL_MS,
  CHECKPOINT_THREAD_ENTRIES,
  type PageToWorker,
  type WorkerFileDone,
  type WorkerToPage,
} from './worker-protocol';

/** Batches handed to the page and not yet acknowledged, at most. */
export const BATCHES_IN_FLIGHT = 2;

export interface WorkerScope {
  postMessage(message: WorkerToPage): void;
  addEventListener(type: 'message', listener: (event: { data: PageToWorker }) => void): void;
}

type ReadRequest = Extract<PageToWorker, { type: 'read' }>;

interface Acknowledgements {
  /** resolves when the page acknowledges batch `batchId` */
  waitFor(batchId: number): Promise<void>;
  acknowledge(batchId: number): void;
}

function acknowledgements(): Acknowledgements {
  const waiting = new Map<number, () => void>();
  return {
    waitFor: (batchId) => new Promise<void>((resolve) => waiting.set(batchId, resolve)),
    acknowledge(batchId) {
      waiting.get(batchId)?.();
      waiting.delete(batchId);
    },
  };
}

function describeError(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 200);
}

async function readMailboxFile(
  request: ReadRequest,
  scope: WorkerScope,
  acks: Acknowledgements,
  signal: AbortSignal,
  now: () => number,
): Promise<void> {
  const { file, fileIndex, startOffset } = request;
  const waiting: Array<Promise<void>> = [];
  let batchId = 0;
  let lastCheckpoint = -Infinity;
  const stream = startOffset > 0 ? file.slice(startOffset).stream() : file.stream();
  const result = await readMailbox(stream, {
    ownAddresses: request.ownAddresses,
    batchSize: request.batchSize,
    startOffset,
    threadState: request.threadState ?? undefined,
    signal,
    onProgress: ({ bytesRead, counts }) => scope.postMessage({ type: 'progress', fileIndex, bytesRead, counts }),
    onBatch: async (batch, counts, threadState) => {
      // the page stores at most BATCHES_IN_FLIGHT at a time: a slow store slows the reading
      if (waiting.length >= BATCHES_IN_FLIGHT) await waiting.shift();
      const id = ++batchId;
      waiting.push(acks.waitFor(id));
      const due = now() - lastCheckpoint >= CHECKPOINT_INTERVAL_MS;
      if (due) lastCheckpoint = now();
      scope.postMessage({
        type: 'batch',
        batchId: id,
        fileIndex,
        messages: batch.messages,
        resumeOffset: batch.resumeOffset,
        counts,
        ...(due ? { threadState: threadState().slice(-CHECKPOINT_THREAD_ENTRIES) } : {}),
      });
    },
  });
  await Promise.all(waiting);
  let outcome: WorkerFileDone['outcome'];
  if (result.status === 'done') outcome = { status: 'done' };
  else if (result.status === 'file-problem') outcome = { status: 'file-problem', problem: result.problem, offset: result.offset };
  else outcome = { status: 'stopped', resumeOffset: result.resumeOffset };
  scope.postMessage({ type: 'file-done', fileIndex, outcome, counts: result.counts, threadState: result.threadState() });
}

/** The reader of each kind of file (lib/import/file-kinds.ts). */
const READERS: Record<ReadRequest['kind'], typeof readMailboxFile> = { mailbox: readMailboxFile };

/** Serves the page: one file at a time, as it asks. */
export function serveImportWorker(scope: WorkerScope, { now = () => performance.now() }: { now?: () => number } = {}): void {
  const acks = acknowledgements();
  let stop: AbortController | null = null;
  scope.addEventListener('message', ({ data }) => {
    if (data.type === 'ack') acks.acknowledge(data.batchId);
    else if (data.type === 'stop') stop?.abort();
    else if (data.type === 'read' && !stop) {
      const controller = new AbortController();
      stop = controller;
      READERS[data.kind](data, scope, acks, controller.signal, now)
        .catch((error: unknown) => scope.postMessage({ type: 'failed', fileIndex: data.fileIndex, error: describeError(error) }))
        .finally(() => {
          if (stop === controller) stop = null;
        });
    }
  });
}
