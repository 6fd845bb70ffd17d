/**
 * The length limits of stored text, and the functions that keep a value within them where it is
 * made (a name taken from an address, an evidence line quoting one), so the store's schemas
 * (schemas.ts) never have to refuse a record for a value our own code made too long. The
 * observation contract caps what the pages send (subjects, excerpts, names); an address is
 * allowed 320 characters, a name 300, so an address used as a name is the case that needs this.
 */
import { uniqueEvidence, type Evidence } from '../vocabulary/evidence';

/** A person's or organisation's name as stored. */
export const NAME_MAX = 300;
/** One value of a verdict's evidence (a name, an address, a quoted line), and how many lines a verdict keeps. */
export const EVIDENCE_VALUE_MAX = 300;
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

/**
 * Evidence within the limits: each text value cut to its limit (an address quoted in a signature
 * line may be 320 characters), the first EVIDENCE_LINES_MAX distinct lines.
 */
export function boundedEvidence(lines: readonly Evidence[]): Evidence[] {
  return uniqueEvidence(lines.map(boundedEvidenceLine)).slice(0, EVIDENCE_LINES_MAX);
}

function boundedEvidenceLine(line: Evidence): Evidence {
  const values = line.values;
  if (!values || !Object.values(values).some((value) => typeof value === 'string' && value.length > EVIDENCE_VALUE_MAX))
    return line;
  const cut: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values))
    cut[name] = typeof value === 'string' ? cutText(value, EVIDENCE_VALUE_MAX) : value;
  return { code: line.code, values: cut };
}
