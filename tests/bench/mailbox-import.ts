/**
 * Mailbox import end to end, in Chromium through the BUILT extension: a generated ~200 MB
 * Takeout-like mbox (tests/bench/mbox-workload.ts: full Gmail headers, threads, attachments as
 * most of the bytes, a realistic share of stakeholder mail) given to the real import page, read in
 * its Worker, every kept message stored through the background, until the summary shows. Beside
 * it, in the same browser and run, the parsing half alone on the same File (readMailbox, nothing
 * stored) and postal-mime alone on the same messages: the ratios say what storing costs.
 *
 * Memory: the RSS of the renderer processes (the import page, its Worker and the extension's
 * service worker share one), its growth over the start; the page's JS heap (precise memory info).
 * Progress: the longest gap between two changes of what the progress bar shows, while it runs.
 * Targets (issue): >= 20 MB/s end to end, the page under 300 MB, progress at least every 500 ms.
 *
 *   npx tsx tests/bench/mailbox-import.ts           (MAILBOX_BENCH_MB=50 for a quicker run)
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { launchExtension, readStore, startFixtureServer } from '../e2e/harness';
import { bundleForBrowser, runWhenMain } from './browser';
import { OWN_ADDRESSES, megabytesPerSecond, type EndToEndFigures } from './mbox-parse-measure';
import { makeMboxWorkload } from './mbox-workload';

const MB = 1024 * 1024;

export interface MailboxImportFigures {
  megabytes: number;
  messages: number;
  kept: number;
  stored: number;
  ms: number;
  mbps: number;
  /** the parsing half alone on the same File, and postal-mime alone on the same messages */
  parsingHalfMBps: number;
  postalMimeMBps: number;
  peakRssAboveStart: number | null;
  peakPageHeap: number | null;
  longestProgressGapMs: number;
  progressChanges: number;
}

/**
 * Watches what the progress bar shows; the times of its changes, read back at the end. A script
 * as text: tsx would wrap a named function given to page.evaluate in a helper the page lacks.
 */
async function watchProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(`(() => {
    const times = [];
    let last = '';
    new MutationObserver(() => {
      const bar = document.querySelector('progress');
      const shown = bar ? bar.value + '|' + (document.querySelector('[data-counts]')?.textContent ?? '') : '';
      if (shown && shown !== last) times.push(performance.now());
      last = shown;
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    globalThis.progressTimes = times;
  })()`);
  return () => page.evaluate(() => (globalThis as unknown as { progressTimes: number[] }).progressTimes);
}

/**
 * RSS (bytes) of the largest renderer process of the browser whose command line holds `marker`,
 * found by walking /proc (a persistent context, as an extension needs, has no Browser to ask over
 * CDP); null off Linux. Looked up at every sample: the import page may get a new process.
 */
function rendererRssUnder(marker: string): () => number | null {
  const read = (pid: string, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return ''; // a process that ended
    }
  };
  return () => {
    const parentOf = new Map<string, string>();
    const commandOf = new Map<string, string>();
    let pids: string[];
    try {
      pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
    } catch {
      return null;
    }
    for (const pid of pids) {
      const cmdline = read(pid, 'cmdline');
      if (!cmdline.includes('chrom')) continue;
      commandOf.set(pid, cmdline);
      // stat: "pid (name) state ppid ..."; the name may hold spaces, so after the last ')'
      parentOf.set(
        pid,
        read(pid, 'stat')
          .slice(read(pid, 'stat').lastIndexOf(')') + 2)
          .split(' ')[1] ?? '',
      );
    }
    const underMarker = (pid: string): boolean => {
      for (let at: string | undefined = pid, depth = 0; at && depth < 8; at = parentOf.get(at), depth++) {
        if (commandOf.get(at)?.includes(marker)) return true;
      }
      return false;
    };
    let largest: number | null = null;
    for (const [pid, cmdline] of commandOf) {
      if (!cmdline.includes('--type=renderer') || !underMarker(pid)) continue;
      const kb = Number(/VmRSS:\s+(\d+)/.exec(read(pid, 'status'))?.[1]);
      if (Number.isFinite(kb)) largest = Math.max(largest ?? 0, kb * 1024);
    }
    return largest;
  };
}

const pageHeap = (page: Page) =>
  page
    .evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null)
    .catch(() => null);

/** The parsing half and postal-mime alone, on the same file, in a page of the same browser. */
async function parsingAlone(context: import('playwright-core').BrowserContext, file: string) {
  const page = await context.newPage();
  await page.route('http://bench.localhost/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><input type="file" id="mailbox">' }),
  );
  await page.goto('http://bench.localhost/');
  await page.addScriptTag({ content: await bundleForBrowser('tests/bench/mbox-parse-entry.ts') });
  await page.setInputFiles('#mailbox', file);
  const half = await page.evaluate(() =>
    (globalThis as unknown as { runMboxImport: () => Promise<{ endToEnd: EndToEndFigures }> }).runMboxImport(),
  );
  const alone = await page.evaluate(() =>
    (
      globalThis as unknown as { runMboxParserAlone: () => Promise<{ parser: { ms: number; bytes: number } }> }
    ).runMboxParserAlone(),
  );
  await page.close();
  return { half: half.endToEnd, parser: alone.parser };
}

export async function benchMailboxImport({ megabytes = 200 } = {}): Promise<MailboxImportFigures> {
  const workload = makeMboxWorkload(megabytes * MB);
  const file = path.join(os.tmpdir(), `mailbox-import-bench-${process.pid}.mbox`);
  writeFileSync(file, workload.bytes);
  const server = await startFixtureServer({});
  // the marker (a switch Chromium ignores) finds this browser's processes in /proc
  const marker = `--gemeenteradar-bench=${process.pid}`;
  const extension = await launchExtension({ server, extraArgs: ['--enable-precise-memory-info', marker] });
  try {
    const page = await extension.openExtensionPage('import.html');
    await page.getByRole('textbox', { name: 'Jouw e-mailadressen' }).fill(OWN_ADDRESSES.join(', '));
    await page.locator('input[type=file]').setInputFiles(file);
    const progressTimes = await watchProgress(page);
    const rss = rendererRssUnder(marker);
    const before = rss();
    let peak = before;
    let peakHeap: number | null = null;
    const sampler = setInterval(() => {
      const sample = rss();
      if (sample !== null && (peak === null || sample > peak)) peak = sample;
      void pageHeap(page).then((heap) => heap !== null && (peakHeap = Math.max(peakHeap ?? 0, heap)));
    }, 100);
    const started = Date.now();
    let ms: number;
    try {
      await page.getByRole('button', { name: 'Importeren' }).click();
      await page.getByRole('region', { name: 'Import klaar' }).waitFor({ timeout: 30 * 60_000 });
      ms = Date.now() - started;
    } finally {
      clearInterval(sampler);
    }
    const times = await progressTimes();
    const gaps = times.slice(1).map((time, index) => time - times[index]!);
    const numberIn = async (selector: string) => Number(((await page.locator(selector).textContent()) ?? '').replace(/\D/g, ''));
    const figures = {
      megabytes: workload.bytes.length / MB,
      messages: await numberIn('[data-read]'),
      kept: await numberIn('[data-kept]'),
      stored: (await readStore(page, 'messages')).length,
      ms,
      mbps: megabytesPerSecond(workload.bytes.length, ms),
      peakRssAboveStart: peak === null || before === null ? null : peak - before,
      peakPageHeap: peakHeap,
      longestProgressGapMs: Math.max(0, ...gaps),
      progressChanges: times.length,
    };
    await page.close();
    const alone = await parsingAlone(extension.context, file);
    return {
      ...figures,
      parsingHalfMBps: megabytesPerSecond(workload.bytes.length, alone.half.ms),
      postalMimeMBps: megabytesPerSecond(alone.parser.bytes, alone.parser.ms),
    };
  } finally {
    await extension.close();
    await server.close();
    rmSync(file, { force: true });
  }
}

/** Rows for the report of `npm run bench` (tests/bench/run.ts). */
export function mailboxImportRows(each: MailboxImportFigures): Array<[string, string, string, boolean | null]> {
  const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${Math.round(bytes / MB)} MB`);
  const what = `mailbox import end to end in Chromium: the import page, its Worker and the background storing, ${each.megabytes.toFixed(0)} MB Takeout-like mbox (${each.messages} messages, ${each.kept} kept and stored)`;
  return [
    [what, `${each.mbps.toFixed(1)} MB/s (${(each.ms / 1000).toFixed(1)} s)`, '≥ 20 MB/s', each.mbps >= 20],
    [
      'the same file in the same run: the parsing half alone (nothing stored), postal-mime alone; end to end as a share of each',
      `${each.parsingHalfMBps.toFixed(1)} MB/s, ${each.postalMimeMBps.toFixed(1)} MB/s; ${(each.mbps / each.parsingHalfMBps).toFixed(2)}×, ${(each.mbps / each.postalMimeMBps).toFixed(2)}×`,
      '—',
      null,
    ],
    [
      "memory during the import: renderer RSS growth (page, Worker and service worker share the process), the page's JS heap peak; the longest gap between progress-bar changes",
      `+${mb(each.peakRssAboveStart)}, ${mb(each.peakPageHeap)}; ${each.longestProgressGapMs.toFixed(0)} ms (${each.progressChanges} changes)`,
      '< 300 MB; ≤ 500 ms',
      (each.peakRssAboveStart ?? 0) < 300 * MB && each.longestProgressGapMs <= 500,
    ],
  ];
}

runWhenMain(import.meta.url, async () => {
  const figures = await benchMailboxImport({ megabytes: Number(process.env.MAILBOX_BENCH_MB ?? 200) });
  for (const [what, figure, target, ok] of mailboxImportRows(figures))
    console.log(`| ${what} | ${figure} | ${target} | ${ok === null ? '' : ok ? 'ok' : '**over**'} |`);
  console.log(JSON.stringify(figures, null, 2));
});
