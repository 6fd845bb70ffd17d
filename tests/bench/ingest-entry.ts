// Runs inside Chromium (bundled by tests/bench/ingest.ts): real IndexedDB, the real ingest code.
import type { ObservationBatch } from '@/lib/messaging/observations';
import { createDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';

async function benchIngest(batches: ObservationBatch[], dbName: string, mode: 'burst' | 'one-by-one' | 're-seen') {
  const db = createDb(dbName);
  await db.open();
  const queue = createIngestQueue(db);
  if (mode === 're-seen') {
    // everything is stored once; what is timed is the page sending it all again
    for (const batch of batches) await queue.push(batch);
  }
  const started = performance.now();
  if (mode === 'burst') {
    // everything arrives at once: the queue coalesces it into few transactions
    await Promise.all(batches.map((batch) => queue.push(batch)));
  } else {
    // batches arrive one after another, as from one tab: one transaction each
    for (const batch of batches) await queue.push(batch);
  }
  await queue.idle();
  const elapsedMs = performance.now() - started;
  const counts = { contacts: await db.contacts.count(), threads: await db.threads.count(), messages: await db.messages.count() };
  db.close();
  await db.delete();
  return { elapsedMs, counts };
}

Object.assign(globalThis, { benchIngest });
