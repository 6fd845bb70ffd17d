/**
 * What a built content script may be: small (the page loads it into every Gmail and Outlook tab)
 * and free of zod and Dexie (docs/CONVENTIONS.md: content scripts never validate and never open
 * IndexedDB; the background does both). Pure functions over the build output, used by
 * tests/bundle/content-scripts.test.ts after `npm run build`; tests/unit/bundle-check.test.ts proves
 * the detector on the libraries' own code.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** 40 KB minified, per content script. */
export const CONTENT_SCRIPT_BUDGET_BYTES = 40 * 1024;

/** 30 KB minified for a calendar's content script (the calendars issue). */
export const CALENDAR_CONTENT_SCRIPT_BUDGET_BYTES = 30 * 1024;

/** The budget of a built content script: a calendar's is smaller. */
export function budgetOf(name: string): number {
  return /calendar\.js$/.test(name) ? CALENDAR_CONTENT_SCRIPT_BUDGET_BYTES : CONTENT_SCRIPT_BUDGET_BYTES;
}

/**
 * Strings that survive minification (names the libraries give their classes and errors at run
 * time, and property names), so a bundle that contains the library contains them.
 */
const LIBRARY_MARKERS: Record<string, readonly RegExp[]> = {
  zod: [/\$ZodType/, /\bZodError\b/, /\._zod\b/],
  dexie: [/\bDexieError\b/, /\bMissingAPIError\b/, /__dbnames/],
};

/** The libraries whose marks the code carries, e.g. ['zod']; [] for a clean bundle. */
export function librariesIn(code: string): string[] {
  return Object.entries(LIBRARY_MARKERS)
    .filter(([, markers]) => markers.some((marker) => marker.test(code)))
    .map(([library]) => library);
}

export interface BuiltContentScript {
  /** e.g. "chrome-mv3/content-scripts/gmail.js" */
  name: string;
  bytes: number;
  code: string;
}

/**
 * The content scripts of every browser build: Chrome's (`.output/chrome-mv3`) and Firefox's
 * (`.output/firefox-*`). Throws, saying what to run, when a build is missing.
 */
export function builtContentScripts(outputDir: string): BuiltContentScript[] {
  const builds = existsSync(outputDir)
    ? readdirSync(outputDir)
        .filter((name) => /^(chrome|firefox)-mv\d$/.test(name))
        .sort()
    : [];
  const missing = ['chrome', 'firefox'].filter((browser) => !builds.some((name) => name.startsWith(`${browser}-`)));
  if (missing.length > 0) {
    throw new Error(
      `No ${missing.join(' or ')} build in ${outputDir}: run \`npm run build\` and \`npm run build:firefox\` first (\`npm test\` does).`,
    );
  }
  const scripts: BuiltContentScript[] = [];
  for (const build of builds) {
    const dir = path.join(outputDir, build, 'content-scripts');
    const files = existsSync(dir)
      ? readdirSync(dir)
          .filter((file) => file.endsWith('.js'))
          .sort()
      : [];
    if (files.length === 0) throw new Error(`${build} has no content scripts in ${dir}: is the build complete?`);
    for (const file of files) {
      const filePath = path.join(dir, file);
      scripts.push({
        name: `${build}/content-scripts/${file}`,
        bytes: statSync(filePath).size,
        code: readFileSync(filePath, 'utf8'),
      });
    }
  }
  return scripts;
}
