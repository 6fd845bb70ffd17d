/**
 * Shared plumbing for benchmarks that run in real Chromium: launch the system Chromium headless,
 * bundle a TypeScript entry for the page with esbuild, and serve it from a made-up http origin
 * (page.route answers it; nothing goes to the network) so IndexedDB is available.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
// one place knows how to find and start Chromium quietly: the e2e harness
import { CHROMIUM_BASE_FLAGS, findChromium } from '../e2e/harness';

export async function launchBenchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_BASE_FLAGS, ...extraArgs] });
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Bundles `entry` (exporting nothing; it assigns what it offers to globalThis) as an IIFE. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.resolve(ROOT, entry)],
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    target: 'chrome120',
    alias: { '@': ROOT },
    define: { 'import.meta.env.DEV': 'false' },
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Opens a page at a local made-up origin with `html` as its document and `script` loaded. */
export async function openBenchPage(browser: Browser, html: string, script: string): Promise<Page> {
  const page = await browser.newPage();
  await page.route('http://bench.localhost/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto('http://bench.localhost/');
  await page.addScriptTag({ content: script });
  return page;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `main` when its file is run directly (`npx tsx tests/bench/<file>.ts`), not when a runner imports it. */
export function runWhenMain(moduleUrl: string, main: () => Promise<void>): void {
  if (moduleUrl !== pathToFileURL(process.argv[1] ?? '').href) return;
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
