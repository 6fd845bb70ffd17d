import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

// The tiers, one command. Unit and component tests run in happy-dom with fake-indexeddb and
// WXT's fake browser; the bundle check reads the built content scripts; e2e tests drive the built
// extension in real Chromium (tests/e2e) and in Firefox ESR over WebDriver BiDi (tests/e2e/firefox).
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
          // store scenarios ingest hundreds of pages into fake-indexeddb: 4 s alone, more on a
          // loaded 2-core machine; the default 5 s made them fail for the machine, not the code
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/setup/unit.ts', 'tests/setup/component.ts'],
          // room for a few of Testing Library's waits (5 s each, tests/setup/component.ts)
          testTimeout: 20_000,
        },
      },
      {
        // after the build (npm test builds first): the built content scripts' budget and contents
        extends: true,
        test: {
          name: 'bundle',
          include: ['tests/bundle/**/*.test.ts'],
          environment: 'node',
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
