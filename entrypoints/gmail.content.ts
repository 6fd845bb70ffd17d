/**
 * Gmail: reads the visible view with the Gmail reader and sends what it saw to the background;
 * puts a warning badge on list rows whose contact is slow or unresponsive.
 * Wiring only (docs/CONVENTIONS.md): the reading is lib/readers/gmail.ts, the when-to-read is
 * lib/readers/observe.ts, the badges are lib/inline-badges.ts. Only types come from
 * lib/messaging/runtime: zod stays out of this bundle.
 */
import { createInlineBadges } from '@/lib/inline-badges';
import { watchLatencyUpdates } from '@/lib/messaging/contact-statuses';
import type { RuntimeMessage } from '@/lib/messaging/runtime';
import { readGmail } from '@/lib/readers/gmail';
import { startObserving } from '@/lib/readers/observe';

export default defineContentScript({
  matches: ['https://mail.google.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const badges = createInlineBadges({
      query: (addresses) => browser.runtime.sendMessage({ type: 'contact-statuses', addresses } satisfies RuntimeMessage),
    });
    const observation = startObserving({
      host: 'gmail',
      // "now" at every read: relative dates ("Gisteren", "wo") mean the page's today
      read: (root) => badges.read((onRow) => readGmail(root, { now: new Date(), onRow })),
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
