/**
 * Outlook on the web: reads the visible mail view with the Outlook reader and sends what it saw
 * to the background; puts a warning badge on list rows whose contact is slow or unresponsive.
 * Wiring only (docs/CONVENTIONS.md): the reading is lib/readers/outlook.ts, the when-to-read is
 * lib/readers/observe.ts, the badges are lib/inline-badges.ts. Only types come from
 * lib/messaging/runtime: zod stays out of this bundle.
 *
 * Outlook navigates with the History API and keeps sockets open, so the page never reaches
 * "network idle": the runtime waits on the DOM (a debounced MutationObserver) instead.
 */
import { createInlineBadges } from '@/lib/inline-badges';
import { watchLatencyUpdates } from '@/lib/messaging/contact-statuses';
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
    const badges = createInlineBadges({
      query: (addresses) => browser.runtime.sendMessage({ type: 'contact-statuses', addresses } satisfies RuntimeMessage),
    });
    const observation = startObserving({
      host: 'outlook',
      // "now" at every read: relative dates ("Gisteren", "wo 14:03") mean the page's today
      read: (root) => badges.read((onRow) => readOutlook(root, { now: new Date(), onRow })),
      send: (batch) => browser.runtime.sendMessage({ type: 'observations', batch } satisfies RuntimeMessage),
    });
    // the background bumps this after every latency recomputation: ask again about the rows
    const unwatch = watchLatencyUpdates(() => badges.invalidate());
    // an updated or removed extension leaves this script orphaned: stop watching, take the badges away
    ctx.onInvalidated(() => {
      observation.stop();
      unwatch();
      badges.stop();
    });
  },
});
