import { describe, expect, it } from 'vitest';
import { parseLocalizedDate, wallClockIn } from '@/lib/readers/dates';

// All expectations are wall-clock times in Amsterdam, so the tests pass in any machine zone.
const timeZone = 'Europe/Amsterdam';
// Friday 27 November 2026, 09:30 in Amsterdam (UTC+1)
const now = new Date('2026-11-27T09:30:00+01:00');

/**
 * epoch ms of an Amsterdam wall-clock time written as 'YYYY-MM-DD HH:MM', or of a full ISO
 * string with its offset (needed in March and October, the months of the summer-time switch).
 */
function amsterdam(wallClock: string): number {
  if (wallClock.includes('T')) return new Date(wallClock).getTime();
  const [date, time = '00:00'] = wallClock.split(' ');
  const utc = new Date(`${date}T${time.length === 5 ? `${time}:00` : time}Z`).getTime();
  // Amsterdam is UTC+1 in winter, UTC+2 from the last Sunday of March to the last of October.
  const month = Number(date!.slice(5, 7));
  const summer = month > 3 && month < 10 ? true : month === 3 || month === 10 ? null : false;
  if (summer === null) throw new Error('pick a date outside the DST switch months for this helper');
  return utc - (summer ? 2 : 1) * 3_600_000;
}

type Row = [text: string, localeHint: string | undefined, expected: string];

describe('parseLocalizedDate: absolute forms', () => {
  const rows: Row[] = [
    // Dutch (Gmail nl titles, Outlook nl)
    ['26 nov. 2026 14:03', 'nl', '2026-11-26 14:03'],
    ['do 26 nov. 2026 14:03', 'nl', '2026-11-26 14:03'],
    ['donderdag 26 november 2026 om 14:03', 'nl', '2026-11-26 14:03'],
    ['ma 6 jan. 2025, 09:05', 'nl', '2025-01-06 09:05'],
    ['4 mrt. 2026 8:00', 'nl', '2026-03-04T08:00+01:00'],
    ['12 mei 2026 16:45', 'nl', '2026-05-12 16:45'],
    ['1 okt. 2025 10:00', 'nl', '2025-10-01T10:00+02:00'],
    ['18-12-2014', 'nl', '2014-12-18 00:00'],
    ['18-12-2014 12:35', 'nl', '2014-12-18 12:35'],
    ['3-4-2026', 'nl', '2026-04-03 00:00'],
    ['14:03 uur', 'nl', '2026-11-27 14:03'],
    // English, US and UK
    ['Thu, Dec 18, 2014 at 12:35 PM', 'en', '2014-12-18 12:35'],
    ['Thu, Dec 18, 2014, 12:35\u202fPM', 'en-US', '2014-12-18 12:35'],
    ['Sat, Nov 15, 2014 at 12:52 AM', 'en', '2014-11-15 00:52'],
    ['Mon, Jul 28, 2014 at 12:08 PM', 'en', '2014-07-28 12:08'],
    ['Thursday, December 18th, 2014 12:35 p.m.', 'en', '2014-12-18 12:35'],
    ['20 Aug 2025, 13:19', 'en-GB', '2025-08-20 13:19'],
    ['Wed, 20 Aug 2025, 13:19', 'en-GB', '2025-08-20 13:19'],
    ['12/18/2014', 'en', '2014-12-18 00:00'],
    ['12/18/2014', 'en-GB', '2014-12-18 00:00'], // only valid month-first: not ambiguous
    ['18/12/2014', 'en-US', '2014-12-18 00:00'], // only valid day-first: not ambiguous
    ['03/04/2026', 'en-US', '2026-03-04T00:00+01:00'],
    ['03/04/2026', 'en-GB', '2026-04-03 00:00'],
    ['03/04/2026', 'nl', '2026-04-03 00:00'],
    ['3/4/26 2:05 PM', 'en-US', '2026-03-04T14:05+01:00'],
    ['2014-12-18 12:35', undefined, '2014-12-18 12:35'],
    // German
    ['Do., 18. Dez. 2014, 12:35', 'de', '2014-12-18 12:35'],
    ['Donnerstag, 18. Dezember 2014 um 12:35', 'de', '2014-12-18 12:35'],
    ['18. März 2026, 08:15 Uhr', 'de', '2026-03-18T08:15+01:00'],
    ['18.12.2014', 'de', '2014-12-18 00:00'],
    ['03.04.2026', undefined, '2026-04-03 00:00'], // dotted dates are day-first everywhere we read
  ];
  it.each(rows)('%s (%s)', (text, localeHint, expected) => {
    const parsed = parseLocalizedDate(text, { now, localeHint, timeZone });
    expect(parsed.at).toBe(amsterdam(expected));
    expect(parsed.raw).toBe(text.replace(/\u202f/g, ' '));
  });
});

describe('parseLocalizedDate: time only, short list dates and relative forms', () => {
  const rows: Row[] = [
    ['14:03', 'nl', '2026-11-27 14:03'],
    ['09:05', 'de', '2026-11-27 09:05'],
    ['2:03 PM', 'en', '2026-11-27 14:03'],
    ['12:35 PM (2 hours ago)', 'en', '2026-11-27 12:35'],
    ['12:35 (2 uur geleden)', 'nl', '2026-11-27 12:35'],
    ['12:00 AM', 'en', '2026-11-27 00:00'],
    // day and month without a year: this year, or last year when this year's would be future
    ['26 nov.', 'nl', '2026-11-26 00:00'],
    ['27 nov.', 'nl', '2026-11-27 00:00'],
    ['Nov 26', 'en', '2026-11-26 00:00'],
    ['Nov 28', 'en', '2025-11-28 00:00'],
    ['28 nov.', 'nl', '2025-11-28 00:00'],
    ['3 jan.', 'nl', '2026-01-03 00:00'],
    ['18. Dez.', 'de', '2025-12-18 00:00'],
    // relative
    ['Vandaag', 'nl', '2026-11-27 00:00'],
    ['Today 08:10', 'en', '2026-11-27 08:10'],
    ['Gisteren', 'nl', '2026-11-26 00:00'],
    ['gisteren 16:20', 'nl', '2026-11-26 16:20'],
    ['Yesterday', 'en', '2026-11-26 00:00'],
    ['Yesterday at 4:20 PM', 'en', '2026-11-26 16:20'],
    ['Gestern, 16:20', 'de', '2026-11-26 16:20'],
    ['Eergisteren', 'nl', '2026-11-25 00:00'],
    ['Vorgestern', 'de', '2026-11-25 00:00'],
    // weekdays: the most recent such day before today (today is a Friday)
    ['wo', 'nl', '2026-11-25 00:00'],
    ['wo 14:03', 'nl', '2026-11-25 14:03'],
    ['Thu', 'en', '2026-11-26 00:00'],
    ['Mon 9:00 AM', 'en', '2026-11-23 09:00'],
    ['Montag', 'de', '2026-11-23 00:00'],
    ['zo', 'nl', '2026-11-22 00:00'],
    ['vr', 'nl', '2026-11-20 00:00'], // today's weekday means a week ago: today shows a time
    ['Fr. 10:00', 'de', '2026-11-20 10:00'],
  ];
  it.each(rows)('%s (%s)', (text, localeHint, expected) => {
    expect(parseLocalizedDate(text, { now, localeHint, timeZone }).at).toBe(amsterdam(expected));
  });
});

describe('parseLocalizedDate: garbage and contradictions stay null, raw kept', () => {
  const garbage: Array<[string, string | undefined]> = [
    ['', 'nl'],
    ['   ', 'nl'],
    ['hello', 'en'],
    ['EDITEDec 2, 2014 at 10:59 AM', 'en'], // a corrupted title seen in a real capture
    ['03/04/2026', undefined], // ambiguous without a locale: never guess
    ['32 nov. 2026', 'nl'],
    ['31 feb 2026', 'en'],
    ['29 feb', 'nl'], // no 29 Feb this year nor last year
    ['25:00', 'nl'],
    ['13:00 PM', 'en'],
    ['12:61', 'nl'],
    ['14:00 - 15:00', 'nl'],
    ['26 27 nov.', 'nl'],
    ['nov dec 2026', 'en'],
    ['Gisteren wo', 'nl'],
    ['Yesterday Nov 26', 'en'],
    ['wo 26 nov. 2026 14:03', 'nl'], // 26 Nov 2026 is a Thursday: a contradiction, not a date
    ['Fri, Dec 18, 2014 at 12:35 PM', 'en'],
    ['18-12-2014 18-12-2014', 'nl'],
    ['1969-12-31', undefined],
    ['2:03 PMX', 'en'],
    ['42', 'nl'],
    ['<img src=x onerror=alert(1)>', 'en'],
    ['2 hours ago', 'en'],
  ];
  it.each(garbage)('%j (%s) -> null', (text, localeHint) => {
    const parsed = parseLocalizedDate(text, { now, localeHint, timeZone });
    expect(parsed.at).toBeNull();
    expect(parsed.raw).toBe(text.trim());
  });

  it('keeps at most 200 characters of raw text', () => {
    const parsed = parseLocalizedDate('x'.repeat(500), { now, timeZone });
    expect(parsed).toEqual({ at: null, raw: 'x'.repeat(200) });
  });

  it('an invalid now gives null, not a date relative to NaN', () => {
    expect(parseLocalizedDate('Gisteren', { now: new Date(Number.NaN), timeZone }).at).toBeNull();
  });
});

describe('parseLocalizedDate: time zones', () => {
  it('without a zone uses the local time of the browser', () => {
    const localNow = new Date(2026, 10, 27, 9, 30);
    expect(parseLocalizedDate('26 nov. 2026 14:03', { now: localNow }).at).toBe(new Date(2026, 10, 26, 14, 3).getTime());
    expect(parseLocalizedDate('Gisteren 08:00', { now: localNow }).at).toBe(new Date(2026, 10, 26, 8, 0).getTime());
    expect(parseLocalizedDate('14:03', { now: localNow }).at).toBe(new Date(2026, 10, 27, 14, 3).getTime());
  });

  it('reads the same text in another zone as another instant', () => {
    const amsterdamAt = parseLocalizedDate('20 Aug 2025, 13:19', { now, timeZone }).at!;
    const newYorkAt = parseLocalizedDate('20 Aug 2025, 13:19', { now, timeZone: 'America/New_York' }).at!;
    expect(newYorkAt - amsterdamAt).toBe(6 * 3_600_000);
  });

  it('handles summer time on both sides of the switch', () => {
    expect(parseLocalizedDate('28 mrt. 2026 12:00', { now, timeZone }).at).toBe(Date.UTC(2026, 2, 28, 11));
    expect(parseLocalizedDate('30 mrt. 2026 12:00', { now, timeZone }).at).toBe(Date.UTC(2026, 2, 30, 10));
  });

  it('"yesterday" is the calendar day before in the given zone, not 24 hours back', () => {
    // 00:30 on 27 Nov in Amsterdam is still 26 Nov in UTC
    const justAfterMidnight = new Date('2026-11-27T00:30:00+01:00');
    expect(parseLocalizedDate('Gisteren 23:00', { now: justAfterMidnight, timeZone }).at).toBe(amsterdam('2026-11-26 23:00'));
  });
});

describe('wallClockIn', () => {
  const clock = (iso: string, zone: string) => {
    const c = wallClockIn(Date.parse(iso), zone);
    return `${c.year}-${c.month}-${c.day} ${c.hour}:${c.minute}:${c.second} wd${c.weekday}`;
  };
  it.each([
    ['2026-03-29T00:59:59Z', 'Europe/Amsterdam', '2026-3-29 1:59:59 wd0'],
    ['2026-03-29T01:00:00Z', 'Europe/Amsterdam', '2026-3-29 3:0:0 wd0'],
    ['2026-10-25T00:59:59Z', 'Europe/Amsterdam', '2026-10-25 2:59:59 wd0'],
    ['2026-10-25T01:00:00Z', 'Europe/Amsterdam', '2026-10-25 2:0:0 wd0'],
    ['2026-11-26T23:30:00Z', 'Europe/Amsterdam', '2026-11-27 0:30:0 wd5'],
    ['2026-11-26T23:30:00Z', 'Asia/Kathmandu', '2026-11-27 5:15:0 wd5'],
    ['2026-11-27T03:00:00Z', 'America/New_York', '2026-11-26 22:0:0 wd4'],
  ])('%s in %s is %s (the same read twice, second from the cache)', (iso, zone, expected) => {
    expect(clock(iso, zone)).toBe(expected);
    expect(clock(iso, zone)).toBe(expected);
  });
});
