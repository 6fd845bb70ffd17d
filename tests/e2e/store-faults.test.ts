/**
 * The store's half of "nothing lost, nothing blank", end to end in Chromium with the BUILT
 * extension: two Gmail tabs at once, one showing a page with a sender of 310 characters and no
 * name (it used to refuse the whole page at every reload, and any batch stored with it), the other
 * a clean inbox: every row of both is stored. And damaged records written into IndexedDB before
 * a page shows that person: the page is stored, the records are repaired or set aside, and the
 * popup's status area says so.
 */
import { describe, expect, it } from 'vitest';
import type { Contact, QuarantinedRecord, Rejection, Thread } from '@/lib/store/schemas';
import { poisonedScenario, GOOD_ROWS, LONG_SENDER } from '../fixtures/poisoned-page';
import { expectedGmailThreadKey, renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, personById } from '../fixtures/scenario';
import { DATABASE_NAME, readStore, useExtension, waitForStore } from './harness';

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const OWNER = personById(DEMO_SCENARIO, DEMO_SCENARIO.owner);
const POISONED = poisonedScenario(OWNER);
const CLEAN_URL = 'https://mail.google.com/mail/u/0/#inbox';
const POISONED_URL = 'https://mail.google.com/mail/u/1/#inbox';
const ACCOUNT = OWNER.address.toLowerCase();

describe('two Gmail tabs, one page with a sender the store used to refuse', () => {
  const launched = useExtension({
    'mail.google.com/mail/u/0/': renderGmail(DEMO_SCENARIO, { view: 'list', timeZone: localZone }),
    'mail.google.com/mail/u/1/': renderGmail(POISONED, { view: 'list', timeZone: localZone }),
  });

  it('stores every row of both tabs, the long address as the start of a name, and refuses nothing', async () => {
    const [clean, poisoned] = await Promise.all([launched.extension.context.newPage(), launched.extension.context.newPage()]);
    await Promise.all([clean.goto(CLEAN_URL), poisoned.goto(POISONED_URL)]);
    const popup = await launched.extension.openExtensionPage('popup.html');
    const expected = [...DEMO_SCENARIO.threads, ...POISONED.threads].map(expectedGmailThreadKey).sort();
    const threads = await waitForStore<Thread>(popup, 'threads', (records) => records.length >= expected.length, 30_000).catch(
      async (error: unknown) => {
        throw new Error(`${error}\nrejections: ${JSON.stringify(await readStore(popup, 'rejections'))}`);
      },
    );
    expect(threads.map((thread) => thread.id).sort()).toEqual(expected);
    const contacts = await readStore<Contact>(popup, 'contacts');
    const long = contacts.find((contact) => contact.addresses.includes(LONG_SENDER.address!));
    expect(long?.name).toBe(`${LONG_SENDER.address!.slice(0, 299)}…`);
    expect(
      contacts.filter((contact) => contact.addresses[0]!.endsWith('@zwolle.nl') && contact.addresses[0]!.startsWith('persoon.')),
    ).toHaveLength(GOOD_ROWS);
    expect(await readStore(popup, 'rejections')).toEqual([]);
    // a reload of the poisoned tab stores nothing twice and refuses nothing
    await poisoned.reload();
    await poisoned.waitForTimeout(1_000);
    expect((await readStore(popup, 'threads')).length).toBe(expected.length);
    expect(await readStore(popup, 'rejections')).toEqual([]);
    for (const page of [clean, poisoned, popup]) await page.close();
  });
});

/** Writes records as they are into a store of the extension's database, from one of its pages (raw IndexedDB). */
function writeRawInPage({
  databaseName,
  storeName,
  records,
}: {
  databaseName: string;
  storeName: string;
  records: unknown[];
}): Promise<void> {
  return new Promise((resolveWrite, rejectWrite) => {
    const request = indexedDB.open(databaseName);
    request.onupgradeneeded = () => request.transaction?.abort(); // never create it from a test
    request.onerror = () => rejectWrite(new Error(`cannot open ${databaseName}: ${request.error}`));
    request.onsuccess = () => {
      const database = request.result;
      const transaction = database.transaction(storeName, 'readwrite');
      for (const record of records) transaction.objectStore(storeName).put(record);
      transaction.oncomplete = () => {
        database.close();
        resolveWrite();
      };
      transaction.onerror = transaction.onabort = () => {
        database.close();
        rejectWrite(new Error(`cannot write ${storeName}: ${transaction.error}`));
      };
    };
  });
}

describe('damaged records in IndexedDB before a page shows them', () => {
  const launched = useExtension({
    'mail.google.com/mail/u/0/': renderGmail(DEMO_SCENARIO, { view: 'list', timeZone: localZone }),
  });
  const wethouder = personById(DEMO_SCENARIO, 'zwolle-wethouder').address.toLowerCase();

  it('stores the page, repairs the contact, sets the account aside and learns it again, and the popup says so', async () => {
    const popup = await launched.extension.openExtensionPage('popup.html');
    // the popup opened the database (read-only): it exists at the current version
    await expect
      .poll(() =>
        popup.evaluate(async (name) => (await indexedDB.databases()).some((database) => database.name === name), DATABASE_NAME),
      )
      .toBe(true);
    const damagedContact = {
      id: `c:${wethouder}`,
      name: 42,
      kind: 'stakeholder',
      organisationId: null,
      municipalityCode: 'GM0193',
      role: 'wethouder',
      firstSeenAt: null,
      lastSeenAt: null,
      updatedAt: 0,
    };
    const damagedAccount = { address: ACCOUNT, host: 'yahoo', lastSeenAt: 0 };
    await popup.evaluate(writeRawInPage, { databaseName: DATABASE_NAME, storeName: 'contacts', records: [damagedContact] });
    await popup.evaluate(writeRawInPage, { databaseName: DATABASE_NAME, storeName: 'accounts', records: [damagedAccount] });

    const inbox = await launched.extension.context.newPage();
    await inbox.goto(CLEAN_URL);
    const expected = DEMO_SCENARIO.threads.map(expectedGmailThreadKey).sort();
    const threads = await waitForStore<Thread>(popup, 'threads', (records) => records.length >= expected.length, 30_000);
    expect(threads.map((thread) => thread.id).sort()).toEqual(expected);
    const contact = (await readStore<Contact>(popup, 'contacts')).find((candidate) => candidate.id === `c:${wethouder}`);
    expect(contact).toMatchObject({ addresses: [wethouder], name: 'Monique van Dijk' });
    expect(await readStore(popup, 'accounts')).toEqual([expect.objectContaining({ address: ACCOUNT, host: 'gmail' })]);
    const quarantined = await readStore<QuarantinedRecord>(popup, 'quarantine');
    expect(quarantined.map(({ table, key, record }) => ({ table, key, record }))).toEqual([
      { table: 'accounts', key: ACCOUNT, record: damagedAccount },
    ]);
    const reasons = await readStore<Rejection>(popup, 'rejections');
    expect(reasons.map(({ code, values }) => ({ code, values })).sort((a, b) => a.code.localeCompare(b.code))).toEqual([
      { code: 'record-quarantined', values: { table: 'accounts', field: 'host' } },
      { code: 'record-repaired', values: { table: 'contacts', field: 'addresses,name' } },
    ]);

    await popup.reload();
    await popup.getByText('1× beschadigd contact hersteld (veld addresses,name)').waitFor({ timeout: 10_000 });
    await popup
      .getByText('1× beschadigd eigen adres apart gezet (veld host); opnieuw opgebouwd uit wat de pagina toont')
      .waitFor({ timeout: 10_000 });
    await inbox.close();
    await popup.close();
  });
});
