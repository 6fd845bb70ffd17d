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
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in values ? String(values[name]) : match,
  );
}

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
