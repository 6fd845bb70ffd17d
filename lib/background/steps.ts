/** The pipeline's steps over the real store and browser (a fake action in tests). */
import { applyBadge, type BadgeAction } from '../latency/badge';
import { latencyUpdatedAtItem } from '../messaging/latency-updated';
import { loadThresholds } from '../settings';
import { loadAttention } from '../store/attention';
import type { GemeenteradarDb } from '../store/db';
import { createLatencyStep } from '../store/latency-service';
import { createSummaryService } from '../store/summary-service';
import type { PipelineSteps } from './pipeline';

export function backgroundSteps({
  db,
  action,
  summaryDelayMs,
}: {
  db: GemeenteradarDb;
  action: BadgeAction;
  /** at most one summary recomputation per this many ms (the summary service's default) */
  summaryDelayMs?: number;
}): PipelineSteps {
  return {
    latency: createLatencyStep({ db, loadThresholds }),
    badge: async () => void (await applyBadge(action, await loadAttention(db))),
    // content scripts re-ask for their row badges
    signal: () => latencyUpdatedAtItem.setValue(Date.now()),
    summaries: (ready) => createSummaryService({ db, ready, delayMs: summaryDelayMs }),
  };
}
