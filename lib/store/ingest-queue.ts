/**
 * Serialises ingest in the background. Batches that arrive while a transaction runs are
 * coalesced into the next one, so two busy Gmail tabs cost one transaction per burst, and
 * the order of writes is the order of arrival.
 */
import type { ObservationBatch } from '../messaging/observations';
import type { GemeenteradarDb } from './db';
import { ingestBatches, type IngestSummary } from './ingest';

export interface IngestQueue {
  push(batch: ObservationBatch): Promise<IngestSummary>;
  /** resolves when everything pushed so far is stored */
  idle(): Promise<void>;
}

export function createIngestQueue(
  db: GemeenteradarDb,
  { onIngested, now = Date.now }: { onIngested?: (summary: IngestSummary) => void; now?: () => number } = {},
): IngestQueue {
  let pending: { batch: ObservationBatch; resolve: (s: IngestSummary) => void; reject: (e: unknown) => void }[] = [];
  let running: Promise<void> | null = null;

  const drain = async () => {
    while (pending.length > 0) {
      const current = pending;
      pending = [];
      try {
        const summary = await ingestBatches(db, current.map((entry) => entry.batch), now());
        for (const entry of current) entry.resolve(summary);
        onIngested?.(summary);
      } catch (error) {
        for (const entry of current) entry.reject(error);
      }
    }
    running = null;
  };

  return {
    push(batch) {
      return new Promise<IngestSummary>((resolve, reject) => {
        pending.push({ batch, resolve, reject });
        running ??= drain();
      });
    },
    async idle() {
      while (running) await running;
    },
  };
}
