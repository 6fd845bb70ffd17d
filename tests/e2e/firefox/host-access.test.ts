/**
 * Firefox grants an MV3 add-on's host permissions at install (firefox-esr does; see mail.test.ts),
 * but the user can withdraw them per site (about:addons, the extensions button). Then no content
 * script runs and nothing is read, silently. The popup says so and its button asks for the access
 * again. Firefox's own permission prompt is chrome UI no test can click, so this launch grants
 * requests without it (pref extensions.webextOptionalPermissionPrompts = false); the request still
 * has to come from the click, as Firefox requires a user gesture for it.
 */
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import type { TabContext } from '@/lib/messaging/tab-context';
import { renderGmail } from '../../fixtures/render-gmail';
import { DEMO_SCENARIO } from '../../fixtures/scenario';
import { readFirefoxManifest, useFirefoxExtension } from './harness';

const INBOX_URL = 'https://mail.google.com/mail/u/0/';

type PermissionsGlobal = {
  browser: {
    permissions: {
      contains(permissions: { origins: string[] }): Promise<boolean>;
      remove(permissions: { origins: string[] }): Promise<boolean>;
    };
    storage: { session: { get(key: string): Promise<Record<string, TabContext | undefined>> } };
  };
};

describe('when the user withdrew the access to the mail sites, in Firefox', () => {
  const launched = useFirefoxExtension(
    { 'mail.google.com/mail/u/0/': renderGmail(DEMO_SCENARIO, { view: 'list' }) },
    { extraPrefs: { 'extensions.webextOptionalPermissionPrompts': false } },
  );

  it('nothing is read, the popup says so, and "Toegang geven" brings the access back', async () => {
    const { firefox } = launched;
    const origins = readFirefoxManifest().host_permissions ?? [];
    expect(origins.length).toBeGreaterThan(0);
    const probe = await firefox.openExtensionPage('options.html');
    const hasAccess = () =>
      probe.evaluate(
        (hosts) => (globalThis as unknown as PermissionsGlobal).browser.permissions.contains({ origins: hosts }),
        origins,
      );
    expect(await hasAccess()).toBe(true);
    await probe.evaluate(
      (hosts) => (globalThis as unknown as PermissionsGlobal).browser.permissions.remove({ origins: hosts }),
      origins,
    );
    expect(await hasAccess()).toBe(false);

    const gmail = await firefox.newPage();
    await gmail.goto(INBOX_URL);
    // the content script would have reported within a second; give it two
    await new Promise((resolveWait) => setTimeout(resolveWait, 2_000));
    expect(await firefox.readStore(probe, 'readerStatus')).toEqual([]);
    expect(await firefox.readStore(probe, 'threads')).toEqual([]);

    const popup = await firefox.openExtensionPage('popup.html');
    const notice = await popup.waitForSelector(`[role="alert"] ::-p-text(${MESSAGES.nl.hostAccessMissing.slice(0, 40)})`, {
      timeout: 10_000,
    });
    expect(notice).not.toBeNull();
    const grant = await popup.waitForSelector(`button::-p-text(${MESSAGES.nl.hostAccessGrant})`);
    await grant!.click();
    await expect.poll(hasAccess, { timeout: 10_000 }).toBe(true);
    await expect
      .poll(() => popup.evaluate(() => document.querySelector('[role="alert"]')?.textContent ?? null), { timeout: 10_000 })
      .toBeNull();

    // the mail is read again from the next page load on, in this tab (its url is visible again too)
    await gmail.reload();
    const tabId = await firefox.tabIdOf(probe, `${INBOX_URL}*`);
    const tabContext = async () =>
      (
        await probe.evaluate(
          (key) => (globalThis as unknown as PermissionsGlobal).browser.storage.session.get(key),
          `tab-context:${tabId}`,
        )
      )[`tab-context:${tabId}`] ?? null;
    await expect.poll(tabContext, { timeout: 20_000 }).toMatchObject({ host: 'gmail', view: 'list' });
    await firefox.waitForStore(probe, 'threads', (threads) => threads.length === DEMO_SCENARIO.threads.length, 20_000);
    expect(firefox.problemsOf(gmail)).toEqual([]);
    await popup.close();
    await gmail.close();
    await probe.close();
  });
});
