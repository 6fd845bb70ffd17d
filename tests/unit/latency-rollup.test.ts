import { describe, expect, it } from 'vitest';
import { computeLatencies } from '@/lib/latency/model';
import {
  adviseAlternatives,
  isResponsive,
  losingTouch,
  overdueScore,
  rollupByMunicipality,
  rollupByOrganisation,
  rollupStatuses,
  worseStatus,
} from '@/lib/latency/rollup';
import type { ContactLatency, Interaction, LatencyContact, LatencyStatus } from '@/lib/latency/types';
import { evidenceText } from '@/lib/i18n/evidence';
import type { LatencyAdvice } from '@/lib/latency/rollup';

const nov = (day: number, hour = 10) => new Date(2026, 10, day, hour).getTime();
const NOW = nov(18); // Wednesday

const GEMEENTE_ZWOLLE = 'org:gemeente:GM0193';
const WELZIJN_ZWOLLE = 'org:travers.nl';
const GEMEENTE_AMSTERDAM = 'org:gemeente:GM0363';

const CONTACTS: LatencyContact[] = [
  { id: 'anna', organisationId: GEMEENTE_ZWOLLE, role: 'ambtenaar', municipalityCode: 'GM0193' },
  { id: 'bert', organisationId: GEMEENTE_ZWOLLE, role: 'wethouder', municipalityCode: 'GM0193' },
  { id: 'carla', organisationId: WELZIJN_ZWOLLE, role: 'welzijnsorganisatie', municipalityCode: 'GM0193' },
  { id: 'dirk', organisationId: null, role: 'gemeenteraad', municipalityCode: 'GM0193' },
  { id: 'eva', organisationId: null, role: 'onbekend', municipalityCode: 'GM0193' },
  { id: 'frank', organisationId: GEMEENTE_AMSTERDAM, role: 'ambtenaar', municipalityCode: 'GM0363' },
  { id: 'gijs', organisationId: GEMEENTE_AMSTERDAM, role: 'wethouder', municipalityCode: 'GM0363' },
  { id: 'hans', organisationId: null, role: 'bewoner', municipalityCode: null },
];

let sequence = 0;
function mail(contactId: string, direction: 'in' | 'out', at: number): Interaction {
  sequence += 1;
  const organisationId = CONTACTS.find((contact) => contact.id === contactId)?.organisationId ?? null;
  return { id: `m${sequence}`, contactId, organisationId, kind: 'email', direction, at, threadId: `t-${contactId}` };
}

const INTERACTIONS: Interaction[] = [
  // anna (ambtenaar): answered once, then three mails without answer -> unresponsive
  mail('anna', 'out', nov(2)),
  mail('anna', 'in', nov(3)),
  mail('anna', 'out', nov(9)),
  mail('anna', 'out', nov(12)),
  mail('anna', 'out', nov(16)),
  // bert (wethouder): answers -> ok and responsive
  mail('bert', 'out', nov(10)),
  mail('bert', 'in', nov(12)),
  // carla (welzijn): answered before, now waiting 2 days -> waiting and responsive
  mail('carla', 'out', nov(2)),
  mail('carla', 'in', nov(5)),
  mail('carla', 'out', nov(16)),
  // dirk (raad): never answered, waiting 1 day -> waiting, not responsive
  mail('dirk', 'out', nov(17)),
  // eva (onbekend): answers, but an unknown role is no track
  mail('eva', 'out', nov(2)),
  mail('eva', 'in', nov(3)),
  // frank (Amsterdam ambtenaar): answers -> the only track there
  mail('frank', 'out', nov(2)),
  mail('frank', 'in', nov(4)),
  // gijs (Amsterdam wethouder): 12 working days without answer -> unresponsive
  mail('gijs', 'out', nov(2)),
  // hans: no municipality
  mail('hans', 'out', nov(2)),
];

const LATENCIES = computeLatencies(INTERACTIONS, CONTACTS, { now: NOW });
const statusOf = (id: string) => LATENCIES.get(id)?.status;

describe('the fixture', () => {
  it('has the statuses the rollups are tested with', () => {
    expect(Object.fromEntries(CONTACTS.map((contact) => [contact.id, statusOf(contact.id)]))).toEqual({
      anna: 'unresponsive',
      bert: 'ok',
      carla: 'waiting',
      dirk: 'waiting',
      eva: 'ok',
      frank: 'ok',
      gijs: 'slow',
      hans: 'slow',
    });
  });
});

describe('worseStatus and rollupStatuses', () => {
  it.each([
    ['ok', 'waiting', 'waiting'],
    ['slow', 'waiting', 'slow'],
    ['unresponsive', 'ok', 'unresponsive'],
    [null, 'ok', 'ok'],
    ['slow', null, 'slow'],
  ] as const)('worse of %s and %s is %s', (left, right, worst) => {
    expect(worseStatus(left, right)).toBe(worst);
  });

  it('counts per status and keeps the worst', () => {
    const statuses: LatencyStatus[] = ['ok', 'slow', 'waiting', 'ok'];
    expect(rollupStatuses(statuses.map((status) => ({ status })))).toEqual({
      worst: 'slow',
      counts: { ok: 2, waiting: 1, slow: 1, unresponsive: 0 },
      total: 4,
    });
  });

  it('has no worst status for nobody', () => {
    expect(rollupStatuses([])).toEqual({ worst: null, counts: { ok: 0, waiting: 0, slow: 0, unresponsive: 0 }, total: 0 });
  });
});

describe('isResponsive', () => {
  it.each([
    ['anna', false], // answered once, but unresponsive now
    ['bert', true],
    ['carla', true], // waiting, and has answered before
    ['dirk', false], // never answered
    ['gijs', false],
  ])('%s: %s', (id, expected) => {
    expect(isResponsive(LATENCIES.get(id) as ContactLatency)).toBe(expected);
  });
});

describe('rollupByOrganisation', () => {
  it('rolls contacts up to their organisation and leaves out those without one', () => {
    const rollups = rollupByOrganisation(LATENCIES, CONTACTS);
    expect([...rollups.keys()].sort()).toEqual([GEMEENTE_AMSTERDAM, GEMEENTE_ZWOLLE, WELZIJN_ZWOLLE].sort());
    expect(rollups.get(GEMEENTE_ZWOLLE)).toMatchObject({
      worst: 'unresponsive',
      counts: { ok: 1, waiting: 0, slow: 0, unresponsive: 1 },
      total: 2,
      contactIds: ['anna', 'bert'],
    });
    expect(rollups.get(WELZIJN_ZWOLLE)?.worst).toBe('waiting');
  });
});

describe('rollupByMunicipality', () => {
  const rollups = rollupByMunicipality(LATENCIES, CONTACTS);

  it('covers several roles in Zwolle: no single track', () => {
    expect(rollups.get('GM0193')).toMatchObject({
      worst: 'unresponsive',
      counts: { ok: 2, waiting: 2, slow: 0, unresponsive: 1 },
      total: 5,
      responsiveRoles: ['wethouder', 'welzijnsorganisatie'],
      rolesWithoutResponse: ['gemeenteraad', 'ambtenaar', 'bewoner'],
      singleTrack: false,
      needsAttention: ['anna'],
    });
  });

  it('flags Amsterdam, where only the ambtenaar answers, as a single track', () => {
    expect(rollups.get('GM0363')).toMatchObject({
      worst: 'slow',
      responsiveRoles: ['ambtenaar'],
      singleTrack: true,
      needsAttention: ['gijs'],
    });
  });

  it('leaves out contacts without a municipality', () => {
    expect([...rollups.keys()].sort()).toEqual(['GM0193', 'GM0363']);
  });
});

describe('overdueScore and losingTouch', () => {
  it('is 0 with nothing outstanding and grows with days and attempts', () => {
    expect(overdueScore(LATENCIES.get('bert') as ContactLatency)).toBe(0);
    // gijs: wethouder, 12 working days of max 20
    expect(overdueScore(LATENCIES.get('gijs') as ContactLatency)).toBeCloseTo(0.6);
    // anna: three attempts is a full score, whatever the days
    expect(overdueScore(LATENCIES.get('anna') as ContactLatency)).toBe(1);
    // hans: bewoner, 12 working days of max 14
    expect(overdueScore(LATENCIES.get('hans') as ContactLatency)).toBeCloseTo(12 / 14);
  });

  it('lists everyone outstanding, most overdue first', () => {
    expect(losingTouch(LATENCIES).map((entry) => entry.contactId)).toEqual(['anna', 'hans', 'gijs', 'carla', 'dirk']);
  });

  it('can leave out the mildly waiting, and be cut short', () => {
    expect(losingTouch(LATENCIES, { minStatus: 'slow' }).map((entry) => entry.contactId)).toEqual(['anna', 'hans', 'gijs']);
    expect(losingTouch(LATENCIES, { minStatus: 'unresponsive', limit: 1 })).toEqual([
      expect.objectContaining({ contactId: 'anna', status: 'unresponsive', attempts: 3, score: 1 }),
    ]);
  });
});

/** The advice's sentence as the Dutch UI shows it. */
function adviceInDutch(advice: LatencyAdvice) {
  return { ...advice, message: advice.message ? evidenceText(advice.message, { locale: 'nl' }) : null };
}

describe('adviseAlternatives', () => {
  it('points a slow ambtenaar to the responsive contacts in other roles, latest answer first', () => {
    const advice = adviceInDutch(adviseAlternatives('anna', LATENCIES, CONTACTS));
    expect(advice).toEqual({
      contactId: 'anna',
      needed: true,
      message: 'Richt je op andere partijen: 2 reagerende contacten bij wethouder en welzijnsorganisatie.',
      alternatives: [
        { contactId: 'bert', role: 'wethouder', lastResponseAt: nov(12) },
        { contactId: 'carla', role: 'welzijnsorganisatie', lastResponseAt: nov(5) },
      ],
      rolesToOpen: ['gemeenteraad', 'bewoner'],
    });
  });

  it('names the roles to open when nobody else answers', () => {
    const advice = adviseAlternatives('gijs', LATENCIES, CONTACTS);
    expect(advice.alternatives).toEqual([{ contactId: 'frank', role: 'ambtenaar', lastResponseAt: nov(4) }]);
    const alone = adviceInDutch(adviseAlternatives('hans', LATENCIES, CONTACTS));
    expect(alone).toMatchObject({
      needed: true,
      alternatives: [],
      message:
        'Richt je op andere partijen: nog geen reagerend contact in een andere rol; zoek een ingang bij wethouder, gemeenteraad, welzijnsorganisatie en ambtenaar.',
    });
  });

  it('has no advice for a contact who answers, or one it does not know', () => {
    expect(adviseAlternatives('bert', LATENCIES, CONTACTS)).toMatchObject({ needed: false, message: null });
    expect(adviseAlternatives('nobody', LATENCIES, CONTACTS)).toMatchObject({ needed: false, message: null });
  });
});
