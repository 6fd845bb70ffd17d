/**
 * Which of the five stakeholder roles a person has (or `onbekend`), with the evidence.
 *
 * Order of trust: a title in the signature or display name ("Wethouder Zorg", "seniorbeleidsadviseur")
 * beats a telling mailbox (griffie@, wethouder.jansen@), which beats what the organisation behind
 * the domain suggests (a gemeente: ambtenaar; a party: gemeenteraad; a welfare organisation;
 * consumer mail: perhaps a resident). Generic titles (adviseur, manager, directeur) are read in
 * the light of the organisation: a projectleider at a welfare organisation works there.
 */
import { isPersonalMailDomain } from '../data';
import type { RoleId } from '../vocabulary/roles';
import type { OrganisationKind } from '../vocabulary/kinds';
import { classifyOrganisation, organisationKindFromText } from './organisation';
import {
  KEYWORD_GROUPS,
  LOCAL_PARTS,
  NON_MUNICIPAL_TITLES,
  PUBLIC_SECTOR_TITLES,
  TITLES,
  TITLES_THAT_ARE_SURNAMES,
  type KeywordGroup,
} from './role-keywords';
import { domainOfAddress, localPartOfAddress } from '../vocabulary/address';
import { evidence, type Evidence } from '../vocabulary/evidence';
import { foldForMatching, normaliseName } from '../vocabulary/text-folding';
import { escapeRegExp, signatureHeadLines } from './text';
import type { PersonSignals, TagResult } from './types';

export interface RoleContext {
  /** the kind of the contact's organisation when already known (e.g. corrected by the user) */
  organisationKind?: OrganisationKind | null;
}

interface TitleMatch {
  group: KeywordGroup;
  /** the normalised keyword ("beleidsadviseur") */
  keyword: string;
  where: 'handtekening' | 'naam';
}

interface RoleGuess {
  role: RoleId;
  confidence: number;
  evidence: Evidence[];
}

interface OrganisationContext {
  kind: OrganisationKind | null;
  evidence: Evidence | null;
  /** the sender uses consumer mail (gmail, ziggo, ...) */
  personalDomain: string | null;
}

const GROUP_OF_TITLE = new Map<string, KeywordGroup>();
for (const group of KEYWORD_GROUPS) {
  for (const title of TITLES[group]) {
    const key = normaliseName(title);
    if (!GROUP_OF_TITLE.has(key)) GROUP_OF_TITLE.set(key, group);
  }
}
const NON_MUNICIPAL = new Set(NON_MUNICIPAL_TITLES.map(normaliseName));
const PUBLIC_SECTOR = new Set(PUBLIC_SECTOR_TITLES.map(normaliseName));
const SURNAME_TITLES = new Set(TITLES_THAT_ARE_SURNAMES.map(normaliseName));
const WELFARE_LEAD_TITLES = new Set(['directeur bestuurder', 'directeur welzijn']);

let titlePattern: RegExp | null = null;

/**
 * Titles may start inside a word (Dutch compounds: "seniorbeleidsadviseur", "locowethouder") but
 * must end where the word ends, with an optional plural -s ("ministerie" is not "minister").
 */
function getTitlePattern(): RegExp {
  if (!titlePattern) {
    const alternatives = [...GROUP_OF_TITLE.keys()]
      .sort((a, b) => b.length - a.length || a.localeCompare(b))
      .map((key) => key.split(' ').map(escapeRegExp).join(' +'));
    titlePattern = new RegExp(`(?:${alternatives.join('|')})s?(?![a-z0-9])`, 'g');
  }
  return titlePattern;
}

function titlesIn(text: string, where: TitleMatch['where']): TitleMatch[] {
  const matches: TitleMatch[] = [];
  const lines = where === 'handtekening' ? signatureHeadLines(text) : [text];
  for (const line of lines) {
    for (const match of foldForMatching(line).matchAll(getTitlePattern())) {
      let keyword = normaliseName(match[0]);
      if (!GROUP_OF_TITLE.has(keyword) && keyword.endsWith('s')) keyword = keyword.slice(0, -1);
      const group = GROUP_OF_TITLE.get(keyword);
      if (!group) continue;
      if (where === 'naam' && SURNAME_TITLES.has(keyword)) continue;
      matches.push({ group, keyword, where });
    }
  }
  return matches;
}

function organisationContext(signals: PersonSignals, context: RoleContext): OrganisationContext {
  const domain = domainOfAddress(signals.address);
  const personalDomain = domain && isPersonalMailDomain(domain) ? domain : null;
  if (context.organisationKind) {
    return {
      kind: context.organisationKind,
      evidence: evidence('role-organisation-kind', { kind: context.organisationKind }),
      personalDomain,
    };
  }
  const guess = classifyOrganisation(signals.address);
  if (guess && guess.kind !== 'overig') return { kind: guess.kind, evidence: guess.evidence[0] ?? null, personalDomain };
  // consumer mail or an unknown domain: the signature may name the organisation
  const fromText = organisationKindFromText(signals.signature);
  if (fromText) return { kind: fromText.kind, evidence: fromText.evidence, personalDomain };
  return { kind: guess?.kind ?? null, evidence: guess?.evidence[0] ?? null, personalDomain };
}

const isPublic = (kind: OrganisationKind | null) => kind === 'gemeente' || kind === 'overheid';

/** What one title means, given the organisation; null when it says nothing there. */
function roleOfTitle(title: TitleMatch, organisation: OrganisationKind | null): { role: RoleId; confidence: number } | null {
  const { group, keyword } = title;
  switch (group) {
    case 'bestuurder':
      if (NON_MUNICIPAL.has(keyword)) return { role: 'wethouder', confidence: 0.6 };
      if (keyword === 'bestuurder') {
        if (isPublic(organisation)) return { role: 'wethouder', confidence: 0.75 };
        if (organisation === 'welzijnsorganisatie') return { role: 'welzijnsorganisatie', confidence: 0.75 };
        if (organisation === 'bewonersplatform') return { role: 'bewoner', confidence: 0.7 };
        if (organisation === 'partij') return { role: 'gemeenteraad', confidence: 0.5 };
        return { role: 'wethouder', confidence: 0.45 };
      }
      return { role: 'wethouder', confidence: 0.9 };
    case 'raad':
    case 'griffie':
      return { role: 'gemeenteraad', confidence: NON_MUNICIPAL.has(keyword) ? 0.6 : 0.9 };
    case 'ambtelijke_top':
    case 'ambtenaar':
      if (WELFARE_LEAD_TITLES.has(keyword)) {
        if (isPublic(organisation)) return { role: 'ambtenaar', confidence: 0.85 };
        return { role: 'welzijnsorganisatie', confidence: organisation === 'welzijnsorganisatie' ? 0.85 : 0.55 };
      }
      if (organisation === 'gemeente') return { role: 'ambtenaar', confidence: 0.85 };
      if (organisation === 'overheid') return { role: 'ambtenaar', confidence: 0.7 };
      if (organisation === 'welzijnsorganisatie') return { role: 'welzijnsorganisatie', confidence: 0.8 };
      if (organisation === 'partij') return { role: 'gemeenteraad', confidence: 0.55 };
      if (organisation === 'bewonersplatform') return { role: 'bewoner', confidence: 0.6 };
      return { role: 'ambtenaar', confidence: PUBLIC_SECTOR.has(keyword) ? 0.7 : 0.4 };
    case 'welzijn':
      return { role: 'welzijnsorganisatie', confidence: organisation === 'gemeente' ? 0.7 : 0.85 };
    case 'bewoner':
      // "Team Inwoners" at a gemeente, a party's "bewoners" campaign: not a resident
      if (isPublic(organisation) || organisation === 'partij') return null;
      if (organisation === 'welzijnsorganisatie') return { role: 'welzijnsorganisatie', confidence: 0.6 };
      return { role: 'bewoner', confidence: 0.65 };
  }
}

function fromTitles(signals: PersonSignals, organisation: OrganisationContext): RoleGuess | null {
  const matches = [
    ...(signals.signature ? titlesIn(signals.signature, 'handtekening') : []),
    ...(signals.name ? titlesIn(signals.name, 'naam') : []),
  ];
  // earlier keyword groups win (bestuurder > raad > griffie > ambtelijke_top > ambtenaar > welzijn > bewoner)
  matches.sort((a, b) => KEYWORD_GROUPS.indexOf(a.group) - KEYWORD_GROUPS.indexOf(b.group));
  for (const match of matches) {
    const meaning = roleOfTitle(match, organisation.kind);
    if (!meaning) continue;
    const lines = [
      evidence(match.where === 'handtekening' ? 'role-title-signature' : 'role-title-name', { title: match.keyword }),
    ];
    const usesOrganisation = match.group === 'ambtelijke_top' || match.group === 'ambtenaar' || match.keyword === 'bestuurder';
    if (usesOrganisation && organisation.evidence) lines.push(organisation.evidence);
    return { role: meaning.role, confidence: meaning.confidence, evidence: lines };
  }
  return null;
}

function localPartMatches(localPart: string, keyword: string): boolean {
  if (localPart === keyword) return true;
  if (keyword.includes('.')) return false;
  return localPart.split(/[.\-_+]/).some((word) => word === keyword || (keyword.length >= 7 && word.startsWith(keyword)));
}

function fromLocalPart(signals: PersonSignals, organisation: OrganisationContext): RoleGuess | null {
  const localPart = localPartOfAddress(signals.address);
  if (!localPart) return null;
  const address = signals.address?.trim().toLowerCase() ?? '';
  for (const group of ['bestuurder', 'raad', 'griffie'] as const) {
    const keyword = (LOCAL_PARTS[group] ?? []).find((candidate) => localPartMatches(localPart, candidate));
    if (keyword) {
      return {
        role: group === 'bestuurder' ? 'wethouder' : 'gemeenteraad',
        confidence: 0.75,
        evidence: [evidence('role-mailbox', { address, keyword })],
      };
    }
  }
  if (organisation.kind === 'gemeente') {
    const keyword = (LOCAL_PARTS.ambtenaar ?? []).find((candidate) => localPartMatches(localPart, candidate));
    if (keyword) {
      return {
        role: 'ambtenaar',
        confidence: 0.4,
        evidence: [evidence('role-general-mailbox', { address })],
      };
    }
  }
  return null;
}

function fromOrganisation(organisation: OrganisationContext): RoleGuess | null {
  const lines = organisation.evidence ? [organisation.evidence] : [];
  switch (organisation.kind) {
    case 'gemeente':
      // the weakest guess of all: shown as one ("vermoedelijk", see GUESS_EVIDENCE_CODES)
      return { role: 'ambtenaar', confidence: 0.6, evidence: [...lines, evidence('role-default-gemeente')] };
    case 'overheid':
      return { role: 'ambtenaar', confidence: 0.3, evidence: [...lines, evidence('role-default-overheid')] };
    case 'partij':
      return { role: 'gemeenteraad', confidence: 0.6, evidence: lines };
    case 'welzijnsorganisatie':
      return { role: 'welzijnsorganisatie', confidence: 0.7, evidence: lines };
    case 'bewonersplatform':
      return { role: 'bewoner', confidence: 0.7, evidence: lines };
    default:
      break;
  }
  if (organisation.personalDomain) {
    return {
      role: 'bewoner',
      confidence: 0.25,
      evidence: [evidence('role-personal-domain', { domain: organisation.personalDomain })],
    };
  }
  return null;
}

/** The role of one person, with evidence; `onbekend` (confidence 0) with the reason when nothing tells. */
export function classifyRole(signals: PersonSignals, context: RoleContext = {}): TagResult<RoleId> {
  const organisation = organisationContext(signals, context);
  const guess = fromTitles(signals, organisation) ?? fromLocalPart(signals, organisation) ?? fromOrganisation(organisation);
  if (guess) {
    const round = Math.round(guess.confidence * 100) / 100;
    return { value: guess.role, evidence: guess.evidence, confidence: round };
  }
  const domain = domainOfAddress(signals.address);
  const reason = domain ? evidence('role-none', { domain }) : evidence('role-none-no-address');
  return { value: 'onbekend', evidence: [reason], confidence: 0 };
}
