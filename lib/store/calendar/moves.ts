/**
 * Calendar meetings: an Outlook meeting that moved. Pure (no Dexie), part of the plan (plan.ts).
 *
 * Outlook's calendar shows no event ids: its key is made of the subject and the start
 * (lib/readers/outlook-calendar.ts), so a meeting moved to another time comes back under a new key
 * and would be stored a second time beside its old self. A stored Outlook meeting is taken for the
 * one that moved only when all of these hold, and otherwise the two stay apart (never guessed):
 * - the same title (folded, a "Canceled:" prefix off) and at least one stakeholder in common;
 * - its old start is within a week of the new one;
 * - the page that shows the new time shows the old time too (the old start lies within the span
 *   of the meetings the batch holds), and no longer shows the meeting there (none of its Outlook
 *   keys is in the batch): it was not a second event, it moved;
 * - exactly one stored meeting fits (two instances of a series: no move).
 */
import type { MeetingInput, MeetingObservation } from '../../messaging/observations';
import { normaliseName } from '../../vocabulary/text-folding';
import type { Meeting } from '../schemas';

const WEEK = 7 * 86_400_000;
export const OUTLOOK_KEY_PREFIX = 'outlook-cal:';
/** Prefixes a calendar puts before a cancelled meeting's title (Outlook, nl and en). */
const CANCELLED_TITLE_PREFIX = /^\s*(?:canceled|cancelled|geannuleerd|afgezegd)\s*:\s*/i;

/** A title as meetings are compared by: folded, a cancellation prefix off. */
export function foldedTitle(title: string): string {
  return normaliseName(title.replace(CANCELLED_TITLE_PREFIX, '')).slice(0, 300);
}

/** What a calendar page showed: the keys of its meetings and the span they cover. */
export interface ShownSpan {
  keys: ReadonlySet<string>;
  start: number;
  end: number;
}

/** The span an Outlook batch shows (null for other sources, or when no meeting has a time). */
export function shownSpanOf(input: MeetingInput): ShownSpan | null {
  if (input.source !== 'outlook-cal') return null;
  let start = Infinity;
  let end = -Infinity;
  for (const meeting of input.meetings) {
    if (meeting.start === null) continue;
    start = Math.min(start, meeting.start);
    end = Math.max(end, meeting.end ?? meeting.start);
  }
  if (start === Infinity) return null;
  return { keys: new Set(input.meetings.map((meeting) => meeting.meetingKey)), start, end };
}

/** The time range whose stored meetings can be the old place of a moved one (context.ts reads it). */
export function movableRangeOf(span: ShownSpan): { start: number; end: number } {
  return { start: span.start - WEEK, end: span.end + WEEK };
}

const outlookKeysOf = (meeting: Meeting) => meeting.sourceKeys.filter((key) => key.startsWith(OUTLOOK_KEY_PREFIX));

/**
 * The stored Outlook meeting this observation is, moved, or null. `movable` holds the stored
 * meetings of the observation's stakeholders; `taken` the records the batch already wrote.
 */
export function movedMeetingOf(
  observation: MeetingObservation & { start: number },
  contactIds: readonly string[],
  movable: readonly Meeting[],
  span: ShownSpan,
  taken: { has(id: string): boolean },
): Meeting | null {
  if (contactIds.length === 0) return null;
  const title = foldedTitle(observation.title);
  const fits = movable.filter((meeting) => {
    if (meeting.start === null || meeting.status === 'agreed' || taken.has(meeting.id)) return false;
    const keys = outlookKeysOf(meeting);
    return (
      keys.length > 0 &&
      !keys.some((key) => span.keys.has(key)) &&
      meeting.start >= span.start &&
      meeting.start <= span.end &&
      Math.abs(meeting.start - observation.start) <= WEEK &&
      foldedTitle(meeting.title) === title &&
      meeting.contactIds.some((id) => contactIds.includes(id))
    );
  });
  return fits.length === 1 ? fits[0]! : null;
}

/** A moved meeting's record no longer answers to its old Outlook keys (the old time is free again). */
export function withoutOldOutlookKeys(meeting: Meeting, moved: Meeting, observation: MeetingObservation): Meeting {
  const old = new Set(outlookKeysOf(moved).filter((key) => key !== observation.meetingKey));
  return { ...meeting, sourceKeys: meeting.sourceKeys.filter((key) => !old.has(key)) };
}
