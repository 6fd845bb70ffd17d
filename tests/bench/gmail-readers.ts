/**
 * Gmail reader benchmark in real Chromium, for a combined runner (tests/bench/run.ts):
 * `benchGmailReaders(page)` renders Gmail pages from the demo scenario (100-row lists, a
 * 50-message conversation), loads the reader bundled with esbuild, and measures the median of
 * `readGmail` over 200 runs each (target: well under 2 ms). `benchGmailReadsAfterChange(page)`
 * times a read right after the page changed, which is when the content script reads, and counts
 * the style recalculations Chromium does for it. `tests/bench/gmail-reader.ts` runs both on
 * their own.
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
    benchReader(page, script, {
      name,
      url: BENCH_URL,
      html: renderGmail(scenario, options),
      readerName: 'readGmail',
      now: Date.parse(scenario.now),
    });
  return [
    await bench('gmail list, 100 rows', list, { view: 'list' }),
    await bench('gmail list, 100 rows, vertical split', list, { view: 'list', verticalSplit: true }),
    await bench('gmail list, 100 rows, no ids (dates parsed)', list, { view: 'list', ugly: { noIds: true } }),
    await bench('gmail list, 100 rows + hidden stale conversation', list, { view: 'list', staleView: true }),
    await bench('gmail conversation, 50 messages (latest expanded)', long, { view: 'conversation', threadId }),
    await bench('gmail conversation, 50 messages (all expanded)', long, { view: 'conversation', threadId, expandAll: true }),
  ];
}

/**
 * A stylesheet in the manner of Gmail's (which has thousands of rules on its obfuscated classes):
 * rules on the classes the rendered pages use, rules that depend on the classes the bench
 * toggles (a selected row `x7`, a state class on `<body>`), and rules for parts of Gmail that are
 * not on the page. Without rules that use a toggled class, Chromium has nothing to recalculate.
 */
function gmailLikeStylesheet(): string {
  const used = [
    'zA',
    'zE',
    'yO',
    'xY',
    'yX',
    'yW',
    'bA4',
    'yP',
    'zF',
    'y6',
    'bog',
    'bqe',
    'y2',
    'xW',
    'xS',
    'xT',
    'a4W',
    'adn',
    'gD',
    'g3',
    'a3s',
    'kv',
    'h7',
    'nH',
  ];
  const rules: string[] = [];
  for (const [index, name] of used.entries()) {
    rules.push(`.${name} { padding: ${index % 4}px; }`);
    rules.push(`.x7 .${name} { background: #c2dbff; }`);
    rules.push(`.bench-changed .${name} { color: #202124; }`);
    rules.push(`[role="main"] .${name}:hover { color: #1a73e8; }`);
  }
  for (let index = 0; index < 1_500; index += 1)
    rules.push(`.q${index.toString(36)} .r${(index * 7).toString(36)} { margin: ${index % 9}px; }`);
  return rules.join('\n');
}

/** How the page changes before each read. */
export type PageChange = 'row' | 'page';

export interface ReadAfterChangeResult {
  name: string;
  change: PageChange;
  reads: number;
  /** mean time of a read right after the change (the change itself is not timed) */
  readMs: number;
  /** the same, with `checkVisibility()` on the view before each read, as the reader asked before */
  readWithCheckMs: number;
  /** style recalculations Chromium did per read (CDP Performance.getMetrics), beyond the changes' own */
  recalcsPerRead: number;
  recalcsPerReadWithCheck: number;
  /** what one read returned: a fast read of nothing must not pass for a fast read */
  threads: number;
  messages: number;
}

/**
 * Times reads that each follow a change of the page: one row's class toggled (Gmail marks a row
 * selected or read), or a class on `<body>` toggled (a change of the whole page's style, as a view
 * switch or a density change makes). A reader that asks the browser for computed styles makes it
 * recalculate them right there, for everything the change touched; one that reads attributes
 * leaves that to the next frame. The loops run inside one task, so no frame renders in between:
 * every recalculation counted is one a read (or `checkVisibility`) forced. Counted with the CDP
 * Performance domain, against a loop of the changes alone.
 */
export async function benchGmailReadsAfterChange(
  page: Page,
  options: { reads?: number; /** another build of readGmail (bundled), to compare */ script?: string } = {},
): Promise<ReadAfterChangeResult[]> {
  const reads = options.reads ?? 400;
  const script = options.script ?? (await bundleReader('lib/readers/gmail', 'readGmail'));
  const list = scaleScenario(DEMO_SCENARIO, 100);
  const long = longThreadScenario(DEMO_SCENARIO, 'zwolle-wijkaanpak', 50);
  const threadId = long.threads[0]!.id;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const recalcCount = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((metric) => metric.name === 'RecalcStyleCount')?.value ?? Number.NaN;
  };
  const results: ReadAfterChangeResult[] = [];
  const cases: Array<[string, Scenario, RenderGmailOptions]> = [
    ['gmail list, 100 rows + hidden stale conversation', list, { view: 'list', staleView: true }],
    ['gmail conversation, 50 messages (latest expanded)', long, { view: 'conversation', threadId }],
  ];
  for (const [name, scenario, options] of cases) {
    await page.route(BENCH_URL, (route) => route.fulfill({ contentType: 'text/html', body: renderGmail(scenario, options) }));
    await page.goto(BENCH_URL);
    await page.addScriptTag({ content: script });
    await page.addStyleTag({ content: gmailLikeStylesheet() });
    for (const change of ['row', 'page'] as const) {
      const loop = async (mode: 'change' | 'read' | 'check-read') => {
        const before = await recalcCount();
        const run = await page.evaluate(
          ({ mode, change, reads, now }) => {
            type Read = (root: Document, options: { now: Date }) => { threads: unknown[]; messages: unknown[] };
            const read = (globalThis as unknown as { readGmail: Read }).readGmail;
            const options = { now: new Date(now) };
            // the same target every run: a row of the visible list, or a message of the conversation
            const view = Array.from(document.querySelectorAll('[role="main"]')).find((main) => !main.hasAttribute('style'))!;
            const targets = Array.from(view.querySelectorAll('tr.zA, [role="listitem"]'));
            // (no named function here: the bundler would wrap it in a helper the page lacks)
            const changed = change === 'row' ? targets.map((target) => target.classList) : [document.body.classList];
            const className = change === 'row' ? 'x7' : 'bench-changed';
            let last = read(document, options);
            let readMs = 0;
            // an even number of changes leaves the page as it was
            for (let index = 0; index < reads; index += 1) {
              changed[index % changed.length]!.toggle(className);
              if (mode === 'change') continue;
              const started = performance.now();
              if (mode === 'check-read') view.checkVisibility();
              last = read(document, options);
              readMs += performance.now() - started;
            }
            return { readMs: readMs / reads, threads: last.threads.length, messages: last.messages.length };
          },
          { mode, change, reads, now: Date.parse(scenario.now) },
        );
        return { ...run, recalcs: (await recalcCount()) - before };
      };
      await loop('read'); // warm-up: the JIT sees the reader first
      const changesAlone = await loop('change');
      const plain = await loop('read');
      const checked = await loop('check-read');
      results.push({
        name,
        change,
        reads,
        readMs: Number(plain.readMs.toFixed(3)),
        readWithCheckMs: Number(checked.readMs.toFixed(3)),
        recalcsPerRead: Number(((plain.recalcs - changesAlone.recalcs) / reads).toFixed(2)),
        recalcsPerReadWithCheck: Number(((checked.recalcs - changesAlone.recalcs) / reads).toFixed(2)),
        threads: plain.threads,
        messages: plain.messages,
      });
    }
    await page.unroute(BENCH_URL);
  }
  await cdp.detach();
  return results;
}
