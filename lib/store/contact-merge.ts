/**
 * Merging two contacts that are the same person (one person, several addresses), and splitting
 * them again. A merge moves everything that named the absorbed contact to the one it is merged
 * into (messages, threads, calls, next steps, its note and tags) and keeps a `merges` record of
 * exactly what it moved, so a split restores both contacts. Records ingested after the merge are
 * given back by address (an incoming mail from one of the absorbed addresses is theirs again).
 */
import { z } from 'zod';
import { UnknownContactError } from './calls';
import { applyEffectiveTags } from './corrections';
import type { GemeenteradarDb } from './db';
import type { Contact, ContactMerge, Message, Note, Tag, Thread } from './schemas';
import { tagId, withRuleTag } from './tags';
import { maxTime, minTime } from './times';

export const MergeContactsInputSchema = z
  .object({
    /** the contact that stays */
    intoContactId: z.string().min(3),
    /** the contact that is absorbed (and restored by a split) */
    mergedContactId: z.string().min(3),
  })
  .refine((input) => input.intoContactId !== input.mergedContactId, 'a contact cannot be merged with itself');
export type MergeContactsInput = z.input<typeof MergeContactsInputSchema>;

export const SplitContactInputSchema = z.object({ mergeId: z.string().min(9) });
export type SplitContactInput = z.input<typeof SplitContactInputSchema>;

export class UnknownMergeError extends Error {
  constructor(readonly mergeId: string) {
    super(`Onbekende samenvoeging: ${mergeId}`);
    this.name = 'UnknownMergeError';
  }
}

export function mergeIdFor(mergedContactId: string): string {
  return `merge:${mergedContactId}`;
}

const DIMENSIONS = ['municipality', 'role'] as const;

/** The ids of the user's corrections made on the contact itself (its rule tags are on the contact). */
function contactCorrectionIds(contactId: string): string[] {
  return DIMENSIONS.map((dimension) => tagId('user', 'contact', contactId, dimension));
}

/** A contact's tags: its rule tags and the corrections made on it (from `tags`). */
function contactTags(contact: Contact, corrections: readonly (Tag | undefined)[]): Tag[] {
  return [...(contact.ruleTags ?? []), ...corrections.filter((tag): tag is Tag => tag !== undefined)];
}

/** The rule tags among `tags`, as a contact carries them. */
function ruleTagsAmong(tags: readonly Tag[]): Tag[] {
  return DIMENSIONS.reduce<Tag[]>(
    (ruleTags, dimension) => withRuleTag(ruleTags, dimension, tags.find((tag) => tag.source === 'rule' && tag.dimension === dimension) ?? null),
    [],
  );
}



function replaceId(ids: readonly string[], from: string, to: string): string[] {
  return [...new Set(ids.map((id) => (id === from ? to : id)))];
}

function storeTables(db: GemeenteradarDb) {
  return [db.contacts, db.tags, db.threads, db.messages, db.calls, db.notes, db.nextSteps, db.latency, db.merges];
}

/** The target's tag for one key after the merge: a user correction beats a rule, then confidence. */
function mergedTag(into: Tag | undefined, merged: Tag | undefined, intoContactId: string, now: number): Tag | undefined {
  if (!merged) return into;
  const moved: Tag = { ...merged, id: tagId(merged.source, 'contact', intoContactId, merged.dimension), subjectId: intoContactId, updatedAt: now };
  if (!into) return moved;
  if (into.source === 'rule') {
    // a rule that found something beats a rule that found nothing
    const unknown = (tag: Tag) => tag.value === null || tag.value === 'onbekend';
    if (unknown(into) && !unknown(merged)) return moved;
    if (unknown(merged) && !unknown(into)) return into;
  }
  return merged.confidence > into.confidence ? moved : into;
}

/**
 * Merges `mergedContactId` into `intoContactId`: addresses united, every reference moved, the
 * absorbed contact deleted (its latency too), tags settled. Returns the merge record.
 */
export async function mergeContacts(
  db: GemeenteradarDb,
  input: MergeContactsInput,
  now: number = Date.now(),
): Promise<ContactMerge> {
  const { intoContactId, mergedContactId } = MergeContactsInputSchema.parse(input);
  return db.transaction('rw', storeTables(db), async () => {
    const [into, merged] = await db.contacts.bulkGet([intoContactId, mergedContactId]);
    if (!into) throw new UnknownContactError(intoContactId);
    if (!merged) throw new UnknownContactError(mergedContactId);

    const [messages, threads, calls, nextSteps, intoCorrections, mergedCorrections, notes] = await Promise.all([
      db.messages.where('contactIds').equals(mergedContactId).toArray(),
      db.threads.where('contactIds').equals(mergedContactId).toArray(),
      db.calls.where('contactId').equals(mergedContactId).toArray(),
      db.nextSteps.where('[subjectType+subjectId]').equals(['contact', mergedContactId]).toArray(),
      db.tags.bulkGet(contactCorrectionIds(intoContactId)),
      db.tags.bulkGet(contactCorrectionIds(mergedContactId)),
      db.notes.bulkGet([`contact:${intoContactId}`, `contact:${mergedContactId}`]),
    ]);
    const [intoNote, mergedNote] = notes;
    const intoTags = contactTags(into, intoCorrections);
    const mergedTags = contactTags(merged, mergedCorrections);

    // Tags: per key (source + dimension) the stronger of the two, under the target's id.
    const written: Tag[] = [];
    for (const source of ['rule', 'user'] as const) {
      for (const dimension of DIMENSIONS) {
        const current = intoTags.find((tag) => tag.source === source && tag.dimension === dimension);
        const incoming = mergedTags.find((tag) => tag.source === source && tag.dimension === dimension);
        const result = mergedTag(current, incoming, intoContactId, now);
        if (result && result !== current) written.push(result);
      }
    }

    const record: ContactMerge = {
      id: mergeIdFor(mergedContactId),
      intoContactId,
      mergedContactId,
      mergedContact: merged,
      intoContactBefore: into,
      messageIds: messages.map((message) => message.id),
      sharedMessageIds: messages.filter((message) => message.contactIds.includes(intoContactId)).map((m) => m.id),
      threadIds: threads.map((thread) => thread.id),
      sharedThreadIds: threads.filter((thread) => thread.contactIds.includes(intoContactId)).map((t) => t.id),
      callIds: calls.map((call) => call.id),
      nextStepIds: nextSteps.map((step) => step.id),
      mergedTags,
      intoTagsBefore: intoTags,
      intoTagsWritten: written,
      mergedNote: mergedNote ?? null,
      intoNoteBefore: intoNote ?? null,
      at: now,
    };

    const combined: Contact = {
      ...into,
      name: into.name || merged.name,
      addresses: [...new Set([...into.addresses, ...merged.addresses])],
      kind: into.kind === 'stakeholder' || merged.kind === 'stakeholder' ? 'stakeholder' : into.kind,
      organisationId: into.organisationId ?? merged.organisationId,
      firstSeenAt: minTime(into.firstSeenAt, merged.firstSeenAt),
      lastSeenAt: maxTime(into.lastSeenAt, merged.lastSeenAt),
      ruleTags: ruleTagsAmong([...written, ...intoTags]),
      updatedAt: now,
    };
    const correctionsWritten = written.filter((tag) => tag.source === 'user');

    const movedNote: Note | null = mergedNote
      ? {
          id: `contact:${intoContactId}`,
          subjectType: 'contact',
          subjectId: intoContactId,
          text: intoNote ? `${intoNote.text}\n\n${mergedNote.text}`.slice(0, 10_000) : mergedNote.text,
          updatedAt: now,
        }
      : null;

    await Promise.all([
      db.merges.put(record),
      db.contacts.put(combined),
      db.contacts.delete(mergedContactId),
      db.latency.delete(mergedContactId),
      db.messages.bulkPut(
        messages.map((message) => ({ ...message, contactIds: replaceId(message.contactIds, mergedContactId, intoContactId) })),
      ),
      db.threads.bulkPut(
        threads.map((thread) => ({ ...thread, contactIds: replaceId(thread.contactIds, mergedContactId, intoContactId) })),
      ),
      db.calls.bulkPut(calls.map((call) => ({ ...call, contactId: intoContactId }))),
      db.nextSteps.bulkPut(nextSteps.map((step) => ({ ...step, subjectId: intoContactId, updatedAt: now }))),
      db.tags.bulkDelete(mergedTags.filter((tag) => tag.source === 'user').map((tag) => tag.id)),
      correctionsWritten.length ? db.tags.bulkPut(correctionsWritten) : undefined,
      movedNote ? db.notes.put(movedNote) : undefined,
      mergedNote ? db.notes.delete(mergedNote.id) : undefined,
    ]);
    await applyEffectiveTags(db, [intoContactId], now);
    return record;
  });
}

/** Which of the two a message ingested after the merge belongs to, judged by its addresses. */
function involvesAddresses(message: Message, addresses: ReadonlySet<string>): boolean {
  if (message.direction === 'in') return message.fromAddress !== null && addresses.has(message.fromAddress);
  return message.toAddresses.some((address) => addresses.has(address));
}

function sameTag(a: Tag | undefined, b: Tag): boolean {
  return a !== undefined && a.value === b.value && a.updatedAt === b.updatedAt && a.confidence === b.confidence;
}

/**
 * Undoes a merge: the absorbed contact comes back as it was, with everything the merge moved;
 * what arrived since the merge goes to whichever of the two its addresses say. Returns the ids
 * of both contacts (their latency needs recomputing).
 */
export async function splitContact(
  db: GemeenteradarDb,
  input: SplitContactInput,
  now: number = Date.now(),
): Promise<string[]> {
  const { mergeId } = SplitContactInputSchema.parse(input);
  return db.transaction('rw', storeTables(db), async () => {
    const record = await db.merges.get(mergeId);
    if (!record) throw new UnknownMergeError(mergeId);
    const { intoContactId, mergedContactId, mergedContact } = record;
    const into = await db.contacts.get(intoContactId);
    if (!into) throw new UnknownContactError(intoContactId);

    const mergedAddresses = new Set(mergedContact.addresses);
    const intoAddresses = into.addresses.filter((address) => !mergedAddresses.has(address));
    const intoAddressSet = new Set(intoAddresses);

    // Messages: exactly as before the merge where we know; by address for what came later.
    const movedIds = new Set(record.messageIds);
    const sharedIds = new Set(record.sharedMessageIds);
    const linkedToInto = await db.messages.where('contactIds').equals(intoContactId).toArray();
    const messagesToPut: Message[] = [];
    for (const message of linkedToInto) {
      let forInto: boolean;
      if (movedIds.has(message.id)) {
        forInto = sharedIds.has(message.id);
      } else if (mergedContact.kind === 'stakeholder' && involvesAddresses(message, mergedAddresses)) {
        forInto = involvesAddresses(message, intoAddressSet);
      } else {
        continue; // the target's own
      }
      const others = message.contactIds.filter((id) => id !== intoContactId);
      messagesToPut.push({
        ...message,
        contactIds: [...new Set([...others, ...(forInto ? [intoContactId] : []), mergedContactId])],
      });
    }
    const givenBack = new Map(messagesToPut.map((message) => [message.id, message]));
    const latestAt = (list: readonly Message[]) => list.reduce<number | null>((latest, m) => maxTime(latest, m.at), null);

    // Threads: the absorbed contact is back in its threads and in those of the messages given
    // back; the target stays where it was before, or where a message still names it.
    const threadIdsBack = [...new Set([...record.threadIds, ...messagesToPut.map((message) => message.threadId)])];
    const messagesOfThreads = (await db.messages.where('threadId').anyOf(threadIdsBack).toArray()).map(
      (message) => givenBack.get(message.id) ?? message,
    );
    const threadsNamingInto = new Set(
      messagesOfThreads.filter((message) => message.contactIds.includes(intoContactId)).map((message) => message.threadId),
    );
    const sharedThreadIds = new Set(record.sharedThreadIds);
    const threads = (await db.threads.bulkGet(threadIdsBack)).filter((thread): thread is Thread => thread !== undefined);
    const threadsToPut: Thread[] = threads.map((thread) => {
      const keepInto =
        thread.contactIds.includes(intoContactId) && (sharedThreadIds.has(thread.id) || threadsNamingInto.has(thread.id));
      const others = thread.contactIds.filter((id) => id !== intoContactId && id !== mergedContactId);
      return { ...thread, contactIds: [...others, ...(keepInto ? [intoContactId] : []), mergedContactId], updatedAt: now };
    });

    // Tags: the absorbed contact's come back; the target's are restored where the merge wrote them
    // and nothing (a later merge, ingest) changed them since.
    // (Rule tags live on the contacts, corrections in `tags`; merges recorded before store v7
    // kept both as tags, which is why both are looked for by source.)
    const writtenCorrectionIds = record.intoTagsWritten.filter((tag) => tag.source === 'user').map((tag) => tag.id);
    const currentIntoTags = new Map<string, Tag>();
    for (const tag of [...(into.ruleTags ?? []), ...(await db.tags.bulkGet(writtenCorrectionIds))]) {
      if (tag) currentIntoTags.set(tag.id, tag);
    }
    const tagsToPut: Tag[] = record.mergedTags.filter((tag) => tag.source === 'user');
    const tagsToDelete: string[] = [];
    let intoRuleTags = into.ruleTags ?? [];
    for (const written of record.intoTagsWritten) {
      if (!sameTag(currentIntoTags.get(written.id), written)) continue;
      const before = record.intoTagsBefore.find((tag) => tag.id === written.id) ?? null;
      if (written.source === 'rule') intoRuleTags = withRuleTag(intoRuleTags, written.dimension, before);
      else if (before) tagsToPut.push(before);
      else tagsToDelete.push(written.id);
    }

    // Notes: the absorbed contact's note back; the target's as before unless edited since.
    const intoNote = await db.notes.get(`contact:${intoContactId}`);
    const noteUnchangedSinceMerge = intoNote !== undefined && intoNote.updatedAt === record.at;

    const before = record.intoContactBefore;
    const stillInto = linkedToInto.filter((message) => givenBack.get(message.id)?.contactIds.includes(intoContactId) ?? true);
    const restoredMerged: Contact = {
      ...mergedContact,
      ruleTags: ruleTagsAmong(record.mergedTags),
      lastSeenAt: maxTime(mergedContact.lastSeenAt, latestAt(messagesToPut)),
      updatedAt: now,
    };
    const restoredInto: Contact = {
      ...into,
      // addresses the target gained after the merge (other than the absorbed ones) stay
      addresses: intoAddresses.length > 0 ? intoAddresses : before.addresses,
      kind: before.kind,
      // the organisation the merge gave it goes back; one set since (by the user, later) stays
      organisationId:
        into.organisationId === (before.organisationId ?? mergedContact.organisationId) ? before.organisationId : into.organisationId,
      firstSeenAt: before.firstSeenAt,
      lastSeenAt: maxTime(before.lastSeenAt, latestAt(stillInto)),
      ruleTags: intoRuleTags,
      updatedAt: now,
    };

    await Promise.all([
      db.contacts.bulkPut([restoredInto, restoredMerged]),
      messagesToPut.length ? db.messages.bulkPut(messagesToPut) : undefined,
      threadsToPut.length ? db.threads.bulkPut(threadsToPut) : undefined,
      record.callIds.length
        ? db.calls.where('id').anyOf(record.callIds).modify({ contactId: mergedContactId })
        : undefined,
      record.nextStepIds.length
        ? db.nextSteps.where('id').anyOf(record.nextStepIds).modify({ subjectId: mergedContactId, updatedAt: now })
        : undefined,
      tagsToPut.length ? db.tags.bulkPut(tagsToPut) : undefined,
      tagsToDelete.length ? db.tags.bulkDelete(tagsToDelete) : undefined,
      record.mergedNote ? db.notes.put(record.mergedNote) : undefined,
      noteUnchangedSinceMerge
        ? record.intoNoteBefore
          ? db.notes.put(record.intoNoteBefore)
          : db.notes.delete(`contact:${intoContactId}`)
        : undefined,
      db.merges.delete(mergeId),
    ]);
    await applyEffectiveTags(db, [intoContactId, mergedContactId], now);
    return [intoContactId, mergedContactId];
  });
}
