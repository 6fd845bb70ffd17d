/**
 * Outlook on the web: wiring only (docs/CONVENTIONS.md). The reading is lib/readers/outlook.ts;
 * reading on change, sending and the row badges are lib/content/mail-content-script.ts.
 *
 * Outlook navigates with the History API and keeps sockets open, so the page never reaches
 * "network idle": the runtime waits on the DOM (a debounced MutationObserver) instead.
 */
import { runMailContentScript } from '@/lib/content/mail-content-script';
import { createOutlookReader } from '@/lib/readers/outlook';
import { matchPatternsOf } from '@/lib/vocabulary/hosts';

export default defineContentScript({
  matches: matchPatternsOf('outlook'),
  runAt: 'document_idle',
  main(ctx) {
    runMailContentScript({ host: 'outlook', read: createOutlookReader(), onInvalidated: (stop) => ctx.onInvalidated(stop) });
  },
});
