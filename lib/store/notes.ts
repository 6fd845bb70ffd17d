/**
 * Notes (one free text per contact, organisation or municipality, edited in place) and next steps
 * (a short text with an optional date, marked done). Input is validated here with zod, and again
 * by the store's own validation on write; a note or step for something that does not exist is
 * refused, so nothing dangles.
 */
import { z } from 'zod';
import { municipalityByCode } from '../data';
import type { GemeenteradarDb } from './db';
import type { NextStep, Note } from './schemas';
import { noteIdFor } from './record-ids';
import { reason } from '../vocabulary/reasons';

const SubjectSchema = z.object({
  subjectType: z.enum(['contact', 'organisation', 'municipality']),
  subjectId: z.string().min(1).max(320),
});
type Subject = z.infer<typeof SubjectSchema>;

export const SaveNoteInputSchema = SubjectSchema.extend({
  /** an empty (or blank) text deletes the note */
  text: z.string().max(10_000),
});
export type SaveNoteInput = z.input<typeof SaveNoteInputSchema>;

export const AddNextStepInputSchema = SubjectSchema.extend({
  text: z.string().trim().min(1).max(500),
  /** when it is due (ms since epoch), or null for "no date" */
  dueAt: z.number().int().min(0).max(8.64e15).nullable(),
});
export type AddNextStepInput = z.input<typeof AddNextStepInputSchema>;

export const UpdateNextStepInputSchema = z
  .object({
    id: z.string().min(3),
    done: z.boolean().optional(),
    text: z.string().trim().min(1).max(500).optional(),
    dueAt: z.number().int().min(0).max(8.64e15).nullable().optional(),
    /** true: delete the step */
    remove: z.literal(true).optional(),
  })
  .refine(
    (input) => input.remove || input.done !== undefined || input.text !== undefined || input.dueAt !== undefined,
    'nothing to change',
  );
export type UpdateNextStepInput = z.input<typeof UpdateNextStepInputSchema>;

export class UnknownSubjectError extends Error {
  readonly reason = reason('unknown-subject');
  constructor(readonly subject: string) {
    super(`Onbekend onderwerp: ${subject}`);
    this.name = 'UnknownSubjectError';
  }
}

async function assertSubjectExists(db: GemeenteradarDb, { subjectType, subjectId }: Subject): Promise<void> {
  const exists =
    subjectType === 'contact'
      ? (await db.contacts.get(subjectId)) !== undefined
      : subjectType === 'organisation'
        ? (await db.organisations.get(subjectId)) !== undefined
        : municipalityByCode(subjectId)?.code === subjectId;
  if (!exists) throw new UnknownSubjectError(`${subjectType}:${subjectId}`);
}

/** Saves (or, for blank text, deletes) the note of a subject; returns the note or null. */
export async function saveNote(db: GemeenteradarDb, input: SaveNoteInput, now: number = Date.now()): Promise<Note | null> {
  const { subjectType, subjectId, text } = SaveNoteInputSchema.parse(input);
  const id = noteIdFor(subjectType, subjectId);
  return db.transaction('rw', [db.notes, db.contacts, db.organisations], async () => {
    if (text.trim() === '') {
      await db.notes.delete(id);
      return null;
    }
    await assertSubjectExists(db, { subjectType, subjectId });
    const note: Note = { id, subjectType, subjectId, text, updatedAt: now };
    await db.notes.put(note);
    return note;
  });
}

export async function addNextStep(db: GemeenteradarDb, input: AddNextStepInput, now: number = Date.now()): Promise<NextStep> {
  const { subjectType, subjectId, text, dueAt } = AddNextStepInputSchema.parse(input);
  return db.transaction('rw', [db.nextSteps, db.contacts, db.organisations], async () => {
    await assertSubjectExists(db, { subjectType, subjectId });
    const step: NextStep = {
      id: `step:${now.toString(36)}:${Math.random().toString(36).slice(2, 8)}`,
      subjectType,
      subjectId,
      text,
      dueAt,
      done: false,
      updatedAt: now,
    };
    await db.nextSteps.add(step);
    return step;
  });
}

/** Marks a step done (or not), edits it, or deletes it; returns the step (null once deleted). */
export async function updateNextStep(
  db: GemeenteradarDb,
  input: UpdateNextStepInput,
  now: number = Date.now(),
): Promise<NextStep | null> {
  const { id, remove, ...changes } = UpdateNextStepInputSchema.parse(input);
  return db.transaction('rw', db.nextSteps, async () => {
    const step = await db.nextSteps.get(id);
    if (!step) throw new UnknownSubjectError(id);
    if (remove) {
      await db.nextSteps.delete(id);
      return null;
    }
    const updated: NextStep = {
      ...step,
      ...(changes.done !== undefined ? { done: changes.done } : {}),
      ...(changes.text !== undefined ? { text: changes.text } : {}),
      ...(changes.dueAt !== undefined ? { dueAt: changes.dueAt } : {}),
      updatedAt: now,
    };
    await db.nextSteps.put(updated);
    return updated;
  });
}
