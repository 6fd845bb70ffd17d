import { defineConfig } from 'wxt';
// The hosts we read, and nothing else; the content scripts match the same ones.
import { MAIL_HOST_PATTERNS } from './lib/vocabulary/hosts';

export default defineConfig({
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  // No @vitejs/plugin-react: its current major needs Vite 8, which is not what WXT 0.21 pins.
  // esbuild compiles the JSX (tsconfig "jsx": "react-jsx"); we lose only hot reload.
  vite: () => ({
    esbuild: { jsx: 'automatic' },
    build: { target: 'chrome114' },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'nl',
    permissions: browser === 'firefox' ? ['storage', 'alarms'] : ['storage', 'sidePanel', 'alarms'],
    host_permissions: [...MAIL_HOST_PATTERNS],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'gemeenteradar@example.org', strict_min_version: '128.0' } } }
      : {}),
  }),
});
