/**
 * Outlook on the web: reads the visible mail view with the Outlook reader and sends what it saw
 * to the background. Wiring only (docs/CONVENTIONS.md): the reading is lib/readers/outlook.ts,
 * the when-to-read is lib/readers/observe.ts. Only types come from lib/messaging: zod stays out
 * of this bundle.
 *
 * Outlook navigates with the History API and keeps sockets open, so the page never reaches
 * "network idle": the runtime waits on the DOM (a debounced MutationObserver) instead.
 */
import type { RuntimeMessage } from '@/lib/messaging/runtime';
import { startObserving } from '@/lib/readers/observe';
import { readOutlook } from '@/lib/readers/outlook';

export default defineContentScript({
  // The Outlook hosts of wxt.config.ts MAIL_HOST_PATTERNS (literal here: the config pulls in WXT).
  matches: [
    'https://outlook.office.com/*',
    'https://outlook.office365.com/*',
    'https://outlook.live.com/*',
    'https://outlook.cloud.microsoft/*',
  ],
  runAt: 'document_idle',
  main(ctx) {
    const observation = startObserving({
      host: 'outlook',
      // "now" at every read: relative dates ("Gisteren", "wo 14:03") mean the page's today
      read: (root) => readOutlook(root, { now: new Date() }),
      send: (batch) => browser.runtime.sendMessage({ type: 'observations', batch } satisfies RuntimeMessage),
    });
    // an updated or removed extension leaves this script orphaned: stop watching the page
    ctx.onInvalidated(observation.stop);
  },
});
