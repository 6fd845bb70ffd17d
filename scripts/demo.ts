/**
 * `npm run demo` (builds first): the built extension in Chromium on a local demo mailbox served at
 * https://mail.google.com/mail/u/0/, through the e2e harness (same server, flags and guards).
 *
 * - With a display (DISPLAY set): a visible Chromium; browse the inbox, open conversations, click
 *   the Gemeenteradar icon. Runs until Ctrl-C or until the window is closed.
 * - Without one: headless; saves screenshots of the inbox, a conversation and the popup to
 *   demo-output/ and prints their paths.
 *
 * The mailbox is tests/fixtures/render-gmail.ts rendering DEMO_SCENARIO. Gmail's conversations
 * are hash routes of one page (`#inbox/<id>`), so the demo page carries every view and a tiny
 * router swaps the body on `hashchange`, as Gmail's own single-page app does.
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
import { gmailHash, renderGmail } from '../tests/fixtures/render-gmail';
import { DEMO_SCENARIO, threadsByActivity, type Scenario } from '../tests/fixtures/scenario';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const OUTPUT_DIR = resolve(import.meta.dirname, '../demo-output');
/** Chrome draws extension popups at most 800 x 600; this is a typical popup width. */
const POPUP_VIEWPORT = { width: 420, height: 600 };

/** Every view of the mailbox as a whole document, by the hash Gmail shows for it. */
function mailboxViews(scenario: Scenario): Record<string, string> {
  const views: Record<string, string> = { [gmailHash(scenario, { view: 'list' })]: renderGmail(scenario, { view: 'list' }) };
  for (const thread of scenario.threads) {
    const options = { view: 'conversation', threadId: thread.id } as const;
    views[gmailHash(scenario, options)] = renderGmail(scenario, options);
  }
  return views;
}

// Runs in the demo page (not in the extension). Views are parsed with DOMParser (inert: nothing
// in them runs or loads) and moved into the live document; a click on a list row opens its
// conversation the way Gmail does, by setting the hash.
const ROUTER = `(() => {
  const views = JSON.parse(document.getElementById('demo-views').textContent);
  const show = () => {
    const html = views[location.hash] ?? views['#inbox'];
    const next = new DOMParser().parseFromString(html, 'text/html');
    document.title = next.title;
    document.body.replaceChildren(...[...next.body.childNodes].map((node) => document.adoptNode(node)));
  };
  window.addEventListener('hashchange', show);
  document.addEventListener('click', (event) => {
    const row = event.target instanceof Element ? event.target.closest('tr[role="row"]') : null;
    const id = row?.querySelector('[data-legacy-thread-id]')?.getAttribute('data-legacy-thread-id');
    if (id) location.hash = '#inbox/' + id;
  });
  if (location.hash in views && location.hash !== '#inbox') show();
})();`;

// Cosmetic only, for the person watching: the fixtures carry Gmail's markup but not its styles.
// Nothing here hides or shows content (`.afn` is Gmail's screen-reader summary, visually hidden).
const DEMO_STYLE = `<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #202124; }
  table.F { border-collapse: collapse; width: 100%; }
  tr.zA td { border-bottom: 1px solid #eceff1; padding: 6px 8px; cursor: pointer; }
  tr.zA:hover { background: #f2f6fc; }
  tr.zE { font-weight: 600; background: #fff; } tr.yO { background: #f6f8fc; }
  .afn { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
  .y2 { color: #5f6368; font-weight: 400; } h2 { font-weight: 400; margin: 16px; }
  [role="listitem"] { border-bottom: 1px solid #eceff1; padding: 8px 16px; }
</style>`;

/** The demo page: the list view as served HTML, every view and the router in its head. */
export function demoMailboxPage(scenario: Scenario = DEMO_SCENARIO): string {
  const listHtml = renderGmail(scenario, { view: 'list' });
  // `<` escaped so no text in a view can close the script element.
  const viewsJson = JSON.stringify(mailboxViews(scenario)).replace(/</g, '\\u003c');
  const head = `${DEMO_STYLE}\n<script type="application/json" id="demo-views">${viewsJson}</script>\n<script>${ROUTER}</script>\n</head>`;
  if (!listHtml.includes('</head>')) throw new Error('render-gmail produced no </head>');
  return listHtml.replace('</head>', () => head); // a function: no $-patterns in the views
}

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

async function runHeadless(extension: LaunchedExtension): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const saved: string[] = [];
  const readsGmail = (readBuiltManifest().content_scripts ?? []).some((script) =>
    script.matches.some((pattern) => matchPatternCovers(pattern, INBOX_URL)),
  );
  if (!readsGmail) console.warn('! this build has no content script for mail.google.com: nothing will be read');
  const inbox = await extension.context.newPage();
  await inbox.goto(`${INBOX_URL}#inbox`);
  const store = await extension.openExtensionPage('popup.html'); // a page to read the store from
  const threadCount = readsGmail ? await waitForIngest(store) : 0;
  saved.push(await screenshot(inbox, 'gmail-inbox.png'));

  // Sanne reads her mail: every conversation is opened once, oldest activity first, so the popup
  // knows what she sent (the inbox list alone shows no one's attempts) and warns about exactly
  // the contacts who keep her waiting; the latest conversation stays open for its screenshot.
  const byActivity = threadsByActivity(DEMO_SCENARIO);
  for (const thread of [...byActivity].reverse()) {
    await inbox.evaluate(
      (hash) => (location.hash = hash),
      gmailHash(DEMO_SCENARIO, { view: 'conversation', threadId: thread.id }),
    );
    await inbox.waitForFunction((subject) => document.title.startsWith(subject), thread.subject);
    await inbox.waitForTimeout(700); // the content script reads 300 ms after the page settles
  }
  const [latest] = byActivity;
  if (latest) {
    await inbox.evaluate(
      (hash) => (location.hash = hash),
      gmailHash(DEMO_SCENARIO, { view: 'conversation', threadId: latest.id }),
    );
    await inbox.waitForFunction((subject) => document.title.startsWith(subject), latest.subject);
    const messageCount = readsGmail
      ? await waitForStore(store, 'messages', (messages) => messages.length > 0, 10_000)
          .then((messages) => messages.length)
          .catch(() => 0)
      : 0;
    console.log(`  opened "${latest.subject}": ${messageCount} messages stored`);
    saved.push(await screenshot(inbox, 'gmail-conversation.png'));
  }
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

  console.log(`  ${threadCount} threads stored; screenshots:`);
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
