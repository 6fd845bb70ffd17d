/**
 * A reason shown to the user ("domein zwolle.nl", "3 pogingen zonder antwoord", "vraagt: kunt u"),
 * as a code with values. lib/ never builds sentences: pages render evidence with t() in the user's
 * language (lib/i18n, key `evidence_<code>`), so the English UI shows English evidence and Dutch
 * plurals come out right. Values are facts (a domain, a count, a date in epoch ms, a role id),
 * never text in a language.
 */
export interface Evidence {
  /** kebab-case, stable: stored in records and used as the i18n key suffix */
  code: string;
  values?: Readonly<Record<string, string | number>>;
}

/** Whether a stored value has the evidence shape (a code); its values are not checked here. */
export function isEvidence(value: unknown): value is Evidence {
  return typeof value === 'object' && value !== null && typeof (value as Evidence).code === 'string';
}

export function evidence(code: string, values?: Record<string, string | number>): Evidence {
  return values ? { code, values } : { code };
}

/**
 * Evidence written before it became codes (store v11 migrated it): a line whose pattern is not
 * known keeps its text in `values.text` and is shown as it is, so nothing is lost.
 */
export const LEGACY_EVIDENCE_CODE = 'legacy';

/**
 * A value that is a list (municipality names, roles) is written as its items joined by this
 * separator, so values stay strings; the page joins the items as its language does ("a, b en c").
 */
export const EVIDENCE_LIST_SEPARATOR = '|';

export function evidenceList(items: readonly string[]): string {
  return items.join(EVIDENCE_LIST_SEPARATOR);
}

/**
 * Verdicts that are a guess from the organisation alone, not something the person or others
 * said: the page shows them as such ("vermoedelijk ambtenaar").
 */
export const GUESS_EVIDENCE_CODES: ReadonlySet<string> = new Set([
  'role-default-gemeente',
  'role-default-overheid',
  'role-personal-domain',
]);

/** Whether a tag's evidence makes its value a guess (see GUESS_EVIDENCE_CODES). */
export function isGuessEvidence(lines: readonly Evidence[]): boolean {
  return lines.some((line) => GUESS_EVIDENCE_CODES.has(line.code));
}

/** The same evidence twice (same code, same values) is one line: dedupes by content. */
export function evidenceKey(line: Evidence): string {
  return line.values ? `${line.code} ${JSON.stringify(line.values)}` : line.code;
}

export function uniqueEvidence(lines: Iterable<Evidence>): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const line of lines) if (!seen.has(evidenceKey(line))) seen.set(evidenceKey(line), line);
  return [...seen.values()];
}

/** Whether two lists say the same, line by line (stored records compare so before a write). */
export function sameEvidence(left: readonly Evidence[], right: readonly Evidence[]): boolean {
  return left.length === right.length && left.every((line, index) => evidenceKey(line) === evidenceKey(right[index]!));
}
