/**
 * After an update the content scripts already in open webmail tabs are orphaned: the browser cut
 * them off from the new background (they stop themselves through WXT's ctx.onInvalidated), and it
 * injects the new ones only into pages loaded from now on. So the tabs open during an update would
 * not be read until the user reloads them. The background injects the new content scripts into
 * them itself (the `scripting` permission); where that fails (a tab still loading, a browser that
 * refuses), it marks the tab, and the side panel asks the user to reload it.
 */
import { reloadNeededItem } from '../messaging/tab-context';

/** The parts of the extension APIs re-injection uses (tests pass fakes). */
export interface ReinjectApis {
  /** the manifest's content scripts: which files for which pages */
  contentScripts: readonly { matches?: string[]; js?: string[] }[];
  queryTabs(query: { url: string[] }): Promise<{ id?: number }[]>;
  /** `browser.scripting.executeScript`; absent without the permission */
  executeScript?: (injection: { target: { tabId: number }; files: string[] }) => Promise<unknown>;
  /** marks a tab whose page must be reloaded by the user */
  markReloadNeeded?: (tabId: number) => Promise<void>;
}

export interface ReinjectResult {
  injected: number[];
  /** tabs the side panel asks the user to reload */
  failed: number[];
}

export async function reinjectContentScripts({
  contentScripts,
  queryTabs,
  executeScript,
  markReloadNeeded = (tabId) => reloadNeededItem(tabId).setValue(true),
}: ReinjectApis): Promise<ReinjectResult> {
  const result: ReinjectResult = { injected: [], failed: [] };
  for (const script of contentScripts) {
    const files = script.js ?? [];
    if (!script.matches?.length || files.length === 0) continue;
    const tabs = await queryTabs({ url: script.matches }).catch(() => []);
    for (const { id } of tabs) {
      if (id === undefined) continue;
      try {
        if (!executeScript) throw new Error('no scripting permission');
        await executeScript({ target: { tabId: id }, files });
        result.injected.push(id);
      } catch {
        result.failed.push(id);
        await markReloadNeeded(id).catch(() => undefined);
      }
    }
  }
  return result;
}

/** The browser's APIs for re-injection; `scripting` exists with the permission only. */
function browserApis(): ReinjectApis {
  const scripting = (browser as unknown as { scripting?: { executeScript: NonNullable<ReinjectApis['executeScript']> } })
    .scripting;
  return {
    contentScripts: browser.runtime.getManifest().content_scripts ?? [],
    queryTabs: (query) => browser.tabs.query(query),
    executeScript: scripting?.executeScript ? (injection) => scripting.executeScript(injection) : undefined,
  };
}

/**
 * The background's call at `runtime.onInstalled`: after an install or an update the webmail tabs
 * already open get the new content scripts; any other reason (a browser update) changes nothing
 * in them (null).
 */
export function reinjectAfterInstall(reason: string, apis: ReinjectApis = browserApis()): Promise<ReinjectResult> | null {
  return reason === 'update' || reason === 'install' ? reinjectContentScripts(apis) : null;
}
