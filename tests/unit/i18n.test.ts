import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  describeReason,
  detectLocale,
  formatDate,
  formatDuration,
  formatRelativeDay,
  hasMessage,
  setLocale,
  setTranslationProblemReporter,
  t,
  type MessageKey,
  type TranslationProblem,
} from '@/lib/i18n';
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

describe('t() never throws', () => {
  const problems: TranslationProblem[] = [];
  let previous: ((problem: TranslationProblem) => void) | undefined;
  beforeEach(() => {
    problems.length = 0;
    previous = setTranslationProblemReporter((problem) => problems.push(problem));
  });
  afterEach(() => {
    if (previous) setTranslationProblemReporter(previous);
  });

  it.each([
    ['a role this build does not know', 'role_schepen', '⟦role_schepen⟧'],
    ['a status made from a damaged record', 'status_undefined', '⟦status_undefined⟧'],
    ['a key of every object', 'constructor', '⟦constructor⟧'],
    ['another one', 'toString', '⟦toString⟧'],
  ])('renders %s visibly and reports it', (_case, key, shown) => {
    expect(t(key as MessageKey)).toBe(shown);
    expect(problems).toEqual([{ kind: 'missing-key', key }]);
  });

  it.each([
    ['absent', {}],
    ['undefined', { count: undefined }],
    ['null', { count: null }],
    ['NaN', { count: Number.NaN }],
    ['Infinity', { count: Number.POSITIVE_INFINITY }],
    ['an object without a way to become text', { count: Object.create(null) }],
  ])('shows a placeholder whose value is %s as "?" and reports it', (_case, values) => {
    expect(t('contactsCount', values as unknown as Record<string, number>)).toBe('? contacten');
    expect(problems).toEqual([{ kind: 'missing-value', key: 'contactsCount', placeholder: 'count' }]);
  });

  it('survives a reporter that throws', () => {
    setTranslationProblemReporter(() => {
      throw new Error('broken logger');
    });
    expect(t('role_schepen' as MessageKey)).toBe('⟦role_schepen⟧');
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 9e15, 'gisteren' as unknown as number])('shows the time %s as unknown', (at) => {
    expect(formatDate(at)).toBe('onbekend');
    expect(formatRelativeDay(at, Date.now())).toBe('onbekend');
    expect(formatDuration(at, Date.now())).toBe('onbekend');
    setLocale('en');
    expect(formatDate(at)).toBe('unknown');
  });

  it('knows which keys are messages', () => {
    expect(hasMessage('problem_no_date')).toBe(true);
    expect(hasMessage('problem_warp_drive')).toBe(false);
    expect(hasMessage('constructor')).toBe(false);
  });
});
