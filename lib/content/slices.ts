/**
 * Long work in slices that give the page its turn between them: a content script's work on a
 * 5,000-row list (read, fingerprint, badges) took one task of over 600 ms, during which the page
 * could not answer a click. The work is a generator that yields where it may pause; it runs until
 * a slice's time is used up, then waits for the page (scheduler.yield where the browser has it,
 * else a task of its own) and goes on. Small work (a 100-row list) runs in one slice, as before.
 */
import type { ReadSteps } from '../readers/types';

/** Time a slice may take before the page gets its turn: well under the 50 ms of a long task. */
export const SLICE_MS = 20;

/** Lets the page run (input, rendering) before the work goes on. */
function pageTurn(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface SliceOptions {
  /** false once the work is no longer wanted (a newer read, stopped): it is dropped, never finished */
  wanted: () => boolean;
  /** the clock; default performance.now */
  now?: () => number;
  sliceMs?: number;
}

/**
 * Runs the steps to their result, in slices; resolves with it, or with undefined when the work
 * was no longer wanted. A step that throws rejects.
 */
export async function runInSlices<R>(steps: ReadSteps<R>, options: SliceOptions): Promise<R | undefined> {
  const now = options.now ?? (() => performance.now());
  const sliceMs = options.sliceMs ?? SLICE_MS;
  for (;;) {
    const started = now();
    do {
      const step = steps.next();
      if (step.done) return step.value;
    } while (now() - started < sliceMs);
    await pageTurn();
    if (!options.wanted()) return undefined;
  }
}

/**
 * Reads in slices, one read at a time: a change while one is under way is noted and read once it
 * is done (a read that started before the change may not have seen it).
 */
export function slicedReads<R>(
  readInSteps: (root: Document) => ReadSteps<R>,
  fingerprintInSteps: (result: R) => ReadSteps<string>,
  failed: R,
): (...hooks: SliceHooks<R>) => SlicedReads {
  return (root, stopped, onRead, onChangeMeanwhile, report) =>
    slicedReadsWith(() => readAndFingerprint(readInSteps(root), fingerprintInSteps, failed, report), {
      stopped,
      onRead,
      onChangeMeanwhile,
      report,
    });
}

/** What observePage gives a sliced read, in this order (positional: the calendars' scripts are near their budget). */
export type SliceHooks<R> = [
  root: Document,
  stopped: () => boolean,
  onRead: (result: R, fingerprint: string) => void,
  onChangeMeanwhile: () => void,
  report: (error: unknown) => void,
];

interface Hooks<R> {
  stopped: () => boolean;
  onRead: (result: R, fingerprint: string) => void;
  onChangeMeanwhile: () => void;
  report: (error: unknown) => void;
}

export interface SlicedReads {
  /** true (the change noted) while a read is under way */
  noteChange(): boolean;
  start(): void;
}

function slicedReadsWith<R>(read: () => ReadSteps<[R, string]>, hooks: Hooks<R>): SlicedReads {
  let reading = false;
  let changedMeanwhile = false;
  return {
    /** true (the change noted) while a read is under way */
    noteChange(): boolean {
      if (reading) changedMeanwhile = true;
      return reading;
    },
    start(): void {
      reading = true;
      void runInSlices(read(), { wanted: () => !hooks.stopped() })
        .then((result) => {
          if (result && !hooks.stopped()) hooks.onRead(...result);
        })
        .catch(hooks.report)
        .finally(() => {
          reading = false;
          if (!changedMeanwhile || hooks.stopped()) return;
          changedMeanwhile = false;
          hooks.onChangeMeanwhile();
        });
    },
  };
}

/** A read in steps, then its fingerprint in steps; a reader that throws reads as `failed`. */
function* readAndFingerprint<R>(
  steps: ReadSteps<R>,
  fingerprintInSteps: (result: R) => ReadSteps<string>,
  failed: R,
  report: (error: unknown) => void,
): ReadSteps<[R, string]> {
  let result: R;
  try {
    result = yield* steps;
  } catch (error) {
    report(error);
    result = failed;
  }
  return [result, yield* fingerprintInSteps(result)];
}
