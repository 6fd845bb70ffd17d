/**
 * The user settles an attendee name the store left open (Outlook shows names only, and several
 * known contacts have this one): "this is Anna Bakker of Zwolle". The chosen contact joins the
 * meeting, the name is no longer open, and the meeting's evidence says the user chose
 * ('meeting-attendee-chosen'). Only a contact that was a candidate for the name can be chosen.
 * The plan keeps it so when the calendar shows the meeting again (its contacts are kept, and a
 * name one of them already answers stays settled).
 */
import { z } from 'zod';
import { evidence } from '../../vocabulary/evidence';
import { normaliseName } from '../../vocabulary/text-folding';
import type { GemeenteradarDb } from '../db';
import { UnknownSubjectError } from '../notes';
import { MeetingSchema, type Meeting } from '../schemas';

export const SettleMeetingNameInputSchema = z.object({
  meetingId: z.string().min(12).max(1300),
  name: z.string().min(1).max(300),
  contactId: z.string().min(3).max(1000),
});
export type SettleMeetingNameInput = z.input<typeof SettleMeetingNameInputSchema>;

const MAX_EVIDENCE = 10;

/** The meeting with the name settled to the contact; null when the name is not open with that candidate. */
export function settledMeeting(meeting: Meeting, name: string, contactId: string, now: number): Meeting | null {
  const folded = normaliseName(name);
  const open = meeting.openNames?.find((item) => normaliseName(item.name) === folded && item.candidateIds.includes(contactId));
  if (!open) return null;
  const openNames = (meeting.openNames ?? []).filter((item) => item !== open);
  const { openNames: _, ...rest } = meeting;
  return MeetingSchema.parse({
    ...rest,
    contactIds: [...new Set([...meeting.contactIds, contactId])],
    evidence: [...meeting.evidence, evidence('meeting-attendee-chosen', { name: open.name })].slice(-MAX_EVIDENCE),
    ...(openNames.length > 0 ? { openNames } : {}),
    updatedAt: now,
  });
}

/** Writes the choice; returns the contacts whose latency it changes. */
export async function settleMeetingName(db: GemeenteradarDb, input: SettleMeetingNameInput, now: number): Promise<string[]> {
  const { meetingId, name, contactId } = SettleMeetingNameInputSchema.parse(input);
  return db.transaction('rw', [db.meetings], async () => {
    const meeting = await db.meetings.get(meetingId);
    const settled = meeting ? settledMeeting(meeting, name, contactId, now) : null;
    if (!settled) throw new UnknownSubjectError(`meeting:${meetingId}:${name}`);
    await db.meetings.put(settled);
    return [contactId];
  });
}
