/**
 * `npm run demo` (builds first): the built extension in Chromium on a local demo mailbox served at
 * https://mail.google.com/mail/u/0/, through the e2e harness (same server, flags and guards).
 *
 * - With a display (DISPLAY set): a visible Chromium; browse the inbox, open conversations, click
 *   the Gemeenteradar icon. Runs until Ctrl-C or until the window is closed.
 * - Without one: headless; opens every conversation of the demo mailbox (so the popup shows who
 *   keeps Sanne waiting) and saves screenshots to demo-output/: the inbox with its inline badges,
 *   the popup, a municipality's detail, the side panel and the conversation beside it.
 *
 * The mailbox is tests/e2e/demo-mailbox.ts: DEMO_SCENARIO rendered as Gmail, every view in one page
 * with a tiny router, as Gmail's own single-page app does.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import {
  launchExtension,
  matchPatternCovers,
  readBuiltManifest,
  readStore,
  startFixtureServer,
  waitForStore,
  type LaunchedExtension,
} from '../tests/e2e/harness';
import { BADGE_TAG } from '../lib/content/inline-badges';
import { demoMailboxPage, openDemoConversation, readEveryConversation } from '../tests/e2e/demo-mailbox';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const OUTPUT_DIR = resolve(import.meta.dirname, '../demo-output');
/** Chrome draws extension popups at most 800 x 600; this is a typical popup width. */
const POPUP_VIEWPORT = { width: 420, height: 600 };
/** A Chrome side panel as it opens. */
const PANEL_VIEWPORT = { width: 360, height: 720 };
/** The conversation the side panel is shown beside: two people at Zwolle. */
const PANEL_THREAD = 'zwolle-wijkaanpak';

function waitForInterrupt(extension: LaunchedExtension): Promise<void> {
  return new Promise((resolveWait) => {
    process.once('SIGINT', () => resolveWait());
    process.once('SIGTERM', () => resolveWait());
    extension.context.once('close', () => resolveWait());
  });
}

/**
 * Waits until the extension stored threads from the page (ingest writes a batch in one
 * transaction, so the first threads mean the whole list); says so when it stored nothing.
 */
async function waitForIngest(store: Page): Promise<number> {
  try {
    return (await waitForStore(store, 'threads', (threads) => threads.length > 0, 15_000)).length;
  } catch {
    console.warn(
      `! after 15 s the extension had stored no threads; reader status: ` +
        JSON.stringify(await readStore(store, 'readerStatus')),
    );
    return 0;
  }
}

async function screenshot(page: Page, name: string, { fullPage = true } = {}): Promise<string> {
  const path = join(OUTPUT_DIR, name);
  await page.screenshot({ path, fullPage });
  return path;
}

/** The Gmail tab's id, as the side panel gets it from tabs.query. */
async function tabIdOf(extension: LaunchedExtension, url: string): Promise<number> {
  return extension.serviceWorker.evaluate(async (pattern) => {
    const tabs = await (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }
    ).chrome.tabs.query({ url: pattern });
    return tabs[0]?.id ?? -1;
  }, `${url}*`);
}

async function runHeadless(extension: LaunchedExtension): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const saved: string[] = [];
  const readsGmail = (readBuiltManifest().content_scripts ?? []).some((script) =>
    script.matches.some((pattern) => matchPatternCovers(pattern, INBOX_URL)),
  );
  if (!readsGmail) console.warn('! this build has no content script for mail.google.com: nothing will be read');
  const inbox = await extension.context.newPage();
  await inbox.setViewportSize({ width: 1000, height: 720 });
  await inbox.goto(`${INBOX_URL}#inbox`);
  const store = await extension.openExtensionPage('options.html'); // a page to read the store from
  const threadCount = readsGmail ? await waitForIngest(store) : 0;

  // Sanne reads her mail: every conversation once, so the extension knows what she sent and
  // warns about exactly the contacts who keep her waiting; then back to the inbox, now with badges.
  await readEveryConversation(inbox);
  const messageCount = readsGmail ? (await readStore(store, 'messages')).length : 0;
  await inbox.evaluate(() => (location.hash = '#inbox'));
  await inbox
    .waitForFunction((tag) => document.querySelectorAll(tag).length > 0, BADGE_TAG, { timeout: 15_000 })
    .catch(() => console.warn('! no inline badges appeared in the inbox within 15 s'));
  await inbox.waitForTimeout(500);
  saved.push(await screenshot(inbox, 'gmail-inbox.png', { fullPage: false }));
  await store.close();

  // The popup as a user sees it: a fresh page at popup size, after the data is in.
  const popup = await extension.context.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await popup.getByRole('heading', { level: 1 }).waitFor({ timeout: 10_000 });
  // the background summarises what was stored a moment after it arrives: wait for the list
  await popup.locator('.municipality-list li').first().waitFor({ timeout: 15_000 });
  // The popup window is the viewport (it scrolls inside, as Chrome's popup does): no fullPage.
  saved.push(await screenshot(popup, 'popup.png', { fullPage: false }));
  // a municipality's detail: the first one in the list, the one that needs attention most
  await popup.locator('.municipality-list li button').first().click();
  await popup.waitForTimeout(500);
  saved.push(await screenshot(popup, 'popup-detail.png', { fullPage: false }));
  await popup.close();

  // The side panel beside the conversation with two people (opened in a tab of its own, pinned
  // to the Gmail tab as the real side panel follows it)
  await openDemoConversation(inbox, PANEL_THREAD);
  const panel = await extension.context.newPage();
  await panel.setViewportSize(PANEL_VIEWPORT);
  await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html?tabId=${await tabIdOf(extension, INBOX_URL)}`);
  await panel.locator('article.participant--known').first().waitFor({ timeout: 15_000 });
  await panel.waitForTimeout(500);
  saved.push(await screenshot(panel, 'side-panel.png', { fullPage: false }));
  saved.push(await screenshot(inbox, 'gmail-conversation.png', { fullPage: false }));

  console.log(`  ${threadCount} threads and ${messageCount} messages stored; screenshots:`);
  for (const path of saved) console.log(`    ${relative(process.cwd(), path)}`);
}

async function main(): Promise<void> {
  const headed = Boolean(process.env.DISPLAY);
  const server = await startFixtureServer({ routes: { '/mail/u/0/': demoMailboxPage() } });
  console.log(`Demo mailbox at ${INBOX_URL} (local HTTPS on 127.0.0.1:${server.port}, resolved by Chromium only)`);
  const extension = await launchExtension({ server, headless: !headed, viewport: headed ? null : undefined });
  console.log(`Extension ${extension.extensionId} loaded in ${headed ? 'a visible' : 'headless'} Chromium`);
  let failed = false;
  try {
    if (headed) {
      const inbox = extension.context.pages()[0] ?? (await extension.context.newPage());
      await inbox.goto(`${INBOX_URL}#inbox`);
      console.log('Open conversations, then click the Gemeenteradar icon (puzzle piece > pin). Ctrl-C to stop.');
      await waitForInterrupt(extension);
    } else {
      await runHeadless(extension);
    }
    for (const dialog of extension.dialogs) console.warn(`! the page opened a ${dialog.type}: ${dialog.message}`);
    for (const problem of extension.problems) console.warn(`! ${problem.kind} at ${problem.source}: ${problem.text}`);
    extension.assertNoExternalRequests();
    console.log('No request left the machine.');
  } catch (error) {
    failed = true;
    console.error(error instanceof Error ? error.message : error);
  } finally {
    await extension.close();
    await server.close();
  }
  process.exit(failed ? 1 : 0);
}

await main();
