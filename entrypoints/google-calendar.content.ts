/**
 * Google Calendar (calendar.google.com, every account under /calendar/u/<n>/): wiring only. The
 * reading is lib/readers/google-calendar.ts; reading on change and sending are
 * lib/content/calendar-content-script.ts.
 */
import { runCalendarContentScript } from '@/lib/content/calendar-content-script';
import { readGoogleCalendar } from '@/lib/readers/google-calendar';
import { calendarMatchPatternsOf } from '@/lib/vocabulary/hosts';

export default defineContentScript({
  matches: calendarMatchPatternsOf('gcal'),
  // Gmail's side panel shows the calendar as an iframe of calendar.google.com: read there too (the
  // store keeps one record per event id, whichever frame or tab showed it)
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    runCalendarContentScript({ source: 'gcal', read: readGoogleCalendar, onInvalidated: (stop) => ctx.onInvalidated(stop) });
  },
});
