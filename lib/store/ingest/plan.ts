/**
 * Ingest, step 2: the plan. A pure function of what the store holds (IngestContext), the batches
 * and the time: no database, no clock. Small named steps, each over maps keyed by id: the user's
 * own addresses, people seen -> contacts, organisations, messages, threads, and what changed
 * (only records whose content differs from what is stored are written). Every record to write is
 * checked with its table's schema first, in the order records depend on each other
 * (organisations, contacts, messages, threads): one that fails is refused alone, and what
 * depends on it is planned without it (isolate.ts).
 */
import { mailboxOf } from '../../vocabulary/address';
import type { Reason } from '../../vocabulary/reasons';
import { withoutNotTracked } from '../not-tracked';
import type { Account, Contact, Message, Organisation, Thread } from '../schemas';
import { accountsDue, classifyPeople, identifyPeople, ownAddressesOf, planContacts, stakeholderIdsByAddress } from './contacts';
import type { IngestContext } from './context';
import { threadCounterparts } from './counterparts';
import { byId, contactsAfterCheck, keepValid, withoutRefusedOrganisations } from './isolate';
import { planMeetings, type PlannedMeetings } from './meetings';
import { planMessages, provisionalMessagesReplacedBy, type PlannedMessage } from './messages';
import { collectPeople, type IngestBatch } from './observed';
import { planOrganisations } from './organisations';
import { municipalitiesOf, planThreads } from './threads';

export interface IngestSummary {
  threads: number;
  messages: number;
  contactsCreated: number;
  contactsUpdated: number;
  /** stakeholder contacts whose interactions may have changed: their latency needs recomputing */
  affectedContactIds: string[];
}

export function emptyIngestSummary(): IngestSummary {
  return { threads: 0, messages: 0, contactsCreated: 0, contactsUpdated: 0, affectedContactIds: [] };
}

export interface IngestPlan {
  /** the time of this ingest: `updatedAt` of what it and its follow-ups write */
  at: number;
  /** the records to write, per table: only those that differ from what is stored */
  put: {
    accounts: Account[];
    organisations: Organisation[];
    contacts: Contact[];
    messages: Message[];
    threads: Thread[];
  };
  /** provisional Gmail messages a final one replaces */
  deleteMessageIds: string[];
  /** meetings agreed in the batches' mail to put, and those their mail no longer agrees */
  meetings: Pick<PlannedMeetings, 'put' | 'deleteIds'>;
  /** contacts whose municipality this ingest changed: their threads not in the batches follow */
  municipalityMoved: string[];
  /** stored contacts that are the user (an own address learnt since): they become `self` (corrections.ts markAsOwn) */
  becameOwn: Contact[];
  /** why records were taken out of the plan (isolate.ts): counted, the rest is written */
  refusals: Reason[];
  summary: IngestSummary;
}

/** Fields the comparison ignores: when it was written, and what the store derives itself. */
const NOT_CONTENT = new Set(['updatedAt', 'mailboxes']);

/** The keys of a nested object as JSON writes them: in order, without those left undefined. */
function jsonKeys(value: object): string[] {
  return Object.keys(value).filter((key) => (value as Record<string, unknown>)[key] !== undefined);
}

/** Whether two stored values read the same as JSON (what a record's content is). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    // JSON writes an undefined element as null
    return a.every((element, index) => sameJson(element ?? null, b[index] ?? null));
  }
  const keys = jsonKeys(a);
  const other = jsonKeys(b);
  if (keys.length !== other.length || keys.some((key, index) => key !== other[index])) return false;
  return keys.every((key) => sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}

/**
 * Whether a planned record's content is what is stored: every field but NOT_CONTENT, in any
 * order, compared as JSON would (a field present but undefined reads as null).
 */
function sameContent(next: object, stored: object): boolean {
  const fields = (record: object) => Object.keys(record).filter((key) => !NOT_CONTENT.has(key));
  const keys = fields(next);
  const storedKeys = new Set(fields(stored));
  if (keys.length !== storedKeys.size || !keys.every((key) => storedKeys.has(key))) return false;
  return keys.every((key) =>
    sameJson((next as Record<string, unknown>)[key] ?? null, (stored as Record<string, unknown>)[key] ?? null),
  );
}

/**
 * A page sends the same rows again and again (every re-render, every reload): records whose
 * content is what is stored already are not written again.
 */
export function changedOnly<T extends { id: string }>(next: readonly T[], stored: ReadonlyMap<string, T>): T[] {
  return next.filter((record) => {
    const previous = stored.get(record.id);
    return previous === undefined || !sameContent(record, previous);
  });
}

/** Contacts written with another municipality than the stored one: a signature told it. */
function municipalityMoved(written: readonly Contact[], stored: ReadonlyMap<string, Contact>): string[] {
  return written
    .filter((contact) => {
      const before = stored.get(contact.id);
      return before !== undefined && before.municipalityCode !== contact.municipalityCode;
    })
    .map((contact) => contact.id);
}

/** The stored records the planned messages update, by id (found by key, alias or as the same mail). */
function storedById(planned: readonly PlannedMessage[]): Map<string, Message> {
  const stored = new Map<string, Message>();
  for (const message of planned) if (message.stored) stored.set(message.stored.id, message.stored);
  return stored;
}

/**
 * Messages as their threads' drafts take them: in the thread the page showed them in. Another
 * reader's copy of a stored mail keeps the stored thread on the record, and still tells this
 * reader's thread its contacts and times.
 */
function asSeenInThreads(planned: readonly PlannedMessage[]): Message[] {
  return planned.flatMap(({ record, seenIn }) =>
    seenIn.map(({ threadKey, host }) => (record.threadId === threadKey ? record : { ...record, threadId: threadKey, host })),
  );
}

/** The batches without these messages (refused ones: they name no thread). */
function withoutMessages(batches: readonly IngestBatch[], keys: ReadonlySet<string>): readonly IngestBatch[] {
  if (keys.size === 0) return batches;
  return batches.map((batch) => ({ ...batch, messages: batch.messages.filter((message) => !keys.has(message.messageKey)) }));
}

/**
 * Stored contacts of the user's own addresses (any spelling of one of their mailboxes) not yet
 * kept as the user: seen as someone else before the address was known to be the user's.
 */
function storedContactsOfOwnAddresses(context: IngestContext, own: ReadonlySet<string>): Contact[] {
  const ownMailboxes = new Set([...own].map(mailboxOf));
  return [...context.contactsById.values()].filter(
    (contact) => contact.kind !== 'self' && contact.addresses.some((address) => ownMailboxes.has(mailboxOf(address))),
  );
}

/** The records of the batches' people: contacts and their organisations, each checked before the write. */
function planPeople(context: IngestContext, batches: readonly IngestBatch[], now: number, refusals: Reason[]) {
  // the user's own addresses decide sent vs received and who is a colleague; they are no contact
  const own = ownAddressesOf(context, batches);
  const people = collectPeople(batches, own);
  for (const address of own) people.delete(address);

  const identities = identifyPeople([...people.keys()], context);
  const classified = classifyPeople(people, identities, [...own], context.corrections);
  const contacts = planContacts(people, identities, classified, context.corrections, now);
  const organisations = keepValid(
    'organisations',
    changedOnly(planOrganisations(classified.values(), context.organisations, now), context.organisations),
    byId,
    refusals,
  );
  const planned = withoutRefusedOrganisations([...contacts.records.values()], organisations.refusedKeys, context.organisations);
  const contactsToPut = keepValid('contacts', changedOnly(planned, context.contactsById), byId, refusals);
  return {
    own,
    becameOwn: storedContactsOfOwnAddresses(context, own),
    contacts,
    organisationsToPut: organisations.valid,
    contactsToPut: contactsToPut.valid,
    /** every contact seen as it is after this ingest, a refused one as it was */
    contactRecords: contactsAfterCheck(
      new Map(planned.map((contact) => [contact.id, contact])),
      contactsToPut.refusedKeys,
      context.contactsById,
    ),
  };
}

/**
 * The batches' mail: each message (found by key, by alias or as the same mail of another reader;
 * an outgoing one without recipients goes to its thread's counterparts), checked before the write,
 * and the meetings agreed in it. A refused message is no part of what is stored: not of its
 * thread, not of a meeting, and it replaces nothing.
 */
function planMail(
  context: IngestContext,
  batches: readonly IngestBatch[],
  people: { own: ReadonlySet<string>; stakeholderOf: ReadonlyMap<string, string>; contactRecords: ReadonlyMap<string, Contact> },
  now: number,
  refusals: Reason[],
) {
  const { own, stakeholderOf, contactRecords } = people;
  const knownContact = (id: string) => contactRecords.get(id) ?? context.threadContacts.get(id) ?? context.contactsById.get(id);
  const counterparts = threadCounterparts(batches, context.threads, stakeholderOf, knownContact, own);
  const counterpartsOf = (threadKey: string) => counterparts.get(threadKey) ?? [];
  const stored = { byId: context.messages, byAlias: context.messagesByAlias, candidates: context.matchCandidates };
  const all = planMessages(batches, stored, own, stakeholderOf, now, counterpartsOf);
  const messagesToPut = keepValid(
    'messages',
    changedOnly(
      all.map(({ record }) => record),
      storedById(all),
    ),
    byId,
    refusals,
  );
  const planned = all.filter(({ record }) => !messagesToPut.refusedKeys.has(record.id));
  const meetings = planMeetings(planned, context.meetings, counterpartsOf, now);
  const meetingsToPut = keepValid('meetings', changedOnly(meetings.put, context.meetings), byId, refusals);
  return {
    planned,
    messagesToPut,
    meetings: { put: meetingsToPut.valid, deleteIds: meetings.deleteIds, contactIds: meetings.contactIds },
  };
}

export function planIngest(context: IngestContext, observed: readonly IngestBatch[], now: number): IngestPlan {
  // the people the user asked to forget: not a contact, not linked, not a recipient; their mail not stored
  const batches = withoutNotTracked(observed, context.notTracked);
  const refusals: Reason[] = [];
  const { own, becameOwn, contacts, organisationsToPut, contactsToPut, contactRecords } = planPeople(
    context,
    batches,
    now,
    refusals,
  );
  const stakeholderOf = stakeholderIdsByAddress(contactRecords.values());
  const { planned, messagesToPut, meetings } = planMail(context, batches, { own, stakeholderOf, contactRecords }, now, refusals);
  const messages = planned.map(({ record }) => record);
  const municipalityOfContact = municipalitiesOf(context.threadContacts.values(), contactRecords.values());
  const threads = planThreads(
    withoutMessages(batches, messagesToPut.refusedKeys),
    asSeenInThreads(planned),
    context.threads,
    context.corrections,
    stakeholderOf,
    municipalityOfContact,
    now,
  );
  // a refused thread leaves its messages stored: each has its own subject, time and people
  const threadsToPut = keepValid('threads', changedOnly(threads, context.threads), byId, refusals);
  const accounts = keepValid('accounts', accountsDue(context, batches, now), (account) => account.address, refusals);
  return {
    at: now,
    put: {
      accounts: accounts.valid,
      organisations: organisationsToPut,
      contacts: contactsToPut,
      messages: messagesToPut.valid,
      threads: threadsToPut.valid,
    },
    deleteMessageIds: provisionalMessagesReplacedBy(context.provisionalMessages, messages),
    meetings: { put: meetings.put, deleteIds: meetings.deleteIds },
    municipalityMoved: municipalityMoved(contactsToPut, context.contactsById),
    becameOwn,
    refusals,
    summary: {
      threads: threads.length - threadsToPut.refusedKeys.size,
      messages: messages.length,
      contactsCreated: contacts.created,
      contactsUpdated: contacts.updated,
      // a message's contacts now and before (an inference its real recipients replaced), and the
      // contacts of the meetings agreed or taken away
      affectedContactIds: [
        ...new Set([
          ...planned.flatMap(({ record, stored }) => [...record.contactIds, ...(stored?.contactIds ?? [])]),
          ...meetings.contactIds,
        ]),
      ],
    },
  };
}
