/**
 * Planning, threads: list rows and opened conversations both describe a thread. A draft per
 * thread collects what the batches show; merged with what is stored it becomes the thread, with
 * its municipality recomputed from its contacts and its text. Pure.
 */
import { classifyThreadMunicipality } from '../../classify';
import { boundedEvidence } from '../limits';
import type { Contact, Message, Tag, Thread } from '../schemas';
import { tagId } from '../tags';
import { maxTime, minTime } from '../times';
import { stakeholderIdsAmong } from './messages';
import { threadKeysOf, type IngestBatch } from './observed';

interface ThreadDraft extends Omit<Thread, 'municipalityCode' | 'updatedAt'> {
  /** a list row gave the subject: a message's "Re: ..." never takes it back */
  namedByRow: boolean;
}

function emptyDraft(id: string, host: IngestBatch['host'], idSource: Thread['idSource']): ThreadDraft {
  return {
    ...{ id, host, idSource, subject: '', snippet: '', contactIds: [], namedByRow: false },
    ...{ firstMessageAt: null, lastMessageAt: null, lastMessageAtRaw: null, messageCount: null },
  };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function addRow(draft: ThreadDraft, row: IngestBatch['threads'][number], stakeholderOf: ReadonlyMap<string, string>): void {
  // A list row names the thread as the app does; a message's subject ("Re: ...", "RE: ...")
  // only names a thread that has no row yet. So the two never take turns at the subject.
  if (row.subject) draft.namedByRow = true;
  draft.subject = row.subject || draft.subject;
  draft.snippet = row.snippet || draft.snippet;
  draft.contactIds = union(draft.contactIds, stakeholderIdsAmong(row.participants, stakeholderOf));
  if (row.at != null && (draft.lastMessageAt == null || row.at >= draft.lastMessageAt)) {
    draft.lastMessageAt = row.at;
    draft.lastMessageAtRaw = row.atRaw;
  } else if (draft.lastMessageAt == null) {
    draft.lastMessageAtRaw = row.atRaw ?? draft.lastMessageAtRaw;
  }
  draft.messageCount = Math.max(draft.messageCount ?? 0, row.messageCount ?? 0) || null;
}

function addMessage(draft: ThreadDraft, message: Message): void {
  draft.subject ||= message.subject;
  draft.contactIds = union(draft.contactIds, message.contactIds);
  draft.firstMessageAt = minTime(draft.firstMessageAt, message.at);
  if (message.at != null && (draft.lastMessageAt == null || message.at > draft.lastMessageAt)) {
    draft.lastMessageAt = message.at;
    draft.lastMessageAtRaw = message.atRaw;
  }
}

/** What the batches show of each thread: the rows first, then the planned messages. */
export function draftThreads(
  batches: readonly IngestBatch[],
  messages: readonly Message[],
  stakeholderOf: ReadonlyMap<string, string>,
): Map<string, ThreadDraft> {
  const drafts = new Map<string, ThreadDraft>();
  const draftFor = (key: string, host: IngestBatch['host'], idSource: Thread['idSource']) => {
    if (!drafts.has(key)) drafts.set(key, emptyDraft(key, host, idSource));
    return drafts.get(key)!;
  };
  for (const batch of batches)
    for (const row of batch.threads) addRow(draftFor(row.threadKey, batch.host, row.idSource), row, stakeholderOf);
  for (const message of messages) addMessage(draftFor(message.threadId, message.host, message.idSource), message);
  return drafts;
}

function threadRecord(
  draft: ThreadDraft,
  previous: Thread | undefined,
  correction: Tag | undefined,
  municipalityOfContact: ReadonlyMap<string, string | null>,
  now: number,
): Thread {
  const contactIds = union(previous?.contactIds ?? [], draft.contactIds).slice(0, 200);
  const subject = (draft.namedByRow ? draft.subject : previous?.subject || draft.subject) || '';
  const snippet = draft.snippet || previous?.snippet || '';
  const lastMessageAt = maxTime(previous?.lastMessageAt, draft.lastMessageAt);
  const ruleResult = classifyThreadMunicipality({
    subject,
    snippet,
    contactMunicipalities: contactIds.map((id) => municipalityOfContact.get(id) ?? null),
  });
  // A thread's municipality follows from its contacts and its text, recomputed from all of
  // them each time: kept on the thread with its evidence (no separate tag record to write).
  return {
    id: draft.id,
    host: draft.host,
    idSource: previous?.idSource === 'app' ? 'app' : draft.idSource,
    subject,
    snippet,
    contactIds,
    municipalityCode: correction ? correction.value : (ruleResult?.value ?? null),
    municipalityEvidence: boundedEvidence((correction ?? ruleResult)?.evidence ?? []),
    firstMessageAt: minTime(previous?.firstMessageAt, draft.firstMessageAt),
    lastMessageAt,
    lastMessageAtRaw:
      lastMessageAt === draft.lastMessageAt && draft.lastMessageAtRaw
        ? draft.lastMessageAtRaw
        : (previous?.lastMessageAtRaw ?? draft.lastMessageAtRaw),
    messageCount: Math.max(previous?.messageCount ?? 0, draft.messageCount ?? 0) || null,
    updatedAt: now,
  };
}

/** The municipality of every contact a thread may name: stored ones, overridden by this ingest's. */
export function municipalitiesOf(threadContacts: Iterable<Contact>, planned: Iterable<Contact>): Map<string, string | null> {
  const municipalities = new Map<string, string | null>();
  for (const contact of threadContacts) municipalities.set(contact.id, contact.municipalityCode);
  for (const contact of planned) municipalities.set(contact.id, contact.municipalityCode);
  return municipalities;
}

export function planThreads(
  batches: readonly IngestBatch[],
  messages: readonly Message[],
  stored: ReadonlyMap<string, Thread>,
  corrections: ReadonlyMap<string, Tag>,
  stakeholderOf: ReadonlyMap<string, string>,
  municipalityOfContact: ReadonlyMap<string, string | null>,
  now: number,
): Thread[] {
  const drafts = draftThreads(batches, messages, stakeholderOf);
  return threadKeysOf(batches).map((key) =>
    threadRecord(
      drafts.get(key)!,
      stored.get(key),
      corrections.get(tagId('user', 'thread', key, 'municipality')),
      municipalityOfContact,
      now,
    ),
  );
}
