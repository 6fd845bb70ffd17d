/**
 * One mail, one record: the same message seen by two readers (Gmail and Outlook for a user with
 * both), and later by an import, carries a different key in each. It is the same mail when the
 * sender (the user, or the same mailbox), the time (within MATCH_WINDOW_MS) and the subject
 * (subjectTopic: without "Re:"/"Antw:" prefixes) agree. Each message stores its `matchKey` (sender,
 * minute, topic), indexed; a new message's own minute and the neighbouring ones are looked up, and
 * a candidate within the window is the same mail. Pure.
 *
 * Never merged:
 * - two messages one source shows in the same conversation (one sender, one minute, one subject:
 *   two mails), nor, from one source, in two conversations it knows by their own ids (the user
 *   mailed the same invitation to two people, each in a thread of its own). One source does show
 *   one mail under two keys when it knew the conversation once by its id and once only by a key
 *   derived from its subject (Outlook's list renders some 20 rows: a conversation whose row is
 *   scrolled away has no id): a derived thread key on either side allows the match;
 * - two outgoing mails both seen with their recipients, to different recipients.
 */
import { fnv1a } from '../../fnv1a';
import { mailboxOf } from '../../vocabulary/address';
import { MAILBOX_IMPORT_KEY_PREFIX } from '../../vocabulary/record-hosts';
import { subjectTopic } from '../../vocabulary/subjects';
import { normaliseName } from '../../vocabulary/text-folding';
import type { Message } from '../schemas';

/** Times a reader shows to the minute; an import knows the second: one minute apart at most. */
export const MATCH_WINDOW_MS = 60_000;
const MINUTE_MS = 60_000;

type MatchFields = Pick<Message, 'direction' | 'fromAddress' | 'fromName' | 'at' | 'subject'>;

/** What else sameMailAmong knows of the message seen: its conversation and its recipients shown. */
export interface SeenMail extends MatchFields {
  threadKey: string;
  toAddresses: readonly string[];
}

function senderOf(message: Pick<Message, 'direction' | 'fromAddress' | 'fromName'>): string {
  if (message.direction === 'out') return 'me';
  return message.fromAddress ? mailboxOf(message.fromAddress) : `name:${normaliseName(message.fromName)}`;
}

function keyAt(message: MatchFields, minute: number): string {
  return `${senderOf(message)}|${minute}|${fnv1a(subjectTopic(message.subject))}`;
}

/** The message's match key, or undefined without a known time (never matched: a time is not guessed). */
export function matchKeyOf(message: MatchFields): string | undefined {
  return message.at === null ? undefined : keyAt(message, Math.floor(message.at / MINUTE_MS));
}

/** The keys a copy of this message may be stored under: its minute and the ones either side. */
export function matchKeysAround(message: MatchFields): string[] {
  if (message.at === null) return [];
  const minute = Math.floor(message.at / MINUTE_MS);
  return [keyAt(message, minute - 1), keyAt(message, minute), keyAt(message, minute + 1)];
}

/** The source of a key: the reader or import that made it (`gmail`, `outlook`, `mbox`, ...). */
export function sourceOfKey(key: string): string {
  return key.slice(0, Math.max(0, key.indexOf(':')));
}

function isDerivedThreadKey(threadKey: string): boolean {
  return threadKey.includes(':derived:');
}

function sameRecipients(a: readonly string[], b: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return true; // not shown on one side: no evidence either way
  const set = new Set(a);
  return b.length === set.size && b.every((address) => set.has(address));
}

/** Whether a record with a match key near the message's (see matchKeysAround) is the same mail. */
function isSameMail(key: string, message: SeenMail, candidate: Message): boolean {
  if (candidate.id === key || candidate.at === null || message.at === null) return false;
  if (Math.abs(candidate.at - message.at) > MATCH_WINDOW_MS) return false;
  const source = sourceOfKey(key);
  if ([candidate.id, ...(candidate.aliases ?? [])].some((other) => sourceOfKey(other) === source)) {
    // an import keys each mail by its own Message-ID (or by sender, time and subject when it has
    // none): two keys of one import are two mails, whatever their threads
    if (source === MAILBOX_IMPORT_KEY_PREFIX) return false;
    if (candidate.threadId === message.threadKey) return false;
    if (!isDerivedThreadKey(candidate.threadId) && !isDerivedThreadKey(message.threadKey)) return false;
  }
  return message.direction === 'in' || sameRecipients(candidate.toAddresses, message.toAddresses);
}

/**
 * The stored record that is this same mail seen under another key, or undefined. `candidates`
 * are records found by matchKeysAround; the closest in time wins.
 */
export function sameMailAmong(key: string, message: SeenMail, candidates: readonly Message[]): Message | undefined {
  const wanted = new Set(matchKeysAround(message));
  let best: Message | undefined;
  for (const candidate of candidates) {
    if (candidate.matchKey === undefined || !wanted.has(candidate.matchKey) || !isSameMail(key, message, candidate)) continue;
    if (
      !best ||
      Math.abs((candidate.at as number) - (message.at as number)) < Math.abs((best.at as number) - (message.at as number))
    ) {
      best = candidate;
    }
  }
  return best;
}
