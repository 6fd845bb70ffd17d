/**
 * The demo mailbox: DEMO_SCENARIO rendered as Gmail (tests/fixtures/render-gmail.ts) as ONE page
 * that carries every view and a tiny router swapping the body on `hashchange`, as Gmail's own
 * single-page app does. Shared by `npm run demo` (scripts/demo.ts) and the surfaces e2e test
 * (tests/e2e/surfaces.test.ts), which both open every conversation so the popup knows who keeps
 * the user waiting.
 */
import type { Page } from 'playwright-core';
import { gmailHash, renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, threadsByActivity, type Scenario } from '../fixtures/scenario';

/** Every view of the mailbox as a whole document, by the hash Gmail shows for it. */
function mailboxViews(scenario: Scenario): Record<string, string> {
  const views: Record<string, string> = { [gmailHash(scenario, { view: 'list' })]: renderGmail(scenario, { view: 'list' }) };
  for (const thread of scenario.threads) {
    // every message expanded, as after reading it: its signature (and phone number) is on the page
    const options = { view: 'conversation', threadId: thread.id, expandAll: true } as const;
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

/** Opens the conversation `threadId` the way a click on its row does, and waits until it shows. */
export async function openDemoConversation(page: Page, threadId: string, scenario: Scenario = DEMO_SCENARIO): Promise<void> {
  const subject = scenario.threads.find((thread) => thread.id === threadId)?.subject ?? '';
  await page.evaluate((hash) => (location.hash = hash), gmailHash(scenario, { view: 'conversation', threadId }));
  await page.waitForFunction((expected) => document.title.startsWith(expected), subject);
}

/**
 * Sanne reads her mail: every conversation is opened once, oldest activity first, so the
 * extension knows what she sent (the inbox list alone shows no one's attempts) and warns about
 * exactly the contacts who keep her waiting. Leaves the page in the most recent conversation.
 */
export async function readEveryConversation(page: Page, scenario: Scenario = DEMO_SCENARIO): Promise<void> {
  for (const thread of [...threadsByActivity(scenario)].reverse()) {
    await openDemoConversation(page, thread.id, scenario);
    await page.waitForTimeout(700); // the content script reads 300 ms after the page settles
  }
}
