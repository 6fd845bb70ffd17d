/**
 * The timeline read model: every mail, call and meeting with some contacts, newest first (a
 * planned meeting on top). The popup's
 * municipality detail and the side panel's contact cards both show it.
 */
import type { GemeenteradarDb } from '../store/db';
import type { Meeting } from '../store/schemas';
import { loadMeetingsOf } from './meetings';

export interface TimelineItem {
  id: string;
  kind: 'email' | 'call' | 'meeting';
  direction: 'in' | 'out';
  at: number | null;
  atRaw: string | null;
  /** the stakeholder(s) involved */
  contactIds: string[];
  subject: string;
  threadId: string | null;
  isAutoReply: boolean;
  /** calls: picked up or not */
  answered: boolean | null;
  note: string;
  /** meetings: cancelled by a calendar or declined, or the user said it did not happen */
  cancelled: boolean;
}

function meetingItem(meeting: Meeting & { start: number }, didNotHappen: ReadonlySet<string>): TimelineItem {
  return {
    id: meeting.id,
    kind: 'meeting',
    direction: 'out',
    at: meeting.start,
    atRaw: null,
    contactIds: meeting.contactIds,
    subject: meeting.title,
    threadId: meeting.threadId,
    isAutoReply: false,
    answered: null,
    note: '',
    cancelled: meeting.status === 'cancelled' || didNotHappen.has(meeting.id),
  };
}

/** Newest first; items whose time is unknown come last, with the text the page showed. */
export function sortTimeline(items: TimelineItem[]): TimelineItem[] {
  return items.sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity));
}

/** Every mail, call and meeting with these contacts, newest first, at most `limit`. */
export async function loadTimeline(db: GemeenteradarDb, contactIds: readonly string[], limit = 100): Promise<TimelineItem[]> {
  if (contactIds.length === 0) return [];
  return db.transaction('r', [db.messages, db.calls, db.meetings, db.decisions], async () => {
    const [messages, calls, { meetings, didNotHappen }] = await Promise.all([
      db.messages
        .where('contactIds')
        .anyOf([...contactIds])
        .distinct()
        .toArray(),
      db.calls
        .where('contactId')
        .anyOf([...contactIds])
        .toArray(),
      loadMeetingsOf(db, contactIds),
    ]);
    const items: TimelineItem[] = [
      ...messages.map((message) => ({
        id: message.id,
        kind: 'email' as const,
        direction: message.direction,
        at: message.at,
        atRaw: message.atRaw,
        contactIds: message.contactIds,
        subject: message.subject,
        threadId: message.threadId,
        isAutoReply: message.isAutoReply ?? false,
        answered: null,
        note: '',
        cancelled: false,
      })),
      ...calls.map((call) => ({
        id: call.id,
        kind: 'call' as const,
        direction: call.direction,
        at: call.at,
        atRaw: null,
        contactIds: [call.contactId],
        subject: '',
        threadId: null,
        isAutoReply: false,
        answered: call.answered,
        note: call.note,
        cancelled: false,
      })),
      ...meetings.flatMap((meeting) =>
        meeting.start === null ? [] : [meetingItem({ ...meeting, start: meeting.start }, didNotHappen)],
      ),
    ];
    return sortTimeline(items).slice(0, limit);
  });
}
