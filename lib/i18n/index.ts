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
export type TranslationProblem = { kind: 'missing-key'; key: string } | { kind: 'missing-value'; key: string; placeholder: string };

const reported = new Set<string>();
let onProblem: (problem: TranslationProblem) => void = (problem) => {
  // once per problem: a list of 300 rows with one corrupt value must not flood the console
  const id = JSON.stringify(problem);
  if (reported.has(id)) return;
  reported.add(id);
  console.warn('Gemeenteradar i18n:', problem);
};

/** Where t() reports what it could not make (default: a console warning, once each); returns the previous reporter. */
export function setTranslationProblemReporter(reporter: (problem: TranslationProblem) => void): (problem: TranslationProblem) => void {
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
export function tParts(key: MessageKey, values: Record<string, string | number> = {}): MessagePart[] {
  const template = templateOf(currentLocale, key) ?? templateOf('nl', key);
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
  return tParts(key, values)
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

/** A date, or "onbekend" for a time that is not one (a corrupt record must not break the page). */
export function formatDate(at: number, locale: Locale = currentLocale): string {
  if (!isShowableTime(at)) return t('unknownTime');
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium' }).format(at);
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
