/**
 * Evidence leaves lib/ as codes with values; the pages render it in the user's language. Dutch
 * and English, singular and plural, dates and lists, and what the v11 migration kept as text.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCount, joinList, plural, setLocale } from '@/lib/i18n';
import { evidenceText } from '@/lib/i18n/evidence';
import { MESSAGES } from '@/lib/i18n/messages';
import { evidence, evidenceList, type Evidence } from '@/lib/vocabulary/evidence';

beforeEach(() => setLocale('nl'));
afterEach(() => setLocale('nl'));

const at = (iso: string) => new Date(iso).getTime();
const NOW = at('2026-12-03T10:00:00');

describe('plural', () => {
  it.each([
    [0, '0 pogingen', '0 attempts'],
    [1, '1 poging', '1 attempt'],
    [2, '2 pogingen', '2 attempts'],
  ])('%d attempts', (count, dutch, english) => {
    expect(plural(count, 'unit_attempts_one', 'unit_attempts_other')).toBe(dutch);
    setLocale('en');
    expect(plural(count, 'unit_attempts_one', 'unit_attempts_other')).toBe(english);
  });

  it('writes a fraction with the decimal sign of the language', () => {
    expect(formatCount(2.5, 'nl')).toBe('2,5');
    expect(formatCount(2.5, 'en')).toBe('2.5');
    expect(plural(2.5, 'unit_workingDays_one', 'unit_workingDays_other', {}, 'nl')).toBe('2,5 werkdagen');
  });

  it('joins a list as the language does', () => {
    expect(joinList(['wethouder'], 'nl')).toBe('wethouder');
    expect(joinList(['a', 'b', 'c'], 'nl')).toBe('a, b en c');
    expect(joinList(['a', 'b'], 'en')).toBe('a and b');
    expect(joinList([], 'en')).toBe('');
  });
});

describe('evidenceText', () => {
  const rows: [string, Evidence, string, string][] = [
    ['a domain', evidence('municipality-domain', { domain: 'zwolle.nl' }), 'domein zwolle.nl', 'domain zwolle.nl'],
    [
      'a title in the signature',
      evidence('role-title-signature', { title: 'wethouder' }),
      'handtekening: wethouder',
      'signature: wethouder',
    ],
    [
      'waiting, with a date this year',
      evidence('waiting-since', { workingDays: 23, since: at('2026-11-02T11:00:00') }),
      '23 werkdagen wachten (sinds 2 november)',
      'waiting 23 working days (since 2 November)',
    ],
    [
      'a date of another year',
      evidence('absent-until', { until: at('2027-01-04T12:00:00') }),
      'afwezig tot 4 januari 2027',
      'away until 4 January 2027',
    ],
    ['one attempt', evidence('attempts-unanswered', { attempts: 1 }), '1 poging zonder antwoord', '1 attempt without reply'],
    [
      'a verb that agrees: one',
      evidence('attempts-during-absence', { attempts: 1 }),
      '1 poging tijdens afwezigheid telt niet mee voor de drie-pogingenregel',
      '1 attempt during an absence does not count for the three-attempts rule',
    ],
    [
      'a verb that agrees: several',
      evidence('attempts-during-absence', { attempts: 3 }),
      '3 pogingen tijdens afwezigheid tellen niet mee voor de drie-pogingenregel',
      '3 attempts during an absence do not count for the three-attempts rule',
    ],
    [
      'a median with a fraction',
      evidence('usual-response', { workingDays: 2.5, answers: 2 }),
      'reageert meestal na 2,5 werkdagen (mediaan van 2 antwoorden)',
      'usually answers after 2.5 working days (median of 2 answers)',
    ],
    [
      'an interaction kind',
      evidence('last-response', { at: at('2026-11-05T09:00:00'), interaction: 'call' }),
      'laatste reactie 5 november (gesprek)',
      'last response 5 November (call)',
    ],
    [
      'where a mention was read',
      evidence('mention', { quote: 'gemeente Zwolle', source: 'subject' }),
      'vermelding "gemeente Zwolle" in onderwerp',
      'mention "gemeente Zwolle" in subject',
    ],
    [
      'an organisation kind',
      evidence('role-organisation-kind', { kind: 'welzijnsorganisatie' }),
      'organisatie: welzijnsorganisatie',
      'organisation: welfare organisation',
    ],
    [
      'a merger, the day written as the data has it',
      evidence('merged-domain', {
        domain: 'weesp.nl',
        name: 'Weesp',
        date: '2022-03-24',
        successors: evidenceList(['Amsterdam']),
      }),
      'weesp.nl: Weesp is sinds 24-03-2022 Amsterdam',
      'weesp.nl: Weesp is part of Amsterdam since 24 March 2022',
    ],
    [
      'a split: successors as a list',
      evidence('merger-split', {
        name: 'Haaren',
        date: '2021-01-01',
        successors: evidenceList(['Boxtel', 'Oisterwijk', 'Tilburg', 'Vught']),
      }),
      'Haaren is sinds 01-01-2021 verdeeld over Boxtel, Oisterwijk, Tilburg en Vught',
      'Haaren was divided between Boxtel, Oisterwijk, Tilburg and Vught on 1 January 2021',
    ],
    [
      'advice for one responsive contact',
      evidence('advice-alternatives', { count: 1, roles: evidenceList(['wethouder']) }),
      'Richt je op andere partijen: 1 reagerend contact bij wethouder.',
      'Aim at other parties: 1 responsive contact as alderman.',
    ],
    [
      'roles as words, joined',
      evidence('advice-open-roles', { roles: evidenceList(['wethouder', 'gemeenteraad']) }),
      'Richt je op andere partijen: nog geen reagerend contact in een andere rol; zoek een ingang bij wethouder en gemeenteraad.',
      'Aim at other parties: no responsive contact in another role yet; look for a way in with alderman and council.',
    ],
    [
      'a repair note',
      evidence('threshold-max-invalid', { role: 'ambtenaar' }),
      'ambtenaar: maximum ongeldig, standaard gebruikt',
      'civil servant: maximum invalid, default used',
    ],
    [
      'text kept from before codes',
      evidence('legacy', { text: 'bewijs van vroeger' }),
      'bewijs van vroeger',
      'bewijs van vroeger',
    ],
    [
      'a code this build does not know',
      evidence('from-the-future', { domain: 'zwolle.nl' }),
      'from-the-future: zwolle.nl',
      'from-the-future: zwolle.nl',
    ],
  ];

  it.each(rows)('%s', (_what, line, dutch, english) => {
    expect(evidenceText(line, { locale: 'nl', now: NOW })).toBe(dutch);
    expect(evidenceText(line, { locale: 'en', now: NOW })).toBe(english);
  });

  it('follows the UI language when none is given', () => {
    const line = evidence('role-default-gemeente');
    expect(evidenceText(line)).toBe('medewerker van een gemeente: standaard ambtenaar');
    setLocale('en');
    expect(evidenceText(line)).toBe('works at a municipality: civil servant by default');
  });

  it('inserts values as text, never markup', () => {
    expect(evidenceText(evidence('org-signature-line', { quote: '<img src=x onerror=alert(1)>' }), { locale: 'en' })).toBe(
      'signature: "<img src=x onerror=alert(1)>"',
    );
  });

  it('has every evidence message in both languages, singular and plural alike', () => {
    const keys = (locale: 'nl' | 'en') =>
      Object.keys(MESSAGES[locale])
        .filter((key) => key.startsWith('evidence_'))
        .sort();
    expect(keys('en')).toEqual(keys('nl'));
    for (const key of keys('nl').filter((name) => name.endsWith('_one'))) {
      expect(keys('nl'), key).toContain(key.replace(/_one$/, '_other'));
    }
  });
});
