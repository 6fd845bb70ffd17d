/**
 * Text helpers of the classifiers. Pure, no DOM. Folding (foldForMatching, normaliseName) and the
 * address and domain rules they share with the readers and the data index live in lib/vocabulary.
 */
import { normaliseDomain } from '../vocabulary/address';
import { normaliseName } from '../vocabulary/text-folding';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The words of a folded phrase as a regex source that allows any run of separators between them. */
export function phrasePattern(phrase: string): string {
  return normaliseName(phrase).split(' ').map(escapeRegExp).join(' +');
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
