import { describe, expect, it } from 'vitest';
import { computeContactLatency, computeLatencies, computeThreadState, interactionEffect, timeOrder } from '@/lib/latency/model';
import { DEFAULT_THRESHOLDS } from '@/lib/latency/thresholds';
import type { ContactLatency, Interaction, LatencyContact, ThreadState } from '@/lib/latency/types';
import { dutch, inDutch } from '../fixtures/evidence';

/** Local time, like the extension: these tests hold in any time zone. */
const at = (year: number, month: number, day: number, hour = 10, minute = 0) =>
  new Date(year, month - 1, day, hour, minute).getTime();
const endOf = (year: number, month: number, day: number) => new Date(year, month - 1, day, 23, 59, 59, 999).getTime();
/** November 2026 starts on a Sunday: Monday 2, 9, 16, 23, 30. */
const nov = (day: number, hour = 10, minute = 0) => at(2026, 11, day, hour, minute);
const dec = (day: number, hour = 10, minute = 0) => at(2026, 12, day, hour, minute);

const ANNA = 'c:anna@zwolle.nl';
const GEMEENTE = 'org:gemeente:GM0193';
let sequence = 0;

function interaction(fields: Partial<Interaction> & Pick<Interaction, 'kind' | 'direction' | 'at'>): Interaction {
  sequence += 1;
  return { id: `i${sequence}`, contactId: ANNA, organisationId: GEMEENTE, threadId: 't1', ...fields };
}
const sent = (when: number | null, extra: Partial<Interaction> = {}) =>
  interaction({ kind: 'email', direction: 'out', at: when, ...extra });
const received = (when: number | null, extra: Partial<Interaction> = {}) =>
  interaction({ kind: 'email', direction: 'in', at: when, ...extra });
const autoReply = (when: number, until: number | null) => received(when, { autoReply: { until } });
const called = (when: number, answered?: boolean) =>
  interaction({ kind: 'call', direction: 'out', at: when, threadId: null, ...(answered === undefined ? {} : { answered }) });
const calledBy = (when: number, answered: boolean) =>
  interaction({ kind: 'call', direction: 'in', at: when, threadId: null, answered });
const meeting = (when: number) => interaction({ kind: 'meeting', direction: 'out', at: when, threadId: null });

/** A question and its answer, measured the next day: how many working days the answer took. */
const answeredAfter = (name: string, asked: number, answered: number, days: number): TimelineCase => ({
  name,
  timeline: [sent(asked), received(answered)],
  now: answered + 86_400_000,
  expect: { status: 'ok', lastResponseWorkingDays: days },
});

const AMBTENAAR = DEFAULT_THRESHOLDS.ambtenaar;
const WETHOUDER = DEFAULT_THRESHOLDS.wethouder;

interface TimelineCase {
  name: string;
  timeline: Interaction[];
  now: number;
  thresholds?: { ideal: number; max: number };
  /** evidence as the Dutch UI shows it */
  expect: Partial<Omit<ContactLatency, 'evidence'>> & { evidence?: string[] };
  /** lines that must be among the evidence */
  evidence?: string[];
}

const TIMELINES: TimelineCase[] = [
  {
    name: 'nothing yet',
    timeline: [],
    now: nov(16),
    expect: { status: 'ok', attemptsSinceLastResponse: 0, waitingSince: null, workingDaysWaiting: null, evidence: [] },
  },
  {
    name: 'one mail, within the ideal',
    timeline: [sent(nov(2))],
    now: nov(6, 15),
    expect: { status: 'waiting', attemptsSinceLastResponse: 1, waitingSince: nov(2), workingDaysWaiting: 4 },
    evidence: ['1 poging zonder antwoord', '4 werkdagen wachten (sinds 2 november)'],
  },
  {
    name: 'exactly the ideal is still waiting',
    timeline: [sent(nov(2))],
    now: nov(9),
    expect: { status: 'waiting', workingDaysWaiting: 5 },
  },
  {
    name: 'beyond the ideal is slow',
    timeline: [sent(nov(2))],
    now: nov(10),
    expect: { status: 'slow', workingDaysWaiting: 6 },
    evidence: ['langer dan de ideale 5 werkdagen'],
  },
  {
    name: 'exactly the maximum is still slow',
    timeline: [sent(nov(2))],
    now: nov(16),
    expect: { status: 'slow', workingDaysWaiting: 10 },
  },
  {
    name: 'beyond the maximum is unresponsive',
    timeline: [sent(nov(2))],
    now: nov(18),
    expect: { status: 'unresponsive', workingDaysWaiting: 12 },
    evidence: ['12 werkdagen wachten (sinds 2 november)', 'langer dan het maximum van 10 werkdagen'],
  },
  {
    name: 'a wethouder gets more time (10/20)',
    timeline: [sent(nov(2))],
    now: nov(17),
    thresholds: WETHOUDER,
    expect: { status: 'slow', workingDaysWaiting: 11 },
  },
  {
    name: 'the same wait for an ambtenaar is unresponsive',
    timeline: [sent(nov(2))],
    now: nov(17),
    expect: { status: 'unresponsive', workingDaysWaiting: 11 },
  },
  {
    name: 'a reply resets the clock',
    timeline: [sent(nov(2)), received(nov(4, 14))],
    now: nov(16),
    expect: {
      status: 'ok',
      attemptsSinceLastResponse: 0,
      waitingSince: null,
      lastResponseAt: nov(4, 14),
      lastResponseKind: 'email',
      lastResponseWorkingDays: 2,
      medianResponseWorkingDays: 2,
      responseSamples: 1,
    },
    evidence: [
      'geen openstaande pogingen',
      'laatste reactie 4 november (e-mail)',
      'reageert meestal na 2 werkdagen (mediaan van 1 antwoord)',
    ],
  },
  {
    name: 'mail, unanswered call, mail: three attempts are unresponsive whatever the days',
    timeline: [sent(nov(2)), called(nov(3), false), sent(nov(4))],
    now: nov(5),
    expect: {
      status: 'unresponsive',
      attemptsSinceLastResponse: 3,
      attemptsCountedForStatus: 3,
      workingDaysWaiting: 3,
      waitingSince: nov(2),
      lastAttemptAt: nov(4),
    },
    evidence: ['3 pogingen zonder antwoord', '3 of meer pogingen zonder antwoord'],
  },
  {
    name: '"na 3 keer bellen": three calls of unknown outcome after a mail',
    timeline: [sent(nov(2)), called(nov(3)), called(nov(4)), called(nov(5))],
    now: nov(5, 16),
    expect: { status: 'unresponsive', attemptsSinceLastResponse: 4 },
  },
  {
    name: 'a burst (mail, correction, redial within 10 minutes) is one attempt',
    timeline: [sent(nov(2, 10, 0)), sent(nov(2, 10, 4)), called(nov(2, 10, 9), false)],
    now: nov(3),
    expect: { status: 'waiting', attemptsSinceLastResponse: 1, waitingSince: nov(2, 10, 0), lastAttemptAt: nov(2, 10, 9) },
  },
  {
    name: 'a second mail eleven minutes later is a new attempt',
    timeline: [sent(nov(2, 10, 0)), sent(nov(2, 10, 11))],
    now: nov(3),
    expect: { attemptsSinceLastResponse: 2 },
  },
  {
    name: 'an answered outgoing call is a response',
    timeline: [sent(nov(2)), called(nov(5), true)],
    now: nov(6),
    expect: { status: 'ok', lastResponseKind: 'call', lastResponseWorkingDays: 3 },
    evidence: ['laatste reactie 5 november (gesprek)'],
  },
  {
    name: 'an incoming call, even missed, is a response',
    timeline: [sent(nov(2)), calledBy(nov(3), false)],
    now: nov(6),
    expect: { status: 'ok', lastResponseAt: nov(3), lastResponseWorkingDays: 1 },
  },
  {
    name: 'a meeting that took place is a response',
    timeline: [sent(nov(2)), meeting(nov(6, 14))],
    now: nov(16),
    expect: { status: 'ok', lastResponseKind: 'meeting', lastResponseWorkingDays: 4, nextMeetingAt: null },
    evidence: ['laatste reactie 6 november (afspraak)'],
  },
  {
    name: 'a planned meeting is neither: the mail still waits',
    timeline: [sent(nov(2)), meeting(nov(30))],
    now: nov(10),
    expect: { status: 'slow', workingDaysWaiting: 6, nextMeetingAt: nov(30), lastResponseAt: null },
    evidence: ['afspraak gepland op 30 november'],
  },
  {
    name: 'an out-of-office is not a response, and its days are not counted',
    timeline: [sent(nov(30)), autoReply(nov(30, 10, 1), endOf(2026, 12, 4))],
    now: dec(9, 12),
    expect: {
      status: 'waiting',
      attemptsSinceLastResponse: 1,
      workingDaysWaiting: 3,
      absenceWorkingDaysExcluded: 4,
      absentUntil: null,
      lastResponseAt: null,
    },
    evidence: ['3 werkdagen wachten (sinds 30 november)', '4 afwezigheidsdagen niet meegeteld'],
  },
  {
    name: 'an absence still running shows until when',
    timeline: [sent(nov(30)), autoReply(nov(30, 10, 1), endOf(2026, 12, 11))],
    now: dec(2, 16),
    expect: { status: 'waiting', workingDaysWaiting: 0, absenceWorkingDaysExcluded: 2, absentUntil: endOf(2026, 12, 11) },
    evidence: ['afwezig tot 11 december'],
  },
  {
    name: 'an out-of-office without an end date: not a response, no days excluded',
    timeline: [sent(nov(2)), autoReply(nov(2, 10, 1), null)],
    now: nov(10),
    expect: { status: 'slow', workingDaysWaiting: 6, absenceWorkingDaysExcluded: 0, absentUntil: null },
    evidence: ['automatisch antwoord op 2 november, einddatum onbekend'],
  },
  {
    name: 'three mails into a holiday do not make a contact unresponsive',
    timeline: [sent(nov(30)), autoReply(nov(30, 10, 1), endOf(2026, 12, 11)), sent(dec(2)), sent(dec(4))],
    now: dec(7),
    expect: { status: 'waiting', attemptsSinceLastResponse: 3, attemptsCountedForStatus: 0, workingDaysWaiting: 0 },
    evidence: ['3 pogingen tijdens afwezigheid tellen niet mee voor de drie-pogingenregel'],
  },
  {
    name: 'after the absence the waiting counts again',
    timeline: [sent(nov(30)), autoReply(nov(30, 10, 1), endOf(2026, 12, 4))],
    now: dec(16),
    expect: { status: 'slow', workingDaysWaiting: 8, absenceWorkingDaysExcluded: 4 },
  },
  answeredAfter('weekend: Friday afternoon to Monday morning is 1 working day', nov(6, 16), nov(9, 9), 1),
  answeredAfter('Koningsdag 2026 (Monday 27 April) is no working day', at(2026, 4, 24), at(2026, 4, 28), 1),
  answeredAfter('Koningsdag 2025 fell on Saturday 26 April: Monday 28 counts', at(2025, 4, 25), at(2025, 4, 29), 2),
  answeredAfter('Bevrijdingsdag 2025 (lustrum) is a day off', at(2025, 5, 2), at(2025, 5, 6), 1),
  answeredAfter('Bevrijdingsdag 2026 is a working day', at(2026, 5, 4), at(2026, 5, 6), 2),
  {
    name: 'Easter 2026: Goede Vrijdag and Tweede Paasdag keep a mail from turning red',
    timeline: [sent(at(2026, 4, 2))],
    now: at(2026, 4, 14),
    expect: { status: 'slow', workingDaysWaiting: 6 },
  },
  answeredAfter('Hemelvaart 2026', at(2026, 5, 13), at(2026, 5, 15), 1),
  answeredAfter('Pinksteren 2025', at(2025, 6, 6), at(2025, 6, 10), 1),
  answeredAfter('Christmas and New Year', dec(23), at(2027, 1, 4), 6),
  {
    name: 'a secretariaat answering "namens" counts as a response',
    timeline: [sent(nov(2)), received(nov(3), { fromContactId: 'c:secretariaat@zwolle.nl' })],
    now: nov(20),
    expect: { status: 'ok', lastResponseAt: nov(3), lastResponseWorkingDays: 1 },
    evidence: ['antwoord van secretariaat (namens) telt als reactie'],
  },
  {
    name: 'clock skew: a reply a minute "before" the question it follows counts as 0 days',
    timeline: [sent(nov(2, 10, 0)), received(nov(2, 9, 59))],
    now: nov(20),
    expect: { status: 'ok', clockSkew: true, lastResponseWorkingDays: 0, medianResponseWorkingDays: 0 },
    evidence: ['klokverschil: een antwoord lijkt vóór de vraag te liggen; als 0 werkdagen geteld'],
  },
  {
    name: 'clock skew over midnight still gives 0, never a negative number',
    timeline: [sent(nov(3, 0, 0)), received(nov(2, 23, 59))],
    now: nov(20),
    expect: { status: 'ok', clockSkew: true, lastResponseWorkingDays: 0 },
  },
  {
    name: 'a reply an hour before the question came first: the question waits',
    timeline: [sent(nov(2, 10)), received(nov(2, 9))],
    now: nov(3),
    expect: { status: 'waiting', attemptsSinceLastResponse: 1, clockSkew: false, lastResponseAt: nov(2, 9) },
  },
  {
    name: 'a near-simultaneous reply listed before the question came first',
    timeline: [received(nov(2, 9, 59)), sent(nov(2, 10))],
    now: nov(3),
    expect: { status: 'waiting', attemptsSinceLastResponse: 1, clockSkew: false },
  },
  {
    name: 'no skew repair across threads',
    timeline: [sent(nov(2, 10), { threadId: 't1' }), received(nov(2, 9, 59), { threadId: 't2' })],
    now: nov(3),
    expect: { status: 'waiting', clockSkew: false },
  },
  {
    name: 'an attempt dated after now (device clock behind) waits 0 days',
    timeline: [sent(nov(4))],
    now: nov(3),
    expect: { status: 'waiting', workingDaysWaiting: 0 },
    evidence: ['klokverschil: poging ligt na het huidige tijdstip; als 0 werkdagen geteld'],
  },
  {
    name: 'interactions without a time are listed, never counted',
    timeline: [sent(null, { id: 'x1' }), received(null, { id: 'x2' }), sent(nov(2))],
    now: nov(4),
    expect: { status: 'waiting', attemptsSinceLastResponse: 1, workingDaysWaiting: 2, uncountedInteractionIds: ['x1', 'x2'] },
    evidence: ['2 contactmomenten zonder bekende tijd: getoond, niet meegeteld'],
  },
  {
    name: 'only interactions without a time: nothing to measure',
    timeline: [sent(null, { id: 'x3' })],
    now: nov(4),
    expect: {
      status: 'ok',
      attemptsSinceLastResponse: 0,
      uncountedInteractionIds: ['x3'],
      evidence: ['1 contactmoment zonder bekende tijd: getoond, niet meegeteld'],
    },
  },
  {
    name: 'the median over the history',
    timeline: [sent(nov(2)), received(nov(4)), sent(nov(5)), received(nov(11)), sent(nov(12)), received(nov(13))],
    now: nov(20),
    expect: { status: 'ok', medianResponseWorkingDays: 2, lastResponseWorkingDays: 1, responseSamples: 3 },
  },
  {
    name: 'an even number of answers: the median lies between',
    timeline: [sent(nov(2)), received(nov(3)), sent(nov(4)), received(nov(10))],
    now: nov(20),
    expect: { medianResponseWorkingDays: 2.5, lastResponseWorkingDays: 4 },
    evidence: ['reageert meestal na 2,5 werkdagen (mediaan van 2 antwoorden)'],
  },
  {
    name: 'the contact wrote first; the user answered: now the user waits',
    timeline: [received(nov(2)), sent(nov(3))],
    now: nov(5),
    expect: {
      status: 'waiting',
      waitingSince: nov(3),
      workingDaysWaiting: 2,
      lastResponseAt: nov(2),
      responseSamples: 0,
      medianResponseWorkingDays: null,
    },
  },
  {
    name: "the user's own out-of-office is no attempt",
    timeline: [sent(nov(2), { autoReply: { until: null } })],
    now: nov(20),
    expect: { status: 'ok', attemptsSinceLastResponse: 0 },
    evidence: ['geen openstaande pogingen'],
  },
  {
    name: 'waiting is measured from the first unanswered attempt after the last response',
    timeline: [sent(nov(2)), received(nov(3)), sent(nov(5)), sent(nov(9)), sent(nov(11))],
    now: nov(12),
    expect: {
      status: 'unresponsive',
      attemptsSinceLastResponse: 3,
      waitingSince: nov(5),
      workingDaysWaiting: 5,
      lastAttemptAt: nov(11),
    },
  },
  {
    name: 'the order of the input does not matter beyond ties',
    timeline: [received(nov(4, 14)), sent(nov(9)), sent(nov(2))],
    now: nov(10),
    expect: { status: 'waiting', attemptsSinceLastResponse: 1, waitingSince: nov(9), lastResponseWorkingDays: 2 },
  },
];

describe('computeContactLatency', () => {
  for (const testCase of TIMELINES) {
    it(testCase.name, () => {
      const latency = inDutch(
        computeContactLatency(testCase.timeline, {
          now: testCase.now,
          thresholds: testCase.thresholds ?? AMBTENAAR,
        }),
        testCase.now,
      );
      expect(latency).toMatchObject(testCase.expect);
      for (const line of testCase.evidence ?? []) expect(latency.evidence).toContain(line);
    });
  }

  it('never reports a negative number, whatever the order of times', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let run = 0; run < 100; run += 1) {
      const timeline = Array.from({ length: 12 }, () =>
        (random() < 0.5 ? sent : received)(nov(2) + Math.floor(random() * 20 * 86_400_000)),
      );
      const latency = computeContactLatency(timeline, { now: nov(10), thresholds: AMBTENAAR });
      for (const value of [latency.workingDaysWaiting, latency.lastResponseWorkingDays, latency.medianResponseWorkingDays]) {
        if (value !== null) expect(value).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('interactionEffect', () => {
  it.each([
    ['outgoing mail', sent(nov(2)), 'attempt'],
    ['incoming mail', received(nov(2)), 'response'],
    ['automatic reply', autoReply(nov(2), null), 'auto-reply'],
    ['unanswered outgoing call', called(nov(2), false), 'attempt'],
    ['outgoing call of unknown outcome', called(nov(2)), 'attempt'],
    ['answered outgoing call', called(nov(2), true), 'response'],
    ['missed incoming call', calledBy(nov(2), false), 'response'],
    ['past meeting', meeting(nov(2)), 'response'],
    ['future meeting', meeting(nov(30)), 'planned'],
    ['meeting without a time', interaction({ kind: 'meeting', direction: 'in', at: null }), 'none'],
  ] as const)('%s', (_name, item, effect) => {
    expect(interactionEffect(item, nov(10))).toBe(effect);
  });
});

describe('computeLatencies', () => {
  const BERT = 'c:bert@zwolle.nl';
  const CARLA = 'c:carla@welzijn-zwolle.nl';
  const WELZIJN = 'org:welzijn-zwolle.nl';
  const contacts: LatencyContact[] = [
    { id: ANNA, organisationId: GEMEENTE, role: 'ambtenaar', municipalityCode: 'GM0193' },
    { id: BERT, organisationId: GEMEENTE, role: 'wethouder', municipalityCode: 'GM0193' },
    { id: CARLA, organisationId: WELZIJN, role: 'welzijnsorganisatie', municipalityCode: 'GM0193' },
  ];
  const fromBert = (when: number | null, extra: Partial<Interaction> = {}) => received(when, { contactId: BERT, ...extra });
  const fromCarla = (when: number | null, extra: Partial<Interaction> = {}) =>
    received(when, { contactId: CARLA, organisationId: WELZIJN, ...extra });

  it('counts a colleague of the same organisation answering in the same thread for the person asked', () => {
    const result = computeLatencies([sent(nov(2)), fromBert(nov(4))], contacts, { now: nov(20) });
    expect(result.get(ANNA)).toMatchObject({ status: 'ok', lastResponseAt: nov(4), lastResponseWorkingDays: 2 });
    expect(dutch(result.get(ANNA)?.evidence)).toContain(
      'antwoord van een collega van dezelfde organisatie in dezelfde draad telt als reactie',
    );
    expect(result.get(BERT)).toMatchObject({ status: 'ok', lastResponseAt: nov(4), responseSamples: 0 });
  });

  it.each([
    ['in another thread', () => [sent(nov(2)), fromBert(nov(4), { threadId: 't2' })]],
    ['from another organisation', () => [sent(nov(2)), fromCarla(nov(4))]],
    ['before the question', () => [fromBert(nov(2)), sent(nov(3))]],
    ['as an automatic reply', () => [sent(nov(2)), fromBert(nov(3), { autoReply: { until: null } })]],
    ['without a time', () => [sent(nov(2)), fromBert(null)]],
  ])('does not count a reply %s', (_name, build) => {
    const result = computeLatencies(build(), contacts, { now: nov(6) });
    expect(result.get(ANNA)?.status).toBe('waiting');
    expect(result.get(ANNA)?.lastResponseAt ?? null).not.toBe(nov(4));
  });

  it("counts the organisation's first reply after each question once", () => {
    const timeline = [sent(nov(2)), sent(nov(2, 10, 5)), fromBert(nov(3)), fromBert(nov(5)), sent(nov(9)), fromBert(nov(11))];
    const anna = computeLatencies(timeline, contacts, { now: nov(20) }).get(ANNA);
    expect(anna).toMatchObject({ status: 'ok', responseSamples: 2, lastResponseWorkingDays: 2, lastResponseAt: nov(11) });
  });

  it("does not replace the contact's own answer by a colleague's", () => {
    const timeline = [sent(nov(2)), received(nov(3)), fromBert(nov(5))];
    const anna = computeLatencies(timeline, contacts, { now: nov(20) }).get(ANNA);
    expect(anna).toMatchObject({ lastResponseAt: nov(3), responseSamples: 1 });
    expect(dutch(anna?.evidence)).not.toContain(
      'antwoord van een collega van dezelfde organisatie in dezelfde draad telt als reactie',
    );
  });

  it('lets contacts that are not listed answer, without giving them an entry', () => {
    const result = computeLatencies([sent(nov(2)), fromBert(nov(4))], [contacts[0] as LatencyContact], { now: nov(20) });
    expect([...result.keys()]).toEqual([ANNA]);
    expect(result.get(ANNA)?.status).toBe('ok');
  });

  it('gives every listed contact an entry, with the thresholds of its role', () => {
    const timeline = [sent(nov(2)), sent(nov(2), { contactId: BERT })];
    const result = computeLatencies(timeline, contacts, { now: nov(17) });
    expect(result.get(ANNA)).toMatchObject({ status: 'unresponsive', thresholds: { ideal: 5, max: 10 } });
    expect(result.get(BERT)).toMatchObject({ status: 'slow', thresholds: { ideal: 10, max: 20 } });
    expect(result.get(CARLA)).toMatchObject({ status: 'ok', attemptsSinceLastResponse: 0, evidence: [] });
  });

  it('uses adjusted thresholds and falls back per role', () => {
    const result = computeLatencies([sent(nov(2))], contacts, {
      now: nov(17),
      thresholds: { ambtenaar: { ideal: 15, max: 30 } },
    });
    expect(result.get(ANNA)?.status).toBe('waiting');
  });

  it('measures a contact with a role outside the list as onbekend', () => {
    const stray = { id: ANNA, organisationId: GEMEENTE, role: 'burgemeester' } as unknown as LatencyContact;
    expect(computeLatencies([sent(nov(2))], [stray], { now: nov(17) }).get(ANNA)).toMatchObject({
      status: 'slow',
      thresholds: { ideal: 7, max: 14 },
    });
  });

  it('keeps unknown-time interactions with their contact', () => {
    const result = computeLatencies([sent(null, { id: 'n1' }), fromBert(null, { id: 'n2' })], contacts, { now: nov(17) });
    expect(result.get(ANNA)?.uncountedInteractionIds).toEqual(['n1']);
    expect(result.get(BERT)?.uncountedInteractionIds).toEqual(['n2']);
  });

  it('agrees with computeContactLatency for a contact on their own', () => {
    for (const testCase of TIMELINES) {
      const contact: LatencyContact = { id: ANNA, organisationId: GEMEENTE, role: 'ambtenaar' };
      const thresholds = testCase.thresholds ?? AMBTENAAR;
      const together = computeLatencies(testCase.timeline, [contact], {
        now: testCase.now,
        thresholds: { ambtenaar: thresholds },
      }).get(ANNA);
      const alone = computeContactLatency(testCase.timeline, { now: testCase.now, thresholds });
      expect({ ...together, contactId: null }).toEqual({ ...alone, contactId: null });
    }
  });
});

describe('computeThreadState', () => {
  const cases: Array<[string, () => Interaction[], ThreadState]> = [
    ['an empty thread', () => [], 'done'],
    ['the user wrote last', () => [received(nov(2)), sent(nov(3))], 'waiting-for-them'],
    ['they wrote last', () => [sent(nov(2)), received(nov(3))], 'waiting-for-me'],
    ['the user wrote again', () => [sent(nov(2)), received(nov(3)), sent(nov(4))], 'waiting-for-them'],
    ['an out-of-office changes nothing', () => [sent(nov(2)), autoReply(nov(2, 10, 1), null)], 'waiting-for-them'],
    ['a call settled it', () => [received(nov(2)), { ...called(nov(3), true), threadId: 't1' }], 'done'],
    [
      'they called and the user missed it',
      () => [sent(nov(2)), { ...calledBy(nov(3), false), threadId: 't1' }],
      'waiting-for-me',
    ],
    ['a meeting took place', () => [sent(nov(2)), { ...meeting(nov(5)), threadId: 't1' }], 'done'],
    ['a meeting is planned', () => [sent(nov(2)), { ...meeting(nov(30)), threadId: 't1' }], 'waiting-for-them'],
    ['only messages without a time', () => [sent(null)], 'done'],
    ['clock skew: the reply listed after the question', () => [sent(nov(2, 10)), received(nov(2, 9, 59))], 'waiting-for-me'],
  ];
  it.each(cases)('%s', (_name, build, state) => {
    expect(computeThreadState(build(), { now: nov(10) })).toBe(state);
  });
});

describe('timeOrder', () => {
  /** The order by definition: known times ascending, ties in the caller's order. */
  const expected = (items: Interaction[]) =>
    items
      .map((item, index) => ({ at: item.at, index }))
      .filter((entry): entry is { at: number; index: number } => entry.at !== null)
      .sort((left, right) => left.at - right.at || left.index - right.index)
      .map((entry) => entry.index);

  function randomTimeline(length: number, seed: number, timeOf: (random: () => number) => number | null) {
    let state = seed;
    const random = () => {
      state = (state * 48_271) % 2_147_483_647;
      return state / 2_147_483_647;
    };
    return Array.from({ length }, () => sent(timeOf(random)));
  }

  it("leaves out unknown times and keeps ties in the caller's order (small input)", () => {
    const items = [sent(nov(3)), sent(null), sent(nov(2)), sent(nov(3)), received(nov(2))];
    expect(timeOrder(items)).toEqual([2, 4, 0, 3]);
  });

  it.each([
    [
      'minute times with many ties',
      (random: () => number) => (random() < 0.05 ? null : nov(2) + Math.floor(random() * 500) * 60_000),
    ],
    ['times before 1970', (random: () => number) => Math.floor((random() - 0.5) * 4e12)],
    ['fractional times (the comparator path)', (random: () => number) => nov(2) + random() * 1e6],
    ['times beyond the year 2109 (the comparator path)', (random: () => number) => 8e15 - Math.floor(random() * 1e9)],
  ])('sorts a large input with %s like the definition', (_name, timeOf) => {
    const items = randomTimeline(3_000, 11, timeOf);
    expect(timeOrder(items)).toEqual(expected(items));
  });
});

describe('computeLatencies on a large input', () => {
  it('agrees with computeContactLatency per contact when no colleague answers', () => {
    let state = 3;
    const random = () => {
      state = (state * 48_271) % 2_147_483_647;
      return state / 2_147_483_647;
    };
    const contacts: LatencyContact[] = Array.from({ length: 40 }, (_, index) => ({
      id: `c:${index}`,
      organisationId: null,
      role: 'ambtenaar',
    }));
    const interactions: Interaction[] = Array.from({ length: 2_000 }, (_, index) => {
      const contactId = `c:${Math.floor(random() * 40)}`;
      const when = random() < 0.03 ? null : nov(2) + Math.floor(random() * 40 * 86_400_000);
      const kinds = [sent, received, called, calledBy, meeting] as const;
      const made = (kinds[Math.floor(random() * kinds.length)] as (at: number) => Interaction)(when as number);
      return { ...made, id: `r${index}`, contactId, organisationId: null, at: when, threadId: `t${index % 7}` };
    });
    const now = nov(2) + 30 * 86_400_000;
    const together = computeLatencies(interactions, contacts, { now });
    for (const contact of contacts) {
      const own = interactions.filter((item) => item.contactId === contact.id);
      expect(together.get(contact.id)).toEqual(computeContactLatency(own, { now, thresholds: AMBTENAAR }));
    }
  });
});
