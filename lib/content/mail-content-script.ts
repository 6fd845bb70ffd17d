/**
 * What every webmail content script does, whichever host: read the visible view with the host's
 * reader when the page changes and send what it saw to the background; put warning badges on
 * list rows whose contact is slow or unresponsive; stop cleanly when the extension goes away.
 * The entrypoints only name their host and reader. Only types come from lib/messaging/runtime:
 * zod stays out of content-script bundles.
 */
import type { RuntimeMessage } from '../messaging/runtime';
import type { OnListRow, ReaderResult, ReadSteps } from '../readers/types';
import type { MailHost } from '../vocabulary/hosts';
import { createInlineBadges } from './inline-badges';
import { watchLatencyUpdates } from './latency-updates';
import { startObserving } from './observe';

export type HostReader = (root: Document, options: { now: Date; onRow: OnListRow }) => ReaderResult;
/** The same read in steps (Gmail's: a list may hold thousands of rows; Outlook renders the visible ones only). */
export type HostReaderInSteps = (root: Document, options: { now: Date; onRow: OnListRow }) => ReadSteps<ReaderResult>;

export function runMailContentScript({
  host,
  read,
  readInSteps,
  applies,
  onInvalidated,
}: {
  host: MailHost;
  read: HostReader;
  readInSteps?: HostReaderInSteps;
  /** whether the page is mail now (Outlook's calendar lives on the same hosts); default always */
  applies?: () => boolean;
  /** WXT's ctx.onInvalidated: an updated or removed extension leaves the script orphaned */
  onInvalidated: (stop: () => void) => void;
}): void {
  const badges = createInlineBadges({
    query: (addresses) => browser.runtime.sendMessage({ type: 'contact-statuses', addresses } satisfies RuntimeMessage),
  });
  const observation = startObserving({
    host,
    ...(applies ? { applies } : {}),
    // "now" at every read: relative dates ("Gisteren", "wo 14:03") mean the page's today
    read: (root) => badges.read((onRow) => read(root, { now: new Date(), onRow })),
    ...(readInSteps
      ? { readInSteps: (root: Document) => badges.readInSteps((onRow) => readInSteps(root, { now: new Date(), onRow })) }
      : {}),
    send: (batch) => browser.runtime.sendMessage({ type: 'observations', batch } satisfies RuntimeMessage),
  });
  // the background bumps this after every latency recomputation: ask again about the rows
  const unwatch = watchLatencyUpdates(() => badges.invalidate());
  onInvalidated(() => {
    observation.stop();
    unwatch();
    badges.stop();
  });
}
