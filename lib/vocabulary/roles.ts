/**
 * The five stakeholder groups of a municipal trajectory, plus "not yet known".
 * The ids are Dutch domain terms and stay Dutch in code and in the store.
 */

/** The roles that count for coverage: every role but `onbekend`, in the canonical order. */
export const STAKEHOLDER_ROLES = ['wethouder', 'gemeenteraad', 'welzijnsorganisatie', 'ambtenaar', 'bewoner'] as const;

export const ROLE_IDS = [...STAKEHOLDER_ROLES, 'onbekend'] as const;

export type RoleId = (typeof ROLE_IDS)[number];
export type StakeholderRole = (typeof STAKEHOLDER_ROLES)[number];

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && (ROLE_IDS as readonly string[]).includes(value);
}
