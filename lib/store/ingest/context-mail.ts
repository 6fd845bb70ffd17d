/**
 * Ingest, step 1 (with context.ts): what the store holds about the batches' mail beyond its own
 * keys. Records another reader stored for the same mail, found by alias (a key seen before, read
 * in the first round) or by match key (same-mail.ts: sender, minute, subject; the message's own
 * minute and the neighbouring ones, read in the second round, once the messages found by key or
 * alias and the own addresses are known), and the meetings agreed in the batches' threads (first
 * round). Never remembered by record-memory.ts: read every time.
 */
import type { IngestBatch } from './observed';
import type { GemeenteradarDb } from '../db';
import type { Meeting, Message } from '../schemas';
import { messageDirection } from './messages';
import { messagesSeen } from './observed';
import { matchKeysAround } from './same-mail';

export interface MailContext {
  /** stored messages by each of their aliases */
  messagesByAlias: ReadonlyMap<string, Message>;
  /** stored messages whose match key is near one of the batches' messages */
  matchCandidates: readonly Message[];
  /** stored meetings of the batches' threads, by id */
  meetings: ReadonlyMap<string, Meeting>;
}

export interface MailContextRecords {
  aliasMessages?: readonly Message[];
  matchCandidates?: readonly Message[];
  meetings?: readonly Meeting[];
}

export function mailContextOf(records: MailContextRecords): MailContext {
  const messagesByAlias = new Map<string, Message>();
  for (const message of records.aliasMessages ?? [])
    for (const alias of message.aliases ?? []) messagesByAlias.set(alias, message);
  return {
    messagesByAlias,
    matchCandidates: records.matchCandidates ?? [],
    meetings: new Map((records.meetings ?? []).map((meeting) => [meeting.id, meeting])),
  };
}

/**
 * The match keys a stored copy of these messages may carry (matchKeysAround), per message: only
 * for the messages not found by their key or an alias (the planner looks for the same mail only
 * for those, same-mail.ts), and only in the direction the planner will give them (the own
 * addresses are known by now).
 */
export function matchKeysToLookUp(
  batches: readonly IngestBatch[],
  found: (key: string) => boolean,
  own: ReadonlySet<string>,
): string[][] {
  const perMessage: string[][] = [];
  for (const [key, { message }] of messagesSeen(batches)) {
    if (found(key)) continue;
    const direction = messageDirection(message, own);
    const fields = {
      direction,
      fromAddress: message.from.address,
      fromName: message.from.name,
      at: message.at,
      subject: message.subject,
    };
    const keys = matchKeysAround(fields);
    if (keys.length > 0) perMessage.push(keys);
  }
  return perMessage;
}

/**
 * The first round's mail reads: stored messages that carry one of these keys as an alias (keys
 * the memory holds as stored under their own id need none: the planner finds them by key), and
 * the meetings of the batches' threads.
 */
export async function readAliasesAndMeetings(
  db: GemeenteradarDb,
  {
    messageKeys,
    aliasKeys,
    threadKeys,
  }: { messageKeys: readonly string[]; aliasKeys: readonly string[]; threadKeys: readonly string[] },
): Promise<{ aliasMessages: Message[]; meetings: Meeting[] }> {
  // no mail in the batches: no meeting agreed in it either
  if (messageKeys.length === 0) return { aliasMessages: [], meetings: [] };
  const [aliasMessages, meetings] = await Promise.all([
    aliasKeys.length
      ? db.messages
          .where('aliases')
          .anyOf([...aliasKeys])
          .toArray()
      : [],
    db.meetings
      .where('threadId')
      .anyOf([...threadKeys])
      .toArray(),
  ]);
  return { aliasMessages, meetings };
}

/**
 * Up to this many messages, each message's keys are read as one range: they differ only in the
 * minute, so they are the ends and the middle of one short stretch of the index (the sender's
 * mail of those three minutes), and the ranges go out at once. A cursor over every key instead
 * seeks key by key, each seek a round trip after the last: 9,101 of them for 100 batches of 100
 * sent one at a time (BENCHMARKS.md). Past this many (a burst, an import) the one cursor is
 * cheaper than a request per message, most of all while the index is still sparse.
 */
const MATCH_RANGES_MAX = 200;

/** The second round's: stored messages whose match key is one of these (see matchKeysToLookUp), and maybe their neighbours. */
export async function readMatchCandidates(db: GemeenteradarDb, perMessage: readonly string[][]): Promise<Message[]> {
  if (perMessage.length === 0) return [];
  if (perMessage.length > MATCH_RANGES_MAX) return db.messages.where('matchKey').anyOf(perMessage.flat()).toArray();
  const found = await Promise.all(
    perMessage.map((keys) => {
      const sorted = [...keys].sort();
      return db.messages.where('matchKey').between(sorted[0]!, sorted.at(-1)!, true, true).toArray();
    }),
  );
  // neighbouring messages' stretches may overlap: each record once
  return [...new Map(found.flat().map((message) => [message.id, message])).values()];
}
