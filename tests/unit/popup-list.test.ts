import { describe, expect, it } from 'vitest';
import { badgeFor } from '@/lib/latency/badge';
import { summariseMunicipalities } from '@/lib/read-models/municipality-summaries';
import {
  filterMunicipalitiesBy,
  loadAttentionList,
  NO_FILTER,
  provincesOf,
  roleChipsOf,
  sortMunicipalitiesBy,
} from '@/lib/read-models/popup-list';
import { loadAttention } from '@/lib/store/attention';
import type { GemeenteradarDb } from '@/lib/store/db';
import { withFreshDb } from '../fixtures/fresh-db';
import { contactRecord, latencyRecord, nextStepRecord } from '../fixtures/records';

const DAY = 86_400_000;
const NOW = 1_780_000_000_000;

// Zwolle (Overijssel): a silent ambtenaar, a responsive wethouder; Amsterdam (Noord-Holland): the
// longest trajectory, all quiet; Súdwest-Fryslân (Friesland): one responsive wethouder
const contacts = [
  contactRecord({ id: 'c:jan@zwolle.nl', name: 'Jan Dijkstra', role: 'ambtenaar', firstSeenAt: NOW - 100 * DAY }),
  contactRecord({ id: 'c:peter@zwolle.nl', name: 'Peter Snijders', role: 'wethouder', firstSeenAt: NOW - 90 * DAY }),
  contactRecord({
    id: 'c:ria@amsterdam.nl',
    name: 'Ria Kok',
    role: 'gemeenteraad',
    municipalityCode: 'GM0363',
    firstSeenAt: NOW - 900 * DAY,
  }),
  contactRecord({
    id: 'c:anke@sudwestfryslan.nl',
    name: 'Anke Bakker',
    role: 'wethouder',
    municipalityCode: 'GM1900',
    firstSeenAt: NOW - 10 * DAY,
  }),
  // slow, and in no municipality: the badge counts them, so the popup's count does too
  contactRecord({ id: 'c:x@example.org', name: 'Kees Vos', role: 'bewoner', municipalityCode: null }),
];
const latency = [
  latencyRecord({ contactId: 'c:jan@zwolle.nl', status: 'unresponsive', overdueScore: 3, attemptsSinceLastResponse: 3 }),
  latencyRecord({ contactId: 'c:peter@zwolle.nl', status: 'ok', lastResponseAt: NOW - DAY }),
  latencyRecord({ contactId: 'c:ria@amsterdam.nl', status: 'ok' }),
  latencyRecord({ contactId: 'c:anke@sudwestfryslan.nl', status: 'ok', lastResponseAt: NOW - DAY }),
  latencyRecord({ contactId: 'c:x@example.org', status: 'slow', overdueScore: 1 }),
];
const summaries = () => summariseMunicipalities({ contacts, latency }, NOW);
const codes = (list: { code: string }[]) => list.map((municipality) => municipality.code);

describe('popup list: sort and filter', () => {
  it.each([
    // unresponsive first, then (nothing else to tell them apart) by name
    ['attention', ['GM0193', 'GM0363', 'GM1900']],
    ['name', ['GM0363', 'GM1900', 'GM0193']],
    ['trajectory', ['GM0363', 'GM0193', 'GM1900']],
  ] as const)('sorts by %s', (sort, expected) => {
    const list = summaries().reverse();
    expect(codes(sortMunicipalitiesBy(list, sort, NOW))).toEqual(expected);
  });

  it.each([
    [{ province: 'Overijssel' }, ['GM0193']],
    [{ role: 'gemeenteraad' }, ['GM0363']],
    [{ status: 'attention' }, ['GM0193']],
    [{ role: 'wethouder', status: 'responsive' }, ['GM0193', 'GM1900']],
    [{ role: 'ambtenaar', status: 'silent' }, ['GM0193']],
    [{ role: 'ambtenaar', status: 'attention' }, ['GM0193']],
    [{ role: 'wethouder', status: 'attention' }, []],
    [{ status: 'silent' }, ['GM0193', 'GM0363']],
    [{ role: 'bewoner', status: 'none' }, ['GM0193', 'GM0363', 'GM1900']],
    [{ province: 'Friesland', role: 'wethouder' }, ['GM1900']],
  ] as const)('filters by %o', (facets, expected) => {
    expect(codes(filterMunicipalitiesBy(summaries(), { ...NO_FILTER, ...facets }))).toEqual(expected);
  });

  it('lists the provinces present, once each', () => {
    expect(provincesOf(summaries())).toEqual(['Friesland', 'Noord-Holland', 'Overijssel']);
  });

  it('names who holds a role, by coverage', () => {
    const zwolle = summaries().find((municipality) => municipality.code === 'GM0193')!;
    expect(roleChipsOf(zwolle).map(({ role, coverage, names }) => [role, coverage, names])).toEqual([
      ['wethouder', 'responsive', ['Peter Snijders']],
      ['gemeenteraad', 'none', []],
      ['welzijnsorganisatie', 'none', []],
      ['ambtenaar', 'silent', ['Jan Dijkstra']],
      ['bewoner', 'none', []],
    ]);
  });
});

describe('popup list: who needs attention', () => {
  let db: GemeenteradarDb;
  withFreshDb((fresh) => (db = fresh));

  it('counts what the toolbar badge counts: every such person and every overdue step', async () => {
    await db.contacts.bulkPut(contacts);
    await db.latency.bulkPut(latency);
    await db.nextSteps.bulkPut([
      nextStepRecord({ id: 'step:1', subjectType: 'municipality', subjectId: 'GM0193', text: 'Bellen', dueAt: NOW - DAY }),
      nextStepRecord({ id: 'step:2', subjectType: 'municipality', subjectId: 'GM0363', text: 'Later', dueAt: NOW + DAY }),
    ]);
    const list = await loadAttentionList(db, NOW);
    expect(String(list.total)).toBe(badgeFor(await loadAttention(db, 5, NOW)).text);
    expect(list.total).toBe(3);
    expect(list.overdueSteps).toEqual(['Bellen']);
    expect(list.people.map(({ name, role, municipalityCode, status }) => [name, role, municipalityCode, status])).toEqual([
      ['Jan Dijkstra', 'ambtenaar', 'GM0193', 'unresponsive'],
      ['Kees Vos', 'bewoner', null, 'slow'],
    ]);
  });
});
