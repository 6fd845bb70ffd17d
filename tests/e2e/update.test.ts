/**
 * An update with a webmail tab open, end to end: the BUILT extension in Chromium beside the demo
 * mailbox as Gmail. The built directory is loaded again (as "load unpacked" of a new version: `onInstalled` with
 * reason 'update', session storage cleared, the old content script cut off). The open tab must be read again without a reload of the page: the background re-injects
 * the content script (lib/background/reinject.ts), whose first batch writes the tab's context again.
 */
import type { Worker } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO } from '../fixtures/scenario';
import { EXTENSION_DIR, launchExtension, startFixtureServer, type FixtureServer, type LaunchedExtension } from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

type Chrome = {
  tabs: { query(q: object): Promise<{ id: number }[]> };
  storage: { session: { get(key: string): Promise<Record<string, unknown>> } };
};

/** The tab context the background keeps for a tab (session storage), or undefined. */
function tabContextIn(worker: Worker, tabId: number): Promise<unknown> {
  return worker.evaluate(async (key) => {
    const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;
    return (await chrome.storage.session.get(key))[key];
  }, `tab-context:${tabId}`);
}

describe('an update with a webmail tab open (Chromium)', () => {
  let server: FixtureServer;
  let extension: LaunchedExtension;
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });

  it('reads the open tab again without a reload of the page', async () => {
    server = await startFixtureServer({
      routes: { 'mail.google.com/mail/u/0/': renderGmail(DEMO_SCENARIO, { view: 'list', timeZone: localZone }) },
    });
    extension = await launchExtension({ server });
    const gmail = await extension.context.newPage();
    await gmail.goto(`${INBOX_URL}#inbox`);
    const tabId = await extension.serviceWorker.evaluate(async (url) => {
      const tabs = await (globalThis as unknown as { chrome: Chrome }).chrome.tabs.query({ url });
      return tabs[0]!.id;
    }, `${INBOX_URL}*`);
    await expect.poll(() => tabContextIn(extension.serviceWorker, tabId), { timeout: 15_000 }).toMatchObject({ view: 'list' });
    // a mark in the page: it is gone if the page is loaded again
    await gmail.evaluate(() => void ((window as unknown as { __samePage: boolean }).__samePage = true));

    // loading the same unpacked directory again is an update of the same extension (same id)
    const before = extension.serviceWorker;
    const session = await extension.context.browser()!.newBrowserCDPSession();
    const { id } = await session.send('Extensions.loadUnpacked', { path: EXTENSION_DIR });
    await session.detach();
    expect(id).toBe(extension.extensionId);
    let worker: Worker | undefined;
    await expect
      .poll(
        () =>
          (worker = extension.context
            .serviceWorkers()
            .find((candidate) => candidate !== before && candidate.url().startsWith(`chrome-extension://${id}/`))),
        { timeout: 15_000 },
      )
      .toBeDefined();

    // the new background's session storage starts empty; only a read from the tab fills it
    await expect.poll(() => tabContextIn(worker!, tabId), { timeout: 15_000 }).toMatchObject({ host: 'gmail', view: 'list' });
    expect(await gmail.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    extension.assertNoExternalRequests();
  });
});
