/**
 * The latency model gives the same answers as it did before it was made faster: every field of
 * every contact's latency (evidence lines included), for large seeded workloads, hashed and
 * compared with the digest the model produced before its speed work (2026-12-03, commit f446709).
 *
 * The store's step before the model, `interactionsFrom`, is pinned the same way (every field, in
 * order). The workloads are built to reach every branch that depends on order: the bench's workload
 * (two years, colleagues in shared threads) and a dense one on a one-minute grid over a few weeks,
 * where ties, clock-skew repairs, attempt bursts, absences and "namens" replies are frequent.
 *
 * Working days depend on the local calendar, so the zone is pinned to the users' zone (daylight
 * saving included) while the digests are computed. A digest that no longer matches means the
 * model's output changed: find out why before updating it.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeContactLatency, computeLatencies, computeThreadState } from '@/lib/latency/model';
import type { Interaction, LatencyContact } from '@/lib/latency/types';
import { interactionsFrom } from '@/lib/store/latency';
import type { Call, Message } from '@/lib/store/schemas';
import { ROLE_IDS } from '@/lib/vocabulary/roles';
import { makeLatencyWorkload, seededRandom, type LatencyWorkload } from '../bench/latency';
import { inDutch } from '../fixtures/evidence';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Few contacts per organisation and thread, times on a minute grid within three weeks of `now`:
 * many interactions share a minute, replies land within the skew tolerance before questions,
 * attempts within the burst window, auto-replies announce absences that overlap attempts.
 */
function makeDenseWorkload(contactCount: number, interactionCount: number, seed: number): LatencyWorkload {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  // a Monday morning in March 2026, a few weeks after which daylight saving starts
  const now = new Date(2026, 2, 30, 9, 30).getTime();
  const organisationCount = Math.max(1, Math.floor(contactCount / 3));
  const contacts: LatencyContact[] = Array.from({ length: contactCount }, (_, index) => {
    const organisation = Math.floor(random() * organisationCount);
    return {
      id: `c:${index}@org${organisation}.nl`,
      organisationId: random() < 0.85 ? `org:${organisation}` : null,
      // now and then a role from outside the list: measured as onbekend
      role: random() < 0.01 ? ('wethouders' as LatencyContact['role']) : pick(ROLE_IDS),
    };
  });
  // contacts that are not listed still answer for their colleagues
  const everyone = [
    ...contacts,
    ...Array.from({ length: Math.ceil(contactCount / 10) }, (_, index) => ({
      id: `c:unlisted${index}`,
      organisationId: `org:${Math.floor(random() * organisationCount)}`,
      role: 'onbekend' as const,
    })),
  ];
  const interactions: Interaction[] = [];
  for (let index = 0; index < interactionCount; index += 1) {
    const contact = pick(everyone);
    const kindRoll = random();
    const kind = kindRoll < 0.75 ? 'email' : kindRoll < 0.92 ? 'call' : 'meeting';
    const direction = random() < 0.55 ? 'out' : 'in';
    const timeRoll = random();
    const at =
      timeRoll < 0.03
        ? null
        : timeRoll < 0.035
          ? Number.NaN
          : now - Math.floor(random() * 21 * 24 * 60) * MINUTE + (kind === 'meeting' ? 5 * DAY : 0) + (timeRoll < 0.05 ? DAY : 0);
    const organisation = contact.organisationId ?? contact.id;
    const threadId = kind === 'email' ? (random() < 0.05 ? null : `t:${organisation}:${Math.floor(random() * 3)}`) : null;
    const item: Interaction = {
      id: `d${index}`,
      contactId: contact.id,
      organisationId: random() < 0.05 ? null : contact.organisationId,
      kind,
      direction,
      at,
      threadId,
    };
    if (kind === 'call' && random() < 0.8) item.answered = random() < 0.4;
    if (kind === 'email') {
      const roll = random();
      if (roll < 0.12) {
        const until =
          roll < 0.08 && at !== null && Number.isFinite(at) ? at + Math.floor(random() * 10 * 24 * 60) * MINUTE - DAY : null;
        item.autoReply = { until };
      } else if (direction === 'in' && roll < 0.2) item.fromContactId = roll < 0.17 ? pick(everyone).id : contact.id;
    }
    // a reply right before the question in the same thread (clock skew), listed after it
    if (kind === 'email' && direction === 'out' && at !== null && Number.isFinite(at) && random() < 0.15) {
      interactions.push(item);
      index += 1;
      interactions.push({ ...item, id: `d${index}`, direction: 'in', at: at - Math.floor(random() * 3) * MINUTE });
      continue;
    }
    interactions.push(item);
  }
  return JSON.parse(JSON.stringify({ now, contacts, interactions })) as LatencyWorkload;
}

function digest(values: Iterable<unknown>): string {
  const hash = createHash('sha256');
  for (const value of values) hash.update(JSON.stringify(value) ?? 'undefined').update('\n');
  return hash.digest('hex');
}

function latencyDigest(workload: LatencyWorkload, thresholds?: Parameters<typeof computeLatencies>[2]['thresholds']): string {
  const latencies = computeLatencies(workload.interactions, workload.contacts, {
    now: workload.now,
    ...(thresholds ? { thresholds } : {}),
  });
  expect(latencies.size).toBe(new Set(workload.contacts.map((contact) => contact.id)).size);
  // evidence as the Dutch sentences it was when the digests were taken (codes since, lib/i18n/evidence.ts)
  return digest(workload.contacts.map((contact) => inDutch(latencies.get(contact.id)!, workload.now)));
}

function groupBy(interactions: readonly Interaction[], key: (interaction: Interaction) => string | null) {
  const groups = new Map<string, Interaction[]>();
  for (const interaction of interactions) {
    const name = key(interaction);
    if (name === null) continue;
    const group = groups.get(name) ?? [];
    group.push(interaction);
    groups.set(name, group);
  }
  return groups;
}

describe('the latency model gives the answers it gave before its speed work', () => {
  let zone: string | undefined;
  beforeAll(() => {
    zone = process.env.TZ;
    process.env.TZ = 'Europe/Amsterdam';
  });
  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it('runs in the pinned zone', () => {
    // 2026-03-29 02:30 does not exist in Amsterdam: the clocks jump from 02:00 to 03:00
    expect(new Date(2026, 2, 29, 12).getTimezoneOffset()).toBe(-120);
    expect(new Date(2026, 2, 28, 12).getTimezoneOffset()).toBe(-60);
  });

  it("the bench's workload: 5,000 contacts, 100,000 interactions", () => {
    const workload = makeLatencyWorkload();
    expect(latencyDigest(workload)).toBe('19baf283b51ea16527601cf276ba52a9b6690491eb25093adbcfc343c4d958e2');
  });

  it('a dense workload: 3,000 contacts, 60,000 interactions on a minute grid, adjusted thresholds', () => {
    const workload = makeDenseWorkload(3_000, 60_000, 7);
    expect(latencyDigest(workload)).toBe('8e57631a85e7f0672b1ee7a05f4fc379d26b9892849192090c2a3deac90c1c02');
    expect(latencyDigest(workload, { ambtenaar: { ideal: 1, max: 2 }, wethouder: { ideal: 0, max: 1 } })).toBe(
      '5d0cf0326302759919f5e65018334797b37801dd39202d3a7441d022376970f5',
    );
  });

  it('the dense workload per contact (computeContactLatency) and per thread (computeThreadState)', () => {
    const workload = makeDenseWorkload(600, 20_000, 11);
    const now = workload.now;
    const byContact = groupBy(workload.interactions, (interaction) => interaction.contactId);
    const perContact = [...byContact.values()].map((group) =>
      computeContactLatency(group, { now, thresholds: { ideal: 2, max: 4 } }),
    );
    const byThread = groupBy(workload.interactions, (interaction) => interaction.threadId);
    const perThread = [...byThread.values()].map((group) => computeThreadState(group, { now }));
    expect(digest(perContact.map((latency) => inDutch(latency, now)))).toBe(
      '6f33cdaadf9ece68c0219e90fd90990d0397dada95e1ea693aa0c1c21bcb5ae2',
    );
    expect(digest(perThread)).toBe('c69a098909cef3131b45792b634a2cdc79b1585a95e8185bd8fdfafcd5bf04b6');
  });

  it('the store side: interactionsFrom on 20,000 seeded messages and 3,000 calls', () => {
    const random = seededRandom(3);
    const contactIds = Array.from({ length: 400 }, (_, index) => `c:${index}@org${index % 90}.nl`);
    const organisations = new Map(
      contactIds.filter((_, index) => index % 7 !== 0).map((id, index) => [id, index % 5 === 0 ? null : `org:${index % 90}`]),
    );
    const messages = Array.from({ length: 20_000 }, (_, index): Message => {
      const recipients = 1 + Math.floor(random() * random() * 4);
      const autoReply = random();
      return {
        id: `gmail:msg-f:${index}`,
        threadId: `gmail:thread-f:${Math.floor(random() * 3_000)}`,
        host: 'gmail',
        idSource: 'app',
        direction: random() < 0.5 ? 'in' : 'out',
        fromAddress: null,
        fromName: '',
        toAddresses: [],
        contactIds: Array.from({ length: recipients }, () => contactIds[Math.floor(random() * contactIds.length)] as string),
        at: random() < 0.03 ? null : 1_780_000_000_000 + Math.floor(random() * 1e10),
        atRaw: null,
        subject: '',
        excerpt: '',
        // messages stored before auto-reply detection lack both fields
        ...(autoReply < 0.3 ? {} : { isAutoReply: autoReply < 0.4 }),
        ...(autoReply < 0.35 ? {} : { autoReplyUntil: autoReply < 0.37 ? 1_790_000_000_000 : null }),
        updatedAt: 0,
      };
    });
    const calls = Array.from({ length: 3_000 }, (_, index): Call => ({
      id: `call:${index}`,
      contactId: contactIds[Math.floor(random() * contactIds.length)] as string,
      direction: random() < 0.5 ? 'in' : 'out',
      answered: random() < 0.5,
      note: '',
      at: 1_780_000_000_000 + Math.floor(random() * 1e10),
      createdAt: 0,
    }));
    const interactions = interactionsFrom(messages, calls, (id) => organisations.get(id) ?? null);
    expect(interactions.length).toBeGreaterThan(messages.length + calls.length);
    expect(digest(interactions)).toBe('f59feecd12fd3496f09a1ae457d409974a292cb5f2bc9d5f0e3f459867ae3e42');
  });
});
