/**
 * Text normalisation shared by the municipality data index and the classifiers. Pure, no DOM.
 *
 * Mail text is messy: "’s-Hertogenbosch", "Súdwest-Fryslân", "Bergen (NH.)", "GEMEENTE ZWOLLE".
 * Matching therefore runs on a folded copy: lower-case, accents removed, and every character
 * that is not a-z or 0-9 replaced by a space. Folding keeps the length of the input, so a match
 * in the folded copy points at the same characters in the original (for evidence and for
 * checking capitals).
 */

const FOLDED_WORD_CHAR = /[a-z0-9]/;

/** Folded form of every non-ASCII character met so far (NFD per character is slow: ingest folds a lot). */
const foldedNonAscii = new Map<string, string>();

function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  // ASCII fast path: digits and letters (capitals lowered), everything else a space
  if (code < 128) {
    if ((code >= 48 && code <= 57) || (code >= 97 && code <= 122)) return char;
    if (code >= 65 && code <= 90) return String.fromCharCode(code + 32);
    return ' ';
  }
  let folded = foldedNonAscii.get(char);
  if (folded === undefined) {
    // NFD splits "é" into "e" + combining accent: the first code unit is the base letter.
    const base = char.normalize('NFD').charAt(0).toLowerCase();
    folded = base.length === 1 && FOLDED_WORD_CHAR.test(base) ? base : ' ';
    foldedNonAscii.set(char, folded);
  }
  return folded;
}

/** Lower-case, accents folded, everything but [a-z0-9] turned into a space; same length as the input. */
export function foldForMatching(text: string): string {
  let folded = '';
  for (let index = 0; index < text.length; index += 1) folded += foldChar(text.charAt(index));
  return folded;
}

/** Folded words joined by single spaces: the key of a name ("'s-Gravenhage" -> "s gravenhage"). */
export function normaliseName(text: string): string {
  return foldForMatching(text).trim().split(/ +/).join(' ');
}

/** Folded without any separator: how names appear inside domains ("Den Haag" -> "denhaag"). */
export function compactName(text: string): string {
  return foldForMatching(text).replace(/ /g, '');
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words of a folded phrase as a regex source that allows any run of separators between them. */
export function phrasePattern(phrase: string): string {
  return normaliseName(phrase).split(' ').map(escapeRegExp).join(' +');
}

/** Lower-cased, trimmed address, or null when it is not `local@domain.tld`. */
export function normaliseAddress(address: string | null | undefined): string | null {
  if (!address) return null;
  const trimmed = address.trim().replace(/^mailto:/i, '').toLowerCase();
  return /^[^\s@]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(trimmed)
    ? trimmed
    : null;
}

export function domainOfAddress(address: string | null | undefined): string | null {
  const normalised = normaliseAddress(address);
  return normalised ? normalised.slice(normalised.lastIndexOf('@') + 1) : null;
}

export function localPartOfAddress(address: string | null | undefined): string | null {
  const normalised = normaliseAddress(address);
  return normalised ? normalised.slice(0, normalised.lastIndexOf('@')) : null;
}

/** Lower-case host without a leading "www." or trailing dot; accepts a bare domain or an address. */
export function normaliseDomain(domainOrAddress: string): string {
  const host = domainOrAddress.includes('@')
    ? domainOrAddress.slice(domainOrAddress.lastIndexOf('@') + 1)
    : domainOrAddress;
  return host.trim().toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

/** "mail.zwolle.nl" -> ["mail.zwolle.nl", "zwolle.nl"]: the domain and its parents, never a bare TLD. */
export function domainAndParents(domain: string): string[] {
  const labels = normaliseDomain(domain).split('.').filter(Boolean);
  const result: string[] = [];
  for (let start = 0; start <= labels.length - 2; start += 1) result.push(labels.slice(start).join('.'));
  return result;
}

// Second-level registries where the organisation sits one label deeper (rare in Dutch mail).
const MULTI_LABEL_SUFFIXES = new Set(['co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'co.nz', 'com.br']);

/** The organisation's own domain: "mail.zwolle.nl" -> "zwolle.nl", "x.co.uk" stays three labels. */
export function registrableDomain(domain: string): string {
  const labels = normaliseDomain(domain).split('.').filter(Boolean);
  if (labels.length <= 2) return labels.join('.');
  const lastTwo = labels.slice(-2).join('.');
  return MULTI_LABEL_SUFFIXES.has(lastTwo) ? labels.slice(-3).join('.') : lastTwo;
}

/** Every domain-shaped token in free text (URLs, addresses, "www.zwolle.nl"), lower-case, deduped. */
export function domainsInText(text: string): string[] {
  const found = new Set<string>();
  const pattern = /(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?![a-z0-9-])/gi;
  for (const match of text.matchAll(pattern)) found.add(normaliseDomain(match[0]));
  return [...found];
}

/** Does the original text at [start, end) contain a capital letter? (Proper nouns are written with one.) */
export function hasCapital(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end);
  return span !== span.toLowerCase();
}

/** The lines of a signature that can carry a job title: short lines near the top, not the legal footer. */
export function signatureHeadLines(signature: string, maxLines = 12, maxLength = 120): string[] {
  return signature
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && line.length <= maxLength)
    .slice(0, maxLines);
}
