/**
 * Outlook reader benchmark in real Chromium, on the shared reader-bench plumbing: the reader
 * bundled with esbuild, run on an Outlook page of 20 list rows and on a 30-message reading pane
 * (target: at most 2 ms per read). Run on its own with `npx tsx tests/bench/outlook-reader.ts`;
 * tests/bench/run.ts calls `benchOutlookReaders(page)`.
 *
 * The page is served from a made-up origin at a `/mail/` path, because the reader reads mail
 * views only. The reader runs as the content script runs it: dates in the browser's own zone (no
 * `timeZone` option; with one, dates.ts formats through Intl per date, which costs several ms).
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderOutlook, type RenderOutlookOptions } from '../fixtures/render-outlook';
import { DEMO_SCENARIO, longThreadScenario, scaleScenario, type Scenario } from '../fixtures/scenario';
import { launchBenchBrowser } from './browser';
import { benchReader, bundleReader, type ReaderBenchResult } from './reader-bench';

const BENCH_URL = 'http://bench.localhost/mail/inbox';

function benchCase(name: string, scenario: Scenario, options: RenderOutlookOptions) {
  return {
    name,
    url: BENCH_URL,
    html: renderOutlook(scenario, options),
    readerName: 'readOutlook',
    now: Date.parse(scenario.now),
  };
}

/** Benchmarks readOutlook on the given page: a 20-row list, and a 30-message reading pane. */
export async function benchOutlookReaders(page: Page): Promise<ReaderBenchResult[]> {
  const script = await bundleReader('lib/readers/outlook', 'readOutlook');
  const list = scaleScenario(DEMO_SCENARIO, 20);
  const long = longThreadScenario(DEMO_SCENARIO, 'zwolle-wijkaanpak', 30);
  const openLong = long.threads[0]!.id;
  return [
    await benchReader(page, script, benchCase('outlook list, 20 rows', list, { rowLimit: 20 })),
    await benchReader(page, script, benchCase('outlook pane, 30 messages (latest expanded)', long, { openThread: openLong })),
    await benchReader(
      page,
      script,
      benchCase('outlook pane, 30 messages (all expanded)', long, { openThread: openLong, expanded: 'all' }),
    ),
  ];
}

async function main(): Promise<void> {
  const browser = await launchBenchBrowser();
  try {
    const results = await benchOutlookReaders(await browser.newPage());
    console.log(`Chromium ${browser.version()}`);
    for (const result of results) {
      console.log(
        `${result.name.padEnd(46)} median ${result.medianMs.toFixed(3)} ms  p95 ${result.p95Ms.toFixed(3)} ms  ` +
          `(${result.runs} samples; ${result.threads} threads, ${result.messages} messages read)  ${result.medianMs <= 2 ? 'ok' : 'OVER 2 ms'}`,
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
