import { Dexie, type Table } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getByKeys, storedKeys } from '@/lib/store/keyed-reads';

interface Item {
  id: string;
  tags: string[];
}

/** Requests that reached the database, by kind (a DBCore middleware counts them). */
let requests: Record<string, number>;
let db: Dexie & { items: Table<Item, string> };
let counter = 0;

beforeEach(async () => {
  requests = {};
  db = new Dexie(`test-keyed-reads-${++counter}`) as typeof db;
  db.version(1).stores({ items: 'id, *tags' });
  db.use({
    stack: 'dbcore',
    name: 'count-requests',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          const count = (kind: string, weight = 1) => (requests[kind] = (requests[kind] ?? 0) + weight);
          return {
            ...table,
            get: (request) => (count('get'), table.get(request)),
            getMany: (request) => (count('get', request.keys.length), table.getMany(request)),
            query: (request) => (count(request.values ? 'range-values' : 'range-keys'), table.query(request)),
            openCursor: (request) => (count('cursor'), table.openCursor(request)),
            count: (request) => (count('count'), table.count(request)),
          };
        },
      };
    },
  });
  await db.open();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const key = (n: number) => `gmail:msg-f:${String(1_900_000_000_000 + n)}`;
const item = (n: number): Item => ({ id: key(n), tags: [`t${n % 7}`, `mailbox-${String(n).padStart(5, '0')}`] });

async function store(numbers: number[]) {
  await db.items.bulkPut(numbers.map(item));
  requests = {};
}

/** What one request per key (Dexie's bulkGet) answers: the reference. */
async function reference(keys: string[]) {
  const saved = requests;
  const result = await db.items.bulkGet(keys);
  requests = saved;
  return result;
}

describe('getByKeys', () => {
  it('answers like bulkGet for new, stored, mixed, repeated and unordered keys', async () => {
    await store(Array.from({ length: 600 }, (_, n) => n * 2)); // even numbers stored
    const cases = [
      [],
      [key(4)],
      Array.from({ length: 300 }, (_, n) => key(1201 + 2 * n)), // all new, past the stored stretch
      Array.from({ length: 300 }, (_, n) => key(4 * n)), // all stored
      Array.from({ length: 400 }, (_, n) => key(899 - n)), // mixed, descending
      [...Array.from({ length: 250 }, (_, n) => key(n)), key(10), key(10), key(3)], // repeats
    ];
    for (const keys of cases) expect(await getByKeys(db.items, keys)).toEqual(await reference(keys));
  });

  it('reads a batch of new keys with one keys-only request, not one per key', async () => {
    await store(Array.from({ length: 1000 }, (_, n) => n));
    const keys = Array.from({ length: 500 }, (_, n) => key(5000 + n));
    expect((await getByKeys(db.items, keys)).every((found) => found === undefined)).toBe(true);
    expect(requests).toEqual({ 'range-keys': 1 });
  });

  it('reads a small batch of new keys with one keys-only request too, and a handful key by key', async () => {
    await store(Array.from({ length: 1000 }, (_, n) => n));
    const keys = Array.from({ length: 50 }, (_, n) => key(5000 + n));
    expect(await getByKeys(db.items, keys)).toEqual(keys.map(() => undefined));
    expect(requests).toEqual({ 'range-keys': 1 });
    requests = {};
    expect((await getByKeys(db.items, [key(3), key(5003)])).map((found) => found?.id)).toEqual([key(3), undefined]);
    expect(requests).toEqual({ get: 2 });
  });

  it('reads the stored keys of a scanned stretch with one range read, and only the keys past it key by key', async () => {
    await store(Array.from({ length: 3000 }, (_, n) => n));
    // 100 keys close together, then 100 far past what the scan's budget reaches
    const keys = [...Array.from({ length: 100 }, (_, n) => key(n)), ...Array.from({ length: 100 }, (_, n) => key(2800 + n))];
    const found = await getByKeys(db.items, keys);
    expect(requests).toEqual({ 'range-keys': 1, 'range-values': 1, get: 100 });
    expect(found).toEqual(await reference(keys));
  });

  it('reads stored records close together with one range read', async () => {
    await store(Array.from({ length: 3000 }, (_, n) => n));
    const keys = Array.from({ length: 500 }, (_, n) => key(1000 + n));
    const found = await getByKeys(db.items, keys);
    expect(found.map((record) => record?.id)).toEqual(keys);
    expect(requests).toEqual({ 'range-keys': 1, 'range-values': 1 });
  });

  it('falls back to key-by-key reads where the range is crowded with other records', async () => {
    await store(Array.from({ length: 6000 }, (_, n) => n));
    // 300 keys spread over 6,000 stored records: the scan stops at its budget
    const keys = Array.from({ length: 300 }, (_, n) => key(n * 20 + 7));
    const found = await getByKeys(db.items, keys);
    expect(found).toEqual(await reference(keys));
    expect(found.every((record) => record !== undefined)).toBe(true);
    expect(requests['range-values'] ?? 0).toBe(0);
    expect(requests.get).toBeGreaterThan(0);
  });
});

describe('storedKeys', () => {
  it('tells which index keys exist, exactly, on a multi-entry index and the primary key', async () => {
    await store(Array.from({ length: 2000 }, (_, n) => n * 3));
    const mailboxes = Array.from({ length: 400 }, (_, n) => `mailbox-${String(n * 5).padStart(5, '0')}`);
    const expected = new Set(mailboxes.filter((_, n) => (n * 5) % 3 === 0));
    expect(await storedKeys(db.items, 'tags', mailboxes)).toEqual(expected);
    const few = ['mailbox-00003', 'mailbox-00004'];
    expect(await storedKeys(db.items, 'tags', few)).toEqual(new Set(['mailbox-00003']));
    const ids = Array.from({ length: 300 }, (_, n) => key(n * 7));
    expect(await storedKeys(db.items, ':id', ids)).toEqual(new Set(ids.filter((_, n) => (n * 7) % 3 === 0)));
  });

  it('stays exact when the scan of a crowded index stops at its budget', async () => {
    await store(Array.from({ length: 5000 }, (_, n) => n));
    // 250 mailboxes spread over 5,000: the scan's budget (4 per key) ends a fifth of the way
    const mailboxes = Array.from({ length: 250 }, (_, n) => `mailbox-${String(n * 20).padStart(5, '0')}`).concat('mailbox-99999');
    const found = await storedKeys(db.items, 'tags', mailboxes);
    expect(found.size).toBe(250);
    expect(found.has('mailbox-99999')).toBe(false);
  });
});
