import { afterEach, describe, expect, it } from 'vitest';
import { describeReason, detectLocale, formatDuration, formatRelativeDay, setLocale, t } from '@/lib/i18n';
import { REASON_CODES, reason } from '@/lib/vocabulary/reasons';
import { MESSAGES } from '@/lib/i18n/messages';

const at = (iso: string) => new Date(iso).getTime();

afterEach(() => setLocale('nl'));

describe('i18n', () => {
  it('has every key in both languages, with the same placeholders', () => {
    for (const key of Object.keys(MESSAGES.nl) as (keyof typeof MESSAGES.nl)[]) {
      const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(MESSAGES.en[key]), key).toEqual(placeholders(MESSAGES.nl[key]));
    }
  });

  it('has a text for every reason code in both languages, with its values filled in', () => {
    for (const code of REASON_CODES) {
      const key = `reason_${code.replaceAll('-', '_')}`;
      expect(Object.hasOwn(MESSAGES.nl, key) && Object.hasOwn(MESSAGES.en, key), key).toBe(true);
    }
    expect(describeReason(reason('record-quarantined', { table: 'contacts', field: 'addresses' }))).toBe(
      'beschadigd contact apart gezet (veld addresses); opnieuw opgebouwd uit wat de pagina toont',
    );
    expect(describeReason({ code: 'from-a-newer-build' })).toBe('onbekende reden (from-a-newer-build)');
    setLocale('en');
    expect(describeReason(reason('invalid-record', { table: 'threads', field: 'subject' }))).toBe(
      'not stored: invalid conversation (field subject); the rest was stored',
    );
  });

  it('is Dutch unless the browser speaks English', () => {
    expect(detectLocale('nl-NL')).toBe('nl');
    expect(detectLocale('de-DE')).toBe('nl');
    expect(detectLocale('en-GB')).toBe('en');
    expect(detectLocale('')).toBe('nl');
  });

  it('fills placeholders as text', () => {
    expect(t('contactsCount', { count: 3 })).toBe('3 contacten');
    setLocale('en');
    expect(t('contactsCount', { count: '<b>3</b>' })).toBe('<b>3</b> contacts');
  });

  it.each([
    ['2026-01-01T12:00', '2026-01-02T12:00', '1 dag', '1 day'],
    ['2026-01-01T12:00', '2026-01-10T12:00', '9 dagen', '9 days'],
    ['2026-01-01T12:00', '2026-01-22T12:00', '3 weken', '3 weeks'],
    ['2026-01-01T12:00', '2026-03-01T12:00', '2 maanden', '2 months'],
    ['2025-09-15T12:00', '2026-05-20T12:00', '8 maanden', '8 months'],
    ['2025-01-10T12:00', '2026-01-10T12:00', '1 jaar', '1 year'],
    ['2024-11-01T12:00', '2026-01-05T12:00', '1 jaar en 2 maanden', '1 year and 2 months'],
    ['2021-03-01T12:00', '2026-04-02T12:00', '5 jaar en 1 maand', '5 years and 1 month'],
  ])('a duration from %s to %s is "%s" ("%s")', (from, to, dutch, english) => {
    expect(formatDuration(at(from), at(to))).toBe(dutch);
    setLocale('en');
    expect(formatDuration(at(from), at(to))).toBe(english);
  });

  it('says today, yesterday, days ago, then a date', () => {
    const now = at('2026-11-27T10:00');
    expect(formatRelativeDay(at('2026-11-27T08:00'), now)).toBe('vandaag');
    expect(formatRelativeDay(at('2026-11-26T23:00'), now)).toBe('gisteren');
    expect(formatRelativeDay(at('2026-11-20T10:00'), now)).toBe('7 dagen geleden');
    expect(formatRelativeDay(at('2026-09-01T10:00'), now)).toMatch(/2026/);
  });
});
