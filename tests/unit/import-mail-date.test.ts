// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parseMailDate } from '../../lib/import/mail-date';

/** Epoch ms of a wall-clock time at a UTC offset in minutes: the expected value, computed apart. */
const at = (year: number, month: number, day: number, hour: number, minute: number, second: number, offsetMinutes: number) =>
  Date.UTC(year, month - 1, day, hour, minute, second) - offsetMinutes * 60_000;

describe('parseMailDate', () => {
  it.each([
    ['RFC 5322', 'Mon, 16 Nov 2026 15:40:00 +0100', at(2026, 11, 16, 15, 40, 0, 60)],
    ['no weekday, no seconds', '16 Nov 2026 15:40 +0100', at(2026, 11, 16, 15, 40, 0, 60)],
    ['a zone comment', 'Mon, 16 Nov 2026 15:40:00 +0100 (CET)', at(2026, 11, 16, 15, 40, 0, 60)],
    ['a negative zone', 'Mon, 16 Nov 2026 06:40:01 -0800 (PST)', at(2026, 11, 16, 6, 40, 1, -480)],
    ['summer time', 'Sun, 28 Jun 2026 09:00:00 +0200', at(2026, 6, 28, 9, 0, 0, 120)],
    ['-0000: UTC, local zone unknown', 'Tue, 17 Nov 2026 08:21:00 -0000', at(2026, 11, 17, 8, 21, 0, 0)],
    ['GMT', 'Tue, 17 Nov 2026 08:21:00 GMT', at(2026, 11, 17, 8, 21, 0, 0)],
    ['UT', 'Tue, 17 Nov 2026 08:21:00 UT', at(2026, 11, 17, 8, 21, 0, 0)],
    ['obsolete EST', 'Tue, 17 Nov 2026 08:21:00 EST', at(2026, 11, 17, 8, 21, 0, -300)],
    ['obsolete PDT', 'Tue, 17 Nov 2026 08:21:00 PDT', at(2026, 11, 17, 8, 21, 0, -420)],
    ['CEST', 'Tue, 16 Jun 2026 08:21:00 CEST', at(2026, 6, 16, 8, 21, 0, 120)],
    ['military Z', 'Tue, 17 Nov 2026 08:21:00 Z', at(2026, 11, 17, 8, 21, 0, 0)],
    ['two-digit year, 20xx', 'Wed, 5 Jan 11 09:30:00 +0100', at(2011, 1, 5, 9, 30, 0, 60)],
    ['two-digit year, 19xx', 'Thu, 4 Feb 99 09:30:00 +0100', at(1999, 2, 4, 9, 30, 0, 60)],
    ['three-digit year', 'Thu, 4 Feb 103 09:30:00 +0100', at(2003, 2, 4, 9, 30, 0, 60)],
    ['extra spaces and a full weekday', 'Monday,  16  Nov  2026  15:40:00  +0100', at(2026, 11, 16, 15, 40, 0, 60)],
    ['an offset with a colon', 'Mon, 16 Nov 2026 15:40:00 +01:00', at(2026, 11, 16, 15, 40, 0, 60)],
    ['GMT followed by an offset', 'Mon, 16 Nov 2026 15:40:00 GMT+0100', at(2026, 11, 16, 15, 40, 0, 60)],
    ['full month name', 'Mon, 16 November 2026 15:40:00 +0100', at(2026, 11, 16, 15, 40, 0, 60)],
    ['Dutch month and weekday', 'ma, 16 mrt 2026 15:40:00 +0100', at(2026, 3, 16, 15, 40, 0, 60)],
    ['German month', 'Mo, 16 Dez 2026 15:40:00 +0100', at(2026, 12, 16, 15, 40, 0, 60)],
    ['asctime with the zone after the year', 'Mon Nov 16 15:40:00 2026 +0100', at(2026, 11, 16, 15, 40, 0, 60)],
    ['asctime with the zone before the year (Takeout)', 'Mon Nov 16 14:40:00 +0000 2026', at(2026, 11, 16, 14, 40, 0, 0)],
    ['ISO 8601', '2026-11-16T15:40:00+01:00', at(2026, 11, 16, 15, 40, 0, 60)],
    ['ISO 8601 UTC with fraction', '2026-11-16T14:40:00.250Z', at(2026, 11, 16, 14, 40, 0, 0)],
    ['a leap second', 'Wed, 31 Dec 2016 23:59:60 +0000', at(2016, 12, 31, 23, 59, 59, 0)],
  ])('%s: %s', (_, raw, expected) => {
    expect(parseMailDate(raw)).toBe(expected);
  });

  it.each([
    ['no zone: the time would be a guess', 'Mon, 16 Nov 2026 15:40:00'],
    ['words', 'gisteren om half vier'],
    ['31 February', 'Tue, 31 Feb 2026 10:00:00 +0000'],
    ['hour 25', 'Tue, 17 Nov 2026 25:00:00 +0000'],
    ['an unknown zone name', 'Tue, 17 Nov 2026 08:00:00 XYZT'],
    ['an unknown month', 'Tue, 17 Foo 2026 08:00:00 +0000'],
    ['before 1970', 'Thu, 1 Jan 1960 00:00:00 +0000'],
    ['empty', ''],
    ['null', null],
  ])('%s -> null', (_, raw) => {
    expect(parseMailDate(raw)).toBeNull();
  });
});
