/**
 * What the background still owes after a write: the derived state (latency cache, toolbar badge,
 * the content scripts' signal, municipality summaries) that lags behind the store. Kept in
 * extension storage, `local:` area, so a service worker stopped mid-work (or a browser closed)
 * does it at the next start instead of at the next hourly alarm.
 */
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';

export const OWED_WORK_KEY = 'owed-work';

export const OwedWorkSchema = z.object({
  /** contacts whose latency needs recomputing */
  contactIds: z.array(z.string()),
  /** everyone whose status time can change (start-up, hourly alarm, new thresholds) */
  everyone: z.boolean(),
  /** the toolbar badge (after a latency run, or a next step added or done) */
  badge: z.boolean(),
  /** the latency-updated signal, so content scripts re-ask for their row badges */
  signal: z.boolean(),
  /** the municipality summaries the popup lists */
  summaries: z.boolean(),
});
export type OwedWork = z.infer<typeof OwedWorkSchema>;

/** What a write (or a timer) asks for; missing parts are not owed. */
export type Owes = Partial<Omit<OwedWork, 'contactIds'>> & { contactIds?: readonly string[] };

export const nothingOwed = (): OwedWork => ({ contactIds: [], everyone: false, badge: false, signal: false, summaries: false });

/** A record that cannot be read: everything derived is recomputed, nothing is lost. */
export const everythingOwed = (): OwedWork => ({ contactIds: [], everyone: true, badge: true, signal: true, summaries: true });

export function isNothing(owed: OwedWork): boolean {
  return owed.contactIds.length === 0 && !owed.everyone && !owed.badge && !owed.signal && !owed.summaries;
}

/** Everything either owes (contact ids once each). */
export function mergeOwed(a: OwedWork, b: Owes): OwedWork {
  return {
    contactIds: [...new Set([...a.contactIds, ...(b.contactIds ?? [])])],
    everyone: a.everyone || Boolean(b.everyone),
    badge: a.badge || Boolean(b.badge),
    signal: a.signal || Boolean(b.signal),
    summaries: a.summaries || Boolean(b.summaries),
  };
}

/** The stored record: unknown until read and validated (a hand-edited or older value never breaks the background). */
export const owedWorkItem = storage.defineItem<unknown>(`local:${OWED_WORK_KEY}`, { fallback: null });

export type OwedWorkStore = Pick<typeof owedWorkItem, 'getValue' | 'setValue' | 'removeValue'>;

/** What the stored record says is owed; an invalid record owes everything. */
export function readOwed(stored: unknown): OwedWork {
  if (stored === null || stored === undefined) return nothingOwed();
  const parsed = OwedWorkSchema.safeParse(stored);
  return parsed.success ? parsed.data : everythingOwed();
}

/* What each trigger owes ------------------------------------------------------------------- */

/** An ingest: the latency of the contacts it touched; the summaries count its threads. */
export function owedAfterIngest(summary: { affectedContactIds: readonly string[] }): Owes {
  return { contactIds: summary.affectedContactIds, summaries: true };
}

/**
 * A user's action (a correction, note, next step, merge...): the latency of the contacts it
 * changed, the badge (a next step may have been added or done) and what the popup lists.
 */
export function owedAfterUserAction(contactIds: readonly string[] = []): Owes {
  return { contactIds, badge: true, summaries: true };
}

/** Start-up, the hourly alarm, new thresholds: statuses change with time and thresholds. */
export const FULL_REFRESH: Owes = { everyone: true, summaries: true };
