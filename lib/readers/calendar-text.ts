/**
 * Text shared by the calendar readers (Google Calendar, Outlook calendar), Dutch and English:
 * month and weekday names as patterns, clock times ("3pm", "3:30 PM", "15:00"), and a civil date
 * plus a clock time as an instant. Dates themselves are parsed by ./dates.ts (one date grammar);
 * this module only finds them inside longer labels and combines them with times.
 * Strict like dates.ts: what is not understood is null, never a guess.
 */
import { parseLocalizedDate, wallClockIn, wallClockToEpoch, type CivilDate, type DateParseOptions } from './dates';

const MONTH_NAMES = [
  'januari',
  'january',
  'jan',
  'februari',
  'february',
  'feb',
  'maart',
  'march',
  'mrt',
  'mar',
  'april',
  'apr',
  'mei',
  'may',
  'juni',
  'june',
  'jun',
  'juli',
  'july',
  'jul',
  'augustus',
  'august',
  'aug',
  'september',
  'sept',
  'sep',
  'oktober',
  'october',
  'okt',
  'oct',
  'november',
  'nov',
  'december',
  'dec',
];
const WEEKDAY_NAMES = [
  'maandag',
  'dinsdag',
  'woensdag',
  'donderdag',
  'vrijdag',
  'zaterdag',
  'zondag',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'ma',
  'di',
  'wo',
  'do',
  'vr',
  'za',
  'zo',
];
// longest first, so that "march" is not read as "mar" + "ch"
const alternation = (names: string[]) => [...names].sort((a, b) => b.length - a.length).join('|');
const MONTH = `(?:${alternation(MONTH_NAMES)})\\.?`;
const WEEKDAY = `(?:${alternation(WEEKDAY_NAMES)})\\.?`;

/**
 * A written date with its year, optionally after a weekday ("October 6, 2026", "6 October 2026",
 * "6 oktober 2026", "Tuesday, April 14, 2026", "dinsdag 14 april 2026", "di 14 apr. 2026"), ending
 * where the string ends: tried on the few characters before each year only.
 */
const WRITTEN_DATE_AT_END = new RegExp(`(?:${WEEKDAY},?\\s)?(?:\\d{1,2}\\.?\\s${MONTH}|${MONTH}\\s\\d{1,2}),?\\s\\d{4}$`, 'i');
const YEAR = /(?<!\d)\d{4}(?![\d])/g;
const BEFORE_DATE = /[A-Za-z\u00C0-\u024F\d]$/;
/** the longest date before its year: "wednesday, september 30, " is 26 characters */
const DATE_REACH = 40;

/**
 * The written dates of a label, found from their years: a label holds one or two years, and a
 * pattern of forty names tried at every position costs more than the rest of a read together.
 */
function replaceWrittenDates(label: string, replace: (date: string) => string): string {
  let out = '';
  let done = 0;
  for (const year of label.matchAll(YEAR)) {
    const end = year.index + 4;
    if (/^[A-Za-z\u00C0-\u024F]/.test(label.slice(end, end + 1))) continue;
    // the earliest start that is a date and not inside a word: "dinsdag 6 oktober 2026" rather
    // than "6 oktober 2026"; in "Xma 6 oktober 2026", "6 oktober 2026"
    let from = Math.max(done, year.index - DATE_REACH);
    let start = -1;
    while (from < end) {
      const match = WRITTEN_DATE_AT_END.exec(label.slice(from, end));
      if (!match) break;
      if (!BEFORE_DATE.test(label.slice(Math.max(0, from + match.index - 1), from + match.index))) {
        start = from + match.index;
        break;
      }
      from += match.index + 1;
    }
    if (start < 0) continue;
    out += label.slice(done, start) + replace(label.slice(start, end));
    done = end;
  }
  return done === 0 ? label : out + label.slice(done);
}

/**
 * A clock time: "3pm", "3:30 PM", "11:30am", "15:00"; a colon or am/pm is required. Letters it may
 * not touch are Latin with diacritics (all nl and en need): no `u` flag and no \p{L}, which V8
 * runs several times slower, per chip.
 */
export const CLOCK_TIME =
  /(?<![A-Za-z\u00C0-\u024F\d:])(?:\d{1,2}(?::\d{2})?\s?[ap]\.?\s?m\.?(?![A-Za-z\u00C0-\u024F])|\d{1,2}:\d{2})(?![\d:])/gi;

export interface ClockTime {
  hour: number;
  minute: number;
  /** whether the text said am/pm (a range's first time may inherit the second's: "3 – 4pm") */
  meridiem: 'am' | 'pm' | null;
}

/** "3pm" -> 15:00, "12am" -> 0:00, "15:00"; null for anything else. */
export function parseClockTime(text: string): ClockTime | null {
  const match = /^(\d{1,2})(?::(\d{2}))?\s?(?:([ap])\.?\s?m\.?)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[1]);
  const minute = match[2] ? Number(match[2]) : 0;
  const meridiem = match[3] ? (match[3].toLowerCase() === 'a' ? 'am' : 'pm') : null;
  if (!match[2] && !meridiem) return null; // a bare number is not a time
  if (minute > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (hour > 23) return null;
  return { hour, minute, meridiem };
}

/**
 * A range's two times, the first inheriting the second's am/pm when it has none ("3 – 4pm",
 * Google's way of writing a range within one half of the day).
 */
export function clockRange(startText: string, endText: string): [ClockTime, ClockTime] | null {
  const end = parseClockTime(endText);
  let start = parseClockTime(startText);
  if (!start || !end) {
    // "3" in "3 – 4pm": a bare hour is a time only beside a time with am/pm
    const bare = /^(\d{1,2})$/.exec(startText.trim());
    if (!bare || !end?.meridiem) return null;
    start = parseClockTime(`${bare[1]}${end.meridiem}`);
    return start && end ? [start, end] : null;
  }
  if (!start.meridiem && end.meridiem && start.hour <= 12 && /^\d{1,2}(?::\d{2})?$/.test(startText.trim())) {
    const inherited = parseClockTime(`${startText.trim()}${end.meridiem}`);
    if (inherited) start = inherited;
  }
  return [start, end];
}

// A week view repeats a handful of dates on every chip: each is parsed once (they state their
// year, so "now" does not enter; bounded, as a page shows a few dozen dates at most).
const civilDates = new Map<string, CivilDate | null>();

/** The civil date a written date names (its year included), or null. */
export function civilDateOf(text: string, options: DateParseOptions): CivilDate | null {
  if (!/\d{4}/.test(text)) return null; // only dates that state their year
  const key = `${options.timeZone ?? ''}\u0001${options.localeHint ?? ''}\u0001${text}`;
  const known = civilDates.get(key);
  if (known !== undefined) return known;
  const parsed = parseLocalizedDate(text, options);
  let date: CivilDate | null = null;
  if (parsed.at !== null) {
    const clock = options.timeZone ? wallClockIn(parsed.at, options.timeZone) : localClock(parsed.at);
    date = { year: clock.year, month: clock.month, day: clock.day };
  }
  if (civilDates.size > 512) civilDates.clear();
  civilDates.set(key, date);
  return date;
}

function localClock(epoch: number): CivilDate {
  const date = new Date(epoch);
  return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
}

/** The instant a civil date and a clock time name in the calendar's zone. */
export function instantOf(
  date: CivilDate,
  time: Pick<ClockTime, 'hour' | 'minute'> | null,
  timeZone: string | undefined,
): number | null {
  return wallClockToEpoch(date, time?.hour ?? 0, time?.minute ?? 0, 0, timeZone);
}

export function nextDay({ year, month, day }: CivilDate): CivilDate {
  const shifted = new Date(Date.UTC(year, month - 1, day + 1));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function sameDay(a: CivilDate, b: CivilDate): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

/** Days between two civil dates (b - a). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

/** Lower-case, whitespace folded: for comparing label words with a vocabulary. */
export function wordKey(text: string): string {
  const lower = text.toLowerCase();
  return /[^\S ]| {2}|^ | $|[\u00a0\u202f]/.test(lower) ? lower.replace(/[\s\u00a0\u202f]+/g, ' ').trim() : lower;
}

/** A label cut at its commas, after dates and times were lifted out whole (they hold commas). */
export interface LiftedLabel {
  /** each part with its dates and times as tokens `\uE000D0\uE001`, `\uE000T1\uE001` */
  tokens: string[];
  /** each part as written */
  parts: string[];
  /** the text a token stands for */
  lifted: Map<string, string>;
}

const TOKEN = /\uE000([DT]\d+)\uE001/g;
/** A token as a pattern: `\uE000(D\d+)\uE001` for kind D. */
export const tokenPattern = (kind: 'D' | 'T') => `\\uE000(${kind}\\d+)\\uE001`;

export function liftLabel(label: string): LiftedLabel {
  const lifted = new Map<string, string>();
  let index = 0;
  const lift = (kind: 'D' | 'T') => (match: string) => {
    const name = `${kind}${index++}`;
    lifted.set(name, match);
    return `\uE000${name}\uE001`;
  };
  // most parts of a label are words: the patterns run only where a year or a clock can be
  let text = replaceWrittenDates(label, lift('D'));
  if (/\d[:ap ]|\d$/i.test(text)) text = text.replace(CLOCK_TIME, lift('T'));
  const tokens = text
    .split(/,\s*/)
    .map((part) => part.trim())
    .filter(Boolean);
  const parts = tokens.map((part) =>
    part.includes('\uE000') ? part.replace(TOKEN, (_match, name: string) => lifted.get(name) ?? '') : part,
  );
  return { tokens, parts, lifted };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
}
