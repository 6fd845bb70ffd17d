/**
 * Meetings as the pages show them: per contact (side panel) or per municipality (popup detail)
 * the last meeting that took place and the next one planned. A meeting counts as the latency
 * model counts it (lib/store/latency.ts): not when a calendar cancelled it or the user said it
 * did not happen ("ging niet door"), not without a time; an all-day meeting at the end of its day.
 */
import type { GemeenteradarDb } from '../store/db';
import type { Meeting } from '../store/schemas';

export interface MeetingMoment {
  id: string;
  title: string;
  /** when it counts: its start, or the end of its day when all-day */
  at: number;
  start: number;
  allDay: boolean;
  /** the mail thread it was agreed in, if any: where the conversation about it opens */
  threadId?: string | null;
}

export interface MeetingMoments {
  last: MeetingMoment | null;
  next: MeetingMoment | null;
}

/**
 * When a meeting counts, or null when it does not. Pages read records unchecked (record-guards.ts):
 * a start that is not a time counts for nothing here, a title that is not text shows as none.
 */
export function meetingMoment(meeting: Meeting, didNotHappen: ReadonlySet<string>): MeetingMoment | null {
  if (meeting.status === 'cancelled' || !Number.isFinite(meeting.start) || didNotHappen.has(meeting.id)) return null;
  const start = meeting.start!;
  const allDay = meeting.allDay === true;
  const at = allDay && Number.isFinite(meeting.end) ? meeting.end! - 1 : start;
  const title = typeof meeting.title === 'string' ? meeting.title : '';
  return { id: meeting.id, title, at, start, allDay, threadId: typeof meeting.threadId === 'string' ? meeting.threadId : null };
}

export function meetingMomentsOf(meetings: readonly Meeting[], didNotHappen: ReadonlySet<string>, now: number): MeetingMoments {
  const moments: MeetingMoments = { last: null, next: null };
  for (const meeting of meetings) {
    const moment = meetingMoment(meeting, didNotHappen);
    if (!moment) continue;
    if (moment.at <= now) {
      if (!moments.last || moment.at > moments.last.at) moments.last = moment;
    } else if (!moments.next || moment.at < moments.next.at) {
      moments.next = moment;
    }
  }
  return moments;
}

/** The meetings with any of these contacts, and which of them the user said did not happen. */
export async function loadMeetingsOf(
  db: GemeenteradarDb,
  contactIds: readonly string[],
): Promise<{ meetings: Meeting[]; didNotHappen: Set<string> }> {
  if (contactIds.length === 0) return { meetings: [], didNotHappen: new Set() };
  return db.transaction('r', [db.meetings, db.decisions], async () => {
    const meetings = await db.meetings
      .where('contactIds')
      .anyOf([...contactIds])
      .distinct()
      .toArray();
    const decisions = meetings.length
      ? await db.decisions
          .where('[subjectType+subjectId]')
          .anyOf(meetings.map((meeting) => ['meeting', meeting.id]))
          .toArray()
      : [];
    return {
      meetings,
      didNotHappen: new Set(decisions.filter((decision) => decision.kind === 'meeting').map((decision) => decision.subjectId)),
    };
  });
}

export async function loadMeetingMoments(
  db: GemeenteradarDb,
  contactIds: readonly string[],
  now: number,
): Promise<MeetingMoments> {
  const { meetings, didNotHappen } = await loadMeetingsOf(db, contactIds);
  return meetingMomentsOf(meetings, didNotHappen, now);
}
