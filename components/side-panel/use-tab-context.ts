import { useEffect, useState } from 'react';
import { tabContextItem, type TabContext } from '@/lib/messaging/tab-context';
import { emptyTally, repairOne, repairTabContext, type RecordTally } from '@/lib/read-models/record-guards';

export type TabState =
  | { status: 'resolving' }
  | { status: 'error'; error: string }
  /**
   * `isWebmail`: the tab shows one of our mail hosts; `context`: what its reader last saw;
   * `integrity`: a stored context that could not be read is counted here (and `context` is null)
   */
  | { status: 'ready'; tabId: number; isWebmail: boolean; context: TabContext | null; integrity: RecordTally };

/** The stored tab context, checked (session storage holds whatever was written). */
function readable(stored: unknown): { context: TabContext | null; integrity: RecordTally } {
  const integrity = emptyTally();
  return { context: repairOne(stored, repairTabContext, integrity), integrity };
}

/**
 * Without the "tabs" permission a tab's url is there only for the hosts the extension holds host
 * permissions for (lib/vocabulary/hosts.ts MAIL_HOST_PATTERNS: the webmail hosts) and for its own pages.
 * So an https url is both the proof and the test: no host list to keep in step, no zod in the page.
 */
export function isWebmailUrl(url: string | undefined): boolean {
  return url?.startsWith('https://') ?? false;
}

interface TabInfo {
  id?: number;
  windowId?: number;
  url?: string;
}

/**
 * Follows the active tab of the panel's window (or one fixed tab, `fixedTabId`, as tests and the
 * e2e harness open the panel in a tab of its own): its webmail-ness and its tab context, live.
 */
export function useTabContext(fixedTabId: number | null): TabState {
  const [state, setState] = useState<TabState>({ status: 'resolving' });

  useEffect(() => {
    let disposed = false;
    let generation = 0;
    let unwatch: (() => void) | null = null;
    let current: { tabId: number; windowId: number | undefined; isWebmail: boolean } | null = null;

    const show = async (tab: TabInfo | undefined) => {
      const mine = ++generation;
      unwatch?.();
      unwatch = null;
      if (!tab || tab.id === undefined) {
        current = null;
        if (!disposed) setState({ status: 'error', error: 'no active tab' });
        return;
      }
      const tabId = tab.id;
      const isWebmail = isWebmailUrl(tab.url);
      current = { tabId, windowId: tab.windowId, isWebmail };
      const item = tabContextItem(tabId);
      // watch first, then read: a write between the two is never missed
      unwatch = item.watch((context) => {
        if (!disposed && mine === generation) setState({ status: 'ready', tabId, isWebmail, ...readable(context) });
      });
      const context = await item.getValue();
      if (!disposed && mine === generation) setState({ status: 'ready', tabId, isWebmail, ...readable(context) });
    };
    const fail = (error: unknown) => {
      if (!disposed) setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
    };

    const onActivated = ({ tabId, windowId }: { tabId: number; windowId: number }) => {
      if (fixedTabId !== null || (current?.windowId !== undefined && windowId !== current.windowId)) return;
      void browser.tabs.get(tabId).then(show, fail);
    };
    const onUpdated = (tabId: number, change: { url?: string; status?: string }, tab: TabInfo) => {
      // a navigation in the followed tab (to or from a mail host) changes what the panel shows
      if (tabId !== current?.tabId || (change.url === undefined && change.status !== 'complete')) return;
      if (isWebmailUrl(tab.url) !== current.isWebmail) void show(tab);
    };

    browser.tabs.onActivated.addListener(onActivated);
    browser.tabs.onUpdated.addListener(onUpdated);
    const first =
      fixedTabId !== null
        ? browser.tabs.get(fixedTabId)
        : browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab);
    first.then(show, fail);

    return () => {
      disposed = true;
      unwatch?.();
      browser.tabs.onActivated.removeListener(onActivated);
      browser.tabs.onUpdated.removeListener(onUpdated);
    };
  }, [fixedTabId]);

  return state;
}
