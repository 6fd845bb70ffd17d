/**
 * The content scripts' side of the latency-updated signal (see lib/messaging/contact-statuses.ts):
 * the plain storage API, no WXT storage (9 KB minified) in the content-script bundles.
 */
import { LATENCY_UPDATED_KEY } from '../messaging/contact-statuses';

/** Calls `onUpdated` whenever the background bumped the key; returns the unsubscribe. */
export function watchLatencyUpdates(onUpdated: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && Object.hasOwn(changes, LATENCY_UPDATED_KEY)) onUpdated();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
