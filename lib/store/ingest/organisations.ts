/** Planning, organisations: one per mail domain, one per gemeente whatever its domains. Pure. */
import type { OrganisationGuess } from '../../classify/types';
import { boundedName } from '../limits';
import type { Organisation } from '../schemas';
import type { Classified } from './contacts';

export function organisationIdFor(guess: OrganisationGuess): string {
  // A gemeente is one organisation whatever domain its people write from.
  if (guess.kind === 'gemeente' && guess.municipalityCodes[0]) return `org:gemeente:${guess.municipalityCodes[0]}`;
  return `org:${guess.domain}`;
}

function organisationRecord(guess: OrganisationGuess, existing: Organisation | undefined, now: number): Organisation {
  const domains = new Set([...(existing?.domains ?? []), guess.domain]);
  const codes = new Set([...(existing?.municipalityCodes ?? []), ...guess.municipalityCodes]);
  return {
    id: organisationIdFor(guess),
    name: boundedName(existing?.name || guess.name),
    kind: guess.kind,
    domains: [...domains].slice(0, 50),
    municipalityCodes: [...codes],
    updatedAt: now,
  };
}

/** The organisations of the stakeholders seen, merged with what is stored (the last guess per id counts). */
export function planOrganisations(
  classified: Iterable<Classified>,
  stored: ReadonlyMap<string, Organisation>,
  now: number,
): Organisation[] {
  const guesses = new Map<string, OrganisationGuess>();
  for (const { organisation } of classified) if (organisation) guesses.set(organisationIdFor(organisation), organisation);
  return [...guesses].map(([id, guess]) => organisationRecord(guess, stored.get(id), now));
}
