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

/** Looks up a message and fills its {placeholders}; values are inserted as text, never HTML. */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  const template: string = MESSAGES[currentLocale][key] ?? MESSAGES.nl[key];
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}

export function formatDate(at: number, locale: Locale = currentLocale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium' }).format(at);
}

/** A day as people write it in a line: "24 nov" (nl), "24 Nov" (en). */
export function formatShortDate(at: number, locale: Locale = currentLocale): string {
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short' })
    .format(at)
    .replace(/\.$/, '');
}

/** A meeting's moment: its day and, unless all-day, its time ("24 nov 14:00"). */
export function formatMeetingTime(at: number, allDay: boolean, locale: Locale = currentLocale): string {
  if (allDay) return formatShortDate(at, locale);
  const time = new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { hour: '2-digit', minute: '2-digit' }).format(at);
  return `${formatShortDate(at, locale)} ${time}`;
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
