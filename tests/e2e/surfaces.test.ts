/**
 * Every surface of the BUILT extension, in Dutch and in English, beside the demo mailbox rendered
 * as Gmail: axe-core (tests/e2e/axe.ts) runs on each surface and state and the test fails on any
 * violation, and each surface is saved as a screenshot to test-results/surfaces/<lang>/ (the
 * product's pictures: popup list and detail, the side panel beside a Gmail conversation, options,
 * the data, import and ics-import pages, the Gmail inbox with its inline badges).
 *
 * The side panel's height for the two-person conversation at 360 px (the width of a Chrome side
 * panel) is measured and reported (console and test-results/surfaces/side-panel-height.json), not
 * asserted: it is a figure for the design, not a contract.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BADGE_TAG } from '@/lib/content/inline-badges';
import { dataEn, dataNl } from '@/lib/i18n/data-messages';
import { expectNoAxeViolations } from './axe';
import { demoMailboxPage, openDemoConversation, readEveryConversation } from './demo-mailbox';
import { useExtension, waitForStore } from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const RESULTS = join(import.meta.dirname, '../../test-results/surfaces');
/** Chrome draws extension popups at most 800 x 600; a typical popup size. */
const POPUP_VIEWPORT = { width: 420, height: 600 };
/** The width of a Chrome side panel as it opens. */
const PANEL_VIEWPORT = { width: 360, height: 800 };
/** The two-person conversation (Erik Bosman and Mark Visser, Zwolle). */
const TWO_PERSON_THREAD = 'zwolle-wijkaanpak';
const ERIK_ADDRESS = 'e.bosman@zwolle.nl';

const LANGUAGES = [
  { lang: 'nl', locale: 'nl-NL' },
  { lang: 'en', locale: 'en-GB' },
] as const;

async function saveScreenshot(page: Page, dir: string, name: string, fullPage = true): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage });
}

/** The side panel beside the webmail page, as the user sees them: two screenshots in one picture. */
async function saveBeside(context: BrowserContext, mail: Page, panel: Page, path: string): Promise<void> {
  const left = (await mail.screenshot()).toString('base64');
  const right = (await panel.screenshot()).toString('base64');
  const page = await context.newPage();
  const mailSize = mail.viewportSize() ?? { width: 900, height: 800 };
  const panelSize = panel.viewportSize() ?? PANEL_VIEWPORT;
  await page.setViewportSize({
    width: mailSize.width + panelSize.width + 1,
    height: Math.max(mailSize.height, panelSize.height),
  });
  await page.setContent(
    `<body style="margin:0;display:flex;background:#d0d7de;gap:1px"><img src="data:image/png;base64,${left}"><img src="data:image/png;base64,${right}"></body>`,
  );
  await page.screenshot({ path });
  await page.close();
}

/** Opens every closed disclosure of the page (aria-expanded=false buttons, details), once each. */
async function openEveryForm(page: Page): Promise<number> {
  let opened = 0;
  for (;;) {
    const closed = page.locator('main button[aria-expanded="false"]');
    if ((await closed.count()) === 0) break;
    await closed.first().click();
    opened++;
    if (opened > 50) throw new Error('disclosures kept appearing');
  }
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
  return opened;
}

const heights: Record<string, number> = {};

describe.each(LANGUAGES)('every surface in $lang', ({ lang, locale }) => {
  const launched = useExtension({ '/mail/u/0/': demoMailboxPage() }, { locale });
  const shots = join(RESULTS, lang);
  let gmail: Page;
  let gmailTabId: number;

  it('popup, empty: before any mail was read', async () => {
    const popup = await launched.extension.context.newPage();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.goto(`chrome-extension://${launched.extension.extensionId}/popup.html`);
    await popup.getByRole('heading', { level: 1 }).waitFor({ timeout: 15_000 });
    await popup.locator('.empty-state').first().waitFor({ timeout: 15_000 });
    await saveScreenshot(popup, shots, 'popup-empty', false);
    await expectNoAxeViolations(popup, 'popup, empty');
    await popup.close();
  });

  it('Gmail inbox with inline badges, after every conversation was read', async () => {
    gmail = await launched.extension.context.newPage();
    await gmail.setViewportSize({ width: 1000, height: 800 });
    await gmail.goto(`${INBOX_URL}#inbox`);
    const store = await launched.extension.openExtensionPage('options.html');
    await waitForStore(store, 'threads', (threads) => threads.length > 0, 15_000);
    await readEveryConversation(gmail);
    await gmail.evaluate(() => (location.hash = '#inbox'));
    await gmail.waitForFunction(() => document.querySelector('tr[role="row"]') !== null);
    // the badges follow the latency the background computes after the last read
    await gmail.waitForFunction((tag) => document.querySelectorAll(tag).length > 0, BADGE_TAG, { timeout: 15_000 });
    await gmail.waitForTimeout(500);
    await saveScreenshot(gmail, shots, 'gmail-inbox-badges', false);
    await store.close();
    gmailTabId = await launched.extension.serviceWorker.evaluate(async (url) => {
      const tabs = await (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }
      ).chrome.tabs.query({ url });
      return tabs[0]!.id;
    }, `${INBOX_URL}*`);
  });

  it('popup list, detail and search', async () => {
    const popup = await launched.extension.context.newPage();
    await popup.setViewportSize(POPUP_VIEWPORT);
    await popup.goto(`chrome-extension://${launched.extension.extensionId}/popup.html`);
    await popup.locator('.municipality-list li').first().waitFor({ timeout: 15_000 });
    await saveScreenshot(popup, shots, 'popup-list', false);
    await expectNoAxeViolations(popup, 'popup, list');

    await popup.locator('.municipality-list li button').first().click();
    await popup.getByRole('heading', { level: 2 }).first().waitFor();
    await saveScreenshot(popup, shots, 'popup-detail', false);
    await expectNoAxeViolations(popup, 'popup, detail');

    await popup.keyboard.press('Escape');
    await popup.goto(`chrome-extension://${launched.extension.extensionId}/popup.html`);
    await popup.getByRole('searchbox').or(popup.locator('#search')).first().fill('zwolle');
    await popup.locator('.municipality-list li').first().waitFor({ timeout: 15_000 });
    await saveScreenshot(popup, shots, 'popup-search', false);
    await expectNoAxeViolations(popup, 'popup, search');
    await popup.close();
  });

  it('side panel beside a Gmail conversation, compact and with every form open', async () => {
    await openDemoConversation(gmail, TWO_PERSON_THREAD);
    const panel = await launched.extension.context.newPage();
    await panel.setViewportSize(PANEL_VIEWPORT);
    await panel.goto(`chrome-extension://${launched.extension.extensionId}/sidepanel.html?tabId=${gmailTabId}`);
    await panel.locator('article.participant--known').nth(1).waitFor({ timeout: 15_000 });
    await panel.waitForTimeout(300);
    heights[`${lang} compact`] = await panel.evaluate(() => document.documentElement.scrollHeight);
    await saveBeside(launched.extension.context, gmail, panel, join(shots, 'side-panel-beside-gmail.png'));
    await saveScreenshot(panel, shots, 'side-panel');
    await expectNoAxeViolations(panel, 'side panel, compact');

    await openEveryForm(panel);
    heights[`${lang} every form open`] = await panel.evaluate(() => document.documentElement.scrollHeight);
    await saveScreenshot(panel, shots, 'side-panel-forms-open');
    await expectNoAxeViolations(panel, 'side panel, forms open');
    console.info(`side panel at 360 px, two-person conversation: ${JSON.stringify(heights)} px`);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'side-panel-height.json'), `${JSON.stringify(heights, null, 2)}\n`);
    await panel.close();
  });

  it('data page, what is held about a person', async () => {
    const texts = lang === 'nl' ? dataNl : dataEn;
    const page = await launched.extension.openExtensionPage(`data.html?address=${encodeURIComponent(ERIK_ADDRESS)}#person`);
    await page.setViewportSize({ width: 1000, height: 800 });
    const person = page.getByRole('region', { name: texts.personTitle });
    await person.getByRole('button', { name: texts.personShow, exact: true }).click();
    await person.getByRole('status').filter({ hasText: /\S/ }).waitFor({ timeout: 20_000 });
    await saveScreenshot(page, shots, 'data-person');
    await expectNoAxeViolations(page, 'data page, a person');
    expect(launched.extension.problemsOf(page)).toEqual([]);
    await page.close();
  });

  it.each([
    ['options', 'options.html'],
    ['data', 'data.html'],
    ['import', 'import.html'],
    ['ics-import', 'ics-import.html'],
  ])('%s page', async (name, path) => {
    const page = await launched.extension.openExtensionPage(path);
    await page.setViewportSize({ width: 1000, height: 800 });
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    await saveScreenshot(page, shots, name);
    await expectNoAxeViolations(page, `${name} page`);
    expect(launched.extension.problemsOf(page)).toEqual([]);
    await page.close();
  });
});
