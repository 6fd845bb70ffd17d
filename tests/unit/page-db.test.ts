import { Dexie } from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDb } from '@/lib/store/db';
import { createPageDb, openPageDb, ReadOnlyDatabaseError, StoreNotUpgradedError } from '@/lib/store/page-db';
import { LATEST_SCHEMA_VERSION } from '@/lib/store/schema-history';
import { contactRecord } from '../fixtures/records';
import { openAt } from '../fixtures/schema-versions';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** What the background does when a page asks it to open the store: open it with every version declared. */
function backgroundOpens(name: string) {
  return vi.fn(async () => {
    const background = createDb(name);
    await background.open();
    background.close();
  });
}

/** A store as a build with schema version 6 left it: a contact with a rule tag in `tags`. */
async function seedVersion6(name: string) {
  names.push(name);
  const old = openAt(name, 6);
  await old.open();
  await old
    .table('contacts')
    .put({ ...contactRecord({ id: 'c:p.snijders@zwolle.nl', name: 'Peter Snijders', role: 'wethouder' }) });
  await old.table('tags').put({
    id: 'rule:contact:c:p.snijders@zwolle.nl:role',
    subjectType: 'contact',
    subjectId: 'c:p.snijders@zwolle.nl',
    dimension: 'role',
    value: 'wethouder',
    source: 'rule',
    evidence: ['handtekening: wethouder'],
    confidence: 0.9,
    updatedAt: 1,
  });
  old.close();
}

/** The store's version as IndexedDB has it, without opening it for anything else. */
async function storedVersion(name: string): Promise<number> {
  const raw = new Dexie(name);
  await raw.open();
  const version = raw.verno;
  raw.close();
  return version;
}

describe('the page database', () => {
  it('reads what the background wrote, and refuses to write', async () => {
    names.push('test-page-db');
    const background = createDb('test-page-db');
    await background.contacts.put(contactRecord({ id: 'c:a@zwolle.nl', name: 'A' }));
    const page = createPageDb('test-page-db');
    await openPageDb(page, { requestUpgrade: backgroundOpens('test-page-db') });
    expect(await page.contacts.get('c:a@zwolle.nl')).toMatchObject({ name: 'A' });
    await expect(page.contacts.put(contactRecord({ id: 'c:b@zwolle.nl', name: 'B' }))).rejects.toBeInstanceOf(
      ReadOnlyDatabaseError,
    );
    await expect(page.contacts.delete('c:a@zwolle.nl')).rejects.toBeInstanceOf(ReadOnlyDatabaseError);
    expect(await background.contacts.count()).toBe(1);
    page.close();
    background.close();
  });

  it('never upgrades an older store itself: opened first after an update, it asks the background and then reads upgraded data', async () => {
    await seedVersion6('test-page-db-old');
    const page = createPageDb('test-page-db-old');
    const requestUpgrade = vi.fn(async () => {
      // when the page asks, the store is still as the old build left it: the page did not touch it
      expect(await storedVersion('test-page-db-old')).toBe(6);
      await backgroundOpens('test-page-db-old')();
    });
    const onUpgrading = vi.fn();
    await openPageDb(page, { requestUpgrade, onUpgrading });
    expect(requestUpgrade).toHaveBeenCalledTimes(1);
    expect(onUpgrading).toHaveBeenCalledTimes(1);
    expect(page.verno).toBe(LATEST_SCHEMA_VERSION);
    // version 7 moved the rule tag onto the contact; version 8 indexes recipients
    expect(await page.contacts.get('c:p.snijders@zwolle.nl')).toMatchObject({
      mailboxes: ['p.snijders@zwolle.nl'],
      ruleTags: [{ dimension: 'role', value: 'wethouder' }],
    });
    expect(await page.tags.count()).toBe(0);
    expect(await page.messages.where('toAddresses').equals('x@zwolle.nl').count()).toBe(0);
    page.close();
  });

  it('asks the background to create a store that does not exist yet, and creates nothing itself', async () => {
    names.push('test-page-db-none');
    const page = createPageDb('test-page-db-none');
    const requestUpgrade = vi.fn(async () => {
      expect(await Dexie.exists('test-page-db-none')).toBe(false);
      await backgroundOpens('test-page-db-none')();
    });
    await openPageDb(page, { requestUpgrade });
    expect(page.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await page.contacts.count()).toBe(0);
    page.close();
  });

  it('is ready at once on a store at its version: no message to the background', async () => {
    names.push('test-page-db-current');
    const background = createDb('test-page-db-current');
    await background.open();
    const page = createPageDb('test-page-db-current');
    const requestUpgrade = vi.fn(async () => undefined);
    await openPageDb(page, { requestUpgrade });
    expect(requestUpgrade).not.toHaveBeenCalled();
    page.close();
    background.close();
  });

  it('does not hold up an upgrade the background starts while a page has the old store open', async () => {
    await seedVersion6('test-page-db-open');
    const page = createPageDb('test-page-db-open');
    await page.open(); // dynamically, at version 6
    expect(page.verno).toBe(6);
    const background = createDb('test-page-db-open');
    await background.open(); // would wait for ever if the page kept its connection
    expect(background.verno).toBe(LATEST_SCHEMA_VERSION);
    await openPageDb(page, { requestUpgrade: vi.fn(async () => undefined) });
    expect(page.verno).toBe(LATEST_SCHEMA_VERSION);
    expect(await page.contacts.get('c:p.snijders@zwolle.nl')).toMatchObject({ ruleTags: [{ dimension: 'role' }] });
    page.close();
    background.close();
  });

  it('says so when the background could not bring the store up to date', async () => {
    await seedVersion6('test-page-db-stuck');
    const page = createPageDb('test-page-db-stuck');
    await expect(openPageDb(page, { requestUpgrade: async () => Promise.reject(new Error('upgrade failed')) })).rejects.toThrow(
      'upgrade failed',
    );
    const nothingHappens = vi.fn(async () => undefined);
    await expect(openPageDb(page, { requestUpgrade: nothingHappens, attempts: 2 })).rejects.toBeInstanceOf(StoreNotUpgradedError);
    expect(nothingHappens).toHaveBeenCalledTimes(2);
    expect(await storedVersion('test-page-db-stuck')).toBe(6);
    page.close();
  });
});
