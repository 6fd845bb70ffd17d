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
