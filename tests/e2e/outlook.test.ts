/**
 * Outlook on the web, end to end: the BUILT extension in Chromium, the demo mailbox rendered as
 * an Outlook page and served at https://outlook.office.com/mail/ by the harness. The content
 * script reads it, the background ingests, and we check what lands in IndexedDB (contacts,
 * threads, messages), that a reload adds nothing, that the popup shows the municipalities, that
 * hostile mail text stays inert, and that nothing reaches the network.
 *
 * The page is rendered in this machine's time zone (Chromium's too) with full dates everywhere
 * (row titles, every message expanded), so what the content script reads does not depend on the
 * day the test runs: every expected time is the scenario's instant.
 */
import { describe, expect, it } from 'vitest';
import type { Contact, Message, ReaderStatus, Thread } from '@/lib/store/schemas';
import { gmailListPeople } from '../fixtures/render-gmail';
import { conversationIdFor, renderOutlook } from '../fixtures/render-outlook';
import { atMs, DEMO_SCENARIO, personById } from '../fixtures/scenario';
import { matchPatternCovers, readBuiltManifest, readStore, useExtension, waitForStore } from './harness';

const OUTLOOK_URL = 'https://outlook.office.com/mail/';
const OPEN_THREAD = DEMO_SCENARIO.threads.find((thread) => thread.id === 'zwolle-wijkaanpak')!;
const HOSTILE_THREAD = DEMO_SCENARIO.threads.find((thread) => thread.id === 'hostile')!;
const ACCOUNT = personById(DEMO_SCENARIO, DEMO_SCENARIO.owner).address;
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

const OUTLOOK_PAGE = renderOutlook(DEMO_SCENARIO, { openThread: OPEN_THREAD.id, expanded: 'all', timeZone: localZone });
const HOSTILE_PAGE = renderOutlook(DEMO_SCENARIO, { openThread: HOSTILE_THREAD.id, expanded: 'all', timeZone: localZone });

/** Every address a rendered Outlook page shows: row people and the open conversation's people. */
function expectedAddresses(): string[] {
  const ids = new Set<string>();
  for (const thread of DEMO_SCENARIO.threads) for (const id of gmailListPeople(DEMO_SCENARIO, thread)) ids.add(id);
  for (const message of OPEN_THREAD.messages) for (const id of [...message.to, ...(message.cc ?? [])]) ids.add(id);
  ids.delete(DEMO_SCENARIO.owner);
  return [...ids].map((id) => personById(DEMO_SCENARIO, id).address.toLowerCase()).sort();
}

describe('Outlook on the web with the built extension', () => {
  const launched = useExtension({
    'outlook.office.com/mail/': OUTLOOK_PAGE,
    'outlook.office.com/mail/inbox': HOSTILE_PAGE,
    'outlook.live.com/mail/0/': OUTLOOK_PAGE,
    'outlook.cloud.microsoft/mail/': OUTLOOK_PAGE,
    'outlook.office365.com/mail/': OUTLOOK_PAGE,
  });

  it('declares and runs the Outlook content script on every Outlook host', async () => {
    const manifest = readBuiltManifest();
    for (const url of [
      OUTLOOK_URL,
      'https://outlook.live.com/mail/0/',
      'https://outlook.cloud.microsoft/mail/',
      'https://outlook.office365.com/mail/',
    ]) {
      const declared = (manifest.content_scripts ?? []).filter((script) =>
        script.matches.some((pattern) => matchPatternCovers(pattern, url)),
      );
      expect(declared.length, url).toBeGreaterThan(0);
      const page = await launched.extension.context.newPage();
      await page.goto(url);
      expect((await launched.extension.contentScriptWorlds(page, 10_000)).length, url).toBeGreaterThan(0);
      expect(launched.extension.problemsOf(page)).toEqual([]);
      await page.close();
    }
  });

  it('stores the contacts, threads and messages the page shows', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto(OUTLOOK_URL);
    const popup = await launched.extension.openExtensionPage('popup.html');
    const messages = await waitForStore<Message>(
      popup,
      'messages',
      (records) => records.filter((record) => record.host === 'outlook').length >= OPEN_THREAD.messages.length,
      20_000,
    ).catch(async (error: unknown) => {
      throw new Error(`${error}\nrejections: ${JSON.stringify(await readStore(popup, 'rejections'))}`);
    });

    const threadKey = `outlook:conv:${conversationIdFor(OPEN_THREAD.id)}`;
    const stored = messages.filter((message) => message.threadId === threadKey).sort((a, b) => (a.at ?? 0) - (b.at ?? 0));
    expect(stored.map((message) => [message.direction, message.at, message.fromAddress])).toEqual(
      OPEN_THREAD.messages.map((message) => [
        message.from === DEMO_SCENARIO.owner ? 'out' : 'in',
        atMs(message),
        personById(DEMO_SCENARIO, message.from).address.toLowerCase(),
      ]),
    );

    const threads = await readStore<Thread>(popup, 'threads');
    const outlookThreads = threads.filter((thread) => thread.host === 'outlook');
    expect(outlookThreads.map((thread) => thread.id).sort()).toEqual(
      DEMO_SCENARIO.threads.map((thread) => `outlook:conv:${conversationIdFor(thread.id)}`).sort(),
    );
    const contacts = await readStore<Contact>(popup, 'contacts');
    expect(contacts.flatMap((contact) => contact.addresses).sort()).toEqual(expectedAddresses());
    expect((await readStore<{ address: string }>(popup, 'accounts')).map((account) => account.address)).toContain(ACCOUNT);
    expect(await readStore(popup, 'rejections')).toEqual([]);
    const statuses = await readStore<ReaderStatus>(popup, 'readerStatus');
    expect(statuses.find((status) => status.id === 'outlook:conversation')).toMatchObject({
      view: 'conversation',
      itemsSeen: DEMO_SCENARIO.threads.length + OPEN_THREAD.messages.length,
    });
    expect(launched.extension.problemsOf(page)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('adds no duplicates when the page is read again after a reload', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto(OUTLOOK_URL);
    const popup = await launched.extension.openExtensionPage('popup.html');
    const statusAt = async () =>
      (await readStore<ReaderStatus>(popup, 'readerStatus')).find((status) => status.id === 'outlook:conversation')?.at ?? 0;
    await expect.poll(statusAt, { timeout: 20_000 }).toBeGreaterThan(0);
    const counts = async () => [
      (await readStore(popup, 'contacts')).length,
      (await readStore(popup, 'threads')).length,
      (await readStore(popup, 'messages')).length,
    ];
    const before = await counts();
    const seenAt = await statusAt();

    await page.reload();
    // the content script ran again and the background took its batch
    await expect.poll(statusAt, { timeout: 20_000 }).toBeGreaterThan(seenAt);
    expect(await counts()).toEqual(before);
    await popup.close();
    await page.close();
  });

  it('the popup shows the municipalities of the people read', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto(OUTLOOK_URL);
    const popup = await launched.extension.openExtensionPage('popup.html');
    await waitForStore<Contact>(
      popup,
      'contacts',
      (records) => records.some((record) => record.municipalityCode === 'GM0193'),
      20_000,
    );
    await popup.reload();
    for (const name of ['Zwolle', 'Amsterdam', 'Utrecht', 'Overbetuwe']) {
      await expect.poll(async () => (await popup.textContent('body')) ?? '', { timeout: 10_000 }).toContain(name);
    }
    expect(launched.extension.problemsOf(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('keeps hostile subjects, names and bodies inert: no dialog, no element made from text', async () => {
    const page = await launched.extension.context.newPage();
    await page.goto('https://outlook.office.com/mail/inbox');
    const popup = await launched.extension.openExtensionPage('popup.html');
    const hostileKey = `outlook:conv:${conversationIdFor(HOSTILE_THREAD.id)}`;
    const messages = await waitForStore<Message>(
      popup,
      'messages',
      (records) => records.some((record) => record.threadId === hostileKey),
      20_000,
    );
    const hostile = messages.find((message) => message.threadId === hostileKey)!;
    expect(hostile.subject).toBe('<img src=x onerror=alert(1)>');
    expect(hostile.excerpt).toContain('<script>alert("body")</script>');
    // the page still holds no img or script the text could have become
    expect(await page.evaluate(() => document.querySelectorAll('img, script').length)).toBe(0);
    await popup.reload();
    await popup.waitForTimeout(500);
    expect(await popup.evaluate(() => document.querySelectorAll('img[src="x"], script:not([src])').length)).toBe(0);
    expect(launched.extension.dialogs).toEqual([]);
    expect(launched.extension.problemsOf(page)).toEqual([]);
    await popup.close();
    await page.close();
  });
});
