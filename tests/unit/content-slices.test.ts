import { describe, expect, it, vi } from 'vitest';
import { runInSlices } from '@/lib/content/slices';

/** Work of `steps` steps, each taking `stepMs` on the given clock; records the slice each step ran in. */
function* work(steps: number, clock: { ms: number }, stepMs: number, slices: number[], slice: { index: number }) {
  for (let step = 0; step < steps; step++) {
    clock.ms += stepMs;
    slices.push(slice.index);
    yield;
  }
  return steps;
}

describe('runInSlices', () => {
  it.each([
    // steps, ms each, slices expected (a slice of 20 ms runs until it has used its time)
    [3, 1, 1],
    [10, 5, 3],
    [40, 10, 20],
  ])('%i steps of %i ms run in %i slice(s), the page given its turn between them', async (steps, stepMs, expected) => {
    vi.useRealTimers();
    const clock = { ms: 0 };
    const slices: number[] = [];
    const slice = { index: 0 };
    const done = runInSlices(work(steps, clock, stepMs, slices, slice), {
      wanted: () => (slice.index++, true),
      now: () => clock.ms,
      sliceMs: 20,
    });
    expect(await done).toBe(steps);
    expect(new Set(slices).size).toBe(expected);
  });

  it('drops work that is no longer wanted: never finished', async () => {
    const clock = { ms: 0 };
    let finished = false;
    function* long() {
      for (let step = 0; step < 100; step++) {
        clock.ms += 10;
        yield;
      }
      finished = true;
      return 'klaar';
    }
    let turns = 0;
    const result = await runInSlices(long(), { wanted: () => ++turns < 3, now: () => clock.ms, sliceMs: 20 });
    expect(result).toBeUndefined();
    expect(finished).toBe(false);
  });
});
