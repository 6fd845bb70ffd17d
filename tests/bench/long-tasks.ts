/**
 * The longest task a content script puts on the page: a 5,000-row Gmail list, served at
 * https://mail.google.com to the BUILT extension in Chromium, read by the real content script
 * (reader, inline badges, fingerprint, sends). A Chromium trace of the page, from navigation until
 * every row is stored, gives each task of the page and the script calls inside it; the tasks in
 * which the content script ran are ours (the page's own parse and layout of 5,000 rows are not).
 *
 * Run alone with `npx tsx tests/bench/long-tasks.ts` (after `npx wxt build`); `npm run bench`
 * runs it with the rest.
 */
import { renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, scaleScenario } from '../fixtures/scenario';
import { launchExtension, readStore, startFixtureServer } from '../e2e/harness';
import type { Page } from 'playwright-core';
import { median } from './browser';

export const LONG_TASK_ROWS = 5_000;

export interface LongTaskRun {
  /** the longest task after `load`, ms (0: none over 50 ms) */
  longestMs: number;
  /** how many of the content script's tasks took over 50 ms, and their total */
  longTasks: number;
  totalMs: number;
  /** tasks in which the content script ran */
  tasks: number;
  /** threads stored when the run ended: a fast run that stored nothing must not pass */
  stored: number;
}

/** Chrome trace events (the fields used here). */
interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string } };
}

/** Records a Chromium trace of `page` while `work` runs: every task of its renderer, with what ran in it. */
async function traceWhile(page: Page, work: () => Promise<void>): Promise<TraceEvent[]> {
  const session = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  session.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolveDone) => session.once('Tracing.tracingComplete', () => resolveDone()));
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] },
    transferMode: 'ReportEvents',
  });
  try {
    await work();
  } finally {
    await session.send('Tracing.end');
    await done;
    await session.detach().catch(() => undefined);
  }
  return events;
}

/**
 * The tasks in which the content script ran (a script call from chrome-extension://<id>/ inside
 * them): the page is blocked for the whole task, whatever else it did too.
 */
function contentScriptTasks(events: TraceEvent[], extensionId: string): number[] {
  const ours = events.filter(
    (event) => event.ph === 'X' && event.args?.data?.url?.startsWith(`chrome-extension://${extensionId}/`),
  );
  const tasks = events.filter((event) => event.ph === 'X' && event.name === 'RunTask' && event.dur !== undefined);
  const found = new Set<TraceEvent>();
  for (const call of ours) {
    const task = tasks.find(
      (candidate) =>
        candidate.pid === call.pid &&
        candidate.tid === call.tid &&
        candidate.ts <= call.ts &&
        call.ts + (call.dur ?? 0) <= candidate.ts + candidate.dur!,
    );
    if (task) found.add(task);
  }
  return [...found].map((task) => task.dur! / 1000);
}

async function oneRun(rows: number): Promise<LongTaskRun> {
  const scenario = scaleScenario(DEMO_SCENARIO, rows);
  const html = renderGmail(scenario, { view: 'list' });
  const server = await startFixtureServer({ routes: { '/mail/u/0/': html } });
  const extension = await launchExtension({ server });
  try {
    const page = await extension.context.newPage();
    const popup = await extension.openExtensionPage('popup.html');
    let stored = 0;
    const events = await traceWhile(page, async () => {
      await page.goto('https://mail.google.com/mail/u/0/#inbox');
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        stored = (await readStore(popup, 'threads')).length;
        if (stored >= rows) break;
        await popup.waitForTimeout(500);
      }
      await page.waitForTimeout(1_000); // the last reads and badge passes
    });
    const tasks = contentScriptTasks(events, extension.extensionId);
    const long = tasks.filter((ms) => ms > 50);
    return {
      longestMs: Math.round(Math.max(0, ...tasks)),
      longTasks: long.length,
      totalMs: Math.round(long.reduce((sum, ms) => sum + ms, 0)),
      tasks: tasks.length,
      stored,
    };
  } finally {
    await extension.close();
    await server.close();
  }
}

export async function benchLongTasks({ runs = 3, rows = LONG_TASK_ROWS } = {}) {
  const results: LongTaskRun[] = [];
  for (let run = 0; run < runs; run++) results.push(await oneRun(rows));
  return { rows, medianLongestMs: median(results.map((result) => result.longestMs)), runs: results };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchLongTasks(), null, 2));
}
