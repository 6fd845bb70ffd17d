/**
 * The store side of the latency model: turns stored messages and calls into interactions, runs
 * lib/latency, and keeps the `latency` cache that the popup, side panel and badge read.
 */
import { computeLatencies } from '../latency/model';
import { overdueScore } from '../latency/rollup';
import type { ContactLatency, Interaction, LatencyContact, RoleThresholds } from '../latency/types';
import type { GemeenteradarDb } from './db';
import type { Call, Contact, LatencyRecord, Message } from './schemas';

/** One interaction per stakeholder involved: a mail to two people is an attempt for each. */
export function interactionsFrom(
  messages: readonly Message[],
  calls: readonly Call[],
  organisationOf: (contactId: string) => string | null,
): Interaction[] {
  const interactions: Interaction[] = [];
  for (const message of messages) {
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
    computedAt: now,
  };
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
  return db.transaction('rw', [db.contacts, db.messages, db.calls, db.latency], async () => {
    let contacts: Contact[];
    if (options.contactIds) {
      const given = (await db.contacts.bulkGet([...options.contactIds])).filter(
        (contact): contact is Contact => contact !== undefined,
      );
      const organisationIds = [...new Set(given.flatMap((contact) => (contact.organisationId ? [contact.organisationId] : [])))];
      const colleagues = organisationIds.length
        ? await db.contacts.where('organisationId').anyOf(organisationIds).toArray()
        : [];
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
    const [messages, calls] = options.contactIds
      ? await Promise.all([
          db.messages.where('contactIds').anyOf(ids).distinct().toArray(),
          db.calls.where('contactId').anyOf(ids).toArray(),
        ])
      : await Promise.all([db.messages.toArray(), db.calls.toArray()]);

    const organisationById = new Map(stakeholders.map((contact) => [contact.id, contact.organisationId]));
    const interactions = interactionsFrom(messages, calls, (id) => organisationById.get(id) ?? null);
    const latencyContacts: LatencyContact[] = stakeholders.map((contact) => ({
      id: contact.id,
      organisationId: contact.organisationId,
      role: contact.role,
      municipalityCode: contact.municipalityCode,
    }));
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
  const [cached, stakeholders] = await Promise.all([
    db.latency.count(),
    db.contacts.where('kind').equals('stakeholder').count(),
  ]);
  if (cached !== stakeholders) return recomputeLatency(db, options);
  const outstanding = await db.latency
    .filter((record) => record.status !== 'ok' || (record.absentUntil !== null && record.absentUntil <= options.now))
    .primaryKeys();
  if (outstanding.length === 0) return 0;
  return recomputeLatency(db, { ...options, contactIds: outstanding as string[] });
}
