/**
 * User settings in extension storage (small, synchronous to read, shared by every context).
 * Validated and repaired before use (a hand-edited or older value never breaks the extension).
 */
import { storage } from 'wxt/utils/storage';
import { repairThresholds, repairThresholdsWithNotes, RoleThresholdsSchema } from './latency/thresholds';
import type { RoleThresholds } from './latency/types';
import type { Evidence } from './vocabulary/evidence';

export const thresholdsItem = storage.defineItem<unknown>('local:thresholds', { fallback: null });

export async function loadThresholds(): Promise<RoleThresholds> {
  return repairThresholds(await thresholdsItem.getValue());
}

/** What the options page shows: the thresholds in use, and what was repaired to get them. */
export async function loadThresholdsWithNotes(): Promise<{ thresholds: RoleThresholds; notes: Evidence[] }> {
  return repairThresholdsWithNotes(await thresholdsItem.getValue());
}

/** Stores a complete, valid set (the options page validates first; this refuses anything else). */
export async function saveThresholds(thresholds: RoleThresholds): Promise<void> {
  await thresholdsItem.setValue(RoleThresholdsSchema.parse(thresholds));
}

/** Back to the defaults: the stored value goes, so later default changes reach the user. */
export async function resetThresholds(): Promise<void> {
  await thresholdsItem.removeValue();
}
