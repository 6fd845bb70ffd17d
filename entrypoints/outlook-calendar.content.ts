/**
 * Outlook's calendar on the four Outlook hosts, under /calendar/: wiring only. The reading is
 * lib/readers/outlook-calendar.ts; reading on change and sending are
 * lib/content/calendar-content-script.ts. Outlook moves between mail and calendar without a page
 * load, so this script runs on every Outlook page and reads only while the path is the calendar.
 */
import { runCalendarContentScript } from '@/lib/content/calendar-content-script';
import { readOutlookCalendar } from '@/lib/readers/outlook-calendar';
import { calendarMatchPatternsOf, isCalendarPath } from '@/lib/vocabulary/hosts';

export default defineContentScript({
  matches: calendarMatchPatternsOf('outlook-cal'),
  runAt: 'document_idle',
  main(ctx) {
    runCalendarContentScript({
      source: 'outlook-cal',
      read: readOutlookCalendar,
      applies: () => isCalendarPath(location.pathname),
      onInvalidated: (stop) => ctx.onInvalidated(stop),
    });
  },
});
