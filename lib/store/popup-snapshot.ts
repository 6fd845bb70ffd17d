/**
 * The popup's first screen, ready to paint: the top of the municipality list as the background
 * last summarised it, in extension storage. The popup paints it before its database is even
 * open, then the live summaries replace it (normally within a frame or two). Derived state,
 * rewritten after every summary refresh; the `summaries` table stays the truth.
 */
import { storage } from 'wxt/utils/storage';
import type { MunicipalitySummary } from './schemas';

/** About a popup's height of rows: what the first paint shows. */
export const SNAPSHOT_ROWS = 25;

export interface PopupSnapshot {
  at: number;
  municipalities: MunicipalitySummary[];
}

export const popupSnapshotItem = storage.defineItem<PopupSnapshot | null>('local:popup-snapshot', { fallback: null });

/** The first rows, without their search text (the live data serves the search box). */
export function snapshotOf(sorted: readonly MunicipalitySummary[], at: number): PopupSnapshot {
  return { at, municipalities: sorted.slice(0, SNAPSHOT_ROWS).map((summary) => ({ ...summary, searchText: '' })) };
}
