/**
 * Keeps the latency cache current in the background: after each ingest or logged call for the
 * contacts concerned, and for everyone whose status can change with time on start-up and on a
 * periodic alarm. Runs one recomputation at a time; calls while one runs are merged.
 */
import type { RoleThresholds } from '../latency/types';
import type { GemeenteradarDb } from './db';
import { recomputeLatency, refreshLatency } from './latency';

export interface LatencyService {
  /** recompute these contacts (and their organisation's colleagues) */
  contactsChanged(contactIds: readonly string[]): Promise<void>;
  /** recompute everyone whose status time can change */
  refresh(): Promise<void>;
}

export function createLatencyService({
  db,
  loadThresholds,
  onUpdated,
  now = Date.now,
}: {
  db: GemeenteradarDb;
  loadThresholds: () => Promise<RoleThresholds>;
  onUpdated: () => Promise<void> | void;
  now?: () => number;
}): LatencyService {
  let chain: Promise<void> = Promise.resolve();
  let pendingIds = new Set<string>();
  let pendingRefresh = false;
  let scheduled: Promise<void> | null = null;

  const run = async () => {
    scheduled = null;
    const ids = [...pendingIds];
    const refresh = pendingRefresh;
    pendingIds = new Set();
    pendingRefresh = false;
    const thresholds = await loadThresholds();
    if (refresh) await refreshLatency(db, { now: now(), thresholds });
    if (ids.length) await recomputeLatency(db, { now: now(), thresholds, contactIds: ids });
    await onUpdated();
  };

  const schedule = () => {
    scheduled ??= chain = chain.then(run, run);
    return scheduled;
  };

  return {
    contactsChanged(contactIds) {
      if (contactIds.length === 0) return Promise.resolve();
      for (const id of contactIds) pendingIds.add(id);
      return schedule();
    },
    refresh() {
      pendingRefresh = true;
      return schedule();
    },
  };
}
