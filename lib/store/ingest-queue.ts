/**
 * Serialises ingest in the background. Batches that arrive while a transaction runs are
 * coalesced into the next one, so two busy Gmail tabs cost one transaction per burst, and
 * the order of writes is the order of arrival.
 *
 * It also remembers what it stored: pages send the same rows again and again (a reload, a second
 * tab, a re-render after a label change), and an observation identical to one already stored
 * changes nothing, so it is dropped before it costs a transaction. The memory is only a shortcut:
 * it is forgotten when anything else writes (`forget`, after every user action), when the
 * service worker stops, and for the oldest entries past a bound. Without it, ingest reads the
 * store and comes to the same result.
 */
import { fnv1a } from '../fnv1a';
import type { GemeenteradarDb } from './db';
import { emptyIngestSummary, ingestBatches, type IngestBatch, type IngestSummary } from './ingest';

/** How a batch that is not a page's is queued (a mailbox import's); by default as a page's. */
export interface PushOptions {
  /**
   * false: the caller owes the background pipeline itself (a mailbox import owes it once, at its
   * end): `onIngested` is not told of a transaction that held only such batches.
   */
  owesPipeline?: boolean;
  /** false: not remembered (pages never send imported mail again; it would push their rows out) */
  remember?: boolean;
}

export interface IngestQueue {
  push(batch: IngestBatch, options?: PushOptions): Promise<IngestSummary>;
  /** resolves when everything pushed so far is stored */
  idle(): Promise<void>;
  /** forgets what was stored: call after any other write to the store (a user's action) */
  forget(): void;
}

/** Enough for every row and message of a long working day; about 100 bytes an entry. */
export const REMEMBERED_OBSERVATIONS = 50_000;

/** One entry per observation: its key, and a fingerprint of everything ingest would use of it. */
interface Seen {
  key: string;
  fingerprint: string;
}

function observationsOf(batch: IngestBatch): Seen[] {
  // the account and host decide direction and classification: they are part of what was seen
  const context = `${batch.host}\u0001${batch.account ?? ''}\u0001`;
  return [
    ...batch.threads.map((thread) => ({ key: `t\u0001${thread.threadKey}`, fingerprint: fnv1a(context + JSON.stringify(thread)) })),
    ...batch.messages.map((message) => ({ key: `m\u0001${message.messageKey}`, fingerprint: fnv1a(context + JSON.stringify(message)) })),
  ];
}

/**
 * What the queue stored, by observation: a fingerprint per key, oldest first (a Map keeps
 * insertion order), and the accounts seen. A user action (`forget`) during a transaction means
 * what that transaction stored is not remembered: each entry carries the generation it began in.
 */
function createObservationMemory(remember: number) {
  const stored = new Map<string, string>();
  const knownAccounts = new Set<string>();
  let generation = 0;
  const accountOf = (batch: IngestBatch) => (batch.account ? `${batch.host}\u0001${batch.account}` : null);

  return {
    get generation() {
      return generation;
    },
    /** The batch without what is stored exactly so already, or null when nothing is left. */
    unseenPart(batch: IngestBatch, seen: Seen[]): { batch: IngestBatch; seen: Seen[] } | null {
      const fresh = seen.map((entry) => stored.get(entry.key) !== entry.fingerprint);
      const account = accountOf(batch);
      if ((!account || knownAccounts.has(account)) && !fresh.includes(true)) return null;
      const threadCount = batch.threads.length;
      return {
        batch: {
          ...batch,
          threads: batch.threads.filter((_, index) => fresh[index]),
          messages: batch.messages.filter((_, index) => fresh[threadCount + index]),
        },
        seen: seen.filter((_, index) => fresh[index]),
      };
    },
    /** Remembers what a transaction begun in `since` stored, unless a user action came between. */
    remember(batch: IngestBatch, seen: readonly Seen[], since: number): void {
      if (since !== generation) return;
      const account = accountOf(batch);
      if (account && !knownAccounts.has(account)) {
        // a new own address can make earlier people colleagues or the user: see them all again
        stored.clear();
        knownAccounts.add(account);
      }
      for (const { key, fingerprint } of seen) {
        stored.delete(key); // re-inserted: most recently seen last
        stored.set(key, fingerprint);
      }
    },
    /** Drops the oldest entries past the bound. */
    trim(): void {
      for (const key of stored.keys()) {
        if (stored.size <= remember) break;
        stored.delete(key);
      }
    },
    forget(): void {
      generation++;
      stored.clear();
      knownAccounts.clear();
    },
  };
}

export function createIngestQueue(
  db: GemeenteradarDb,
  {
    onIngested,
    now = Date.now,
    remember = REMEMBERED_OBSERVATIONS,
  }: { onIngested?: (summary: IngestSummary) => void; now?: () => number; remember?: number } = {},
): IngestQueue {
  type Pending = {
    batch: IngestBatch;
    seen: Seen[];
    generation: number;
    options: PushOptions;
    resolve: (s: IngestSummary) => void;
    reject: (e: unknown) => void;
  };
  let pending: Pending[] = [];
  let running: Promise<void> | null = null;
  const memory = createObservationMemory(remember);

  const drain = async () => {
    while (pending.length > 0) {
      const current = pending;
      pending = [];
      try {
        const summary = await ingestBatches(db, current.map((entry) => entry.batch), now());
        for (const entry of current) if (entry.options.remember !== false) memory.remember(entry.batch, entry.seen, entry.generation);
        memory.trim();
        for (const entry of current) entry.resolve(summary);
        if (current.some((entry) => entry.options.owesPipeline !== false)) onIngested?.(summary);
      } catch (error) {
        for (const entry of current) entry.reject(error);
      }
    }
    running = null;
  };

  return {
    push(batch, options = {}) {
      const unseen = memory.unseenPart(batch, observationsOf(batch));
      if (!unseen) return Promise.resolve(emptyIngestSummary());
      return new Promise<IngestSummary>((resolve, reject) => {
        pending.push({ ...unseen, generation: memory.generation, options, resolve, reject });
        running ??= drain();
      });
    },
    async idle() {
      while (running) await running;
    },
    forget() {
      memory.forget();
    },
  };
}
