/**
 * Mailbox import, the parsing half (lib/import): a generated ~200 MB Takeout-like mbox
 * (tests/bench/mbox-workload.ts) read as a stream -> split -> MIME -> observations -> kept or
 * dropped -> batches, against postal-mime alone on the same messages split beforehand, as a ratio
 * in the same run. In Node, and in Chromium on a real File (given to the page through
 * <input type=file>, so the file is on disk and not in the page's memory, as in the import page).
 *
 * Memory: in Node the process's RSS above what it was before; in Chromium the renderer's RSS
 * (read from /proc every 100 ms while the page works) and the JS heap (performance.memory).
 * Progress: the longest gap between progress reports asked for every 250 ms.
 * Targets (issue): >= 20 MB/s end to end, a 2 GB file under 300 MB of page memory, progress at
 * least every 500 ms.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { bundleForBrowser, launchBenchBrowser, openBenchPage, runWhenMain } from './browser';
import { endToEnd, megabytesPerSecond, parserAlone, splitAll, splitterAlone, type EndToEndFigures } from './mbox-parse-measure';
import { makeMboxWorkload } from './mbox-workload';
import { chunkedStream } from '../fixtures/mbox/streams';

export interface MboxParseFigures {
  where: 'Node' | 'Chromium';
  megabytes: number;
  endToEnd: EndToEndFigures;
  endToEndMBps: number;
  splitterMBps: number;
  parserMBps: number;
  /** end to end / parser alone */
  ratio: number;
  /** memory above the start (bytes): Node RSS, Chromium renderer RSS */
  peakMemoryAboveStart: number | null;
  /** Chromium only: the JS heap's peak (bytes) */
  peakJsHeap: number | null;
}

const MB = 1024 * 1024;

async function inNode(bytes: Uint8Array): Promise<MboxParseFigures> {
  const before = process.memoryUsage().rss;
  const run = await endToEnd(chunkedStream(bytes, MB), bytes.length, () => process.memoryUsage().rss);
  const splitter = await splitterAlone(chunkedStream(bytes, MB));
  const parser = await parserAlone(splitAll(bytes));
  const endToEndMBps = megabytesPerSecond(bytes.length, run.ms);
  const parserMBps = megabytesPerSecond(parser.bytes, parser.ms);
  return {
    where: 'Node',
    megabytes: bytes.length / MB,
    endToEnd: run,
    endToEndMBps,
    splitterMBps: megabytesPerSecond(bytes.length, splitter.ms),
    parserMBps,
    ratio: endToEndMBps / parserMBps,
    peakMemoryAboveStart: run.peakMemory === null ? null : run.peakMemory - before,
    peakJsHeap: null,
  };
}

/** RSS (bytes) of the browser's renderer processes, the largest; null off Linux. */
async function rendererRss(browser: Browser): Promise<() => number | null> {
  const session = await browser.newBrowserCDPSession();
  const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
    processInfo: Array<{ type: string; id: number }>;
  };
  await session.detach();
  const renderers = processInfo.filter((process) => process.type === 'renderer').map((process) => process.id);
  return () => {
    let largest: number | null = null;
    for (const pid of renderers) {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
        if (Number.isFinite(kb)) largest = Math.max(largest ?? 0, kb * 1024);
      } catch {
        // a process that ended, or no /proc
      }
    }
    return largest;
  };
}

async function inChromium(bytes: Uint8Array): Promise<MboxParseFigures> {
  const file = path.join(os.tmpdir(), `mbox-bench-${process.pid}.mbox`);
  writeFileSync(file, bytes);
  // precise memory info: performance.memory otherwise rounds and caches its figures
  const browser = await launchBenchBrowser(['--enable-precise-memory-info']);
  try {
    const page = await openBenchPage(
      browser,
      '<!doctype html><input type="file" id="mailbox">',
      await bundleForBrowser('tests/bench/mbox-parse-entry.ts'),
    );
    await page.setInputFiles('#mailbox', file);
    const rss = await rendererRss(browser);
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => {
      const sample = rss();
      if (sample !== null && (peak === null || sample > peak)) peak = sample;
    }, 100);
    let imported: ImportInPage;
    try {
      imported = await page.evaluate(() =>
        (globalThis as unknown as { runMboxImport: () => Promise<ImportInPage> }).runMboxImport(),
      );
    } finally {
      clearInterval(sampler);
    }
    const alone = await page.evaluate(() =>
      (globalThis as unknown as { runMboxParserAlone: () => Promise<AloneInPage> }).runMboxParserAlone(),
    );
    const result = { ...imported, ...alone };
    const endToEndMBps = megabytesPerSecond(bytes.length, result.endToEnd.ms);
    const parserMBps = megabytesPerSecond(result.parser.bytes, result.parser.ms);
    return {
      where: 'Chromium',
      megabytes: bytes.length / MB,
      endToEnd: result.endToEnd,
      endToEndMBps,
      splitterMBps: megabytesPerSecond(bytes.length, result.splitter.ms),
      parserMBps,
      ratio: endToEndMBps / parserMBps,
      peakMemoryAboveStart: peak === null || before === null ? null : peak - before,
      peakJsHeap: result.endToEnd.peakMemory,
    };
  } finally {
    await browser.close();
    rmSync(file, { force: true });
  }
}

interface ImportInPage {
  heapBefore: number | null;
  endToEnd: EndToEndFigures;
}
interface AloneInPage {
  splitter: { ms: number };
  parser: { ms: number; bytes: number };
}

export async function benchMboxParse({ megabytes = 200, node = true, chromium = true } = {}): Promise<MboxParseFigures[]> {
  const workload = makeMboxWorkload(megabytes * MB);
  const figures: MboxParseFigures[] = [];
  if (node) figures.push(await inNode(workload.bytes));
  if (chromium) figures.push(await inChromium(workload.bytes));
  return figures;
}

/** Rows for the report of `npm run bench` (tests/bench/run.ts). */
export function mboxParseRows(figures: readonly MboxParseFigures[]): Array<[string, string, string, boolean | null]> {
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${Math.round(bytes / MB)} MB`);
  return figures.flatMap((each) => {
    const run = each.endToEnd;
    const what = `mailbox import, parsing half, ${each.megabytes.toFixed(0)} MB Takeout-like mbox (${run.messages} messages: ${run.kept} kept, ${run.dropped} dropped, ${run.skipped} skipped), ${each.where}`;
    return [
      [
        `${what}: end to end (split, MIME, map, filter, batch)`,
        `${each.endToEndMBps.toFixed(1)} MB/s (${(run.ms / 1000).toFixed(1)} s)`,
        '≥ 20 MB/s',
        each.endToEndMBps >= 20,
      ],
      [
        `${each.where}: postal-mime alone on the same messages split beforehand; the splitter alone`,
        `${each.parserMBps.toFixed(1)} MB/s (end to end ${each.ratio.toFixed(2)}× that); splitter ${each.splitterMBps.toFixed(0)} MB/s`,
        '—',
        null,
      ],
      [
        `${each.where}: memory during the import, longest gap between progress reports`,
        each.where === 'Node'
          ? `RSS +${mb(each.peakMemoryAboveStart)}; ${run.maxProgressGapMs.toFixed(0)} ms`
          : `renderer RSS +${mb(each.peakMemoryAboveStart)}, JS heap peak ${mb(each.peakJsHeap)}; ${run.maxProgressGapMs.toFixed(0)} ms`,
        '< 300 MB page; ≤ 500 ms',
        run.maxProgressGapMs <= 500 && (each.peakMemoryAboveStart ?? 0) < 300 * MB,
      ],
    ] as Array<[string, string, string, boolean | null]>;
  });
}

runWhenMain(import.meta.url, async () => {
  const megabytes = Number(process.env.MBOX_BENCH_MB ?? 200);
  const only = process.env.MBOX_BENCH_ONLY; // 'node' or 'chromium'
  const figures = await benchMboxParse({ megabytes, node: only !== 'chromium', chromium: only !== 'node' });
  for (const [what, figure, target, ok] of mboxParseRows(figures))
    console.log(`| ${what} | ${figure} | ${target} | ${ok === null ? '' : ok ? 'ok' : '**over**'} |`);
  console.log(JSON.stringify(figures, null, 2));
});
