/**
 * The default thresholds per role, in working days: `ideal` turns a contact yellow ("traag"),
 * `max` red ("reageert niet"). Apart from thresholds.ts (validation and repair, with zod) so the
 * model, and every page that shows its advice, runs without zod.
 */
import type { RoleId } from '../vocabulary/roles';
import type { LatencyThresholds } from './types';

/** About a working year: anything longer is a typo, not a threshold. */
export const MAX_THRESHOLD_WORKING_DAYS = 250;

export const DEFAULT_THRESHOLDS: Readonly<Record<RoleId, Readonly<LatencyThresholds>>> = {
  ambtenaar: { ideal: 5, max: 10 },
  wethouder: { ideal: 10, max: 20 },
  gemeenteraad: { ideal: 5, max: 10 },
  welzijnsorganisatie: { ideal: 5, max: 10 },
  bewoner: { ideal: 7, max: 14 },
  onbekend: { ideal: 7, max: 14 },
};
