/**
 * One mail, one record: the same message seen by two readers (Gmail and Outlook for a user with
 * both), and later by an import, carries a different key in each. It is the same mail when the
 * sender (the user, or the same mailbox), the time (within MATCH_WINDOW_MS) and the subject
 * (subjectTopic: without "Re:"/"Antw:" prefixes) agree. Each message stores its `matchKey` (sender,
 * minute, topic), indexed; a new message's own minute and the neighbouring ones are looked up, and
 * a candidate within the window is the same mail. Pure.
 *
 * Never merged: two messages of the same source (one reader shows two mails of one sender in the
 * same minute with the same subject: they are two mails), nor a candidate that already carries a
 * key of the new message's source (it is that source's copy of another mail).
 */
import { fnv1a } from '../../fnv1a';
import { mailboxOf } from '../../vocabulary/address';
import { subjectTopic } from '../../vocabulary/subjects';
import { normaliseName } from '../../vocabulary/text-folding';
import type { Message } from '../schemas';

/** Times a reader shows to the minute; an import knows the second: one minute apart at most. */
export const MATCH_WINDOW_MS = 60_000;
const MINUTE_MS = 60_000;

type MatchFields = Pick<Message, 'direction' | 'fromAddress' | 'fromName' | 'at' | 'subject'>;

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

/**
 * The stored record that is this same mail seen by another source, or undefined. `candidates`
 * are records found by matchKeysAround; the closest in time wins.
 */
export function sameMailAmong(key: string, message: MatchFields, candidates: readonly Message[]): Message | undefined {
  if (message.at === null) return undefined;
  const source = sourceOfKey(key);
  const wanted = new Set(matchKeysAround(message));
  let best: Message | undefined;
  for (const candidate of candidates) {
    if (candidate.id === key || candidate.at === null || candidate.matchKey === undefined || !wanted.has(candidate.matchKey)) continue;
    if (Math.abs(candidate.at - message.at) > MATCH_WINDOW_MS) continue;
    const sources = [candidate.id, ...(candidate.aliases ?? [])].map(sourceOfKey);
    if (sources.includes(source)) continue;
    if (!best || Math.abs(candidate.at - message.at) < Math.abs((best.at as number) - message.at)) best = candidate;
  }
  return best;
}
