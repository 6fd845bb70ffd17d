/**
 * The latency step of the background pipeline (lib/background/pipeline.ts): recomputes the
 * latency cache for the contacts a write touched, and for everyone whose status can change with
 * time on start-up, on the periodic alarm and after new thresholds. The pipeline decides when it
 * runs, merges what bursts owe, and runs one at a time.
 */
import type { RoleThresholds } from '../latency/types';
import type { GemeenteradarDb } from './db';
import { recomputeLatency, refreshLatency } from './latency';

/** What a latency run covers. */
export interface LatencyWork {
  /** these contacts (and their organisation's colleagues) */
  contactIds: readonly string[];
  /** everyone whose status time can change */
  everyone: boolean;
}

export function createLatencyStep({
  db,
  loadThresholds,
  // the clock as it is at each run (not Date.now as it was when the step was made): a test that
  // sets the service worker's clock to a labelled mailbox's "now" reaches every verdict
  now = () => Date.now(),
}: {
  db: GemeenteradarDb;
  loadThresholds: () => Promise<RoleThresholds>;
  now?: () => number;
}): (work: LatencyWork) => Promise<void> {
  return async ({ contactIds, everyone }) => {
    const thresholds = await loadThresholds();
    if (everyone) await refreshLatency(db, { now: now(), thresholds });
    if (contactIds.length) await recomputeLatency(db, { now: now(), thresholds, contactIds: [...contactIds] });
  };
}
