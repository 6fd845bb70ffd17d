/**
 * The side panel as Firefox's sidebar (manifest sidebar_action, the same sidepanel.html), in
 * Firefox ESR headless with the built MV3 extension: "Open zijpaneel" in the popup, clicked as a
 * user would (BiDi input actions, so Firefox sees a user gesture), opens the real sidebar and the
 * popup closes itself; the sidebar follows the active tab and renders the open Gmail
 * conversation's participants with municipality and role.
 *
 * Headless Firefox has no window to look at, but it does have the sidebar: its document is read
 * from another extension page with browser.extension.getViews({ type: 'sidebar' }) (extension
 * pages share a process), so the test reads what the real sidebar shows. The popup is a tab here:
 * the toolbar popup itself cannot be opened from a test.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { gmailHash, renderGmail } from '../../fixtures/render-gmail';
import { DEMO_SCENARIO, personById } from '../../fixtures/scenario';
import { useFirefoxExtension } from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const OPEN = DEMO_SCENARIO.threads.find((thread) => thread.id === 'zwolle-wijkaanpak')!;
const conversation = { view: 'conversation', threadId: OPEN.id, expandAll: true, timeZone: localZone } as const;
const ERIK = personById(DEMO_SCENARIO, 'zwolle-beleid');
const MARK = personById(DEMO_SCENARIO, 'zwolle-welzijn');
const SANNE = personById(DEMO_SCENARIO, DEMO_SCENARIO.owner);

type SidebarGlobal = {
  browser: {
    sidebarAction: { isOpen(details: object): Promise<boolean>; getPanel(details: object): Promise<string> };
    extension: { getViews(filter: { type: string }): Window[] };
  };
};

describe('the side panel as a sidebar in Firefox', () => {
  const launched = useFirefoxExtension({ 'mail.google.com/mail/u/0/': renderGmail(DEMO_SCENARIO, conversation) });

  it('"Open zijpaneel" opens the sidebar, which shows the open conversation\'s participants', async () => {
    const { firefox } = launched;
    // an extension page to look from (it never becomes the active tab again)
    const probe = await firefox.openExtensionPage('options.html');
    const sidebarOpen = () => probe.evaluate(() => (globalThis as unknown as SidebarGlobal).browser.sidebarAction.isOpen({}));
    const sidebarViews = () =>
      probe.evaluate(() =>
        (globalThis as unknown as SidebarGlobal).browser.extension
          .getViews({ type: 'sidebar' })
          .map((view) => ({ url: view.location.href, text: view.document.body.innerText })),
      );
    expect(await sidebarOpen()).toBe(false);

    const gmail = await firefox.newPage();
    await gmail.goto(`${INBOX_URL}${gmailHash(DEMO_SCENARIO, conversation)}`);
    await firefox.waitForStore<{ id: string }>(
      probe,
      'contacts',
      (contacts) => contacts.some((contact) => contact.id === `c:${ERIK.address.toLowerCase()}`),
      20_000,
    );

    const popup = await firefox.openExtensionPage('popup.html');
    const button = await popup.waitForSelector(`button::-p-text(${MESSAGES.nl.openSidePanel})`, { timeout: 10_000 });
    await button!.click();
    await expect.poll(sidebarOpen, { timeout: 10_000 }).toBe(true);
    // the popup closes itself once the sidebar opened (it stays, with a note, when that failed)
    await expect.poll(() => firefox.isTabOpen(popup), { timeout: 10_000 }).toBe(false);
    expect(await probe.evaluate(() => (globalThis as unknown as SidebarGlobal).browser.sidebarAction.getPanel({}))).toBe(
      `${firefox.extensionOrigin}sidepanel.html`,
    );

    // the sidebar follows the active tab: bring Gmail to the front
    await gmail.bringToFront();
    await expect
      .poll(async () => (await sidebarViews())[0]?.text ?? '', { timeout: 15_000 })
      .toContain(`${MESSAGES.nl.panelRole}\nAmbtenaar`);
    const [view, ...others] = await sidebarViews();
    expect(others).toEqual([]);
    expect(view!.url).toBe(`${firefox.extensionOrigin}sidepanel.html`);
    for (const expected of [
      OPEN.subject,
      MESSAGES.nl.panelParticipants,
      ERIK.name,
      ERIK.address.toLowerCase(),
      MARK.name,
      'Zwolle (Overijssel)',
    ]) {
      expect(view!.text).toContain(expected);
    }
    // the user herself is never a participant card
    expect(view!.text).not.toContain(SANNE.address.toLowerCase());
    expect(firefox.problemsOf(gmail)).toEqual([]);
    await gmail.close();
    await probe.close();
  });
});
