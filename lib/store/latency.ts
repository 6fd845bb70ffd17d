/**
 * The store side of the latency model: turns stored messages, calls and meetings into
 * interactions, runs lib/latency, and keeps the `latency` cache that the popup, side panel and
 * badge read. The user's decisions (lib/store/decisions.ts) win over the rules here: a message's
 * or its thread's "geen antwoord nodig" / "wacht op antwoord" over its intent, a snooze, a meeting
 * that did not happen.
 */
import { computeLatencies } from '../latency/model';
import { overdueScore } from '../latency/rollup';
import type { ContactLatency, Interaction, LatencyContact, RoleThresholds } from '../latency/types';
import type { GemeenteradarDb } from './db';
import { effectiveIntent } from './effective-intent';
import { decisionIdFor } from './record-ids';
import type { Call, Contact, Decision, LatencyRecord, Meeting, Message } from './schemas';

/** What besides messages and calls makes interactions: meetings, and the user's decisions by id. */
export interface InteractionExtras {
  meetings?: readonly Meeting[];
  decisions?: ReadonlyMap<string, Decision>;
}

/**
 * A meeting's interactions, one per contact attending, unless the user said it did not happen or
 * a calendar says it was cancelled. An all-day meeting took place at the end of its day.
 */
function meetingInteractions(
  meetings: readonly Meeting[],
  decisions: ReadonlyMap<string, Decision> | undefined,
  organisationOf: (contactId: string) => string | null,
): Interaction[] {
  const interactions: Interaction[] = [];
  const seen = new Set<string>();
  for (const meeting of meetings) {
    if (meeting.status === 'cancelled' || meeting.start === null) continue;
    if (decisions?.has(decisionIdFor('meeting', 'meeting', meeting.id))) continue;
    const at = meeting.allDay && meeting.end !== null ? meeting.end - 1 : meeting.start;
    for (const contactId of meeting.contactIds) {
      // two mails agreeing the same moment are one meeting
      const key = `${contactId}|${at}`;
      if (seen.has(key)) continue;
      seen.add(key);
      interactions.push({
        id: `${meeting.id}#${contactId}`,
        contactId,
        organisationId: organisationOf(contactId),
        kind: 'meeting',
        direction: 'out',
        at,
        threadId: null,
      });
    }
  }
  return interactions;
}

/** One interaction per stakeholder involved: a mail to two people is an attempt for each. */
export function interactionsFrom(
  messages: readonly Message[],
  calls: readonly Call[],
  organisationOf: (contactId: string) => string | null,
  extras: InteractionExtras = {},
): Interaction[] {
  const interactions: Interaction[] = [];
  for (const message of messages) {
    const intent = message.direction === 'out' ? effectiveIntent(message, extras.decisions) : undefined;
    for (const contactId of message.contactIds) {
      const interaction: Interaction = {
        id: `${message.id}#${contactId}`,
        contactId,
        organisationId: organisationOf(contactId),
        kind: 'email',
        direction: message.direction,
        at: message.at,
        threadId: message.threadId,
      };
      // fields added when they apply, not spread in from a literal: two throwaway objects per
      // interaction were a fifth of this step's time for 400,000 interactions
      if (message.isAutoReply) interaction.autoReply = { until: message.autoReplyUntil ?? null };
      if (message.direction === 'in') interaction.fromContactId = contactId;
      if (intent !== undefined) interaction.intent = intent;
      interactions.push(interaction);
    }
  }
  for (const call of calls) {
    interactions.push({
      id: call.id,
      contactId: call.contactId,
      organisationId: organisationOf(call.contactId),
      kind: 'call',
      direction: call.direction,
      at: call.at,
      threadId: null,
      answered: call.answered,
    });
  }
  if (extras.meetings?.length) interactions.push(...meetingInteractions(extras.meetings, extras.decisions, organisationOf));
  return interactions;
}

function toRecord(contact: Contact, latency: ContactLatency, now: number): LatencyRecord {
  return {
    contactId: contact.id,
    municipalityCode: contact.municipalityCode,
    organisationId: contact.organisationId,
    role: contact.role,
    status: latency.status,
    attemptsSinceLastResponse: latency.attemptsSinceLastResponse,
    attemptsCountedForStatus: latency.attemptsCountedForStatus,
    waitingSince: latency.waitingSince,
    lastAttemptAt: latency.lastAttemptAt,
    workingDaysWaiting: latency.workingDaysWaiting,
    lastResponseAt: latency.lastResponseAt,
    lastResponseKind: latency.lastResponseKind,
    medianResponseWorkingDays: latency.medianResponseWorkingDays,
    lastResponseWorkingDays: latency.lastResponseWorkingDays,
    responseSamples: latency.responseSamples,
    absentUntil: latency.absentUntil,
    thresholds: latency.thresholds,
    overdueScore: overdueScore(latency),
    evidence: latency.evidence.slice(0, 30),
    ...(latency.snoozedUntil !== undefined ? { snoozedUntil: latency.snoozedUntil } : {}),
    computedAt: now,
  };
}

/**
 * A neutral mail is an attempt or an answer depending on the mail before it in its thread (see
 * lib/latency/model.ts), which may be a reply of someone outside the contacts read: such threads
 * are read whole.
 */
async function withThreadsOfNeutralMail(db: GemeenteradarDb, messages: Message[]): Promise<Message[]> {
  const threadIds = [
    ...new Set(messages.filter((message) => message.intent?.value === 'neutral').map((message) => message.threadId)),
  ];
  if (threadIds.length === 0) return messages;
  const byId = new Map(messages.map((message) => [message.id, message]));
  for (const message of await db.messages.where('threadId').anyOf(threadIds).toArray()) byId.set(message.id, message);
  return [...byId.values()];
}

/** Messages, calls and meetings of these contacts (all when left out), and every decision. */
async function loadInteractionSources(db: GemeenteradarDb, ids: readonly string[] | null) {
  const [messages, calls, meetings, decisions] = ids
    ? await Promise.all([
        db.messages
          .where('contactIds')
          .anyOf([...ids])
          .distinct()
          .toArray()
          .then((found) => withThreadsOfNeutralMail(db, found)),
        db.calls
          .where('contactId')
          .anyOf([...ids])
          .toArray(),
        db.meetings
          .where('contactIds')
          .anyOf([...ids])
          .distinct()
          .toArray(),
        db.decisions.toArray(),
      ])
    : await Promise.all([db.messages.toArray(), db.calls.toArray(), db.meetings.toArray(), db.decisions.toArray()]);
  return { messages, calls, meetings, decisions: new Map(decisions.map((decision) => [decision.id, decision])) };
}

export interface RecomputeOptions {
  now: number;
  thresholds?: Partial<RoleThresholds>;
  /**
   * Only these contacts (and their organisation's colleagues, whose replies count for them);
   * everyone when left out.
   */
  contactIds?: readonly string[];
}

/** Recomputes and stores the latency of the given contacts (or all); returns how many. */
export async function recomputeLatency(db: GemeenteradarDb, options: RecomputeOptions): Promise<number> {
  const { now } = options;
  return db.transaction('rw', [db.contacts, db.messages, db.calls, db.latency, db.meetings, db.decisions], async () => {
    let contacts: Contact[];
    if (options.contactIds) {
      const given = (await db.contacts.bulkGet([...options.contactIds])).filter(
        (contact): contact is Contact => contact !== undefined,
      );
      const organisationIds = [...new Set(given.flatMap((contact) => (contact.organisationId ? [contact.organisationId] : [])))];
      const colleagues = organisationIds.length ? await db.contacts.where('organisationId').anyOf(organisationIds).toArray() : [];
      const byId = new Map<string, Contact>();
      for (const contact of [...given, ...colleagues]) byId.set(contact.id, contact);
      contacts = [...byId.values()];
    } else {
      contacts = await db.contacts.toArray();
    }
    const stakeholders = contacts.filter((contact) => contact.kind === 'stakeholder');
    const noLongerStakeholders = contacts.filter((contact) => contact.kind !== 'stakeholder').map((c) => c.id);
    if (stakeholders.length === 0) {
      if (noLongerStakeholders.length) await db.latency.bulkDelete(noLongerStakeholders);
      return 0;
    }
    const ids = stakeholders.map((contact) => contact.id);
    const { messages, calls, meetings, decisions } = await loadInteractionSources(db, options.contactIds ? ids : null);

    const organisationById = new Map(stakeholders.map((contact) => [contact.id, contact.organisationId]));
    const interactions = interactionsFrom(messages, calls, (id) => organisationById.get(id) ?? null, { meetings, decisions });
    const latencyContacts: LatencyContact[] = stakeholders.map((contact) => {
      const snooze = decisions.get(decisionIdFor('snooze', 'contact', contact.id));
      return {
        id: contact.id,
        organisationId: contact.organisationId,
        role: contact.role,
        municipalityCode: contact.municipalityCode,
        ...(snooze?.kind === 'snooze' ? { snoozedUntil: snooze.until } : {}),
      };
    });
    const latencies = computeLatencies(interactions, latencyContacts, {
      now,
      ...(options.thresholds ? { thresholds: options.thresholds } : {}),
    });
    const records = stakeholders.map((contact) => toRecord(contact, latencies.get(contact.id)!, now));
    await db.latency.bulkPut(records);
    if (noLongerStakeholders.length) await db.latency.bulkDelete(noLongerStakeholders);
    return records.length;
  });
}

/**
 * Time passing changes only contacts with something outstanding (or an absence running out):
 * the periodic refresh recomputes just those, and everyone when the cache is incomplete.
 */
export async function refreshLatency(db: GemeenteradarDb, options: Omit<RecomputeOptions, 'contactIds'>): Promise<number> {
  const [cached, stakeholders] = await Promise.all([db.latency.count(), db.contacts.where('kind').equals('stakeholder').count()]);
  if (cached !== stakeholders) return recomputeLatency(db, options);
  const outstanding = await db.latency
    .filter((record) => record.status !== 'ok' || (record.absentUntil !== null && record.absentUntil <= options.now))
    .primaryKeys();
  if (outstanding.length === 0) return 0;
  return recomputeLatency(db, { ...options, contactIds: outstanding as string[] });
}
