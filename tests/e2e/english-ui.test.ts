/**
 * The English UI, end to end with the BUILT extension in a Chromium that speaks English: every
 * extension page says it is English (`lang`), and the side panel's verdicts (evidence, role)
 * read in English, not in the Dutch they were once stored as.
 */
import { describe, expect, it } from 'vitest';
import type { Contact } from '@/lib/store/schemas';
import { gmailHash, renderGmail, type RenderGmailOptions } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, personById } from '../fixtures/scenario';
import { useExtension, waitForStore } from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const conversation: RenderGmailOptions = {
  view: 'conversation',
  threadId: 'zwolle-wijkaanpak',
  expandAll: true,
  timeZone: localZone,
};
const ERIK = personById(DEMO_SCENARIO, 'zwolle-beleid');

describe('the extension in English', () => {
  const launched = useExtension({ 'mail.google.com/mail/u/0/': renderGmail(DEMO_SCENARIO, conversation) }, { locale: 'en-GB' });

  it('marks every page as English and shows the verdicts in English', async () => {
    const { extension } = launched;
    const gmail = await extension.context.newPage();
    await gmail.goto(`${INBOX_URL}${gmailHash(DEMO_SCENARIO, conversation)}`);
    const popup = await extension.openExtensionPage('popup.html');
    await waitForStore<Contact>(
      popup,
      'contacts',
      (contacts) => contacts.some((contact) => contact.addresses.includes(ERIK.address.toLowerCase())),
      15_000,
    );
    const options = await extension.openExtensionPage('options.html');
    const gmailTabId = await extension.serviceWorker.evaluate(async (url) => {
      const tabs = await (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id: number }[]> } } }
      ).chrome.tabs.query({ url });
      return tabs[0]!.id;
    }, `${INBOX_URL}*`);
    const panel = await extension.openExtensionPage(`sidepanel.html?tabId=${gmailTabId}`);
    for (const page of [popup, options, panel])
      expect(await page.evaluate(() => document.documentElement.lang), page.url()).toBe('en');

    const erik = panel.getByRole('article', { name: ERIK.name });
    await erik.locator('dd[data-role] .facts__value').waitFor({ timeout: 15_000 });
    expect(await erik.locator('dd[data-role] .facts__value').textContent()).toBe('Civil servant');
    const evidence = await erik.locator('.evidence__rule').allTextContents();
    expect(evidence).toEqual(expect.arrayContaining(['domain zwolle.nl', 'signature: beleidsadviseur']));
    expect(evidence.join('\n')).not.toMatch(/domein|handtekening|medewerker van een gemeente/);
    for (const page of [popup, options, panel]) expect(extension.problemsOf(page)).toEqual([]);
  });
});
