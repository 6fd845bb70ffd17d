/**
 * Keeps the `summaries` table (what the popup lists) current: recomputed from the whole store
 * when anything changed, at once after a quiet spell and at most once a second in a burst (a
 * full recomputation costs a few hundred ms for 5,000 contacts; a Gmail page sends several
 * batches, and each ingest triggers a latency recomputation). Requests while one is waiting are
 * merged, and only one recomputation runs at a time. The background pipeline
 * (lib/background/pipeline.ts) holds each recomputation back until the latency it depends on is
 * computed.
 */
import type { GemeenteradarDb } from './db';
import { popupSnapshotItem, snapshotOf } from './popup-snapshot';
import { computeMunicipalitySummaries } from '../read-models/municipality-summaries';

export async function refreshSummaries(db: GemeenteradarDb, now: number = Date.now()): Promise<number> {
  const summaries = await computeMunicipalitySummaries(db, now);
  // sorted as the popup shows them: its first screen, ready to paint before the store is open
  await popupSnapshotItem.setValue(snapshotOf(summaries, now));
  await db.transaction('rw', db.summaries, async () => {
    // most municipalities did not change since the last run: only the ones that did are written
    const stored = new Map((await db.summaries.toArray()).map((summary) => [summary.code, JSON.stringify(summary)]));
    const keep = new Set(summaries.map((summary) => summary.code));
    const stale = [...stored.keys()].filter((code) => !keep.has(code));
    const changed = summaries.filter((summary) => stored.get(summary.code) !== JSON.stringify(summary));
    if (stale.length) await db.summaries.bulkDelete(stale);
    if (changed.length) await db.summaries.bulkPut(changed);
  });
  return summaries.length;
}

export interface SummaryService {
  /**
   * asks for a recomputation soon; resolves when one that started after this call is done, and
   * rejects when that one failed
   */
  schedule(): Promise<void>;
}

export function createSummaryService({
  db,
  delayMs = 1_000,
  now = Date.now,
  ready = () => Promise.resolve(),
}: {
  db: GemeenteradarDb;
  /** at most one recomputation per this many ms; the first after a quiet spell starts at once */
  delayMs?: number;
  now?: () => number;
  /**
   * awaited before a recomputation starts (the background pipeline: until the latency it depends
   * on is computed); requests made meanwhile join the waiting recomputation
   */
  ready?: () => Promise<void>;
}): SummaryService {
  let running: Promise<void> = Promise.resolve();
  let pending: Promise<void> | null = null;
  let lastStartedAt = Number.NEGATIVE_INFINITY;
  const start = (resolve: () => void, reject: (error: unknown) => void) => {
    // the next request after this point starts a new round
    pending = null;
    lastStartedAt = Date.now();
    const run = running.then(() => refreshSummaries(db, now()));
    running = run.then(
      () => undefined,
      () => undefined,
    );
    run.then(() => resolve(), reject);
  };
  return {
    schedule() {
      pending ??= new Promise<void>((resolve, reject) => {
        // throttled, not debounced: a first change shows at once, a burst costs one run a second
        const wait = Math.max(0, lastStartedAt + delayMs - Date.now());
        setTimeout(() => {
          const go = () => start(resolve, reject);
          ready().then(go, go);
        }, wait);
      });
      return pending;
    },
  };
}
