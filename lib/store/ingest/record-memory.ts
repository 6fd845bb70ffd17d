/**
 * What the background's ingest remembers of the records it read and wrote, so a page view that
 * shows people and threads seen before does not read them again. One batch at a time (a page
 * view each, the normal case), reading stored records at random keys was most of ingest's time
 * above the cost of writing (BENCHMARKS.md).
 *
 * It is only a shortcut, right only while ingest is the store's one writer: every write to these
 * tables by any other transaction (a user's action, a restore, anything) clears it
 * (`watchWrites`, db.ts), the ingest queue clears it around every user action, and ingest clears
 * it when its own transaction wrote beyond its plan (repairs, a municipality that moved, an own
 * address learnt). What an ingest read or wrote is learnt only after its transaction committed,
 * and only when nothing else wrote meanwhile. Bounded per table, the least recently used go
 * first; when the service worker stops it is gone. Without it ingest reads the store and comes
 * to the same plan.
 *
 * Records are shared with the planner, which never changes what it is given (its tests check
 * that on frozen input).
 */
import { mailboxOf, mailboxesOf } from '../../vocabulary/address';
import { watchWrites, type GemeenteradarDb } from '../db';
import type { Account, Contact, Message, NotTracked, Organisation, Tag, Thread } from '../schemas';
import type { IngestContext, IngestKeys } from './context';
import { PROVISIONAL_GMAIL_PREFIX } from './messages';
import type { IngestPlan } from './plan';

/** Per table, how many records it keeps: the scale the product is built for (5,000 contacts). */
export const MEMORY_BOUNDS = {
  contacts: 5_000,
  threads: 5_000,
  messages: 2_000,
  organisations: 1_000,
  absentMailboxes: 20_000,
} as const;

/** The tables whose records it keeps: a write to one of them by anyone else clears it. */
const REMEMBERED_TABLES: ReadonlySet<string> = new Set([
  'contacts',
  'organisations',
  'threads',
  'messages',
  'tags',
  'accounts',
  'notTracked',
]);

/** A map that forgets its least recently used entries past a bound. */
class Bounded<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly bound: number) {}
  get size(): number {
    return this.entries.size;
  }
  has(key: K): boolean {
    return this.entries.has(key);
  }
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined || this.entries.has(key)) {
      this.entries.delete(key);
      this.entries.set(key, value as V);
    }
    return value;
  }
  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.bound) break;
      this.entries.delete(oldest);
    }
  }
  delete(key: K): void {
    this.entries.delete(key);
  }
  clear(): void {
    this.entries.clear();
  }
}

/** Records it knows, and the keys it does not (still to be read). */
export interface Recalled {
  accounts: Account[] | null;
  corrections: Tag[] | null;
  /** the not-tracked list, whole (a forget writes it in a transaction of its own, which clears this) */
  notTracked: NotTracked[] | null;
  /** the stored provisional Gmail messages, all of them, or null when not known */
  provisional: Message[] | null;
  contacts: Contact[];
  /** addresses whose contact it does not know, and their mailboxes */
  addresses: string[];
  mailboxes: string[];
  messages: Message[];
  messageKeys: string[];
  threads: Thread[];
  threadKeys: string[];
  organisations: Organisation[];
  organisationIds: string[];
}

/** Nothing remembered: every key is read. */
export function recallNothing(keys: IngestKeys, organisationIds: readonly string[]): Recalled {
  return {
    ...{ accounts: null, corrections: null, notTracked: null, provisional: null },
    ...{ contacts: [], addresses: keys.addresses, mailboxes: keys.mailboxes },
    ...{ messages: [], messageKeys: keys.messageKeys, threads: [], threadKeys: keys.threadKeys },
    ...{ organisations: [], organisationIds: [...organisationIds] },
  };
}

/** What one ingest read and wrote, for the memory to learn once its transaction committed. */
export interface IngestOutcome {
  keys: IngestKeys;
  /** the organisations looked up (by the people's domains) */
  organisationIds: readonly string[];
  context: IngestContext;
  /** whether the context held every stored provisional message */
  provisionalKnown: boolean;
  plan: IngestPlan;
  /** whether reading repaired or set aside anything (written beyond the plan) */
  repaired: boolean;
}

export interface RecordMemory {
  /** changes whenever the memory is cleared: an outcome learnt across a change is not learnt */
  readonly generation: number;
  recall(keys: IngestKeys, organisationIds: readonly string[]): Recalled;
  /** contacts by id (a stored thread's other people), and the ids it does not know */
  recallContacts(ids: readonly string[]): { found: Contact[]; missing: string[] };
  /** the transaction ingest writes in now: its writes do not clear the memory */
  ingestIn(transaction: unknown): void;
  /** what an ingest begun in `since` read and wrote, after its transaction committed */
  learn(outcome: IngestOutcome, since: number): void;
  clear(): void;
  /** stops watching the store's writes */
  close(): void;
}

/** Known or absent (null) by key, and the keys not known. */
function recallKeys<T>(memory: Bounded<string, T | null>, keys: readonly string[]): { found: T[]; missing: string[] } {
  const found: T[] = [];
  const missing: string[] = [];
  for (const key of keys) {
    if (!memory.has(key)) missing.push(key);
    else {
      const record = memory.get(key);
      if (record) found.push(record);
    }
  }
  return { found, missing };
}

/**
 * The contacts: by id, which contact each address is (as ingest identifies it), and which
 * mailboxes nobody has (so a new person's address is not looked up again either).
 */
function createContactMemory(bounds: typeof MEMORY_BOUNDS) {
  const contacts = new Bounded<string, Contact>(bounds.contacts);
  const contactOfAddress = new Bounded<string, string>(bounds.contacts * 2);
  const absentMailboxes = new Bounded<string, true>(bounds.absentMailboxes);

  /** The contact an address is (or null: known to be nobody's), else undefined: not known. */
  const contactOf = (address: string): Contact | null | undefined => {
    const id = contactOfAddress.get(address);
    if (id !== undefined) return contacts.get(id) ?? undefined;
    return absentMailboxes.has(mailboxOf(address)) ? null : undefined;
  };
  const learnContact = (contact: Contact) => {
    const stored = contact.mailboxes ? contact : { ...contact, mailboxes: mailboxesOf(contact.addresses) };
    contacts.set(contact.id, stored);
    for (const address of contact.addresses) contactOfAddress.set(address, contact.id);
    for (const mailbox of stored.mailboxes!) absentMailboxes.delete(mailbox);
  };

  return {
    /** the contacts of the addresses it knows, and the addresses it does not */
    recall(addresses: readonly string[]): { known: Contact[]; unknown: string[] } {
      const known = new Map<string, Contact>();
      const unknown: string[] = [];
      for (const address of addresses) {
        const contact = contactOf(address);
        if (contact === undefined) unknown.push(address);
        else if (contact) known.set(contact.id, contact);
      }
      return { known: [...known.values()], unknown };
    },
    recallById(ids: readonly string[]): { found: Contact[]; missing: string[] } {
      const found: Contact[] = [];
      const missing: string[] = [];
      for (const id of ids) {
        const contact = contacts.get(id);
        if (contact) found.push(contact);
        else missing.push(id);
      }
      return { found, missing };
    },
    /** the contacts an ingest read and wrote; a mailbox it looked up that none of them has is nobody's */
    learn(learnt: readonly Contact[], mailboxesLookedUp: readonly string[]): void {
      for (const contact of learnt) learnContact(contact);
      const covered = new Set(learnt.flatMap((contact) => mailboxesOf(contact.addresses)));
      for (const mailbox of mailboxesLookedUp) if (!covered.has(mailbox)) absentMailboxes.set(mailbox, true);
    },
    clear(): void {
      for (const memory of [contacts, contactOfAddress, absentMailboxes]) memory.clear();
    },
  };
}

/** Per key, what an ingest found (null: not stored), then what it wrote. */
function learnByKey<T extends { id: string }>(
  memory: Bounded<string, T | null>,
  read: ReadonlyMap<string, T>,
  put: readonly T[],
  asked: readonly string[],
): void {
  for (const key of asked) memory.set(key, read.get(key) ?? null);
  for (const record of put) memory.set(record.id, record);
}

export function createRecordMemory(db: GemeenteradarDb, bounds: typeof MEMORY_BOUNDS = MEMORY_BOUNDS): RecordMemory {
  const contacts = createContactMemory(bounds);
  const threads = new Bounded<string, Thread | null>(bounds.threads);
  const messages = new Bounded<string, Message | null>(bounds.messages);
  const organisations = new Bounded<string, Organisation | null>(bounds.organisations);
  let accounts: Account[] | null = null;
  let corrections: Tag[] | null = null;
  let notTracked: NotTracked[] | null = null;
  /** every stored provisional Gmail message, once read whole: those written added, those replaced gone */
  let provisional: Map<string, Message> | null = null;
  let generation = 0;
  let ingestTransaction: unknown = null;

  const clear = () => {
    generation++;
    contacts.clear();
    for (const memory of [threads, messages, organisations]) memory.clear();
    accounts = corrections = notTracked = provisional = null;
  };
  const stopWatching = watchWrites(db, (table, transaction) => {
    if (REMEMBERED_TABLES.has(table) && transaction !== ingestTransaction) clear();
  });

  const learnRecords = ({ keys, organisationIds, context, plan, provisionalKnown }: IngestOutcome) => {
    contacts.learn([...context.contactsById.values(), ...context.threadContacts.values(), ...plan.put.contacts], keys.mailboxes);
    learnByKey(threads, context.threads, plan.put.threads, keys.threadKeys);
    learnByKey(messages, context.messages, plan.put.messages, keys.messageKeys);
    learnByKey(organisations, context.organisations, plan.put.organisations, organisationIds);
    for (const id of plan.deleteMessageIds) messages.set(id, null);
    accounts = [
      ...new Map([...context.accounts.values(), ...plan.put.accounts].map((account) => [account.address, account])).values(),
    ];
    corrections = [...context.corrections.values()];
    notTracked = [...context.notTracked];
    if (!provisional && !provisionalKnown) return;
    provisional ??= new Map(context.provisionalMessages.map((message) => [message.id, message]));
    for (const message of plan.put.messages)
      if (message.id.startsWith(PROVISIONAL_GMAIL_PREFIX)) provisional.set(message.id, message);
    for (const id of plan.deleteMessageIds) provisional.delete(id);
  };

  return {
    get generation() {
      return generation;
    },
    recall(keys, organisationIds) {
      const people = contacts.recall(keys.addresses);
      const message = recallKeys(messages, keys.messageKeys);
      const thread = recallKeys(threads, keys.threadKeys);
      const organisation = recallKeys(organisations, organisationIds);
      return {
        ...{ accounts, corrections, notTracked, provisional: provisional ? [...provisional.values()] : null },
        ...{ contacts: people.known, addresses: people.unknown, mailboxes: [...new Set(people.unknown.map(mailboxOf))] },
        ...{ messages: message.found, messageKeys: message.missing, threads: thread.found, threadKeys: thread.missing },
        ...{ organisations: organisation.found, organisationIds: organisation.missing },
      };
    },
    recallContacts: (ids) => contacts.recallById(ids),
    ingestIn(transaction) {
      ingestTransaction = transaction;
    },
    learn(outcome, since) {
      if (since !== generation) return;
      const { plan } = outcome;
      // the ingest wrote beyond its plan (repairs, threads following a moved municipality, the
      // user found among the contacts): rare, so start again rather than follow each write
      if (outcome.repaired || plan.municipalityMoved.length > 0 || plan.becameOwn.length > 0) return clear();
      learnRecords(outcome);
    },
    clear,
    close: stopWatching,
  };
}
