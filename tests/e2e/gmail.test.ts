/**
 * Gmail, end to end (the foundation issue): the BUILT extension in Chromium, the demo mailbox
 * rendered as Gmail pages and served at https://mail.google.com/mail/u/0/. The content script
 * reads the inbox, follows Gmail's in-app navigation into a conversation, the background ingests,
 * and we check what lands in IndexedDB, that a reload adds nothing, what the popup shows (the
 * municipalities with their roles), that hostile mail text stays inert, and that nothing reaches
 * the network.
 */
import { describe, expect, it } from 'vitest';
import type { Contact, Message, ReaderStatus, Thread } from '@/lib/store/schemas';
import {
  expectedGmailMessageKey,
  expectedGmailThreadKey,
  gmailHash,
  gmailListPeople,
  renderGmail,
} from '../fixtures/render-gmail';
import { atMs, DEMO_SCENARIO, personById } from '../fixtures/scenario';
import { navigateInApp, readStore, useExtension, waitForStore } from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const INBOX = renderGmail(DEMO_SCENARIO, { view: 'list', timeZone: localZone });
const OPEN = DEMO_SCENARIO.threads.find((thread) => thread.id === 'zwolle-wijkaanpak')!;
const CONVERSATION_OPTIONS = { view: 'conversation', threadId: OPEN.id, expandAll: true, timeZone: localZone } as const;
const CONVERSATION = renderGmail(DEMO_SCENARIO, CONVERSATION_OPTIONS);
const HOSTILE = DEMO_SCENARIO.threads.find((thread) => thread.id === 'hostile')!;
const address = (id: string) => personById(DEMO_SCENARIO, id).address.toLowerCase();
const ACCOUNT = address(DEMO_SCENARIO.owner);

describe('Gmail with the built extension', () => {
  const launched = useExtension({ 'mail.google.com/mail/u/0/': INBOX });

  it('stores every visible thread and its people, tagged, from the inbox list', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto(`${INBOX_URL}#inbox`);
    const popup = await launched.extension.openExtensionPage('popup.html');
    const threads = await waitForStore<Thread>(
      popup,
      'threads',
      (records) => records.length >= DEMO_SCENARIO.threads.length,
      20_000,
    ).catch(async (error: unknown) => {
      throw new Error(`${error}\nrejections: ${JSON.stringify(await readStore(popup, 'rejections'))}`);
    });
    expect(threads.map((thread) => thread.id).sort()).toEqual(DEMO_SCENARIO.threads.map(expectedGmailThreadKey).sort());
    expect(threads.find((thread) => thread.id === expectedGmailThreadKey(OPEN))).toMatchObject({
      municipalityCode: 'GM0193',
      lastMessageAt: atMs(OPEN.messages.at(-1)!),
    });

    const contacts = await readStore<Contact>(popup, 'contacts');
    const listed = new Set(DEMO_SCENARIO.threads.flatMap((thread) => gmailListPeople(DEMO_SCENARIO, thread)));
    listed.delete(DEMO_SCENARIO.owner);
    expect(contacts.flatMap((contact) => contact.addresses).sort()).toEqual([...listed].map(address).sort());
    // tagged, with the municipality of their domain (weesp.nl is Amsterdam since 2022)
    const byAddress = new Map(contacts.map((contact) => [contact.addresses[0], contact]));
    expect(byAddress.get(address('zwolle-wethouder'))).toMatchObject({ kind: 'stakeholder', municipalityCode: 'GM0193' });
    expect(byAddress.get(address('weesp-gebied'))).toMatchObject({ municipalityCode: 'GM0363' });
    expect(byAddress.get(address('nieuwsbrief'))).toMatchObject({ kind: 'bulk', municipalityCode: null });
    expect(byAddress.get(address('daan'))).toMatchObject({ kind: 'colleague' });
    expect((await readStore<{ address: string }>(popup, 'accounts')).map((account) => account.address)).toEqual([ACCOUNT]);
    expect(await readStore(popup, 'rejections')).toEqual([]);
    expect(launched.extension.problemsOf(page)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('follows Gmail into a conversation without a page load and stores each message', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto(`${INBOX_URL}#inbox`);
    // what Gmail's own code does when a row is clicked
    await navigateInApp(page, CONVERSATION, gmailHash(DEMO_SCENARIO, CONVERSATION_OPTIONS));
    const popup = await launched.extension.openExtensionPage('popup.html');
    const threadKey = expectedGmailThreadKey(OPEN);
    const messages = await waitForStore<Message>(
      popup,
      'messages',
      (records) => records.filter((record) => record.threadId === threadKey).length >= OPEN.messages.length,
      20_000,
    );
    const stored = messages.filter((message) => message.threadId === threadKey).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
    expect(stored.map((message) => [message.id, message.direction, message.at, message.fromAddress])).toEqual(
      OPEN.messages.map((message) => [
        expectedGmailMessageKey(message),
        message.from === DEMO_SCENARIO.owner ? 'out' : 'in',
        atMs(message),
        address(message.from),
      ]),
    );
    const statuses = await readStore<ReaderStatus>(popup, 'readerStatus');
    expect(statuses.find((status) => status.id === 'gmail:conversation')).toMatchObject({ status: 'ok' });
    expect(launched.extension.problemsOf(page)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('adds no duplicates when the same pages are read again after a reload', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto(`${INBOX_URL}#inbox`);
    const popup = await launched.extension.openExtensionPage('popup.html');
    const statusAt = async () =>
      (await readStore<ReaderStatus>(popup, 'readerStatus')).find((status) => status.id === 'gmail:list')?.at ?? 0;
    await expect.poll(statusAt, { timeout: 20_000 }).toBeGreaterThan(0);
    const counts = async () =>
      Object.fromEntries(
        await Promise.all(
          ['contacts', 'threads', 'messages', 'tags', 'organisations'].map(async (table) => [
            table,
            (await readStore(popup, table)).length,
          ]),
        ),
      );
    const before = await counts();
    const seenAt = await statusAt();
    await page.reload();
    await expect.poll(statusAt, { timeout: 20_000 }).toBeGreaterThan(seenAt);
    // a second tab on the same mailbox at the same time
    const second = await launched.extension.context.newPage();
    await second.goto(`${INBOX_URL}#inbox`);
    await expect.poll(async () => (await counts()).threads, { timeout: 5_000 }).toBe(before.threads);
    await second.waitForTimeout(1_000);
    expect(await counts()).toEqual(before);
    await second.close();
    await popup.close();
    await page.close();
  });

  it('the popup shows the municipalities with their roles, newest activity and people', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto(`${INBOX_URL}#inbox`);
    const popup = await launched.extension.openExtensionPage('popup.html');
    const contacts = await waitForStore<Contact>(
      popup,
      'contacts',
      (records) => records.some((record) => record.municipalityCode === 'GM0193'),
      20_000,
    );
    await popup.reload();
    const zwolle = popup.locator('li.municipality[data-code="GM0193"]');
    await zwolle.waitFor({ timeout: 10_000 });
    expect(await zwolle.locator('.municipality__name').textContent()).toBe('Zwolle');
    expect(await zwolle.textContent()).toContain('Overijssel');
    // every role with a Zwolle contact in the store is marked (responsive or silent), the others "nog niemand"
    const coverage = await zwolle
      .locator('[data-coverage]')
      .evaluateAll((items) => items.map((item) => [item.getAttribute('data-role'), item.getAttribute('data-coverage')]));
    const zwolleRoles = new Set(
      contacts.filter((c) => c.municipalityCode === 'GM0193' && c.kind === 'stakeholder').map((c) => c.role),
    );
    expect(zwolleRoles.size).toBeGreaterThan(1);
    for (const [role, state] of coverage) {
      expect(state === 'none', `${role}: ${state}`).toBe(!zwolleRoles.has(role as Contact['role']));
    }
    for (const name of ['Amsterdam', 'Utrecht', 'Overbetuwe', 'Súdwest-Fryslân', 'Nuenen, Gerwen en Nederwetten']) {
      expect(await popup.locator('.municipality__name', { hasText: name }).count(), name).toBe(1);
    }
    // the search box: by person (a name from the mail), and by province
    const search = popup.getByRole('searchbox');
    await search.fill(personById(DEMO_SCENARIO, 'weesp-gebied').name.split(' ').at(-1)!);
    await expect
      .poll(() => popup.locator('li.municipality').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code'))))
      .toEqual(['GM0363']);
    await search.fill('overijssel');
    await expect
      .poll(() => popup.locator('li.municipality').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-code'))))
      .toEqual(['GM0193']);
    await search.fill('');
    await zwolle.getByRole('button').click();
    const detail = popup.getByRole('region', { name: /Zwolle/ });
    await detail.waitFor();
    // the detail loads every contact of the municipality itself
    await detail.getByText(personById(DEMO_SCENARIO, 'zwolle-wethouder').name).first().waitFor({ timeout: 10_000 });
    await popup.screenshot({ path: 'test-results/popup-gmail.png' });
    expect(launched.extension.problemsOf(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('keeps a hostile subject inert: no dialog, no element made from it, shown as text', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto(`${INBOX_URL}#inbox`);
    const popup = await launched.extension.openExtensionPage('popup.html');
    const threads = await waitForStore<Thread>(
      popup,
      'threads',
      (records) => records.some((record) => record.id === expectedGmailThreadKey(HOSTILE)),
      20_000,
    );
    expect(threads.find((thread) => thread.id === expectedGmailThreadKey(HOSTILE))?.subject).toBe(HOSTILE.subject);
    await popup.reload();
    // open every municipality's detail (threads, timeline): nothing there may become markup
    for (const row of await popup.locator('li.municipality button').all()) {
      await row.click();
      await popup.getByRole('button', { name: /Terug naar alle gemeenten/ }).click();
    }
    expect(await popup.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src])').length)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(launched.extension.dialogs).toEqual([]);
    await popup.close();
    await page.close();
  });
});
