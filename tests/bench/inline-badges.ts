/**
 * Inline badge benchmark in real Chromium: the badges (lib/content/inline-badges.ts) on a 100-row Gmail
 * list and a 100-row Outlook list, every row with a slow or unresponsive contact. Measures, as
 * medians over samples of 5 passes:
 * - placing 100 badges (a list seen for the first time), alone and with the layout it causes;
 * - applying them again when nothing changed (what every later read of the page costs);
 * - a content-script read with the badges (reader + onRow + badges, answers known) against the
 *   reader alone: the badges' share of every read.
 * Target: placing 100 badges at most 2 ms, the per-read share well under 1 ms.
 *
 * Run alone with `npx tsx tests/bench/inline-badges.ts`; a combined runner calls
 * `benchInlineBadges(browser)`.
 */
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { renderGmail } from '../fixtures/render-gmail';
import { renderOutlook } from '../fixtures/render-outlook';
import { DEMO_SCENARIO, scaleScenario } from '../fixtures/scenario';
import { bundleForBrowser, launchBenchBrowser, median, runWhenMain } from './browser';
import type { BadgeTimings } from './inline-badges-entry';

export const PLACE_TARGET_MS = 2;
const SAMPLES = 60;

export interface InlineBadgeBenchCase {
  name: string;
  /** rows read, and badges placed on them: a fast pass over nothing must not pass for a fast pass */
  rows: number;
  badges: number;
  placeMs: number;
  placeWithLayoutMs: number;
  reapplyMs: number;
  readAloneMs: number;
  readWithBadgesMs: number;
}

const round = (values: number[]) => Number(median(values).toFixed(4));

export async function benchInlineBadges(browser: Browser): Promise<InlineBadgeBenchCase[]> {
  const script = await bundleForBrowser('tests/bench/inline-badges-entry.ts');
  const scenario = scaleScenario(DEMO_SCENARIO, 100);
  const cases = [
    {
      name: 'gmail list, 100 rows',
      host: 'gmail',
      url: 'http://bench.localhost/mail/u/0/',
      html: renderGmail(scenario, { view: 'list' }),
    },
    {
      name: 'outlook list, 100 rows',
      host: 'outlook',
      url: 'http://bench.localhost/mail/inbox',
      html: renderOutlook(scenario, { rowLimit: 100 }),
    },
  ] as const;
  const results: InlineBadgeBenchCase[] = [];
  const page = await browser.newPage();
  try {
    for (const bench of cases) {
      await page.route(bench.url, (route) => route.fulfill({ contentType: 'text/html', body: bench.html }));
      await page.goto(bench.url);
      await page.addScriptTag({ content: script });
      const timings = await page.evaluate(
        ({ host, now, samples }) =>
          (
            globalThis as unknown as { benchInlineBadgesInPage(h: string, n: number, s: number): Promise<BadgeTimings> }
          ).benchInlineBadgesInPage(host, now, samples),
        { host: bench.host, now: Date.parse(scenario.now), samples: SAMPLES },
      );
      await page.unroute(bench.url);
      results.push({
        name: bench.name,
        rows: timings.rows,
        badges: timings.badges,
        placeMs: round(timings.place),
        placeWithLayoutMs: round(timings.placeWithLayout),
        reapplyMs: round(timings.reapply),
        readAloneMs: round(timings.readAlone),
        readWithBadgesMs: round(timings.readWithBadges),
      });
    }
  } finally {
    await page.close();
  }
  return results;
}

async function main(): Promise<void> {
  const browser = await launchBenchBrowser();
  try {
    const results = await benchInlineBadges(browser);
    console.log(`Chromium ${browser.version()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'})`);
    for (const result of results) {
      const verdict = result.placeMs <= PLACE_TARGET_MS ? 'ok' : `OVER ${PLACE_TARGET_MS} ms`;
      console.log(
        `${result.name} (${result.rows} rows, ${result.badges} badges): place ${result.placeMs.toFixed(3)} ms ` +
          `(+layout ${result.placeWithLayoutMs.toFixed(3)} ms), again unchanged ${result.reapplyMs.toFixed(3)} ms; ` +
          `read ${result.readAloneMs.toFixed(3)} ms, read + badges ${result.readWithBadgesMs.toFixed(3)} ms  ${verdict}`,
      );
    }
  } finally {
    await browser.close();
  }
}

runWhenMain(import.meta.url, main);
