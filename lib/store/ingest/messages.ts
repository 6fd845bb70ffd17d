/**
 * Planning, messages: each message seen merged with what is stored (a collapsed view knows less
 * than an expanded one), its direction from the user's own addresses, linked to the stakeholders
 * involved; and the provisional Gmail records a final one replaces. Pure.
 */
import { detectAutoReply, detectAutoReplyWithHeaders, type AutoReplyResult } from '../../latency/auto-reply';
import type { ImportedMessageObservation, MessageObservation, Participant } from '../../messaging/observations';
import type { Message } from '../schemas';
import { isOwnerPlaceholderName } from '../../vocabulary/owner-names';
import { isPlaceholderName, messagesSeen, type IngestBatch, type MessageSeen } from './observed';

export const PROVISIONAL_GMAIL_PREFIX = 'gmail:msg-a:';
const FINAL_GMAIL_PREFIX = 'gmail:msg-f:';

export function isFinalGmailMessageKey(key: string): boolean {
  return key.startsWith(FINAL_GMAIL_PREFIX);
}

/** The most stakeholders a message links (MessageSchema): as many as it may have recipients. */
const MESSAGE_CONTACTS_MAX = 400;

/** How far apart the provisional and the final time of one sent message may be. */
const PROVISIONAL_MATCH_MS = 2 * 60_000;

function messageDirection(message: MessageObservation, own: ReadonlySet<string>): 'in' | 'out' {
  const from = message.from;
  if (from.address) return own.has(from.address) ? 'out' : 'in';
  return isOwnerPlaceholderName(from.name) ? 'out' : 'in';
}

/** The stakeholder contacts among these participants, each once. */
export function stakeholderIdsAmong(participants: readonly Participant[], stakeholderOf: ReadonlyMap<string, string>): string[] {
  const ids = new Set<string>();
  for (const participant of participants) {
    const id = participant.address ? stakeholderOf.get(participant.address) : undefined;
    if (id) ids.add(id);
  }
  return [...ids];
}

function messageRecord(
  { message, host }: MessageSeen,
  previous: Message | undefined,
  own: ReadonlySet<string>,
  stakeholderOf: ReadonlyMap<string, string>,
  now: number,
): Message {
  const direction = messageDirection(message, own);
  const recipients = [...message.to, ...message.cc];
  const toAddresses = new Set(previous?.toAddresses ?? []);
  for (const recipient of recipients) if (recipient.address) toAddresses.add(recipient.address);
  const involved = stakeholderIdsAmong(direction === 'in' ? [message.from] : recipients, stakeholderOf);
  return {
    id: message.messageKey,
    threadId: message.threadKey,
    host,
    idSource: message.idSource,
    direction,
    fromAddress: message.from.address ?? previous?.fromAddress ?? null,
    fromName: isPlaceholderName(message.from.name, message.from.address) ? (previous?.fromName ?? message.from.name) : message.from.name,
    toAddresses: [...toAddresses].slice(0, 400),
    contactIds: [...new Set([...(previous?.contactIds ?? []), ...involved])].slice(0, MESSAGE_CONTACTS_MAX),
    at: message.at ?? previous?.at ?? null,
    atRaw: message.atRaw ?? previous?.atRaw ?? null,
    subject: message.subject || previous?.subject || '',
    excerpt: message.excerpt.length >= (previous?.excerpt.length ?? 0) ? message.excerpt : previous!.excerpt,
    ...autoReplyFields(message, direction, previous, now),
    updatedAt: now,
  };
}

/**
 * Whether the message is an out-of-office, and until when. Only what they send can be one; the
 * user's own mail never is one for us. An imported message's headers decide (exactly, see
 * detectAutoReplyWithHeaders), and once they have, a reader's reading of the text changes nothing;
 * otherwise one sighting that reads as an automatic reply is enough.
 */
function autoReplyFields(
  message: ImportedMessageObservation,
  direction: 'in' | 'out',
  previous: Message | undefined,
  now: number,
): Pick<Message, 'isAutoReply' | 'autoReplyUntil' | 'autoReplyFromHeaders'> {
  const fromHeaders = message.mail !== undefined;
  const input = { subject: message.subject, excerpt: message.excerpt };
  const options = { now: message.at ?? now };
  let verdict: AutoReplyResult | null = null;
  if (direction === 'in') verdict = fromHeaders ? detectAutoReplyWithHeaders(input, message.mail!.autoSubmitted, options) : detectAutoReply(input, options);
  if (fromHeaders) return { isAutoReply: verdict?.isAutoReply ?? false, autoReplyUntil: verdict?.until ?? null, autoReplyFromHeaders: true };
  if (previous?.autoReplyFromHeaders) {
    return { isAutoReply: previous.isAutoReply ?? false, autoReplyUntil: previous.autoReplyUntil ?? null, autoReplyFromHeaders: true };
  }
  return {
    isAutoReply: (verdict?.isAutoReply ?? false) || (previous?.isAutoReply ?? false),
    autoReplyUntil: verdict?.until ?? previous?.autoReplyUntil ?? null,
  };
}

export function planMessages(
  batches: readonly IngestBatch[],
  stored: ReadonlyMap<string, Message>,
  own: ReadonlySet<string>,
  stakeholderOf: ReadonlyMap<string, string>,
  now: number,
): Message[] {
  return [...messagesSeen(batches)].map(([key, seen]) => messageRecord(seen, stored.get(key), own, stakeholderOf, now));
}

/**
 * A reply just sent from a Gmail tab carries a provisional id (`#msg-a:r…`) until the page
 * reloads and shows its real one (`#msg-f:…`). When the real one arrives, the provisional record
 * of the same sender, thread and time is the same message: it goes, so nothing is counted twice.
 */
export function provisionalMessagesReplacedBy(candidates: readonly Message[], incoming: readonly Message[]): string[] {
  const finals = incoming.filter((message) => isFinalGmailMessageKey(message.id) && message.at != null);
  if (finals.length === 0) return [];
  return candidates
    .filter((provisional) =>
      finals.some(
        (final) =>
          final.threadId === provisional.threadId &&
          final.fromAddress === provisional.fromAddress &&
          (provisional.at == null || Math.abs(final.at! - provisional.at) <= PROVISIONAL_MATCH_MS),
      ),
    )
    .map((provisional) => provisional.id);
}
