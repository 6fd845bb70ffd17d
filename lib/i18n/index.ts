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

/** A message in a given language (Dutch when the key is missing there). */
export function translate(locale: Locale, key: MessageKey, values: Readonly<Record<string, string | number>> = {}): string {
  return fill(MESSAGES[locale][key] ?? MESSAGES.nl[key], values);
}

/** Looks up a message in the UI language and fills its {placeholders}, as text. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return translate(currentLocale, key, values);
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

export function formatDate(at: number, locale: Locale = currentLocale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium' }).format(at);
}

/** "vandaag", "gisteren", "12 dagen geleden", or a date for anything older than a month. */
export function formatRelativeDay(at: number, now: number, locale: Locale = currentLocale): string {
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
