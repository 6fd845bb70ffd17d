// Runs inside Chromium (bundled by tests/bench/ingest.ts): real IndexedDB, the real ingest code,
// and beside it the floor: plain IndexedDB (no Dexie) writing exactly what ingest wrote.
import type { DBCoreTransaction, Dexie } from 'dexie';
import type { ObservationBatch } from '@/lib/messaging/observations';
import { createDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';

type Mode = 'burst' | 'one-by-one' | 're-seen' | 're-seen-cold';

/** One write request as it reached IndexedDB. */
type Write = { table: string; type: 'put' | 'delete'; items: readonly unknown[] };

/** What ingest asked of IndexedDB while it was timed: requests by kind, writes by transaction. */
interface Recording {
  recording: boolean;
  requests: Record<string, number>;
  /** per read-write transaction, in order: the writes it carried (possibly none) */
  transactions: Write[][];
}

/**
 * A DBCore middleware below Dexie's own (level -2), so it sees the requests that reach
 * IndexedDB: a `bulkGet` of n keys is n `get`s, a range read one request, a cursor one request
 * per record it steps over.
 */
function record(db: Dexie, recording: Recording): void {
  const byTransaction = new WeakMap<DBCoreTransaction, Write[]>();
  const count = (kind: string, weight = 1) => {
    if (recording.recording) recording.requests[kind] = (recording.requests[kind] ?? 0) + weight;
  };
  db.use({
    stack: 'dbcore',
    name: 'bench-recorder',
    level: -2,
    create(down) {
      return {
        ...down,
        transaction(stores, mode, options) {
          const transaction = down.transaction(stores, mode, options);
          if (mode === 'readwrite' && recording.recording) {
            const writes: Write[] = [];
            recording.transactions.push(writes);
            byTransaction.set(transaction, writes);
          }
          return transaction;
        },
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            get: (request) => (count('get'), table.get(request)),
            getMany: (request) => (count('get', request.keys.length), table.getMany(request)),
            query: (request) => (count(request.values ? 'getAll' : 'getAllKeys'), table.query(request)),
            count: (request) => (count('count'), table.count(request)),
            openCursor: async (request) => {
              count('cursor');
              const cursor = await table.openCursor(request);
              if (!cursor) return cursor;
              const start = cursor.start.bind(cursor);
              cursor.start = (onNext) => start(() => (count('cursor step'), onNext()));
              return cursor;
            },
            mutate: (request) => {
              const writes = byTransaction.get(request.trans);
              if (request.type === 'put' || request.type === 'add') {
                count('put', request.values.length);
                writes?.push({ table: name, type: 'put', items: request.values });
              } else if (request.type === 'delete') {
                count('delete', request.keys.length);
                writes?.push({ table: name, type: 'delete', items: request.keys });
              } else {
                count(`other write (${request.type})`);
              }
              return table.mutate(request);
            },
          };
        },
      };
    },
  });
}

/** An empty database with the store's tables and indexes, opened with plain IndexedDB. */
function openFloorDb(db: Dexie, name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      for (const table of db.tables) {
        const store = request.result.createObjectStore(table.name, { keyPath: table.schema.primKey.keyPath as string });
        for (const index of table.schema.indexes) {
          store.createIndex(index.name, index.keyPath as string | string[], { multiEntry: index.multi, unique: index.unique });
        }
      }
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * The floor: the same writes, in as many read-write transactions, one after another, each
 * awaited as ingest awaits its own. No reads, no validation, no planning: what writing costs.
 */
async function writeFloor(db: Dexie, name: string, transactions: Write[][]): Promise<number> {
  const floor = await openFloorDb(db, name);
  const started = performance.now();
  for (const writes of transactions) {
    const tables = [...new Set(writes.map((write) => write.table))];
    const transaction = floor.transaction(tables.length > 0 ? tables : ['contacts'], 'readwrite');
    for (const write of writes) {
      const store = transaction.objectStore(write.table);
      for (const item of write.items) {
        if (write.type === 'put') store.put(item);
        else store.delete(item as IDBValidKey);
      }
    }
    await new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = transaction.onabort = () => reject(transaction.error);
    });
  }
  const elapsedMs = performance.now() - started;
  floor.close();
  await deleteDatabase(name);
  return elapsedMs;
}

/**
 * The same transactions, each record written once: in the transaction that first wrote it,
 * with the value it was left with. What ingest would cost if it never rewrote a record.
 */
function eachRecordOnce(db: Dexie, transactions: Write[][]): Write[][] {
  const keyPathOf = new Map(db.tables.map((table) => [table.name, table.schema.primKey.keyPath as string]));
  const first = new Map<string, { transaction: number; table: string; value: unknown }>();
  transactions.forEach((writes, transaction) => {
    for (const write of writes) {
      for (const item of write.items) {
        const key = write.type === 'put' ? (item as Record<string, unknown>)[keyPathOf.get(write.table)!] : item;
        const id = `${write.table}\u0001${String(key)}`;
        if (write.type === 'delete') first.delete(id);
        else first.set(id, { transaction: first.get(id)?.transaction ?? transaction, table: write.table, value: item });
      }
    }
  });
  const once: Write[][] = transactions.map(() => []);
  for (const { transaction, table, value } of first.values()) once[transaction]!.push({ table, type: 'put', items: [value] });
  return once;
}

async function benchIngest(batches: ObservationBatch[], dbName: string, mode: Mode) {
  const db = createDb(dbName);
  const recording: Recording = { recording: false, requests: {}, transactions: [] };
  record(db, recording);
  await db.open();
  let queue = createIngestQueue(db);
  if (mode === 're-seen' || mode === 're-seen-cold') {
    // everything is stored once; what is timed is the pages sending it all again
    for (const batch of batches) await queue.push(batch);
    // cold: a new queue knows nothing of what was stored (the service worker was stopped), so
    // every batch is read against the store; warm: the running background remembers
    if (mode === 're-seen-cold') queue = createIngestQueue(db);
  }
  recording.recording = true;
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
  recording.recording = false;
  const counts = { contacts: await db.contacts.count(), threads: await db.threads.count(), messages: await db.messages.count() };
  const floorMs = await writeFloor(db, `${dbName}-floor`, recording.transactions);
  const onceFloorMs = await writeFloor(db, `${dbName}-floor-once`, eachRecordOnce(db, recording.transactions));
  db.close();
  await db.delete();
  return { elapsedMs, floorMs, onceFloorMs, transactions: recording.transactions.length, requests: recording.requests, counts };
}

Object.assign(globalThis, { benchIngest });
