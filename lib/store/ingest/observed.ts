/**
 * What the batches show, gathered per key: every participant of every list row and message,
 * merged per address (the best name, the first and last time, a few signals to classify them
 * by, and what other people's text says of their role); the messages and threads by key; the
 * user's own accounts. Pure.
 */
import { namensMentions, salutationMentions, subjectMentions, type RoleMention, type WorksForMention } from '../../classify';
import type { PersonSignals } from '../../classify/types';
import type { ImportedMessageObservation, MessageObservation, ObservationBatch, Participant } from '../../messaging/observations';
import type { Evidence } from '../../vocabulary/evidence';
import type { RecordHost } from '../../vocabulary/record-hosts';
import { isOwnerPlaceholderName } from '../../vocabulary/owner-names';
import { maxTime, minTime } from '../times';

/**
 * What ingest takes: a reader's batch (its health is the handler's), or the messages of a mailbox
 * import (lib/store/mailbox-import.ts), whose host may be `mailbox` and whose messages may carry
 * their header facts.
 */
export type IngestBatch = Pick<ObservationBatch, 'account' | 'threads'> &
  // a reader's batch says when it was seen; ingest itself does not ask
  Partial<Pick<ObservationBatch, 'observedAt'>> & { host: RecordHost; messages: ImportedMessageObservation[] };

/** Signals per person per batch are capped: enough to find a title, bounded work per person. */
const MAX_SIGNALS_PER_PERSON = 6;
const MAX_MENTIONS_PER_PERSON = 6;

export interface PersonSeen {
  address: string;
  name: string;
  signals: PersonSignals[];
  /** what others' text says of their role: the user's salutations, subjects, "namens" lines */
  mentions: RoleMention[];
  /** "namens wethouder X" in their mail: the person they work for (by address), with the evidence */
  worksFor: { address: string; evidence: Evidence[] } | null;
  firstAt: number | null;
  lastAt: number | null;
}

export function isPlaceholderName(name: string, address: string | null): boolean {
  const folded = name.trim().toLowerCase();
  return folded === '' || isOwnerPlaceholderName(folded) || folded === address;
}

export function betterName(current: string, candidate: string, address: string): string {
  if (isPlaceholderName(candidate, address)) return current || address;
  if (isPlaceholderName(current, address)) return candidate.trim();
  // Prefer the longer form ("Jan de Vries" over "Jan"): lists abbreviate, messages do not.
  return candidate.trim().length > current.length ? candidate.trim() : current;
}

type Sighting = (participant: Participant, at: number | null, signals: Omit<PersonSignals, 'address' | 'name'>) => void;

/** Every participant of every row and message, with when and in which text they were seen. */
export function forEachSighting(batches: readonly IngestBatch[], see: Sighting): void {
  for (const batch of batches) {
    for (const thread of batch.threads) {
      for (const participant of thread.participants)
        see(participant, thread.at, { subject: thread.subject, snippet: thread.snippet });
    }
    for (const message of batch.messages) {
      see(message.from, message.at, { subject: message.subject, snippet: message.excerpt, signature: message.signature });
      for (const recipient of [...message.to, ...message.cc]) see(recipient, message.at, { subject: message.subject });
    }
  }
}

/**
 * Everyone seen, by address, in the order first seen (own addresses included), with what the
 * batches' text says of them (`own`: the user's addresses, whose mail the salutations are read in).
 */
export function collectPeople(batches: readonly IngestBatch[], own: ReadonlySet<string> = new Set()): Map<string, PersonSeen> {
  const people = new Map<string, PersonSeen>();
  forEachSighting(batches, (participant, at, signals) => {
    const address = participant.address;
    if (!address) return;
    let person = people.get(address);
    if (!person) {
      person = { address, name: '', signals: [], mentions: [], worksFor: null, firstAt: null, lastAt: null };
      people.set(address, person);
    }
    person.name = betterName(person.name, participant.name, address);
    person.firstAt = minTime(person.firstAt, at);
    person.lastAt = maxTime(person.lastAt, at);
    if (person.signals.length < MAX_SIGNALS_PER_PERSON) {
      person.signals.push({ address, name: participant.name, ...signals });
    }
  });
  const { roles, worksFor } = mentionsIn(batches, own);
  for (const mention of roles) {
    const person = people.get(mention.address);
    if (person && person.mentions.length < MAX_MENTIONS_PER_PERSON) person.mentions.push(mention);
  }
  for (const relation of worksFor) {
    const person = people.get(relation.address);
    if (person) person.worksFor = { address: relation.forAddress, evidence: relation.evidence };
  }
  return people;
}

/** Everyone a thread's rows and messages in these batches show, by thread key. */
function participantsByThread(batches: readonly IngestBatch[]): Map<string, Participant[]> {
  const byThread = new Map<string, Participant[]>();
  const add = (key: string, people: readonly Participant[]) => byThread.set(key, [...(byThread.get(key) ?? []), ...people]);
  for (const batch of batches) {
    for (const row of batch.threads) add(row.threadKey, row.participants);
    for (const message of batch.messages) add(message.threadKey, [message.from, ...message.to, ...message.cc]);
  }
  return byThread;
}

/** Whether the user wrote a message: one of her addresses, or the name webmail shows for her. */
function writtenByUser(message: MessageObservation, own: ReadonlySet<string>): boolean {
  return message.from.address ? own.has(message.from.address) : isOwnerPlaceholderName(message.from.name);
}

/**
 * What the batches' text says of people's roles (lib/classify/mentions.ts): the salutation of the
 * user's own mail, a "namens" line in anyone else's, each thread's subject once.
 */
function mentionsIn(
  batches: readonly IngestBatch[],
  own: ReadonlySet<string>,
): { roles: RoleMention[]; worksFor: WorksForMention[] } {
  const participants = participantsByThread(batches);
  const found = { roles: [] as RoleMention[], worksFor: [] as WorksForMention[] };
  const subjectsRead = new Set<string>();
  const readSubject = (threadKey: string, subject: string) => {
    const key = `${threadKey}\n${subject}`;
    if (subjectsRead.has(key)) return;
    subjectsRead.add(key);
    found.roles.push(...subjectMentions(subject, participants.get(threadKey) ?? [], own));
  };
  for (const batch of batches) {
    for (const row of batch.threads) readSubject(row.threadKey, row.subject);
    for (const message of batch.messages) {
      readSubject(message.threadKey, message.subject);
      if (writtenByUser(message, own)) {
        found.roles.push(...salutationMentions(message, own));
        continue;
      }
      const namens = namensMentions(message, participants.get(message.threadKey) ?? [], own);
      found.roles.push(...namens.roles);
      found.worksFor.push(...namens.worksFor);
    }
  }
  return found;
}

/** The addresses seen, in the order first seen, without collecting anything else. */
export function addressesSeen(batches: readonly IngestBatch[]): string[] {
  const addresses = new Set<string>();
  forEachSighting(batches, (participant) => {
    if (participant.address) addresses.add(participant.address);
  });
  return [...addresses];
}

/** The user's own addresses the batches name (the account each page is signed in with), with their host. */
export function accountsSeen(batches: readonly IngestBatch[]): Map<string, IngestBatch['host']> {
  const accounts = new Map<string, IngestBatch['host']>();
  for (const batch of batches) if (batch.account) accounts.set(batch.account, batch.host);
  return accounts;
}

export interface MessageSeen {
  message: ImportedMessageObservation;
  host: IngestBatch['host'];
}

/** Each message seen once, by key, in the order first seen; a later sighting replaces an earlier. */
export function messagesSeen(batches: readonly IngestBatch[]): Map<string, MessageSeen> {
  const seen = new Map<string, MessageSeen>();
  for (const batch of batches) for (const message of batch.messages) seen.set(message.messageKey, { message, host: batch.host });
  return seen;
}

/** The threads the batches name, by list row or by message, each once, in the order first named. */
export function threadKeysOf(batches: readonly IngestBatch[]): string[] {
  const keys = new Set<string>();
  for (const batch of batches) {
    for (const row of batch.threads) keys.add(row.threadKey);
    for (const message of batch.messages) keys.add(message.threadKey);
  }
  return [...keys];
}
