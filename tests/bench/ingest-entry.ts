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

/** One read-write transaction of plain IndexedDB carrying `writes`, awaited until it completes. */
async function writeTransaction(floor: IDBDatabase, writes: readonly Write[]): Promise<void> {
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

/**
 * The floors: plain IndexedDB (no Dexie, no reads, no validation, no planning) writing what
 * ingest wrote, in as many read-write transactions, each awaited as ingest awaits its own.
 * `same`: exactly ingest's writes. `once`: each record only in the transaction that first wrote
 * it, what ingest would cost if it never rewrote a record.
 */
class Floors {
  sameMs = 0;
  onceMs = 0;
  private replayed = 0;
  private readonly written = new Set<string>();

  private constructor(
    private readonly same: IDBDatabase,
    private readonly once: IDBDatabase,
    private readonly keyPathOf: ReadonlyMap<string, string>,
  ) {}

  static async open(db: Dexie, name: string): Promise<Floors> {
    const keyPathOf = new Map(db.tables.map((table) => [table.name, table.schema.primKey.keyPath as string]));
    return new Floors(await openFloorDb(db, `${name}-same`), await openFloorDb(db, `${name}-once`), keyPathOf);
  }

  /** Writes the transactions recorded since the last call into both floors, timing each. */
  async replay(transactions: readonly Write[][]): Promise<void> {
    for (const writes of transactions.slice(this.replayed)) {
      let started = performance.now();
      await writeTransaction(this.same, writes);
      this.sameMs += performance.now() - started;
      const firstWrites = this.firstWritesOf(writes);
      started = performance.now();
      await writeTransaction(this.once, firstWrites);
      this.onceMs += performance.now() - started;
    }
    this.replayed = transactions.length;
  }

  private firstWritesOf(writes: readonly Write[]): Write[] {
    return writes.flatMap((write) => {
      if (write.type !== 'put') return [];
      const keyPath = this.keyPathOf.get(write.table)!;
      const items = write.items.filter((item) => {
        const id = `${write.table}\u0001${String((item as Record<string, unknown>)[keyPath])}`;
        if (this.written.has(id)) return false;
        this.written.add(id);
        return true;
      });
      return items.length > 0 ? [{ ...write, items }] : [];
    });
  }

  async close(): Promise<void> {
    for (const floor of [this.same, this.once]) {
      floor.close();
      await deleteDatabase(floor.name);
    }
  }
}

async function benchIngest(batches: ObservationBatch[], dbName: string, mode: Mode) {
  const db = createDb(dbName);
  const recording: Recording = { recording: false, requests: {}, transactions: [] };
  record(db, recording);
  await db.open();
  const floors = await Floors.open(db, `${dbName}-floor`);
  let queue = createIngestQueue(db);
  if (mode === 're-seen' || mode === 're-seen-cold') {
    // everything is stored once; what is timed is the pages sending it all again
    for (const batch of batches) await queue.push(batch);
    // cold: a new queue knows nothing of what was stored (the service worker was stopped), so
    // every batch is read against the store; warm: the running background remembers
    if (mode === 're-seen-cold') queue = createIngestQueue(db);
  }
  recording.recording = true;
  let elapsedMs = 0;
  if (mode === 'burst') {
    // everything arrives at once: the queue coalesces it into few transactions
    const started = performance.now();
    await Promise.all(batches.map((batch) => queue.push(batch)));
    await queue.idle();
    elapsedMs = performance.now() - started;
    await floors.replay(recording.transactions);
  } else {
    // batches arrive one after another, as from one tab: one transaction each. The floors write
    // each transaction right after ingest's, so both meet the same load on a shared machine.
    for (const batch of batches) {
      const started = performance.now();
      await queue.push(batch);
      elapsedMs += performance.now() - started;
      recording.recording = false;
      await floors.replay(recording.transactions);
      recording.recording = true;
    }
  }
  recording.recording = false;
  const counts = { contacts: await db.contacts.count(), threads: await db.threads.count(), messages: await db.messages.count() };
  await floors.close();
  db.close();
  await db.delete();
  const { sameMs: floorMs, onceMs: onceFloorMs } = floors;
  return { elapsedMs, floorMs, onceFloorMs, transactions: recording.transactions.length, requests: recording.requests, counts };
}

Object.assign(globalThis, { benchIngest });
