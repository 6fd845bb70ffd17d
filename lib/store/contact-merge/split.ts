/**
 * Splitting: read what the merge moved and what arrived since, plan the split (pure), write it.
 * The absorbed contact comes back as it was, with everything the merge moved; what arrived since
 * the merge goes to whichever of the two its addresses say.
 */
import { UnknownContactError } from '../calls';
import type { GemeenteradarDb } from '../db';
import type { Contact, ContactMerge, Message, Note, Tag, Thread } from '../schemas';
import { maxTime } from '../times';
import { restoreTags, ruleTagsAmong } from './tags';
import { reason } from '../../vocabulary/reasons';

export class UnknownMergeError extends Error {
  readonly reason = reason('unknown-merge');
  constructor(readonly mergeId: string) {
    super(`Onbekende samenvoeging: ${mergeId}`);
    this.name = 'UnknownMergeError';
  }
}

export interface SplitContext {
  record: ContactMerge;
  into: Contact;
  /** messages that name the target now */
  linkedToInto: Message[];
  /** the corrections the merge wrote on the target, as they are now, by id */
  correctionsWritten: Map<string, Tag>;
  intoNote: Note | undefined;
  /** the threads given back, and all their stored messages */
  threads: Thread[];
  messagesOfThreads: Message[];
}

/** Which of the two a message ingested after the merge belongs to, judged by its addresses. */
function involvesAddresses(message: Message, addresses: ReadonlySet<string>): boolean {
  if (message.direction === 'in') return message.fromAddress !== null && addresses.has(message.fromAddress);
  return message.toAddresses.some((address) => addresses.has(address));
}

/** The target's addresses without the absorbed contact's. */
function intoAddressesOf(record: ContactMerge, into: Contact): string[] {
  const mergedAddresses = new Set(record.mergedContact.addresses);
  return into.addresses.filter((address) => !mergedAddresses.has(address));
}

/**
 * The messages that go back to the absorbed contact: exactly as before the merge where the
 * record knows; by address for what came later. The target keeps those it shared.
 */
export function messagesGivenBack(record: ContactMerge, into: Contact, linkedToInto: readonly Message[]): Message[] {
  const { intoContactId, mergedContactId, mergedContact } = record;
  const mergedAddresses = new Set(mergedContact.addresses);
  const intoAddresses = new Set(intoAddressesOf(record, into));
  const movedIds = new Set(record.messageIds);
  const sharedIds = new Set(record.sharedMessageIds);
  return linkedToInto.flatMap((message) => {
    let forInto: boolean;
    if (movedIds.has(message.id)) forInto = sharedIds.has(message.id);
    else if (mergedContact.kind === 'stakeholder' && involvesAddresses(message, mergedAddresses))
      forInto = involvesAddresses(message, intoAddresses);
    else return []; // the target's own
    const others = message.contactIds.filter((id) => id !== intoContactId);
    return [{ ...message, contactIds: [...new Set([...others, ...(forInto ? [intoContactId] : []), mergedContactId])] }];
  });
}

/** The absorbed contact is back in its threads and in those of the messages given back. */
export function threadIdsGivenBack(record: ContactMerge, givenBack: readonly Message[]): string[] {
  return [...new Set([...record.threadIds, ...givenBack.map((message) => message.threadId)])];
}

export async function readSplitContext(db: GemeenteradarDb, mergeId: string): Promise<SplitContext> {
  const record = await db.merges.get(mergeId);
  if (!record) throw new UnknownMergeError(mergeId);
  const { intoContactId } = record;
  const writtenCorrectionIds = record.intoTagsWritten.filter((tag) => tag.source === 'user').map((tag) => tag.id);
  const [into, linkedToInto, corrections, intoNote] = await Promise.all([
    db.contacts.get(intoContactId),
    db.messages.where('contactIds').equals(intoContactId).toArray(),
    db.tags.bulkGet(writtenCorrectionIds),
    db.notes.get(`contact:${intoContactId}`),
  ]);
  if (!into) throw new UnknownContactError(intoContactId);
  const threadIds = threadIdsGivenBack(record, messagesGivenBack(record, into, linkedToInto));
  const [messagesOfThreads, threads] = await Promise.all([
    db.messages.where('threadId').anyOf(threadIds).toArray(),
    db.threads.bulkGet(threadIds),
  ]);
  return {
    ...{ record, into, linkedToInto, intoNote, messagesOfThreads },
    correctionsWritten: new Map(corrections.filter((tag): tag is Tag => tag !== undefined).map((tag) => [tag.id, tag])),
    threads: threads.filter((thread): thread is Thread => thread !== undefined),
  };
}

export interface SplitPlan {
  contacts: [Contact, Contact];
  messages: Message[];
  threads: Thread[];
  /** the calls and next steps the merge moved go back to the absorbed contact */
  callIds: string[];
  nextStepIds: string[];
  mergedContactId: string;
  putTags: Tag[];
  deleteTagIds: string[];
  putNotes: Note[];
  deleteNoteIds: string[];
  deleteMergeId: string;
  at: number;
}

/** The target stays in a thread where it was before, or where a message still names it. */
function threadsGivenBack(context: SplitContext, givenBack: ReadonlyMap<string, Message>, now: number): Thread[] {
  const { intoContactId, mergedContactId } = context.record;
  const threadsNamingInto = new Set(
    context.messagesOfThreads
      .map((message) => givenBack.get(message.id) ?? message)
      .filter((message) => message.contactIds.includes(intoContactId))
      .map((message) => message.threadId),
  );
  const sharedThreadIds = new Set(context.record.sharedThreadIds);
  return context.threads.map((thread) => {
    const keepInto =
      thread.contactIds.includes(intoContactId) && (sharedThreadIds.has(thread.id) || threadsNamingInto.has(thread.id));
    const others = thread.contactIds.filter((id) => id !== intoContactId && id !== mergedContactId);
    return { ...thread, contactIds: [...others, ...(keepInto ? [intoContactId] : []), mergedContactId], updatedAt: now };
  });
}

const latestAt = (messages: readonly Message[]) =>
  messages.reduce<number | null>((latest, message) => maxTime(latest, message.at), null);

/** Both contacts as before the merge, keeping what the target gained since (addresses, a user's organisation). */
function restoredContacts(
  context: SplitContext,
  givenBack: ReadonlyMap<string, Message>,
  intoRuleTags: Tag[],
  now: number,
): [Contact, Contact] {
  const { record, into } = context;
  const before = record.intoContactBefore;
  const intoAddresses = intoAddressesOf(record, into);
  const stillInto = context.linkedToInto.filter((message) => givenBack.get(message.id)?.contactIds.includes(into.id) ?? true);
  const restoredInto: Contact = {
    ...into,
    // addresses the target gained after the merge (other than the absorbed ones) stay
    addresses: intoAddresses.length > 0 ? intoAddresses : before.addresses,
    kind: before.kind,
    // the organisation the merge gave it goes back; one set since (by the user, later) stays
    organisationId:
      into.organisationId === (before.organisationId ?? record.mergedContact.organisationId)
        ? before.organisationId
        : into.organisationId,
    firstSeenAt: before.firstSeenAt,
    lastSeenAt: maxTime(before.lastSeenAt, latestAt(stillInto)),
    ruleTags: intoRuleTags,
    updatedAt: now,
  };
  const restoredMerged: Contact = {
    ...record.mergedContact,
    ruleTags: ruleTagsAmong(record.mergedTags),
    lastSeenAt: maxTime(record.mergedContact.lastSeenAt, latestAt([...givenBack.values()])),
    updatedAt: now,
  };
  return [restoredInto, restoredMerged];
}

/** The absorbed contact's note back; the target's as before the merge unless edited since. */
function restoredNotes(record: ContactMerge, intoNote: Note | undefined): { putNotes: Note[]; deleteNoteIds: string[] } {
  const unchangedSinceMerge = intoNote !== undefined && intoNote.updatedAt === record.at;
  const putNotes = [
    ...(record.mergedNote ? [record.mergedNote] : []),
    ...(unchangedSinceMerge && record.intoNoteBefore ? [record.intoNoteBefore] : []),
  ];
  const deleteNoteIds = unchangedSinceMerge && !record.intoNoteBefore ? [`contact:${record.intoContactId}`] : [];
  return { putNotes, deleteNoteIds };
}

export function planSplit(context: SplitContext, now: number): SplitPlan {
  const { record, into } = context;
  const messages = messagesGivenBack(record, into, context.linkedToInto);
  const givenBack = new Map(messages.map((message) => [message.id, message]));
  const tags = restoreTags(
    record,
    into.ruleTags ?? [],
    new Map([...(into.ruleTags ?? []).map((tag) => [tag.id, tag] as const), ...context.correctionsWritten]),
  );
  return {
    contacts: restoredContacts(context, givenBack, tags.intoRuleTags, now),
    messages,
    threads: threadsGivenBack(context, givenBack, now),
    callIds: record.callIds,
    nextStepIds: record.nextStepIds,
    mergedContactId: record.mergedContactId,
    putTags: tags.putTags,
    deleteTagIds: tags.deleteTagIds,
    ...restoredNotes(record, context.intoNote),
    deleteMergeId: record.id,
    at: now,
  };
}

export async function writeSplit(db: GemeenteradarDb, plan: SplitPlan): Promise<void> {
  const { mergedContactId } = plan;
  await Promise.all([
    db.contacts.bulkPut(plan.contacts),
    plan.messages.length ? db.messages.bulkPut(plan.messages) : undefined,
    plan.threads.length ? db.threads.bulkPut(plan.threads) : undefined,
    plan.callIds.length ? db.calls.where('id').anyOf(plan.callIds).modify({ contactId: mergedContactId }) : undefined,
    plan.nextStepIds.length
      ? db.nextSteps.where('id').anyOf(plan.nextStepIds).modify({ subjectId: mergedContactId, updatedAt: plan.at })
      : undefined,
    plan.putTags.length ? db.tags.bulkPut(plan.putTags) : undefined,
    plan.deleteTagIds.length ? db.tags.bulkDelete(plan.deleteTagIds) : undefined,
    ...plan.putNotes.map((note) => db.notes.put(note)),
    ...plan.deleteNoteIds.map((id) => db.notes.delete(id)),
    db.merges.delete(plan.deleteMergeId),
  ]);
}
