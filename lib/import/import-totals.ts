/**
 * An import's counts: one run's (readMailbox), and over all its files and runs (a paused or
 * interrupted import resumes with a new run, whose counts start at zero): what the progress bar
 * and the summary show.
 */
import { addCount, type Counts, type DropReason, type MessageProblem, type SkippedMessage, type SkipReason } from './problems';

/** Positions of skipped messages one run keeps (the counts go on past it). */
export const SKIPPED_POSITIONS = 100;

/** One run of readMailbox over one file (from its start, or from a resume point). */
export interface ImportCounts {
  /** messages found in the file (this run) */
  messages: number;
  /** handed to `onBatch` */
  kept: number;
  dropped: Counts<DropReason>;
  skipped: Counts<SkipReason>;
  /** problems of kept and dropped messages alike */
  problems: Counts<MessageProblem>;
  /** where the first skipped messages are (SKIPPED_POSITIONS at most) */
  skippedAt: SkippedMessage[];
}

export function emptyCounts(): ImportCounts {
  return { messages: 0, kept: 0, dropped: {}, skipped: {}, problems: {}, skippedAt: [] };
}

/** Positions of skipped messages kept for the summary, over every file. */
export const SUMMARY_SKIPPED_POSITIONS = 100;

export interface SkippedAt {
  /** the file, by its place in the import */
  file: number;
  reason: SkipReason;
  /** 0-based number of the message in its file */
  index: number;
  /** byte offset of its start in the file */
  offset: number;
}

export interface ImportTotals {
  messages: number;
  kept: number;
  dropped: Counts<DropReason>;
  skipped: Counts<SkipReason>;
  problems: Counts<MessageProblem>;
  skippedAt: SkippedAt[];
}

export function emptyTotals(): ImportTotals {
  return { messages: 0, kept: 0, dropped: {}, skipped: {}, problems: {}, skippedAt: [] };
}

function addAll<Code extends string>(into: Counts<Code>, from: Counts<Code>): Counts<Code> {
  const sum = { ...into };
  for (const [code, count] of Object.entries(from) as Array<[Code, number]>) addCount(sum, code, count);
  return sum;
}

/**
 * `base` plus one run's counts in file `file`, whose run began after `messagesBefore` messages of
 * that file (its positions count from the resume point).
 */
export function addRun(base: ImportTotals, run: ImportCounts, file: number, messagesBefore: number): ImportTotals {
  const room = SUMMARY_SKIPPED_POSITIONS - base.skippedAt.length;
  const skippedAt =
    room > 0
      ? run.skippedAt
          .slice(0, room)
          .map((skip) => ({ file, reason: skip.reason, index: skip.index + messagesBefore, offset: skip.offset }))
      : [];
  return {
    messages: base.messages + run.messages,
    kept: base.kept + run.kept,
    dropped: addAll(base.dropped, run.dropped),
    skipped: addAll(base.skipped, run.skipped),
    problems: addAll(base.problems, run.problems),
    skippedAt: [...base.skippedAt, ...skippedAt],
  };
}

export function sumOf<Code extends string>(counts: Counts<Code>): number {
  let sum = 0;
  for (const count of Object.values(counts) as number[]) sum += count;
  return sum;
}
