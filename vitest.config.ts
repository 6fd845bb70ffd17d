import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// Three tiers, one command. Unit and component tests run in happy-dom with fake-indexeddb and
// WXT's fake browser; e2e tests drive the built extension in real Chromium (tests/e2e) and in
// Firefox ESR over WebDriver BiDi (tests/e2e/firefox).
export default defineConfig({
  plugins: [WxtVitest()],
  esbuild: { jsx: 'automatic' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['tests/setup/unit.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/setup/unit.ts', 'tests/setup/component.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          exclude: ['tests/e2e/firefox/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // one Chromium at a time: the machines have two cores
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e-firefox',
          include: ['tests/e2e/firefox/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // a group of its own: vitest runs it after the unit and component tiers and before the
          // Chromium files (which run one by one at the end), so never a Firefox beside a Chromium
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
