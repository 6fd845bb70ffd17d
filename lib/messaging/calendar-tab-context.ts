/**
 * What each calendar tab (Google Calendar, Outlook's calendar) has open right now: the event in
 * its dialog or card, with the people the page shows, kept by the background in session storage
 * so the side panel beside the tab can show them with their tags and status (as it does for the
 * open conversation of a webmail tab, ./tab-context.ts). Null when no event is open.
 */
import { storage } from 'wxt/utils/storage';
import type { CalendarSource, MeetingAttendee, MeetingBatch } from './observations';
import type { SidePanelLike } from './tab-context';

export interface CalendarTabContext {
  source: CalendarSource;
  /** the open event's key: the stored meeting is found under it (sourceKeys) */
  meetingKey: string;
  title: string;
  start: number | null;
  allDay: boolean;
  /** everyone the page shows on the event, but the user, in order (at most MAX_ATTENDEES) */
  attendees: Array<Pick<MeetingAttendee, 'name' | 'address' | 'response'>>;
  /** attendees beyond MAX_ATTENDEES */
  attendeesOmitted: number;
  at: number;
}

const MAX_ATTENDEES = 50;

/** The open event of a calendar batch, or null (no event open, or not among the batch's meetings). */
export function calendarContextFromBatch(batch: MeetingBatch, at: number): CalendarTabContext | null {
  const open = batch.openMeetingKey ? batch.meetings.find((meeting) => meeting.meetingKey === batch.openMeetingKey) : undefined;
  if (!open) return null;
  const others = open.attendees.filter((attendee) => batch.account === null || attendee.address !== batch.account);
  return {
    source: batch.source,
    meetingKey: open.meetingKey,
    title: open.title,
    start: open.start,
    allDay: open.allDay,
    attendees: others.slice(0, MAX_ATTENDEES).map(({ name, address, response }) => ({ name, address, response })),
    attendeesOmitted: Math.max(0, others.length - MAX_ATTENDEES),
    at,
  };
}

export function calendarContextItem(tabId: number) {
  return storage.defineItem<CalendarTabContext | null>(`session:calendar-context:${tabId}`, { fallback: null });
}

/** Only another event, or other people on it, is worth a write (batches repeat while the user looks). */
function sameCalendarContext(a: CalendarTabContext | null, b: CalendarTabContext | null): boolean {
  if (a === null || b === null) return a === b;
  return JSON.stringify({ ...a, at: 0 }) === JSON.stringify({ ...b, at: 0 });
}

/** Remembers the event a calendar tab has open, for the side panel, and enables the panel on that tab. */
export async function rememberCalendarTab(
  batch: MeetingBatch,
  tabId: number | undefined,
  sidePanel: SidePanelLike | undefined,
  at: number = Date.now(),
): Promise<void> {
  if (tabId === undefined) return;
  const item = calendarContextItem(tabId);
  const context = calendarContextFromBatch(batch, at);
  if (!sameCalendarContext(await item.getValue(), context)) await item.setValue(context);
  await sidePanel?.setOptions({ tabId, path: 'sidepanel.html', enabled: true });
}
