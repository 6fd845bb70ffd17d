import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { Browser } from 'wxt/browser';
import { reinjectAfterInstall, reinjectContentScripts } from '@/lib/background/reinject';
import { reloadNeededItem, rememberTab } from '@/lib/messaging/tab-context';
import { batch } from '../fixtures/observations';

const GMAIL = { matches: ['https://mail.google.com/*'], js: ['content-scripts/gmail.js'] };
const OUTLOOK = { matches: ['https://outlook.office.com/*', 'https://outlook.live.com/*'], js: ['content-scripts/outlook.js'] };

/** Open tabs by url, as tabs.query with `url` patterns finds them. */
function tabsAt(open: Record<number, string>) {
  return async ({ url }: { url: string[] }) =>
    Object.entries(open)
      .filter(([, at]) => url.some((pattern) => at.startsWith(pattern.replace('*', ''))))
      .map(([id]) => ({ id: Number(id) }));
}

describe('re-injection after an update', () => {
  afterEach(() => void vi.restoreAllMocks());

  it("puts each host's new content script into the webmail tabs already open, and only those", async () => {
    const injected: { tabId: number; files: string[] }[] = [];
    const result = await reinjectContentScripts({
      contentScripts: [GMAIL, OUTLOOK],
      queryTabs: tabsAt({
        1: 'https://mail.google.com/mail/u/0/',
        2: 'https://example.org/',
        3: 'https://outlook.office.com/mail/',
      }),
      executeScript: async ({ target, files }) => void injected.push({ tabId: target.tabId, files }),
    });
    expect(injected).toEqual([
      { tabId: 1, files: GMAIL.js },
      { tabId: 3, files: OUTLOOK.js },
    ]);
    expect(result).toEqual({ injected: [1, 3], failed: [] });
    expect(await reloadNeededItem(1).getValue()).toBe(false);
  });

  it.each([
    [
      'the browser refuses the injection',
      async ({ target }: { target: { tabId: number } }) => {
        if (target.tabId === 2) throw new Error('Cannot access contents of the page');
      },
    ],
    ['there is no scripting permission', undefined],
  ])('marks a tab the user must reload when %s, and goes on with the others', async (_case, executeScript) => {
    const result = await reinjectContentScripts({
      contentScripts: [GMAIL],
      queryTabs: async () => [{ id: 1 }, { id: 2 }],
      executeScript,
    });
    const expectedFailed = executeScript ? [2] : [1, 2];
    expect(result.failed).toEqual(expectedFailed);
    for (const tabId of [1, 2]) expect(await reloadNeededItem(tabId).getValue()).toBe(expectedFailed.includes(tabId));
  });

  it('a tab query that fails leaves nothing marked and throws nothing', async () => {
    const result = await reinjectContentScripts({
      contentScripts: [GMAIL],
      queryTabs: () => Promise.reject(new Error('no tabs')),
      executeScript: async () => undefined,
    });
    expect(result).toEqual({ injected: [], failed: [] });
  });

  it('the mark goes as soon as a content script in that tab sends again', async () => {
    await reinjectContentScripts({ contentScripts: [GMAIL], queryTabs: async () => [{ id: 7 }] });
    expect(await reloadNeededItem(7).getValue()).toBe(true);
    await rememberTab(batch({}), 7, undefined);
    expect(await reloadNeededItem(7).getValue()).toBe(false);
  });

  it.each([
    ['install', true],
    ['update', true],
    ['chrome_update', false],
    ['shared_module_update', false],
  ])("at onInstalled with reason %s, re-injects: %s (the built manifest's content scripts)", async (reason, reinjects) => {
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'x',
      version: '1',
      content_scripts: [GMAIL],
    });
    const queried: string[][] = [];
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation(async (query: { url?: string | string[] }) => {
      queried.push([query.url ?? []].flat());
      return [{ id: 4 } as Browser.tabs.Tab];
    });
    const result = await reinjectAfterInstall(reason);
    expect(queried).toEqual(reinjects ? [GMAIL.matches] : []);
    // WXT's fake browser has no scripting API: the open tab is marked for a reload
    expect(result).toEqual(reinjects ? { injected: [], failed: [4] } : null);
    expect(await reloadNeededItem(4).getValue()).toBe(reinjects);
  });
});
