/**
 * How long a contact may take before we warn, per role, in working days. `ideal` turns a contact
 * yellow ("traag"), `max` red ("reageert niet"). Users can adjust them; what they stored is
 * repaired on read (invalid entries fall back to the defaults) so a bad value never breaks the
 * model or silences every warning.
 */
import { z } from 'zod';
import { evidence, type Evidence } from '../vocabulary/evidence';
import { ROLE_IDS, type RoleId } from '../vocabulary/roles';
import type { RoleThresholds } from './types';

import { DEFAULT_THRESHOLDS, MAX_THRESHOLD_WORKING_DAYS } from './default-thresholds';

export { DEFAULT_THRESHOLDS, MAX_THRESHOLD_WORKING_DAYS };

export const WorkingDaysSchema = z.number().int().min(1).max(MAX_THRESHOLD_WORKING_DAYS);

export const LatencyThresholdsSchema = z
  .object({ ideal: WorkingDaysSchema, max: WorkingDaysSchema })
  .refine((value) => value.ideal <= value.max, 'ideal must not exceed max');

/** A complete, valid set: what `repairThresholds` returns and what the options page stores. */
export const RoleThresholdsSchema = z.object(
  Object.fromEntries(ROLE_IDS.map((role) => [role, LatencyThresholdsSchema])) as Record<RoleId, typeof LatencyThresholdsSchema>,
);

export function defaultThresholds(): RoleThresholds {
  return Object.fromEntries(ROLE_IDS.map((role) => [role, { ...DEFAULT_THRESHOLDS[role] }])) as RoleThresholds;
}

/** Validates user-adjusted thresholds and repairs what is wrong; never throws. */
export function repairThresholds(input: unknown): RoleThresholds {
  return repairThresholdsWithNotes(input).thresholds;
}

/**
 * Per role and per field: a whole number of working days in 1..250 is kept (a fractional one is
 * rounded), anything else falls back to the default of that field; unknown roles are dropped.
 * Then ideal <= max is enforced: when the user set both the wrong way round they are swapped
 * (a slip), when only one was the user's, the default one yields to it.
 */
export function repairThresholdsWithNotes(input: unknown): { thresholds: RoleThresholds; notes: Evidence[] } {
  const notes: Evidence[] = [];
  const thresholds = defaultThresholds();
  if (!isPlainObject(input)) {
    if (input !== undefined && input !== null) notes.push(evidence('threshold-not-object'));
    return { thresholds, notes };
  }
  for (const role of ROLE_IDS) {
    const entry = input[role];
    if (entry === undefined) continue;
    if (!isPlainObject(entry)) {
      notes.push(evidence('threshold-role-invalid', { role }));
      continue;
    }
    const ideal = readWorkingDays(entry.ideal);
    const max = readWorkingDays(entry.max);
    if (ideal === null && entry.ideal !== undefined) notes.push(evidence('threshold-ideal-invalid', { role }));
    if (max === null && entry.max !== undefined) notes.push(evidence('threshold-max-invalid', { role }));
    const repaired = { ideal: ideal ?? DEFAULT_THRESHOLDS[role].ideal, max: max ?? DEFAULT_THRESHOLDS[role].max };
    if (repaired.ideal > repaired.max) {
      if (ideal !== null && max !== null) {
        [repaired.ideal, repaired.max] = [repaired.max, repaired.ideal];
        notes.push(evidence('threshold-swapped', { role }));
      } else if (ideal !== null) {
        repaired.max = repaired.ideal;
        notes.push(evidence('threshold-max-raised', { role }));
      } else {
        repaired.ideal = repaired.max;
        notes.push(evidence('threshold-ideal-lowered', { role }));
      }
    }
    thresholds[role] = repaired;
  }
  for (const key of Object.keys(input)) {
    if (!(ROLE_IDS as readonly string[]).includes(key))
      notes.push(evidence('threshold-unknown-role', { name: key.slice(0, 40) }));
  }
  return { thresholds, notes };
}

function readWorkingDays(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const parsed = WorkingDaysSchema.safeParse(Math.round(value));
  return parsed.success ? parsed.data : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
