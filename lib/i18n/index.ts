import type { Evidence } from '../vocabulary/evidence';
import { MESSAGES, type Locale, type MessageKey } from './messages';

export type { Locale, MessageKey };

/** Dutch unless the browser's UI language is English. */
export function detectLocale(language: string | undefined = globalThis.navigator?.language): Locale {
  return language?.toLowerCase().startsWith('en') ? 'en' : 'nl';
}

let currentLocale: Locale = detectLocale();

export function setLocale(locale: Locale): void {
  currentLocale = locale;
}

export function getLocale(): Locale {
  return currentLocale;
}

/** A message that could not be made as asked: a key no language has, or a placeholder without a value. */
export type TranslationProblem =
  { kind: 'missing-key'; key: string } | { kind: 'missing-value'; key: string; placeholder: string };

const reported = new Set<string>();
let onProblem: (problem: TranslationProblem) => void = (problem) => {
  // once per problem: a list of 300 rows with one corrupt value must not flood the console
  const id = JSON.stringify(problem);
  if (reported.has(id)) return;
  reported.add(id);
  console.warn('Gemeenteradar i18n:', problem);
};

/** Where t() reports what it could not make (default: a console warning, once each); returns the previous reporter. */
export function setTranslationProblemReporter(
  reporter: (problem: TranslationProblem) => void,
): (problem: TranslationProblem) => void {
  const previous = onProblem;
  onProblem = reporter;
  return previous;
}

function report(problem: TranslationProblem): void {
  try {
    onProblem(problem);
  } catch {
    // a failing reporter must not take the page down with it
  }
}

/** What stands in for a value that is not there (or not a value): visible, never "undefined" or "NaN". */
export const MISSING_VALUE = '?';

function valueText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (value === undefined || value === null) return null;
  try {
    return String(value);
  } catch {
    return null; // an object without a way to become text
  }
}

/** A message cut at its placeholders: text as written, and each filled value on its own. */
export type MessagePart = string | { placeholder: string; value: string };

/**
 * A message as parts, for pages that render each value apart (in a `<bdi>`: names, addresses and
 * subjects from mail must not reorder the sentence around them). Never throws, like t().
 */
export function tParts(key: MessageKey, values: Readonly<Record<string, string | number>> = {}): MessagePart[] {
  return partsIn(currentLocale, key, values);
}

/** tParts in a given language (Dutch when the key is missing there). */
function partsIn(locale: Locale, key: MessageKey, values: Readonly<Record<string, string | number>>): MessagePart[] {
  const template = templateOf(locale, key) ?? templateOf('nl', key);
  if (template === undefined) {
    report({ kind: 'missing-key', key: String(key) });
    return [`⟦${String(key)}⟧`];
  }
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const placeholder = match[1]!;
    if (match.index > last) parts.push(template.slice(last, match.index));
    last = match.index + match[0].length;
    const text = values && Object.hasOwn(values, placeholder) ? valueText(values[placeholder]) : null;
    if (text === null) report({ kind: 'missing-value', key, placeholder });
    parts.push({ placeholder, value: text ?? MISSING_VALUE });
  }
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

/**
 * Looks up a message and fills its {placeholders}; values are inserted as text, never HTML.
 * Never throws: a key no language has shows as `⟦key⟧`, a missing or non-finite value as `?`,
 * and either is reported (setTranslationProblemReporter) so it gets fixed rather than hidden.
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return translate(currentLocale, key, values);
}

/** A message in a given language (Dutch when the key is missing there); never throws, like t(). */
export function translate(locale: Locale, key: MessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  return partsIn(locale, key, values)
    .map((part) => (typeof part === 'string' ? part : part.value))
    .join('');
}

/** Whether a key names a message (for keys made from stored codes: `problem_${code}`). */
export function hasMessage(key: string): key is MessageKey {
  return templateOf('nl', key as MessageKey) !== undefined;
}

function templateOf(locale: Locale, key: MessageKey): string | undefined {
  const messages: Record<string, string> = MESSAGES[locale];
  // own keys only: "constructor" or "toString" are no messages
  return typeof key === 'string' && Object.hasOwn(messages, key) && typeof messages[key] === 'string' ? messages[key] : undefined;
}

/** A time we can show: a finite number of ms in the range a Date holds. */
function isShowableTime(at: unknown): at is number {
  return typeof at === 'number' && Number.isFinite(at) && Math.abs(at) <= 8.64e15;
}

/** Fills a template's {placeholders}; values are inserted as text, never HTML. */
export function fill(template: string, values: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

/**
 * A reason (lib/vocabulary/reasons.ts) in the user's language: key `reason_<code>`, its values
 * filled in, a table named as the user knows it ("contact", not "contacts").
 */
export function describeReason({ code, values = {} }: Evidence): string {
  const key = `reason_${code.replaceAll('-', '_')}`;
  if (!Object.hasOwn(MESSAGES.nl, key)) return t('reason_unknown', { code });
  const filled: Record<string, string | number> = { ...values };
  const tableKey = `record_${values.table}`;
  if (typeof values.table === 'string' && Object.hasOwn(MESSAGES.nl, tableKey)) filled.table = t(tableKey as MessageKey);
  return t(key as MessageKey, filled);
}

/** A count as people write it: "3", and a fraction with one decimal ("2,5" in Dutch, "2.5" in English). */
export function formatCount(count: number, locale: Locale = currentLocale): string {
  if (Number.isInteger(count)) return String(count);
  const fixed = count.toFixed(1);
  return locale === 'nl' ? fixed.replace('.', ',') : fixed;
}

/**
 * The singular or the plural message for a count (Dutch and English alike: one is singular,
 * everything else plural, "0 pogingen", "2,5 werkdagen"); the count is filled in as {count}.
 */
export function plural(
  count: number,
  one: MessageKey,
  other: MessageKey,
  values: Record<string, string | number> = {},
  locale: Locale = currentLocale,
): string {
  return translate(locale, count === 1 ? one : other, { ...values, count: formatCount(count, locale) });
}

/** "a", "a en b", "a, b en c" (English: "a, b and c"). */
export function joinList(items: readonly string[], locale: Locale = currentLocale): string {
  if (items.length <= 1) return items[0] ?? '';
  return translate(locale, 'listAnd', { list: items.slice(0, -1).join(', '), last: items[items.length - 1]! });
}

/** "5 december", with the year when it is not the year of `now` ("5 december 2027"); English "5 December". */
export function formatDayMonth(at: number, now: number = Date.now(), locale: Locale = currentLocale): string {
  if (!isShowableTime(at) || !isShowableTime(now)) return t('unknownTime');
  const date = new Date(at);
  const month = translate(locale, MONTH_KEYS[date.getMonth()]!);
  const text = `${date.getDate()} ${month}`;
  return new Date(now).getFullYear() === date.getFullYear() ? text : `${text} ${date.getFullYear()}`;
}

/** A calendar day written "2022-03-24": "24-03-2022" in Dutch evidence, "24 March 2022" in English. */
export function formatIsoDay(isoDay: string, locale: Locale = currentLocale): string {
  const [year, month, day] = isoDay.split('-');
  if (!year || !month || !day) return isoDay;
  if (locale === 'nl') return `${day}-${month}-${year}`;
  const monthKey = MONTH_KEYS[Number(month) - 1];
  return monthKey ? `${Number(day)} ${translate(locale, monthKey)} ${year}` : isoDay;
}

const MONTH_KEYS = [
  'month_1',
  'month_2',
  'month_3',
  'month_4',
  'month_5',
  'month_6',
  'month_7',
  'month_8',
  'month_9',
  'month_10',
  'month_11',
  'month_12',
] as const satisfies readonly MessageKey[];

/** A date, or "onbekend" for a time that is not one (a corrupt record must not break the page). */
export function formatDate(at: number, locale: Locale = currentLocale): string {
  if (!isShowableTime(at)) return t('unknownTime');
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium' }).format(at);
}

/** A day as people write it in a line: "24 nov" (nl), "24 Nov" (en). */
export function formatShortDate(at: number, locale: Locale = currentLocale): string {
  if (!isShowableTime(at)) return t('unknownTime');
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short' })
    .format(at)
    .replace(/\.$/, '');
}

/** A meeting's moment: its day and, unless all-day, its time ("24 nov 14:00"). */
export function formatMeetingTime(at: number, allDay: boolean, locale: Locale = currentLocale): string {
  if (!isShowableTime(at)) return t('unknownTime');
  if (allDay) return formatShortDate(at, locale);
  const time = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(at);
  return `${formatShortDate(at, locale)} ${time}`;
}

/** "vandaag", "gisteren", "12 dagen geleden", or a date for anything older than a month. */
export function formatRelativeDay(at: number, now: number, locale: Locale = currentLocale): string {
  if (!isShowableTime(at) || !isShowableTime(now)) return t('unknownTime');
  const startOfDay = (ms: number) => {
    const date = new Date(ms);
    date.setHours(0, 0, 0, 0);
    return date.getTime();
  };
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  if (days <= 0) return t('today');
  if (days === 1) return t('yesterday');
  if (days <= 31) return t('daysAgo', { count: days });
  return formatDate(at, locale);
}

/**
 * A duration in words, as people say it: "5 dagen", "3 weken", "8 maanden", "1 jaar en 2 maanden".
 * Months are counted on the calendar (from `from` to `to`), not as 30-day blocks.
 */
export function formatDuration(from: number, to: number): string {
  if (!isShowableTime(from) || !isShowableTime(to)) return t('unknownTime');
  const days = Math.max(0, Math.floor((to - from) / 86_400_000));
  if (days < 14) return days === 1 ? t('durationDay') : t('durationDays', { count: days });
  const start = new Date(from);
  const end = new Date(to);
  let months = (end.getFullYear() - start.getFullYear()) * 12 + (end.getMonth() - start.getMonth());
  if (end.getDate() < start.getDate()) months -= 1;
  if (months < 2) {
    const weeks = Math.floor(days / 7);
    return weeks === 1 ? t('durationWeek') : t('durationWeeks', { count: weeks });
  }
  if (months < 12) return t('durationMonths', { count: months });
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const yearText = years === 1 ? t('durationYear') : t('durationYears', { count: years });
  if (rest === 0) return yearText;
  return t('durationAnd', { a: yearText, b: rest === 1 ? t('durationMonth') : t('durationMonths', { count: rest }) });
}
