/**
 * Which municipality a person (or a thread) is about: from the sender's mail domain first, else
 * from mentions in the display name, subject, snippet or signature. Pure functions of their input
 * and the bundled municipality data.
 *
 * Mentions are read carefully, because many municipality names are also words or surnames: "Best"
 * (Best regards), "Buren" (neighbours), "Putten", "Jan van Dongen"; others are parts of other names
 * ("Ede" in "Heede", "Groningen" in "Midden-Groningen"), or shared ("Bergen" in Noord-Holland and in
 * Limburg, "Groningen" and "Utrecht" the cities and the provinces). A bare name counts little; "gemeente
 * Zwolle", a postcode line "8011 PK Zwolle", a municipal domain in the text, or a "<gemeente>voorelkaar"
 * platform count more. A domain of the sender counts most.
 */
import {
  lookupDomain,
  municipalityByCode,
  municipalityEntryByCompactName,
  municipalityNameEntries,
  municipalityNameEntry,
  type MunicipalityNameEntry,
} from '../data';
import { classifyOrganisation, mergerEvidence } from './organisation';
import { domainOfAddress } from '../vocabulary/address';
import { evidence, uniqueEvidence, type Evidence } from '../vocabulary/evidence';
import { foldForMatching } from '../vocabulary/text-folding';
import { domainsInText, escapeRegExp, hasCapital } from './text';
import type { PersonSignals, TagResult } from './types';

/** Where a mention was read; a value of the evidence, shown in the user's language. */
export type MentionSource = 'name' | 'subject' | 'snippet' | 'signature';

type MentionStrength = 'gemeente' | 'domain' | 'platform' | 'postcode' | 'bare';

/** How much one mention weighs, by how it was written and where. Always below a sender domain (0.95). */
const WEIGHT: Record<MentionStrength, Record<MentionSource, number>> = {
  gemeente: { name: 0.8, signature: 0.8, subject: 0.7, snippet: 0.6 },
  domain: { name: 0.75, signature: 0.8, subject: 0.6, snippet: 0.5 },
  platform: { name: 0.65, signature: 0.65, subject: 0.6, snippet: 0.5 },
  postcode: { name: 0.5, signature: 0.65, subject: 0.5, snippet: 0.45 },
  bare: { name: 0.45, signature: 0.5, subject: 0.45, snippet: 0.4 },
};

export const CONFIDENCE = {
  senderDomain: 0.95,
  mergedDomain: 0.9,
  organisationDomain: 0.7,
  /** cap for mentions when the sender is another public body (GGD, provincie, ...) */
  publicBodyMention: 0.35,
  maxMention: 0.85,
} as const;

/**
 * Names that are everyday words or common surnames: never taken from a bare mention, only from
 * "gemeente Best", a postcode line "5683 AB Best", or a domain. ("Bergen" is ambiguous anyway.)
 */
const BARE_NAME_STOPLIST = new Set([
  'best',
  'buren',
  'putten',
  'huizen',
  'houten',
  'goes',
  'sluis',
  'beek',
  'duiven',
  'kampen',
  'stein',
  'voorst',
  'losser',
  'bergen',
]);

// Patterns on the folded text just before / after a name.
const GEMEENTE_BEFORE =
  /(?:^| )(?:gemeente|gem|gemeentebestuur|gemeenteraad|raadsgriffie|griffie|college van b w|college van b en w|college van burgemeester en wethouders|gemeentehuis|stadhuis|stadskantoor)(?: van)? +$/;
const OF_BEFORE = /(?:^| )(?:burgemeester|wethouder|wethouders|inwoners|bewoners|raadsleden|gemeentesecretaris) (van) +$/;
const GEMEENTE_AFTER = /^ *,? *gemeente(?: |$)/;
const PLATFORM_AFTER = /^ *voor *elkaar(?![a-z0-9])/;
const POSTCODE_BEFORE = /\d{4} ?[a-z]{2} +$/;
const PROVINCE_BEFORE =
  /(?:^| )(?:provincie|provinciale|provinciehuis|prov|staten van|gedeputeerde staten van|regio|veiligheidsregio|ggd|waterschap|universiteit|hogeschool|hanzehogeschool|rijksuniversiteit|umc) +$/;
const PROVINCE_AFTER = /^ *\(? *(?:provincie|province)/;
const ORGANISATION_WORD_IN_NAME =
  /(?:^| )(?:gemeente|griffie|raadsgriffie|raad|college|stadhuis|gemeentehuis|stadskantoor|team|afdeling)(?: |$)/;
const SURNAME_PARTICLES = new Set(['van', 'de', 'der', 'den', 'ter', 'ten', "'t", 'het', 'vd', 'v.d.']);

/** Evidence quotes stay short (a tag keeps at most 300 characters per line). */
function quoteOf(text: string): string {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
}

interface Mention {
  code: string;
  weight: number;
  /** the mention, and what became of a dissolved municipality it names */
  evidence: Evidence[];
}

let namePattern: RegExp | null = null;

/** One regex over every known spelling, longest first, so "Midden-Groningen" wins over "Groningen". */
function getNamePattern(): RegExp {
  if (!namePattern) {
    const alternatives = municipalityNameEntries()
      .map((entry) => entry.key)
      .sort((a, b) => b.length - a.length || a.localeCompare(b))
      .map((key) => key.split(' ').map(escapeRegExp).join(' +'));
    namePattern = new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'g');
  }
  return namePattern;
}

function municipalityName(code: string): string {
  return municipalityByCode(code)?.name ?? code;
}

/** "Jan van Dongen", "J. de Bilt", "Van Tilburg": a surname, not a place. */
function looksLikeSurname(original: string, start: number): boolean {
  const tokens = original
    .slice(Math.max(0, start - 40), start)
    .trimEnd()
    .split(/\s+/)
    .filter(Boolean);
  let index = tokens.length - 1;
  if (index < 0 || !SURNAME_PARTICLES.has((tokens[index] ?? '').toLowerCase())) return false;
  while (index > 0 && SURNAME_PARTICLES.has((tokens[index - 1] ?? '').toLowerCase())) index -= 1;
  const particle = tokens[index] ?? '';
  const before = tokens[index - 1];
  if (/^[A-Z]/.test(particle)) return true;
  return before !== undefined && (/^[A-Z]/.test(before) || /^[A-Z]\.$/.test(before));
}

/** For "Bergen": the province named elsewhere in the text decides, else nothing is concluded. */
function disambiguate(entry: MunicipalityNameEntry, foldedContext: string): string | null {
  const candidates = entry.codes.filter((code) => {
    const province = municipalityByCode(code)?.province;
    return province !== undefined && ` ${foldedContext} `.includes(` ${foldForMatching(province).trim()} `);
  });
  return candidates.length === 1 ? (candidates[0] ?? null) : null;
}

function withMergerNote(line: Evidence, entry: MunicipalityNameEntry): Evidence[] {
  return entry.merged ? [line, mergerEvidence(entry.merged)] : [line];
}

/** Mentions of municipality names in one text. `foldedContext` is all signals folded, for disambiguation. */
function nameMentions(text: string, source: MentionSource, foldedContext: string): Mention[] {
  const folded = foldForMatching(text);
  const mentions: Mention[] = [];
  for (const match of folded.matchAll(getNamePattern())) {
    const start = match.index;
    const end = start + match[0].length;
    const entry = municipalityNameEntry(match[0]);
    if (!entry) continue;
    const before = folded.slice(Math.max(0, start - 60), start);
    const after = folded.slice(end, end + 20);

    let strength: MentionStrength | null = null;
    let quoteStart = start;
    const gemeenteBefore = GEMEENTE_BEFORE.exec(before);
    const ofBefore = OF_BEFORE.exec(before);
    if (gemeenteBefore) {
      strength = 'gemeente';
      quoteStart = start - before.length + gemeenteBefore.index + (gemeenteBefore[0].startsWith(' ') ? 1 : 0);
    } else if (ofBefore && text.slice(start - before.length + ofBefore.index, start).includes(' van ')) {
      // "burgemeester van Zwolle" (lower-case "van": of), not "Burgemeester Van Dongen" (a surname)
      strength = 'gemeente';
      quoteStart = start - before.length + ofBefore.index + 1;
    } else if (GEMEENTE_AFTER.test(after)) {
      strength = 'gemeente';
    } else if (PLATFORM_AFTER.test(after)) {
      strength = 'platform';
    } else if (POSTCODE_BEFORE.test(before)) {
      strength = 'postcode';
      quoteStart = start - before.length + before.search(POSTCODE_BEFORE);
    }

    if (entry.alsoProvince && (PROVINCE_BEFORE.test(before) || PROVINCE_AFTER.test(after))) continue;

    if (strength === null) {
      // a bare name: only a proper noun, not a word, not a surname, not a dissolved municipality
      if (entry.merged || BARE_NAME_STOPLIST.has(entry.key)) continue;
      if (!hasCapital(text, start, end) || looksLikeSurname(text, start)) continue;
      if (source === 'name' && !ORGANISATION_WORD_IN_NAME.test(folded)) continue;
      strength = 'bare';
    } else if (source === 'name' && strength === 'postcode') {
      continue;
    }

    let codes = entry.codes;
    if (codes.length > 1 && !entry.merged) {
      const chosen = disambiguate(entry, foldedContext);
      if (!chosen) continue;
      codes = [chosen];
    }
    // keep a qualifier's closing bracket in the quote: "Bergen (NH)", not "Bergen (NH"
    const closing = /^\.?\)/.exec(text.slice(end, end + 2))?.[0].length ?? 0;
    const quoteEnd = strength === 'platform' ? end + (PLATFORM_AFTER.exec(after)?.[0].length ?? 0) : end + closing;
    const quote = quoteOf(text.slice(quoteStart, quoteEnd));
    const provinceNote = entry.alsoProvince && strength === 'bare';
    let weight = WEIGHT[strength][source] * (provinceNote ? 0.7 : 1);
    // a split municipality spreads its weight over its successors
    if (codes.length > 1) weight /= codes.length;
    for (const code of codes) {
      mentions.push({
        code,
        weight,
        evidence: withMergerNote(evidence(provinceNote ? 'mention-province' : 'mention', { quote, source }), entry),
      });
    }
  }
  return mentions;
}

/** "Overbetuwevoorelkaar", "#zwollevoorelkaar": a local volunteering platform written as one word. */
function platformWordMentions(text: string, source: MentionSource): Mention[] {
  const mentions: Mention[] = [];
  const folded = foldForMatching(text);
  for (const match of folded.matchAll(/(?<![a-z0-9])([a-z0-9]+)voorelkaar(?![a-z0-9])/g)) {
    const entry = municipalityEntryByCompactName(match[1] ?? '');
    if (!entry || (entry.codes.length !== 1 && !entry.merged)) continue;
    const quote = quoteOf(text.slice(match.index, match.index + match[0].length));
    for (const code of entry.codes) {
      mentions.push({
        code,
        weight: WEIGHT.platform[source] / entry.codes.length,
        evidence: withMergerNote(evidence('mention-platform', { quote, source, name: municipalityName(code) }), entry),
      });
    }
  }
  return mentions;
}

/** Domains written in the text ("www.zwolle.nl", "j.jansen@zwolle.nl", "welzijnlochem.nl"). */
function domainMentions(text: string, source: MentionSource): Mention[] {
  const mentions: Mention[] = [];
  for (const domain of domainsInText(text)) {
    const match = lookupDomain(domain);
    if (match?.kind === 'municipality') {
      mentions.push({
        code: match.municipality.code,
        weight: WEIGHT.domain[source],
        evidence: [evidence('mention-domain', { domain: match.matchedDomain, source })],
      });
    } else if (match?.kind === 'merged') {
      for (const successor of match.successors) {
        mentions.push({
          code: successor.code,
          weight: WEIGHT.domain[source] / match.successors.length,
          evidence: [evidence('mention-domain', { domain: match.matchedDomain, source }), mergerEvidence(match.merged)],
        });
      }
    } else if (!match) {
      const organisation = classifyOrganisation(domain);
      if (organisation && organisation.municipalityCodes.length === 1 && organisation.kind !== 'overig') {
        mentions.push({
          code: organisation.municipalityCodes[0] ?? '',
          weight: WEIGHT.platform[source],
          evidence: [evidence('mention-org-domain', { domain: organisation.domain, source, name: organisation.name })],
        });
      }
    }
  }
  return mentions;
}

function sourcesOf(signals: Pick<PersonSignals, 'name' | 'subject' | 'snippet' | 'signature'>): [MentionSource, string][] {
  const sources: [MentionSource, string][] = [
    ['signature', signals.signature ?? ''],
    ['name', signals.name ?? ''],
    ['subject', signals.subject ?? ''],
    ['snippet', signals.snippet ?? ''],
  ];
  return sources.filter(([, text]) => text.trim() !== '');
}

/** Every municipality mention in the signals, strongest reading per place in the text. */
export function findMunicipalityMentions(signals: Pick<PersonSignals, 'name' | 'subject' | 'snippet' | 'signature'>): Mention[] {
  const sources = sourcesOf(signals);
  const foldedContext = sources.map(([, text]) => foldForMatching(text)).join(' ');
  return sources.flatMap(([source, text]) => [
    ...domainMentions(text, source),
    ...platformWordMentions(text, source),
    ...nameMentions(text, source, foldedContext),
  ]);
}

const round = (value: number) => Math.round(value * 100) / 100;

/** The best-supported municipality among mentions; confidence drops when another one is close. */
function resultFromMentions(mentions: Mention[], onlyCodes?: readonly string[]): TagResult<string> | null {
  const byCode = new Map<string, Mention[]>();
  for (const mention of mentions) {
    if (!mention.code || (onlyCodes && !onlyCodes.includes(mention.code))) continue;
    byCode.set(mention.code, [...(byCode.get(mention.code) ?? []), mention]);
  }
  const scored = [...byCode.entries()].map(([code, list]) => {
    const sorted = [...list].sort((a, b) => b.weight - a.weight);
    const top = sorted[0]?.weight ?? 0;
    const score = Math.min(CONFIDENCE.maxMention, top + 0.05 * Math.min(2, sorted.length - 1));
    return { code, score, evidence: uniqueEvidence(sorted.flatMap((mention) => mention.evidence)).slice(0, 4) };
  });
  scored.sort((a, b) => b.score - a.score);
  const [best, second] = scored;
  if (!best) return null;
  let confidence = best.score;
  const lines = [...best.evidence];
  if (second && best.score - second.score < 0.1) {
    confidence *= 0.75;
    lines.push(evidence('also-mentioned', { name: municipalityName(second.code) }));
  }
  return { value: best.code, evidence: lines, confidence: round(confidence) };
}

function capped(result: TagResult<string> | null, cap: number, firstEvidence: Evidence): TagResult<string> | null {
  if (!result) return null;
  return {
    value: result.value,
    evidence: [firstEvidence, ...result.evidence],
    confidence: round(Math.min(cap, result.confidence)),
  };
}

/**
 * The municipality of one person. Sender domain first (subdomains, dissolved municipalities'
 * domains with the merger as evidence); other public bodies are not the gemeente (only a weak
 * mention-based guess); then organisation domains that name a place ("welzijnlochem.nl"); then
 * mentions in name, subject, snippet and signature. Null when nothing points anywhere.
 */
export function classifyMunicipality(signals: PersonSignals): TagResult<string | null> | null {
  const domain = domainOfAddress(signals.address);
  const match = domain ? lookupDomain(domain) : null;
  const mentions = () => findMunicipalityMentions(signals);

  if (match?.kind === 'municipality') {
    const domainEvidence =
      match.matchedDomain === match.domain
        ? evidence('municipality-domain', { domain: match.domain })
        : evidence('municipality-subdomain', { domain: match.domain, matched: match.matchedDomain });
    return { value: match.municipality.code, evidence: [domainEvidence], confidence: CONFIDENCE.senderDomain };
  }

  if (match?.kind === 'merged') {
    const merger = mergerEvidence(match.merged, match.matchedDomain);
    const only = match.successors.length === 1 ? match.successors[0] : undefined;
    if (only) return { value: only.code, evidence: [merger], confidence: CONFIDENCE.mergedDomain };
    // a split municipality: a mention of one of its successors decides
    const successorCodes = match.successors.map((record) => record.code);
    const decided = resultFromMentions(mentions(), successorCodes);
    if (decided) return capped(decided, CONFIDENCE.organisationDomain, merger);
    return null;
  }

  if (match?.kind === 'publicBody') {
    const note = evidence('municipality-public-body', { domain: match.matchedDomain, body: match.body.name });
    return capped(resultFromMentions(mentions()), CONFIDENCE.publicBodyMention, note);
  }

  if (domain && !match) {
    const organisation = classifyOrganisation(domain);
    const code = organisation?.municipalityCodes.length === 1 ? organisation.municipalityCodes[0] : undefined;
    if (organisation && code) {
      const agreeing = resultFromMentions(mentions(), [code]);
      return {
        value: code,
        evidence: [...organisation.evidence, ...(agreeing?.evidence ?? [])].slice(0, 4),
        confidence: agreeing ? CONFIDENCE.organisationDomain + 0.05 : CONFIDENCE.organisationDomain,
      };
    }
  }

  return resultFromMentions(mentions());
}

/**
 * The municipality of a thread: the majority of its stakeholder contacts' municipalities; on a tie
 * or without any, mentions in subject and snippet. Null when neither points anywhere.
 */
export function classifyThreadMunicipality(input: {
  subject: string;
  snippet: string;
  contactMunicipalities: readonly (string | null)[];
}): TagResult<string | null> | null {
  const known = input.contactMunicipalities.filter((code): code is string => Boolean(code));
  const mentionSignals = { name: '', subject: input.subject, snippet: input.snippet };

  const counts = new Map<string, number>();
  for (const code of known) counts.set(code, (counts.get(code) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const topCount = ranked[0]?.[1] ?? 0;
  const leaders = ranked.filter(([, count]) => count === topCount).map(([code]) => code);

  const contactsEvidence = (code: string) =>
    evidence('thread-contacts', { count: counts.get(code) ?? 0, total: known.length, name: municipalityName(code) });

  if (leaders.length === 1) {
    const code = leaders[0] ?? '';
    const share = topCount / known.length;
    const agreeing = resultFromMentions(findMunicipalityMentions(mentionSignals), [code]);
    const confidence = Math.min(0.9, 0.5 + 0.35 * share + 0.05 * Math.min(2, topCount - 1) + (agreeing ? 0.05 : 0));
    return {
      value: code,
      evidence: [contactsEvidence(code), ...(agreeing?.evidence.slice(0, 2) ?? [])],
      confidence: round(confidence),
    };
  }

  const mentions = findMunicipalityMentions(mentionSignals);
  if (leaders.length > 1) {
    const decided = resultFromMentions(mentions, leaders);
    if (!decided) return null;
    return {
      value: decided.value,
      evidence: [contactsEvidence(decided.value), ...decided.evidence],
      confidence: round(Math.min(0.75, decided.confidence + 0.1)),
    };
  }
  return resultFromMentions(mentions);
}
