/**
 * The content-script runtime shared by the mail hosts and the calendars: runs a reader when the
 * page changes and sends what it read (an ObservationBatch, a MeetingBatch) when it changed. It never throws into the page: a reader
 * that throws becomes an 'unrecognised' batch, a failing send is retried at the next change.
 */
import type { ObservationBatch, ReaderHealth } from '../messaging/observations';
import type { MailHost } from '../vocabulary/hosts';
import { fnv1a } from '../fnv1a';
import type { ReaderResult } from '../readers/types';
import { reportSafely } from './report-safely';

export interface ObserveOptions extends PageWatchOptions {
  /** the host's reader, a pure function of the document */
  read: (root: Document) => ReaderResult;
  host: MailHost;
  /** hands a batch to the background; may return a promise (its rejection is handled here) */
  send: (batch: ObservationBatch) => unknown;
}

/** How a page is watched and read, whatever the reader (mail or calendar). */
export interface PageWatchOptions {
  /** quiet time after the last DOM mutation before reading; default 300 ms */
  debounceMs?: number;
  /** longest delay after the first unread mutation, so a page that never stops mutating still gets read; default 2000 ms */
  maxWaitMs?: number;
  /** default: the global document */
  root?: Document;
  /** clock for observedAt and the max wait; default Date.now */
  now?: () => number;
  /** told about reader and send errors (they are never rethrown) */
  onError?: (error: unknown) => void;
  /**
   * Whether the page is this reader's now (default always): Outlook's mail and calendar share
   * their hosts and move between each other without loading a page, so each reads only its own.
   */
  applies?: () => boolean;
  /** attributes whose changes can change what the reader sees; default the webmail's */
  attributes?: readonly string[];
}

/** A reader and what is done with its result: the runtime (observePage) for any reader. */
export interface PageReaderOptions<R> extends PageWatchOptions {
  read: (root: Document) => R;
  /** what a reader that throws stands for: an 'unrecognised' result */
  failed: R;
  /** a digest of everything a result would carry: an unchanged result is not sent again */
  fingerprint: (result: R) => string;
  /** hands a result to the background; may return a promise (its rejection is handled here) */
  send: (result: R, observedAt: number) => unknown;
}

export interface Observation {
  /** reads now, sending if the result changed */
  readNow(): void;
  /** disconnects the observer and listeners; no reads or sends after this */
  stop(): void;
}

/** Attributes whose changes can change what a reader sees (view switches, read state, ids). */
const WATCHED_ATTRIBUTES = [
  'class',
  'style',
  'hidden',
  'aria-hidden',
  'aria-expanded',
  'title',
  'role',
  'data-thread-id',
  'data-legacy-thread-id',
  'data-legacy-last-message-id',
  'data-legacy-last-non-draft-message-id',
  'data-thread-perm-id',
  'data-message-id',
  'data-legacy-message-id',
  'data-convid',
  'aria-selected',
];
const MAX_ITEMS = 1000; // the contract's limit per batch

/**
 * Marks every element the extension itself puts into the page (the inline row badges). Changes
 * to them, inside them, or their own insertion and removal are not the page changing: reading
 * again on them would only loop (a read places badges, which would trigger a read).
 */
export const OWN_ELEMENT_ATTRIBUTE = 'data-gemeenteradar';
const OWN_ELEMENT = `[${OWN_ELEMENT_ATTRIBUTE}]`;

const READER_FAILED: ReaderHealth = {
  view: 'other',
  status: 'unrecognised',
  itemsSeen: 0,
  itemsRead: 0,
  problems: { 'unknown-markup': 1 },
};

export function startObserving(options: ObserveOptions): Observation {
  return observePage<ReaderResult>({
    ...options,
    failed: { account: null, threads: [], messages: [], health: READER_FAILED },
    fingerprint: fingerprintOf,
    send: (result, observedAt) => options.send(batchOf(options.host, result, observedAt)),
  });
}

/** Reads the page on change (debounced) and sends what was read when it changed. */
export function observePage<R>(options: PageReaderOptions<R>): Observation {
  const root = options.root ?? document;
  const debounceMs = options.debounceMs ?? 300;
  const maxWaitMs = Math.max(options.maxWaitMs ?? 2000, debounceMs);
  const now = options.now ?? Date.now;
  const applies = options.applies ?? (() => true);
  const report = reportSafely(options.onError);

  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstPendingAt: number | null = null;
  let lastFingerprint: string | null = null;

  const readAndSend = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    firstPendingAt = null;
    if (stopped) return;
    if (!applies()) {
      // another app's page on the same host: read again in full when the page is ours again
      lastFingerprint = null;
      return;
    }
    const result = readSafely(options.read, root, options.failed, report);
    const fingerprint = options.fingerprint(result);
    if (fingerprint === lastFingerprint) return;
    lastFingerprint = fingerprint;
    deliver(
      () => options.send(result, now()),
      (error) => {
        report(error);
        // send again at the next change, unless the extension is gone (updated or removed)
        if (lastFingerprint === fingerprint) lastFingerprint = null;
        if (isContextInvalidated(error)) stop();
      },
    );
  };

  /** Debounced, with a max wait: quiet pages are read 300 ms after the last change, busy ones every 2 s. */
  const schedule = () => {
    if (stopped) return;
    const at = now();
    if (firstPendingAt === null) firstPendingAt = at;
    if (timer !== null) clearTimeout(timer);
    const delay = Math.max(0, Math.min(debounceMs, maxWaitMs - (at - firstPendingAt)));
    timer = setTimeout(readAndSend, delay);
  };

  const unwatch = watchPage(root, options.attributes ?? WATCHED_ATTRIBUTES, () => {
    try {
      schedule();
    } catch (error) {
      report(error);
    }
  });

  function stop(): void {
    if (stopped) return;
    stopped = true;
    unwatch();
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  const readNow = () => {
    try {
      readAndSend();
    } catch (error) {
      report(error);
    }
  };
  readNow();
  return { readNow, stop };
}

/** The reader's result; a reader that throws gives an 'unrecognised' result instead. */
function readSafely<R>(read: (root: Document) => R, root: Document, failed: R, report: (error: unknown) => void): R {
  try {
    return read(root);
  } catch (error) {
    report(error);
    return failed;
  }
}

function batchOf(host: MailHost, result: ReaderResult, observedAt: number): ObservationBatch {
  return {
    host,
    account: result.account,
    observedAt,
    threads: result.threads.slice(0, MAX_ITEMS),
    messages: result.messages.slice(0, MAX_ITEMS),
    health: result.health,
  };
}

/** Runs a send; a failure, thrown or rejected, goes to `failed`. */
function deliver(send: () => unknown, failed: (error: unknown) => void): void {
  try {
    const pending = send();
    if (pending && typeof (pending as PromiseLike<unknown>).then === 'function') {
      (pending as PromiseLike<unknown>).then(undefined, failed);
    }
  } catch (error) {
    failed(error);
  }
}

/**
 * Calls `onChange` on every change of the page that is not the extension's own, and on hash and
 * back/forward navigation; returns the unsubscribe. History API navigation (pushState, as Outlook
 * does) fires no event; the app re-renders right after it, and that mutation schedules the read
 * that sees the new URL and view. Hash routes (Gmail) and back/forward fire events.
 */
function watchPage(root: Document, attributes: readonly string[], onChange: () => void): () => void {
  const view = root.defaultView;
  const observer = new MutationObserver((records) => {
    // a page change is usually the first record: `some` stops there
    if (records.some((record) => !isOwnMutation(record))) onChange();
  });
  observer.observe(root, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: [...attributes],
  });
  view?.addEventListener('hashchange', onChange);
  view?.addEventListener('popstate', onChange);
  return () => {
    observer.disconnect();
    view?.removeEventListener('hashchange', onChange);
    view?.removeEventListener('popstate', onChange);
  };
}

/** A cheap digest of everything a batch would carry except its time. */
function fingerprintOf(result: ReaderResult): string {
  return fnv1a(JSON.stringify([result.account, result.health, result.threads, result.messages]));
}

/** A mutation of, inside, or only adding/removing the extension's own elements. */
export function isOwnMutation(record: MutationRecord): boolean {
  const target = record.target;
  const element = target.nodeType === 1 ? (target as Element) : target.parentElement;
  if (element?.closest(OWN_ELEMENT)) return true;
  if (record.type !== 'childList') return false;
  const changed = [...record.addedNodes, ...record.removedNodes];
  return (
    changed.length > 0 && changed.every((node) => node.nodeType === 1 && (node as Element).hasAttribute(OWN_ELEMENT_ATTRIBUTE))
  );
}

function isContextInvalidated(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /context invalidated/i.test(message);
}
