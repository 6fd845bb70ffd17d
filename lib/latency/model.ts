/**
 * The response-latency model: per contact, how many attempts the user made since the last
 * response, how long they have been waiting, how long this person usually takes, and a status
 * (ok / waiting / slow / unresponsive) with Dutch evidence lines.
 *
 * What counts (PRODUCT.md: "any response resets the clock"):
 * - attempt: an outgoing mail; an outgoing call that was not answered (or not known to be).
 * - response: an incoming mail that is not an automatic reply (also when a secretariaat or a
 *   colleague wrote it "namens" the contact); an answered call in either direction; an incoming
 *   call even when the user missed it (they reached out: the ball is with the user); a meeting
 *   that took place (at <= now).
 * - neither: an automatic reply (its `until` marks days away that are not counted); a planned
 *   meeting (still in the future); an outgoing mail flagged as an automatic reply (the user's own
 *   out-of-office is no attempt).
 * - never counted: an interaction without a known time; it is listed in `uncountedInteractionIds`.
 *
 * Decisions where the issue was silent:
 * - A burst of attempts within ATTEMPT_BURST_MS of the first one (a correction mail, a redial, a
 *   mail right after a voicemail) is one attempt: "three calls" means three occasions.
 * - Working days are counted from the local day after the first unanswered attempt through the
 *   day of the response (or today); see calendar.ts.
 * - Attempts made while the contact was known to be away do not count for the three-attempts rule
 *   (three mails into a holiday are not "unresponsive"); they still show in the attempt count.
 * - Clock skew: a reply in the same thread timestamped up to CLOCK_SKEW_TOLERANCE_MS before a
 *   question that the caller lists before it (conversation order) is taken as its answer, counted
 *   as 0 working days and noted. A larger gap is believed: the reply then came first.
 *   Latencies are clamped at 0 everywhere; an attempt dated after `now` waits 0 days.
 *
 * Cost: one sort of all interactions by time, then linear passes: O(n log n) overall. A colleague's
 * reply is matched to the open questions of its thread while passing by, so threads need no sort.
 */
import { localDayIndex, mergeAbsenceDays, workingDaysBetween, type AbsenceInterval } from './calendar';
import { countNoun, formatDutchDate } from './format';
import { DEFAULT_THRESHOLDS } from './default-thresholds';
import type {
  ContactLatency,
  Interaction,
  InteractionKind,
  LatencyContact,
  LatencyStatus,
  LatencyThresholds,
  RoleThresholds,
  ThreadState,
} from './types';

/** "after three calls he still hasn't read my email" */
export const UNRESPONSIVE_AFTER_ATTEMPTS = 3;
export const ATTEMPT_BURST_MS = 10 * 60_000;
export const CLOCK_SKEW_TOLERANCE_MS = 2 * 60_000;

export type InteractionEffect = 'attempt' | 'response' | 'auto-reply' | 'planned' | 'none';

/** What an interaction means for the clock, at `now` (a meeting is planned until it took place). */
export function interactionEffect(interaction: Interaction, now: number): InteractionEffect {
  switch (interaction.kind) {
    case 'email':
      if (interaction.direction === 'out') return interaction.autoReply ? 'none' : 'attempt';
      return interaction.autoReply ? 'auto-reply' : 'response';
    case 'call':
      if (interaction.direction === 'in') return 'response';
      return interaction.answered === true ? 'response' : 'attempt';
    case 'meeting':
      if (interaction.at === null) return 'none';
      return interaction.at <= now ? 'response' : 'planned';
    default:
      return 'none';
  }
}

export interface ContactLatencyOptions {
  now: number;
  thresholds: LatencyThresholds;
}

export interface LatenciesOptions {
  now: number;
  /** per role; a role left out gets DEFAULT_THRESHOLDS (pass the output of repairThresholds) */
  thresholds?: Partial<RoleThresholds>;
}

/**
 * The latency of one contact from that contact's own interactions (all of them are taken as being
 * with this contact). Use `computeLatencies` to also count colleagues' replies in the same thread.
 */
export function computeContactLatency(
  interactions: readonly Interaction[],
  options: ContactLatencyOptions,
): ContactLatency {
  const events: TimedEvent[] = [];
  for (const index of timeOrder(interactions)) {
    const interaction = interactions[index] as Interaction;
    events.push(toEvent(interaction, index, options.now, selfOrNamens(interaction)));
  }
  const uncounted = interactions.filter((interaction) => !isKnownTime(interaction.at)).map((interaction) => interaction.id);
  return summarise(interactions[0]?.contactId ?? null, repairSkew(events), uncounted, options);
}

/**
 * The latency of every listed contact, from all interactions of their organisations at once.
 * A reply from someone of the same organisation in the same thread counts as a response for each
 * colleague the user asked in that thread ("the person asked"). Interactions with contacts that are
 * not listed only serve as such replies. Returns a Map by contact id with an entry per contact.
 */
export function computeLatencies(
  interactions: readonly Interaction[],
  contacts: readonly LatencyContact[],
  options: LatenciesOptions,
): Map<string, ContactLatency> {
  const { now } = options;
  const thresholdsByRole = options.thresholds ?? DEFAULT_THRESHOLDS;
  const buckets = new Map<string, Bucket>();
  for (const contact of contacts) buckets.set(contact.id, { contact, events: [], uncounted: [] });
  // First in the caller's order (memory order, so cheap): each interaction's contact, its event,
  // and for mails that can ask or answer within an organisation, a thread number and organisation.
  const count = interactions.length;
  const bucketOf: Array<Bucket | undefined> = new Array(count);
  const eventOf: Array<TimedEvent | undefined> = new Array(count);
  const threadOf = new Int32Array(count).fill(-1);
  const organisationOf: Array<string | null> = new Array(count);
  const threadNumbers = new Map<string, number>();
  for (let index = 0; index < count; index += 1) {
    const interaction = interactions[index] as Interaction;
    const bucket = buckets.get(interaction.contactId);
    bucketOf[index] = bucket;
    if (!isKnownTime(interaction.at)) {
      bucket?.uncounted.push(interaction.id);
      continue;
    }
    const event = toEvent(interaction, index, now, selfOrNamens(interaction));
    eventOf[index] = event;
    if (interaction.threadId === null || interaction.kind !== 'email') continue;
    // who asked is answered by their organisation; a reply speaks for the sender's organisation
    const organisationId =
      event.effect === 'attempt' && bucket
        ? (bucket.contact.organisationId ?? interaction.organisationId)
        : event.effect === 'response'
          ? interaction.organisationId
          : null;
    if (organisationId === null) continue;
    let threadNumber = threadNumbers.get(interaction.threadId);
    if (threadNumber === undefined) {
      threadNumber = threadNumbers.size;
      threadNumbers.set(interaction.threadId, threadNumber);
    }
    threadOf[index] = threadNumber;
    organisationOf[index] = organisationId;
  }

  // Then one pass in time order. Per thread, the listed contacts asked and not yet answered, with
  // the organisation whose reply answers them: the first reply of that organisation in the thread
  // answers every one of them (for a colleague it becomes a derived response).
  const askedByThread: Array<Array<{ bucket: Bucket; organisationId: string }> | undefined> = new Array(
    threadNumbers.size,
  );
  for (const index of timeOrder(interactions)) {
    const event = eventOf[index] as TimedEvent;
    const bucket = bucketOf[index];
    bucket?.events.push(event);
    const threadNumber = threadOf[index] as number;
    if (threadNumber < 0) continue;
    const organisationId = organisationOf[index] as string;
    let asked = askedByThread[threadNumber];
    if (event.effect === 'attempt') {
      if (!asked) {
        asked = [];
        askedByThread[threadNumber] = asked;
      }
      if (!asked.some((entry) => entry.bucket === bucket)) asked.push({ bucket: bucket as Bucket, organisationId });
    } else if (asked && asked.length > 0) {
      let kept = 0;
      for (const entry of asked) {
        if (entry.organisationId !== organisationId) asked[kept++] = entry;
        // The contact's own reply is already in its timeline.
        else if (entry.bucket !== bucket) entry.bucket.events.push({ ...event, via: 'colleague' });
      }
      asked.length = kept;
    }
  }

  const result = new Map<string, ContactLatency>();
  for (const [contactId, { contact, events, uncounted }] of buckets) {
    // a role id from outside the list (bad data) is measured as `onbekend`, never a crash
    const thresholds =
      thresholdsByRole[contact.role] ?? DEFAULT_THRESHOLDS[contact.role] ?? DEFAULT_THRESHOLDS.onbekend;
    result.set(contactId, summarise(contactId, repairSkew(events), uncounted, { now, thresholds }));
  }
  return result;
}

/**
 * Who has the ball in a thread: the user (an incoming mail or a missed incoming call awaits an
 * answer), the other side (the user's mail or unanswered call is the latest), or nobody (a call or
 * meeting settled it, or nothing with a known time). Automatic replies and planned meetings change
 * nothing.
 */
export function computeThreadState(interactions: readonly Interaction[], options: { now: number }): ThreadState {
  const events = timeOrder(interactions).map((index) =>
    toEvent(interactions[index] as Interaction, index, options.now, 'self'),
  );
  const ordered = repairSkew(events);
  for (let index = ordered.length - 1; index >= 0; index -= 1) {
    const { effect, interaction } = ordered[index] as TimedEvent;
    if (effect === 'attempt') return 'waiting-for-them';
    if (effect !== 'response') continue;
    if (interaction.kind === 'email') return 'waiting-for-me';
    if (interaction.kind === 'call' && interaction.direction === 'in' && interaction.answered !== true) {
      return 'waiting-for-me';
    }
    return 'done';
  }
  return 'done';
}

/** How a response reached us: from the contact, "namens" (fromContactId), or a colleague in the thread. */
type ResponseVia = 'self' | 'namens' | 'colleague';

interface TimedEvent {
  interaction: Interaction;
  effect: InteractionEffect;
  at: number;
  /** position in the caller's list: breaks ties and tells the conversation order for skew repair */
  order: number;
  via: ResponseVia;
  /** the thread of a mail (null for calls and meetings): the skew repair reads it for every event */
  mailThreadId: string | null;
  /** moved after its question by the skew repair */
  skewed: boolean;
}

function isKnownTime(at: number | null): at is number {
  return at !== null && Number.isFinite(at);
}

function selfOrNamens(interaction: Interaction): ResponseVia {
  const from = interaction.fromContactId;
  return interaction.direction === 'in' && from != null && from !== interaction.contactId ? 'namens' : 'self';
}

function toEvent(interaction: Interaction, order: number, now: number, via: ResponseVia): TimedEvent {
  return {
    interaction,
    effect: interactionEffect(interaction, now),
    at: interaction.at as number,
    order,
    via,
    mailThreadId: interaction.kind === 'email' ? interaction.threadId : null,
    skewed: false,
  };
}

interface Bucket {
  contact: LatencyContact;
  events: TimedEvent[];
  uncounted: string[];
}

/** BigInt keys hold a time in ms below 2^42 (the year 2109) and an index below 2^20. */
const KEY_INDEX_BITS = 20;
const KEY_MAX_INDEX = 2 ** KEY_INDEX_BITS;
const KEY_MAX_TIME = 2 ** 42;
const KEY_INDEX_MASK = BigInt(KEY_MAX_INDEX - 1);

/**
 * The indices of the interactions with a known time, in time order; ties keep the caller's order.
 * For large inputs the sort runs natively on one 64-bit key per interaction (time, then index),
 * several times faster than a comparator; small inputs, and times or sizes the key cannot hold,
 * use the comparator. Both give the same order.
 */
export function timeOrder(interactions: readonly Interaction[]): number[] {
  const known: number[] = [];
  let keyable = interactions.length <= KEY_MAX_INDEX;
  for (let index = 0; index < interactions.length; index += 1) {
    const at = (interactions[index] as Interaction).at;
    if (!isKnownTime(at)) continue;
    known.push(index);
    if (!Number.isSafeInteger(at) || Math.abs(at) >= KEY_MAX_TIME) keyable = false;
  }
  if (!keyable || known.length < 64) {
    const timeOf = (index: number) => (interactions[index] as Interaction).at as number;
    return known.sort((left, right) => timeOf(left) - timeOf(right) || left - right);
  }
  const keys = new BigInt64Array(known.length);
  for (let position = 0; position < known.length; position += 1) {
    const index = known[position] as number;
    keys[position] = (BigInt((interactions[index] as Interaction).at as number) << BigInt(KEY_INDEX_BITS)) | BigInt(index);
  }
  keys.sort();
  for (let position = 0; position < keys.length; position += 1) {
    known[position] = Number((keys[position] as bigint) & KEY_INDEX_MASK);
  }
  return known;
}

/** The skew repair on events in time order (see the header); works in place. */
function repairSkew(events: TimedEvent[]): TimedEvent[] {
  for (let index = 0; index < events.length; index += 1) {
    const reply = events[index] as TimedEvent;
    if (reply.effect !== 'response' || reply.mailThreadId === null) continue;
    // The latest question in the same thread, within the tolerance after the reply, that the caller
    // lists before the reply: the reply answers it.
    let question = -1;
    for (let ahead = index + 1; ahead < events.length; ahead += 1) {
      const candidate = events[ahead] as TimedEvent;
      if (candidate.at - reply.at > CLOCK_SKEW_TOLERANCE_MS) break;
      if (
        candidate.effect === 'attempt' &&
        candidate.mailThreadId === reply.mailThreadId &&
        candidate.order < reply.order
      ) {
        question = ahead;
      }
    }
    if (question < 0) continue;
    events.splice(index, 1);
    events.splice(question, 0, { ...reply, skewed: true });
    index -= 1; // the element now at `index` has not been looked at
  }
  return events;
}

function summarise(
  contactId: string | null,
  events: readonly TimedEvent[],
  uncounted: string[],
  options: ContactLatencyOptions,
): ContactLatency {
  const { now, thresholds } = options;
  const absences: AbsenceInterval[] = [];
  let absentUntil: number | null = null;
  for (const event of events) {
    const until = event.effect === 'auto-reply' ? event.interaction.autoReply?.until : null;
    if (until == null || !Number.isFinite(until) || until < event.at) continue;
    absences.push({ from: event.at, to: until });
    if (until > now && (absentUntil === null || until > absentUntil)) absentUntil = until;
  }

  let pending: TimedEvent[] = [];
  let lastAttemptAt: number | null = null;
  let lastResponse: TimedEvent | null = null;
  let lastAutoReply: TimedEvent | null = null;
  let nextMeetingAt: number | null = null;
  let clockSkew = false;
  const samples: number[] = [];
  for (const event of events) {
    switch (event.effect) {
      case 'attempt': {
        lastAttemptAt = event.at;
        const burstStart = pending[pending.length - 1]?.at;
        if (burstStart === undefined || event.at - burstStart >= ATTEMPT_BURST_MS) pending.push(event);
        break;
      }
      case 'response': {
        const first = pending[0];
        if (first) {
          if (event.skewed || event.at < first.at) clockSkew = true;
          samples.push(workingDaysBetween(first.at, event.at, { absences }));
          pending = [];
        }
        lastResponse = event;
        break;
      }
      case 'auto-reply':
        lastAutoReply = event;
        break;
      case 'planned':
        if (nextMeetingAt === null || event.at < nextMeetingAt) nextMeetingAt = event.at;
        break;
      default:
        break;
    }
  }

  const waitingSince = pending[0]?.at ?? null;
  let workingDaysWaiting: number | null = null;
  let absenceWorkingDaysExcluded = 0;
  let attemptsCountedForStatus = pending.length;
  if (waitingSince !== null) {
    workingDaysWaiting = workingDaysBetween(waitingSince, now, { absences });
    if (absences.length > 0) {
      absenceWorkingDaysExcluded = workingDaysBetween(waitingSince, now) - workingDaysWaiting;
      const absentDays = mergeAbsenceDays(absences);
      attemptsCountedForStatus = pending.filter((attempt) => {
        const day = localDayIndex(attempt.at);
        return !absentDays.some(([from, to]) => day >= from && day <= to);
      }).length;
    }
  }

  let status: LatencyStatus = 'ok';
  if (workingDaysWaiting !== null) {
    if (attemptsCountedForStatus >= UNRESPONSIVE_AFTER_ATTEMPTS || workingDaysWaiting > thresholds.max) {
      status = 'unresponsive';
    } else if (workingDaysWaiting > thresholds.ideal) status = 'slow';
    else status = 'waiting';
  }

  const sorted = [...samples].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  const median =
    sorted.length === 0
      ? null
      : sorted.length % 2 === 1
        ? (sorted[middle] as number)
        : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;

  const latency: ContactLatency = {
    contactId,
    status,
    thresholds: { ideal: thresholds.ideal, max: thresholds.max },
    attemptsSinceLastResponse: pending.length,
    attemptsCountedForStatus,
    waitingSince,
    lastAttemptAt,
    workingDaysWaiting,
    absenceWorkingDaysExcluded,
    lastResponseAt: lastResponse?.at ?? null,
    lastResponseKind: lastResponse?.interaction.kind ?? null,
    medianResponseWorkingDays: median,
    lastResponseWorkingDays: samples.length > 0 ? (samples[samples.length - 1] as number) : null,
    responseSamples: samples.length,
    absentUntil,
    nextMeetingAt,
    uncountedInteractionIds: uncounted,
    clockSkew,
    evidence: [],
  };
  latency.evidence = describe(latency, {
    now,
    lastResponse,
    lastAutoReply,
    hasEvents: events.length > 0,
    futureAttempt: waitingSince !== null && waitingSince > now + CLOCK_SKEW_TOLERANCE_MS,
  });
  return latency;
}

const KIND_WORDS: Record<InteractionKind, string> = { email: 'e-mail', call: 'gesprek', meeting: 'afspraak' };

function describe(
  latency: ContactLatency,
  context: {
    now: number;
    lastResponse: TimedEvent | null;
    lastAutoReply: TimedEvent | null;
    hasEvents: boolean;
    futureAttempt: boolean;
  },
): string[] {
  const { now, lastResponse, lastAutoReply } = context;
  const { thresholds } = latency;
  const lines: string[] = [];
  if (latency.waitingSince !== null && latency.workingDaysWaiting !== null) {
    lines.push(`${countNoun(latency.attemptsSinceLastResponse, 'poging', 'pogingen')} zonder antwoord`);
    lines.push(
      `${countNoun(latency.workingDaysWaiting, 'werkdag', 'werkdagen')} wachten (sinds ${formatDutchDate(latency.waitingSince, now)})`,
    );
    if (latency.status === 'unresponsive') {
      lines.push(
        latency.workingDaysWaiting > thresholds.max
          ? `langer dan het maximum van ${countNoun(thresholds.max, 'werkdag', 'werkdagen')}`
          : `${UNRESPONSIVE_AFTER_ATTEMPTS} of meer pogingen zonder antwoord`,
      );
    } else if (latency.status === 'slow') {
      lines.push(`langer dan de ideale ${countNoun(thresholds.ideal, 'werkdag', 'werkdagen')}`);
    }
    const duringAbsence = latency.attemptsSinceLastResponse - latency.attemptsCountedForStatus;
    if (duringAbsence > 0) {
      lines.push(
        `${countNoun(duringAbsence, 'poging', 'pogingen')} tijdens afwezigheid ${duringAbsence === 1 ? 'telt' : 'tellen'} niet mee voor de drie-pogingenregel`,
      );
    }
    if (latency.absenceWorkingDaysExcluded > 0) {
      lines.push(`${countNoun(latency.absenceWorkingDaysExcluded, 'afwezigheidsdag', 'afwezigheidsdagen')} niet meegeteld`);
    }
    if (context.futureAttempt) lines.push('klokverschil: poging ligt na het huidige tijdstip; als 0 werkdagen geteld');
  } else if (context.hasEvents) {
    lines.push('geen openstaande pogingen');
  }
  if (latency.absentUntil !== null) lines.push(`afwezig tot ${formatDutchDate(latency.absentUntil, now)}`);
  else if (
    lastAutoReply &&
    lastAutoReply.interaction.autoReply?.until == null &&
    (lastResponse === null || lastAutoReply.at > lastResponse.at)
  ) {
    lines.push(`automatisch antwoord op ${formatDutchDate(lastAutoReply.at, now)}, einddatum onbekend`);
  }
  if (lastResponse) {
    lines.push(`laatste reactie ${formatDutchDate(lastResponse.at, now)} (${KIND_WORDS[lastResponse.interaction.kind]})`);
    if (lastResponse.via === 'namens') lines.push('antwoord van secretariaat (namens) telt als reactie');
    if (lastResponse.via === 'colleague') {
      lines.push('antwoord van een collega van dezelfde organisatie in dezelfde draad telt als reactie');
    }
  }
  if (latency.medianResponseWorkingDays !== null) {
    lines.push(
      `reageert meestal na ${countNoun(latency.medianResponseWorkingDays, 'werkdag', 'werkdagen')} (mediaan van ${countNoun(latency.responseSamples, 'antwoord', 'antwoorden')})`,
    );
  }
  if (latency.nextMeetingAt !== null) lines.push(`afspraak gepland op ${formatDutchDate(latency.nextMeetingAt, now)}`);
  if (latency.clockSkew) lines.push('klokverschil: een antwoord lijkt vóór de vraag te liggen; als 0 werkdagen geteld');
  if (latency.uncountedInteractionIds.length > 0) {
    lines.push(
      `${countNoun(latency.uncountedInteractionIds.length, 'contactmoment', 'contactmomenten')} zonder bekende tijd: getoond, niet meegeteld`,
    );
  }
  return lines;
}
