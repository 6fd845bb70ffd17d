/**
 * Runs after the build (`npm test` builds Chrome and Firefox first): every built content script
 * stays within its budget and carries neither zod nor Dexie.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { budgetOf, builtContentScripts, librariesIn } from './bundle-check';

const scripts = builtContentScripts(path.resolve(import.meta.dirname, '../../.output'));

describe('built content scripts', () => {
  it('are there for both browsers, both mail hosts and both calendars', () => {
    const names = ['gmail.js', 'google-calendar.js', 'outlook-calendar.js', 'outlook.js'];
    expect(scripts.map((script) => path.basename(script.name)).sort()).toEqual(names.flatMap((name) => [name, name]));
  });

  it.each(scripts.map((script) => [script.name, script, budgetOf(script.name)] as const))(
    '%s is within its budget (40 KB minified, a calendar 30 KB)',
    (_name, script, budget) => {
      expect(script.bytes, `${script.name}: ${script.bytes} bytes, budget ${budget}`).toBeLessThanOrEqual(budget);
    },
  );

  it.each(scripts.map((script) => [script.name, script] as const))('%s contains neither zod nor Dexie', (_name, script) => {
    expect(librariesIn(script.code), script.name).toEqual([]);
  });
});
