/**
 * The options page's form for thresholds: what the user typed (text, per role and field), checked
 * field by field so each mistake is shown where it is made, and turned into thresholds only when
 * all of it is valid. Pure; the page renders it.
 */
import { ROLE_IDS, type RoleId } from '../vocabulary/roles';
import { MAX_THRESHOLD_WORKING_DAYS } from './default-thresholds';
import type { RoleThresholds } from './types';

export type ThresholdField = 'ideal' | 'max';
export type ThresholdDraft = Record<RoleId, Record<ThresholdField, string>>;

export interface RoleDraftErrors {
  /** not a whole number of working days in 1..MAX_THRESHOLD_WORKING_DAYS */
  ideal?: 'invalid';
  max?: 'invalid';
  /** both valid, but "slow" comes after "unresponsive" */
  order?: true;
}

export interface CheckedDraft {
  /** the thresholds, when every field is valid */
  thresholds: RoleThresholds | null;
  errors: Partial<Record<RoleId, RoleDraftErrors>>;
}

export function draftOf(thresholds: RoleThresholds): ThresholdDraft {
  return Object.fromEntries(
    ROLE_IDS.map((role) => [role, { ideal: String(thresholds[role].ideal), max: String(thresholds[role].max) }]),
  ) as ThresholdDraft;
}

/** "10", " 10 " -> 10; "", "1.5", "1e1", "-3", "300" -> null. */
function workingDays(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 1 && value <= MAX_THRESHOLD_WORKING_DAYS ? value : null;
}

export function checkDraft(draft: ThresholdDraft): CheckedDraft {
  const errors: CheckedDraft['errors'] = {};
  const thresholds = {} as RoleThresholds;
  for (const role of ROLE_IDS) {
    const ideal = workingDays(draft[role].ideal);
    const max = workingDays(draft[role].max);
    const roleErrors: RoleDraftErrors = {};
    if (ideal === null) roleErrors.ideal = 'invalid';
    if (max === null) roleErrors.max = 'invalid';
    if (ideal !== null && max !== null) {
      if (ideal > max) roleErrors.order = true;
      else thresholds[role] = { ideal, max };
    }
    if (Object.keys(roleErrors).length > 0) errors[role] = roleErrors;
  }
  return { thresholds: Object.keys(errors).length === 0 ? thresholds : null, errors };
}
