/**
 * Localized dates as webmail shows them (Gmail, Outlook; Dutch, English, German), parsed to
 * epoch ms. Strict on purpose: every token must be understood, otherwise `at` is null and the
 * caller keeps the raw text. We never guess a time (docs/CONVENTIONS.md).
 *
 * Understood forms (case-insensitive, commas/dots/"at"/"om"/"um"/"Uhr" tolerated):
 * - absolute: "26 nov. 2026 14:03", "wo 26 nov. 2026 14:03", "Thu, Dec 18, 2014 at 12:35 PM",
 *   "20 Aug 2025, 13:19", "Do., 18. Dez. 2014, 12:35", "18-12-2014", "18.12.2014", "2014-12-18",
 *   "12/18/2014" (slash/dash forms with both parts <= 12 are decided by the locale hint)
 * - time only: "14:03", "2:03 PM" = today
 * - day and month: "26 nov.", "Nov 26" = this year, or last year when that would be in the future
 * - relative: "Vandaag"/"Today"/"Heute", "Gisteren"/"Yesterday"/"Gestern",
 *   "Eergisteren"/"Vorgestern", weekday names ("wo", "Thu", "Donnerstag") = the most recent such
 *   day before today (lists show a time, not a weekday, for today), each with an optional time
 * - a trailing parenthetical such as "(2 hours ago)" / "(2 uur geleden)" is ignored
 */

export interface DateParseOptions {
  /** the moment "today", "yesterday" and year-less dates are relative to */
  now: Date;
  /** the page's language, e.g. "nl", "en-US", "en-GB", "de"; decides 03/04/2026 */
  localeHint?: string;
  /** IANA zone of the wall-clock text; default: the browser's own (local) time zone */
  timeZone?: string;
}

export interface ParsedDate {
  /** ms since the epoch, or null when the text is not a date we understand */
  at: number | null;
  /** the text we parsed, whitespace folded, at most 200 characters (the contract's limit) */
  raw: string;
}

const MONTHS: Record<string, number> = {};
const WEEKDAYS: Record<string, number> = {}; // 0 = Sunday, as Date#getDay
const RELATIVE_DAYS: Record<string, number> = {
  vandaag: 0,
  today: 0,
  heute: 0,
  gisteren: 1,
  yesterday: 1,
  gestern: 1,
  eergisteren: 2,
  vorgestern: 2,
};
// Words that carry no date information in these languages' date formats.
const FILLER = new Set(['at', 'om', 'um', 'uhr', 'uur', 'u', 'am', 'den', 'on', 'op']);

function addNames(table: Record<string, number>, names: string, value: number): void {
  for (const name of names.split(' ')) table[name] = value;
}
// month index 1-12: nl, en, de, long and abbreviated (dots are stripped before lookup)
[
  'januari january januar jan jän jänner',
  'februari february februar feb',
  'maart march märz mrt mar mär mrz',
  'april apr',
  'mei may mai',
  'juni june jun',
  'juli july jul',
  'augustus august aug',
  'september sep sept',
  'oktober october okt oct',
  'november nov',
  'december dezember dec dez',
].forEach((names, index) => addNames(MONTHS, names, index + 1));
// The short forms do not collide across nl/en/de: "di" and "do" mean the same day in nl and de.
[
  'zondag sunday sonntag zo sun so',
  'maandag monday montag ma mon mo',
  'dinsdag tuesday dienstag di tue tues',
  'woensdag wednesday mittwoch wo wed mi',
  'donderdag thursday donnerstag do thu thur thurs',
  'vrijdag friday freitag vr fri fr',
  'zaterdag saturday samstag sonnabend za sat sa',
].forEach((names, index) => addNames(WEEKDAYS, names, index));

const PARENTHETICAL = /\([^)]*\)/g;
const TIME = /(?<![\d:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?\s?m\.?(?![a-z]))?(?![\d:])/g;
const NUMERIC_DATE = /(?<![\d./-])(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})(?![\d./-])/g;
const ORDINAL = /^(\d{1,4})(?:st|nd|rd|th|e)?$/;

/** Locales that write the month first in numeric dates (12/18/2014). */
function monthFirst(localeHint: string | undefined): boolean | null {
  if (!localeHint) return null;
  const tag = localeHint.toLowerCase().replace('_', '-');
  return tag === 'en' || tag === 'en-us' || tag === 'en-ph';
}

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function parseLocalizedDate(text: string, options: DateParseOptions): ParsedDate {
  const raw = text
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim()
    .slice(0, 200);
  const fail: ParsedDate = { at: null, raw };
  if (!raw || Number.isNaN(options.now.getTime())) return fail;
  let rest = raw.toLowerCase().replace(PARENTHETICAL, ' ');

  // time of day: at most one
  const time = timeOfDayIn(rest);
  if (time === null) return fail;
  if (time) rest = rest.replace(time.text, ' ');

  // numeric date: at most one
  const numerics = [...rest.matchAll(NUMERIC_DATE)];
  if (numerics.length > 1) return fail;
  let numericCivil: CivilDate | null = null;
  const numeric = numerics[0];
  if (numeric) {
    numericCivil = numericDate(numeric[1]!, numeric[2]!, numeric[3]!, numeric[4]!, options);
    if (!numericCivil) return fail;
    rest = rest.replace(numeric[0], ' ');
  }

  const words = dateWordsIn(rest);
  if (!words) return fail;
  const resolved = civilDateOf(numericCivil, words, civilToday(options.now, options.timeZone), time !== undefined);
  if (!resolved) return fail;
  const { date, yearKnown } = resolved;

  if (!validCivil(date)) return fail;
  const { hour = 0, minute = 0, second = 0 } = time ?? {};
  let at = wallClockToEpoch(date, hour, minute, second, options.timeZone);
  if (at !== null && !yearKnown && at > options.now.getTime()) {
    const lastYear = { ...date, year: date.year - 1 };
    at = validCivil(lastYear) ? wallClockToEpoch(lastYear, hour, minute, second, options.timeZone) : null;
  }
  return at === null || at < 0 ? fail : { at, raw };
}

interface TimeOfDay {
  hour: number;
  minute: number;
  second: number;
  /** the text it was read from */
  text: string;
}

/** The time of day in the text: undefined when there is none, null when it is no time or there are two. */
function timeOfDayIn(rest: string): TimeOfDay | null | undefined {
  const times = [...rest.matchAll(TIME)];
  if (times.length > 1) return null;
  const time = times[0];
  if (!time) return undefined;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  const second = time[3] ? Number(time[3]) : 0;
  const meridiem = time[4];
  if (minute > 59 || second > 59) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hour > 23) return null;
  return { hour, minute, second, text: time[0] };
}

interface DateWords {
  month: number | null;
  weekday: number | null;
  daysBack: number | null;
  /** day and year numbers ("26", "26e", "2026") */
  numbers: string[];
}

/** The words and numbers left beside time and numeric date: every one must mean something (else null). */
function dateWordsIn(rest: string): DateWords | null {
  const words: DateWords = { month: null, weekday: null, daysBack: null, numbers: [] };
  for (const token of rest.split(/[\s,;]+/)) {
    const word = token.replace(/\.+$/, '').replace(/^\.+/, '');
    if (!word || word === '-') continue;
    const ordinal = ORDINAL.exec(word);
    if (ordinal) {
      words.numbers.push(ordinal[1]!);
    } else if (word in MONTHS) {
      if (words.month !== null) return null;
      words.month = MONTHS[word]!;
    } else if (word in WEEKDAYS) {
      if (words.weekday !== null) return null;
      words.weekday = WEEKDAYS[word]!;
    } else if (word in RELATIVE_DAYS) {
      if (words.daysBack !== null) return null;
      words.daysBack = RELATIVE_DAYS[word]!;
    } else if (!FILLER.has(word)) {
      return null;
    }
  }
  return words;
}

/**
 * The day meant: a numeric date, or day and month (and year) in words, or "gisteren", or the last
 * such weekday, or today for a bare time; null when the parts contradict each other or say nothing.
 */
function civilDateOf(
  numeric: CivilDate | null,
  { month, weekday, daysBack, numbers }: DateWords,
  today: ReturnType<typeof civilToday>,
  hasTime: boolean,
): { date: CivilDate; yearKnown: boolean } | null {
  if (numeric || month !== null) {
    if (daysBack !== null) return null;
    let date = numeric;
    let yearKnown = true;
    if (date) {
      if (month !== null || numbers.length > 0) return null;
    } else {
      const day = numbers.find((n) => n.length <= 2);
      const year = numbers.find((n) => n.length === 4);
      if (!day || numbers.length !== (year ? 2 : 1)) return null;
      yearKnown = year !== undefined;
      date = { year: year ? Number(year) : today.year, month: month!, day: Number(day) };
    }
    // A weekday beside a full date must agree with it: a cheap guard against a wrong day/month order.
    if (weekday !== null && yearKnown && validCivil(date)) {
      if (new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() !== weekday) return null;
    }
    return { date, yearKnown };
  }
  if (numbers.length > 0) return null;
  if (daysBack !== null) return weekday !== null ? null : { date: addDays(today, -daysBack), yearKnown: true };
  if (weekday !== null) return { date: addDays(today, -((today.weekday - weekday + 7) % 7 || 7)), yearKnown: true };
  return hasTime ? { date: today, yearKnown: true } : null;
}

function numericDate(a: string, separator: string, b: string, c: string, options: DateParseOptions): CivilDate | null {
  if (a.length === 4) {
    return c.length <= 2 ? { year: Number(a), month: Number(b), day: Number(c) } : null;
  }
  if (a.length > 2 || (c.length !== 4 && c.length !== 2)) return null;
  const year = c.length === 4 ? Number(c) : expandTwoDigitYear(Number(c), options.now);
  const dayFirst: CivilDate = { year, month: Number(b), day: Number(a) };
  const monthFirstDate: CivilDate = { year, month: Number(a), day: Number(b) };
  // dotted dates are day-first in every language we read (nl, de)
  if (separator === '.') return dayFirst;
  const dayFirstValid = validCivil(dayFirst);
  const monthFirstValid = validCivil(monthFirstDate);
  if (dayFirstValid !== monthFirstValid) return dayFirstValid ? dayFirst : monthFirstDate;
  if (!dayFirstValid) return null;
  if (a === b) return dayFirst;
  const preference = monthFirst(options.localeHint);
  if (preference === null) return null; // 03/04/2026 without a locale: ambiguous, never guess
  return preference ? monthFirstDate : dayFirst;
}

function expandTwoDigitYear(twoDigits: number, now: Date): number {
  const century = Math.floor(now.getFullYear() / 100) * 100;
  const year = century + twoDigits;
  return year > now.getFullYear() + 1 ? year - 100 : year;
}

export function validCivil({ year, month, day }: CivilDate): boolean {
  if (year < 1970 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function addDays({ year, month, day }: CivilDate, days: number): CivilDate {
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

interface CivilToday extends CivilDate {
  weekday: number;
}

function civilToday(now: Date, timeZone: string | undefined): CivilToday {
  if (!timeZone) {
    return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate(), weekday: now.getDay() };
  }
  const clock = wallClockIn(now.getTime(), timeZone);
  return { year: clock.year, month: clock.month, day: clock.day, weekday: clock.weekday };
}

/** The instant a wall clock in `timeZone` (default: the local zone) shows `date hour:minute:second`. */
export function wallClockToEpoch(
  date: CivilDate,
  hour: number,
  minute: number,
  second: number,
  timeZone: string | undefined,
): number | null {
  if (!timeZone) {
    const local = new Date(date.year, date.month - 1, date.day, hour, minute, second);
    return Number.isNaN(local.getTime()) ? null : local.getTime();
  }
  const asUtc = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second);
  // The zone's offset at the guessed instant; corrected once for a DST change in between.
  let at = asUtc - zoneOffset(asUtc, timeZone);
  const corrected = asUtc - zoneOffset(at, timeZone);
  if (corrected !== at) at = corrected;
  return at;
}

/** A wall-clock reading of an instant in a time zone. */
export interface WallClock extends CivilDate {
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday, as Date#getDay */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** The zone's wall clock at `epoch` through Intl: correct but slow (~µs per call); see zoneOffset. */
function intlWallClock(epoch: number, timeZone: string): Omit<WallClock, 'weekday'> {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const values: Record<string, number> = {};
  for (const part of formatter.formatToParts(epoch)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year!,
    month: values.month!,
    day: values.day!,
    hour: values.hour! % 24,
    minute: values.minute!,
    second: values.second!,
  };
}

// Offsets are whole multiples of 15 minutes and change only at such instants (in UTC), so one
// lookup per zone and quarter hour is exact. Bounded: a reader touches a few dozen quarters.
const QUARTER_HOUR = 15 * 60_000;
const offsetCache = new Map<string, number>();

/** ms to add to UTC to get the zone's wall clock at that instant */
function zoneOffset(epoch: number, timeZone: string): number {
  const key = `${timeZone} ${Math.floor(epoch / QUARTER_HOUR)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const p = intlWallClock(epoch, timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(epoch / 1000) * 1000;
    if (offsetCache.size > 4096) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset;
}

/** What a clock in `timeZone` (IANA) shows at `epoch`. */
export function wallClockIn(epoch: number, timeZone: string): WallClock {
  const wall = new Date(epoch + zoneOffset(epoch, timeZone));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
  };
}
