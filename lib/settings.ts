/**
 * User settings in extension storage (small, synchronous to read, shared by every context).
 * Validated and repaired before use (a hand-edited or older value never breaks the extension).
 */
import { storage } from 'wxt/utils/storage';
import { repairThresholds } from './latency/thresholds';
import type { RoleThresholds } from './latency/types';

export const thresholdsItem = storage.defineItem<unknown>('local:thresholds', { fallback: null });

export async function loadThresholds(): Promise<RoleThresholds> {
  return repairThresholds(await thresholdsItem.getValue());
}
