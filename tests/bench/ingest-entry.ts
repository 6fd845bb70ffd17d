// Runs inside Chromium (bundled by tests/bench/ingest.ts): real IndexedDB, the real ingest code.
import type { ObservationBatch } from '@/lib/messaging/observations';
import { createDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';

type Mode = 'burst' | 'one-by-one' | 're-seen' | 're-seen-cold';

async function benchIngest(batches: ObservationBatch[], dbName: string, mode: Mode) {
  const db = createDb(dbName);
  await db.open();
  let queue = createIngestQueue(db);
  if (mode === 're-seen' || mode === 're-seen-cold') {
    // everything is stored once; what is timed is the pages sending it all again
    for (const batch of batches) await queue.push(batch);
    // cold: a new queue knows nothing of what was stored (the service worker was stopped), so
    // every batch is read against the store; warm: the running background remembers
    if (mode === 're-seen-cold') queue = createIngestQueue(db);
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
