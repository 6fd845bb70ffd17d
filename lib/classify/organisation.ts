/**
 * Which kind of organisation a mail domain belongs to: a gemeente (with its CBS code), another
 * public body, a political party, a welfare organisation, a residents' platform, or something else.
 * Pure: only the bundled municipality data and keyword facts.
 */
import {
  lookupDomain,
  type DomainMatch,
  municipalityByCode,
  municipalityEntryByCompactName,
  type MunicipalityNameEntry,
} from '../data';
import type { MergedMunicipalityRecord } from '../data/types';
import { evidence, evidenceList, type Evidence } from '../vocabulary/evidence';
import type { OrganisationKind } from '../vocabulary/kinds';
import {
  LOCAL_PARTY_KEYWORDS,
  PARTY_DOMAIN_WORDS,
  PARTY_DOMAINS,
  RESIDENT_PLATFORM_KEYWORDS,
  WELFARE_DOMAIN_KEYWORDS,
  WELFARE_NAMES_ONLY_AS_DOMAIN_LABEL,
  WELFARE_ORG_NAME_KEYWORDS,
} from './role-keywords';
import { domainAndParents, domainOfAddress, normaliseDomain } from '../vocabulary/address';
import { compactName, normaliseName } from '../vocabulary/text-folding';
import { hasCapital, registrableDomain, signatureHeadLines } from './text';
import type { OrganisationGuess } from './types';

type LabelKind = Extract<OrganisationKind, 'welzijnsorganisatie' | 'partij' | 'bewonersplatform'>;

const WELFARE_LABEL_WORDS = [
  'welzijn',
  'welzijns',
  'welzijnswerk',
  'vrijwilligers',
  'vrijwilligerscentrale',
  'vrijwilligerspunt',
  'vrijwilligerswerk',
  'vrijwilligersplatform',
  'vrijwilligerscentrum',
  'vrijwillig',
  'voorelkaar',
  'sociaalwerk',
  'wijkteam',
  'wijkteams',
  'buurtteam',
  'buurtteams',
  'sociaalteam',
  'sociaalteams',
  'mantelzorg',
  'steunpunt',
  // added: welfare work named in an organisation's domain ("buurtwerkalmere.nl", "wijkwerkdordrecht.nl")
  'buurtwerk',
  'wijkwerk',
  'opbouwwerk',
  'humanitas',
  'voedselbank',
  'vluchtelingenwerk',
  'zonnebloem',
  'incluzio',
  'participe',
  'mee',
];
const PARTY_LABEL_WORDS = [...Object.keys(PARTY_DOMAIN_WORDS), ...LOCAL_PARTY_KEYWORDS, 'partij', 'fractie'];
const RESIDENT_LABEL_WORDS = [...RESIDENT_PLATFORM_KEYWORDS, 'bewonersraad'];
/** Glue words that may sit in such a label but say nothing about the kind ("stichtingwelzijnxyz"). */
const NEUTRAL_LABEL_WORDS = [
  'stichting',
  'samen',
  'doet',
  'doetmee',
  'wij',
  'in',
  'de',
  'het',
  'voor',
  'elkaar',
  'sociaal',
  'team',
  'afdeling',
  'regio',
];

const LABEL_WORD_KIND = new Map<string, LabelKind | null>([
  ...NEUTRAL_LABEL_WORDS.map((word) => [word, null] as const),
  ...RESIDENT_LABEL_WORDS.map((word) => [word, 'bewonersplatform'] as const),
  ...WELFARE_LABEL_WORDS.map((word) => [word, 'welzijnsorganisatie'] as const),
  ...PARTY_LABEL_WORDS.map((word) => [word, 'partij'] as const),
]);

/** How the words of a label are written in an organisation's name. */
const DISPLAY_WORDS: Record<string, string> = {
  ...PARTY_DOMAIN_WORDS,
  voorelkaar: 'voor elkaar',
  mee: 'MEE',
  gemeentebelangen: 'Gemeentebelangen',
};

/** Split `text` into known label words (longest first); null when some part is not a known word. */
function splitIntoLabelWords(text: string): string[] | null {
  const best: (string[] | null)[] = Array.from({ length: text.length + 1 }, () => null);
  best[0] = [];
  for (let end = 1; end <= text.length; end += 1) {
    for (let start = 0; start < end; start += 1) {
      const before = best[start];
      const word = text.slice(start, end);
      if (before && LABEL_WORD_KIND.has(word)) {
        const candidate = [...before, word];
        const known = best[end];
        // fewer, longer words is the likelier reading ("voorelkaar" over "voor" + "elkaar")
        if (!known || candidate.length < known.length) best[end] = candidate;
      }
    }
  }
  return best[text.length] ?? null;
}

export interface DomainLabelReading {
  /** the municipality named inside the label */
  entry: MunicipalityNameEntry;
  /** its current code(s): the successor(s) for a dissolved one */
  codes: string[];
  kind: LabelKind;
  /** "Welzijn Lochem", "Amstelveen voor elkaar", "D66 Zwolle" */
  name: string;
  words: string[];
}

function entryDisplayName(entry: MunicipalityNameEntry): string {
  const only = entry.codes.length === 1 && !entry.merged ? municipalityByCode(entry.codes[0] ?? '') : null;
  return only?.name ?? entry.display;
}

function labelKind(words: string[]): LabelKind | null {
  const kinds = words.map((word) => LABEL_WORD_KIND.get(word) ?? null).filter((kind) => kind !== null);
  // a party word decides ("groenlinkswelzijn" is not a thing, "leefbaar" is), then welfare, then residents
  for (const kind of ['partij', 'welzijnsorganisatie', 'bewonersplatform'] as const) {
    if (kinds.includes(kind)) return kind;
  }
  // "voor" + "elkaar" read as two neutral words is still the "voor elkaar" platform
  return words.join('').includes('voorelkaar') ? 'welzijnsorganisatie' : null;
}

function displayWord(word: string): string {
  return DISPLAY_WORDS[word] ?? word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * Reads a domain label made of a municipality's name and organisation words: "welzijnlochem",
 * "amstelveenvoorelkaar", "d66-zwolle", "leefbaarrotterdam". The words around the name must all be
 * known words, so "geldvoorelkaar" (no municipality) and "heede" (not Ede) are not read.
 */
export function readDomainLabel(label: string): DomainLabelReading | null {
  const compact = label.toLowerCase().replace(/-/g, '');
  let best: DomainLabelReading | null = null;
  for (let split = 1; split < compact.length; split += 1) {
    const head = compact.slice(0, split);
    const tail = compact.slice(split);
    const options: { name: string; rest: string; nameFirst: boolean }[] = [
      { name: tail, rest: head, nameFirst: false },
      { name: head, rest: tail, nameFirst: true },
    ];
    for (const option of options) {
      const entry = municipalityEntryByCompactName(option.name);
      if (!entry || (entry.codes.length !== 1 && !entry.merged)) continue;
      const words = splitIntoLabelWords(option.rest);
      if (!words) continue;
      const kind = labelKind(words);
      if (!kind) continue;
      // a short name needs a real word beside it ("inede" is not "in Ede")
      if (option.name.length < 5 && !words.some((word) => word.length >= 4)) continue;
      if (best && best.entry.key.length >= entry.key.length) continue;
      const wordsText = words.map(displayWord).join(' ');
      const place = entryDisplayName(entry);
      best = {
        entry,
        codes: [...entry.codes],
        kind,
        name: option.nameFirst ? `${place} ${wordsText}` : `${wordsText} ${place}`,
        words,
      };
    }
  }
  return best;
}

function partyOf(domain: string): { party: string; partyDomain: string; subLabel: string | null } | null {
  for (const candidate of domainAndParents(domain)) {
    const party = PARTY_DOMAINS[candidate];
    if (party) {
      const rest = domain.slice(0, -candidate.length).replace(/\.$/, '');
      const subLabel = rest
        ? (rest
            .split('.')
            .filter((label) => label !== 'www' && label !== 'mail')
            .pop() ?? null)
        : null;
      return { party, partyDomain: candidate, subLabel };
    }
  }
  return null;
}

const COMPACT_WELFARE_NAMES = WELFARE_ORG_NAME_KEYWORDS.map(compactName);
const COMPACT_LABEL_ONLY_NAMES = new Set(WELFARE_NAMES_ONLY_AS_DOMAIN_LABEL.map(compactName));

function welfareKeywordIn(label: string): string | null {
  const compact = label.replace(/-/g, '');
  for (const keyword of WELFARE_DOMAIN_KEYWORDS) {
    if (compact.includes(keyword.replace(/-/g, ''))) return keyword;
  }
  for (const name of COMPACT_WELFARE_NAMES) {
    if (COMPACT_LABEL_ONLY_NAMES.has(name) ? compact === name : compact.includes(name)) return name;
  }
  return null;
}

function keywordIn(label: string, keywords: readonly string[]): string | null {
  const compact = label.replace(/-/g, '');
  return keywords.find((keyword) => compact.includes(keyword)) ?? null;
}

function localPartyKeywordIn(label: string): string | null {
  const compact = label.replace(/-/g, '');
  // "leefbaarheid" (liveability) is a word of its own, not the party "Leefbaar ..."
  return LOCAL_PARTY_KEYWORDS.find((keyword) => compact.includes(keyword) && !compact.includes(`${keyword}heid`)) ?? null;
}

/** What organisation an address belongs to; null for consumer mail and unusable input. */
export function classifyOrganisation(address: string | null | undefined): OrganisationGuess | null {
  const domain = domainOfAddress(address) ?? (address && !address.includes('@') ? normaliseDomain(address) : null);
  if (!domain || !domain.includes('.')) return null;

  const match = lookupDomain(domain);
  if (match?.kind === 'personal') return null;
  if (match) return organisationOfListedDomain(match);
  return partyOrganisation(domain) ?? organisationOfOwnDomain(registrableDomain(domain));
}

/**
 * What became of a dissolved municipality ("Weesp is sinds 24-03-2022 Amsterdam", or "verdeeld
 * over" its successors), after the domain that named it when there is one.
 */
export function mergerEvidence(records: readonly MergedMunicipalityRecord[], domain?: string): Evidence {
  const first = records[0];
  const successors = records.map((record) => municipalityByCode(record.successorCode)?.name ?? record.successorCode);
  const split = successors.length > 1;
  const values = { name: first?.name ?? '', date: first?.endDate ?? '', successors: evidenceList(successors) };
  if (domain === undefined) return evidence(split ? 'merger-split' : 'merger', values);
  return evidence(split ? 'merged-domain-split' : 'merged-domain', { domain, ...values });
}

/** A domain the municipality data lists: a gemeente (current or merged) or another public body. */
function organisationOfListedDomain(match: Exclude<DomainMatch, { kind: 'personal' }>): OrganisationGuess {
  if (match.kind === 'municipality') {
    return {
      kind: 'gemeente',
      name: `Gemeente ${match.municipality.name}`,
      domain: match.matchedDomain,
      municipalityCodes: [match.municipality.code],
      evidence: [evidence('org-gemeente-domain', { domain: match.matchedDomain, name: match.municipality.name })],
    };
  }
  if (match.kind === 'merged') {
    const only = match.successors.length === 1 ? match.successors[0] : undefined;
    return {
      kind: 'gemeente',
      name: only ? `Gemeente ${only.name}` : `voormalige gemeente ${match.merged[0]?.name ?? match.matchedDomain}`,
      domain: match.matchedDomain,
      municipalityCodes: match.successors.map((record) => record.code),
      evidence: [mergerEvidence(match.merged, match.matchedDomain)],
    };
  }
  return {
    kind: 'overheid',
    name: match.body.name,
    domain: match.matchedDomain,
    municipalityCodes: [],
    evidence: [evidence('org-public-body-domain', { domain: match.matchedDomain, body: match.body.name, type: match.body.type })],
  };
}

/** A national party's domain, with the local branch when a subdomain names one (zwolle.d66.nl). */
function partyOrganisation(domain: string): OrganisationGuess | null {
  const party = partyOf(domain);
  if (!party) return null;
  const branch = party.subLabel ? municipalityEntryByCompactName(compactName(party.subLabel)) : null;
  const branchCodes = branch && (branch.codes.length === 1 || branch.merged) ? [...branch.codes] : [];
  const branchName = branch && branchCodes.length > 0 ? entryDisplayName(branch) : null;
  return {
    kind: 'partij',
    name: branchName ? `${party.party} ${branchName}` : party.party,
    domain: party.partyDomain,
    municipalityCodes: branchCodes,
    evidence: [
      branchName
        ? evidence('org-party-branch-domain', { domain, party: party.party, branch: branchName })
        : evidence('org-party-domain', { domain, party: party.party }),
    ],
  };
}

/** An organisation's own domain the data does not list: read from its first label, else "overig". */
function organisationOfOwnDomain(ownDomain: string): OrganisationGuess {
  const label = ownDomain.split('.')[0] ?? ownDomain;
  const reading = readDomainLabel(label);
  if (reading) {
    return {
      kind: reading.kind,
      name: reading.name,
      domain: ownDomain,
      municipalityCodes: reading.codes,
      evidence: [evidence('org-domain-name', { domain: ownDomain, name: reading.name })],
    };
  }

  const byKeyword = (kind: OrganisationKind, reason: Evidence): OrganisationGuess => ({
    kind,
    name: ownDomain,
    domain: ownDomain,
    municipalityCodes: [],
    evidence: [reason],
  });
  const domain = ownDomain;
  const welfare = welfareKeywordIn(label);
  if (welfare) return byKeyword('welzijnsorganisatie', evidence('org-domain-keyword', { domain, keyword: welfare }));
  const resident = keywordIn(label, RESIDENT_LABEL_WORDS);
  if (resident) return byKeyword('bewonersplatform', evidence('org-domain-keyword', { domain, keyword: resident }));
  const localParty = localPartyKeywordIn(label);
  if (localParty) return byKeyword('partij', evidence('org-domain-local-party', { domain, keyword: localParty }));
  return byKeyword(
    'overig',
    evidence(label.endsWith('voorelkaar') ? 'org-domain-no-platform' : 'org-domain-unknown', { domain }),
  );
}

const TEXT_WELFARE_NAMES = [
  ...WELFARE_ORG_NAME_KEYWORDS.filter((keyword) => !WELFARE_NAMES_ONLY_AS_DOMAIN_LABEL.includes(keyword)),
  'stichting welzijn',
  'welzijnsorganisatie',
  'welzijnsstichting',
  'wijkteam',
  'buurtteam',
  'sociaal team',
  // welfare work as an organisation's name ("Stichting Buurtwerk Almere", "Wijkwerk Dordrecht")
  'buurtwerk',
  'wijkwerk',
  'opbouwwerk',
  'welzijnswerk',
].map((keyword) => normaliseName(keyword));
/**
 * Words for welfare work that, beside "stichting" on one line, make the line a welfare
 * organisation's ("Samen Ede, stichting voor welzijn en vrijwilligerswerk", "Stichting Buurtwijs
 * Amersfoort, welzijn in de wijk"). Alone they are no name: "Beleidsadviseur Welzijn" works at a
 * gemeente.
 */
const TEXT_WELFARE_WORK = ['welzijn', 'vrijwilligerswerk', 'sociaal werk', 'jongerenwerk', 'ouderenwerk', 'mantelzorg'].map(
  (keyword) => normaliseName(keyword),
);
const TEXT_RESIDENT_NAMES = [...RESIDENT_PLATFORM_KEYWORDS, 'plaatselijk belang', 'adviesraad', 'wmo raad', 'clientenraad'].map(
  (keyword) => normaliseName(keyword),
);
const TEXT_PUBLIC_BODY_WORDS = [
  'ggd',
  'provincie',
  'waterschap',
  'hoogheemraadschap',
  'veiligheidsregio',
  'ministerie',
  'rijksoverheid',
];
// "denk" and "volt" are everyday words ("ik denk"), so only the other party names count in text
const TEXT_PARTY_WORDS = [
  'fractie',
  ...Object.keys(PARTY_DOMAIN_WORDS).filter((word) => word !== 'denk' && word !== 'volt'),
  'leefbaar',
  'gemeentebelangen',
  'lokaal belang',
];

function containsPhrase(foldedLine: string, phrase: string): boolean {
  return ` ${foldedLine} `.includes(` ${phrase} `) || (phrase.length >= 8 && foldedLine.includes(phrase));
}

/**
 * The kind of organisation a signature names on its organisation line ("Gemeente Zwolle",
 * "Stichting Welzijn Lochem", "Dorpsraad Heeze"), for senders whose address says nothing (gmail).
 */
export function organisationKindFromText(text: string | null | undefined): { kind: OrganisationKind; evidence: Evidence } | null {
  if (!text) return null;
  for (const line of signatureHeadLines(text)) {
    const folded = normaliseName(line);
    const quote = line.length > 60 ? `${line.slice(0, 57)}...` : line;
    const found = (kind: OrganisationKind) => ({ kind, evidence: evidence('org-signature-line', { quote }) });
    if (TEXT_RESIDENT_NAMES.some((phrase) => containsPhrase(folded, phrase))) return found('bewonersplatform');
    if (TEXT_WELFARE_NAMES.some((phrase) => containsPhrase(folded, phrase))) return found('welzijnsorganisatie');
    if (containsPhrase(folded, 'stichting') && TEXT_WELFARE_WORK.some((phrase) => containsPhrase(folded, phrase))) {
      return found('welzijnsorganisatie');
    }
    if (TEXT_PUBLIC_BODY_WORDS.some((word) => containsPhrase(folded, word))) return found('overheid');
    if (/(^| )(gemeente|griffie|raadsgriffie|gemeentehuis|stadhuis)( |$)/.test(folded) && hasCapital(line, 0, line.length)) {
      return found('gemeente');
    }
    if (TEXT_PARTY_WORDS.some((word) => containsPhrase(folded, word))) return found('partij');
  }
  return null;
}
