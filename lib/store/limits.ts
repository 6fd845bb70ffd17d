/**
 * The length limits of stored text, and the functions that keep a value within them where it is
 * made (a name taken from an address, an evidence line quoting one), so the store's schemas
 * (schemas.ts) never have to refuse a record for a value our own code made too long. The
 * observation contract caps what the pages send (subjects, excerpts, names); an address is
 * allowed 320 characters, a name 300, so an address used as a name is the case that needs this.
 */

/** A person's or organisation's name as stored. */
export const NAME_MAX = 300;
/** One line of a verdict's evidence, and how many lines a verdict keeps. */
export const EVIDENCE_LINE_MAX = 300;
export const EVIDENCE_LINES_MAX = 20;

const ELLIPSIS = '…';

/**
 * The text cut to `max` UTF-16 units, ending in "…" when it was cut, and never in half a
 * surrogate pair (an emoji in a display name).
 */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - ELLIPSIS.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + ELLIPSIS;
}

/**
 * A contact's name within the limit. Where the page showed no name the address is the name, and
 * an address may be longer than a name: its start is shown, ending in "…" (the whole address
 * stays in the contact's addresses).
 */
export function boundedName(name: string): string {
  return cutText(name, NAME_MAX);
}

/** Evidence within the limits: each line cut to its limit, the first EVIDENCE_LINES_MAX distinct lines. */
export function boundedEvidence(lines: readonly string[]): string[] {
  return [...new Set(lines.map((line) => cutText(line, EVIDENCE_LINE_MAX)))].slice(0, EVIDENCE_LINES_MAX);
}
