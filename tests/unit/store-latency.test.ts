import { beforeEach, describe, expect, it } from 'vitest';
import { createPipeline } from '@/lib/background/pipeline';
import { badgeFor, applyBadge, BADGE_COLORS } from '@/lib/latency/badge';
import { setLocale } from '@/lib/i18n';
import { loadAttention } from '@/lib/store/attention';
import { logCall } from '@/lib/store/calls';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { recomputeLatency, refreshLatency } from '@/lib/store/latency';
import { createLatencyStep } from '@/lib/store/latency-service';
import { defaultThresholds } from '@/lib/latency/thresholds';
import { batch, message, person, readFully } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';
import { nextStepRecord } from '../fixtures/records';
import { dutch } from '../fixtures/evidence';

const ME = person('Sanne de Vries', 'sanne@buurtkracht.nl');
const AMBTENAAR = person('Jan Dijkstra', 'j.dijkstra@zwolle.nl');
const WETHOUDER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const SECRETARIAAT = person('Secretariaat College', 'secretariaat.college@zwolle.nl');
const DAY = 86_400_000;
// Monday 2 November 2026, 10:00 Amsterdam
const MON = Date.UTC(2026, 10, 2, 9);
const NOW = MON + 23 * DAY; // Wednesday 25 November

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(() => {
  setLocale('nl');
});

const sent = (key: string, thread: string, to: typeof AMBTENAAR, at: number) =>
  message({ messageKey: `gmail:msg-f:${key}`, threadKey: `gmail:thread-f:${thread}`, from: ME, to: [to], at });
const received = (
  key: string,
  thread: string,
  from: typeof AMBTENAAR,
  at: number,
  extra: Partial<Parameters<typeof message>[0]> = {},
) => message({ messageKey: `gmail:msg-f:${key}`, threadKey: `gmail:thread-f:${thread}`, from, to: [ME], at, ...extra });

async function ingest(...messages: ReturnType<typeof message>[]) {
  await ingestBatches(db, [batch({ messages, health: readFully('conversation', messages.length) })], MON);
}

describe('latency cache', () => {
  it('three unanswered mails make an ambtenaar unresponsive, and the badge says so', async () => {
    await ingest(
      sent('1', 'a', AMBTENAAR, MON),
      sent('2', 'a', AMBTENAAR, MON + 7 * DAY),
      sent('3', 'a', AMBTENAAR, MON + 14 * DAY),
    );
    expect(await recomputeLatency(db, { now: NOW })).toBe(1);
    const record = await db.latency.get(contactIdFor(AMBTENAAR.address!));
    expect(record).toMatchObject({
      status: 'unresponsive',
      attemptsSinceLastResponse: 3,
      waitingSince: MON,
      role: 'ambtenaar',
      municipalityCode: 'GM0193',
    });
    expect(record!.workingDaysWaiting).toBeGreaterThanOrEqual(16);

    const attention = await loadAttention(db);
    expect(attention).toMatchObject({ count: 1, worst: 'unresponsive' });
    const badge = badgeFor(attention);
    expect(badge.text).toBe('1');
    expect(badge.color).toBe(BADGE_COLORS.unresponsive);
    expect(badge.title).toContain('Jan Dijkstra (3 pogingen');
  });

  it('a reply clears the status and the badge', async () => {
    await ingest(
      sent('1', 'a', AMBTENAAR, MON),
      sent('2', 'a', AMBTENAAR, MON + 7 * DAY),
      sent('3', 'a', AMBTENAAR, MON + 14 * DAY),
    );
    await recomputeLatency(db, { now: NOW });
    await ingest(received('4', 'a', AMBTENAAR, MON + 15 * DAY));
    await recomputeLatency(db, { now: NOW, contactIds: [contactIdFor(AMBTENAAR.address!)] });
    expect(await db.latency.get(contactIdFor(AMBTENAAR.address!))).toMatchObject({
      status: 'ok',
      attemptsSinceLastResponse: 0,
      lastResponseAt: MON + 15 * DAY,
    });
    expect(badgeFor(await loadAttention(db)).text).toBe('');
  });

  it('an out-of-office is not a reply: detected at ingest, the clock keeps running', async () => {
    await ingest(
      sent('1', 'b', AMBTENAAR, MON),
      received('2', 'b', AMBTENAAR, MON + 60_000, {
        subject: 'Automatisch antwoord: Vrijwilligersplatform',
        excerpt: 'Ik ben afwezig tot en met 6 november.',
      }),
    );
    const stored = await db.messages.get('gmail:msg-f:2');
    expect(stored?.isAutoReply).toBe(true);
    expect(stored?.autoReplyUntil).toBeGreaterThan(MON);
    await recomputeLatency(db, { now: NOW });
    const record = await db.latency.get(contactIdFor(AMBTENAAR.address!));
    expect(record?.status).not.toBe('ok');
    expect(record?.lastResponseAt).toBeNull();
    expect(dutch(record!.evidence).join(' ')).toMatch(/afwezig/i);
  });

  it('a reply from the secretariaat in the same thread counts for the wethouder asked', async () => {
    await ingest(sent('1', 'c', WETHOUDER, MON), received('2', 'c', SECRETARIAAT, MON + 2 * DAY));
    await recomputeLatency(db, { now: NOW });
    const record = await db.latency.get(contactIdFor(WETHOUDER.address!));
    expect(record).toMatchObject({ status: 'ok', lastResponseAt: MON + 2 * DAY });
    expect(dutch(record!.evidence).join(' ')).toMatch(/namens|secretariaat|collega/i);
  });

  it('an unanswered phone call is an attempt; an answered one a response', async () => {
    await ingest(sent('1', 'd', AMBTENAAR, MON), sent('2', 'd', AMBTENAAR, MON + 3 * DAY));
    const id = contactIdFor(AMBTENAAR.address!);
    await logCall(db, { contactId: id, direction: 'out', answered: false, at: MON + 5 * DAY }, MON + 5 * DAY);
    await recomputeLatency(db, { now: MON + 6 * DAY, contactIds: [id] });
    expect(await db.latency.get(id)).toMatchObject({ status: 'unresponsive', attemptsSinceLastResponse: 3 });
    await logCall(db, { contactId: id, direction: 'out', answered: true, at: MON + 6 * DAY }, MON + 6 * DAY);
    await recomputeLatency(db, { now: MON + 6 * DAY, contactIds: [id] });
    expect(await db.latency.get(id)).toMatchObject({ status: 'ok', lastResponseKind: 'call' });
  });

  it('refresh recomputes only what time can change, and everything when the cache is incomplete', async () => {
    await ingest(sent('1', 'e', AMBTENAAR, MON), sent('2', 'f', WETHOUDER, MON), received('3', 'f', WETHOUDER, MON + DAY));
    expect(await refreshLatency(db, { now: MON + 2 * DAY })).toBe(2); // cache empty: everyone
    expect((await db.latency.get(contactIdFor(AMBTENAAR.address!)))?.status).toBe('waiting');
    // later: only the waiting ambtenaar (and colleagues of the same gemeente) are looked at again
    const recomputed = await refreshLatency(db, { now: MON + 8 * DAY });
    expect(recomputed).toBeGreaterThanOrEqual(1);
    expect((await db.latency.get(contactIdFor(AMBTENAAR.address!)))?.status).toBe('slow');
  });

  it('the service merges bursts and updates the badge after each recomputation', async () => {
    await ingest(
      sent('1', 'a', AMBTENAAR, MON),
      sent('2', 'a', AMBTENAAR, MON + 7 * DAY),
      sent('3', 'a', AMBTENAAR, MON + 14 * DAY),
    );
    const badges: string[] = [];
    const action = {
      setBadgeText: ({ text }: { text: string }) => void badges.push(text),
      setBadgeBackgroundColor: () => undefined,
      setTitle: () => undefined,
    };
    const service = createPipeline({
      steps: {
        latency: createLatencyStep({ db, now: () => NOW, loadThresholds: async () => defaultThresholds() }),
        badge: async () => void (await applyBadge(action, await loadAttention(db))),
        signal: async () => undefined,
        summaries: () => ({ schedule: async () => undefined }),
      },
    });
    await Promise.all([
      service.afterWrite({ everyone: true }),
      service.afterWrite({ contactIds: [contactIdFor(AMBTENAAR.address!)] }),
    ]);
    await service.idle();
    expect(badges.at(-1)).toBe('1');
    expect(badges.length).toBeLessThanOrEqual(2);
  });
});

describe('toolbar badge: overdue next steps', () => {
  it('counts open next steps whose date has passed, names them, and ignores done or future ones', async () => {
    const step = (id: string, text: string, dueAt: number | null, done = false) =>
      nextStepRecord({ id, subjectType: 'municipality', subjectId: 'GM0193', text, dueAt, done, updatedAt: MON });
    await db.nextSteps.bulkPut([
      step('step:1', 'Motie bespreken met fractie', MON - DAY),
      step('step:2', 'Offerte sturen', MON + 30 * DAY),
      step('step:3', 'Afgerond', MON - 2 * DAY, true),
      step('step:4', 'Zonder datum', null),
    ]);
    const attention = await loadAttention(db, 5, MON);
    expect(attention.overdueSteps).toEqual(['Motie bespreken met fractie']);
    const badge = badgeFor(attention);
    expect(badge).toMatchObject({ text: '1', color: BADGE_COLORS.slow });
    expect(badge.title).toBe('Gemeenteradar: volgende stap verlopen: “Motie bespreken met fractie”');

    await ingest(
      sent('1', 'a', AMBTENAAR, MON - 30 * DAY),
      sent('2', 'a', AMBTENAAR, MON - 20 * DAY),
      sent('3', 'a', AMBTENAAR, MON - 10 * DAY),
    );
    await recomputeLatency(db, { now: MON });
    const both = badgeFor(await loadAttention(db, 5, MON));
    expect(both.text).toBe('2');
    expect(both.color).toBe(BADGE_COLORS.unresponsive);
    expect(both.title).toMatch(/^Gemeenteradar: 1 contact vraagt aandacht: Jan Dijkstra .* · volgende stap verlopen: “Motie/);
  });
});
