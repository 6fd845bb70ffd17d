/**
 * Calendar meetings into the store: Google Calendar and Outlook calendar batches from the content
 * scripts and .ics files from the import page, validated by the background, one way in:
 * read (context.ts) -> plan (plan.ts, pure) -> write, in one transaction per batch (an .ics file
 * is one batch: never half-written).
 */
import type { MeetingInput } from '../../messaging/observations';
import type { GemeenteradarDb } from '../db';
import { readMeetingContext } from './context';
import { planMeetingIngest, type MeetingPlan } from './plan';

export { meetingContextOf } from './context';
export { emptyMeetingSummary, matchKeyOf, planMeetingIngest, type MeetingIngestSummary, type MeetingPlan } from './plan';

export async function ingestMeetings(db: GemeenteradarDb, input: MeetingInput, now: number = Date.now()): Promise<MeetingPlan> {
  return db.transaction('rw', [db.meetings, db.contacts, db.accounts], async () => {
    const plan = planMeetingIngest(await readMeetingContext(db, input), input, now);
    await Promise.all([
      plan.put.length ? db.meetings.bulkPut(plan.put) : undefined,
      plan.deleteIds.length ? db.meetings.bulkDelete(plan.deleteIds) : undefined,
    ]);
    return plan;
  });
}
