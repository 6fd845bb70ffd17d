/**
 * What every calendar content script does (Google Calendar, Outlook's calendar): read the visible
 * view with the calendar's reader when the page changes and send the meetings it saw, with the
 * reader's health (a view it cannot read says so in the popup), to the background; stop cleanly
 * when the extension goes away. Only types come from lib/messaging: zod stays out of the bundle.
 */
import { fnv1a } from '../fnv1a';
import type { CalendarReaderHealth, MeetingBatch } from '../messaging/observations';
import type { RuntimeMessage } from '../messaging/runtime';
import type { CalendarReadOptions, CalendarReaderResult } from '../readers/types';
import { batchCount, observePage } from './observe';

export type CalendarReader = (root: Document, options: CalendarReadOptions) => CalendarReaderResult;

/** The contract's limit per batch. */
const MAX_MEETINGS = 2000;

/** Attributes whose changes can change what a calendar reader sees (views, events, dialogs). */
const CALENDAR_ATTRIBUTES = [
  'class',
  'style',
  'hidden',
  'aria-hidden',
  'aria-label',
  'data-eventid',
  'data-datekey',
  'aria-selected',
  'role',
  'title',
];

const READER_FAILED: CalendarReaderHealth = {
  view: 'other',
  status: 'unrecognised',
  itemsSeen: 0,
  itemsRead: 0,
  problems: { 'unknown-markup': 1 },
};

export function runCalendarContentScript({
  source,
  read,
  applies,
  onInvalidated,
}: {
  source: MeetingBatch['source'];
  read: CalendarReader;
  /** whether the page is the calendar now (Outlook's mail lives on the same hosts); default always */
  applies?: () => boolean;
  onInvalidated: (stop: () => void) => void;
}): void {
  const observation = observePage<CalendarReaderResult, MeetingBatch>({
    // "now" at every read: "Today", "Tomorrow" and a week without a year mean the page's today
    read: (root) => read(root, { now: new Date() }),
    failed: { account: null, meetings: [], health: READER_FAILED },
    fingerprint: (result) => fnv1a(JSON.stringify([result.account, result.health, result.meetings, result.openKey ?? null])),
    batchesOf: (result, observedAt) => meetingBatchesOf(source, result, observedAt),
    // retried until the background confirms it (observePage), as the mail scripts' batches are
    send: (batch) => browser.runtime.sendMessage({ type: 'meetings', batch } satisfies RuntimeMessage),
    attributes: CALENDAR_ATTRIBUTES,
    ...(applies ? { applies } : {}),
  });
  onInvalidated(() => observation.stop());
}

/**
 * The read as batches within the contract's limit: more meetings than MAX_MEETINGS go in several
 * batches (each with the read's health), never cut.
 */
export function meetingBatchesOf(
  source: MeetingBatch['source'],
  result: CalendarReaderResult,
  observedAt: number,
): MeetingBatch[] {
  return Array.from({ length: batchCount(MAX_MEETINGS, result.meetings.length) }, (_, index) => ({
    source,
    account: result.account,
    observedAt,
    meetings: result.meetings.slice(index * MAX_MEETINGS, (index + 1) * MAX_MEETINGS),
    health: result.health,
    openMeetingKey: result.openKey ?? null,
  }));
}
