/**
 * Working days as a Dutch civil servant has them: no weekends, no public holidays, and no days the
 * contact announced to be away.
 *
 * Time zone: every date here is a *local* calendar date of the runtime (`Date#getFullYear` etc.).
 * The extension runs in the user's browser, which for our users is in Europe/Amsterdam; shipping a
 * time-zone database for one zone is not worth its weight. Tests build their dates with the local
 * `new Date(y, m, d, h)` constructor so they hold in any zone.
 *
 * Days are handled as "day indices": whole days since 1970-01-01 in the local calendar, computed
 * from the local date parts, so daylight-saving transitions never shift a day.
 */

const MS_PER_DAY = 86_400_000;

export interface PublicHoliday {
  /** local date, `YYYY-MM-DD` */
  date: string;
  dayIndex: number;
  name: string;
}

/** A span of whole local days the contact was away (from an out-of-office reply); inclusive. */
export interface AbsenceInterval {
  from: number;
  to: number;
}

export interface WorkingDayOptions {
  absences?: readonly AbsenceInterval[];
}

/** Local calendar day of an epoch-ms instant, as whole days since 1970-01-01. */
export function localDayIndex(ms: number): number {
  // getTimezoneOffset is UTC minus local time at that instant (daylight saving included); one
  // offset lookup is about twice as fast as reading the local year, month and day.
  return Math.floor((ms - new Date(ms).getTimezoneOffset() * 60_000) / MS_PER_DAY);
}

/** Day index of a calendar date; `monthIndex` is 0-based like `Date`. */
export function dayIndexOf(year: number, monthIndex: number, day: number): number {
  return Math.floor(Date.UTC(year, monthIndex, day) / MS_PER_DAY);
}

/** The calendar date of a day index: `{ year, month (1-12), day }`. */
export function dateOfDayIndex(dayIndex: number): { year: number; month: number; day: number } {
  // Civil date from days since 1970-01-01 (H. Hinnant's algorithm): no Date object in hot loops.
  const shifted = dayIndex + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** 0 = Sunday ... 6 = Saturday, like `Date#getDay`. 1970-01-01 was a Thursday. */
export function weekdayOfDayIndex(dayIndex: number): number {
  return (((dayIndex + 4) % 7) + 7) % 7;
}

/** Local midnight at the start of the day of `ms`. */
export function startOfLocalDay(ms: number): number {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** The last millisecond of the local day of `ms` ("until 5 December" means through this instant). */
export function endOfLocalDay(ms: number): number {
  const date = new Date(ms);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), 23, 59, 59, 999).getTime();
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): { month: number; day: number } {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { month, day };
}

/**
 * Bevrijdingsdag (5 May) is a national holiday every year, but a paid day off for most government
 * staff only in lustrum years (2025, 2030, ...), as in the collective agreements of many
 * municipalities. We follow the lustrum rule (the issue asks for it); a cao that grants it every
 * year only makes us count one day too many in four years out of five.
 */
export function isBevrijdingsdagDayOff(year: number): boolean {
  return year % 5 === 0;
}

/**
 * The Dutch public holidays of a year on which government offices are closed.
 *
 * Goede Vrijdag is not a statutory day off for everyone, but the government (Rijk, most
 * municipalities) closes; a civil servant does not read mail that day, so it is not a working day.
 * Koningsdag is 27 April, or 26 April when the 27th is a Sunday (since 2014; before that
 * Koninginnedag on 30 April, or 29 April when the 30th was a Sunday).
 */
export function dutchPublicHolidays(year: number): readonly PublicHoliday[] {
  return holidaysOfYear(year).list;
}

/** The public holiday on the local day of `ms`, or null. */
export function publicHolidayOn(ms: number): PublicHoliday | null {
  const dayIndex = localDayIndex(ms);
  const { year } = dateOfDayIndex(dayIndex);
  return holidaysOfYear(year).list.find((holiday) => holiday.dayIndex === dayIndex) ?? null;
}

/** Monday to Friday and no public holiday (local date of `ms`). */
export function isWorkingDay(ms: number): boolean {
  return isWorkingDayIndex(localDayIndex(ms));
}

export function isWorkingDayIndex(dayIndex: number): boolean {
  const weekday = weekdayOfDayIndex(dayIndex);
  if (weekday === 0 || weekday === 6) return false;
  const { year } = dateOfDayIndex(dayIndex);
  return !holidaysOfYear(year).weekdayIndexSet.has(dayIndex);
}

/**
 * Whole working days from `from` to `to`: the working days after the local day of `from`, up to and
 * including the local day of `to`. A mail sent on Friday and answered on Monday took 1 working day;
 * answered the same day, 0. Days inside an absence interval are not counted. `to` before `from`
 * (clock skew) gives 0, never a negative number; non-finite input gives 0.
 */
export function workingDaysBetween(from: number, to: number, options: WorkingDayOptions = {}): number {
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return 0;
  const fromDay = localDayIndex(from);
  const toDay = localDayIndex(to);
  if (toDay <= fromDay) return 0;
  let count = workingDaysInDayRange(fromDay, toDay);
  const absences = options.absences;
  if (absences && absences.length > 0 && count > 0) {
    for (const [absentFrom, absentTo] of mergeAbsenceDays(absences)) {
      const start = Math.max(absentFrom, fromDay + 1);
      const end = Math.min(absentTo, toDay);
      if (start <= end) count -= workingDaysInDayRange(start - 1, end);
    }
  }
  return Math.max(0, count);
}

/** The instant `days` working days after `from` (same time of day), e.g. for "reactie verwacht vóór". */
export function addWorkingDays(from: number, days: number): number {
  let dayIndex = localDayIndex(from);
  let remaining = Math.max(0, Math.floor(days));
  while (remaining > 0) {
    dayIndex += 1;
    if (isWorkingDayIndex(dayIndex)) remaining -= 1;
  }
  const date = new Date(from);
  const target = dateOfDayIndex(dayIndex);
  return new Date(
    target.year,
    target.month - 1,
    target.day,
    date.getHours(),
    date.getMinutes(),
    date.getSeconds(),
    date.getMilliseconds(),
  ).getTime();
}

/** Absence intervals as sorted, merged, inclusive day-index ranges. */
export function mergeAbsenceDays(absences: readonly AbsenceInterval[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const absence of absences) {
    if (!Number.isFinite(absence.from) || !Number.isFinite(absence.to) || absence.to < absence.from) continue;
    ranges.push([localDayIndex(absence.from), localDayIndex(absence.to)]);
  }
  ranges.sort((left, right) => left[0] - right[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** Working days in the day-index range (afterDay, throughDay]. */
function workingDaysInDayRange(afterDay: number, throughDay: number): number {
  if (throughDay <= afterDay) return 0;
  let count = weekdaysBefore(throughDay + 1) - weekdaysBefore(afterDay + 1);
  const firstYear = dateOfDayIndex(afterDay + 1).year;
  const lastYear = dateOfDayIndex(throughDay).year;
  for (let year = firstYear; year <= lastYear; year += 1) {
    const sorted = holidaysOfYear(year).weekdayIndices;
    count -= countInRange(sorted, afterDay + 1, throughDay);
  }
  return count;
}

/** 1969-12-29 (day index -3) was a Monday: the base of the weekday arithmetic. */
const BASE_MONDAY = -3;

/** Number of Mondays-to-Fridays with a day index below `dayIndex`, counted from BASE_MONDAY. */
function weekdaysBefore(dayIndex: number): number {
  const offset = dayIndex - BASE_MONDAY;
  const weeks = Math.floor(offset / 7);
  const rest = offset - weeks * 7;
  return weeks * 5 + Math.min(rest, 5);
}

/** How many values of a sorted array lie in [low, high]. */
function countInRange(sorted: readonly number[], low: number, high: number): number {
  return lowerBound(sorted, high + 1) - lowerBound(sorted, low);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface YearHolidays {
  list: PublicHoliday[];
  /** holidays that fall on Monday to Friday: the only ones that change a working-day count */
  weekdayIndices: number[];
  weekdayIndexSet: Set<number>;
}

/** Filled lazily: a year is computed the first time a date in it is asked about. */
const holidayCache = new Map<number, YearHolidays>();

function holidaysOfYear(year: number): YearHolidays {
  const cached = holidayCache.get(year);
  if (cached) return cached;
  const easter = easterSunday(year);
  const easterIndex = dayIndexOf(year, easter.month - 1, easter.day);
  const entries: Array<[number, string]> = [
    [dayIndexOf(year, 0, 1), 'Nieuwjaarsdag'],
    [easterIndex - 2, 'Goede Vrijdag'],
    [easterIndex, 'Eerste Paasdag'],
    [easterIndex + 1, 'Tweede Paasdag'],
    kingsDay(year),
    [easterIndex + 39, 'Hemelvaartsdag'],
    [easterIndex + 49, 'Eerste Pinksterdag'],
    [easterIndex + 50, 'Tweede Pinksterdag'],
    [dayIndexOf(year, 11, 25), 'Eerste Kerstdag'],
    [dayIndexOf(year, 11, 26), 'Tweede Kerstdag'],
  ];
  if (isBevrijdingsdagDayOff(year)) entries.push([dayIndexOf(year, 4, 5), 'Bevrijdingsdag']);
  entries.sort((left, right) => left[0] - right[0]);
  const list = entries.map(([dayIndex, name]) => ({ date: isoDate(dayIndex), dayIndex, name }));
  const weekdayIndices = list
    .map((holiday) => holiday.dayIndex)
    .filter((dayIndex) => {
      const weekday = weekdayOfDayIndex(dayIndex);
      return weekday !== 0 && weekday !== 6;
    });
  const result: YearHolidays = { list, weekdayIndices, weekdayIndexSet: new Set(weekdayIndices) };
  holidayCache.set(year, result);
  return result;
}

function kingsDay(year: number): [number, string] {
  if (year >= 2014) {
    const the27th = dayIndexOf(year, 3, 27);
    return weekdayOfDayIndex(the27th) === 0 ? [the27th - 1, 'Koningsdag'] : [the27th, 'Koningsdag'];
  }
  const the30th = dayIndexOf(year, 3, 30);
  return weekdayOfDayIndex(the30th) === 0 ? [the30th - 1, 'Koninginnedag'] : [the30th, 'Koninginnedag'];
}

function isoDate(dayIndex: number): string {
  const { year, month, day } = dateOfDayIndex(dayIndex);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
