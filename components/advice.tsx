import { joinList, plural, t } from '@/lib/i18n';
import type { RoleId } from '@/lib/vocabulary/roles';

const roleWord = (role: RoleId) => t(`role_${role}`).toLowerCase();

/**
 * "Aim elsewhere" in words: the responsive people in other roles ("Richt je op Gerrit Hendriks
 * (ambtenaar): die reageert wel", several: "zij reageren wel"; no pronoun that guesses a gender),
 * or the roles where nobody answers yet.
 */
export function adviceText(alternatives: readonly { name: string; role: RoleId }[], rolesToOpen: readonly RoleId[]): string {
  if (alternatives.length === 0) return t('adviceOpenRoles', { roles: joinList(rolesToOpen.map(roleWord)) });
  const names = joinList(alternatives.map((alternative) => `${alternative.name} (${roleWord(alternative.role)})`));
  return plural(alternatives.length, 'adviceOtherRolesOne', 'adviceOtherRoles', { names });
}

export function AdviceLine({ alternatives, rolesToOpen }: { alternatives: readonly { name: string; role: RoleId }[]; rolesToOpen: readonly RoleId[] }) {
  return <p className="advice">{adviceText(alternatives, rolesToOpen)}</p>;
}
