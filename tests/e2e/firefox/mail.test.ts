/**
 * The BUILT Firefox extension (.output/firefox-mv3) in Firefox ESR, driven over WebDriver BiDi:
 * it installs as MV3 with its host permissions, the pages at https://mail.google.com/ and the
 * Outlook hosts come from our fixture server (through the harness's proxy), the content scripts
 * run there, the Gmail inbox and an Outlook conversation land in IndexedDB (read from an extension
 * page), the popup lists the municipalities in Dutch, and after every test: no request left the
 * machine and the extension logged no error (its background included).
 *
 * The same fixture pages as the Chromium tier (tests/fixtures/render-*.ts), in this machine's time
 * zone, which Firefox shares.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import type { TabContext } from '@/lib/messaging/tab-context';
import type { Contact, Message, ReaderStatus, Thread } from '@/lib/store/schemas';
import { expectedGmailThreadKey, renderGmail } from '../../fixtures/render-gmail';
import { conversationIdFor, renderOutlook } from '../../fixtures/render-outlook';
import { atMs, DEMO_SCENARIO, personById } from '../../fixtures/scenario';
import { matchPatternCovers } from '../harness';
import { readFirefoxManifest, useFirefoxExtension } from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const OUTLOOK_URLS = [
  'https://outlook.office.com/mail/',
  'https://outlook.office365.com/mail/',
  'https://outlook.live.com/mail/0/',
  'https://outlook.cloud.microsoft/mail/',
];
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const OPEN = DEMO_SCENARIO.threads.find((thread) => thread.id === 'zwolle-wijkaanpak')!;
const address = (id: string) => personById(DEMO_SCENARIO, id).address.toLowerCase();
const OUTLOOK_PAGE = renderOutlook(DEMO_SCENARIO, { openThread: OPEN.id, expanded: 'all', timeZone: localZone });

type ExtensionGlobal = {
  browser: {
    runtime: { getManifest(): { manifest_version: number; version: string } };
    permissions: { contains(permissions: { origins: string[] }): Promise<boolean> };
    storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
  };
};

describe('the built extension in Firefox ESR', () => {
  const launched = useFirefoxExtension({
    'mail.google.com/mail/u/0/': renderGmail(DEMO_SCENARIO, { view: 'list', timeZone: localZone }),
    ...Object.fromEntries(OUTLOOK_URLS.map((url) => [url.replace('https://', ''), OUTLOOK_PAGE])),
  });

  it('installs as MV3 with the fixed UUID, its host permissions granted, its background without errors', async () => {
    const { firefox } = launched;
    console.info(`Firefox ESR started and the extension installed in ${firefox.launchMs} ms`);
    const built = readFirefoxManifest();
    const popup = await firefox.openExtensionPage('popup.html');
    expect(await popup.evaluate(() => location.href)).toBe(`${firefox.extensionOrigin}popup.html`);
    const running = await popup.evaluate(() => (globalThis as unknown as ExtensionGlobal).browser.runtime.getManifest());
    expect(running).toMatchObject({ manifest_version: 3, version: built.version });
    // Firefox 127+ grants an MV3 add-on's host permissions at install (the user may withdraw them
    // later in about:addons); without them the content scripts would not run.
    expect(built.host_permissions?.length).toBeGreaterThan(0);
    const granted = await popup.evaluate(
      (origins) => (globalThis as unknown as ExtensionGlobal).browser.permissions.contains({ origins }),
      built.host_permissions ?? [],
    );
    expect(granted).toBe(true);
    // the background started and updated the (empty) toolbar badge without throwing
    expect(await firefox.toolbarBadge(popup)).toBe('');
    expect(firefox.extensionErrors()).toEqual([]);
    await popup.close();
  });

  it('serves https://mail.google.com/mail/u/0/ from the fixture server, through the proxy', async () => {
    const { firefox, server } = launched;
    const page = await firefox.newPage();
    const response = await page.goto(INBOX_URL);
    expect(response?.status()).toBe(200);
    expect(await page.evaluate(() => ({ href: location.href, origin: location.origin, secure: isSecureContext }))).toEqual({
      href: INBOX_URL,
      origin: 'https://mail.google.com',
      secure: true,
    });
    expect(firefox.proxy.requests).toContainEqual({ method: 'CONNECT', target: 'mail.google.com:443', tunnelled: true });
    expect(server.requests).toContainEqual(
      expect.objectContaining({ method: 'GET', host: 'mail.google.com', path: '/mail/u/0/', status: 200 }),
    );
    expect(firefox.problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('runs the Gmail content script: the inbox lands in IndexedDB, tagged', async () => {
    const { firefox } = launched;
    const page = await firefox.newPage();
    await page.goto(`${INBOX_URL}#inbox`);
    const popup = await firefox.openExtensionPage('popup.html');
    const threads = await firefox
      .waitForStore<Thread>(popup, 'threads', (records) => records.length >= DEMO_SCENARIO.threads.length, 20_000)
      .catch(async (error: unknown) => {
        throw new Error(`${error}\nrejections: ${JSON.stringify(await firefox.readStore(popup, 'rejections'))}`);
      });
    expect(threads.map((thread) => thread.id).sort()).toEqual(DEMO_SCENARIO.threads.map(expectedGmailThreadKey).sort());
    expect(threads.find((thread) => thread.id === expectedGmailThreadKey(OPEN))).toMatchObject({
      municipalityCode: 'GM0193',
      lastMessageAt: atMs(OPEN.messages.at(-1)!),
    });
    // the people of the list, tagged (weesp.nl is Amsterdam since 2022); the Chromium tier checks every address
    const contacts = await firefox.readStore<Contact>(popup, 'contacts');
    const contactOf = (id: string) => contacts.find((contact) => contact.addresses.includes(address(id)));
    expect(contactOf('zwolle-wethouder')).toMatchObject({ kind: 'stakeholder', municipalityCode: 'GM0193' });
    expect(contactOf('weesp-gebied')).toMatchObject({ municipalityCode: 'GM0363' });
    expect(contactOf('nieuwsbrief')).toMatchObject({ kind: 'bulk', municipalityCode: null });
    const statuses = await firefox.readStore<ReaderStatus>(popup, 'readerStatus');
    expect(statuses.find((status) => status.id === 'gmail:list')).toMatchObject({ status: 'ok' });
    expect(await firefox.readStore(popup, 'rejections')).toEqual([]);
    expect(firefox.problemsOf(page)).toEqual([]);
    expect(firefox.dialogs).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('runs the Outlook content script on every Outlook host and stores the open conversation', async () => {
    const { firefox } = launched;
    const declared = readFirefoxManifest().content_scripts ?? [];
    const popup = await firefox.openExtensionPage('popup.html');
    for (const url of OUTLOOK_URLS) {
      expect(
        declared.some((script) => script.matches.some((pattern) => matchPatternCovers(pattern, url))),
        url,
      ).toBe(true);
      const page = await firefox.newPage();
      await page.goto(url);
      // the background keeps what each tab's reader last saw: proof that the script ran in this tab
      const tabId = await firefox.tabIdOf(popup, `${url}*`);
      const context = async () =>
        (
          (await popup.evaluate(
            (key) => (globalThis as unknown as ExtensionGlobal).browser.storage.session.get(key),
            `tab-context:${tabId}`,
          )) as Record<string, TabContext | undefined>
        )[`tab-context:${tabId}`] ?? null;
      await expect
        .poll(context, { timeout: 20_000 })
        .toMatchObject({ host: 'outlook', view: 'conversation', subject: OPEN.subject });
      expect(firefox.problemsOf(page), url).toEqual([]);
      await page.close();
    }
    const threadKey = `outlook:conv:${conversationIdFor(OPEN.id)}`;
    const messages = await firefox.waitForStore<Message>(
      popup,
      'messages',
      (records) => records.filter((record) => record.threadId === threadKey).length >= OPEN.messages.length,
      20_000,
    );
    const stored = messages.filter((message) => message.threadId === threadKey).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
    expect(stored.map((message) => [message.direction, message.at, message.fromAddress])).toEqual(
      OPEN.messages.map((message) => [message.from === DEMO_SCENARIO.owner ? 'out' : 'in', atMs(message), address(message.from)]),
    );
    expect(await firefox.readStore(popup, 'rejections')).toEqual([]);
    await popup.close();
  });

  it('the popup lists the municipalities of the people read, in Dutch', async () => {
    const { firefox } = launched;
    const popup = await firefox.openExtensionPage('popup.html');
    await firefox.waitForStore<Contact>(
      popup,
      'contacts',
      (records) => records.some((record) => record.municipalityCode === 'GM0193'),
      20_000,
    );
    const heading = await popup.waitForSelector('h1', { timeout: 10_000 });
    expect(await heading!.evaluate((element) => element.textContent?.trim())).toBe(MESSAGES.nl.popupTitle);
    for (const name of ['Zwolle', 'Amsterdam', 'Utrecht', 'Overbetuwe']) {
      await expect.poll(() => popup.evaluate(() => document.body.textContent ?? ''), { timeout: 10_000 }).toContain(name);
    }
    await popup.close();
  });
});
