/**
 * The date forms Outlook on the web shows that the shared parser (./dates.ts) does not read on
 * its own, layered on top of it (nothing here re-implements a date rule):
 *
 * - day and month without a year, numeric: "ma 2-11" (nl), "Mo 02.11." (de), "Mon 02/11"
 *   (en-GB), "Mon 11/2" (en-US): list rows older than a week show this.
 * - slash dates whose order the page language does not decide: Outlook's date format is a user
 *   setting independent of the UI language, so an English page may write 02/11/2026 day-first.
 *   A weekday shown beside the date decides ("Mon 11/2/2026" can only be 2 November 2026);
 *   without one, the page language decides as in dates.ts, and without that: null.
 * - a leading label some builds put in the time element's title: "Sent: ...", "Verzonden: ...".
 *
 * Should these move into dates.ts (they are not Outlook-specific in principle), this module
 * becomes a re-export.
 */
import { parseLocalizedDate, type DateParseOptions, type ParsedDate } from './dates';

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** "2-11", "02.11.", "11/2": two numbers, no third part. */
const DAY_MONTH = /(?<![\d./-])(\d{1,2})([./-])(\d{1,2})\.?(?![\d/-]|\.\d)/;
const SLASH_DATE = /(?<![\d./-])\d{1,2}\/\d{1,2}\/\d{2,4}(?![\d./-])/;
const LABEL = /^(?:sent|received|saved|verzonden|ontvangen|opgeslagen|gesendet|empfangen|gespeichert)\s*:\s*/i;
const WEEKDAY_FIRST_ORDERS = ['en-US', 'en-GB'] as const;

export function parseOutlookDate(text: string, options: DateParseOptions): ParsedDate {
  const raw = text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .slice(0, 200);
  const unlabelled = raw.replace(LABEL, '');
  const fail: ParsedDate = { at: null, raw };

  const dayMonth = DAY_MONTH.exec(unlabelled);
  if (dayMonth && !SLASH_DATE.test(unlabelled)) {
    const at = parseDayMonth(unlabelled, dayMonth, options);
    return at === null ? fail : { at, raw };
  }

  const direct = parseLocalizedDate(unlabelled, options).at;
  if (direct !== null) return { at: direct, raw };
  if (!SLASH_DATE.test(unlabelled)) return fail;
  // The page language's order failed (most often: the weekday shown contradicts it). If exactly
  // one order agrees with everything on the line, that is the date.
  const candidates = new Set<number>();
  for (const localeHint of WEEKDAY_FIRST_ORDERS) {
    const at = parseLocalizedDate(unlabelled, { ...options, localeHint }).at;
    if (at !== null) candidates.add(at);
  }
  return candidates.size === 1 ? { at: [...candidates][0]!, raw } : fail;
}

/**
 * A numeric day and month without a year: this year, or last year when that would lie in the
 * future (as dates.ts does for "26 nov."). Rewritten as "<day> <month name> <year>" so the shared
 * parser checks the rest of the line, including a weekday against the date.
 */
function parseDayMonth(text: string, match: RegExpExecArray, options: DateParseOptions): number | null {
  const [whole, first, separator, second] = match as unknown as [string, string, string, string];
  const a = Number(first);
  const b = Number(second);
  // nl writes 2-11, de 02.11.: day first. Slashes depend on the user's format (see above).
  const orders: Array<[day: number, month: number]> =
    separator === '/'
      ? [
          [a, b],
          [b, a],
        ]
      : [[a, b]];
  const found = new Set<number>();
  let preferred: number | null = null;
  const monthFirst = /^en(?:-us)?$/i.test(options.localeHint ?? '');
  for (const [day, month] of orders) {
    const at = parseYearless(text, whole, day, month, options);
    if (at === null) continue;
    found.add(at);
    const isMonthFirst = separator === '/' && month === a;
    if (isMonthFirst === monthFirst) preferred = at;
  }
  if (found.size === 1) return [...found][0]!;
  if (found.size === 0 || !options.localeHint) return null;
  return preferred;
}

function parseYearless(text: string, whole: string, day: number, month: number, options: DateParseOptions): number | null {
  const name = MONTH_NAMES[month - 1];
  if (!name || day < 1 || day > 31) return null;
  const thisYear = options.now.getFullYear();
  for (const year of [thisYear, thisYear - 1]) {
    const at = parseLocalizedDate(text.replace(whole, ` ${day} ${name} ${year} `), options).at;
    if (at !== null && at <= options.now.getTime()) return at;
  }
  return null;
}
