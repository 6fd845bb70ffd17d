import { describe, expect, it } from 'vitest';
import { ROLE_IDS } from '@/lib/vocabulary/roles';
import { DEFAULT_THRESHOLDS, RoleThresholdsSchema, repairThresholds, repairThresholdsWithNotes } from '@/lib/latency/thresholds';
import { dutch } from '../fixtures/evidence';

describe('DEFAULT_THRESHOLDS', () => {
  it.each([
    ['ambtenaar', 5, 10],
    ['wethouder', 10, 20],
    ['gemeenteraad', 5, 10],
    ['welzijnsorganisatie', 5, 10],
    ['bewoner', 7, 14],
    ['onbekend', 7, 14],
  ] as const)('%s: ideal %i, max %i working days', (role, ideal, max) => {
    expect(DEFAULT_THRESHOLDS[role]).toEqual({ ideal, max });
  });

  it('is a valid complete set', () => {
    expect(RoleThresholdsSchema.safeParse(DEFAULT_THRESHOLDS).success).toBe(true);
  });
});

describe('repairThresholds', () => {
  const cases: Array<[string, unknown, Partial<Record<(typeof ROLE_IDS)[number], { ideal: number; max: number }>>]> = [
    ['undefined: all defaults', undefined, {}],
    ['a string: all defaults', 'fast please', {}],
    ['an array: all defaults', [1, 2], {}],
    ['a valid adjustment is kept', { ambtenaar: { ideal: 3, max: 6 } }, { ambtenaar: { ideal: 3, max: 6 } }],
    ['a fraction is rounded', { bewoner: { ideal: 2.4, max: 9.6 } }, { bewoner: { ideal: 2, max: 10 } }],
    ['a negative ideal falls back', { wethouder: { ideal: -1, max: 30 } }, { wethouder: { ideal: 10, max: 30 } }],
    ['zero falls back', { gemeenteraad: { ideal: 0, max: 0 } }, { gemeenteraad: { ideal: 5, max: 10 } }],
    ['a string value falls back', { ambtenaar: { ideal: '3', max: 6 } }, { ambtenaar: { ideal: 5, max: 6 } }],
    ['NaN and Infinity fall back', { ambtenaar: { ideal: Number.NaN, max: Infinity } }, { ambtenaar: { ideal: 5, max: 10 } }],
    ['more than a working year falls back', { ambtenaar: { ideal: 5, max: 9999 } }, { ambtenaar: { ideal: 5, max: 10 } }],
    ['both set the wrong way round are swapped', { ambtenaar: { ideal: 12, max: 4 } }, { ambtenaar: { ideal: 4, max: 12 } }],
    ['an ideal above the default max raises the max', { ambtenaar: { ideal: 15 } }, { ambtenaar: { ideal: 15, max: 15 } }],
    ['a max below the default ideal lowers the ideal', { wethouder: { max: 4 } }, { wethouder: { ideal: 4, max: 4 } }],
    ['a role entry that is not an object falls back', { bewoner: 7 }, {}],
    ['unknown roles are dropped', { burgemeester: { ideal: 1, max: 2 } }, {}],
  ];

  for (const [name, input, changed] of cases) {
    it(name, () => {
      const repaired = repairThresholds(input);
      expect(repaired).toEqual({ ...DEFAULT_THRESHOLDS, ...changed });
      expect(RoleThresholdsSchema.safeParse(repaired).success).toBe(true);
      for (const role of ROLE_IDS) expect(repaired[role].ideal).toBeLessThanOrEqual(repaired[role].max);
    });
  }

  it('never hands out the shared defaults object', () => {
    const repaired = repairThresholds(undefined);
    repaired.ambtenaar.ideal = 1;
    expect(DEFAULT_THRESHOLDS.ambtenaar.ideal).toBe(5);
  });

  it('explains each repair in Dutch', () => {
    const notes = dutch(
      repairThresholdsWithNotes({ ambtenaar: { ideal: 12, max: 4 }, wethouder: { ideal: 'x' }, pers: {} }).notes,
    );
    expect(notes).toEqual([
      'wethouder: ideaal ongeldig, standaard gebruikt',
      'ambtenaar: ideaal groter dan maximum, omgewisseld',
      'onbekende rol "pers" genegeerd',
    ]);
  });

  it('has nothing to say about a valid set', () => {
    expect(repairThresholdsWithNotes(DEFAULT_THRESHOLDS).notes).toEqual([]);
  });
});
