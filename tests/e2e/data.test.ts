/**
 * Your data, end to end with the BUILT extension in Chromium: the demo mailbox is read in one
 * profile, a backup is downloaded through the real data page, restored through the page into a
 * fresh profile, and that popup shows the same municipalities. Then a person is forgotten through
 * the page: afterwards nothing in IndexedDB or in extension storage (local and session) holds their
 * address or name, and reading their conversation again stores nothing of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmailHash, renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, personById } from '../fixtures/scenario';
import {
  DATABASE_NAME,
  launchExtension,
  navigateInApp,
  startFixtureServer,
  waitForStore,
  type FixtureServer,
  type LaunchedExtension,
} from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const INBOX = renderGmail(DEMO_SCENARIO, { view: 'list', timeZone: localZone });
const ERIK = personById(DEMO_SCENARIO, 'zwolle-beleid');
const ERIK_TRACES = [ERIK.address.toLowerCase(), ERIK.name];
const CONVERSATION = { view: 'conversation', threadId: 'zwolle-wijkaanpak', expandAll: true, timeZone: localZone } as const;

/** Every record of every store of the extension's database and every item of both storage areas, as JSON. */
async function everythingStored(page: Page): Promise<string> {
  return page.evaluate(async (databaseName) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(databaseName);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const stores: Record<string, unknown[]> = {};
    for (const name of [...database.objectStoreNames]) {
      stores[name] = await new Promise<unknown[]>((resolve, reject) => {
        const read = database.transaction(name, 'readonly').objectStore(name).getAll();
        read.onsuccess = () => resolve(read.result);
        read.onerror = () => reject(read.error);
      });
    }
    database.close();
    type Area = { get(keys: null): Promise<Record<string, unknown>> };
    const chrome = (globalThis as unknown as { chrome: { storage: { local: Area; session: Area } } }).chrome;
    return JSON.stringify({
      stores,
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
    });
  }, DATABASE_NAME);
}

/** The municipalities the popup lists, once it lists any. */
async function popupMunicipalities(extension: LaunchedExtension): Promise<string[]> {
  const popup = await extension.openExtensionPage('popup.html');
  await popup.locator('.municipality-list li').first().waitFor({ timeout: 30_000 });
  // the list settles once the background's summaries are complete
  let names: string[] = [];
  await expect
    .poll(
      async () => {
        const now = (await popup.locator('.municipality__name').allTextContents()).sort();
        const stable = now.join() === names.join();
        names = now;
        return stable;
      },
      { timeout: 20_000, interval: 1_000 },
    )
    .toBe(true);
  await popup.close();
  return names;
}

describe('your data, through the data page', () => {
  let server: FixtureServer;
  let first: LaunchedExtension;
  let fresh: LaunchedExtension;
  const downloads = mkdtempSync(join(tmpdir(), 'gemeenteradar-backup-'));
  let backupPath = '';
  let municipalities: string[] = [];

  beforeAll(async () => {
    server = await startFixtureServer({ routes: { 'mail.google.com/mail/u/0/': INBOX } });
    first = await launchExtension({ server });
  });
  afterAll(async () => {
    await first?.close();
    await fresh?.close();
    await server?.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('downloads a backup through the real page', async () => {
    const gmail = await first.context.newPage();
    await gmail.goto(`${INBOX_URL}#inbox`);
    await navigateInApp(gmail, renderGmail(DEMO_SCENARIO, CONVERSATION), gmailHash(DEMO_SCENARIO, CONVERSATION));
    const popup = await first.openExtensionPage('popup.html');
    await waitForStore(popup, 'messages', (records) => records.length >= 4, 20_000);
    await popup.close();
    municipalities = await popupMunicipalities(first);
    expect(municipalities.length).toBeGreaterThan(3);

    const data = await first.openExtensionPage('data.html');
    expect(await data.title()).toBe('Gemeenteradar: jouw gegevens');
    const [download] = await Promise.all([
      data.waitForEvent('download'),
      data.getByRole('button', { name: 'Reservekopie maken' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^gemeenteradar-reservekopie-\d{4}-\d{2}-\d{2}\.jsonl\.gz$/);
    backupPath = join(downloads, download.suggestedFilename());
    await download.saveAs(backupPath);
    await expect
      .poll(() => data.getByRole('region', { name: 'Reservekopie', exact: true }).getByRole('status').textContent())
      .toMatch(/^Reservekopie gemaakt: \d+ records/);
    expect(first.problemsOf(data)).toEqual([]);
  });

  it('restores it into a fresh profile through the page: the popup shows the same municipalities', async () => {
    fresh = await launchExtension({ server });
    const data = await fresh.openExtensionPage('data.html');
    const restore = data.getByRole('region', { name: 'Reservekopie terugzetten' });
    await restore.getByLabel('Reservekopie kiezen').setInputFiles(backupPath);
    await expect
      .poll(() => restore.getByTestId('restore-holds').textContent(), { timeout: 20_000 })
      .toMatch(/^\d+ contacten, \d+ mails; 0 records al hier\.$/);
    await restore.getByRole('button', { name: 'Samenvoegen' }).click();
    await expect
      .poll(() => restore.getByRole('status').textContent(), { timeout: 20_000 })
      .toMatch(/^Teruggezet: \d+ toegevoegd/);
    expect(await popupMunicipalities(fresh)).toEqual(municipalities);
    expect(fresh.problemsOf(data)).toEqual([]);
  }, 120_000);

  it('forgets a person through the page: no trace anywhere, and reading their mail again stores nothing', async () => {
    const data = await fresh.openExtensionPage(`data.html?address=${encodeURIComponent(ERIK.address.toLowerCase())}`);
    const before = (await everythingStored(data)).toLowerCase();
    for (const trace of ERIK_TRACES) expect(before).toContain(trace.toLowerCase());

    const person = data.getByRole('region', { name: 'Wat is er bewaard over iemand' });
    await person.getByRole('button', { name: 'Tonen' }).click();
    await expect.poll(() => person.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/records over Erik Bosman\.$/);
    await person.getByRole('button', { name: 'Deze persoon vergeten…' }).click();
    await expect.poll(() => person.getByTestId('forget-plan').textContent()).toContain('Contacten: 1 weg');
    await person.getByRole('button', { name: 'Definitief vergeten' }).click();
    await expect.poll(() => person.getByRole('status').textContent(), { timeout: 20_000 }).toBe('Erik Bosman is vergeten.');

    const after = (await everythingStored(data)).toLowerCase();
    for (const trace of ERIK_TRACES) expect(after, trace).not.toContain(trace.toLowerCase());

    // his conversation read again in this profile: nothing of him is stored
    const gmail = await fresh.context.newPage();
    await gmail.goto(`${INBOX_URL}#inbox`);
    await navigateInApp(gmail, renderGmail(DEMO_SCENARIO, CONVERSATION), gmailHash(DEMO_SCENARIO, CONVERSATION));
    // this profile never read a page before: the reader's status is written once the store took the page in ...
    await waitForStore<{ id: string }>(
      data,
      'readerStatus',
      (records) => records.some((record) => record.id === 'gmail:conversation'),
      20_000,
    );
    // ... and nothing of him is in it
    const reread = (await everythingStored(data)).toLowerCase();
    for (const trace of ERIK_TRACES) expect(reread, trace).not.toContain(trace.toLowerCase());
    expect(fresh.problemsOf(data)).toEqual([]);
  }, 120_000);
});
