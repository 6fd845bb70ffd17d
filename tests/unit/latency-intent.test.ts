/**
 * The latency model with what an outgoing mail does (its intent), meetings agreed in mail and a
 * snooze: only asking mail waits, a closing mail leaves the contact answered, a neutral mail is an
 * attempt unless it answers their mail in the thread, a passed meeting answers, a snoozed contact
 * needs no attention until the snooze ends. Model level: the traps of the labelled mailbox.
 */
import { describe, expect, it } from 'vitest';
import { computeContactLatency, computeLatencies, computeThreadState } from '@/lib/latency/model';
import { DEFAULT_THRESHOLDS } from '@/lib/latency/thresholds';
import type { Interaction, LatencyContact } from '@/lib/latency/types';

const nov = (day: number, hour = 10, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();
const dec = (day: number, hour = 10, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
const NOW = dec(3);
const AMBTENAAR = DEFAULT_THRESHOLDS.ambtenaar;

const RUUD = 'c:r.kamphuis@deventer.nl';
const ORG = 'org:gemeente:GM0150';
let sequence = 0;

function mail(direction: 'in' | 'out', at: number, extra: Partial<Interaction> = {}): Interaction {
  sequence += 1;
  return { id: `m${sequence}`, contactId: RUUD, organisationId: ORG, kind: 'email', direction, at, threadId: 't1', ...extra };
}
const asks = (at: number, extra: Partial<Interaction> = {}) => mail('out', at, { intent: 'asking', ...extra });
const closes = (at: number, extra: Partial<Interaction> = {}) => mail('out', at, { intent: 'closing', ...extra });
const neutral = (at: number, extra: Partial<Interaction> = {}) => mail('out', at, { intent: 'neutral', ...extra });
const replies = (at: number, extra: Partial<Interaction> = {}) => mail('in', at, extra);
const meeting = (at: number) => {
  sequence += 1;
  return {
    id: `meeting${sequence}`,
    contactId: RUUD,
    organisationId: ORG,
    kind: 'meeting',
    direction: 'out',
    at,
    threadId: null,
  } as Interaction;
};

const latencyOf = (timeline: Interaction[], snoozedUntil: number | null = null) =>
  computeContactLatency(timeline, { now: NOW, thresholds: AMBTENAAR, snoozedUntil });

describe('intent in the latency model', () => {
  it.each([
    [
      '"Hartelijk dank voor de stukken!" after her answer leaves her answered',
      [asks(nov(23)), replies(nov(24)), closes(nov(24, 15))],
      'ok',
      0,
    ],
    ['"Dank! Fijn weekend?" after his answer', [asks(nov(26)), replies(nov(27)), closes(nov(27, 12))], 'ok', 0],
    ['a thank-you that asks is an attempt', [replies(nov(16)), asks(nov(17))], 'unresponsive', 1],
    ['three asking mails are three attempts', [asks(nov(9)), asks(nov(17)), asks(nov(25))], 'unresponsive', 3],
    ['"Ter informatie" to someone who never wrote is nothing to wait for', [closes(nov(9))], 'ok', 0],
    ['a closing mail does not end the wait for an earlier question', [asks(nov(23)), closes(nov(24))], 'slow', 1],
    ['a neutral proposal opening contact is an attempt', [neutral(nov(26))], 'waiting', 1],
    ['a neutral answer to their question is no attempt', [asks(nov(2)), replies(nov(5)), neutral(nov(5, 11))], 'ok', 0],
    [
      "a neutral follow-up after the user's own unanswered mail is an attempt",
      [asks(nov(9)), asks(nov(16)), neutral(nov(23))],
      'unresponsive',
      3,
    ],
    [
      'a neutral mail after an out-of-office is still an attempt',
      [asks(nov(9)), replies(nov(9, 11), { autoReply: { until: null } }), neutral(nov(10))],
      'unresponsive',
      2,
    ],
    [
      "a neutral mail after their reply and the user's thanks still answers",
      [replies(nov(5)), closes(nov(5, 11)), neutral(nov(5, 12))],
      'ok',
      0,
    ],
    ['a mail without intent (stored before intents) is an attempt', [mail('out', nov(9))], 'unresponsive', 1],
  ] as const)('%s', (_name, timeline, status, attempts) => {
    const latency = latencyOf([...timeline]);
    expect(latency.status).toBe(status);
    expect(latency.attemptsSinceLastResponse).toBe(attempts);
  });

  it('waits from the first of three follow-ups', () => {
    expect(latencyOf([asks(nov(9, 9, 40)), asks(nov(17)), asks(nov(25))]).waitingSince).toBe(nov(9, 9, 40));
  });

  it('decides a neutral mail by its own thread, not by another thread of the contact', () => {
    const latency = latencyOf([replies(nov(5), { threadId: 'other' }), neutral(nov(26), { threadId: 'new' })]);
    expect(latency.attemptsSinceLastResponse).toBe(1);
  });

  it('gives computeLatencies and computeContactLatency the same answer', () => {
    const timeline = [asks(nov(2)), replies(nov(5)), neutral(nov(5, 11)), neutral(nov(20), { threadId: 't2' }), closes(nov(21))];
    const contact: LatencyContact = { id: RUUD, organisationId: ORG, role: 'ambtenaar' };
    const together = computeLatencies(timeline, [contact], { now: NOW }).get(RUUD)!;
    expect(together).toEqual(latencyOf(timeline));
    expect(together.attemptsSinceLastResponse).toBe(1);
  });

  it("lets a colleague's reply answer only an asking mail", () => {
    const LINDA = 'c:l.mol@deventer.nl';
    const timeline = [closes(nov(20)), replies(nov(20, 11), { contactId: LINDA, fromContactId: LINDA })];
    const contacts: LatencyContact[] = [
      { id: RUUD, organisationId: ORG, role: 'ambtenaar' },
      { id: LINDA, organisationId: ORG, role: 'ambtenaar' },
    ];
    expect(computeLatencies(timeline, contacts, { now: NOW }).get(RUUD)).toMatchObject({ status: 'ok', responseSamples: 0 });
  });
});

describe('meetings in the latency model', () => {
  it('counts a passed meeting as the answer to a question asked after it was agreed', () => {
    const latency = latencyOf([asks(nov(18)), replies(nov(19, 8, 45)), asks(nov(19, 9, 10)), meeting(nov(30, 11))]);
    expect(latency).toMatchObject({
      status: 'ok',
      attemptsSinceLastResponse: 0,
      lastResponseKind: 'meeting',
      nextMeetingAt: null,
    });
  });

  it('keeps a meeting still ahead as the next meeting, not an answer', () => {
    const latency = latencyOf([asks(nov(30, 9)), replies(nov(30, 12)), meeting(dec(10, 13))]);
    expect(latency).toMatchObject({ status: 'ok', lastResponseKind: 'email', nextMeetingAt: dec(10, 13) });
  });
});

describe('snooze', () => {
  const silent = [asks(nov(2)), asks(nov(9)), asks(nov(16))];

  it('shows a snoozed contact as snoozed until the date, with its figures', () => {
    const latency = latencyOf(silent, dec(10));
    expect(latency).toMatchObject({ status: 'snoozed', snoozedUntil: dec(10), attemptsSinceLastResponse: 3 });
  });

  it('wakes up after the date', () => {
    expect(latencyOf(silent, dec(1))).toMatchObject({ status: 'unresponsive' });
    expect(latencyOf(silent, dec(1)).snoozedUntil).toBeUndefined();
  });

  it('keeps ok for a snoozed contact with nothing outstanding, the snooze still known', () => {
    expect(latencyOf([asks(nov(2)), replies(nov(3))], dec(10))).toMatchObject({ status: 'ok', snoozedUntil: dec(10) });
  });

  it('passes the snooze through computeLatencies', () => {
    const contact: LatencyContact = { id: RUUD, organisationId: ORG, role: 'ambtenaar', snoozedUntil: dec(10) };
    expect(computeLatencies(silent, [contact], { now: NOW }).get(RUUD)?.status).toBe('snoozed');
  });
});

describe('computeThreadState with intents', () => {
  it.each([
    ["their answer, then the user's thanks: done", [asks(nov(2)), replies(nov(3)), closes(nov(3, 11))], 'done'],
    ["their question, then the user's neutral answer: done", [replies(nov(3)), neutral(nov(3, 11))], 'done'],
    ["the user's neutral opener: waiting for them", [neutral(nov(3))], 'waiting-for-them'],
    ['their question last: waiting for the user', [asks(nov(2)), replies(nov(3))], 'waiting-for-me'],
  ] as const)('%s', (_name, timeline, state) => {
    expect(computeThreadState([...timeline], { now: NOW })).toBe(state);
  });
});
