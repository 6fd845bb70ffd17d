import { defineConfig } from 'wxt';
// The hosts we read (webmail and calendars), and nothing else; the content scripts match the same ones.
import { HOST_PERMISSION_PATTERNS } from './lib/vocabulary/hosts';
import { iconPaths } from './lib/vocabulary/icons';

/**
 * Firefox is built as MV3 (`wxt build -b firefox --mv3`, .output/firefox-mv3): `action`, its badge
 * and `alarms` are the same API as in Chrome, the background runs as an event page (WXT writes
 * `background.scripts`) and the side panel entrypoint becomes a `sidebar_action`.
 * `data_collection_permissions`: Firefox asks every new add-on what it sends away; we send nothing.
 * That key came with Firefox 140 (the ESR line before 153) and Firefox for Android 142, hence the
 * minimum versions; WXT 0.21's manifest type does not know the key yet, hence a separate object.
 */
const FIREFOX_GECKO_SETTINGS = {
  id: 'gemeenteradar@example.org',
  strict_min_version: '140.0',
  data_collection_permissions: { required: ['none'] },
};

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // No @vitejs/plugin-react: its current major needs Vite 8, which is not what WXT 0.21 pins.
  // esbuild compiles the JSX (tsconfig "jsx": "react-jsx"); we lose only hot reload.
  vite: () => ({
    esbuild: { jsx: 'automatic' },
    build: { target: 'chrome114' },
    // the import page's Worker (entrypoints/import/) is a module Worker
    worker: { format: 'es' },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    // scripting: after an update, the new content scripts go into webmail and calendar tabs already open (lib/background/reinject.ts)
    permissions: browser === 'firefox' ? ['storage', 'alarms', 'scripting'] : ['storage', 'sidePanel', 'alarms', 'scripting'],
    host_permissions: [...HOST_PERMISSION_PATTERNS],
    // the quiet drawing until the background knows better: nothing is known to need attention yet
    icons: iconPaths('icon'),
    action: { default_title: '__MSG_extName__', default_icon: iconPaths('icon-quiet') },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: FIREFOX_GECKO_SETTINGS, gecko_android: { strict_min_version: '142.0' } } }
      : {}),
  }),
});
