/** The tags a merge moves and a split gives back: a contact's rule tags and its corrections. Pure. */
import type { Contact, ContactMerge, Tag } from '../schemas';
import { tagId, withRuleTag } from '../tags';

const DIMENSIONS = ['municipality', 'role'] as const;

/** The ids of the user's corrections made on the contact itself (its rule tags are on the contact). */
export function contactCorrectionIds(contactId: string): string[] {
  return DIMENSIONS.map((dimension) => tagId('user', 'contact', contactId, dimension));
}

/** A contact's tags: its rule tags and the corrections made on it (from `tags`). */
export function contactTags(contact: Contact, corrections: readonly (Tag | undefined)[]): Tag[] {
  return [...(contact.ruleTags ?? []), ...corrections.filter((tag): tag is Tag => tag !== undefined)];
}

/** The rule tags among `tags`, as a contact carries them. */
export function ruleTagsAmong(tags: readonly Tag[]): Tag[] {
  return DIMENSIONS.reduce<Tag[]>(
    (ruleTags, dimension) =>
      withRuleTag(ruleTags, dimension, tags.find((tag) => tag.source === 'rule' && tag.dimension === dimension) ?? null),
    [],
  );
}

/** The target's tag for one key after the merge: a user correction beats a rule, then confidence. */
function mergedTag(into: Tag | undefined, merged: Tag | undefined, intoContactId: string, now: number): Tag | undefined {
  if (!merged) return into;
  const moved: Tag = {
    ...merged,
    id: tagId(merged.source, 'contact', intoContactId, merged.dimension),
    subjectId: intoContactId,
    updatedAt: now,
  };
  if (!into) return moved;
  if (into.source === 'rule') {
    // a rule that found something beats a rule that found nothing
    const unknown = (tag: Tag) => tag.value === null || tag.value === 'onbekend';
    if (unknown(into) && !unknown(merged)) return moved;
    if (unknown(merged) && !unknown(into)) return into;
  }
  return merged.confidence > into.confidence ? moved : into;
}

/** Per key (source + dimension) the stronger of the two, under the target's id: the tags the merge writes. */
export function settleTags(intoTags: readonly Tag[], mergedTags: readonly Tag[], intoContactId: string, now: number): Tag[] {
  const written: Tag[] = [];
  for (const source of ['rule', 'user'] as const) {
    for (const dimension of DIMENSIONS) {
      const current = intoTags.find((tag) => tag.source === source && tag.dimension === dimension);
      const incoming = mergedTags.find((tag) => tag.source === source && tag.dimension === dimension);
      const result = mergedTag(current, incoming, intoContactId, now);
      if (result && result !== current) written.push(result);
    }
  }
  return written;
}

function sameTag(a: Tag | undefined, b: Tag): boolean {
  return a !== undefined && a.value === b.value && a.updatedAt === b.updatedAt && a.confidence === b.confidence;
}

export interface RestoredTags {
  /** the target's rule tags after the split */
  intoRuleTags: Tag[];
  putTags: Tag[];
  deleteTagIds: string[];
}

/**
 * The absorbed contact's corrections come back; the target's tags are restored where the merge
 * wrote them and nothing (a later merge, ingest) changed them since. (Rule tags live on the
 * contacts, corrections in `tags`; merges recorded before store v7 kept both as tags, which is
 * why both are looked for by source.) `current`: the target's tags now, by id.
 */
export function restoreTags(
  record: Pick<ContactMerge, 'mergedTags' | 'intoTagsWritten' | 'intoTagsBefore'>,
  intoRuleTagsNow: readonly Tag[],
  current: ReadonlyMap<string, Tag>,
): RestoredTags {
  const restored: RestoredTags = {
    intoRuleTags: [...intoRuleTagsNow],
    putTags: record.mergedTags.filter((tag) => tag.source === 'user'),
    deleteTagIds: [],
  };
  for (const written of record.intoTagsWritten) {
    if (!sameTag(current.get(written.id), written)) continue;
    const before = record.intoTagsBefore.find((tag) => tag.id === written.id) ?? null;
    if (written.source === 'rule') restored.intoRuleTags = withRuleTag(restored.intoRuleTags, written.dimension, before);
    else if (before) restored.putTags.push(before);
    else restored.deleteTagIds.push(written.id);
  }
  return restored;
}
