/**
 * Gmail reader benchmark in real Chromium, for a combined runner (tests/bench/run.ts):
 * `benchGmailReaders(page)` renders Gmail pages from the demo scenario (100-row lists, a
 * 50-message conversation), loads the reader bundled with esbuild, and measures the median of
 * `readGmail` over 200 runs each (target: well under 2 ms). `tests/bench/gmail-reader.ts` runs it
 * on its own.
 *
 * The reader runs as the content script runs it: on the live document, dates in the browser's own
 * zone (no `timeZone` option).
 */
import type { Page } from 'playwright-core';
import { renderGmail, type RenderGmailOptions } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, longThreadScenario, scaleScenario, type Scenario } from '../fixtures/scenario';
import { benchReader, bundleReader, type ReaderBenchResult } from './reader-bench';

export type GmailBenchCase = ReaderBenchResult;

const BENCH_URL = 'http://bench.localhost/mail/u/0/';

/** Benchmarks readGmail in the given Chromium page: 100-row lists and a 50-message conversation. */
export async function benchGmailReaders(page: Page): Promise<GmailBenchCase[]> {
  const script = await bundleReader('lib/readers/gmail', 'readGmail');
  const list = scaleScenario(DEMO_SCENARIO, 100);
  const long = longThreadScenario(DEMO_SCENARIO, 'zwolle-wijkaanpak', 50);
  const threadId = long.threads[0]!.id;
  const bench = (name: string, scenario: Scenario, options: RenderGmailOptions) =>
    benchReader(page, script, { name, url: BENCH_URL, html: renderGmail(scenario, options), readerName: 'readGmail', now: Date.parse(scenario.now) });
  return [
    await bench('gmail list, 100 rows', list, { view: 'list' }),
    await bench('gmail list, 100 rows, vertical split', list, { view: 'list', verticalSplit: true }),
    await bench('gmail list, 100 rows, no ids (dates parsed)', list, { view: 'list', ugly: { noIds: true } }),
    await bench('gmail list, 100 rows + hidden stale conversation', list, { view: 'list', staleView: true }),
    await bench('gmail conversation, 50 messages (latest expanded)', long, { view: 'conversation', threadId }),
    await bench('gmail conversation, 50 messages (all expanded)', long, { view: 'conversation', threadId, expandAll: true }),
  ];
}
