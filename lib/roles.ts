/**
 * The five stakeholder groups of a municipal trajectory, plus "not yet known".
 * The ids are Dutch domain terms and stay Dutch in code and in the store.
 */
export const ROLE_IDS = [
  'wethouder',
  'gemeenteraad',
  'welzijnsorganisatie',
  'ambtenaar',
  'bewoner',
  'onbekend',
] as const;

export type RoleId = (typeof ROLE_IDS)[number];

/** The roles that count for coverage: every role but `onbekend`. */
export const STAKEHOLDER_ROLES = ROLE_IDS.filter((role) => role !== 'onbekend') as Exclude<
  RoleId,
  'onbekend'
>[];

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && (ROLE_IDS as readonly string[]).includes(value);
}
