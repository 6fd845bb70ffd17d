/**
 * Each schema version change: seed a database at the previous version with the previous
 * declarations (raw Dexie, as an older extension build would have written it), then open it
 * with the current code and check nothing was lost and the new tables work.
 */
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb } from '@/lib/store/db';
import { SCHEMA_VERSIONS } from '@/lib/store/schema-history';

function declareUpTo(db: Dexie, version: number) {
  for (const entry of SCHEMA_VERSIONS.filter((candidate) => candidate.version <= version)) {
    db.version(entry.version).stores(entry.stores);
  }
}

describe('migration 1 -> 2 (calls, notes, next steps)', () => {
  it('keeps every version-1 record and opens the new tables', async () => {
    const name = 'test-migration-1-2';
    const v1 = new Dexie(name);
    declareUpTo(v1, 1);
    await v1.open();
    await v1.table('contacts').put({
      id: 'c:p.snijders@zwolle.nl',
      name: 'Peter Snijders',
      addresses: ['p.snijders@zwolle.nl'],
      kind: 'stakeholder',
      organisationId: 'org:gemeente:GM0193',
      municipalityCode: 'GM0193',
      role: 'wethouder',
      firstSeenAt: 1,
      lastSeenAt: 2,
      updatedAt: 2,
    });
    await v1.table('threads').put({ id: 'gmail:thread-f:1', municipalityCode: 'GM0193', contactIds: ['c:p.snijders@zwolle.nl'] });
    await v1.table('tags').put({ id: 'user:address:p.snijders@zwolle.nl:role', subjectType: 'address', subjectId: 'p.snijders@zwolle.nl' });
    expect(v1.verno).toBe(1);
    v1.close();

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(2);
    expect(await db.contacts.where('addresses').equals('p.snijders@zwolle.nl').first()).toMatchObject({ role: 'wethouder' });
    expect(await db.threads.where('contactIds').equals('c:p.snijders@zwolle.nl').count()).toBe(1);
    expect(await db.tags.where('[subjectType+subjectId]').equals(['address', 'p.snijders@zwolle.nl']).count()).toBe(1);

    await db.calls.add({ id: 'call:1', contactId: 'c:p.snijders@zwolle.nl', direction: 'out', answered: false, note: '', at: 3, createdAt: 3 });
    expect(await db.calls.where('contactId').equals('c:p.snijders@zwolle.nl').count()).toBe(1);
    db.close();
    await db.delete();
  });
});
