/**
 * The user's corrections of a contact's municipality or role, and of whether they are followed at
 * all (kind: a colleague or automatic sender followed after all, or someone not followed). A correction is a `source: 'user'`
 * tag scoped to one address or a whole mail domain (lib/store/tags.ts); it is applied at once to
 * every contact it covers (and to their threads' municipality, which follows the contacts), and
 * ingest honours it from then on: a rule never overwrites it.
 *
 * `applyEffectiveTags` is also what a merge and a split use to settle a contact's tags.
 */
import { z } from 'zod';
import { classifyContactKind, classifyStakeholder, classifyThreadMunicipality } from '../classify';
import { isPersonalMailDomain, municipalityByCode } from '../data';
import { AddressSchema } from '../messaging/observations';
import { reason, reasonKey, type Reason } from '../vocabulary/reasons';
import { evidence, sameEvidence, type Evidence } from '../vocabulary/evidence';
import { ROLE_IDS, type RoleId } from '../vocabulary/roles';
import { UnknownContactError } from './calls';
import type { GemeenteradarDb } from './db';
import { boundedEvidence } from './limits';
import type { Contact, Tag, Thread } from './schemas';
import {
  correctionIdsForContact,
  domainOf,
  type TagScope,
  effectiveKind,
  effectiveTag,
  mergeRuleTag,
  ruleTagOf,
  tagId,
  userScopesForContact,
  withRuleTag,
} from './tags';

export const CORRECTION_SCOPES = ['address', 'domain'] as const;
export type CorrectionScope = (typeof CORRECTION_SCOPES)[number];

const DomainSchema = z
  .string()
  .min(3)
  .max(253)
  .regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'not a mail domain');

const CorrectionTargetSchema = z.object({
  /** the contact the user corrected from (its addresses decide what the scope covers) */
  contactId: z.string().min(3),
  /** which of the contact's addresses the correction is about */
  address: AddressSchema,
  scope: z.enum(CORRECTION_SCOPES),
});

export const CorrectionInputSchema = z.discriminatedUnion('dimension', [
  CorrectionTargetSchema.extend({
    dimension: z.literal('municipality'),
    /** a CBS code of a current municipality, or null: "belongs to no municipality" */
    value: z
      .string()
      .regex(/^GM\d{4}$/)
      .refine((code) => municipalityByCode(code) !== null, 'unknown municipality')
      .nullable(),
  }),
  CorrectionTargetSchema.extend({ dimension: z.literal('role'), value: z.enum(ROLE_IDS) }),
  // follow a colleague or an automatic sender after all, or stop following someone
  CorrectionTargetSchema.extend({ dimension: z.literal('kind'), value: z.enum(['stakeholder', 'ignored']) }),
]);
export type CorrectionInput = z.input<typeof CorrectionInputSchema>;

/** Undoing a correction: the rules decide again. */
export const RemoveCorrectionInputSchema = z.object({
  subjectType: z.enum(CORRECTION_SCOPES),
  subjectId: z.union([AddressSchema, DomainSchema]),
  dimension: z.enum(['municipality', 'role', 'kind']),
});
export type RemoveCorrectionInput = z.input<typeof RemoveCorrectionInputSchema>;

export class CorrectionScopeError extends Error {
  constructor(readonly reason: Reason) {
    super(reasonKey(reason));
    this.name = 'CorrectionScopeError';
  }
}

export interface CorrectionResult {
  /** the user tag written (or removed) */
  tagId: string;
  /** every contact whose effective tags were recomputed (their latency may need recomputing) */
  contactIds: string[];
  /** threads whose municipality changed */
  threadIds: string[];
}

const TABLES = (db: GemeenteradarDb) => [db.contacts, db.tags, db.threads];
/** A `kind` correction also links or unlinks messages and drops a cached latency. */
const KIND_TABLES = (db: GemeenteradarDb) => [...TABLES(db), db.messages, db.latency, db.accounts];

/**
 * Settles the effective municipality and role of the given contacts from their tags (the most
 * specific user correction, else the rule), and the municipality of their threads. Returns the
 * ids of contacts and threads that changed. Runs in the caller's transaction when there is one.
 */
export async function applyEffectiveTags(
  db: GemeenteradarDb,
  contactIds: readonly string[],
  now: number,
): Promise<{ contactIds: string[]; threadIds: string[] }> {
  return db.transaction('rw', TABLES(db), async () => {
    const contacts = (await db.contacts.bulkGet([...new Set(contactIds)])).filter(
      (contact): contact is Contact => contact !== undefined,
    );
    const tagIds = [...new Set(contacts.flatMap(correctionIdsForContact))];
    const tags = new Map<string, Tag>();
    for (const tag of await db.tags.bulkGet(tagIds)) if (tag) tags.set(tag.id, tag);

    const changed: Contact[] = [];
    for (const contact of contacts) {
      if (contact.kind !== 'stakeholder') continue; // ingest keeps non-stakeholders untagged
      const scopes = userScopesForContact(contact);
      const municipality = effectiveTag(scopes, 'municipality', tags, ruleTagOf(contact, 'municipality'));
      const role = effectiveTag(scopes, 'role', tags, ruleTagOf(contact, 'role'));
      const municipalityCode = municipality?.value ?? null;
      const roleId = (role?.value as RoleId | undefined) ?? 'onbekend';
      if (municipalityCode !== contact.municipalityCode || roleId !== contact.role) {
        changed.push({ ...contact, municipalityCode, role: roleId, updatedAt: now });
      }
    }
    if (changed.length) await db.contacts.bulkPut(changed);
    const municipalityChanged = changed
      .filter((contact) => contact.municipalityCode !== contacts.find((c) => c.id === contact.id)?.municipalityCode)
      .map((contact) => contact.id);
    const threadIds = await applyThreadMunicipalities(db, municipalityChanged, now);
    return { contactIds: changed.map((contact) => contact.id), threadIds };
  });
}

/**
 * A thread's municipality follows its contacts (classifyThreadMunicipality): recomputes it, with
 * its evidence, for every thread of these contacts from the contacts' current municipalities; a
 * user's thread correction still wins.
 */
export async function applyThreadMunicipalities(
  db: GemeenteradarDb,
  contactIds: readonly string[],
  now: number,
): Promise<string[]> {
  if (contactIds.length === 0) return [];
  return db.transaction('rw', TABLES(db), async () => {
    const threads = await db.threads
      .where('contactIds')
      .anyOf([...contactIds])
      .distinct()
      .toArray();
    return recomputeThreadMunicipalities(db, threads, now);
  });
}

/** The municipality of each of these threads from its contacts and text (a user's thread correction wins). */
async function recomputeThreadMunicipalities(db: GemeenteradarDb, threads: readonly Thread[], now: number): Promise<string[]> {
  if (threads.length === 0) return [];
  return db.transaction('rw', TABLES(db), async () => {
    const memberIds = [...new Set(threads.flatMap((thread) => thread.contactIds))];
    const municipalityOf = new Map<string, string | null>();
    for (const contact of await db.contacts.bulkGet(memberIds)) {
      if (contact) municipalityOf.set(contact.id, contact.municipalityCode);
    }
    const userTags = await db.tags.bulkGet(threads.map((thread) => tagId('user', 'thread', thread.id, 'municipality')));
    const threadsToPut: Thread[] = [];
    threads.forEach((thread, index) => {
      const result = classifyThreadMunicipality({
        subject: thread.subject,
        snippet: thread.snippet,
        contactMunicipalities: thread.contactIds.map((id) => municipalityOf.get(id) ?? null),
      });
      const userTag = userTags[index];
      const municipalityCode = userTag ? userTag.value : (result?.value ?? null);
      const municipalityEvidence = boundedEvidence((userTag ?? result)?.evidence ?? []);
      if (
        municipalityCode !== thread.municipalityCode ||
        !sameEvidence(municipalityEvidence, thread.municipalityEvidence ?? [])
      ) {
        threadsToPut.push({ ...thread, municipalityCode, municipalityEvidence, updatedAt: now });
      }
    });
    if (threadsToPut.length) await db.threads.bulkPut(threadsToPut);
    return threadsToPut.map((thread) => thread.id);
  });
}

/** Signals per person kept from stored messages: enough to find a title, as ingest caps them. */
const SIGNALS_FROM_STORED_MESSAGES = 6;

/**
 * Settles whether each of these contacts is followed as a stakeholder: the user's most specific
 * `kind` correction, else the rules' kind (from the address and name, as ingest decides it).
 * Someone who becomes a stakeholder is linked to the stored messages that involve them (what
 * they sent; what the user sent them) and to those messages' threads, and gets the rules'
 * municipality and role from the text of their messages (a correction still decides). Someone
 * no longer followed is unlinked from every message and thread and loses their cached latency.
 * Returns the ids of the contacts whose kind changed (their latency needs recomputing).
 */
export async function applyKinds(db: GemeenteradarDb, contactIds: readonly string[], now: number): Promise<string[]> {
  return db.transaction('rw', KIND_TABLES(db), async () => {
    const contacts = (await db.contacts.bulkGet([...new Set(contactIds)])).filter(
      (contact): contact is Contact => contact !== undefined,
    );
    const ownAddresses = (await db.accounts.toCollection().primaryKeys()) as string[];
    const tags = new Map<string, Tag>();
    for (const tag of await db.tags.bulkGet([...new Set(contacts.flatMap(correctionIdsForContact))]))
      if (tag) tags.set(tag.id, tag);

    const changed: string[] = [];
    const threadsToRecompute = new Map<string, Thread>();
    for (const contact of contacts) {
      const scopes = userScopesForContact(contact);
      const ruleKind = classifyContactKind(contact.addresses[0] ?? null, contact.name, { ownAddresses }).kind;
      const kind = effectiveKind(ruleKind, scopes, tags);
      if (kind === contact.kind) continue;
      changed.push(contact.id);

      if (kind === 'stakeholder') await follow(db, contact, scopes, tags, threadsToRecompute, now);
      else await unfollow(db, contact, kind, threadsToRecompute, now);
    }
    await recomputeThreadMunicipalities(db, [...threadsToRecompute.values()], now);
    return changed;
  });
}

/**
 * Makes a contact a stakeholder: linked to the stored messages that involve them and to their
 * threads (collected for the municipality recompute), tagged from their messages' text.
 */
async function follow(
  db: GemeenteradarDb,
  contact: Contact,
  scopes: TagScope[],
  tags: ReadonlyMap<string, Tag>,
  threadsToRecompute: Map<string, Thread>,
  now: number,
): Promise<void> {
  const addresses = new Set(contact.addresses);
  // as ingest links them: a received message to its sender, a sent one to its recipients
  const [sentByThem, sentToThem] = await Promise.all([
    db.messages
      .where('fromAddress')
      .anyOf([...addresses])
      .toArray(),
    db.messages
      .where('toAddresses')
      .anyOf([...addresses])
      .distinct()
      .toArray(),
  ]);
  const involved = [
    ...sentByThem.filter((message) => message.direction === 'in'),
    ...sentToThem.filter((message) => message.direction === 'out'),
  ];
  const threads = (await db.threads.bulkGet([...new Set(involved.map((message) => message.threadId))])).filter(
    (thread): thread is Thread => thread !== undefined,
  );
  const linkedThreads = threads.map((thread) => ({
    ...thread,
    contactIds: [...new Set([...thread.contactIds, contact.id])].slice(0, 200),
    updatedAt: now,
  }));
  for (const thread of linkedThreads) threadsToRecompute.set(thread.id, thread);
  const received = involved
    .filter((message) => message.direction === 'in')
    .sort((a, b) => (b.at ?? 0) - (a.at ?? 0))
    .slice(0, SIGNALS_FROM_STORED_MESSAGES);
  const address = contact.addresses[0] ?? '';
  const rules = classifyStakeholder(address, [
    { address, name: contact.name },
    ...received.map((message) => ({ address, name: message.fromName, subject: message.subject, snippet: message.excerpt })),
  ]);
  // what the rules found before (a signature, at ingest) stays where it is more confident
  const ruleTags = withRuleTag(
    withRuleTag(
      contact.ruleTags,
      'municipality',
      mergeRuleTag(ruleTagOf(contact, 'municipality'), rules.municipality, contact.id, 'municipality', now),
    ),
    'role',
    mergeRuleTag(ruleTagOf(contact, 'role'), rules.role, contact.id, 'role', now),
  );
  const municipality = effectiveTag(scopes, 'municipality', tags, ruleTagOf({ ruleTags }, 'municipality'));
  const role = effectiveTag(scopes, 'role', tags, ruleTagOf({ ruleTags }, 'role'));
  await Promise.all([
    db.messages.bulkPut(
      involved
        .filter((message) => !message.contactIds.includes(contact.id))
        .map((message) => ({ ...message, contactIds: [...message.contactIds, contact.id], updatedAt: now })),
    ),
    db.threads.bulkPut(linkedThreads),
    db.contacts.put({
      ...contact,
      kind: 'stakeholder',
      ruleTags,
      municipalityCode: municipality?.value ?? null,
      role: (role?.value as RoleId | undefined) ?? 'onbekend',
      updatedAt: now,
    }),
  ]);
}

/** Stops following a contact: unlinked from every message and thread, untagged, no cached latency. */
async function unfollow(
  db: GemeenteradarDb,
  contact: Contact,
  kind: Contact['kind'],
  threadsToRecompute: Map<string, Thread>,
  now: number,
): Promise<void> {
  // not (or no longer) followed: as ingest keeps a non-stakeholder, untagged and unlinked
  const [messages, threads] = await Promise.all([
    db.messages.where('contactIds').equals(contact.id).toArray(),
    db.threads.where('contactIds').equals(contact.id).toArray(),
  ]);
  const unlinkedThreads = threads.map((thread) => ({
    ...thread,
    contactIds: thread.contactIds.filter((id) => id !== contact.id),
    updatedAt: now,
  }));
  for (const thread of unlinkedThreads) threadsToRecompute.set(thread.id, thread);
  await Promise.all([
    db.messages.bulkPut(
      messages.map((message) => ({
        ...message,
        contactIds: message.contactIds.filter((id) => id !== contact.id),
        updatedAt: now,
      })),
    ),
    db.threads.bulkPut(unlinkedThreads),
    db.latency.delete(contact.id),
    db.contacts.put({ ...contact, kind, municipalityCode: null, role: 'onbekend', updatedAt: now }),
  ]);
}

/**
 * Contacts that turned out to be the user (an own address learnt after they were stored): from
 * now on `self`, unlinked from every message and thread, their cached latency gone. And the mail
 * they sent is the user's: outgoing, linked to the stakeholders it went to (it was stored as
 * received, before the address was known to be the user's). Returns the stakeholders whose
 * interactions changed. Runs in the caller's transaction (ingest's).
 */
export async function markAsOwn(db: GemeenteradarDb, contacts: readonly Contact[], now: number): Promise<string[]> {
  if (contacts.length === 0) return [];
  return db.transaction('rw', KIND_TABLES(db), async () => {
    const threads = new Map<string, Thread>();
    for (const contact of contacts) await unfollow(db, contact, 'self', threads, now);
    const ownAddresses = [...new Set(contacts.flatMap((contact) => contact.addresses))];
    const sent = (await db.messages.where('fromAddress').anyOf(ownAddresses).toArray()).filter(
      (message) => message.direction === 'in',
    );
    const recipients = [...new Set(sent.flatMap((message) => message.toAddresses))];
    const stakeholders = (await db.contacts.where('addresses').anyOf(recipients).toArray()).filter(
      (contact) => contact.kind === 'stakeholder',
    );
    const stakeholderOf = new Map(
      stakeholders.flatMap((contact) => contact.addresses.map((address) => [address, contact.id] as const)),
    );
    const outgoing = sent.map((message) => ({
      ...message,
      direction: 'out' as const,
      contactIds: [...new Set(message.toAddresses.flatMap((address) => stakeholderOf.get(address) ?? []))].slice(0, 400),
      updatedAt: now,
    }));
    await db.messages.bulkPut(outgoing);
    const linked = await db.threads.bulkGet([...new Set(outgoing.map((message) => message.threadId))]);
    for (const thread of linked) {
      if (!thread) continue;
      const ids = outgoing.filter((message) => message.threadId === thread.id).flatMap((message) => message.contactIds);
      threads.set(thread.id, {
        ...(threads.get(thread.id) ?? thread),
        contactIds: [...new Set([...(threads.get(thread.id) ?? thread).contactIds, ...ids])].slice(0, 200),
        updatedAt: now,
      });
    }
    await db.threads.bulkPut([...threads.values()]);
    await recomputeThreadMunicipalities(db, [...threads.values()], now);
    return [...new Set(outgoing.flatMap((message) => message.contactIds))];
  });
}

/** The contacts a correction at this scope covers. */
async function contactsCovered(db: GemeenteradarDb, scope: CorrectionScope, subjectId: string): Promise<string[]> {
  if (scope === 'address') return (await db.contacts.where('addresses').equals(subjectId).primaryKeys()) as string[];
  // No index ends with a domain; a full key scan of the multi-entry index is still cheap.
  const suffix = `@${subjectId}`;
  const ids = new Set<string>();
  await db.contacts
    .where('addresses')
    .above('')
    .eachKey((address, cursor) => {
      if (String(address).endsWith(suffix)) ids.add(cursor.primaryKey as string);
    });
  return [...ids];
}

function correctionEvidence(scope: CorrectionScope, subjectId: string): Evidence {
  return scope === 'address'
    ? evidence('correction-address', { address: subjectId })
    : evidence('correction-domain', { domain: subjectId });
}

/** Stores a correction and applies it at once to every contact (and thread) it covers. */
export async function applyCorrection(
  db: GemeenteradarDb,
  input: CorrectionInput,
  now: number = Date.now(),
): Promise<CorrectionResult> {
  const correction = CorrectionInputSchema.parse(input);
  const subjectId = correction.scope === 'address' ? correction.address : domainOf(correction.address);
  if (correction.scope === 'domain' && isPersonalMailDomain(subjectId)) {
    // "everyone at gmail.com is a wethouder in Zwolle" is never what the user means
    throw new CorrectionScopeError(reason('correction-personal-domain', { domain: subjectId }));
  }
  return db.transaction('rw', correction.dimension === 'kind' ? KIND_TABLES(db) : TABLES(db), async () => {
    const contact = await db.contacts.get(correction.contactId);
    if (!contact) throw new UnknownContactError(correction.contactId);
    if (!contact.addresses.includes(correction.address)) {
      throw new CorrectionScopeError(reason('correction-not-an-address-of-contact', { address: correction.address }));
    }
    const tag: Tag = {
      id: tagId('user', correction.scope, subjectId, correction.dimension),
      subjectType: correction.scope,
      subjectId,
      dimension: correction.dimension,
      value: correction.value,
      source: 'user',
      evidence: [correctionEvidence(correction.scope, subjectId)],
      confidence: 1,
      updatedAt: now,
    };
    await db.tags.put(tag);
    const covered = await contactsCovered(db, correction.scope, subjectId);
    if (correction.dimension === 'kind') await applyKinds(db, covered, now);
    const applied = await applyEffectiveTags(db, covered, now);
    return { tagId: tag.id, contactIds: covered, threadIds: applied.threadIds };
  });
}

/** Removes a correction; the rules (or a less specific correction) decide again. */
export async function removeCorrection(
  db: GemeenteradarDb,
  input: RemoveCorrectionInput,
  now: number = Date.now(),
): Promise<CorrectionResult> {
  const { subjectType, subjectId, dimension } = RemoveCorrectionInputSchema.parse(input);
  const id = tagId('user', subjectType, subjectId, dimension);
  return db.transaction('rw', dimension === 'kind' ? KIND_TABLES(db) : TABLES(db), async () => {
    await db.tags.delete(id);
    const covered = await contactsCovered(db, subjectType, subjectId);
    if (dimension === 'kind') await applyKinds(db, covered, now);
    const applied = await applyEffectiveTags(db, covered, now);
    return { tagId: id, contactIds: covered, threadIds: applied.threadIds };
  });
}
