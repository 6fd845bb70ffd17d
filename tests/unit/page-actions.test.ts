/**
 * "Open zijpaneel" in both browsers (lib/messaging/client.ts): Chrome's side panel on the active
 * tab, Firefox's sidebar (no `browser.sidePanel` there). Firefox allows `sidebarAction.open()`
 * only inside the click and forgets the click at the first await, so the call must happen before
 * openSidePanel awaits anything: checked by looking right after the synchronous part returned.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browserPageActions, sidePanelFocusItem } from '@/lib/messaging/client';

type Mutable = { sidePanel?: unknown; sidebarAction?: unknown };
const apis = fakeBrowser as unknown as Mutable;
const originalSidebar = apis.sidebarAction;

afterEach(() => {
  vi.restoreAllMocks();
  delete apis.sidePanel;
  apis.sidebarAction = originalSidebar;
});

describe('openSidePanel in Firefox (sidebarAction, no sidePanel)', () => {
  it('opens the sidebar within the click, before any await, and focuses the contact', async () => {
    const open = vi.fn(async () => {});
    apis.sidebarAction = { open };
    const opening = browserPageActions.openSidePanel('c:erik@zwolle.nl');
    expect(open).toHaveBeenCalledTimes(1); // synchronously: still inside the user's click
    expect(await opening).toBe(true);
    expect(await sidePanelFocusItem.getValue()).toBe('c:erik@zwolle.nl');
  });

  it.each([
    ['without a contact: the focus stays as it was', undefined, null],
    ['with a contact', 'c:mark@zwolle.nl', 'c:mark@zwolle.nl'],
  ])('%s', async (_name, contactId, focus) => {
    apis.sidebarAction = { open: vi.fn(async () => {}) };
    expect(await browserPageActions.openSidePanel(contactId)).toBe(true);
    expect(await sidePanelFocusItem.getValue()).toBe(focus);
  });

  it('says so (false) when Firefox refuses, e.g. outside a user action', async () => {
    apis.sidebarAction = {
      open: vi.fn(async () => Promise.reject(new Error('sidebarAction.open may only be called from a user input handler'))),
    };
    expect(await browserPageActions.openSidePanel()).toBe(false);
  });
});

describe('openSidePanel in Chrome (sidePanel)', () => {
  it('opens the panel on the active tab, the Chrome path even where a sidebarAction exists too', async () => {
    const sidebarOpen = vi.fn(async () => {});
    const panelOpen = vi.fn(async (_options: { tabId: number }) => {});
    apis.sidebarAction = { open: sidebarOpen };
    apis.sidePanel = { open: panelOpen };
    // the fake browser has no current window; the active tab of the popup's window is #7
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7 } as Browser.tabs.Tab]);
    expect(await browserPageActions.openSidePanel('c:erik@zwolle.nl')).toBe(true);
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(panelOpen).toHaveBeenCalledWith({ tabId: 7 });
    expect(sidebarOpen).not.toHaveBeenCalled();
    expect(await sidePanelFocusItem.getValue()).toBe('c:erik@zwolle.nl');
  });

  it('is false where neither API exists', async () => {
    apis.sidebarAction = undefined;
    expect(await browserPageActions.openSidePanel()).toBe(false);
  });
});

describe('access to the webmail hosts', () => {
  const HOSTS = ['https://mail.google.com/*', 'https://outlook.office.com/*'];
  const stubManifest = () =>
    vi
      .spyOn(fakeBrowser.runtime, 'getManifest')
      .mockReturnValue({ manifest_version: 3, name: 'x', version: '1', host_permissions: HOSTS });

  it('asks about, and for, exactly the manifest host permissions; the request within the click', async () => {
    stubManifest();
    const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockResolvedValue(false);
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    expect(await browserPageActions.hasHostAccess()).toBe(false);
    expect(contains).toHaveBeenCalledWith({ origins: HOSTS });
    const asking = browserPageActions.requestHostAccess();
    expect(request).toHaveBeenCalledWith({ origins: HOSTS }); // synchronously: still inside the click
    expect(await asking).toBe(true);
  });

  it('a refused or failing request is no access, not a crash', async () => {
    stubManifest();
    vi.spyOn(fakeBrowser.permissions, 'request').mockRejectedValue(new Error('must be called during a user gesture'));
    expect(await browserPageActions.requestHostAccess()).toBe(false);
  });
});

describe('openImport', () => {
  it('opens the import page in a tab of its own', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await browserPageActions.openImport();
    expect(create).toHaveBeenCalledWith({ url: fakeBrowser.runtime.getURL('/import.html') });
  });
});

describe('openConversation', () => {
  const link = { host: 'gmail', precision: 'thread', route: 'all/ff' } as const;

  it('reuses an open tab of the mailbox, in its account, and brings it forward', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 7, windowId: 3, url: 'https://mail.google.com/mail/u/1/#inbox', active: false },
    ] as never);
    const update = vi.spyOn(fakeBrowser.tabs, 'update').mockResolvedValue({} as never);
    const focus = vi.spyOn(fakeBrowser.windows, 'update').mockResolvedValue({} as never);
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await browserPageActions.openConversation(link);
    expect(update).toHaveBeenCalledWith(7, { url: 'https://mail.google.com/mail/u/1/#all/ff', active: true });
    expect(focus).toHaveBeenCalledWith(3, { focused: true });
    expect(create).not.toHaveBeenCalled();
  });

  it('opens a tab when no tab of the mailbox is open', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 1, url: 'https://example.org/' }] as never);
    const create = vi.spyOn(fakeBrowser.tabs, 'create').mockResolvedValue({} as never);
    await browserPageActions.openConversation(link);
    expect(create).toHaveBeenCalledWith({ url: 'https://mail.google.com/mail/u/0/#all/ff' });
  });
});
