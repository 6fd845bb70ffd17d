/**
 * `npm run bench`: every benchmark, in real Chromium where the code runs in a browser, printed as
 * a Markdown report with the date and the machine. `npm run bench -- --write` also replaces the
 * generated section of BENCHMARKS.md. Targets come from the issues; a figure over its target is
 * marked, never hidden, and the command still exits 0 (benchmarks inform, tests decide).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { launchBenchBrowser } from './browser';
import { benchCalendarReaders, benchIcsImport } from './calendar-reader';
import { benchGmailReaders, benchGmailReadsAfterChange } from './gmail-readers';
import { benchIngest, formatRequests, INGEST_MODES } from './ingest';
import { benchInlineBadges } from './inline-badges';
import { benchLatency, benchLatencyScaling } from './latency';
import { benchLongTasks } from './long-tasks';
import { benchMailboxImport, mailboxImportRows } from './mailbox-import';
import { benchMboxParse, mboxParseRows } from './mbox-parse';
import { benchOutlookReaders } from './outlook-reader';
import { benchPopup } from './popup';
import { benchData, dataRows } from './data';

const ROOT = path.resolve(import.meta.dirname, '../..');
const lines: string[] = [];
/** `ok` null: a figure for context, with no target of its own */
const row = (what: string, figure: string, target: string, ok: boolean | null) =>
  lines.push(`| ${what} | ${figure} | ${target} | ${ok === null ? '' : ok ? 'ok' : '**over**'} |`);

function contentScriptSizes() {
  const dir = path.join(ROOT, '.output/chrome-mv3/content-scripts');
  if (!existsSync(dir)) throw new Error('No build: run `npx wxt build` first (npm run bench does).');
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.js'))
    .sort()) {
    const kb = statSync(path.join(dir, file)).size / 1024;
    row(`content script ${file} (minified)`, `${kb.toFixed(1)} KB`, '≤ 40 KB', kb <= 40);
  }
}

async function main() {
  const browser = await launchBenchBrowser();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  lines.push(
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${cpu}), ` +
      `${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, Chromium ${browser.version()}, ` +
      `load average at start ${os.loadavg()[0]!.toFixed(1)}.`,
    '',
    '| what | figure | target | |',
    '|---|---|---|---|',
  );
  try {
    contentScriptSizes();
    const page = await browser.newPage();
    for (const result of await benchGmailReaders(page)) {
      row(
        `Gmail reader: ${result.name}`,
        `median ${result.medianMs.toFixed(2)} ms (p95 ${result.p95Ms.toFixed(2)})`,
        '≤ 2 ms',
        result.medianMs <= 2,
      );
    }
    for (const result of await benchGmailReadsAfterChange(page)) {
      row(
        `Gmail reader: ${result.name}, read right after a change of ${result.change === 'row' ? 'one row' : 'the whole page'}: time / style recalculations forced per read (checkVisibility first, as before: time / recalculations)`,
        `${result.readMs.toFixed(2)} ms / ${result.recalcsPerRead.toFixed(0)} (${result.readWithCheckMs.toFixed(2)} ms / ${result.recalcsPerReadWithCheck.toFixed(0)})`,
        '0 recalculations',
        result.recalcsPerRead < 0.5,
      );
    }
    for (const result of await benchOutlookReaders(page)) {
      row(
        `Outlook reader: ${result.name}`,
        `median ${result.medianMs.toFixed(2)} ms (p95 ${result.p95Ms.toFixed(2)})`,
        '≤ 2 ms',
        result.medianMs <= 2,
      );
    }
    for (const result of await benchCalendarReaders(page)) {
      row(
        `calendar reader: ${result.name}`,
        `median ${result.medianMs.toFixed(2)} ms (p95 ${result.p95Ms.toFixed(2)})`,
        '≤ 2 ms',
        result.medianMs <= 2,
      );
      row(
        `calendar reader: ${result.name} / bare DOM read floor (each event's element and text, same page, same run)`,
        `${result.ratio}× (floor median ${result.floor.medianMs.toFixed(3)} ms, ${result.floor.threads} elements)`,
        '—',
        null,
      );
    }
    await page.close();
    for (const result of await benchInlineBadges(browser)) {
      row(
        `inline badges, ${result.name}: ${result.badges} badges placed / again unchanged / read + badges`,
        `${result.placeMs.toFixed(2)} ms (with layout ${result.placeWithLayoutMs.toFixed(1)}) / ${result.reapplyMs.toFixed(2)} ms / ${result.readWithBadgesMs.toFixed(2)} ms (read alone ${result.readAloneMs.toFixed(2)})`,
        'small next to a read',
        result.reapplyMs <= 1,
      );
    }
    const ingest = await benchIngest(browser);
    const perBatch = (ms: number) => `${(ms / ingest.batches).toFixed(0)} ms a batch`;
    row(
      `ingest 10,000 observations into IndexedDB: 100 batches of 100, as the background queue receives them`,
      `median ${ingest.burst.medianMs} ms (${ingest.burst.runsMs.join(', ')})`,
      '≤ 2,000 ms',
      ingest.burst.medianMs <= 2000,
    );
    row(
      `the same 10,000 as 100 transactions, each batch sent only after the last was stored (one page view each, the normal case)`,
      `median ${ingest['one-by-one'].medianMs} ms, ${perBatch(ingest['one-by-one'].medianMs)} (${ingest['one-by-one'].runsMs.join(', ')})`,
      '—',
      null,
    );
    row(
      `the same 10,000 sent again (pages re-sending what is stored), one batch at a time, background running`,
      `median ${ingest['re-seen'].medianMs} ms (${ingest['re-seen'].runsMs.join(', ')})`,
      '≤ 2,000 ms',
      ingest['re-seen'].medianMs <= 2000,
    );
    row(
      `the same, after a service-worker restart (nothing remembered: each batch read against the store)`,
      `median ${ingest['re-seen-cold'].medianMs} ms, ${perBatch(ingest['re-seen-cold'].medianMs)} (${ingest['re-seen-cold'].runsMs.join(', ')})`,
      '—',
      null,
    );
    // The floor: plain IndexedDB writing what ingest wrote, in as many transactions, in the same run.
    for (const [mode, what, target] of [
      ['burst', 'as received (burst)', null],
      ['one-by-one', 'one batch at a time', 2],
    ] as const) {
      const result = ingest[mode];
      const ratios = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
      row(
        `ingest ${what} / raw IndexedDB floor, the same writes in ${result.transactions} transaction(s)`,
        `median ${result.medianRatio.toFixed(2)}× (${ratios(result.ratios)}; floor median ${result.floorMedianMs} ms)`,
        target ? `≤ ${target}×` : '—',
        target ? result.medianRatio <= target : null,
      );
      row(
        `ingest ${what} / raw IndexedDB floor writing each stored record once (no rewrites)`,
        `median ${result.medianOnceRatio.toFixed(2)}× (${ratios(result.onceRatios)}; floor median ${result.onceFloorMedianMs} ms)`,
        target ? `≤ ${target}×` : '—',
        target ? result.medianOnceRatio <= target : null,
      );
    }
    for (const mode of INGEST_MODES) {
      row(`IndexedDB requests ingest made, ${mode}`, formatRequests(ingest[mode].requests), '—', null);
    }

    const ics = await benchIcsImport();
    row(
      `.ics import, ${ics.events.toLocaleString('en')} events (${ics.megabytes} MB) -> ${ics.meetings} meetings, in 8 ms slices (Node)`,
      `median ${ics.medianMs} ms (${ics.runsMs.join(', ')}); longest slice ${ics.longestSliceMs} ms wall, ${ics.longestSliceCpuMs} ms CPU`,
      '≤ 3,000 ms, page responsive',
      ics.medianMs <= 3000,
    );
    const latency = await benchLatency();
    row(
      'every latency status, 5,000 contacts / 100,000 interactions',
      `median ${Math.round(latency.medianMs)} ms`,
      '≤ 200 ms',
      latency.medianMs <= 200,
    );
    for (const step of benchLatencyScaling()) {
      row(
        `every latency status, ${step.contacts.toLocaleString('en')} contacts / ${step.interactions.toLocaleString('en')} interactions: median and ratio to 1,000 contacts (linear: ${step.contacts / 1000}x), same records every run / fresh records every run`,
        `${Math.round(step.same.medianMs)} ms, ${step.same.ratio}x / ${Math.round(step.fresh.medianMs)} ms, ${step.fresh.ratio}x`,
        '—',
        null,
      );
    }
  } finally {
    await browser.close();
  }
  const popup = await benchPopup();
  row(
    `popup first render, 342 municipalities / ${popup.seeded.contacts} contacts / ${popup.seeded.messages} interactions`,
    `median ${popup.medianMs} ms to the list (shell ${popup.shellMedianMs} ms)`,
    '≤ 150 ms',
    popup.medianMs <= 150,
  );
  const longTasks = await benchLongTasks();
  row(
    `longest task of the content script, Gmail list of ${longTasks.rows.toLocaleString('en')} rows (read, badges, send), built extension`,
    `median ${longTasks.medianLongestMs} ms (${longTasks.runs.map((run) => `${run.longestMs} ms, ${run.stored} stored`).join('; ')})`,
    '≤ 50 ms',
    longTasks.medianLongestMs <= 50,
  );
  row(
    'background: recompute all municipality summaries (same store)',
    `${popup.seeded.summariesMs} ms`,
    'off the UI, at most 1×/s',
    true,
  );
  for (const figures of mboxParseRows(await benchMboxParse())) row(...figures);
  for (const figures of dataRows(await benchData())) row(...figures);
  for (const figures of mailboxImportRows(await benchMailboxImport())) row(...figures);

  const report = lines.join('\n');
  console.log(report);
  if (process.argv.includes('--write')) {
    const file = path.join(ROOT, 'BENCHMARKS.md');
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const start = '<!-- bench:start -->';
    const end = '<!-- bench:end -->';
    const generated = `${start}\n${report}\n${end}`;
    const next = current.includes(start)
      ? current.replace(new RegExp(`${start}[\\s\\S]*${end}`), generated)
      : `${current.trimEnd()}\n\n${generated}\n`;
    writeFileSync(file, next);
    console.log(`\nwritten to ${file}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
