/**
 * Outlook reader benchmark in real Chromium: the reader bundled with esbuild, run on an Outlook
 * page of 20 list rows and on a 30-message reading pane, ~200 times each; prints the median
 * (target: at most 2 ms per read). Run on its own with `npx tsx tests/bench/outlook-reader.ts`;
 * a combined runner calls `benchOutlookReaders(page)`.
 *
 * The page is served from a made-up origin (page.route answers it, nothing reaches a network) at
 * a `/mail/` path, because the reader reads mail views only. The reader runs as the content script
 * runs it: dates in the browser's own zone (no `timeZone` option; with one, dates.ts formats
 * through Intl per date, which costs several ms on a 30-message pane).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { renderOutlook, type RenderOutlookOptions } from '../fixtures/render-outlook';
import { DEMO_SCENARIO, longThreadScenario, scaleScenario, type Scenario } from '../fixtures/scenario';
import { launchBenchBrowser, median } from './browser';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BENCH_URL = 'http://bench.localhost/mail/inbox';
const RUNS = 200;
const WARMUP = 20;

export interface ReaderBenchCase {
  name: string;
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** what one read returned, so a fast read of nothing cannot pass for a fast read */
  threads: number;
  messages: number;
}

/** The reader as one IIFE that puts `readOutlook` on globalThis. */
async function bundleReader(): Promise<string> {
  const result = await build({
    stdin: {
      contents: "import { readOutlook } from './lib/readers/outlook';\nObject.assign(globalThis, { readOutlook });",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    target: 'chrome120',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

async function benchPage(page: Page, script: string, name: string, scenario: Scenario, options: RenderOutlookOptions): Promise<ReaderBenchCase> {
  const html = renderOutlook(scenario, options);
  await page.route(BENCH_URL, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(BENCH_URL);
  await page.addScriptTag({ content: script });
  const { times, threads, messages } = await page.evaluate(
    ({ runs, warmup, now }) => {
      type Read = (root: Document, options: { now: Date }) => { threads: unknown[]; messages: unknown[] };
      const read = (globalThis as unknown as { readOutlook: Read }).readOutlook;
      const options = { now: new Date(now) };
      for (let run = 0; run < warmup; run++) read(document, options);
      const samples: number[] = [];
      let last = read(document, options);
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        last = read(document, options);
        samples.push(performance.now() - started);
      }
      return { times: samples, threads: last.threads.length, messages: last.messages.length };
    },
    { runs: RUNS, warmup: WARMUP, now: Date.parse(scenario.now) },
  );
  await page.unroute(BENCH_URL);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name,
    runs: times.length,
    medianMs: Number(median(times).toFixed(3)),
    p95Ms: Number(sorted[Math.floor(sorted.length * 0.95)]!.toFixed(3)),
    threads,
    messages,
  };
}

/** Benchmarks readOutlook on the given page: a 20-row list, and a 30-message reading pane. */
export async function benchOutlookReaders(page: Page): Promise<ReaderBenchCase[]> {
  const script = await bundleReader();
  const list = scaleScenario(DEMO_SCENARIO, 20);
  const long = longThreadScenario(DEMO_SCENARIO, 'zwolle-wijkaanpak', 30);
  const openLong = long.threads[0]!.id;
  return [
    await benchPage(page, script, 'outlook list, 20 rows', list, { rowLimit: 20 }),
    await benchPage(page, script, 'outlook pane, 30 messages (latest expanded)', long, { openThread: openLong }),
    await benchPage(page, script, 'outlook pane, 30 messages (all expanded)', long, { openThread: openLong, expanded: 'all' }),
  ];
}

async function main(): Promise<void> {
  const browser = await launchBenchBrowser();
  try {
    const page = await browser.newPage();
    const results = await benchOutlookReaders(page);
    console.log(`Chromium ${browser.version()}`);
    for (const result of results) {
      const verdict = result.medianMs <= 2 ? 'ok' : 'OVER 2 ms';
      console.log(
        `${result.name.padEnd(46)} median ${result.medianMs.toFixed(3)} ms  p95 ${result.p95Ms.toFixed(3)} ms  ` +
          `(${result.runs} runs; ${result.threads} threads, ${result.messages} messages read)  ${verdict}`,
      );
    }
  } finally {
    await browser.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
