/**
 * The background pipeline (lib/background/pipeline.ts), on fake timers: what runs after a write,
 * in which order and how often, what survives a stopped service worker, and what makes everyone
 * be recomputed. The steps are recording fakes where timing matters; the summary service (its
 * throttle) and the store are real, with the municipality summaries' computation spied on.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { FULL_REFRESH, owedAfterIngest, owedWorkItem } from '@/lib/background/owed-work';
import { createPipeline, type Pipeline, type PipelineSteps } from '@/lib/background/pipeline';
import { LATENCY_ALARM, watchForFullRefresh } from '@/lib/background/refresh-triggers';
import { backgroundSteps } from '@/lib/background/steps';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { latencyUpdatedAtItem } from '@/lib/messaging/latency-updated';
import { thresholdsItem } from '@/lib/settings';
import { defaultThresholds } from '@/lib/latency/thresholds';
import { createDb, type GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor } from '@/lib/store/ingest';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import type { LatencyWork } from '@/lib/store/latency-service';
import * as queries from '@/lib/read-models/municipality-summaries';
import { createSummaryService } from '@/lib/store/summary-service';
import { contactRecord } from '../fixtures/records';
import { batch, message, person, T0 } from '../fixtures/observations';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const SIDE_PANEL = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` };

let db: GemeenteradarDb;
let counter = 0;
/** every step the pipeline ran, in order; the summaries' computation included */
let log: string[];
const computeSummaries = queries.computeMunicipalitySummaries;

beforeEach(() => {
  vi.useFakeTimers();
  db = createDb(`test-pipeline-${++counter}`);
  log = [];
  vi.spyOn(queries, 'computeMunicipalitySummaries').mockImplementation((...args) => {
    log.push('summaries');
    return computeSummaries(...args);
  });
});
afterEach(async () => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  db.close();
  await db.delete();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const realSetImmediate = globalThis.setImmediate;

/**
 * Lets fake time pass until nothing is owed or running any more. Between steps a real turn of
 * the event loop, for the tests where IndexedDB runs on real time.
 */
async function settle(pipeline: Pipeline): Promise<void> {
  let done = false;
  void pipeline.idle().then(() => (done = true));
  for (let step = 0; !done; step++) {
    if (step > 10_000) throw new Error('the pipeline never became idle');
    await vi.advanceTimersByTimeAsync(10);
    await new Promise((resolve) => realSetImmediate(resolve));
  }
}

/** Steps that record what ran; a latency run takes `latencyMs` of fake time. */
function recordingSteps({ latencyMs = 100, summaryDelayMs = 1_000 } = {}) {
  const latencyRuns: LatencyWork[] = [];
  const steps: PipelineSteps = {
    latency: async (work) => {
      latencyRuns.push({ contactIds: [...work.contactIds], everyone: work.everyone });
      log.push('latency');
      await sleep(latencyMs);
      log.push('latency done');
    },
    badge: async () => void log.push('badge'),
    signal: async () => void log.push('signal'),
    summaries: (ready) => createSummaryService({ db, delayMs: summaryDelayMs, ready }),
  };
  return { steps, latencyRuns };
}

const count = (entry: string) => log.filter((logged) => logged === entry).length;
const quiet = { log: () => undefined };

describe('background pipeline: order and coalescing', () => {
  it('runs the latency of the written contacts, then the badge, the signal and the summaries, once each', async () => {
    const { steps, latencyRuns } = recordingSteps();
    const pipeline = createPipeline({ steps });
    await pipeline.afterWrite(owedAfterIngest({ affectedContactIds: ['c:a@zwolle.nl'] }));
    await settle(pipeline);
    expect(latencyRuns).toEqual([{ contactIds: ['c:a@zwolle.nl'], everyone: false }]);
    expect(log).toEqual(['latency', 'latency done', 'badge', 'signal', 'summaries']);
  });

  it('costs one summary recompute for a burst of ingests, and one latency run per round', async () => {
    const { steps, latencyRuns } = recordingSteps({ latencyMs: 100 });
    const pipeline = createPipeline({ steps });
    const ids = Array.from({ length: 10 }, (_, index) => `c:p${index}@zwolle.nl`);
    // an ingest every 30 ms: each arrives while the latency of the ones before is computed
    for (const id of ids) {
      void pipeline.afterWrite(owedAfterIngest({ affectedContactIds: [id] }));
      await vi.advanceTimersByTimeAsync(30);
    }
    await settle(pipeline);
    expect(count('summaries')).toBe(1);
    expect(latencyRuns.length).toBeLessThan(ids.length);
    expect(latencyRuns.flatMap((run) => run.contactIds).sort()).toEqual([...ids].sort()); // each once
    expect(count('badge')).toBe(latencyRuns.length);
    expect(log.at(-1)).toBe('summaries');
  });

  it('never computes the summaries on stale latency: they start after the latency run of the same round', async () => {
    const releases: Array<() => void> = [];
    const { steps, latencyRuns } = recordingSteps();
    const pipeline = createPipeline({
      steps: {
        ...steps,
        latency: (work) => {
          latencyRuns.push({ contactIds: [...work.contactIds], everyone: work.everyone });
          log.push('latency');
          return new Promise<void>((resolve) => releases.push(() => (log.push('latency done'), resolve())));
        },
      },
    });
    await pipeline.afterWrite(owedAfterIngest({ affectedContactIds: ['c:a@zwolle.nl'] }));
    await vi.advanceTimersByTimeAsync(2_000); // the summaries' throttle has long let them go
    expect(log).toEqual(['latency']);
    // a second write while the first latency runs: its latency too comes before the summaries
    await pipeline.afterWrite(owedAfterIngest({ affectedContactIds: ['c:b@zwolle.nl'] }));
    releases.shift()!();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(log).toEqual(['latency', 'latency done', 'badge', 'signal', 'latency']);
    releases.shift()!();
    await settle(pipeline);
    expect(log).toEqual([
      'latency',
      'latency done',
      'badge',
      'signal',
      'latency',
      'latency done',
      'badge',
      'signal',
      'summaries',
    ]);
    expect(latencyRuns.map((run) => run.contactIds)).toEqual([['c:a@zwolle.nl'], ['c:b@zwolle.nl']]);
  });

  it('in a long burst, computes the summaries at once after a quiet spell, then at most once a second', async () => {
    const { steps } = recordingSteps({ latencyMs: 10 });
    const pipeline = createPipeline({ steps });
    const startedAt = Date.now();
    const computedAt: number[] = [];
    vi.mocked(queries.computeMunicipalitySummaries).mockImplementation((...args) => {
      computedAt.push(Date.now() - startedAt);
      return computeSummaries(...args);
    });
    // a write every 200 ms for 2.4 s; each one's latency is done before the next arrives
    for (let index = 0; index < 12; index++) {
      void pipeline.afterWrite(owedAfterIngest({ affectedContactIds: [`c:p${index}@zwolle.nl`] }));
      await vi.advanceTimersByTimeAsync(200);
    }
    await settle(pipeline);
    expect(computedAt[0]).toBeLessThan(100);
    const gaps = computedAt.slice(1).map((at, index) => at - computedAt[index]!);
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1_000);
  });

  it('merges a full refresh and contacts owed at the same time into one latency run', async () => {
    const { steps, latencyRuns } = recordingSteps();
    const pipeline = createPipeline({ steps });
    await Promise.all([
      pipeline.afterWrite(FULL_REFRESH),
      pipeline.afterWrite(owedAfterIngest({ affectedContactIds: ['c:a@zwolle.nl'] })),
    ]);
    await settle(pipeline);
    expect(latencyRuns).toEqual([{ contactIds: ['c:a@zwolle.nl'], everyone: true }]);
    expect(count('summaries')).toBe(1);
  });
});

describe('background pipeline: after a user action and an ingest, with the real steps', () => {
  const ZWOLLE = person('Jan Dijkstra', 'j.dijkstra@zwolle.nl');
  const JAN = contactIdFor(ZWOLLE.address!);
  // the store (fake-indexeddb) runs on real time; the pipeline's timers stay fake
  beforeEach(() => {
    vi.useRealTimers();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  });

  function realBackground() {
    const badges: string[] = [];
    const action = {
      setBadgeText: ({ text }: { text: string }) => void badges.push(text),
      setBadgeBackgroundColor: () => undefined,
      setTitle: () => undefined,
    };
    const pipeline = createPipeline({ steps: backgroundSteps({ db, action }) });
    const queue = createIngestQueue(db, {
      now: () => T0,
      onIngested: (summary) => void pipeline.afterWrite(owedAfterIngest(summary)),
    });
    const handle = createMessageHandler({ db, queue, extensionId: EXTENSION_ID, afterWrite: pipeline.afterWrite, now: () => T0 });
    const signals: number[] = [];
    latencyUpdatedAtItem.watch((at) => signals.push(at));
    return { pipeline, queue, handle, badges, signals };
  }

  it.each([
    [
      'a correction of a contact',
      {
        type: 'correct-tag',
        correction: { contactId: JAN, address: ZWOLLE.address, scope: 'address', dimension: 'role', value: 'wethouder' },
      },
      true,
    ],
    ['a logged call', { type: 'log-call', call: { contactId: JAN, direction: 'out', answered: false, at: T0 } }, true],
    [
      'a next step for a municipality',
      { type: 'add-next-step', step: { subjectType: 'municipality', subjectId: 'GM0193', text: 'Bellen', dueAt: T0 } },
      false,
    ],
  ])('%s updates the badge and the summaries exactly once', async (_label, action, changesLatency) => {
    await db.contacts.put(contactRecord({ id: JAN, name: 'Jan Dijkstra' }));
    const { pipeline, handle, badges, signals } = realBackground();
    await settle(pipeline); // what the start owed: nothing
    // (a logged call's reply also carries its undo)
    expect(await handle(action, SIDE_PANEL)).toMatchObject({ ok: true });
    await settle(pipeline);
    expect(badges).toHaveLength(1);
    expect(count('summaries')).toBe(1);
    // the content scripts re-ask for their row badges only when the latency changed
    expect(signals).toHaveLength(changesLatency ? 1 : 0);
    expect(await db.latency.count()).toBe(changesLatency ? 1 : 0);
  });

  it('an ingest through the queue owes its contacts’ latency, then the badge, the signal and the summaries, once each', async () => {
    const { pipeline, queue, badges, signals } = realBackground();
    const sent = (key: string, at: number) =>
      message({
        messageKey: `gmail:msg-f:${key}`,
        threadKey: 'gmail:thread-f:1',
        from: person('Sanne de Vries', 'sanne@buurtkracht.nl'),
        to: [ZWOLLE],
        at,
      });
    const messages = [sent('1', T0 - 30 * 86_400_000), sent('2', T0 - 20 * 86_400_000), sent('3', T0 - 10 * 86_400_000)];
    await queue.push(
      batch({ messages, health: { view: 'conversation', status: 'ok', itemsSeen: 3, itemsRead: 3, problems: {} } }),
    );
    await settle(pipeline);
    expect(await db.latency.get(JAN)).toMatchObject({ status: 'unresponsive', attemptsSinceLastResponse: 3 });
    expect(badges).toEqual(['1']);
    expect(signals).toHaveLength(1);
    expect(count('summaries')).toBe(1);
    expect(await db.summaries.get('GM0193')).toMatchObject({ needsAttention: [{ id: JAN }] });
  });
});

describe('background pipeline: owed work survives a stopped service worker', () => {
  const owed = (
    overrides: Partial<{ contactIds: string[]; everyone: boolean; badge: boolean; signal: boolean; summaries: boolean }>,
  ) => ({
    contactIds: [],
    everyone: false,
    badge: false,
    signal: false,
    summaries: false,
    ...overrides,
  });

  it('records what is owed before it runs, and clears it only after it is done', async () => {
    const seenWhileRunning: unknown[] = [];
    const { steps } = recordingSteps();
    const pipeline = createPipeline({
      steps: { ...steps, latency: async (work) => void seenWhileRunning.push(await owedWorkItem.getValue(), work.contactIds) },
    });
    await pipeline.afterWrite(owedAfterIngest({ affectedContactIds: ['c:a@zwolle.nl'] }));
    await settle(pipeline);
    expect(seenWhileRunning).toEqual([owed({ contactIds: ['c:a@zwolle.nl'], summaries: true }), ['c:a@zwolle.nl']]);
    expect(await owedWorkItem.getValue()).toBeNull();
  });

  it('keeps the summaries owed by a write made while an earlier recomputation runs, until its own is done', async () => {
    vi.mocked(queries.computeMunicipalitySummaries).mockImplementation(async (...args) => {
      log.push('summaries');
      await sleep(200);
      const result = await computeSummaries(...args);
      log.push('summaries done');
      return result;
    });
    const { steps } = recordingSteps({ latencyMs: 100 });
    const pipeline = createPipeline({ steps });
    await pipeline.afterWrite(owedAfterIngest({ affectedContactIds: ['c:a@zwolle.nl'] }));
    await vi.advanceTimersByTimeAsync(150); // the first recomputation runs
    expect(log.at(-1)).toBe('summaries');
    await pipeline.afterWrite(owedAfterIngest({ affectedContactIds: ['c:b@zwolle.nl'] }));
    while (count('summaries done') === 0) await vi.advanceTimersByTimeAsync(10);
    await vi.advanceTimersByTimeAsync(10);
    expect(count('summaries')).toBe(1); // the second waits for the throttle
    expect(await owedWorkItem.getValue()).toEqual(owed({ summaries: true }));
    await settle(pipeline);
    expect(count('summaries done')).toBe(2);
    expect(await owedWorkItem.getValue()).toBeNull();
  });

  it.each([
    ['stops while the latency runs', () => new Promise<void>(() => undefined)],
    ['fails in the latency run', () => Promise.reject(new Error('IndexedDB gesloten'))],
  ])('when the service worker %s, the next start does the owed work', async (_label, latency) => {
    const stopped = createPipeline({ steps: { ...recordingSteps().steps, latency }, ...quiet });
    await stopped.afterWrite(owedAfterIngest({ affectedContactIds: ['c:a@zwolle.nl'] }));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(log).not.toContain('badge');
    // (after a failure the summaries may show the new threads with the old latency: they are
    // owed again, after the latency)
    expect(await owedWorkItem.getValue()).toEqual(owed({ contactIds: ['c:a@zwolle.nl'], summaries: true }));

    // the next start of the background: a new pipeline over the same storage
    log.length = 0;
    const { steps, latencyRuns } = recordingSteps();
    const next = createPipeline({ steps });
    await settle(next);
    expect(latencyRuns).toEqual([{ contactIds: ['c:a@zwolle.nl'], everyone: false }]);
    expect(log).toEqual(['latency', 'latency done', 'badge', 'signal', 'summaries']);
    expect(await owedWorkItem.getValue()).toBeNull();
  });

  it('does not retry a failed run in a loop: later writes run their own work only', async () => {
    let runs = 0;
    const latency = vi.fn(async (work: LatencyWork) => {
      if (runs++ === 0) throw new Error(`kan ${work.contactIds.join()} niet berekenen`);
    });
    const pipeline = createPipeline({ steps: { ...recordingSteps().steps, latency }, ...quiet });
    await pipeline.afterWrite({ contactIds: ['c:a@zwolle.nl'] });
    await settle(pipeline);
    await pipeline.afterWrite({ contactIds: ['c:b@zwolle.nl'] });
    await settle(pipeline);
    expect(latency.mock.calls.map(([work]) => work.contactIds)).toEqual([['c:a@zwolle.nl'], ['c:b@zwolle.nl']]);
    // kept for the next start, with the summaries that depend on it
    expect(await owedWorkItem.getValue()).toEqual(owed({ contactIds: ['c:a@zwolle.nl'], summaries: true }));
  });

  it('a stored record it cannot read owes everything derived, nothing is lost', async () => {
    await owedWorkItem.setValue({ contactIds: 'c:a@zwolle.nl', everyone: 'ja' });
    const { steps, latencyRuns } = recordingSteps();
    const pipeline = createPipeline({ steps, ...quiet });
    await settle(pipeline);
    expect(latencyRuns).toEqual([{ contactIds: [], everyone: true }]);
    expect(log).toEqual(['latency', 'latency done', 'badge', 'signal', 'summaries']);
    expect(await owedWorkItem.getValue()).toBeNull();
  });
});

describe('background pipeline: what recomputes everyone', () => {
  it.each([
    [
      'the hourly alarm',
      () => fakeBrowser.alarms.onAlarm.trigger({ name: LATENCY_ALARM, scheduledTime: Date.now(), periodInMinutes: 60 }),
    ],
    ['the browser starting', () => fakeBrowser.runtime.onStartup.trigger()],
    ['an install or update', () => fakeBrowser.runtime.onInstalled.trigger({ reason: 'update', temporary: false })],
    ['new thresholds', () => thresholdsItem.setValue({ ...defaultThresholds(), ambtenaar: { ideal: 3, max: 6 } })],
  ])('%s runs the pipeline for everyone: latency, badge, signal, summaries', async (_label, fire) => {
    const { steps, latencyRuns } = recordingSteps();
    const pipeline = createPipeline({ steps });
    await watchForFullRefresh(pipeline.afterWrite);
    await fire();
    await settle(pipeline);
    expect(latencyRuns).toEqual([{ contactIds: [], everyone: true }]);
    expect(log).toEqual(['latency', 'latency done', 'badge', 'signal', 'summaries']);
  });

  it('another alarm does nothing, and the hourly one is created once, not at every wake', async () => {
    const afterWrite = vi.fn();
    await watchForFullRefresh(afterWrite);
    const [created] = await fakeBrowser.alarms.getAll();
    expect(created).toMatchObject({ name: LATENCY_ALARM, periodInMinutes: 60 });
    await vi.advanceTimersByTimeAsync(60_000);
    await watchForFullRefresh(afterWrite); // the service worker woke again
    expect(await fakeBrowser.alarms.getAll()).toEqual([created]);
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'iets-anders', scheduledTime: Date.now() });
    expect(afterWrite).not.toHaveBeenCalled();
  });
});
