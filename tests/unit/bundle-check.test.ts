/** The content-script bundle check (tests/bundle/bundle-check.ts) recognises the real libraries. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtContentScripts, librariesIn } from '../bundle/bundle-check';

const require = createRequire(import.meta.url);
/** A file of an installed package (by its place in the package: zod does not export its internals). */
const source = (packageName: string, file: string) =>
  readFileSync(path.join(path.dirname(require.resolve(`${packageName}/package.json`)), file), 'utf8');
const ZOD_CORE = () => source('zod', 'v4/core/schemas.js');
const DEXIE_MINIFIED = () => source('dexie', 'dist/dexie.min.js');

describe('librariesIn', () => {
  it('finds zod in its own code and in what a bundle keeps of it', () => {
    expect(librariesIn(ZOD_CORE())).toEqual(['zod']);
    // minified, names mangled: the run-time names and property names remain
    expect(librariesIn('const a=b("$ZodType",(e,t)=>{e._zod.def=t});class c extends Error{name="ZodError"}')).toEqual(['zod']);
  });

  it('finds Dexie in its minified distribution', () => {
    expect(librariesIn(DEXIE_MINIFIED())).toEqual(['dexie']);
  });

  it('finds both in one bundle, and nothing in our content-script code', () => {
    expect(librariesIn(`${DEXIE_MINIFIED()}\n${ZOD_CORE()}`)).toEqual(['zod', 'dexie']);
    const ours = ['lib/content/inline-badges.ts', 'lib/content/observe.ts', 'lib/readers/gmail.ts', 'lib/readers/outlook.ts'];
    for (const file of ours) expect(librariesIn(readFileSync(file, 'utf8')), file).toEqual([]);
  });
});

describe('builtContentScripts', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'gemeenteradar-output-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('says what to run when a build is missing', () => {
    expect(() => builtContentScripts(path.join(scratch, 'nothing'))).toThrow(
      /run `npm run build` and `npm run build:firefox` first/,
    );
    mkdirSync(path.join(scratch, 'chrome-mv3', 'content-scripts'), { recursive: true });
    writeFileSync(path.join(scratch, 'chrome-mv3', 'content-scripts', 'gmail.js'), 'console.log(1)');
    expect(() => builtContentScripts(scratch)).toThrow(/No firefox build/);
  });

  it('lists every content script of both builds with its size', () => {
    mkdirSync(path.join(scratch, 'firefox-mv2', 'content-scripts'), { recursive: true });
    writeFileSync(path.join(scratch, 'firefox-mv2', 'content-scripts', 'gmail.js'), 'console.log(22)');
    expect(builtContentScripts(scratch).map(({ name, bytes }) => [name, bytes])).toEqual([
      ['chrome-mv3/content-scripts/gmail.js', 14],
      ['firefox-mv2/content-scripts/gmail.js', 15],
    ]);
  });
});
