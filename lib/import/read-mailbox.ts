/**
 * The parsing half of a mailbox import, end to end and free of the store: a stream (what
 * `File.stream()` or `file.slice(offset).stream()` gives) -> split -> MIME -> observation ->
 * kept or dropped -> batches. Runs in a page or a Worker; the caller stores each batch (through
 * the background) and keeps `resumeOffset` as its checkpoint.
 *
 * Memory: one raw message (at most `maxMessageBytes`), one pending batch, the thread resolver's
 * bounded memory. `onBatch` is awaited, so a slow store slows the reading instead of piling up
 * batches.
 */
import type { ImportedMessageObservation } from '../messaging/observations';
import { splitMailbox, type MailboxFormat } from './mbox-splitter';
import { mapMessage, ImportBatcher, IMPORT_BATCH_SIZE, StakeholderFilter, type ImportedBatch } from './message-mapping';
import { parseMail } from './mime';
import { addCount, MailboxFileError, type MailboxFileProblem, type SkipReason } from './problems';
import { emptyCounts, SKIPPED_POSITIONS, type ImportCounts } from './import-totals';
import { ThreadResolver, type ThreadResolverState } from './thread-keys';

export { emptyCounts, type ImportCounts };

export interface ImportProgress {
  /** absolute offset read so far */
  bytesRead: number;
  counts: ImportCounts;
}

export interface ReadMailboxOptions {
  ownAddresses: readonly string[];
  /** resume: the stream starts at this absolute offset (a batch's `resumeOffset`) */
  startOffset?: number;
  /** the thread resolver's memory saved with the checkpoint, when resuming */
  threadState?: ThreadResolverState;
  maxMessageBytes?: number;
  batchSize?: number;
  dropNewsletters?: boolean;
  /**
   * stores a batch; awaited before reading on. `threadState` gives the thread resolver's memory as
   * of the batch's `resumeOffset`, for a checkpoint taken with it.
   */
  onBatch: (batch: ImportedBatch, counts: ImportCounts, threadState: ThreadStateSource) => void | Promise<void>;
  /** told how far the import is, at most every `progressIntervalMs` and once at the end */
  onProgress?: (progress: ImportProgress) => void;
  progressIntervalMs?: number;
  /** clock for the progress interval (tests) */
  now?: () => number;
  signal?: AbortSignal;
}

export type ReadMailboxResult =
  | { status: 'done'; format: MailboxFormat | null; counts: ImportCounts; endOffset: number }
  | { status: 'file-problem'; problem: MailboxFileProblem; offset: number; counts: ImportCounts }
  | { status: 'aborted'; counts: ImportCounts; resumeOffset: number };

/** The resolver's memory, for a checkpoint taken after a batch. */
export type ThreadStateSource = () => ThreadResolverState;

export async function readMailbox(
  stream: ReadableStream<Uint8Array>,
  options: ReadMailboxOptions,
): Promise<ReadMailboxResult & { threadState: ThreadStateSource }> {
  const counts = emptyCounts();
  const resolver = new ThreadResolver();
  if (options.threadState) resolver.restore(options.threadState);
  const threadState = () => resolver.state();
  const filter = new StakeholderFilter({ ownAddresses: options.ownAddresses, dropNewsletters: options.dropNewsletters });
  const batcher = new ImportBatcher(options.batchSize ?? IMPORT_BATCH_SIZE);
  const now = options.now ?? (() => Date.now());
  const interval = options.progressIntervalMs ?? 250;
  let bytesRead = options.startOffset ?? 0;
  let lastProgress = now();
  let handledUntil = options.startOffset ?? 0;

  const progress = (force: boolean) => {
    if (!options.onProgress) return;
    const time = now();
    if (!force && time - lastProgress < interval) return;
    lastProgress = time;
    options.onProgress({ bytesRead, counts });
  };
  const send = async (batch: ImportedBatch | null) => {
    if (!batch) return;
    counts.kept += batch.messages.length;
    await options.onBatch(batch, counts, threadState);
  };

  const messages = splitMailbox(stream, {
    startOffset: options.startOffset,
    maxMessageBytes: options.maxMessageBytes,
    onBytes: (offset) => {
      bytesRead = offset;
      progress(false);
    },
  });
  let format: MailboxFormat | null = null;
  try {
    for (;;) {
      if (options.signal?.aborted) {
        await messages.return(null);
        await send(batcher.flush(handledUntil));
        return { status: 'aborted', counts, resumeOffset: handledUntil, threadState };
      }
      const next = await messages.next();
      if (next.done) {
        format = next.value;
        break;
      }
      const raw = next.value;
      counts.messages++;
      const parsed = await parseMail(raw.bytes, raw);
      let observation: ImportedMessageObservation | null = null;
      if (!parsed.ok) {
        skip(counts, parsed.reason, raw.index, raw.offset);
      } else {
        const mapped = mapMessage(parsed.mail, raw.separator, resolver);
        if (!mapped.ok) {
          skip(counts, mapped.reason, raw.index, raw.offset);
        } else {
          for (const problem of mapped.problems) addCount(counts.problems, problem);
          const reason = filter.dropReason(mapped.observation, parsed.mail);
          if (reason) addCount(counts.dropped, reason);
          else observation = mapped.observation;
        }
      }
      handledUntil = raw.end;
      if (observation) await send(batcher.add(observation, raw.end));
      progress(false);
    }
  } catch (error) {
    if (error instanceof MailboxFileError) {
      await send(batcher.flush(handledUntil));
      return { status: 'file-problem', problem: error.code, offset: error.offset, counts, threadState };
    }
    throw error;
  }
  await send(batcher.flush(handledUntil));
  progress(true);
  return { status: 'done', format, counts, endOffset: handledUntil, threadState };
}

function skip(counts: ImportCounts, reason: SkipReason, index: number, offset: number): void {
  addCount(counts.skipped, reason);
  if (counts.skippedAt.length < SKIPPED_POSITIONS) counts.skippedAt.push({ reason, index, offset });
}
