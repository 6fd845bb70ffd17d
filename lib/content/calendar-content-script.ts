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
import { observePage } from './observe';

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
  const observation = observePage<CalendarReaderResult>({
    // "now" at every read: "Today", "Tomorrow" and a week without a year mean the page's today
    read: (root) => read(root, { now: new Date() }),
    failed: { account: null, meetings: [], health: READER_FAILED },
    fingerprint: (result) => fnv1a(JSON.stringify([result.account, result.health, result.meetings])),
    send: (result, observedAt) => {
      const batch: MeetingBatch = {
        source,
        account: result.account,
        observedAt,
        meetings: result.meetings.slice(0, MAX_MEETINGS),
        health: result.health,
      };
      return browser.runtime.sendMessage({ type: 'meetings', batch } satisfies RuntimeMessage);
    },
    attributes: CALENDAR_ATTRIBUTES,
    ...(applies ? { applies } : {}),
  });
  onInvalidated(() => observation.stop());
}
