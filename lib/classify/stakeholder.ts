/**
 * A stakeholder's organisation, municipality and role from everything seen of them: each signal
 * (a row, a message, a signature) is classified on its own and the most confident result wins.
 * Used by ingest for every person it sees, and by a `kind` correction that makes someone a
 * stakeholder after the fact (from the text of their stored messages).
 */
import { classifyMunicipality } from './municipality';
import { classifyOrganisation } from './organisation';
import type { RoleMention } from './mentions';
import { classifyRole } from './role';
import type { OrganisationGuess, PersonSignals, RoleId, TagResult } from './types';

export interface StakeholderTags {
  organisation: OrganisationGuess | null;
  municipality: TagResult<string | null> | null;
  role: TagResult<RoleId> | null;
}

/** Picks the most confident of several rule results; ties keep the first. */
function strongest<T extends TagResult>(results: (T | null | undefined)[]): T | null {
  let best: T | null = null;
  for (const result of results) {
    if (result && (!best || result.confidence > best.confidence)) best = result;
  }
  return best;
}

/**
 * `mentions`: what other people's text says of their role (lib/classify/mentions.ts), weighed
 * with their own signals in one order of trust: their own title first, the organisation's
 * default last (ties keep their own signal).
 */
export function classifyStakeholder(
  address: string,
  signals: readonly PersonSignals[],
  mentions: readonly Pick<RoleMention, 'role' | 'confidence' | 'evidence'>[] = [],
): StakeholderTags {
  const organisation = classifyOrganisation(address);
  const municipality = strongest(signals.map((each) => classifyMunicipality(each)));
  // an organisation of no known kind ("overig": a domain we cannot read) is not known: the
  // signature may still name it ("Stichting Buurtwerk Almere")
  const organisationKind = organisation && organisation.kind !== 'overig' ? organisation.kind : null;
  const role = strongest<TagResult<RoleId>>([
    ...signals.map((each) => classifyRole(each, { organisationKind })),
    ...mentions.map((mention) => ({ value: mention.role, evidence: mention.evidence, confidence: mention.confidence })),
  ]);
  return { organisation, municipality, role };
}
