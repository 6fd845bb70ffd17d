import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  dutchPublicHolidays,
  easterSunday,
  isWorkingDay,
  localDayIndex,
  publicHolidayOn,
  workingDaysBetween,
} from '@/lib/latency/calendar';

/** Local time, like the extension: these tests hold in any time zone. */
const at = (year: number, month: number, day: number, hour = 10, minute = 0) =>
  new Date(year, month - 1, day, hour, minute).getTime();

// Known dates, written out by hand (not computed): Easter from the published tables.
const KNOWN_HOLIDAYS: Record<number, Array<[string, string]>> = {
  2024: [
    ['2024-01-01', 'Nieuwjaarsdag'],
    ['2024-03-29', 'Goede Vrijdag'],
    ['2024-03-31', 'Eerste Paasdag'],
    ['2024-04-01', 'Tweede Paasdag'],
    ['2024-04-27', 'Koningsdag'],
    ['2024-05-09', 'Hemelvaartsdag'],
    ['2024-05-19', 'Eerste Pinksterdag'],
    ['2024-05-20', 'Tweede Pinksterdag'],
    ['2024-12-25', 'Eerste Kerstdag'],
    ['2024-12-26', 'Tweede Kerstdag'],
  ],
  2025: [
    ['2025-01-01', 'Nieuwjaarsdag'],
    ['2025-04-18', 'Goede Vrijdag'],
    ['2025-04-20', 'Eerste Paasdag'],
    ['2025-04-21', 'Tweede Paasdag'],
    ['2025-04-26', 'Koningsdag'], // the 27th is a Sunday
    ['2025-05-05', 'Bevrijdingsdag'], // lustrum year
    ['2025-05-29', 'Hemelvaartsdag'],
    ['2025-06-08', 'Eerste Pinksterdag'],
    ['2025-06-09', 'Tweede Pinksterdag'],
    ['2025-12-25', 'Eerste Kerstdag'],
    ['2025-12-26', 'Tweede Kerstdag'],
  ],
  2026: [
    ['2026-01-01', 'Nieuwjaarsdag'],
    ['2026-04-03', 'Goede Vrijdag'],
    ['2026-04-05', 'Eerste Paasdag'],
    ['2026-04-06', 'Tweede Paasdag'],
    ['2026-04-27', 'Koningsdag'],
    ['2026-05-14', 'Hemelvaartsdag'],
    ['2026-05-24', 'Eerste Pinksterdag'],
    ['2026-05-25', 'Tweede Pinksterdag'],
    ['2026-12-25', 'Eerste Kerstdag'],
    ['2026-12-26', 'Tweede Kerstdag'],
  ],
  2027: [
    ['2027-01-01', 'Nieuwjaarsdag'],
    ['2027-03-26', 'Goede Vrijdag'],
    ['2027-03-28', 'Eerste Paasdag'],
    ['2027-03-29', 'Tweede Paasdag'],
    ['2027-04-27', 'Koningsdag'],
    ['2027-05-06', 'Hemelvaartsdag'],
    ['2027-05-16', 'Eerste Pinksterdag'],
    ['2027-05-17', 'Tweede Pinksterdag'],
    ['2027-12-25', 'Eerste Kerstdag'],
    ['2027-12-26', 'Tweede Kerstdag'],
  ],
  2028: [
    ['2028-01-01', 'Nieuwjaarsdag'],
    ['2028-04-14', 'Goede Vrijdag'],
    ['2028-04-16', 'Eerste Paasdag'],
    ['2028-04-17', 'Tweede Paasdag'],
    ['2028-04-27', 'Koningsdag'],
    ['2028-05-25', 'Hemelvaartsdag'],
    ['2028-06-04', 'Eerste Pinksterdag'],
    ['2028-06-05', 'Tweede Pinksterdag'],
    ['2028-12-25', 'Eerste Kerstdag'],
    ['2028-12-26', 'Tweede Kerstdag'],
  ],
  2029: [
    ['2029-01-01', 'Nieuwjaarsdag'],
    ['2029-03-30', 'Goede Vrijdag'],
    ['2029-04-01', 'Eerste Paasdag'],
    ['2029-04-02', 'Tweede Paasdag'],
    ['2029-04-27', 'Koningsdag'],
    ['2029-05-10', 'Hemelvaartsdag'],
    ['2029-05-20', 'Eerste Pinksterdag'],
    ['2029-05-21', 'Tweede Pinksterdag'],
    ['2029-12-25', 'Eerste Kerstdag'],
    ['2029-12-26', 'Tweede Kerstdag'],
  ],
  2030: [
    ['2030-01-01', 'Nieuwjaarsdag'],
    ['2030-04-19', 'Goede Vrijdag'],
    ['2030-04-21', 'Eerste Paasdag'],
    ['2030-04-22', 'Tweede Paasdag'],
    ['2030-04-27', 'Koningsdag'],
    ['2030-05-05', 'Bevrijdingsdag'], // lustrum year, but a Sunday
    ['2030-05-30', 'Hemelvaartsdag'],
    ['2030-06-09', 'Eerste Pinksterdag'],
    ['2030-06-10', 'Tweede Pinksterdag'],
    ['2030-12-25', 'Eerste Kerstdag'],
    ['2030-12-26', 'Tweede Kerstdag'],
  ],
};

describe('dutchPublicHolidays', () => {
  for (const [year, expected] of Object.entries(KNOWN_HOLIDAYS)) {
    it(`lists the government holidays of ${year}`, () => {
      const actual = dutchPublicHolidays(Number(year)).map((holiday) => [holiday.date, holiday.name]);
      expect(actual).toEqual(expected);
    });
  }

  it.each([
    [2024, 3, 31],
    [2025, 4, 20],
    [2026, 4, 5],
    [2027, 3, 28],
    [2028, 4, 16],
    [2029, 4, 1],
    [2030, 4, 21],
    [2038, 4, 25], // the latest possible date
    [2285, 3, 22], // the earliest possible date
  ])('Easter %i is %i-%i', (year, month, day) => {
    expect(easterSunday(year)).toEqual({ month, day });
  });

  it('moves Koningsdag to Saturday 26 April when the 27th is a Sunday (2025, 2031)', () => {
    expect(publicHolidayOn(at(2025, 4, 26))?.name).toBe('Koningsdag');
    expect(publicHolidayOn(at(2025, 4, 27))).toBeNull();
    expect(publicHolidayOn(at(2031, 4, 26))?.name).toBe('Koningsdag');
  });

  it('has Bevrijdingsdag only in lustrum years', () => {
    expect(publicHolidayOn(at(2025, 5, 5))?.name).toBe('Bevrijdingsdag');
    expect(publicHolidayOn(at(2026, 5, 5))).toBeNull();
    expect(isWorkingDay(at(2025, 5, 5))).toBe(false);
    expect(isWorkingDay(at(2026, 5, 5))).toBe(true);
  });

  it('knows Koninginnedag before 2014', () => {
    expect(publicHolidayOn(at(2013, 4, 30))?.name).toBe('Koninginnedag');
    expect(publicHolidayOn(at(2013, 4, 27))).toBeNull();
  });
});

describe('isWorkingDay', () => {
  it.each([
    ['Friday 27 November 2026', at(2026, 11, 27), true],
    ['Saturday 28 November 2026', at(2026, 11, 28), false],
    ['Sunday 29 November 2026', at(2026, 11, 29), false],
    ['Goede Vrijdag 2026', at(2026, 4, 3), false],
    ['Tweede Paasdag 2026', at(2026, 4, 6), false],
    ['Koningsdag 2026 (Monday)', at(2026, 4, 27), false],
    ['Hemelvaartsdag 2026', at(2026, 5, 14), false],
    ['the Friday after Hemelvaart 2026 (a bridge day, but officially working)', at(2026, 5, 15), true],
    ['Tweede Pinksterdag 2025', at(2025, 6, 9), false],
    ['Tweede Kerstdag 2025 (Friday)', at(2025, 12, 26), false],
    ['Nieuwjaarsdag 2027 (Friday) late evening', at(2027, 1, 1, 23, 30), false],
    ['2 January 2027 just after midnight (Saturday)', at(2027, 1, 2, 0, 5), false],
    ['4 January 2027 (Monday)', at(2027, 1, 4), true],
  ])('%s', (_name, ms, expected) => {
    expect(isWorkingDay(ms)).toBe(expected);
  });
});

describe('workingDaysBetween', () => {
  it.each([
    ['same day', at(2026, 11, 23, 9), at(2026, 11, 23, 17), 0],
    ['next day', at(2026, 11, 23, 17), at(2026, 11, 24, 8), 1],
    ['Friday to Monday (weekend)', at(2026, 11, 27, 16), at(2026, 11, 30, 9), 1],
    ['Saturday to Monday', at(2026, 11, 28), at(2026, 11, 30), 1],
    ['a full week', at(2026, 11, 23), at(2026, 11, 30), 5],
    ['Easter 2026: Thursday to Tuesday', at(2026, 4, 2), at(2026, 4, 7), 1],
    ['Koningsdag 2026 on a Monday', at(2026, 4, 24), at(2026, 4, 28), 1],
    ['Koningsdag 2025 on Saturday: no extra day off', at(2025, 4, 25), at(2025, 4, 28), 1],
    ['Bevrijdingsdag 2025 (lustrum, Monday)', at(2025, 5, 2), at(2025, 5, 6), 1],
    ['Bevrijdingsdag 2026 (no lustrum, Tuesday)', at(2026, 5, 4), at(2026, 5, 6), 2],
    ['Hemelvaart 2026', at(2026, 5, 13), at(2026, 5, 15), 1],
    ['Pinksteren 2025', at(2025, 6, 6), at(2025, 6, 10), 1],
    ['Christmas into the new year', at(2026, 12, 23), at(2027, 1, 4), 6],
    ['the whole of 2024', at(2024, 1, 1), at(2025, 1, 1), 255],
    ['reversed (clock skew) is 0', at(2026, 11, 30), at(2026, 11, 23), 0],
    ['not a number is 0', Number.NaN, at(2026, 11, 23), 0],
  ])('%s', (_name, from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it('leaves out the days of an absence', () => {
    const from = at(2026, 11, 30); // Monday
    const to = at(2026, 12, 9); // Wednesday a week later: 7 working days
    expect(workingDaysBetween(from, to)).toBe(7);
    const absences = [{ from: at(2026, 11, 30, 10, 1), to: at(2026, 12, 4, 23, 59) }];
    expect(workingDaysBetween(from, to, { absences })).toBe(3);
  });

  it('merges overlapping absences and clips them to the range', () => {
    const absences = [
      { from: at(2026, 11, 20), to: at(2026, 12, 1) },
      { from: at(2026, 11, 30), to: at(2026, 12, 2) },
      { from: at(2026, 12, 20), to: at(2026, 12, 1) }, // reversed: ignored
    ];
    // 23 Nov .. 4 Dec: 9 working days after the 23rd, of which 24-27 Nov and 30 Nov-2 Dec are away
    expect(workingDaysBetween(at(2026, 11, 23), at(2026, 12, 4), { absences })).toBe(2);
  });

  it('holds across the daylight-saving change', () => {
    expect(workingDaysBetween(at(2026, 3, 27, 9), at(2026, 3, 30, 9))).toBe(1);
    expect(workingDaysBetween(at(2026, 10, 23, 23, 30), at(2026, 10, 26, 0, 30))).toBe(1);
  });

  it('agrees with counting day by day over random ranges 2023-2032', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const start = at(2023, 1, 1);
    for (let run = 0; run < 200; run += 1) {
      const from = start + Math.floor(random() * 3_500) * 86_400_000 + 3_600_000 * 10;
      const to = from + Math.floor(random() * 400) * 86_400_000;
      let expected = 0;
      for (let day = localDayIndex(from) + 1; day <= localDayIndex(to); day += 1) {
        if (isWorkingDay(new Date(1970, 0, 1 + day, 12).getTime())) expected += 1;
      }
      expect(workingDaysBetween(from, to)).toBe(expected);
    }
  });
});

describe('addWorkingDays', () => {
  it('skips weekends and holidays', () => {
    expect(addWorkingDays(at(2026, 4, 24, 14), 1)).toBe(at(2026, 4, 28, 14));
    expect(addWorkingDays(at(2026, 11, 27, 9), 5)).toBe(at(2026, 12, 4, 9));
    expect(addWorkingDays(at(2026, 11, 27, 9), 0)).toBe(at(2026, 11, 27, 9));
  });
});
