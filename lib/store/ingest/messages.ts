/**
 * Planning, messages: each message seen merged with what is stored (a collapsed view knows less
 * than an expanded one), its direction from the user's own addresses, linked to the stakeholders
 * involved; and the provisional Gmail records a final one replaces. Pure.
 *
 * The stored record of a message is found by its key, by an alias (another reader's key for the
 * same mail), or as the same mail seen by another source (same-mail.ts): one mail, one record,
 * keeping its first key, thread and host, with the other keys as aliases.
 *
 * An outgoing message whose recipients the page does not show (a collapsed message, Gmail's and
 * Outlook's alike) is linked to the thread's counterparts (counterparts.ts), marked
 * `recipientsSeen: false`; once it is seen with its recipients, they replace the inference. Its
 * intent (lib/classify/intent.ts) is read from the longest text seen, whole only once expanded.
 */
import { classifyIntent } from '../../classify/intent';
import { detectAutoReply, detectAutoReplyWithHeaders, type AutoReplyResult } from '../../latency/auto-reply';
import type { ImportedMessageObservation, MessageObservation, Participant } from '../../messaging/observations';
import type { Message } from '../schemas';
import { endsLikeASentence } from '../../vocabulary/mail-text';
import { isOwnerPlaceholderName } from '../../vocabulary/owner-names';
import { isPlaceholderName, messagesSeen, type IngestBatch, type MessageSeen } from './observed';
import { matchKeyOf, sameMailAmong } from './same-mail';

export const PROVISIONAL_GMAIL_PREFIX = 'gmail:msg-a:';
const FINAL_GMAIL_PREFIX = 'gmail:msg-f:';

export function isFinalGmailMessageKey(key: string): boolean {
  return key.startsWith(FINAL_GMAIL_PREFIX);
}

/** The most stakeholders a message links (MessageSchema): as many as it may have recipients. */
const MESSAGE_CONTACTS_MAX = 400;

/** How far apart the provisional and the final time of one sent message may be. */
const PROVISIONAL_MATCH_MS = 2 * 60_000;

export function messageDirection(message: MessageObservation, own: ReadonlySet<string>): 'in' | 'out' {
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

/**
 * The readers keep the first EXCERPT_CHARS (lib/readers/signature.ts: 500) characters of a body:
 * an excerpt that long may stop before the question.
 */
const READER_EXCERPT_CHARS = 500;

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Whether a stored outgoing message's recipients were ever shown (records from before v10: when it has any). */
function recipientsSeenBefore(previous: Message | undefined): boolean {
  return previous !== undefined && (previous.recipientsSeen ?? previous.toAddresses.length > 0);
}

/**
 * The stakeholders a message involves: the sender of an incoming one; the recipients an outgoing
 * one shows, else (recipients not shown) those seen before, else the thread's counterparts.
 */
function contactsOf(
  message: MessageObservation,
  direction: 'in' | 'out',
  previous: Message | undefined,
  stakeholderOf: ReadonlyMap<string, string>,
  counterparts: readonly string[],
): { contactIds: string[]; recipientsSeen?: boolean } {
  if (direction === 'in')
    return { contactIds: union(previous?.contactIds ?? [], stakeholderIdsAmong([message.from], stakeholderOf)) };
  const recipients = [...message.to, ...message.cc];
  const seenBefore = recipientsSeenBefore(previous);
  if (recipients.length > 0) {
    // the real recipients replace an inference; what an earlier look showed stays
    return {
      contactIds: union(seenBefore ? previous!.contactIds : [], stakeholderIdsAmong(recipients, stakeholderOf)),
      recipientsSeen: true,
    };
  }
  if (seenBefore) return { contactIds: previous!.contactIds, recipientsSeen: true };
  return { contactIds: union(previous?.contactIds ?? [], counterparts), recipientsSeen: false };
}

function intentOf(excerpt: string, bodySeen: boolean): NonNullable<Message['intent']> {
  const complete = bodySeen && (excerpt.length < READER_EXCERPT_CHARS || endsLikeASentence(excerpt));
  const { intent, evidence } = classifyIntent(excerpt, { complete });
  return { value: intent, evidence };
}

function messageRecord(
  key: string,
  { message, host }: MessageSeen,
  previous: Message | undefined,
  own: ReadonlySet<string>,
  stakeholderOf: ReadonlyMap<string, string>,
  counterparts: readonly string[],
  now: number,
): Message {
  const direction = messageDirection(message, own);
  const recipients = [...message.to, ...message.cc];
  const toAddresses = new Set(previous?.toAddresses ?? []);
  for (const recipient of recipients) if (recipient.address) toAddresses.add(recipient.address);
  const { contactIds, recipientsSeen } = contactsOf(message, direction, previous, stakeholderOf, counterparts);
  const excerpt = message.excerpt.length >= (previous?.excerpt.length ?? 0) ? message.excerpt : previous!.excerpt;
  const bodySeen = message.expanded || previous?.bodySeen === true;
  const record: Message = {
    // a mail found under another key (another reader's) keeps its record: the first key, thread, host
    id: previous?.id ?? key,
    threadId: previous?.threadId ?? message.threadKey,
    host: previous?.host ?? host,
    idSource: previous?.idSource ?? message.idSource,
    direction,
    fromAddress: message.from.address ?? previous?.fromAddress ?? null,
    fromName: isPlaceholderName(message.from.name, message.from.address)
      ? (previous?.fromName ?? message.from.name)
      : message.from.name,
    toAddresses: [...toAddresses].slice(0, 400),
    contactIds: contactIds.slice(0, MESSAGE_CONTACTS_MAX),
    at: message.at ?? previous?.at ?? null,
    atRaw: message.atRaw ?? previous?.atRaw ?? null,
    subject: message.subject || previous?.subject || '',
    excerpt,
    ...autoReplyFields(message, direction, previous, now),
    updatedAt: now,
  };
  if (direction === 'out') Object.assign(record, { intent: intentOf(excerpt, bodySeen), recipientsSeen });
  if (bodySeen) record.bodySeen = true;
  const aliases = previous && previous.id !== key ? union(previous.aliases ?? [], [key]) : previous?.aliases;
  if (aliases?.length) record.aliases = aliases.slice(0, 10);
  const matchKey = matchKeyOf(record);
  if (matchKey !== undefined) record.matchKey = matchKey;
  return record;
}

/** What the store holds that a message seen may be: by key, by alias, or another source's copy. */
export interface StoredMessages {
  byId: ReadonlyMap<string, Message>;
  byAlias?: ReadonlyMap<string, Message>;
  /** records whose match key is near a seen message's (same-mail.ts) */
  candidates?: readonly Message[];
}

/** A planned record and the threads the pages showed it in (another reader's copy keeps its own thread). */
export interface PlannedMessage {
  record: Message;
  /** the thread of the latest sighting */
  threadKey: string;
  /** every thread (and host) this ingest saw it in: each thread's draft learns of it */
  seenIn: Array<{ threadKey: string; host: MessageSeen['host'] }>;
  /** the stored record it updates, if any (its contacts may lose this message) */
  stored: Message | undefined;
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
  if (direction === 'in')
    verdict = fromHeaders
      ? detectAutoReplyWithHeaders(input, message.mail!.autoSubmitted, options)
      : detectAutoReply(input, options);
  if (fromHeaders)
    return { isAutoReply: verdict?.isAutoReply ?? false, autoReplyUntil: verdict?.until ?? null, autoReplyFromHeaders: true };
  if (previous?.autoReplyFromHeaders) {
    return {
      isAutoReply: previous.isAutoReply ?? false,
      autoReplyUntil: previous.autoReplyUntil ?? null,
      autoReplyFromHeaders: true,
    };
  }
  return {
    isAutoReply: (verdict?.isAutoReply ?? false) || (previous?.isAutoReply ?? false),
    autoReplyUntil: verdict?.until ?? previous?.autoReplyUntil ?? null,
  };
}

export function planMessages(
  batches: readonly IngestBatch[],
  stored: StoredMessages,
  own: ReadonlySet<string>,
  stakeholderOf: ReadonlyMap<string, string>,
  now: number,
  counterpartsOf: (threadKey: string) => readonly string[] = () => [],
): PlannedMessage[] {
  const planned = new Map<string, PlannedMessage>();
  // this ingest's own records are candidates too: two readers' batches may arrive together
  const candidates = [...(stored.candidates ?? [])];
  for (const [key, seen] of messagesSeen(batches)) {
    const { message } = seen;
    const found = stored.byId.get(key) ?? stored.byAlias?.get(key);
    const fields = {
      ...{ direction: messageDirection(message, own), fromAddress: message.from.address, fromName: message.from.name },
      ...{ at: message.at, subject: message.subject, threadKey: message.threadKey },
      toAddresses: [...message.to, ...message.cc].flatMap((recipient) => (recipient.address ? [recipient.address] : [])),
    };
    const same = found ?? sameMailAmong(key, fields, candidates);
    // planned earlier in this ingest (under another key): that plan is the latest state
    const earlier = same ? planned.get(same.id) : undefined;
    const record = messageRecord(key, seen, earlier?.record ?? same, own, stakeholderOf, counterpartsOf(message.threadKey), now);
    const seenIn = [...(earlier?.seenIn ?? []), { threadKey: message.threadKey, host: seen.host }];
    planned.set(record.id, { record, threadKey: message.threadKey, seenIn, stored: earlier ? earlier.stored : same });
    candidates.push(record);
  }
  return [...planned.values()];
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
