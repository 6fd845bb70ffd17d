/**
 * The user's decisions over the rules (DecisionSchema): whether an outgoing mail, or every
 * outgoing mail of a thread, waits for an answer ("wacht op antwoord") or not ("geen antwoord
 * nodig"); a contact snoozed until a date ("wakker maken" removes it); a meeting that did not
 * happen ("ging niet door"). One record per subject, written here only (ingest never touches
 * them, so a rule never overwrites one); removing it is the undo, and the rule decides again.
 * Each returns the contacts whose latency the decision changes.
 *
 * How they count (lib/store/latency.ts): a message's decision before its thread's, both before the
 * message's own intent; a snooze until its date; a meeting that did not happen is no interaction.
 */
import { z } from 'zod';
import { UnknownSubjectError } from './notes';
import type { GemeenteradarDb } from './db';
import { decisionIdFor } from './record-ids';
import { DecisionSchema, type Decision } from './schemas';

export const REPLY_DECISIONS = ['not-needed', 'awaited'] as const;
export type ReplyDecision = (typeof REPLY_DECISIONS)[number];

export const ReplyDecisionInputSchema = z.object({
  subjectType: z.enum(['message', 'thread']),
  subjectId: z.string().min(3).max(300),
  /** null: the rule decides again (undo) */
  value: z.enum(REPLY_DECISIONS).nullable(),
});
export type ReplyDecisionInput = z.input<typeof ReplyDecisionInputSchema>;

export const SnoozeInputSchema = z.object({
  contactId: z.string().min(3).max(1000),
  /** the end of the snooze, epoch ms; null wakes the contact (undo) */
  until: z.number().int().min(0).max(8.64e15).nullable(),
});
export type SnoozeInput = z.input<typeof SnoozeInputSchema>;

export const MeetingDecisionInputSchema = z.object({
  meetingId: z.string().min(12).max(1300),
  /** false: "ging niet door"; true: it did after all (undo) */
  happened: z.boolean(),
});
export type MeetingDecisionInput = z.input<typeof MeetingDecisionInputSchema>;

export class SnoozeInThePastError extends Error {
  constructor() {
    super('Snooze tot een datum in het verleden');
    this.name = 'SnoozeInThePastError';
  }
}

/** What a decision changed, and the record it replaced (null: there was none): what undoes it. */
export interface DecisionOutcome {
  contactIds: string[];
  previous: RestoreDecisionInput;
}

/** Puts a decision record back as it was before a change: `previous` null removes it ("Ongedaan maken"). */
export const RestoreDecisionInputSchema = z.object({
  id: z.string().min(3).max(1400),
  previous: DecisionSchema.nullable(),
});
export type RestoreDecisionInput = z.input<typeof RestoreDecisionInputSchema>;

/** Writes the decision, or removes it when `decision` is null; returns the record it replaced. */
async function settle(db: GemeenteradarDb, id: string, decision: Decision | null): Promise<RestoreDecisionInput> {
  const previous = (await db.decisions.get(id)) ?? null;
  if (decision) await db.decisions.put(decision);
  else await db.decisions.delete(id);
  return { id, previous };
}

/** The outgoing mails' contacts of a message or a thread: whose latency a reply decision changes. */
async function replyContacts(db: GemeenteradarDb, subjectType: 'message' | 'thread', subjectId: string): Promise<string[]> {
  const messages =
    subjectType === 'message'
      ? [await db.messages.get(subjectId)].filter((message) => message !== undefined)
      : await db.messages.where('threadId').equals(subjectId).toArray();
  const thread = subjectType === 'thread' ? await db.threads.get(subjectId) : undefined;
  if (messages.length === 0 && !thread) throw new UnknownSubjectError(`${subjectType}:${subjectId}`);
  return [...new Set(messages.filter((message) => message.direction === 'out').flatMap((message) => message.contactIds))];
}

/** "geen antwoord nodig" / "wacht op antwoord" for one outgoing mail or all of a thread's. */
export async function decideReply(db: GemeenteradarDb, input: ReplyDecisionInput, now: number): Promise<string[]> {
  return (await decideReplyUndoable(db, input, now)).contactIds;
}

export async function decideReplyUndoable(db: GemeenteradarDb, input: ReplyDecisionInput, now: number): Promise<DecisionOutcome> {
  const { subjectType, subjectId, value } = ReplyDecisionInputSchema.parse(input);
  const id = decisionIdFor('reply', subjectType, subjectId);
  return db.transaction('rw', [db.decisions, db.messages, db.threads], async () => {
    const contactIds = await replyContacts(db, subjectType, subjectId);
    const previous = await settle(db, id, value === null ? null : { id, kind: 'reply', subjectType, subjectId, value, at: now });
    return { contactIds, previous };
  });
}

/** Snoozes a contact until a date, or wakes them (`until: null`). */
export async function snoozeContact(db: GemeenteradarDb, input: SnoozeInput, now: number): Promise<string[]> {
  return (await snoozeContactUndoable(db, input, now)).contactIds;
}

export async function snoozeContactUndoable(db: GemeenteradarDb, input: SnoozeInput, now: number): Promise<DecisionOutcome> {
  const { contactId, until } = SnoozeInputSchema.parse(input);
  if (until !== null && until <= now) throw new SnoozeInThePastError();
  const id = decisionIdFor('snooze', 'contact', contactId);
  return db.transaction('rw', [db.decisions, db.contacts], async () => {
    if (!(await db.contacts.get(contactId))) throw new UnknownSubjectError(`contact:${contactId}`);
    const previous = await settle(
      db,
      id,
      until === null ? null : { id, kind: 'snooze', subjectType: 'contact', subjectId: contactId, until, at: now },
    );
    return { contactIds: [contactId], previous };
  });
}

/**
 * Puts a decision back exactly as it was (the record itself, or none), whatever was decided
 * since: the undo of a snooze or a reply decision. Returns the contacts whose latency it changes.
 */
export async function restoreDecision(db: GemeenteradarDb, input: RestoreDecisionInput): Promise<string[]> {
  const { id, previous } = RestoreDecisionInputSchema.parse(input);
  if (previous && previous.id !== id) throw new UnknownSubjectError(`decision:${id}`);
  return db.transaction('rw', [db.decisions, db.messages, db.threads, db.meetings], async () => {
    const current = (await db.decisions.get(id)) ?? null;
    const subject = previous ?? current;
    if (!subject) return [];
    if (previous) await db.decisions.put(previous);
    else await db.decisions.delete(id);
    if (subject.kind === 'snooze') return [subject.subjectId];
    if (subject.kind === 'reply') return replyContacts(db, subject.subjectType, subject.subjectId);
    return (await db.meetings.get(subject.subjectId))?.contactIds ?? [];
  });
}

/** "ging niet door" for a meeting, or undone (`happened: true`). */
export async function decideMeeting(db: GemeenteradarDb, input: MeetingDecisionInput, now: number): Promise<string[]> {
  const { meetingId, happened } = MeetingDecisionInputSchema.parse(input);
  const id = decisionIdFor('meeting', 'meeting', meetingId);
  return db.transaction('rw', [db.decisions, db.meetings], async () => {
    const meeting = await db.meetings.get(meetingId);
    if (!meeting) throw new UnknownSubjectError(`meeting:${meetingId}`);
    const decision: Decision = {
      id,
      kind: 'meeting',
      subjectType: 'meeting',
      subjectId: meetingId,
      value: 'did-not-happen',
      at: now,
    };
    await settle(db, id, happened ? null : decision);
    return meeting.contactIds;
  });
}
