/**
 * The side panel, end to end: the BUILT extension in Chromium beside the demo mailbox rendered as
 * Gmail at https://mail.google.com/mail/u/0/. The panel page is opened in a tab of its own with
 * `?tabId=<the Gmail tab>` (a real side panel cannot be opened from a test); it follows that tab's
 * context exactly as the side panel does. We open a conversation, check its participants, correct
 * a role, reload (the content script reads the conversation again and the rules run again), and
 * check the correction held. We measure the time from the background's tab-context write to the
 * participant cards rendered (reported, not asserted: speed is measured, see CONVENTIONS), and
 * save a screenshot of the panel to test-results/side-panel.png.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, Message, Tag } from '@/lib/store/schemas';
import { gmailHash, renderGmail, type RenderGmailOptions } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, personById } from '../fixtures/scenario';
import {
  launchExtension,
  navigateInApp,
  readStore,
  startFixtureServer,
  waitForStore,
  type FixtureServer,
  type LaunchedExtension,
} from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const RESULTS = join(import.meta.dirname, '../../test-results');
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const INBOX = renderGmail(DEMO_SCENARIO, { view: 'list', timeZone: localZone });
const conversationOptions = (threadId: string): RenderGmailOptions => ({
  view: 'conversation',
  threadId,
  expandAll: true,
  timeZone: localZone,
});
const OPEN = 'zwolle-wijkaanpak';
const OTHER = 'amsterdam-armoede';
const ERIK = personById(DEMO_SCENARIO, 'zwolle-beleid');
const MARK = personById(DEMO_SCENARIO, 'zwolle-welzijn');
const FATIMA = personById(DEMO_SCENARIO, 'amsterdam-programma');
const erikId = `c:${ERIK.address.toLowerCase()}`;

/** What Gmail's own code does when a row is clicked: swap the view and change the hash. */
async function openConversation(page: Page, threadId: string): Promise<void> {
  const options = conversationOptions(threadId);
  await navigateInApp(page, renderGmail(DEMO_SCENARIO, options), gmailHash(DEMO_SCENARIO, options));
}

interface Timing {
  /** the background's clock when it made the context (just before writing it) */
  contextAt: number;
  /** the panel's clock when the storage change reached it */
  changedAt: number;
  /** the panel's clock when the named person's name (from the page, before the store) was shown */
  shownAt: number;
  /** the panel's clock when the named person's card, filled from the store, was in the DOM */
  renderedAt: number;
}

/**
 * Starts watching, in the panel, for the next conversation context of `tabId` and for the card of
 * `name` (filled from the store) after it; resolves with the three clocks (one machine clock).
 */
async function watchUpdate(panel: Page, tabId: number, name: string): Promise<() => Promise<Timing>> {
  await panel.evaluate(
    ([key, expected]) => {
      type Chrome = {
        storage: {
          session: {
            onChanged: {
              addListener(listener: (changes: Record<string, { newValue?: { view?: string; at?: number } }>) => void): void;
            };
          };
        };
      };
      const state: { contextAt?: number; changedAt?: number; shownAt?: number; renderedAt?: number } = {};
      (window as unknown as { __update: typeof state }).__update = state;
      (globalThis as unknown as { chrome: Chrome }).chrome.storage.session.onChanged.addListener((changes) => {
        const value = changes[key]?.newValue;
        if (value?.view === 'conversation' && state.contextAt === undefined) {
          state.contextAt = value.at;
          state.changedAt = Date.now();
        }
      });
      const check = () => {
        if (state.contextAt === undefined || state.renderedAt !== undefined) return;
        const named = [...document.querySelectorAll('.participant__name')].some((element) => element.textContent === expected);
        if (named) state.shownAt ??= Date.now();
        const card = [...document.querySelectorAll('article.participant--known h3')].find(
          (heading) => heading.textContent === expected,
        );
        if (card) {
          state.renderedAt = Date.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    },
    [`tab-context:${tabId}`, name] as const,
  );
  return async () => {
    await panel.waitForFunction(
      () => (window as unknown as { __update: { renderedAt?: number } }).__update.renderedAt !== undefined,
      null,
      { timeout: 15_000 },
    );
    return panel.evaluate(() => (window as unknown as { __update: Timing }).__update);
  };
}

describe('the side panel beside Gmail', () => {
  let server: FixtureServer;
  let extension: LaunchedExtension;
  let gmail: Page;
  let panel: Page;
  let gmailTabId: number;

  beforeAll(async () => {
    server = await startFixtureServer({ routes: { 'mail.google.com/mail/u/0/': INBOX } });
    extension = await launchExtension({ server });
    gmail = await extension.context.newPage();
    await gmail.goto(`${INBOX_URL}#inbox`);
    // the Gmail tab's id, as the side panel would get it from tabs.query (host permission: url visible)
    gmailTabId = await extension.serviceWorker.evaluate(async (url) => {
      const tabs = await (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }
      ).chrome.tabs.query({ url });
      return tabs[0]!.id;
    }, `${INBOX_URL}*`);
    panel = await extension.context.newPage();
    await panel.setViewportSize({ width: 400, height: 900 });
    await panel.goto(`chrome-extension://${extension.extensionId}/sidepanel.html?tabId=${gmailTabId}`);
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });
  afterEach(() => {
    extension.assertNoExternalRequests();
    expect(extension.problemsOf(panel)).toEqual([]);
    expect(extension.dialogs).toEqual([]);
  });

  it('guides in the inbox list, where no conversation is open', async () => {
    await panel.getByRole('heading', { name: 'Geen gesprek geopend' }).waitFor({ timeout: 15_000 });
    expect(await panel.getByText('Open een gesprek in Gmail om hier de deelnemers te zien.').isVisible()).toBe(true);
  });

  it('shows the participants of the conversation opened in Gmail, with municipality, role and evidence', async () => {
    await waitForStore<Contact>(panel, 'contacts', (contacts) => contacts.some((contact) => contact.id === erikId), 15_000);
    const done = await watchUpdate(panel, gmailTabId, ERIK.name);
    await openConversation(gmail, OPEN);
    const timing = await done();
    const subject = DEMO_SCENARIO.threads.find((thread) => thread.id === OPEN)!.subject;
    expect(await panel.getByRole('heading', { level: 2, name: subject }).isVisible()).toBe(true);

    const erik = panel.getByRole('article', { name: ERIK.name });
    const mark = panel.getByRole('article', { name: MARK.name });
    await expect.poll(() => erik.locator('dd[data-municipality]').textContent()).toContain('Zwolle (Overijssel)');
    expect(await erik.locator('dd[data-role] .facts__value').textContent()).toBe('Ambtenaar');
    expect(await erik.locator('.evidence__rule').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('zwolle.nl')]),
    );
    expect(await mark.locator('dd[data-municipality]').textContent()).toContain('Zwolle');
    // the whole timeline opens on demand (the card shows the last contact)
    await erik.getByRole('button', { name: /^Tijdlijn \(\d+\)…$/ }).click();
    const timeline = erik.getByRole('region', { name: 'Tijdlijn' });
    expect(await timeline.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
    // a mail to both names both, by name
    expect(await timeline.textContent()).toContain(`Mail aan ${ERIK.name}, ${MARK.name}`);
    // the user herself is never a participant card
    expect(await panel.getByRole('article', { name: personById(DEMO_SCENARIO, 'sanne').name }).count()).toBe(0);
    console.info(
      `side panel: tab-context write -> storage event ${timing.changedAt - timing.contextAt} ms, names ${timing.shownAt - timing.contextAt} ms, cards from the store ${timing.renderedAt - timing.contextAt} ms`,
    );
  });

  it('corrects a role; after a reload, with the rules run again, the correction holds', async () => {
    const erik = panel.getByRole('article', { name: ERIK.name });
    await erik.getByRole('button', { name: 'Corrigeren…' }).click();
    await erik.getByRole('radio', { name: 'Rol' }).check();
    await erik.getByRole('combobox', { name: 'Rol' }).selectOption({ label: 'Gemeenteraad' });
    await erik.getByRole('radio', { name: `alleen dit adres (${ERIK.address.toLowerCase()})` }).check();
    await erik.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await expect.poll(() => erik.locator('dd[data-role] .facts__value').textContent(), { timeout: 10_000 }).toBe('Gemeenteraad');
    const correctedAt = Date.now();

    // Reload Gmail in the conversation: the content script reads it again and the background
    // ingests it again, classifying Erik by his signature ("Beleidsadviseur") once more.
    server.setRoute('mail.google.com/mail/u/0/', renderGmail(DEMO_SCENARIO, conversationOptions(OPEN)));
    await gmail.reload();
    // the background records the reader's status after it stored the batch: the read is done
    // (unchanged messages are not rewritten, so their own timestamps do not move)
    await waitForStore<{ id: string; at: number }>(
      panel,
      'readerStatus',
      (statuses) => statuses.some((status) => status.id === 'gmail:conversation' && status.at > correctedAt),
      20_000,
    );
    await panel.reload();
    const reloaded = panel.getByRole('article', { name: ERIK.name });
    await expect
      .poll(() => reloaded.locator('dd[data-role] .facts__value').textContent(), { timeout: 15_000 })
      .toBe('Gemeenteraad');
    expect(await reloaded.locator('dd[data-role]').textContent()).toContain(
      `Door jou gecorrigeerd voor ${ERIK.address.toLowerCase()}`,
    );
    expect(await reloaded.locator('dd[data-role]').textContent()).toContain('Regel zei: Ambtenaar');

    const [contact] = (await readStore<Contact>(panel, 'contacts')).filter((record) => record.id === erikId);
    expect(contact).toMatchObject({ role: 'gemeenteraad', municipalityCode: 'GM0193' });
    const tags = await readStore<Tag>(panel, 'tags');
    expect(tags.find((tag) => tag.id === `user:address:${ERIK.address.toLowerCase()}:role`)).toMatchObject({
      source: 'user',
      value: 'gemeenteraad',
    });
    // the rule's verdict stays on the contact, under the correction
    expect(contact!.ruleTags?.find((tag) => tag.dimension === 'role')).toMatchObject({ source: 'rule', value: 'ambtenaar' });

    mkdirSync(RESULTS, { recursive: true });
    await panel.screenshot({ path: join(RESULTS, 'side-panel.png'), fullPage: true });
  });

  it("follows a colleague after all: his card becomes a stakeholder's, his mail is linked in the store", async () => {
    const daan = personById(DEMO_SCENARIO, 'daan');
    const daanId = `c:${daan.address.toLowerCase()}`;
    await openConversation(gmail, 'collega-planning');
    const card = panel.getByRole('article', { name: daan.name });
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain('Collega');
    await card.getByRole('button', { name: 'Toch volgen als stakeholder' }).click();

    await panel.getByRole('heading', { name: daan.name }).waitFor({ timeout: 15_000 });
    expect(await panel.getByRole('article', { name: daan.name }).textContent()).toContain(
      `Gevolgd op jouw aanwijzing (${daan.address.toLowerCase()}).`,
    );
    const [contact] = (await readStore<Contact>(panel, 'contacts')).filter((record) => record.id === daanId);
    expect(contact).toMatchObject({ kind: 'stakeholder' });
    const linked = (await readStore<Message>(panel, 'messages')).filter((message) => message.contactIds.includes(daanId));
    expect(linked.map((message) => message.direction).sort()).toEqual(['in', 'out']); // his mail, and Sanne's to him
  });

  it('follows the tab to the next conversation, time after time (measured)', async () => {
    const samples: number[] = [];
    const shown: number[] = [];
    for (let round = 0; round < 10; round++) {
      const [threadId, name] = round % 2 === 0 ? [OTHER, FATIMA.name] : [OPEN, ERIK.name];
      const done = await watchUpdate(panel, gmailTabId, name);
      await openConversation(gmail, threadId);
      const timing = await done();
      samples.push(timing.renderedAt - timing.contextAt);
      shown.push(timing.shownAt - timing.contextAt);
    }
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { samples: values, median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1) };
    };
    const report = { cardsFromStore: summary(samples), namesFromPage: summary(shown) };
    console.info(`side panel: tab-context write -> cards rendered, ${JSON.stringify(report)} ms`);
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'side-panel-timing.json'), `${JSON.stringify(report, null, 2)}\n`);
    expect(await panel.getByRole('article', { name: ERIK.name }).isVisible()).toBe(true);
  });

  it('holds its layout for long names at the narrowest side-panel width', async () => {
    const sjoukje = personById(DEMO_SCENARIO, 'swf-wethouder');
    const done = await watchUpdate(panel, gmailTabId, sjoukje.name);
    await openConversation(gmail, 'swf-kennismaking');
    await done();
    await panel.setViewportSize({ width: 320, height: 900 });
    const card = panel.getByRole('article', { name: sjoukje.name });
    expect(await card.locator('dd[data-municipality]').textContent()).toContain('Súdwest-Fryslân (Friesland)');
    await card.getByRole('button', { name: 'Corrigeren…' }).click();
    await card.getByRole('combobox', { name: 'Gemeente' }).fill('nuenen');
    expect(await card.getByRole('option', { name: /Nuenen, Gerwen en Nederwetten/ }).isVisible()).toBe(true);
    // nothing sticks out sideways: no horizontal scrolling in a 320 px panel
    expect(await panel.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    mkdirSync(RESULTS, { recursive: true });
    await panel.screenshot({ path: join(RESULTS, 'side-panel-narrow.png'), fullPage: true });
    await card.getByRole('button', { name: 'Annuleren' }).click();
    await panel.setViewportSize({ width: 400, height: 900 });
  });

  it('keeps a hostile subject and name inert in the panel', async () => {
    const done = await watchUpdate(panel, gmailTabId, personById(DEMO_SCENARIO, 'bewoner-anouk').name);
    await openConversation(gmail, 'hostile');
    await done();
    const subject = DEMO_SCENARIO.threads.find((thread) => thread.id === 'hostile')!.subject;
    expect(await panel.getByRole('heading', { level: 2, name: subject }).isVisible()).toBe(true);
    expect(await panel.evaluate(() => document.querySelectorAll('img, script:not([src]), b').length)).toBe(0);
  });

  it('shows a short guide for a tab that is not webmail', async () => {
    const other = await extension.openExtensionPage(`sidepanel.html?tabId=${gmailTabId + 10_000}`);
    await other.getByRole('alert').waitFor({ timeout: 10_000 });
    const popup = await extension.openExtensionPage('popup.html');
    const popupTabId = await extension.serviceWorker.evaluate(async () => {
      const tabs = await (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number; url?: string }[]> } } }
      ).chrome.tabs.query({});
      return tabs.find((tab) => tab.url?.endsWith('/popup.html'))?.id ?? -1;
    });
    await other.goto(`chrome-extension://${extension.extensionId}/sidepanel.html?tabId=${popupTabId}`);
    await other.getByRole('heading', { name: 'Geen mail in dit tabblad' }).waitFor({ timeout: 10_000 });
    await popup.close();
    await other.close();
  });
});
