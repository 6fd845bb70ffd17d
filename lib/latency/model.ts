/**
 * The response-latency model: per contact, how many attempts the user made since the last
 * response, how long they have been waiting, how long this person usually takes, and a status
 * (ok / waiting / slow / unresponsive) with Dutch evidence lines.
 *
 * What counts (PRODUCT.md: "any response resets the clock"):
 * - attempt: an outgoing mail that asks for something (its `intent`, from lib/classify/intent.ts
 *   or the user's decision: `asking`, or none given); an outgoing `neutral` mail (no ask, no
 *   closing words, "Hierbij ons voorstel.") unless it answers their mail (see below); an outgoing
 *   call that was not answered (or not known to be).
 * - response: an incoming mail that is not an automatic reply (also when a secretariaat or a
 *   colleague wrote it "namens" the contact); an answered call in either direction; an incoming
 *   call even when the user missed it (they reached out: the ball is with the user); a meeting
 *   that took place (at <= now).
 * - neither: an automatic reply (its `until` marks days away that are not counted); a planned
 *   meeting (still in the future); an outgoing mail flagged as an automatic reply (the user's own
 *   out-of-office is no attempt); an outgoing `closing` mail (thanks, a confirmation, "ter
 *   informatie": after their reply the contact stays answered); a `neutral` mail that answers.
 * - a neutral mail answers when, in its thread and in time order, an incoming mail (not an
 *   automatic reply) came after the user's last asking mail: "De personeelskosten betreffen ..."
 *   after their question is no attempt; the same words opening a thread, or following the user's
 *   own unanswered mail, are one (someone sent a proposal expects an answer). Only mail with the
 *   listed contacts and their colleagues is seen, so callers pass a thread's mail whole when it
 *   holds a neutral mail (lib/store/latency.ts does). A group thread decides for everyone in it.
 * - snoozed: a contact the user snoozed (LatencyContact.snoozedUntil) has status `snoozed` until
 *   that moment while something is outstanding (everything else is measured as usual), and is
 *   measured as usual after it.
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
 * Cost of computeLatencies: linear passes over flat typed arrays, and small sorts. Threads do not
 * affect each other and a contact's history needs only its own order, so the mails of each thread,
 * and then the interactions of each contact, are put in time order on their own: O(n log k) for k
 * the longest thread or history, instead of one sort of everything followed by a pass that reads
 * the interactions in time order (all over memory). Nothing built per interaction outlives the
 * contact it belongs to, so the garbage collector's work stays proportional too.
 * computeContactLatency and computeThreadState sort their input: O(n log n).
 */
import { localDayIndex, mergeAbsenceDays, workingDaysBetween, type AbsenceInterval } from './calendar';
import { evidence, type Evidence } from '../vocabulary/evidence';
import { DEFAULT_THRESHOLDS } from './default-thresholds';
import type {
  ContactLatency,
  Interaction,
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
      if (interaction.direction === 'out') return interaction.autoReply || interaction.intent === 'closing' ? 'none' : 'attempt';
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
  /** the user snoozed the contact until then (see the header) */
  snoozedUntil?: number | null;
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
export function computeContactLatency(interactions: readonly Interaction[], options: ContactLatencyOptions): ContactLatency {
  const events: TimedEvent[] = [];
  const answers = neutralAnswers(interactions);
  for (const index of timeOrder(interactions)) {
    const interaction = interactions[index] as Interaction;
    events.push(toEvent(interaction, index, options.now, selfOrNamens(interaction), answers?.[index] === 1));
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
  const { contactNumbers, listed } = numberContacts(contacts);
  const columns = flattenInteractions(interactions, contactNumbers, listed, now);
  const colleagues = colleagueReplies(columns, listed.length);
  // Per contact, its own interactions and its colleagues' replies in time order (ties in the
  // caller's order): the order one sort of everything would give them. Their events live only
  // while the contact is summarised.
  const timelines = groupByNumber(columns.contactOf, columns.timelineSizes, colleagues.contacts, colleagues.replies);
  const result = new Map<string, ContactLatency>();
  for (let contact = 0; contact < listed.length; contact += 1) {
    const { id, role, snoozedUntil } = listed[contact] as LatencyContact;
    const events = contactEvents(interactions, columns, timelines, contact);
    // a role id from outside the list (bad data) is measured as `onbekend`, never a crash
    const thresholds = thresholdsByRole[role] ?? DEFAULT_THRESHOLDS[role] ?? DEFAULT_THRESHOLDS.onbekend;
    result.set(id, summarise(id, repairSkew(events), columns.uncounted[contact] as string[], { now, thresholds, snoozedUntil }));
  }
  return result;
}

/** Contacts by number; a repeated id keeps its first place and its last record (as Map#set would). */
function numberContacts(contacts: readonly LatencyContact[]) {
  const contactNumbers = new Map<string, number>();
  const listed: LatencyContact[] = [];
  for (const contact of contacts) {
    const number = contactNumbers.get(contact.id);
    if (number === undefined) {
      contactNumbers.set(contact.id, listed.length);
      listed.push(contact);
    } else listed[number] = contact;
  }
  return { contactNumbers, listed };
}

/** What computeLatencies knows of each interaction, in flat arrays indexed like the input. */
interface InteractionColumns {
  atOf: Float64Array;
  /** the listed contact's number, or NONE */
  contactOf: Int32Array;
  /** the thread number of a mail that can ask or answer within an organisation, or NONE */
  threadOf: Int32Array;
  effectOf: Uint8Array;
  namensOf: Uint8Array;
  mailThreadOf: Array<string | null>;
  organisationOf: Array<string | undefined>;
  /** per contact: how many events its timeline will hold (colleagues' replies are added later) */
  timelineSizes: Int32Array;
  threadSizes: Int32Array;
  /** per thread: whether anyone was asked in it */
  threadAsks: Uint8Array;
  threadCount: number;
  /** per contact: interactions without a known time */
  uncounted: string[][];
}

/**
 * One pass in the caller's order (memory order, so cheap), into flat typed arrays (no object per
 * interaction that outlives the computation): each interaction's time and listed contact, and for
 * mails that can ask or answer within an organisation, a thread number and organisation.
 */
function flattenInteractions(
  interactions: readonly Interaction[],
  contactNumbers: ReadonlyMap<string, number>,
  listed: readonly LatencyContact[],
  now: number,
): InteractionColumns {
  const count = interactions.length;
  const columns: InteractionColumns = {
    atOf: new Float64Array(count),
    contactOf: new Int32Array(count).fill(NONE),
    threadOf: new Int32Array(count).fill(NONE),
    effectOf: new Uint8Array(count),
    namensOf: new Uint8Array(count),
    mailThreadOf: new Array(count),
    organisationOf: new Array(count),
    timelineSizes: new Int32Array(listed.length),
    threadSizes: new Int32Array(count),
    threadAsks: new Uint8Array(count),
    threadCount: 0,
    uncounted: listed.map(() => []),
  };
  const threadNumbers = new Map<string, number>();
  const answers = neutralAnswers(interactions);
  for (let index = 0; index < count; index += 1) {
    const interaction = interactions[index] as Interaction;
    const contact = contactNumbers.get(interaction.contactId) ?? NONE;
    if (!isKnownTime(interaction.at)) {
      if (contact !== NONE) (columns.uncounted[contact] as string[]).push(interaction.id);
      continue;
    }
    const effect = answers?.[index] === 1 ? 'none' : interactionEffect(interaction, now);
    // what the contact's events need later, so that they are built without reading the
    // interaction again (read in time order, interactions are all over memory)
    columns.atOf[index] = interaction.at;
    columns.effectOf[index] = EFFECT_CODES[effect];
    columns.namensOf[index] = selfOrNamens(interaction) === 'namens' ? 1 : 0;
    columns.mailThreadOf[index] = mailThreadOfInteraction(interaction);
    if (contact !== NONE) {
      columns.contactOf[index] = contact;
      columns.timelineSizes[contact] = (columns.timelineSizes[contact] as number) + 1;
    }
    if (interaction.threadId === null || interaction.kind !== 'email') continue;
    // who asked is answered by their organisation; a reply speaks for the sender's organisation
    const organisationId =
      effect === 'attempt' && contact !== NONE
        ? ((listed[contact] as LatencyContact).organisationId ?? interaction.organisationId)
        : effect === 'response'
          ? interaction.organisationId
          : null;
    if (organisationId === null) continue;
    let thread = threadNumbers.get(interaction.threadId);
    if (thread === undefined) {
      thread = threadNumbers.size;
      threadNumbers.set(interaction.threadId, thread);
    }
    columns.threadOf[index] = thread;
    columns.threadSizes[thread] = (columns.threadSizes[thread] as number) + 1;
    columns.organisationOf[index] = organisationId;
    if (effect === 'attempt') columns.threadAsks[thread] = 1;
  }
  columns.threadCount = threadNumbers.size;
  return columns;
}

/**
 * Per thread, in time order: the listed contacts asked and not yet answered, with the
 * organisation whose reply answers them. The first reply of that organisation in the thread
 * answers every one of them (for a colleague it becomes a derived response). Threads do not
 * affect each other, so each is put in time order on its own: many small sorts, not one big one.
 * Returns the derived responses as (contact, interaction index) pairs, and counts them into the
 * contacts' timeline sizes.
 */
function colleagueReplies(columns: InteractionColumns, contactCount: number) {
  const { atOf, contactOf, effectOf, organisationOf, threadAsks, threadCount } = columns;
  const threads = groupByNumber(columns.threadOf, columns.threadSizes.subarray(0, threadCount));
  const askedContacts: number[] = [];
  const askedOrganisations: string[] = [];
  /** per contact, the thread number + 1 while it is among the asked of that thread */
  const askedIn = new Int32Array(contactCount);
  const colleagues = { contacts: [] as number[], replies: [] as number[] };
  for (let thread = 0; thread < threadCount; thread += 1) {
    if (threadAsks[thread] === 0) continue;
    const to = threads.starts[thread + 1] as number;
    askedContacts.length = 0;
    askedOrganisations.length = 0;
    for (let slot = sortByTime(threads.slots, threads.starts[thread] as number, to, atOf); slot < to; slot += 1) {
      const index = (threads.slots[slot] as number) >> 1;
      const contact = contactOf[index] as number;
      const organisationId = organisationOf[index] as string;
      if (effectOf[index] === EFFECT_CODES.attempt) {
        if (askedIn[contact] === thread + 1) continue;
        askedIn[contact] = thread + 1;
        askedContacts.push(contact);
        askedOrganisations.push(organisationId);
        continue;
      }
      let kept = 0;
      for (let entry = 0; entry < askedContacts.length; entry += 1) {
        const asked = askedContacts[entry] as number;
        if (askedOrganisations[entry] !== organisationId) {
          askedContacts[kept] = asked;
          askedOrganisations[kept] = askedOrganisations[entry] as string;
          kept += 1;
          continue;
        }
        askedIn[asked] = 0;
        // The contact's own reply is already in its timeline.
        if (asked !== contact) {
          colleagues.contacts.push(asked);
          colleagues.replies.push(index);
          columns.timelineSizes[asked] = (columns.timelineSizes[asked] as number) + 1;
        }
      }
      askedContacts.length = kept;
      askedOrganisations.length = kept;
    }
  }
  return colleagues;
}

/** A contact's events in time order, its colleagues' replies among them (the low slot bit marks one). */
function contactEvents(
  interactions: readonly Interaction[],
  columns: InteractionColumns,
  timelines: ReturnType<typeof groupByNumber>,
  contact: number,
): TimedEvent[] {
  const { atOf, effectOf, namensOf, mailThreadOf } = columns;
  const to = timelines.starts[contact + 1] as number;
  const events: TimedEvent[] = [];
  for (let slot = sortByTime(timelines.slots, timelines.starts[contact] as number, to, atOf); slot < to; slot += 1) {
    const entry = timelines.slots[slot] as number;
    const index = entry >> 1;
    events.push({
      interaction: interactions[index] as Interaction,
      effect: EFFECTS[effectOf[index] as number] as InteractionEffect,
      at: atOf[index] as number,
      order: index,
      via: entry & 1 ? 'colleague' : namensOf[index] === 1 ? 'namens' : 'self',
      mailThreadId: mailThreadOf[index] as string | null,
      skewed: false,
    });
  }
  return events;
}

/**
 * Who has the ball in a thread: the user (an incoming mail or a missed incoming call awaits an
 * answer), the other side (the user's mail or unanswered call is the latest), or nobody (a call or
 * meeting settled it, or nothing with a known time). Automatic replies and planned meetings change
 * nothing.
 */
export function computeThreadState(interactions: readonly Interaction[], options: { now: number }): ThreadState {
  const answers = neutralAnswers(interactions);
  const events = timeOrder(interactions).map((index) =>
    toEvent(interactions[index] as Interaction, index, options.now, 'self', answers?.[index] === 1),
  );
  const ordered = repairSkew(events);
  for (let index = ordered.length - 1; index >= 0; index -= 1) {
    const { effect, interaction } = ordered[index] as TimedEvent;
    if (effect === 'attempt') return 'waiting-for-them';
    // the user's own closing or answering mail is the last word: nobody owes anything
    if (interaction.kind === 'email' && interaction.direction === 'out' && !interaction.autoReply) return 'done';
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

/** The same fields in the same order as the events computeLatencies builds from its arrays. */
function toEvent(interaction: Interaction, order: number, now: number, via: ResponseVia, answers = false): TimedEvent {
  return {
    interaction,
    effect: answers ? 'none' : interactionEffect(interaction, now),
    at: interaction.at as number,
    order,
    via,
    mailThreadId: mailThreadOfInteraction(interaction),
    skewed: false,
  };
}

function mailThreadOfInteraction(interaction: Interaction): string | null {
  return interaction.kind === 'email' ? interaction.threadId : null;
}

function isNeutralOutgoingMail(interaction: Interaction): boolean {
  return interaction.kind === 'email' && interaction.direction === 'out' && interaction.intent === 'neutral';
}

/**
 * The neutral mails that answer (see the header), marked 1 by index; null when there is no
 * neutral mail at all (the common input costs one pass). Per thread holding a neutral mail, in
 * time order (ties in the caller's order, so the interactions of one mail stay together and are
 * marked alike): an incoming mail that is not an automatic reply makes it the user's turn; the
 * user's asking mail (or a neutral one that did not answer) ends it; closing mail changes nothing.
 */
function neutralAnswers(interactions: readonly Interaction[]): Uint8Array | null {
  if (!interactions.some(isNeutralOutgoingMail)) return null;
  const byThread = new Map<string, number[]>();
  for (let index = 0; index < interactions.length; index += 1) {
    const { kind, threadId, at } = interactions[index] as Interaction;
    if (kind !== 'email' || threadId === null || !isKnownTime(at)) continue;
    const indices = byThread.get(threadId);
    if (indices) indices.push(index);
    else byThread.set(threadId, [index]);
  }
  const answers = new Uint8Array(interactions.length);
  const atOf = (index: number) => (interactions[index] as Interaction).at as number;
  for (const indices of byThread.values()) {
    if (!indices.some((index) => isNeutralOutgoingMail(interactions[index] as Interaction))) continue;
    indices.sort((left, right) => atOf(left) - atOf(right) || left - right);
    let usersTurn = false;
    for (const index of indices) {
      const interaction = interactions[index] as Interaction;
      if (interaction.direction === 'in') {
        if (!interaction.autoReply) usersTurn = true;
      } else if (!interaction.autoReply && interaction.intent !== 'closing') {
        if (interaction.intent === 'neutral' && usersTurn) answers[index] = 1;
        else usersTurn = false;
      }
    }
  }
  return answers;
}

const EFFECTS: readonly InteractionEffect[] = ['attempt', 'response', 'auto-reply', 'planned', 'none'];
const EFFECT_CODES = Object.fromEntries(EFFECTS.map((effect, code) => [effect, code])) as Record<InteractionEffect, number>;

/** No listed contact, no thread: the empty value of the per-interaction number arrays. */
const NONE = -1;

/**
 * A counting sort of interaction indices by a number (contact, thread): the entries of group `g`
 * are `slots[starts[g]]` up to `slots[starts[g + 1]]`, each the index * 2, in index order, then
 * the extra entries (`extraGroups[k]`, index * 2 + 1) in the order given. `sizes` holds how many
 * entries each group gets. Flat typed arrays: linear, and nothing for the garbage collector.
 * An index must stay below 2^30 (the entry is an int32); an array that long holds 8 GB of pointers.
 */
function groupByNumber(
  groupOf: Int32Array,
  sizes: Int32Array,
  extraGroups: readonly number[] = [],
  extraIndices: readonly number[] = [],
): { starts: Int32Array; slots: Int32Array } {
  const starts = new Int32Array(sizes.length + 1);
  for (let group = 0; group < sizes.length; group += 1) starts[group + 1] = (starts[group] as number) + (sizes[group] as number);
  const next = starts.slice(0, sizes.length);
  const slots = new Int32Array(starts[sizes.length] as number);
  for (let index = 0; index < groupOf.length; index += 1) {
    const group = groupOf[index] as number;
    if (group !== NONE) slots[(next[group] as number)++] = index * 2;
  }
  for (let extra = 0; extra < extraGroups.length; extra += 1) {
    slots[(next[extraGroups[extra] as number] as number)++] = (extraIndices[extra] as number) * 2 + 1;
  }
  return { starts, slots };
}

/** Up to this length an insertion sort beats the built-in sort with a comparator. */
const INSERTION_SORT_MAX = 24;

/**
 * Puts `slots[from]` up to `slots[to]` (entries index * 2 + flag) in time order, ties by index;
 * returns `from`. An index occurs at most once per group, so any correct sort gives this order.
 */
function sortByTime(slots: Int32Array, from: number, to: number, atOf: Float64Array): number {
  if (to - from > INSERTION_SORT_MAX) {
    slots.subarray(from, to).sort((left, right) => (atOf[left >> 1] as number) - (atOf[right >> 1] as number) || left - right);
    return from;
  }
  for (let position = from + 1; position < to; position += 1) {
    const entry = slots[position] as number;
    const at = atOf[entry >> 1] as number;
    let before = position - 1;
    while (before >= from) {
      const other = slots[before] as number;
      const otherAt = atOf[other >> 1] as number;
      if (otherAt < at || (otherAt === at && other < entry)) break;
      slots[before + 1] = other;
      before -= 1;
    }
    slots[before + 1] = entry;
  }
  return from;
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
      if (candidate.effect === 'attempt' && candidate.mailThreadId === reply.mailThreadId && candidate.order < reply.order) {
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

/** Announced absences (from automatic replies with an end date), and the latest one still running. */
function absencesOf(events: readonly TimedEvent[], now: number): { absences: AbsenceInterval[]; absentUntil: number | null } {
  const absences: AbsenceInterval[] = [];
  let absentUntil: number | null = null;
  for (const event of events) {
    const until = event.effect === 'auto-reply' ? event.interaction.autoReply?.until : null;
    if (until == null || !Number.isFinite(until) || until < event.at) continue;
    absences.push({ from: event.at, to: until });
    if (until > now && (absentUntil === null || until > absentUntil)) absentUntil = until;
  }
  return { absences, absentUntil };
}

interface Walked {
  /** attempts since the last response (a burst counts once) */
  pending: TimedEvent[];
  lastAttemptAt: number | null;
  lastResponse: TimedEvent | null;
  lastAutoReply: TimedEvent | null;
  nextMeetingAt: number | null;
  clockSkew: boolean;
  /** working days from the first attempt to its response, per answered round */
  samples: number[];
}

/** One pass over a contact's events in time order: what is outstanding, what answered, and how fast. */
function walkEvents(events: readonly TimedEvent[], absences: readonly AbsenceInterval[]): Walked {
  const walked: Walked = {
    pending: [],
    lastAttemptAt: null,
    lastResponse: null,
    lastAutoReply: null,
    nextMeetingAt: null,
    clockSkew: false,
    samples: [],
  };
  for (const event of events) {
    switch (event.effect) {
      case 'attempt': {
        walked.lastAttemptAt = event.at;
        const burstStart = walked.pending[walked.pending.length - 1]?.at;
        if (burstStart === undefined || event.at - burstStart >= ATTEMPT_BURST_MS) walked.pending.push(event);
        break;
      }
      case 'response': {
        const first = walked.pending[0];
        if (first) {
          if (event.skewed || event.at < first.at) walked.clockSkew = true;
          walked.samples.push(workingDaysBetween(first.at, event.at, { absences }));
          walked.pending = [];
        }
        walked.lastResponse = event;
        break;
      }
      case 'auto-reply':
        walked.lastAutoReply = event;
        break;
      case 'planned':
        if (walked.nextMeetingAt === null || event.at < walked.nextMeetingAt) walked.nextMeetingAt = event.at;
        break;
      default:
        break;
    }
  }
  return walked;
}

/** How long the outstanding attempts have waited, absences left out, and how many count for the status. */
function waitingOf(pending: readonly TimedEvent[], now: number, absences: readonly AbsenceInterval[]) {
  const waitingSince = pending[0]?.at ?? null;
  let workingDaysWaiting: number | null = null;
  let absenceWorkingDaysExcluded = 0;
  let attemptsCountedForStatus = pending.length;
  if (waitingSince !== null) {
    workingDaysWaiting = workingDaysBetween(waitingSince, now, { absences: [...absences] });
    if (absences.length > 0) {
      absenceWorkingDaysExcluded = workingDaysBetween(waitingSince, now) - workingDaysWaiting;
      const absentDays = mergeAbsenceDays([...absences]);
      attemptsCountedForStatus = pending.filter((attempt) => {
        const day = localDayIndex(attempt.at);
        return !absentDays.some(([from, to]) => day >= from && day <= to);
      }).length;
    }
  }
  return { waitingSince, workingDaysWaiting, absenceWorkingDaysExcluded, attemptsCountedForStatus };
}

function statusOf(
  workingDaysWaiting: number | null,
  attemptsCountedForStatus: number,
  thresholds: LatencyThresholds,
): LatencyStatus {
  if (workingDaysWaiting === null) return 'ok';
  if (attemptsCountedForStatus >= UNRESPONSIVE_AFTER_ATTEMPTS || workingDaysWaiting > thresholds.max) return 'unresponsive';
  return workingDaysWaiting > thresholds.ideal ? 'slow' : 'waiting';
}

function medianOf(samples: readonly number[]): number | null {
  const sorted = [...samples].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return null;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function summarise(
  contactId: string | null,
  events: readonly TimedEvent[],
  uncounted: string[],
  options: ContactLatencyOptions,
): ContactLatency {
  const { now, thresholds } = options;
  const { absences, absentUntil } = absencesOf(events, now);
  const walked = walkEvents(events, absences);
  const { samples, lastResponse } = walked;
  const waiting = waitingOf(walked.pending, now, absences);
  const snoozedUntil = options.snoozedUntil != null && options.snoozedUntil > now ? options.snoozedUntil : null;
  const measured = statusOf(waiting.workingDaysWaiting, waiting.attemptsCountedForStatus, thresholds);
  const latency: ContactLatency = {
    contactId,
    status: snoozedUntil !== null && measured !== 'ok' ? 'snoozed' : measured,
    thresholds: { ideal: thresholds.ideal, max: thresholds.max },
    attemptsSinceLastResponse: walked.pending.length,
    attemptsCountedForStatus: waiting.attemptsCountedForStatus,
    waitingSince: waiting.waitingSince,
    lastAttemptAt: walked.lastAttemptAt,
    workingDaysWaiting: waiting.workingDaysWaiting,
    absenceWorkingDaysExcluded: waiting.absenceWorkingDaysExcluded,
    lastResponseAt: lastResponse?.at ?? null,
    lastResponseKind: lastResponse?.interaction.kind ?? null,
    medianResponseWorkingDays: medianOf(samples),
    lastResponseWorkingDays: samples.length > 0 ? (samples[samples.length - 1] as number) : null,
    responseSamples: samples.length,
    absentUntil,
    nextMeetingAt: walked.nextMeetingAt,
    uncountedInteractionIds: uncounted,
    clockSkew: walked.clockSkew,
    evidence: [],
  };
  if (snoozedUntil !== null) latency.snoozedUntil = snoozedUntil;
  latency.evidence = describe(latency, {
    now,
    lastResponse,
    lastAutoReply: walked.lastAutoReply,
    hasEvents: events.length > 0,
    futureAttempt: waiting.waitingSince !== null && waiting.waitingSince > now + CLOCK_SKEW_TOLERANCE_MS,
  });
  return latency;
}

/**
 * Why the status is what it is, as evidence codes with their values (rendered by the pages in
 * the user's language, lib/i18n/evidence.ts): counts and moments are values, never words.
 */
function describe(
  latency: ContactLatency,
  context: {
    now: number;
    lastResponse: TimedEvent | null;
    lastAutoReply: TimedEvent | null;
    hasEvents: boolean;
    futureAttempt: boolean;
  },
): Evidence[] {
  const { lastResponse, lastAutoReply } = context;
  const { thresholds } = latency;
  const lines: Evidence[] = [];
  if (latency.waitingSince !== null && latency.workingDaysWaiting !== null) {
    lines.push(evidence('attempts-unanswered', { attempts: latency.attemptsSinceLastResponse }));
    lines.push(evidence('waiting-since', { workingDays: latency.workingDaysWaiting, since: latency.waitingSince }));
    if (latency.status === 'unresponsive') {
      lines.push(
        latency.workingDaysWaiting > thresholds.max
          ? evidence('over-maximum', { workingDays: thresholds.max })
          : evidence('attempts-limit', { count: UNRESPONSIVE_AFTER_ATTEMPTS }),
      );
    } else if (latency.status === 'slow') {
      lines.push(evidence('over-ideal', { workingDays: thresholds.ideal }));
    }
    const duringAbsence = latency.attemptsSinceLastResponse - latency.attemptsCountedForStatus;
    if (duringAbsence > 0) lines.push(evidence('attempts-during-absence', { attempts: duringAbsence }));
    if (latency.absenceWorkingDaysExcluded > 0) {
      lines.push(evidence('absence-days-excluded', { absenceDays: latency.absenceWorkingDaysExcluded }));
    }
    if (context.futureAttempt) lines.push(evidence('clock-skew-attempt'));
  } else if (context.hasEvents) {
    lines.push(evidence('nothing-outstanding'));
  }
  if (latency.absentUntil !== null) lines.push(evidence('absent-until', { until: latency.absentUntil }));
  else if (
    lastAutoReply &&
    lastAutoReply.interaction.autoReply?.until == null &&
    (lastResponse === null || lastAutoReply.at > lastResponse.at)
  ) {
    lines.push(evidence('auto-reply-no-end', { at: lastAutoReply.at }));
  }
  if (lastResponse) {
    lines.push(evidence('last-response', { at: lastResponse.at, interaction: lastResponse.interaction.kind }));
    if (lastResponse.via === 'namens') lines.push(evidence('response-namens'));
    if (lastResponse.via === 'colleague') lines.push(evidence('response-colleague'));
  }
  if (latency.medianResponseWorkingDays !== null) {
    lines.push(evidence('usual-response', { workingDays: latency.medianResponseWorkingDays, answers: latency.responseSamples }));
  }
  if (latency.nextMeetingAt !== null) lines.push(evidence('meeting-planned', { at: latency.nextMeetingAt }));
  if (latency.clockSkew) lines.push(evidence('clock-skew-reply'));
  if (latency.uncountedInteractionIds.length > 0) {
    lines.push(evidence('uncounted-moments', { moments: latency.uncountedInteractionIds.length }));
  }
  return lines;
}
