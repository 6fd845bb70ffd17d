/**
 * Runs after the build (`npm test` builds Chrome and Firefox first): every built content script
 * stays within its budget and carries neither zod nor Dexie.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtContentScripts, CONTENT_SCRIPT_BUDGET_BYTES, librariesIn } from './bundle-check';

const scripts = builtContentScripts(path.resolve(import.meta.dirname, '../../.output'));

describe('built content scripts', () => {
  it('are there for both browsers and both mail hosts', () => {
    expect(scripts.map((script) => path.basename(script.name)).sort()).toEqual(['gmail.js', 'gmail.js', 'outlook.js', 'outlook.js']);
  });

  it.each(scripts.map((script) => [script.name, script] as const))('%s is within 40 KB minified', (_name, script) => {
    expect(script.bytes, `${script.name}: ${script.bytes} bytes, budget ${CONTENT_SCRIPT_BUDGET_BYTES}`).toBeLessThanOrEqual(
      CONTENT_SCRIPT_BUDGET_BYTES,
    );
  });

  it.each(scripts.map((script) => [script.name, script] as const))('%s contains neither zod nor Dexie', (_name, script) => {
    expect(librariesIn(script.code), script.name).toEqual([]);
  });
});
