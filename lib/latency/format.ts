/**
 * Dutch wording for the evidence lines of the latency model. Hand-rolled instead of
 * Intl.DateTimeFormat: thousands of contacts are summarised at once and the wording must not
 * depend on the runtime's locale data.
 */

const DUTCH_MONTHS = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** "5 december", with the year when it differs from the year of `now` ("5 december 2027"). */
export function formatDutchDate(ms: number, now?: number): string {
  const date = new Date(ms);
  const text = `${date.getDate()} ${DUTCH_MONTHS[date.getMonth()]}`;
  if (now !== undefined && new Date(now).getFullYear() === date.getFullYear()) return text;
  return `${text} ${date.getFullYear()}`;
}

/** "1 werkdag", "3 werkdagen"; fractions (a median) with a decimal comma: "2,5 werkdagen". */
export function countNoun(count: number, singular: string, plural: string): string {
  const shown = Number.isInteger(count) ? String(count) : count.toFixed(1).replace('.', ',');
  return `${shown} ${count === 1 ? singular : plural}`;
}
