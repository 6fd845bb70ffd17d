/**
 * Merge and split plans on their own: plain records in, a plan out, no database. The store tests
 * (store-contact-merge.test.ts) check the same through IndexedDB.
 */
import { describe, expect, it } from 'vitest';
import { mergeIdFor, planMerge, planSplit, type MergeContext, type SplitContext } from '@/lib/store/contact-merge';
import type { Call, Contact, Message, NextStep, Note, Tag, Thread } from '@/lib/store/schemas';
import { tagId } from '@/lib/store/tags';
import { T0 } from '../fixtures/observations';
import { textEvidence } from '../fixtures/evidence';

const DAY = 86_400_000;
const NOW = T0 + 10 * DAY;
const WORK = 'c:m.van.dijk@zwolle.nl';
const PRIVATE = 'c:monique.vandijk@gmail.com';
const ERIK = 'c:e.bosman@zwolle.nl';

function ruleTag(contactId: string, dimension: 'municipality' | 'role', value: string | null, confidence: number): Tag {
  return {
    id: tagId('rule', 'contact', contactId, dimension),
    subjectType: 'contact',
    subjectId: contactId,
    dimension,
    value,
    source: 'rule',
    evidence: [textEvidence('regel')],
    confidence,
    updatedAt: T0,
  };
}

function correction(contactId: string, dimension: 'municipality' | 'role', value: string): Tag {
  return {
    id: tagId('user', 'contact', contactId, dimension),
    subjectType: 'contact',
    subjectId: contactId,
    dimension,
    value,
    source: 'user',
    evidence: [textEvidence('correctie')],
    confidence: 1,
    updatedAt: T0,
  };
}

const work: Contact = {
  ...{
    id: WORK,
    name: 'Monique van Dijk',
    addresses: ['m.van.dijk@zwolle.nl'],
    kind: 'stakeholder',
    organisationId: 'org:gemeente:GM0193',
  },
  ...{ municipalityCode: 'GM0193', role: 'wethouder', firstSeenAt: T0, lastSeenAt: T0 + DAY, updatedAt: T0 },
  ruleTags: [ruleTag(WORK, 'municipality', 'GM0193', 0.9), ruleTag(WORK, 'role', 'wethouder', 0.95)],
};
const personal: Contact = {
  ...{
    id: PRIVATE,
    name: 'Monique v. Dijk',
    addresses: ['monique.vandijk@gmail.com'],
    kind: 'stakeholder',
    organisationId: null,
  },
  ...{ municipalityCode: null, role: 'bewoner', firstSeenAt: T0 - DAY, lastSeenAt: T0 + 2 * DAY, updatedAt: T0 },
  ruleTags: [ruleTag(PRIVATE, 'municipality', null, 0.3), ruleTag(PRIVATE, 'role', 'bewoner', 0.9)],
};

function mail(id: string, threadId: string, contactIds: string[], overrides: Partial<Message> = {}): Message {
  return {
    ...{
      id,
      threadId,
      host: 'gmail',
      idSource: 'app',
      direction: 'in',
      fromAddress: null,
      fromName: '',
      toAddresses: [],
      contactIds,
    },
    ...{ at: T0, atRaw: null, subject: '', excerpt: '', updatedAt: T0 },
    ...overrides,
  };
}

function thread(id: string, contactIds: string[]): Thread {
  return {
    ...{ id, host: 'gmail', idSource: 'app', subject: '', snippet: '', contactIds, municipalityCode: null },
    ...{ firstMessageAt: null, lastMessageAt: null, lastMessageAtRaw: null, messageCount: 1, updatedAt: T0 },
  };
}

const note = (contactId: string, text: string, updatedAt = T0): Note => ({
  id: `contact:${contactId}`,
  subjectType: 'contact',
  subjectId: contactId,
  text,
  updatedAt,
});

function mergeContext(overrides: Partial<MergeContext> = {}): MergeContext {
  return {
    into: work,
    merged: personal,
    messages: [mail('m:3', 't:2', [PRIVATE]), mail('m:4', 't:3', [WORK, PRIVATE, ERIK])],
    threads: [thread('t:2', [PRIVATE]), thread('t:3', [WORK, PRIVATE, ERIK])],
    calls: [
      { id: 'call:1', contactId: PRIVATE, direction: 'out', answered: false, note: '', at: T0, createdAt: T0 } satisfies Call,
    ],
    nextSteps: [
      {
        id: 'step:1',
        subjectType: 'contact',
        subjectId: PRIVATE,
        text: 'Bellen',
        dueAt: null,
        done: false,
        updatedAt: T0,
      } satisfies NextStep,
    ],
    intoCorrections: [undefined, undefined],
    mergedCorrections: [correction(PRIVATE, 'role', 'gemeenteraad'), undefined],
    intoNote: note(WORK, 'Wethouder sinds 2022.'),
    mergedNote: note(PRIVATE, 'Privé-adres.'),
    ...overrides,
  };
}

describe('planMerge', () => {
  it('unites the two contacts and moves every reference to the target', () => {
    const plan = planMerge(mergeContext(), NOW);
    expect(plan.contact).toMatchObject({
      id: WORK,
      name: 'Monique van Dijk',
      addresses: [...work.addresses, ...personal.addresses],
      firstSeenAt: T0 - DAY,
      lastSeenAt: T0 + 2 * DAY,
      updatedAt: NOW,
    });
    expect(plan.deleteContactId).toBe(PRIVATE);
    expect(plan.messages.map((message) => [message.id, message.contactIds])).toEqual([
      ['m:3', [WORK]],
      ['m:4', [WORK, ERIK]],
    ]);
    expect(plan.threads.map((each) => [each.id, each.contactIds])).toEqual([
      ['t:2', [WORK]],
      ['t:3', [WORK, ERIK]],
    ]);
    expect(plan.calls.map((call) => call.contactId)).toEqual([WORK]);
    expect(plan.nextSteps.map((step) => [step.subjectId, step.updatedAt])).toEqual([[WORK, NOW]]);
    expect(plan.note).toMatchObject({ id: `contact:${WORK}`, text: 'Wethouder sinds 2022.\n\nPrivé-adres.', updatedAt: NOW });
    expect(plan.deleteNoteId).toBe(`contact:${PRIVATE}`);
  });

  it('records exactly what it moved, and what the target shared already', () => {
    const { record } = planMerge(mergeContext(), NOW);
    expect(record).toMatchObject({
      id: mergeIdFor(PRIVATE),
      ...{ intoContactId: WORK, mergedContactId: PRIVATE, mergedContact: personal, intoContactBefore: work },
      ...{ messageIds: ['m:3', 'm:4'], sharedMessageIds: ['m:4'], threadIds: ['t:2', 't:3'], sharedThreadIds: ['t:3'] },
      ...{ callIds: ['call:1'], nextStepIds: ['step:1'], intoNoteBefore: note(WORK, 'Wethouder sinds 2022.'), at: NOW },
    });
  });

  it('settles the tags per dimension: a correction moves over, a rule that found something beats one that found nothing, then confidence', () => {
    const plan = planMerge(mergeContext(), NOW);
    // the target's municipality (found) and role (more confident) stay: no rule tag written
    expect(plan.contact.ruleTags?.map((tag) => [tag.id, tag.value])).toEqual([
      [tagId('rule', 'contact', WORK, 'municipality'), 'GM0193'],
      [tagId('rule', 'contact', WORK, 'role'), 'wethouder'],
    ]);
    expect(plan.putTags).toEqual([
      {
        ...correction(PRIVATE, 'role', 'gemeenteraad'),
        id: tagId('user', 'contact', WORK, 'role'),
        subjectId: WORK,
        updatedAt: NOW,
      },
    ]);
    expect(plan.deleteTagIds).toEqual([tagId('user', 'contact', PRIVATE, 'role')]);
    expect(plan.record.intoTagsWritten.map((tag) => tag.id)).toEqual([tagId('user', 'contact', WORK, 'role')]);

    // the other way round: the private contact, which found no municipality, gets the work
    // one's, and its more confident role, under its own ids
    const reversed = planMerge(mergeContext({ into: personal, merged: work, mergedCorrections: [undefined, undefined] }), NOW);
    expect(reversed.contact.ruleTags?.map((tag) => [tag.id, tag.value, tag.updatedAt])).toEqual([
      [tagId('rule', 'contact', PRIVATE, 'municipality'), 'GM0193', NOW],
      [tagId('rule', 'contact', PRIVATE, 'role'), 'wethouder', NOW],
    ]);
    expect(reversed.record.intoTagsWritten).toHaveLength(2);
  });

  it("keeps the target's note untouched when the absorbed contact has none", () => {
    const plan = planMerge(mergeContext({ mergedNote: undefined }), NOW);
    expect(plan.note).toBeNull();
    expect(plan.deleteNoteId).toBeNull();
  });
});

/** The split context right after the merge planned by mergeContext(), plus what came later. */
function splitContext(
  later: { messages?: Message[]; threads?: Thread[]; intoNote?: Note; corrections?: Tag[] } = {},
): SplitContext {
  const merge = planMerge(mergeContext(), NOW);
  const messages = [...merge.messages, mail('m:1', 't:1', [WORK]), ...(later.messages ?? [])];
  const threads = [...merge.threads, ...(later.threads ?? [])];
  const linkedToInto = messages.filter((message) => message.contactIds.includes(WORK));
  return {
    record: merge.record,
    into: merge.contact,
    linkedToInto,
    correctionsWritten: new Map((later.corrections ?? merge.putTags).map((tag) => [tag.id, tag])),
    intoNote: later.intoNote ?? merge.note ?? undefined,
    threads,
    messagesOfThreads: messages.filter((message) => threads.some((each) => each.id === message.threadId)),
  };
}

describe('planSplit', () => {
  it('restores both contacts, the moved references and the tags and notes the merge wrote', () => {
    const plan = planSplit(splitContext(), NOW + DAY);
    const [into, merged] = plan.contacts;
    expect({ ...into, updatedAt: T0 }).toEqual(work);
    expect({ ...merged, updatedAt: T0 }).toEqual(personal);
    expect(plan.messages.map((message) => [message.id, [...message.contactIds].sort()])).toEqual([
      ['m:3', [PRIVATE]],
      ['m:4', [ERIK, PRIVATE, WORK].sort()],
    ]);
    expect(plan.threads.map((each) => [each.id, [...each.contactIds].sort()])).toEqual([
      ['t:2', [PRIVATE]],
      ['t:3', [ERIK, PRIVATE, WORK].sort()],
    ]);
    expect({ callIds: plan.callIds, nextStepIds: plan.nextStepIds, mergedContactId: plan.mergedContactId }).toEqual({
      callIds: ['call:1'],
      nextStepIds: ['step:1'],
      mergedContactId: PRIVATE,
    });
    expect(plan.putTags).toEqual([correction(PRIVATE, 'role', 'gemeenteraad')]);
    expect(plan.deleteTagIds).toEqual([tagId('user', 'contact', WORK, 'role')]);
    expect(plan.putNotes).toEqual([note(PRIVATE, 'Privé-adres.'), note(WORK, 'Wethouder sinds 2022.')]);
    expect(plan.deleteMergeId).toBe(mergeIdFor(PRIVATE));
  });

  it('gives what arrived after the merge to whichever contact its address says', () => {
    const later = [
      mail('m:5', 't:5', [WORK], { direction: 'in', fromAddress: 'monique.vandijk@gmail.com', at: T0 + 11 * DAY }),
      mail('m:6', 't:5', [WORK], { direction: 'out', toAddresses: ['m.van.dijk@zwolle.nl'], at: T0 + 12 * DAY }),
    ];
    const plan = planSplit(splitContext({ messages: later, threads: [thread('t:5', [WORK])] }), NOW + DAY);
    expect(plan.messages.find((message) => message.id === 'm:5')?.contactIds).toEqual([PRIVATE]);
    expect(plan.messages.find((message) => message.id === 'm:6')).toBeUndefined();
    expect(plan.threads.find((each) => each.id === 't:5')?.contactIds.sort()).toEqual([PRIVATE, WORK].sort());
    expect(plan.contacts[1].lastSeenAt).toBe(T0 + 11 * DAY);
  });

  it('keeps a note edited and a correction changed after the merge', () => {
    const edited = note(WORK, 'Samen: één persoon.', NOW + 1);
    const changed = { ...correction(WORK, 'role', 'ambtenaar'), updatedAt: NOW + 1 };
    const plan = planSplit(splitContext({ intoNote: edited, corrections: [changed] }), NOW + DAY);
    expect(plan.putNotes).toEqual([note(PRIVATE, 'Privé-adres.')]);
    expect(plan.deleteNoteIds).toEqual([]);
    expect(plan.deleteTagIds).toEqual([]);
    expect(plan.putTags).toEqual([correction(PRIVATE, 'role', 'gemeenteraad')]);
  });
});
