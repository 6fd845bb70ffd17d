/**
 * The Gmail reader in steps (readGmailInSteps): a long list pauses between stretches of rows, so
 * the content script can give the page its turn; the result is readGmail's, every row of it.
 */
import { describe, expect, it } from 'vitest';
import { readGmail, readGmailInSteps } from '@/lib/readers/gmail';
import type { ListRow, ReaderResult } from '@/lib/readers/types';
import { renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, scaleScenario } from '../fixtures/scenario';

const NOW = new Date(DEMO_SCENARIO.now);
const timeZone = 'Europe/Amsterdam';

function listOf(rows: number): Document {
  return new DOMParser().parseFromString(renderGmail(scaleScenario(DEMO_SCENARIO, rows), { view: 'list' }), 'text/html');
}

/** Runs the steps through, counting the pauses. */
function drain(steps: Generator<void, ReaderResult, void>): { result: ReaderResult; pauses: number } {
  let pauses = 0;
  for (;;) {
    const step = steps.next();
    if (step.done) return { result: step.value, pauses };
    pauses++;
  }
}

describe('readGmailInSteps', () => {
  it.each([
    [100, false],
    [600, true],
  ])('a list of %i rows: the same result as readGmail, every row told once; pauses: %s', (rows, pauses) => {
    const doc = listOf(rows);
    const whole: ListRow[] = [];
    const expected = readGmail(doc, { now: NOW, timeZone, onRow: (row) => whole.push(row) });
    const stepped: ListRow[] = [];
    const { result, pauses: count } = drain(readGmailInSteps(doc, { now: NOW, timeZone, onRow: (row) => stepped.push(row) }));
    expect(result).toEqual(expected);
    expect(result.threads).toHaveLength(rows);
    expect(result.health.status).toBe('ok');
    expect(stepped.map((row) => row.thread.threadKey)).toEqual(whole.map((row) => row.thread.threadKey));
    expect(count > 0).toBe(pauses);
  });
});
