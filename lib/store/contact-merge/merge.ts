/**
 * Merging: read what names the absorbed contact, plan the merge (pure), write it. The merge
 * record keeps exactly what was moved, so a split (split.ts) can restore both contacts.
 */
import { UnknownContactError } from '../calls';
import type { GemeenteradarDb } from '../db';
import type { Call, Contact, ContactMerge, Message, NextStep, Note, Tag, Thread } from '../schemas';
import { maxTime, minTime } from '../times';
import { contactCorrectionIds, contactTags, ruleTagsAmong, settleTags } from './tags';

export function mergeIdFor(mergedContactId: string): string {
  return `merge:${mergedContactId}`;
}

export interface MergeContext {
  into: Contact;
  merged: Contact;
  /** what names the absorbed contact */
  messages: Message[];
  threads: Thread[];
  calls: Call[];
  nextSteps: NextStep[];
  /** the corrections made on either contact itself */
  intoCorrections: (Tag | undefined)[];
  mergedCorrections: (Tag | undefined)[];
  intoNote: Note | undefined;
  mergedNote: Note | undefined;
}

export async function readMergeContext(
  db: GemeenteradarDb,
  intoContactId: string,
  mergedContactId: string,
): Promise<MergeContext> {
  const [into, merged] = await db.contacts.bulkGet([intoContactId, mergedContactId]);
  if (!into) throw new UnknownContactError(intoContactId);
  if (!merged) throw new UnknownContactError(mergedContactId);
  const [messages, threads, calls, nextSteps, intoCorrections, mergedCorrections, [intoNote, mergedNote]] = await Promise.all([
    db.messages.where('contactIds').equals(mergedContactId).toArray(),
    db.threads.where('contactIds').equals(mergedContactId).toArray(),
    db.calls.where('contactId').equals(mergedContactId).toArray(),
    db.nextSteps.where('[subjectType+subjectId]').equals(['contact', mergedContactId]).toArray(),
    db.tags.bulkGet(contactCorrectionIds(intoContactId)),
    db.tags.bulkGet(contactCorrectionIds(mergedContactId)),
    db.notes.bulkGet([`contact:${intoContactId}`, `contact:${mergedContactId}`]),
  ]);
  return { into, merged, messages, threads, calls, nextSteps, intoCorrections, mergedCorrections, intoNote, mergedNote };
}

export interface MergePlan {
  record: ContactMerge;
  /** the target, with both contacts' addresses */
  contact: Contact;
  /** the absorbed contact (and its latency) goes */
  deleteContactId: string;
  messages: Message[];
  threads: Thread[];
  calls: Call[];
  nextSteps: NextStep[];
  deleteTagIds: string[];
  putTags: Tag[];
  note: Note | null;
  deleteNoteId: string | null;
}

function replaceId(ids: readonly string[], from: string, to: string): string[] {
  return [...new Set(ids.map((id) => (id === from ? to : id)))];
}

function mergeRecord(context: MergeContext, intoTags: Tag[], mergedTags: Tag[], written: Tag[], now: number): ContactMerge {
  const { into, merged, messages, threads } = context;
  return {
    id: mergeIdFor(merged.id),
    intoContactId: into.id,
    mergedContactId: merged.id,
    mergedContact: merged,
    intoContactBefore: into,
    messageIds: messages.map((message) => message.id),
    sharedMessageIds: messages.filter((message) => message.contactIds.includes(into.id)).map((m) => m.id),
    threadIds: threads.map((thread) => thread.id),
    sharedThreadIds: threads.filter((thread) => thread.contactIds.includes(into.id)).map((t) => t.id),
    callIds: context.calls.map((call) => call.id),
    nextStepIds: context.nextSteps.map((step) => step.id),
    mergedTags,
    intoTagsBefore: intoTags,
    intoTagsWritten: written,
    mergedNote: context.mergedNote ?? null,
    intoNoteBefore: context.intoNote ?? null,
    at: now,
  };
}

function combinedContact(into: Contact, merged: Contact, ruleTags: Tag[], now: number): Contact {
  return {
    ...into,
    name: into.name || merged.name,
    addresses: [...new Set([...into.addresses, ...merged.addresses])],
    kind: into.kind === 'stakeholder' || merged.kind === 'stakeholder' ? 'stakeholder' : into.kind,
    organisationId: into.organisationId ?? merged.organisationId,
    firstSeenAt: minTime(into.firstSeenAt, merged.firstSeenAt),
    lastSeenAt: maxTime(into.lastSeenAt, merged.lastSeenAt),
    ruleTags,
    updatedAt: now,
  };
}

/** The absorbed contact's note goes to the target, after the target's own. */
function movedNote(intoNote: Note | undefined, mergedNote: Note | undefined, intoContactId: string, now: number): Note | null {
  if (!mergedNote) return null;
  const text = intoNote ? `${intoNote.text}\n\n${mergedNote.text}`.slice(0, 10_000) : mergedNote.text;
  return { id: `contact:${intoContactId}`, subjectType: 'contact', subjectId: intoContactId, text, updatedAt: now };
}

export function planMerge(context: MergeContext, now: number): MergePlan {
  const { into, merged } = context;
  const intoTags = contactTags(into, context.intoCorrections);
  const mergedTags = contactTags(merged, context.mergedCorrections);
  const written = settleTags(intoTags, mergedTags, into.id, now);
  return {
    record: mergeRecord(context, intoTags, mergedTags, written, now),
    contact: combinedContact(into, merged, ruleTagsAmong([...written, ...intoTags]), now),
    deleteContactId: merged.id,
    messages: context.messages.map((message) => ({ ...message, contactIds: replaceId(message.contactIds, merged.id, into.id) })),
    threads: context.threads.map((thread) => ({ ...thread, contactIds: replaceId(thread.contactIds, merged.id, into.id) })),
    calls: context.calls.map((call) => ({ ...call, contactId: into.id })),
    nextSteps: context.nextSteps.map((step) => ({ ...step, subjectId: into.id, updatedAt: now })),
    deleteTagIds: mergedTags.filter((tag) => tag.source === 'user').map((tag) => tag.id),
    putTags: written.filter((tag) => tag.source === 'user'),
    note: movedNote(context.intoNote, context.mergedNote, into.id, now),
    deleteNoteId: context.mergedNote?.id ?? null,
  };
}

export async function writeMerge(db: GemeenteradarDb, plan: MergePlan): Promise<void> {
  await Promise.all([
    db.merges.put(plan.record),
    db.contacts.put(plan.contact),
    db.contacts.delete(plan.deleteContactId),
    db.latency.delete(plan.deleteContactId),
    db.messages.bulkPut(plan.messages),
    db.threads.bulkPut(plan.threads),
    db.calls.bulkPut(plan.calls),
    db.nextSteps.bulkPut(plan.nextSteps),
    db.tags.bulkDelete(plan.deleteTagIds),
    plan.putTags.length ? db.tags.bulkPut(plan.putTags) : undefined,
    plan.note ? db.notes.put(plan.note) : undefined,
    plan.deleteNoteId ? db.notes.delete(plan.deleteNoteId) : undefined,
  ]);
}
