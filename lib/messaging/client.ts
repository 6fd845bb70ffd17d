/**
 * What extension pages (popup, side panel, options) ask of the background and of the browser.
 * One typed place, so components take these as an injectable dependency in tests.
 */
import { storage } from 'wxt/utils/storage';
import type { LogCallInput } from '../store/calls';
import type { ReplyDecisionInput, SnoozeInput } from '../store/decisions';
import { reason, reasonKey } from '../vocabulary/reasons';
import type { RuntimeMessage, RuntimeReply, UndoableReply, UndoMessage } from './runtime';
import { pickMailTab, webmailUrl, type WebmailLink } from './webmail-links';

export async function sendToBackground(message: RuntimeMessage): Promise<RuntimeReply> {
  const reply = (await browser.runtime.sendMessage(message)) as RuntimeReply | undefined;
  return reply ?? { ok: false, error: reason('no-reply') };
}

/**
 * Asks the background to open the store (creating or upgrading it); resolves once it has. Pages
 * never upgrade it themselves (lib/store/page-db.ts).
 */
export async function requestStoreOpen(): Promise<void> {
  const reply = await sendToBackground({ type: 'open-store' });
  if (!reply.ok) throw new Error(reasonKey(reply.error));
}

/** The contact the side panel should show first when it opens (set by the popup). */
export const sidePanelFocusItem = storage.defineItem<string | null>('session:side-panel-focus', { fallback: null });

/** The reply to a user's action; when it worked, the message that undoes it. */
export type ActionReply = RuntimeReply | UndoableReply;

export interface PageActions {
  logCall(input: LogCallInput): Promise<ActionReply>;
  /** snoozes a contact until a date (null wakes them) */
  snooze(input: SnoozeInput): Promise<ActionReply>;
  /** "geen antwoord nodig" / "wacht op antwoord" for a mail or a thread */
  decideReply(input: ReplyDecisionInput): Promise<ActionReply>;
  /** sends back the undo an action's reply carried ("Ongedaan maken") */
  undo(message: UndoMessage): Promise<RuntimeReply>;
  /** opens the side panel on the active tab, optionally focused on a contact; false when not possible */
  openSidePanel(contactId?: string): Promise<boolean>;
  /** opens the options page (thresholds) in a tab */
  openOptions(): Promise<void>;
  /** opens the import page (mailbox files) in a tab */
  openImport(): Promise<void>;
  /** whether the browser lets us read the webmail hosts (the user can withdraw that per site) */
  hasHostAccess(): Promise<boolean>;
  /** asks the browser for that access again; call it first thing in the click (user gesture) */
  requestHostAccess(): Promise<boolean>;
  /** opens a conversation in its webmail: in an open tab of that mailbox (focused), else a new tab */
  openConversation(link: WebmailLink): Promise<void>;
}

/** The webmail hosts we read: the manifest's host_permissions (wxt.config.ts keeps the one list). */
function mailHostPatterns(): string[] {
  return browser.runtime.getManifest().host_permissions ?? [];
}

/** Firefox's sidebar API (not in WXT's Chrome-shaped `browser` type); absent in Chrome. */
interface SidebarAction {
  open(): Promise<void>;
}

function firefoxSidebarAction(): SidebarAction | undefined {
  return (browser as unknown as { sidebarAction?: SidebarAction }).sidebarAction;
}

/**
 * Firefox: the side panel is the window's sidebar (manifest `sidebar_action`), shown beside every
 * tab and following the active one. `open()` is allowed only inside the user's click, and Firefox
 * forgets the click at the first await: so it is the first call, and the rest waits for it.
 */
async function openFirefoxSidebar(sidebar: SidebarAction, contactId: string | undefined): Promise<boolean> {
  try {
    const opening = sidebar.open();
    // the panel watches this item, so it may be set while (or after) the sidebar opens
    if (contactId) await sidePanelFocusItem.setValue(contactId);
    await opening;
    return true;
  } catch {
    return false;
  }
}

export const browserPageActions: PageActions = {
  logCall: (call) => sendToBackground({ type: 'log-call', call }),
  snooze: (snooze) => sendToBackground({ type: 'snooze-contact', snooze }),
  decideReply: (decision) => sendToBackground({ type: 'decide-reply', decision }),
  undo: (message) => sendToBackground(message),
  async openSidePanel(contactId) {
    const sidebar = firefoxSidebarAction();
    if (!browser.sidePanel && sidebar) return openFirefoxSidebar(sidebar, contactId);
    try {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      if (tab?.id === undefined || !browser.sidePanel) return false;
      if (contactId) await sidePanelFocusItem.setValue(contactId);
      // must run in the click's user gesture: no awaits on slow work before it
      await browser.sidePanel.open({ tabId: tab.id });
      return true;
    } catch {
      // not a webmail tab (the panel is enabled there only), or no side panel in this browser
      return false;
    }
  },
  openOptions: () => browser.runtime.openOptionsPage(),
  openImport: async () => void (await browser.tabs.create({ url: browser.runtime.getURL('/import.html') })),
  async openConversation(link) {
    const tab = pickMailTab(await browser.tabs.query({}), link.host);
    const url = webmailUrl(link, tab?.url ?? null);
    if (!tab?.id) {
      await browser.tabs.create({ url });
      return;
    }
    await browser.tabs.update(tab.id, { url, active: true });
    if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
  },
  hasHostAccess: async () => browser.permissions.contains({ origins: mailHostPatterns() }),
  async requestHostAccess() {
    try {
      // the browser may show its own prompt; request() runs before the first await (user gesture)
      return await browser.permissions.request({ origins: mailHostPatterns() });
    } catch {
      return false;
    }
  },
};
