/** How the import page writes sizes, shares and times (through t(), in the page's language). */
import { getLocale, t } from '@/lib/i18n';

const number = (value: number, digits = 0) =>
  new Intl.NumberFormat(getLocale() === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits }).format(value);

export function formatCount(value: number): string {
  return number(value);
}

export function formatSize(bytes: number): string {
  if (bytes < 1_000_000) return t('importSizeKB', { count: number(Math.max(bytes, bytes > 0 ? 1000 : 0) / 1000) });
  if (bytes < 1_000_000_000) return t('importSizeMB', { count: number(bytes / 1_000_000, 1) });
  return t('importSizeGB', { count: number(bytes / 1_000_000_000, 2) });
}

/** Whole per cent, never 100 before the end. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return done >= total ? 100 : Math.min(99, Math.floor((done / total) * 100));
}

export function formatTimeLeft(seconds: number | null): string {
  if (seconds === null) return t('importTimeLeftUnknown');
  if (seconds < 90) return t('importTimeLeftSeconds', { count: Math.max(1, Math.ceil(seconds / 5) * 5) });
  return t('importTimeLeftMinutes', { count: Math.round(seconds / 60) });
}
