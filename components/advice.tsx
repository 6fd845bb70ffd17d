import { Fragment } from 'react';
import { joinList, plural, t } from '@/lib/i18n';
import type { RoleId } from '@/lib/vocabulary/roles';
import { Message } from './message';

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

/** The advice as a line; each name (mail text) in its own isolate, so a U+202E in one reorders nothing. */
export function AdviceLine({
  alternatives,
  rolesToOpen,
}: {
  alternatives: readonly { name: string; role: RoleId }[];
  rolesToOpen: readonly RoleId[];
}) {
  if (alternatives.length === 0) return <p className="advice">{adviceText(alternatives, rolesToOpen)}</p>;
  const people = alternatives.map((alternative, index) => (
    <Fragment key={index}>
      <bdi>{alternative.name}</bdi> ({roleWord(alternative.role)})
    </Fragment>
  ));
  const names =
    people.length === 1 ? (
      people[0]
    ) : (
      <Message
        id="listAnd"
        nodes={{ list: people.slice(0, -1).map((person, index) => [index > 0 && ', ', person]), last: people.at(-1) }}
      />
    );
  return (
    <p className="advice">
      <Message id={alternatives.length === 1 ? 'adviceOtherRolesOne' : 'adviceOtherRoles'} nodes={{ names }} />
    </p>
  );
}
