// ESLint (flat config): the layering of docs/CONVENTIONS.md as rules, so it stays as it is.
// `npm run lint`; part of `npm test`, so CI runs it too.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Content-script code: bundled into the pages of Gmail and Outlook, small and untrusted. */
const CONTENT_SCRIPT_CODE = ['lib/content/**', 'lib/readers/**', 'entrypoints/*.content.ts'];

/** Modules that validate with zod: content scripts and extension pages may import their types only. */
const ZOD_MODULES_TYPES_ONLY = [
  {
    group: ['**/messaging/observations', '**/messaging/runtime', '**/messaging/data-messages'],
    allowTypeImports: true,
    message: 'This module imports zod: import its types only (`import type`); zod stays out of content scripts and pages.',
  },
];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'coverage/', 'demo-output/', 'test-results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: CONTENT_SCRIPT_CODE,
              from: [
                'lib/store',
                'lib/i18n',
                'lib/data',
                'lib/read-models',
                'lib/classify',
                'lib/latency',
                'lib/settings.ts',
                'components',
              ],
              message:
                'Content scripts read the DOM and send observations: no store, i18n, data, classifiers or UI (docs/CONVENTIONS.md).',
            },
            {
              target: 'lib/vocabulary',
              from: '.',
              except: ['./lib/vocabulary'],
              message: 'lib/vocabulary is the leaf layer: it imports nothing outside itself.',
            },
            {
              target: ['lib/classify', 'lib/data', 'lib/latency/rollup.ts'],
              from: ['lib/store', 'lib/messaging', 'lib/read-models'],
              message:
                'The classifiers, the data index and the latency model are pure: they know nothing of the store or messaging.',
            },
            {
              target: 'lib/messaging',
              from: 'lib/read-models',
              message: 'Messaging carries contracts, not read models.',
            },
            {
              target: 'lib',
              from: ['components', 'entrypoints'],
              message: 'lib/ is logic without UI: it never imports components/ or entrypoints/.',
            },
          ],
        },
      ],
      // unused arguments named _x are deliberate (a callback's shape)
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: CONTENT_SCRIPT_CODE,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'zod', message: 'No zod in content scripts: the background validates (lib/messaging/observations.ts).' },
            { name: 'dexie', message: 'Content scripts never open IndexedDB.' },
            { name: 'dexie-react-hooks', message: 'Content scripts never open IndexedDB.' },
            { name: 'wxt/utils/storage', message: 'WXT storage is 9 KB minified: content scripts use browser.storage directly.' },
          ],
          patterns: ZOD_MODULES_TYPES_ONLY,
        },
      ],
    },
  },
  {
    files: ['lib/vocabulary/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'lib/vocabulary imports nothing outside itself (no packages either).' }] },
      ],
    },
  },
  {
    // Extension pages read through the read-only page database; every write goes through the
    // background, the one validating writer (lib/store/db.ts).
    files: [
      'components/**',
      'entrypoints/popup/**',
      'entrypoints/sidepanel/**',
      'entrypoints/options/**',
      'entrypoints/data/**',
      'lib/read-models/**',
      'lib/backup/**',
      'lib/export/**',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'Extension pages do not validate: the background does.' }],
          patterns: [
            {
              group: ['**/store/db', '**/store/schemas'],
              allowTypeImports: true,
              message:
                'The validating writer (and its zod schemas): pages import types only and read through lib/store/page-db.ts.',
            },
            ...ZOD_MODULES_TYPES_ONLY,
          ],
        },
      ],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs['recommended-latest'].rules,
  },
  {
    files: ['lib/**/*.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
);
