/**
 * Calendar benchmarks. In real Chromium, on the shared reader-bench plumbing: the Google Calendar
 * and Outlook calendar readers on a busy week view of 60 events (target: at most 2 ms a read), each
 * also as a ratio to a bare DOM read of the same page in the same run (the floor: what the machine
 * and the browser give that day).
 * In Node: the .ics import of a generated 5,000-event file (target: at most 3 s), run in slices as
 * the import page will run it, with the longest slice reported in wall-clock and CPU time (on a
 * shared machine the wall clock includes time the process was not running).
 *
 * Run on its own with `npx tsx tests/bench/calendar-reader.ts`; tests/bench/run.ts can call
 * `benchCalendarReaders(page)` and `benchIcsImport()`.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { importIcs } from '../../lib/import/ics';
import { busyWeek, NOW } from '../fixtures/calendar/calendar-scenario';
import { renderGoogleCalendar } from '../fixtures/calendar/render-google-calendar';
import { renderOutlookCalendar } from '../fixtures/calendar/render-outlook-calendar';
import { GENERATED_USER, generateIcs } from '../fixtures/ics/generate-ics';
import { launchBenchBrowser, median } from './browser';
import { benchReader, bundleReader, type ReaderBenchCase, type ReaderBenchResult } from './reader-bench';

export const CALENDAR_READ_TARGET_MS = 2;
export const ICS_IMPORT_TARGET_MS = 3_000;

/**
 * The floor a calendar reader is compared with, in the same run on the same page: a bare DOM read
 * of what any reader of the view must touch, each event's element and its text (Google: the chips'
 * `data-eventid` and text; Outlook: the event buttons' accessible names), and nothing else.
 */
const FLOORS = `
globalThis.bareGoogleRead = (root) => ({
  meetings: Array.from(root.querySelectorAll('[data-eventid]'), (chip) => [chip.getAttribute('data-eventid'), chip.textContent]),
  health: { status: 'floor' },
});
globalThis.bareOutlookRead = (root) => ({
  meetings: Array.from(root.querySelectorAll('[data-app-section^="Surface_"] div[role="button"][aria-label]'), (button) => button.getAttribute('aria-label')),
  health: { status: 'floor' },
});`;

export interface CalendarReaderBenchResult extends ReaderBenchResult {
  /** the bare DOM read of the same page in the same run */
  floor: ReaderBenchResult;
  /** the reader's median over the floor's */
  ratio: number;
}

/** One reader on one page, then the bare DOM read floor on the same page. */
async function benchAgainstFloor(
  page: Page,
  script: string,
  bench: ReaderBenchCase,
  floorName: 'bareGoogleRead' | 'bareOutlookRead',
): Promise<CalendarReaderBenchResult> {
  const result = await benchReader(page, script, bench);
  // 50 reads a sample: one bare read is a few µs, below the 0.1 ms the page's clock resolves
  const floor = await benchReader(page, FLOORS, {
    ...bench,
    name: `${bench.name}, bare DOM read`,
    readerName: floorName,
    readsPerSample: 50,
  });
  return { ...result, floor, ratio: Number((result.medianMs / floor.medianMs).toFixed(1)) };
}

/** Both calendar readers on a 60-event week (en-US and nl pages), as the content script runs them. */
export async function benchCalendarReaders(page: Page): Promise<CalendarReaderBenchResult[]> {
  const week = busyWeek(60);
  const google = await bundleReader('lib/readers/google-calendar', 'readGoogleCalendar');
  const outlook = await bundleReader('lib/readers/outlook-calendar', 'readOutlookCalendar');
  const googleCase = (bench: ReaderBenchCase) => benchAgainstFloor(page, google, bench, 'bareGoogleRead');
  const outlookCase = (bench: ReaderBenchCase) => benchAgainstFloor(page, outlook, bench, 'bareOutlookRead');
  return [
    await googleCase({
      name: 'Google Calendar week, 60 events (nl)',
      url: 'http://bench.localhost/calendar/u/0/r/week/2026/10/5',
      html: renderGoogleCalendar(week, { locale: 'nl' }),
      readerName: 'readGoogleCalendar',
      now: NOW,
    }),
    await googleCase({
      name: 'Google Calendar week, 60 events, dialog open (en-US)',
      url: 'http://bench.localhost/calendar/u/0/r/week/2026/10/5',
      html: renderGoogleCalendar(week, { locale: 'en-US', dialog: week[0]!.id }),
      readerName: 'readGoogleCalendar',
      now: NOW,
    }),
    await outlookCase({
      name: 'Outlook calendar week, 60 events (nl)',
      url: 'http://bench.localhost/calendar/view/week',
      html: renderOutlookCalendar(week, { locale: 'nl' }),
      readerName: 'readOutlookCalendar',
      now: NOW,
    }),
    await outlookCase({
      name: 'Outlook calendar week, 60 events, card open (en-US)',
      url: 'http://bench.localhost/calendar/view/week',
      html: renderOutlookCalendar(week, { locale: 'en-US', card: week[0]!.id }),
      readerName: 'readOutlookCalendar',
      now: NOW,
    }),
  ];
}

export interface IcsBenchResult {
  events: number;
  megabytes: number;
  meetings: number;
  runsMs: number[];
  medianMs: number;
  /** longest synchronous slice, wall clock, over all runs */
  longestSliceMs: number;
  /** longest synchronous slice in CPU time of this process (excludes time the OS ran others) */
  longestSliceCpuMs: number;
}

/** The .ics import of a generated 5,000-event file, three runs, in 8 ms slices. */
export async function benchIcsImport(runs = 3): Promise<IcsBenchResult> {
  const file = generateIcs(5_000);
  const runsMs: number[] = [];
  let longestSliceMs = 0;
  let longestSliceCpuMs = 0;
  let meetings = 0;
  for (let run = 0; run < runs; run++) {
    let sliceStart = performance.now();
    let cpuStart = process.cpuUsage();
    const slice = () => {
      longestSliceMs = Math.max(longestSliceMs, performance.now() - sliceStart);
      const cpu = process.cpuUsage(cpuStart);
      longestSliceCpuMs = Math.max(longestSliceCpuMs, (cpu.user + cpu.system) / 1000);
    };
    const started = performance.now();
    const result = await importIcs(file.text, {
      window: { start: Date.UTC(2024, 0, 1), end: Date.UTC(2028, 0, 1) },
      userAddresses: [GENERATED_USER],
      timeZone: 'Europe/Amsterdam',
      sliceMs: 8,
      yieldToHost: async () => {
        slice();
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
        cpuStart = process.cpuUsage();
      },
    });
    slice();
    runsMs.push(Math.round(performance.now() - started));
    meetings = result.meetings.length;
  }
  return {
    events: file.events,
    megabytes: Number((file.text.length / 1e6).toFixed(1)),
    meetings,
    runsMs,
    medianMs: median(runsMs),
    longestSliceMs: Number(longestSliceMs.toFixed(1)),
    longestSliceCpuMs: Number(longestSliceCpuMs.toFixed(1)),
  };
}

async function main(): Promise<void> {
  const browser = await launchBenchBrowser();
  try {
    const results = await benchCalendarReaders(await browser.newPage());
    console.log(`Chromium ${browser.version()}`);
    for (const result of results) {
      console.log(
        `${result.name.padEnd(56)} median ${result.medianMs.toFixed(3)} ms  p95 ${result.p95Ms.toFixed(3)} ms  ` +
          `(${result.runs} samples; ${result.threads} meetings, ${result.status})  ${result.medianMs <= CALENDAR_READ_TARGET_MS ? 'ok' : 'OVER 2 ms'}  ` +
          `bare DOM read ${result.floor.medianMs.toFixed(3)} ms (${result.floor.threads} elements): ${result.ratio}x`,
      );
    }
  } finally {
    await browser.close();
  }
  const ics = await benchIcsImport();
  console.log(
    `.ics import, ${ics.events} events (${ics.megabytes} MB) -> ${ics.meetings} meetings: median ${ics.medianMs} ms (${ics.runsMs.join(', ')}), ` +
      `longest slice ${ics.longestSliceMs} ms wall / ${ics.longestSliceCpuMs} ms CPU  ${ics.medianMs <= ICS_IMPORT_TARGET_MS ? 'ok' : 'OVER 3 s'}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
