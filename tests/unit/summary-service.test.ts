import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GemeenteradarDb } from '@/lib/store/db';
import * as queries from '@/lib/read-models/municipality-summaries';
import { decideMeeting } from '@/lib/store/decisions';
import type { Meeting } from '@/lib/store/schemas';
import { createSummaryService, refreshSummaries } from '@/lib/store/summary-service';
import { contactRecord, latencyRecord, threadRecord } from '../fixtures/records';
import { withFreshDb } from '../fixtures/fresh-db';

const NOW = Date.UTC(2026, 10, 27, 9);
let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
afterEach(() => {
  vi.restoreAllMocks();
});

describe('municipality summaries', () => {
  it('are recomputed from the store, and a municipality nobody is in any more disappears', async () => {
    await db.contacts.bulkPut([
      contactRecord({ id: 'c:a@zwolle.nl', name: 'A', municipalityCode: 'GM0193', lastSeenAt: NOW }),
      contactRecord({ id: 'c:b@utrecht.nl', name: 'B', municipalityCode: 'GM0344', role: 'wethouder', lastSeenAt: NOW }),
    ]);
    await db.latency.put(
      latencyRecord({
        contactId: 'c:b@utrecht.nl',
        municipalityCode: 'GM0344',
        role: 'wethouder',
        status: 'unresponsive',
        overdueScore: 2,
      }),
    );
    expect(await refreshSummaries(db, NOW)).toBe(2);
    expect(await db.summaries.get('GM0344')).toMatchObject({
      worstStatus: 'unresponsive',
      contactCount: 1,
      needsAttention: [{ id: 'c:b@utrecht.nl' }],
    });
    await db.contacts.delete('c:a@zwolle.nl');
    await refreshSummaries(db, NOW);
    expect((await db.summaries.toArray()).map((summary) => summary.code)).toEqual(['GM0344']);
  });

  it('counts threads per municipality, and rewrites only the summaries that changed', async () => {
    await db.contacts.bulkPut([
      contactRecord({ id: 'c:a@zwolle.nl', name: 'A', municipalityCode: 'GM0193', lastSeenAt: NOW }),
      contactRecord({ id: 'c:b@utrecht.nl', name: 'B', municipalityCode: 'GM0344', lastSeenAt: NOW }),
    ]);
    const thread = (id: string, municipalityCode: string | null) => threadRecord({ id, municipalityCode, lastMessageAt: NOW });
    await db.threads.bulkPut([
      thread('gmail:t1', 'GM0193'),
      thread('gmail:t2', 'GM0193'),
      thread('gmail:t3', 'GM0344'),
      thread('gmail:t4', null),
    ]);
    await refreshSummaries(db, NOW);
    expect((await db.summaries.toArray()).map((summary) => [summary.code, summary.threadCount])).toEqual([
      ['GM0193', 2],
      ['GM0344', 1],
    ]);

    const puts = vi.spyOn(db.summaries, 'bulkPut');
    await refreshSummaries(db, NOW);
    expect(puts).not.toHaveBeenCalled(); // nothing changed, nothing written
    await db.threads.put(thread('gmail:t5', 'GM0344'));
    await refreshSummaries(db, NOW);
    expect(puts).toHaveBeenCalledTimes(1);
    expect(puts.mock.calls[0]![0].map((summary) => [summary.code, summary.threadCount])).toEqual([['GM0344', 2]]);
  });

  it('starts at once after a quiet spell, and holds a second run back for the rest of the interval', async () => {
    const compute = vi.spyOn(queries, 'computeMunicipalitySummaries');
    const service = createSummaryService({ db, delayMs: 2_000, now: () => NOW });
    const started = Date.now();
    await service.schedule();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(compute).toHaveBeenCalledTimes(1);
    let second = false;
    void service.schedule().then(() => (second = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second).toBe(false); // within the interval: waits
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('merges a burst of requests into one recomputation', async () => {
    const compute = vi.spyOn(queries, 'computeMunicipalitySummaries');
    const service = createSummaryService({ db, delayMs: 20, now: () => NOW });
    await Promise.all([service.schedule(), service.schedule(), service.schedule()]);
    expect(compute).toHaveBeenCalledTimes(1);
    await service.schedule();
    expect(compute).toHaveBeenCalledTimes(2);
  });
});

describe('municipality summaries stay small', () => {
  it('name the five most overdue and two responsive per role, and count everyone', async () => {
    const contacts = Array.from({ length: 12 }, (_, index) =>
      contactRecord({
        id: `c:p${index}@zwolle.nl`,
        name: `P${index}`,
        role: index < 8 ? 'ambtenaar' : 'wethouder',
        lastSeenAt: NOW,
      }),
    );
    await db.contacts.bulkPut(contacts);
    await db.latency.bulkPut(
      contacts.map((contact, index) =>
        index < 8
          ? latencyRecord({ contactId: contact.id, status: 'slow', overdueScore: index / 10 })
          : latencyRecord({ contactId: contact.id, role: 'wethouder', status: 'ok', lastResponseAt: NOW - index }),
      ),
    );
    await refreshSummaries(db, NOW);
    const zwolle = (await db.summaries.get('GM0193'))!;
    expect(zwolle.needsAttentionCount).toBe(8);
    expect(zwolle.needsAttention.map((contact) => contact.id)).toEqual([
      'c:p7@zwolle.nl',
      'c:p6@zwolle.nl',
      'c:p5@zwolle.nl',
      'c:p4@zwolle.nl',
      'c:p3@zwolle.nl',
    ]);
    expect(zwolle.keyContacts.filter((contact) => contact.role === 'wethouder').map((contact) => contact.id)).toEqual([
      'c:p8@zwolle.nl',
      'c:p9@zwolle.nl',
    ]);
    expect(zwolle.contactCount).toBe(12);
  });

  it("name who holds a role nobody answers in and nobody keeps the user waiting in (the popup's chips), never as an alternative", async () => {
    const contacts = [
      contactRecord({ id: 'c:raad1@zwolle.nl', name: 'Raad Een', role: 'gemeenteraad', lastSeenAt: NOW - 3 }),
      contactRecord({ id: 'c:raad2@zwolle.nl', name: 'Raad Twee', role: 'gemeenteraad', lastSeenAt: NOW - 1 }),
      contactRecord({ id: 'c:raad3@zwolle.nl', name: 'Raad Drie', role: 'gemeenteraad', lastSeenAt: NOW - 2 }),
      contactRecord({ id: 'c:weth@zwolle.nl', name: 'Wethouder', role: 'wethouder', lastSeenAt: NOW }),
    ];
    await db.contacts.bulkPut(contacts);
    await db.latency.bulkPut([
      latencyRecord({ contactId: 'c:weth@zwolle.nl', role: 'wethouder', status: 'unresponsive', overdueScore: 1 }),
    ]);
    await refreshSummaries(db, NOW);
    const zwolle = (await db.summaries.get('GM0193'))!;
    expect(zwolle.coverage.gemeenteraad).toBe('silent');
    // the two seen most recently, by name; the one waiting is named once, as needing attention
    expect(zwolle.keyContacts.map((contact) => contact.id)).toEqual([
      'c:weth@zwolle.nl',
      'c:raad2@zwolle.nl',
      'c:raad3@zwolle.nl',
    ]);
  });
});

describe("a municipality's next meeting", () => {
  const HOUR = 3_600_000;
  const meeting = (id: string, start: number | null, contactIds: string[], status: Meeting['status'] = 'confirmed'): Meeting => ({
    id: `meeting:gcal:${id}`,
    sourceKeys: [`gcal:${id}`],
    threadId: null,
    title: `Overleg ${id}`,
    start,
    end: start === null ? null : start + HOUR,
    allDay: false,
    contactIds,
    status,
    evidence: [],
    updatedAt: NOW,
  });

  it('is the earliest meeting still to come with any of its stakeholders, as the latency model counts meetings', async () => {
    await db.contacts.bulkPut([
      contactRecord({ id: 'c:erik@zwolle.nl', name: 'Erik', role: 'ambtenaar' }),
      contactRecord({ id: 'c:ria@zwolle.nl', name: 'Ria', role: 'wethouder' }),
    ]);
    await db.meetings.bulkPut([
      meeting('held', NOW - 2 * HOUR, ['c:erik@zwolle.nl']),
      meeting('cancelled', NOW + HOUR, ['c:erik@zwolle.nl'], 'cancelled'),
      meeting('did-not-happen', NOW + 2 * HOUR, ['c:ria@zwolle.nl']),
      meeting('unknown-time', null, ['c:ria@zwolle.nl']),
      meeting('next', NOW + 3 * HOUR, ['c:ria@zwolle.nl', 'c:erik@zwolle.nl']),
      meeting('later', NOW + 30 * HOUR, ['c:erik@zwolle.nl']),
      meeting('elsewhere', NOW + HOUR / 2, ['c:someone@kampen.nl']),
    ]);
    await decideMeeting(db, { meetingId: 'meeting:gcal:did-not-happen', happened: false }, NOW);
    await refreshSummaries(db, NOW);
    expect((await db.summaries.get('GM0193'))!.nextMeeting).toEqual({
      id: 'meeting:gcal:next',
      title: 'Overleg next',
      start: NOW + 3 * HOUR,
      allDay: false,
    });

    await db.meetings.delete('meeting:gcal:next');
    await db.meetings.delete('meeting:gcal:later');
    await refreshSummaries(db, NOW);
    expect((await db.summaries.get('GM0193'))!.nextMeeting).toBeNull();
  });
});
