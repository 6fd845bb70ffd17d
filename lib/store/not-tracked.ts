/**
 * The not-tracked list: the people the user asked to forget, kept only as salted SHA-256 hashes of
 * their addresses and mailboxes (one mailbox, several spellings: lib/vocabulary/address.ts), so
 * the readers do not bring them back while the store holds nothing that says who they were.
 *
 * The salt is random, made when the first entry is added, and kept with each entry (entries from
 * another installation's backup keep theirs and keep working). The ingest planner drops every
 * participant on the list (`withoutNotTracked`); the user removes an entry by typing the address
 * again (`hashesOf` finds it), or clears the list.
 *
 * Pure and free of zod: the data page checks an address against the list too.
 */
import type { MessageObservation, Participant } from '../messaging/observations';
import type { IngestBatch } from './ingest/observed';
import { sha256Hex } from '../sha256';
import { mailboxOf } from '../vocabulary/address';
import { personMatcher, personOf, REDACTED } from './forget/person';
import type { NotTracked } from './schemas';

export const SALT_BYTES = 16;

export function newSalt(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A bounded memo: ingest sees the same addresses again and again. */
const HASH_MEMO_LIMIT = 20_000;
const hashMemo = new Map<string, string>();

export function notTrackedHash(salt: string, value: string): string {
  const key = `${salt}:${value}`;
  let hash = hashMemo.get(key);
  if (hash === undefined) {
    hash = sha256Hex(key);
    if (hashMemo.size >= HASH_MEMO_LIMIT) hashMemo.clear();
    hashMemo.set(key, hash);
  }
  return hash;
}

/** What is hashed of an address: the address itself and its mailbox (so another spelling is found too). */
function valuesOf(address: string): string[] {
  const normalised = address.trim().toLowerCase();
  const mailbox = mailboxOf(normalised);
  return mailbox === normalised ? [normalised] : [normalised, mailbox];
}

/** The salt new entries get: the newest entry's, or a new one for an empty list. */
export function saltFor(entries: readonly NotTracked[]): string {
  const newest = entries.reduce<NotTracked | null>(
    (best, entry) => (best === null || entry.addedAt > best.addedAt ? entry : best),
    null,
  );
  return newest?.salt ?? newSalt();
}

/** The entries that put these addresses on the list (those already on it are not repeated). */
export function entriesFor(addresses: readonly string[], existing: readonly NotTracked[], now: number): NotTracked[] {
  const salt = saltFor(existing);
  const known = new Set(existing.map((entry) => entry.hash));
  const entries = new Map<string, NotTracked>();
  for (const address of addresses) {
    for (const value of valuesOf(address)) {
      const hash = notTrackedHash(salt, value);
      if (!known.has(hash)) entries.set(hash, { hash, salt, addedAt: now });
    }
  }
  return [...entries.values()];
}

/** The hashes of the list that an address (typed by the user) is: to remove it from the list. */
export function hashesOf(address: string, entries: readonly NotTracked[]): string[] {
  const onList = new Set(entries.map((entry) => entry.hash));
  const salts = new Set(entries.map((entry) => entry.salt));
  return [...salts]
    .flatMap((salt) => valuesOf(address).map((value) => notTrackedHash(salt, value)))
    .filter((hash) => onList.has(hash));
}

/** Whether an address is on the list; one hash per salt and spelling, remembered. */
export function notTrackedCheck(entries: readonly NotTracked[]): (address: string | null) => boolean {
  const hashes = new Set(entries.map((entry) => entry.hash));
  const salts = [...new Set(entries.map((entry) => entry.salt))];
  const answers = new Map<string, boolean>();
  return (address) => {
    if (!address || hashes.size === 0) return false;
    let answer = answers.get(address);
    if (answer === undefined) {
      answer = salts.some((salt) => valuesOf(address).some((value) => hashes.has(notTrackedHash(salt, value))));
      answers.set(address, answer);
    }
    return answer;
  };
}

/** An address written in text (a signature, a quoted header): checked against the list by hash. */
const ADDRESS_IN_TEXT = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;

/**
 * Their names and addresses in the text of the batches: the names the batches show for them
 * (their own mail names them), and any address in text that is on the list.
 */
function textRedactor(
  batches: readonly IngestBatch[],
  isNotTracked: (address: string | null) => boolean,
): (text: string) => string {
  const names: string[] = [];
  const addresses: string[] = [];
  forEachParticipant(batches, (participant) => {
    if (!isNotTracked(participant.address)) return;
    addresses.push(participant.address!);
    names.push(participant.name);
  });
  const match = personMatcher(personOf({ addresses, names }));
  return (text) => match.redact(text).replace(ADDRESS_IN_TEXT, (found) => (isNotTracked(found.toLowerCase()) ? REDACTED : found));
}

function forEachParticipant(batches: readonly IngestBatch[], see: (participant: Participant) => void): void {
  for (const batch of batches) {
    for (const row of batch.threads) row.participants.forEach(see);
    for (const message of batch.messages) [message.from, ...message.to, ...message.cc].forEach(see);
  }
}

function withoutThem<M extends MessageObservation>(
  message: M,
  isNotTracked: (address: string | null) => boolean,
  redact: (text: string) => string,
): M {
  return {
    ...message,
    to: message.to.filter((participant) => !isNotTracked(participant.address)),
    cc: message.cc.filter((participant) => !isNotTracked(participant.address)),
    subject: redact(message.subject),
    excerpt: redact(message.excerpt),
    signature: message.signature === null ? null : redact(message.signature),
  };
}

/**
 * The batches without the people on the list: a message from one of them (or to them alone) is dropped, they are
 * taken out of every other message's recipients, their names and addresses out of its text (the
 * names the batches show for them; a name in a batch that does not show them cannot be known), and
 * a list row that shows one of them is dropped (its subject and snippet may be theirs; the
 * messages of the conversation, read when it is opened, still describe it without them). The
 * same batches when nobody is on the list.
 */
export function withoutNotTracked<B extends IngestBatch>(batches: readonly B[], entries: readonly NotTracked[]): readonly B[] {
  if (entries.length === 0) return batches;
  const isNotTracked = notTrackedCheck(entries);
  const redact = textRedactor(batches, isNotTracked);
  return batches.map((batch) => ({
    ...batch,
    threads: batch.threads.filter((row) => !row.participants.some((participant) => isNotTracked(participant.address))),
    messages: batch.messages.flatMap((message) => {
      if (isNotTracked(message.from.address)) return [];
      const kept = withoutThem(message, isNotTracked, redact);
      // a mail to them alone is theirs too
      const toThemAlone = message.to.length + message.cc.length > 0 && kept.to.length + kept.cc.length === 0;
      return toThemAlone ? [] : [kept];
    }),
  }));
}
