/**
 * Ingest, step 1 (with context.ts): what the store holds about the batches' mail beyond its own
 * keys. Records another reader stored for the same mail, found by alias (a key seen before) or by
 * match key (same-mail.ts: sender, minute, subject; the batch's own minute and the neighbouring
 * ones, for either direction, as the owner is only known once the accounts are read), and the
 * meetings agreed in the batches' threads. Read in the first round, beside context.ts's reads (never
 * remembered by record-memory.ts: read every time).
 */
import type { IngestBatch } from './observed';
import type { GemeenteradarDb } from '../db';
import type { Meeting, Message } from '../schemas';
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

/** The match keys a stored copy of the batches' messages may carry. */
export function matchKeysOfBatches(batches: readonly IngestBatch[]): string[] {
  const keys = new Set<string>();
  for (const { message } of messagesSeen(batches).values()) {
    const fields = { fromAddress: message.from.address, fromName: message.from.name, at: message.at, subject: message.subject };
    for (const direction of ['in', 'out'] as const) for (const key of matchKeysAround({ ...fields, direction })) keys.add(key);
  }
  return [...keys];
}

/** The stored records of the batches' mail beyond its own keys; ingest checks them (repair.ts) before the planner sees them. */
export async function readMailRecords(
  db: GemeenteradarDb,
  batches: readonly IngestBatch[],
  { messageKeys, threadKeys }: { messageKeys: readonly string[]; threadKeys: readonly string[] },
): Promise<Required<MailContextRecords>> {
  if (messageKeys.length === 0) return { aliasMessages: [], matchCandidates: [], meetings: [] };
  const matchKeys = matchKeysOfBatches(batches);
  const [aliasMessages, matchCandidates, meetings] = await Promise.all([
    db.messages
      .where('aliases')
      .anyOf([...messageKeys])
      .toArray(),
    matchKeys.length ? db.messages.where('matchKey').anyOf(matchKeys).toArray() : [],
    db.meetings
      .where('threadId')
      .anyOf([...threadKeys])
      .toArray(),
  ]);
  return { aliasMessages, matchCandidates, meetings };
}
