/**
 * Outlook on the web: wiring only (docs/CONVENTIONS.md). The reading is lib/readers/outlook.ts;
 * reading on change, sending and the row badges are lib/content/mail-content-script.ts.
 *
 * Outlook navigates with the History API and keeps sockets open, so the page never reaches
 * "network idle": the runtime waits on the DOM (a debounced MutationObserver) instead. Mail and
 * calendar share the hosts and switch without a page load: this script reads only off /calendar/.
 */
import { runMailContentScript } from '@/lib/content/mail-content-script';
import { createOutlookReader } from '@/lib/readers/outlook';
import { isCalendarPath, matchPatternsOf } from '@/lib/vocabulary/hosts';

export default defineContentScript({
  matches: matchPatternsOf('outlook'),
  runAt: 'document_idle',
  main(ctx) {
    runMailContentScript({
      host: 'outlook',
      read: createOutlookReader(),
      // the calendar is outlook-calendar.content.ts's
      applies: () => !isCalendarPath(location.pathname),
      onInvalidated: (stop) => ctx.onInvalidated(stop),
    });
  },
});
