/**
 * Restoring a backup: the round trip record by record, the dry run, merge and replace, an older
 * backup migrated, a newer one refused, invalid records and settings refused with where they are,
 * and atomicity: a failure in the middle of the write leaves the store exactly as it was.
 */
import { gzipSync } from 'node:zlib';
import { Dexie } from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { BACKUP_FORMAT, BackupFileError, type BackupProblem } from '@/lib/backup/format';
import { sendBackup, type RestoreTransport } from '@/lib/backup/send';
import { LATEST_SCHEMA_VERSION } from '@/lib/backup/versions';
import { writeBackup } from '@/lib/backup/write';
import { createDb, type GemeenteradarDb } from '@/lib/store/db';
import { forgetPerson } from '@/lib/store/forget';
import { createRestoreSessions, RestoreProblemError, type RestoreSessions } from '@/lib/store/restore';
import { BACKED_UP_TABLES, DERIVED_TABLES, TABLES } from '@/lib/store/table-registry';
import { withFreshDb } from '../fixtures/fresh-db';
import { JAN, JAN_ID, JAN_TRACES, PETER_ID, SEEDED_AT, seedEveryKindOfRecord } from '../fixtures/every-record';
import { contactRecord } from '../fixtures/records';
import { backupOf as backupFileOf } from '../fixtures/backup-files';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

function transportTo(sessions: RestoreSessions): RestoreTransport {
  return {
    begin: async (header) => sessions.begin(header),
    add: async (chunk) => sessions.add(chunk),
  };
}

/** Every backed-up table, records sorted by key. */
async function dump(target: GemeenteradarDb = db) {
  const tables: Record<string, unknown[]> = {};
  for (const name of BACKED_UP_TABLES) {
    const key = TABLES[name].key;
    tables[name] = ((await target.table(name).toArray()) as Record<string, unknown>[]).sort((a, b) =>
      String(a[key]) < String(b[key]) ? -1 : 1,
    );
  }
  return tables;
}

async function problemOf(work: Promise<unknown>): Promise<BackupProblem> {
  try {
    await work;
  } catch (error) {
    if (error instanceof RestoreProblemError || error instanceof BackupFileError) return error.problem;
    throw error;
  }
  throw new Error('accepted');
}

async function backupOf(source: GemeenteradarDb): Promise<Blob> {
  const settings = await fakeBrowser.storage.local.get(['thresholds', 'backup-reminder']);
  return (await writeBackup(source, { settings, now: SEEDED_AT })).blob;
}

describe('a restore', () => {
  beforeEach(() => seedEveryKindOfRecord(db));

  it('round trip: exported, wiped and restored, every table is equal record by record, settings too', async () => {
    const before = await dump();
    const file = await backupOf(db);
    const thresholds = (await fakeBrowser.storage.local.get('thresholds')).thresholds;
    await Promise.all(db.tables.map((table) => table.clear()));
    await fakeBrowser.storage.local.clear();
    const sessions = createRestoreSessions(db);
    const { restoreId } = await sendBackup(file, transportTo(sessions));
    const summary = await sessions.apply(restoreId, 'replace');
    expect(await dump()).toEqual(before);
    expect(summary.tables.find((table) => table.table === 'messages')).toMatchObject({
      added: before.messages!.length,
      alreadyHere: 0,
      removed: 0,
    });
    expect((await fakeBrowser.storage.local.get('thresholds')).thresholds).toEqual(thresholds);
    expect(summary.settings).toContain('thresholds');
    // derived state is recomputed by the background afterwards
    for (const name of DERIVED_TABLES) expect(await db.table(name).count(), name).toBe(0);
  });

  it('dry run: says what the file holds and what is already here, and writes nothing', async () => {
    const file = await backupOf(db);
    await db.contacts.delete(PETER_ID);
    await db.contacts.put(contactRecord({ id: 'c:nieuw@zwolle.nl', name: 'Nieuw' }));
    const before = await dump();
    const sessions = createRestoreSessions(db);
    const { restoreId } = await sendBackup(file, transportTo(sessions));
    const merge = await sessions.plan(restoreId, 'merge');
    const contacts = merge.tables.find((table) => table.table === 'contacts')!;
    expect(contacts).toMatchObject({ added: 1, removed: 0, replaced: 0 });
    expect(contacts.alreadyHere).toBe(contacts.inBackup - 1);
    const replace = await sessions.plan(restoreId, 'replace');
    expect(replace.tables.find((table) => table.table === 'contacts')).toMatchObject({ added: 1, removed: 1 });
    expect(await dump()).toEqual(before);
  });

  it('merge: adds what is missing, keeps what is newer here, takes what is newer in the backup', async () => {
    const file = await backupOf(db);
    const peter = (await db.contacts.get(PETER_ID))!;
    const jan = (await db.contacts.get(JAN_ID))!;
    await db.contacts.put({ ...peter, name: 'Peter S. (hier nieuwer)', updatedAt: SEEDED_AT + 100 });
    await db.contacts.put({ ...jan, name: 'Jan (hier ouder)', updatedAt: SEEDED_AT - 100 });
    await db.messages.delete('gmail:msg-f:4');
    const sessions = createRestoreSessions(db);
    const { restoreId } = await sendBackup(file, transportTo(sessions));
    const summary = await sessions.apply(restoreId, 'merge');
    expect((await db.contacts.get(PETER_ID))!.name).toBe('Peter S. (hier nieuwer)');
    expect((await db.contacts.get(JAN_ID))!.name).toBe('Jan de Vries');
    expect(await db.messages.get('gmail:msg-f:4')).toBeDefined();
    expect(summary.tables.find((table) => table.table === 'contacts')).toMatchObject({ replaced: 1 });
  });

  it('is atomic: a failure halfway through the write leaves the store exactly as it was', async () => {
    const file = await backupOf(db);
    await db.contacts.put(contactRecord({ id: 'c:alleen-hier@zwolle.nl', name: 'Alleen hier' }));
    const before = await dump();
    // a second connection to the same database whose message writes fail (a disk full, a crash)
    const failing = createDb(db.name);
    failing.use({
      stack: 'dbcore',
      name: 'fail-messages',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return name !== 'messages' ? table : { ...table, mutate: () => Promise.reject(new Error('disk full')) };
        },
      }),
    });
    const sessions = createRestoreSessions(failing);
    const { restoreId } = await sendBackup(file, transportTo(sessions));
    const problem = await problemOf(sessions.apply(restoreId, 'replace'));
    expect(problem).toMatchObject({ code: 'write-failed' });
    expect(await dump()).toEqual(before);
    failing.close();
  });

  it('a forgotten person stays forgotten when an older backup still holds them', async () => {
    const file = await backupOf(db);
    await forgetPerson(db, { addresses: [JAN.address!] }, SEEDED_AT + 1);
    const sessions = createRestoreSessions(db);
    const { restoreId } = await sendBackup(file, transportTo(sessions));
    expect((await sessions.plan(restoreId, 'replace')).notTrackedLeftOut).toBe(1);
    await sessions.apply(restoreId, 'replace');
    expect(await db.contacts.get(JAN_ID)).toBeUndefined();
    const everything = JSON.stringify(await Promise.all(db.tables.map((table) => table.toArray()))).toLowerCase();
    for (const trace of JAN_TRACES.filter((trace) => trace.includes('@'))) expect(everything).not.toContain(trace);
  });
});

describe('a restore refuses, leaving the store as it was', () => {
  const file = (records: unknown[], header: Record<string, unknown> = {}) => backupFileOf('contacts', records, header);
  const good = contactRecord({ id: 'c:a@zwolle.nl', name: 'A' });

  it('a record that fails the store schema: its table, line and field', async () => {
    const sessions = createRestoreSessions(db);
    const problem = await problemOf(
      sendBackup(file([good, { ...good, id: 'c:b@zwolle.nl', addresses: ['NOT AN ADDRESS'] }]), transportTo(sessions)),
    );
    expect(problem).toMatchObject({ code: 'invalid-record', table: 'contacts', line: 3, field: 'addresses.0' });
    expect(await db.contacts.count()).toBe(0);
  });

  it('a newer store version', async () => {
    const sessions = createRestoreSessions(db);
    expect(() => sessions.begin({ schemaVersion: LATEST_SCHEMA_VERSION + 1, createdAt: 1, counts: {} })).toThrow(
      RestoreProblemError,
    );
  });

  it('an invalid setting', async () => {
    const sessions = createRestoreSessions(db);
    const problem = await problemOf(
      sendBackup(file([good], { settings: { thresholds: { wethouder: { ideal: 0 } } } }), transportTo(sessions)),
    );
    expect(problem).toMatchObject({ code: 'invalid-setting', field: 'thresholds' });
  });

  it('a restore the background no longer holds (a restarted service worker)', async () => {
    const sessions = createRestoreSessions(db);
    const { restoreId } = await sendBackup(file([good]), transportTo(sessions));
    const restarted = createRestoreSessions(db);
    expect(await problemOf(restarted.apply(restoreId, 'merge'))).toMatchObject({ code: 'restore-expired' });
    expect(await db.contacts.count()).toBe(0);
  });
});

describe('an older backup', () => {
  it('is migrated the way the store migrates: version 6 rule tags move onto their contact', async () => {
    const contact = { ...contactRecord({ id: 'c:p.snijders@zwolle.nl', name: 'Peter Snijders', role: 'wethouder' }) };
    const ruleTag = {
      id: 'rule:contact:c:p.snijders@zwolle.nl:role',
      subjectType: 'contact',
      subjectId: contact.id,
      dimension: 'role',
      value: 'wethouder',
      source: 'rule',
      evidence: ['handtekening: wethouder'],
      confidence: 0.9,
      updatedAt: 1,
    };
    const correction = {
      ...ruleTag,
      id: 'user:address:p.snijders@zwolle.nl:role',
      subjectType: 'address',
      subjectId: 'p.snijders@zwolle.nl',
      source: 'user',
      confidence: 1,
    };
    const lines = [
      JSON.stringify({
        format: BACKUP_FORMAT,
        formatVersion: 1,
        schemaVersion: 6,
        createdAt: 1,
        counts: { contacts: 1, tags: 2 },
        settings: {},
      }),
      JSON.stringify({ table: 'contacts', record: contact }),
      JSON.stringify({ table: 'tags', record: ruleTag }),
      JSON.stringify({ table: 'tags', record: correction }),
      JSON.stringify({ end: BACKUP_FORMAT, records: 3 }),
    ];
    const sessions = createRestoreSessions(db);
    const { restoreId } = await sendBackup(new Blob([gzipSync(lines.join('\n'))]), transportTo(sessions));
    await sessions.apply(restoreId, 'replace');
    expect((await db.contacts.get(contact.id))?.ruleTags?.map((tag) => tag.id)).toEqual([ruleTag.id]);
    expect((await db.tags.toArray()).map((tag) => tag.id)).toEqual([correction.id]);
    // the temporary database is gone
    expect((await Dexie.getDatabaseNames()).filter((name) => name.startsWith('gemeenteradar-restore'))).toEqual([]);
  });
});

describe('records a restore validated', () => {
  it('are not parsed again on write; a changed copy of one still is', async () => {
    const { validateRecords } = await import('@/lib/store/restore');
    const { wasFoundValid } = await import('@/lib/store/table-schemas');
    const [parsed] = validateRecords('contacts', [contactRecord({ id: 'c:a@zwolle.nl', name: 'A' })], 1) as object[];
    expect(wasFoundValid(parsed)).toBe(true);
    const changed = { ...parsed, id: 'c:b@zwolle.nl', addresses: ['NOT AN ADDRESS'] };
    expect(wasFoundValid(changed)).toBe(false);
    await expect(db.contacts.put(changed as never)).rejects.toThrow(/invalid contacts record/);
    await expect(db.contacts.put(parsed as never)).resolves.toBe('c:a@zwolle.nl');
  });
});
