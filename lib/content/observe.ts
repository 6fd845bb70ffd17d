/**
 * The content-script runtime shared by the mail hosts and the calendars: runs a reader when the
 * page changes and sends what it read (ObservationBatches, MeetingBatches) when it changed. It never
 * throws into the page: a reader that throws becomes an 'unrecognised' batch. A read is delivered
 * only when the background confirmed every batch of it (`{ ok: true }`): a send that fails or
 * gets no answer (a service worker stopped mid-ingest) is sent again with backoff, and at the next
 * change. A batch the background refused for what it is (invalid, from the wrong page:
 * isRefusalOfContent) would be refused again and counted again: it is not sent again, and the
 * read's other batches follow.
 */
import type { ObservationBatch, ReaderHealth } from '../messaging/observations';
import type { MailHost } from '../vocabulary/hosts';
import { fnv1a } from '../fnv1a';
import { isRefusalOfContent } from '../vocabulary/reasons';
import { readToEnd, type ReaderResult, type ReadSteps } from '../readers/types';
import { reportSafely } from './report-safely';
import { slicedReads, type SliceHooks, type SlicedReads } from './slices';

export interface ObserveOptions extends PageWatchOptions {
  /** the host's reader, a pure function of the document */
  read: (root: Document) => ReaderResult;
  /** the same read in steps (a long list): read in slices that give the page its turn between them */
  readInSteps?: (root: Document) => ReadSteps<ReaderResult>;
  host: MailHost;
  /**
   * hands a batch to the background and returns (a promise of) its reply; only `{ ok: true }`
   * confirms it. A rejection, a throw or any other reply is a batch not delivered.
   */
  send: (batch: ObservationBatch) => unknown;
}

/** How a page is watched, read and delivered, whatever the reader (mail or calendar). */
export interface PageWatchOptions {
  /** waits before each new attempt at an unconfirmed read; default 1, 2, 4, 8, 16, 30 s, then the next change */
  retryDelaysMs?: readonly number[];
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
export interface PageReaderOptions<R, B> extends PageWatchOptions {
  /** required here: the webmail's default list stays in startObserving, out of the calendars' scripts */
  attributes: readonly string[];
  read: (root: Document) => R;
  /**
   * Reads in slices instead (slicedReads, slices.ts: a long list): a change meanwhile is read once
   * the read under way is done, and what is sent is the whole read, never a part. A separate
   * module, so the calendars' scripts carry none of it.
   */
  inSlices?: (...hooks: SliceHooks<R>) => SlicedReads;
  /** what a reader that throws stands for: an 'unrecognised' result */
  failed: R;
  /** a digest of everything a result would carry: an unchanged result is not sent again */
  fingerprint: (result: R) => string;
  /** the result as the batches that carry it, each within the contract's limit (never cut) */
  batchesOf: (result: R, observedAt: number) => B[];
  /**
   * hands one batch to the background and returns (a promise of) its reply; only `{ ok: true }`
   * confirms it. A rejection, a throw or any other reply is a batch not delivered.
   */
  send: (batch: B) => unknown;
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
const MAX_ITEMS = 1000; // the contract's limit per batch: a longer read goes in several batches
/**
 * Items per batch of a read in steps (a long list): the browser serialises a message in the
 * task that sends it, and a reply that sends the next batch of 1,000 threads was a task of 100-180 ms (long-task bench).
 */
const SLICED_READ_ITEMS = 200;
const RETRY_DELAYS_MS = [1000, 2000, 4000, 8000, 16000, 30000];

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
  const failed: ReaderResult = { account: null, threads: [], messages: [], health: READER_FAILED };
  return observePage<ReaderResult, ObservationBatch>({
    ...options,
    attributes: options.attributes ?? WATCHED_ATTRIBUTES,
    failed,
    ...(options.readInSteps ? { inSlices: slicedReads(options.readInSteps, fingerprintInSteps, failed) } : {}),
    fingerprint: (result) => readToEnd(fingerprintInSteps(result)),
    batchesOf: (result, observedAt) =>
      batchesOf(options.host, result, observedAt, options.readInSteps ? SLICED_READ_ITEMS : MAX_ITEMS),
  });
}

/** Reads the page on change (debounced) and sends what was read, until confirmed, when it changed. */
export function observePage<R, B>(options: PageReaderOptions<R, B>): Observation {
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

  const delivery = createDelivery<B>({
    send: options.send,
    retryDelaysMs: options.retryDelaysMs ?? RETRY_DELAYS_MS,
    report,
    // sent again at the next change too (a read with the same result is otherwise not sent)
    onFailed: (fingerprint) => {
      if (lastFingerprint === fingerprint) lastFingerprint = null;
    },
    // the extension is gone (updated or removed): this script is done
    onInvalidated: () => stop(),
  });

  /** Sends the read when it differs from the last one sent. */
  const deliverIfChanged = (result: R, fingerprint: string) => {
    if (fingerprint === lastFingerprint) return;
    lastFingerprint = fingerprint;
    delivery.deliver(fingerprint, options.batchesOf(result, now()));
  };

  const sliced =
    options.inSlices?.(
      root,
      () => stopped,
      deliverIfChanged,
      () => schedule(),
      report,
    ) ?? null;

  const readAndSend = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    firstPendingAt = null;
    if (stopped || sliced?.noteChange()) return;
    if (!applies()) {
      // another app's page on the same host: read again in full when the page is ours again
      lastFingerprint = null;
      return;
    }
    if (sliced) return sliced.start();
    const result = readSafely(options.read, root, options.failed, report);
    deliverIfChanged(result, options.fingerprint(result));
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

  const unwatch = watchPage(root, options.attributes, () => {
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
    delivery.stop();
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

/**
 * The read as batches within the contract's limit: a list longer than MAX_ITEMS goes in several
 * batches (each with the read's health), never cut.
 */
export function batchesOf(
  host: ObserveOptions['host'],
  result: ReaderResult,
  observedAt: number,
  items = MAX_ITEMS,
): ObservationBatch[] {
  return Array.from({ length: batchCount(items, result.threads.length, result.messages.length) }, (_, index) => ({
    host,
    account: result.account,
    observedAt,
    threads: result.threads.slice(index * items, (index + 1) * items),
    messages: result.messages.slice(index * items, (index + 1) * items),
    health: result.health,
  }));
}

/** How many batches of at most `max` items carry lists of these lengths (one, for a read of nothing). */
export function batchCount(max: number, ...lengths: number[]): number {
  return Math.max(1, Math.ceil(Math.max(0, ...lengths) / max));
}

interface DeliveryOptions<B> {
  send: (batch: B) => unknown;
  retryDelaysMs: readonly number[];
  report: (error: unknown) => void;
  /** a read's batches were not all confirmed (retries follow while there are delays left) */
  onFailed: (fingerprint: string) => void;
  onInvalidated: () => void;
}

/**
 * Sends a read's batches in order, each until the background confirms it, with backoff between
 * attempts. A newer read replaces an older one that is still being sent (it carries what the page
 * shows now); after the last delay the read waits for the next change.
 */
function createDelivery<B>({ send, retryDelaysMs, report, onFailed, onInvalidated }: DeliveryOptions<B>) {
  let current: { fingerprint: string; batches: B[]; next: number; attempt: number } | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  const cancel = () => {
    if (retryTimer !== null) clearTimeout(retryTimer);
    retryTimer = null;
  };

  const pump = async (job: NonNullable<typeof current>): Promise<void> => {
    while (job === current && job.next < job.batches.length) {
      const outcome = await confirmed(send, job.batches[job.next]!, report);
      if (job !== current) return; // replaced by a newer read, or stopped
      if (outcome === 'invalidated') return onInvalidated();
      if (outcome === 'failed') {
        onFailed(job.fingerprint);
        const delay = retryDelaysMs[job.attempt++];
        if (delay === undefined) current = null;
        else retryTimer = setTimeout(() => void pump(job), delay);
        return;
      }
      // confirmed, or refused for what it is (sent again it is refused again): the next batch
      job.next++;
      job.attempt = 0;
    }
    if (job === current) current = null;
  };

  return {
    deliver(fingerprint: string, batches: B[]) {
      cancel();
      current = { fingerprint, batches, next: 0, attempt: 0 };
      void pump(current);
    },
    stop() {
      cancel();
      current = null;
    },
  };
}

/** Sends one batch: 'ok' only on the background's `{ ok: true }`, 'refused' for what it is; never throws. */
async function confirmed<B>(
  send: (batch: B) => unknown,
  batch: B,
  report: (error: unknown) => void,
): Promise<'ok' | 'failed' | 'refused' | 'invalidated'> {
  try {
    const reply = await send(batch);
    if ((reply as { ok?: unknown } | null | undefined)?.ok === true) return 'ok';
    report(
      new Error(`batch not confirmed: ${JSON.stringify((reply as { error?: unknown } | null | undefined)?.error ?? 'no reply')}`),
    );
    return isRefusalOfContent(reply) ? 'refused' : 'failed';
  } catch (error) {
    report(error);
    return isContextInvalidated(error) ? 'invalidated' : 'failed';
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

/** Items digested between two steps of the fingerprint. */
const FINGERPRINT_ITEMS = 500;

/** A cheap digest of everything a batch would carry except its time, in steps of FINGERPRINT_ITEMS. */
function* fingerprintInSteps(result: ReaderResult): ReadSteps<string> {
  const parts = [fnv1a(JSON.stringify([result.account, result.health]))];
  for (const list of [result.threads, result.messages]) {
    parts.push(`${list.length}`);
    for (let start = 0; start < list.length; start += FINGERPRINT_ITEMS) {
      parts.push(fnv1a(JSON.stringify(list.slice(start, start + FINGERPRINT_ITEMS))));
      yield;
    }
  }
  return fnv1a(parts.join(' '));
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
