/**
 * Gmail: reads the visible view with the Gmail reader and sends what it saw to the background.
 * Wiring only (docs/CONVENTIONS.md): the reading is lib/readers/gmail.ts, the when-to-read is
 * lib/readers/observe.ts. Only types come from lib/messaging: zod stays out of this bundle.
 */
import type { RuntimeMessage } from '@/lib/messaging/runtime';
import { readGmail } from '@/lib/readers/gmail';
import { startObserving } from '@/lib/readers/observe';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const observation = startObserving({
      host: 'gmail',
      // "now" at every read: relative dates ("Gisteren", "wo") mean the page's today
      read: (root) => readGmail(root, { now: new Date() }),
      send: (batch) => browser.runtime.sendMessage({ type: 'observations', batch } satisfies RuntimeMessage),
    });
    // an updated or removed extension leaves this script orphaned: stop watching the page
    ctx.onInvalidated(observation.stop);
  },
});
