/**
 * Planning, meetings agreed in mail: each message seen whose visible text agrees a meeting with a
 * moment (lib/latency/agreed-meeting.ts), in either direction, is a meeting with the thread's
 * counterparts, keyed by its source `mail:<message id>` (a calendar event of the same meeting
 * will add its own source key). A message that no longer shows one (its text was read whole, and
 * the snippet misled) takes its meeting away. An automatic reply agrees nothing. Pure.
 */
import { findAgreedMeeting } from '../../latency/agreed-meeting';
import type { Meeting } from '../schemas';
import type { PlannedMessage } from './messages';

export const MAIL_MEETING_PREFIX = 'mail:';

export function meetingIdForSource(sourceKey: string): string {
  return `meeting:${sourceKey}`;
}

export interface PlannedMeetings {
  put: Meeting[];
  deleteIds: string[];
  /** the contacts of the meetings put or taken away: their latency needs recomputing */
  contactIds: string[];
}

function meetingOf(planned: PlannedMessage, counterparts: readonly string[], now: number): Meeting | null {
  const { record } = planned;
  if (record.at === null || record.isAutoReply || record.excerpt === '') return null;
  const agreed = findAgreedMeeting(record.excerpt, record.at);
  if (!agreed) return null;
  const contactIds = [...new Set([...record.contactIds, ...counterparts])].slice(0, 200);
  if (contactIds.length === 0) return null;
  const sourceKey = `${MAIL_MEETING_PREFIX}${record.id}`;
  return {
    id: meetingIdForSource(sourceKey),
    sourceKeys: [sourceKey],
    threadId: record.threadId,
    title: record.subject.slice(0, 1000),
    start: agreed.start,
    end: agreed.end,
    allDay: agreed.allDay,
    contactIds,
    status: 'agreed',
    evidence: agreed.evidence,
    updatedAt: now,
  };
}

export function planMeetings(
  messages: readonly PlannedMessage[],
  stored: ReadonlyMap<string, Meeting>,
  counterpartsOf: (threadKey: string) => readonly string[],
  now: number,
): PlannedMeetings {
  const planned: PlannedMeetings = { put: [], deleteIds: [], contactIds: [] };
  for (const message of messages) {
    const meeting = meetingOf(message, counterpartsOf(message.threadKey), now);
    const id = meetingIdForSource(`${MAIL_MEETING_PREFIX}${message.record.id}`);
    const before = stored.get(id);
    if (meeting) {
      planned.put.push(meeting);
      planned.contactIds.push(...meeting.contactIds);
    } else if (before) {
      planned.deleteIds.push(id);
    }
    if (before) planned.contactIds.push(...before.contactIds);
  }
  planned.contactIds = [...new Set(planned.contactIds)];
  return planned;
}
