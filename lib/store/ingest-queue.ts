/**
 * Serialises the background's writes. Batches that arrive while a transaction runs are
 * coalesced into the next one, so two busy Gmail tabs cost one transaction per burst, and
 * the order of writes is the order of arrival. A user's action is a step of the same queue
 * (`exclusive`): it never runs beside an ingest, so no batch plans from records it is changing.
 * When a coalesced transaction fails, each of its batches is stored alone: one tab's bad batch
 * fails alone.
 *
 * It also remembers what it stored: pages send the same rows again and again (a reload, a second
 * tab, a re-render after a label change), and an observation identical to one already stored
 * changes nothing, so it is dropped before it costs a transaction. The memory is only a shortcut:
 * it is forgotten when anything else writes (around every `exclusive` step), when the
 * service worker stops, and for the oldest entries past a bound. Without it, ingest reads the
 * store and comes to the same result.
 */
import { fnv1a } from '../fnv1a';
import type { GemeenteradarDb } from './db';
import { createRecordMemory, emptyIngestSummary, ingestBatches, type IngestBatch, type IngestSummary } from './ingest';

/** How a batch that is not a page's is queued (a mailbox import's); by default as a page's. */
export interface PushOptions {
  /**
   * false: the caller owes the background pipeline itself (a mailbox import owes it once, at its
   * end): `onIngested` is not told of a transaction that held only such batches.
   */
  owesPipeline?: boolean;
  /**
   * false: its observations are not remembered (pages never send imported mail again; it would
   * push their rows out). The records ingest read and wrote for it are, as any batch's (bounded):
   * the next batch of the same import meets the same people.
   */
  remember?: boolean;
}

export interface IngestQueue {
  /** resolves when the batch is stored (a record the store refuses is counted, the rest stored); rejects when it was not */
  push(batch: IngestBatch, options?: PushOptions): Promise<IngestSummary>;
  /**
   * Runs a write outside ingest (a user's action, a restore) as a step of the queue: after every
   * batch pushed before it, before any pushed after, never beside an ingest transaction; what
   * the queue remembers is forgotten before and after it. Resolves or rejects as `work` does.
   */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** resolves when everything pushed so far is stored */
  idle(): Promise<void>;
  /** forgets what was stored: for a write that cannot wait its turn (use `exclusive`) */
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
    ...batch.threads.map((thread) => ({
      key: `t\u0001${thread.threadKey}`,
      fingerprint: fnv1a(context + JSON.stringify(thread)),
    })),
    ...batch.messages.map((message) => ({
      key: `m\u0001${message.messageKey}`,
      fingerprint: fnv1a(context + JSON.stringify(message)),
    })),
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

/** A batch waiting for its transaction, with what the memory needs once it is stored. */
interface PendingBatch {
  kind: 'batch';
  batch: IngestBatch;
  seen: Seen[];
  generation: number;
  options: PushOptions;
  resolve: (summary: IngestSummary) => void;
  reject: (error: unknown) => void;
}

/** A write outside ingest (a user's action) waiting for its turn. */
interface PendingExclusive {
  kind: 'exclusive';
  run: () => Promise<void>;
}

/** The step that runs `work` in its turn, with what the queue remembers forgotten before and after. */
function exclusiveStep<T>(
  work: () => Promise<T>,
  forget: () => void,
  resolve: (value: T) => void,
  reject: (error: unknown) => void,
): PendingExclusive {
  return {
    kind: 'exclusive',
    run: async () => {
      forget();
      try {
        resolve(await work());
      } catch (error) {
        reject(error);
      } finally {
        forget();
      }
    },
  };
}

type Step = PendingBatch | PendingExclusive;

export function createIngestQueue(
  db: GemeenteradarDb,
  {
    onIngested,
    now = Date.now,
    remember = REMEMBERED_OBSERVATIONS,
  }: { onIngested?: (summary: IngestSummary) => void; now?: () => number; remember?: number } = {},
): IngestQueue {
  const steps: Step[] = [];
  let running: Promise<void> | null = null;
  const memory = createObservationMemory(remember);
  // the records ingest read and wrote, so a page view of people seen before does not read them again
  const records = createRecordMemory(db);
  const forgetAll = () => {
    memory.forget();
    records.clear();
  };

  /** Stores batches in one transaction; remembers them and answers each when it is stored. */
  const ingestTogether = async (group: readonly PendingBatch[]): Promise<void> => {
    const summary = await ingestBatches(
      db,
      group.map((entry) => entry.batch),
      now(),
      records,
    );
    for (const entry of group) if (entry.options.remember !== false) memory.remember(entry.batch, entry.seen, entry.generation);
    memory.trim();
    for (const entry of group) entry.resolve(summary);
    if (group.some((entry) => entry.options.owesPipeline !== false)) onIngested?.(summary);
  };

  /**
   * Batches that arrived together share a transaction. When it fails (a batch the store refuses
   * as a whole, a write that fails), each is stored alone, so one tab's bad batch fails alone and
   * the other tabs' batches are stored and answered as stored.
   */
  const ingestGroup = async (group: readonly PendingBatch[]): Promise<void> => {
    try {
      await ingestTogether(group);
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      for (const entry of group) await ingestTogether([entry]).catch(entry.reject);
    }
  };

  const drain = async () => {
    while (steps.length > 0) {
      const next = steps[0]!;
      if (next.kind === 'exclusive') {
        steps.shift();
        await next.run();
        continue;
      }
      const end = steps.findIndex((step) => step.kind === 'exclusive');
      const group = steps.splice(0, end === -1 ? steps.length : end) as PendingBatch[];
      await ingestGroup(group);
    }
    running = null;
  };
  const start = () => {
    running ??= drain();
  };

  return {
    push(batch, options = {}) {
      const unseen = memory.unseenPart(batch, observationsOf(batch));
      if (!unseen) return Promise.resolve(emptyIngestSummary());
      return new Promise<IngestSummary>((resolve, reject) => {
        steps.push({ kind: 'batch', ...unseen, generation: memory.generation, options, resolve, reject });
        start();
      });
    },
    exclusive<T>(work: () => Promise<T>): Promise<T> {
      // a batch that arrives while this waits is ingested anew, not dropped as seen: the action may change what it gives
      forgetAll();
      return new Promise<T>((resolve, reject) => {
        // what ingest remembers may be what this action changes: forgotten before and after it
        steps.push(exclusiveStep(work, forgetAll, resolve, reject));
        start();
      });
    },
    async idle() {
      while (running) await running;
    },
    forget() {
      forgetAll();
    },
  };
}
