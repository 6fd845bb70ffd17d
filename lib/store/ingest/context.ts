/**
 * Ingest, step 1: what the store holds about the batches, read in two rounds inside the ingest
 * transaction (every awaited read is a round trip to the browser's database process, so every
 * read whose keys the batches already tell is issued at once). Returned as maps keyed by id, for
 * the planner (plan.ts), which reads nothing itself.
 */
import { classifyOrganisation } from '../../classify';
import type { GemeenteradarDb } from '../db';
import { getByKeys, storedKeys } from '../keyed-reads';
import { mailboxOf } from '../../vocabulary/address';
import type { Account, Contact, Message, NotTracked, Organisation, Tag, Thread } from '../schemas';
import { contactIdFor, identifyPeople, ownAddressesOf } from './contacts';
import {
  mailContextOf,
  matchKeysToLookUp,
  readAliasesAndMeetings,
  readMatchCandidates,
  type MailContext,
  type MailContextRecords,
} from './context-mail';
import { isFinalGmailMessageKey, PROVISIONAL_GMAIL_PREFIX } from './messages';
import { organisationIdFor } from './organisations';
import { accountsSeen, addressesSeen, messagesSeen, threadKeysOf, type IngestBatch } from './observed';
import { recallNothing, type Recalled, type RecordMemory } from './record-memory';
import { checkRead, noRepairs, type Known, type ReadRepairs, type ReadTable } from './repair';

export interface IngestContext extends MailContext {
  /** the user's own addresses the store knows, by address */
  accounts: ReadonlyMap<string, Account>;
  /** stored contacts of the people seen, by id */
  contactsById: ReadonlyMap<string, Contact>;
  /** the same contacts by each of their addresses, and by each address's mailbox */
  contactsByAddress: ReadonlyMap<string, Contact>;
  contactsByMailbox: ReadonlyMap<string, Contact>;
  /** stored messages and threads with the batches' keys, by id */
  messages: ReadonlyMap<string, Message>;
  threads: ReadonlyMap<string, Thread>;
  /** stored organisations the people seen may belong to, by id */
  organisations: ReadonlyMap<string, Organisation>;
  /** the user's corrections (`user` tags), by tag id */
  corrections: ReadonlyMap<string, Tag>;
  /** stored provisional Gmail messages (`#msg-a`) that a final one (`#msg-f`) may replace */
  provisionalMessages: readonly Message[];
  /** contacts the batches' stored threads name besides the people seen: their municipality counts */
  threadContacts: ReadonlyMap<string, Contact>;
  /** the people the user asked to forget, as salted hashes (lib/store/not-tracked.ts): dropped */
  notTracked: readonly NotTracked[];
}

/** A list of records as a read returns it: `undefined` where a key was not found. */
type Found<T> = readonly (T | undefined)[];

/** Plain lists of records as an IngestContext (the reads return lists; tests write them). */
export interface IngestContextRecords extends MailContextRecords {
  accounts?: Found<Account>;
  contacts?: Found<Contact>;
  messages?: Found<Message>;
  threads?: Found<Thread>;
  organisations?: Found<Organisation>;
  corrections?: Found<Tag>;
  provisionalMessages?: readonly Message[];
  threadContacts?: Found<Contact>;
  notTracked?: readonly NotTracked[];
}

function byKey<T, K>(records: Found<T> | undefined, keyOf: (record: T) => K): Map<K, T> {
  const map = new Map<K, T>();
  for (const record of records ?? []) if (record !== undefined) map.set(keyOf(record), record);
  return map;
}

export function ingestContextOf(records: IngestContextRecords): IngestContext {
  const contactsById = byKey(records.contacts, (contact) => contact.id);
  const contactsByAddress = new Map<string, Contact>();
  const contactsByMailbox = new Map<string, Contact>();
  for (const contact of contactsById.values()) {
    for (const address of contact.addresses) {
      contactsByAddress.set(address, contact);
      contactsByMailbox.set(mailboxOf(address), contact);
    }
  }
  return {
    accounts: byKey(records.accounts, (account) => account.address),
    contactsById,
    contactsByAddress,
    contactsByMailbox,
    messages: byKey(records.messages, (message) => message.id),
    threads: byKey(records.threads, (thread) => thread.id),
    organisations: byKey(records.organisations, (organisation) => organisation.id),
    corrections: byKey(records.corrections, (tag) => tag.id),
    provisionalMessages: records.provisionalMessages ?? [],
    threadContacts: byKey(records.threadContacts, (contact) => contact.id),
    notTracked: records.notTracked ?? [],
    ...mailContextOf(records),
  };
}

/** The keys the batches name: what the first round reads. */
export interface IngestKeys {
  addresses: string[];
  mailboxes: string[];
  messageKeys: string[];
  threadKeys: string[];
}

export function ingestKeysOf(batches: readonly IngestBatch[]): IngestKeys {
  // the accounts too: a contact stored for one before it was known to be the user's becomes `self`
  const addresses = [...new Set([...addressesSeen(batches), ...accountsSeen(batches).keys()])];
  return {
    addresses,
    // One mailbox, several spellings (Gmail ignores dots and "+tags"): one contact, found by
    // its mailboxes (kept by the store itself on every contact write, see db.ts).
    mailboxes: [...new Set(addresses.map(mailboxOf))],
    messageKeys: [...messagesSeen(batches).keys()],
    threadKeys: threadKeysOf(batches),
  };
}

/**
 * The organisations the people seen may belong to. An organisation follows from the address's
 * domain alone, so it is read with the first round; only stakeholders get one, so this may read
 * a few more than the plan uses.
 */
export function organisationIdsOf(addresses: readonly string[]): string[] {
  const ids = new Set<string>();
  const seenDomains = new Set<string>();
  for (const address of addresses) {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    if (seenDomains.has(domain)) continue;
    seenDomains.add(domain);
    const guess = classifyOrganisation(address);
    if (guess) ids.add(organisationIdFor(guess));
  }
  return [...ids];
}

/**
 * What the second round reads, from the first round's answer: the contacts of the stored
 * threads that are not among the people seen (their municipality counts for the thread's).
 */
export function threadContactIdsToRead(batches: readonly IngestBatch[], keys: IngestKeys, first: IngestContext): string[] {
  const own = ownAddressesOf(first, batches);
  const people = keys.addresses.filter((address) => !own.has(address));
  const peopleIds = new Set([...identifyPeople(people, first).values()].map((identity) => identity.contactId));
  return [...new Set([...first.threads.values()].flatMap((thread) => thread.contactIds).filter((id) => !peopleIds.has(id)))];
}

/** What reading needs besides the database: what the batches tell, the time, where damage is noted. */
interface Reading {
  db: GemeenteradarDb;
  known: Known;
  now: number;
  repairs: ReadRepairs;
}

/** Records as read, checked (repair.ts): valid, repaired, or left out as set aside. */
function checked<T>(reading: Reading, table: ReadTable, found: readonly (T | undefined)[]): (T | undefined)[] {
  return checkRead<T>(table, found, reading.known, reading.now, reading.repairs);
}

/**
 * The stored contacts for these addresses. Most are known, and a contact's id comes from its
 * first address: a primary-key read finds them. Only the rest (new people, other spellings of
 * a mailbox, addresses merged into another contact) need the mailbox index, one key each.
 */
async function findContacts(reading: Reading, addresses: readonly string[], mailboxes: readonly string[]): Promise<Contact[]> {
  const { db } = reading;
  const byId = checked(reading, 'contacts', await getByKeys(db.contacts, addresses.map(contactIdFor)));
  const found = byId.filter((contact): contact is Contact => contact !== undefined);
  const covered = new Set(found.flatMap((contact) => contact.mailboxes ?? contact.addresses.map(mailboxOf)));
  const missing = mailboxes.filter((mailbox) => !covered.has(mailbox));
  // most of the missing are new people: one scan of the index says which mailboxes are known
  const known = await storedKeys(db.contacts, 'mailboxes', missing);
  const more = await Promise.all(
    missing.filter((mailbox) => known.has(mailbox)).map((mailbox) => db.contacts.where('mailboxes').equals(mailbox).toArray()),
  );
  const checkedMore = checked(reading, 'contacts', more.flat()).filter((contact): contact is Contact => contact !== undefined);
  return [...byKey([...found, ...checkedMore], (contact) => contact.id).values()];
}

/**
 * A reply just sent from a Gmail tab carries a provisional id until the page reloads and shows
 * its real one (see provisionalMessagesReplacedBy). Provisional ids share a prefix: a key range
 * finds the (usually zero) candidates directly, and only when a final id is among the keys.
 * Null when not read (no final id among the keys).
 */
async function loadProvisionalMessages(reading: Reading, messageKeys: readonly string[]): Promise<Message[] | null> {
  if (!messageKeys.some(isFinalGmailMessageKey)) return null;
  const found = await reading.db.messages.where('id').startsWith(PROVISIONAL_GMAIL_PREFIX).toArray();
  return checked(reading, 'messages', found).filter((message): message is Message => message !== undefined);
}

/** What ingest read: the planner's context, and what it found damaged (written by write.ts). */
export interface ReadContext {
  context: IngestContext;
  repairs: ReadRepairs;
  keys: IngestKeys;
  organisationIds: string[];
  /** whether the context holds every stored provisional message (read, or remembered) */
  provisionalKnown: boolean;
}

/** What the batches tell about the records read (for repairs: the addresses seen, each message's thread). */
function knownFrom(batches: readonly IngestBatch[], keys: IngestKeys): Known {
  return {
    addresses: keys.addresses,
    threadKeyOf: new Map([...messagesSeen(batches)].map(([key, seen]) => [key, seen.message.threadKey])),
  };
}

/** Records read by key, checked, after those remembered. */
function readByKeys<T>(
  reading: Reading,
  table: 'messages' | 'threads',
  remembered: readonly T[],
  keys: readonly string[],
): Promise<(T | undefined)[]> {
  if (keys.length === 0) return Promise.resolve([...remembered]);
  const read = getByKeys(reading.db.table(table), keys) as Promise<(T | undefined)[]>;
  return read.then((found) => [...remembered, ...checked(reading, table, found)]);
}

/** The first round: every read whose keys the batches tell, at once; what is remembered is not read. */
async function readFirstRound(reading: Reading, recalled: Recalled, messageKeys: readonly string[]) {
  const { db } = reading;
  const [accounts, contacts, messages, threads, corrections, provisional, organisations, notTracked] = await Promise.all([
    // the user's own addresses: a handful, read whole
    recalled.accounts ?? db.accounts.toArray().then((found) => checked(reading, 'accounts', found)),
    recalled.addresses.length === 0 ? [] : findContacts(reading, recalled.addresses, recalled.mailboxes),
    readByKeys(reading, 'messages', recalled.messages, recalled.messageKeys),
    readByKeys(reading, 'threads', recalled.threads, recalled.threadKeys),
    // corrections are few (a user makes them by hand): all of them in one indexed read
    recalled.corrections ??
      db.tags
        .where('source')
        .equals('user')
        .toArray()
        .then((found) => checked(reading, 'tags', found)),
    recalled.provisional && messageKeys.some(isFinalGmailMessageKey)
      ? recalled.provisional
      : loadProvisionalMessages(reading, messageKeys),
    recalled.organisationIds.length === 0
      ? []
      : db.organisations.bulkGet(recalled.organisationIds).then((found) => checked(reading, 'organisations', found)),
    // the people the user asked to forget: a handful of hashes at most, read whole
    recalled.notTracked ?? db.notTracked.toArray(),
  ]);
  return {
    records: {
      accounts,
      contacts: [...recalled.contacts, ...contacts],
      messages,
      threads,
      corrections,
      organisations: [...recalled.organisations, ...organisations],
      notTracked,
    },
    provisional,
  };
}

/** Messages read beyond their own keys (by alias, by match key), checked like every other read. */
function checkedMessages(reading: Reading, found: readonly Message[]): Message[] {
  return checked(reading, 'messages', found).filter((message): message is Message => message !== undefined);
}

/**
 * Reads what the store holds about these batches; call inside the ingest transaction. Every
 * record read is checked: a damaged one is repaired or set aside (repair.ts), never passed on.
 * With a memory (record-memory.ts), what it remembers is not read again.
 */
export async function readIngestContext(
  db: GemeenteradarDb,
  batches: readonly IngestBatch[],
  now: number,
  memory?: RecordMemory,
): Promise<ReadContext> {
  const keys = ingestKeysOf(batches);
  const organisationIds = organisationIdsOf(keys.addresses);
  const reading: Reading = { db, known: knownFrom(batches, keys), now, repairs: noRepairs() };
  const recalled = memory?.recall(keys, organisationIds) ?? recallNothing(keys, organisationIds);
  // a key stored as a message's own id is no alias of another (the planner finds it by key)
  const storedIds = new Set(recalled.messages.map((message) => message.id));
  const aliasKeys = keys.messageKeys.filter((key) => !storedIds.has(key));
  const [{ records, provisional }, mail] = await Promise.all([
    readFirstRound(reading, recalled, keys.messageKeys),
    readAliasesAndMeetings(db, { messageKeys: keys.messageKeys, aliasKeys, threadKeys: keys.threadKeys }),
  ]);
  const first = ingestContextOf({
    ...records,
    provisionalMessages: provisional ?? [],
    aliasMessages: checkedMessages(reading, mail.aliasMessages),
    // meetings are written by ingest alone, each checked on write (db.ts)
    meetings: mail.meetings,
  });
  // the second round: ids the store itself named (stored, in no useful order, so read key by key),
  // and the same mail under another key, for the messages found neither by key nor by alias
  const wanted = threadContactIdsToRead(batches, keys, first);
  const { found, missing } = memory?.recallContacts(wanted) ?? { found: [], missing: wanted };
  const foundByKey = (key: string) => first.messages.has(key) || first.messagesByAlias.has(key);
  const matchKeys = matchKeysToLookUp(batches, foundByKey, ownAddressesOf(first, batches));
  const [contactsRead, candidates] = await Promise.all([
    missing.length === 0 ? [] : db.contacts.bulkGet(missing),
    readMatchCandidates(db, matchKeys),
  ]);
  const matchCandidates = checkedMessages(reading, candidates);
  const threadContacts = checked(reading, 'contacts', contactsRead);
  return {
    context: { ...first, matchCandidates, threadContacts: byKey([...found, ...threadContacts], (contact) => contact.id) },
    repairs: reading.repairs,
    keys,
    organisationIds,
    provisionalKnown: provisional !== null || recalled.provisional !== null,
  };
}
