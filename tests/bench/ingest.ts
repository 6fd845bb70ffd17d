/**
 * Ingest benchmark: 10,000 observations (5,000 list rows and 5,000 messages over 2,000 people
 * at 60 municipalities) sent in batches of 100, as content scripts send them, into real
 * IndexedDB in Chromium. Measures the time until everything is stored.
 */
import type { Browser } from 'playwright-core';
import type { MessageObservation, ObservationBatch, ThreadObservation } from '@/lib/messaging/observations';
import os from 'node:os';
import { bundleForBrowser, launchBenchBrowser, median, openBenchPage, runWhenMain } from './browser';
import { random } from './random';

const DOMAINS = [
  'zwolle.nl',
  'amsterdam.nl',
  'utrecht.nl',
  'overbetuwe.nl',
  'nuenen.nl',
  'gmail.com',
  'hotmail.com',
  'welzijnzwolle.nl',
];

export function makeIngestWorkload(observations = 10_000, batchSize = 100): ObservationBatch[] {
  const next = random(42);
  const account = 'sanne@buurtkracht.nl';
  const people = Array.from({ length: 2000 }, (_, index) => {
    const domain = DOMAINS[index % DOMAINS.length]!;
    return { name: `Persoon ${index} van ${domain}`, address: `persoon.${index}@${domain}` };
  });
  const start = Date.UTC(2025, 0, 6);
  const threads: ThreadObservation[] = [];
  const messages: MessageObservation[] = [];
  for (let index = 0; index < observations / 2; index++) {
    const who = people[Math.floor(next() * people.length)]!;
    const at = start + Math.floor(next() * 600) * 86_400_000;
    threads.push({
      threadKey: `gmail:thread-f:${1_800_000_000_000 + index}`,
      idSource: 'app',
      subject: `Overleg vrijwilligersplatform ${index % 50}`,
      snippet: 'Dank voor je bericht, ik kom erop terug.',
      participants: [who, { name: 'me', address: account }],
      at,
      atRaw: null,
      unread: next() < 0.3,
      messageCount: 1 + Math.floor(next() * 5),
    });
    const outgoing = next() < 0.5;
    messages.push({
      messageKey: `gmail:msg-f:${1_900_000_000_000 + index}`,
      threadKey: `gmail:thread-f:${1_800_000_000_000 + Math.floor(next() * (observations / 2))}`,
      idSource: 'app',
      subject: 'Overleg vrijwilligersplatform',
      from: outgoing ? { name: 'me', address: account } : who,
      to: outgoing ? [who] : [{ name: 'me', address: account }],
      cc: [],
      at,
      atRaw: null,
      expanded: true,
      excerpt: 'Beste collega, hierbij de stukken voor het overleg van donderdag.',
      signature: index % 7 === 0 ? 'Met vriendelijke groet,\nBeleidsadviseur Sociaal Domein' : null,
    });
  }
  const batches: ObservationBatch[] = [];
  const all = [...threads.map((thread) => ({ thread })), ...messages.map((message) => ({ message }))];
  for (let offset = 0; offset < all.length; offset += batchSize) {
    const slice = all.slice(offset, offset + batchSize);
    batches.push({
      host: 'gmail',
      account,
      observedAt: start,
      threads: slice.flatMap((item) => ('thread' in item ? [item.thread] : [])),
      messages: slice.flatMap((item) => ('message' in item ? [item.message] : [])),
      health: { view: 'list', status: 'ok', itemsSeen: slice.length, itemsRead: slice.length, problems: {} },
    });
  }
  return batches;
}

type IngestRun = {
  elapsedMs: number;
  floorMs: number;
  onceFloorMs: number;
  transactions: number;
  requests: Record<string, number>;
  counts: Record<string, number>;
};

export const INGEST_MODES = ['burst', 'one-by-one', 're-seen', 're-seen-cold'] as const;
export type IngestMode = (typeof INGEST_MODES)[number];

export interface IngestModeResult {
  medianMs: number;
  runsMs: number[];
  /** plain IndexedDB making the same writes in as many transactions, in the same run */
  floorMedianMs: number;
  floorRunsMs: number[];
  /** the same, but each record written once (in the transaction that first wrote it): no rewrites */
  onceFloorMedianMs: number;
  onceFloorRunsMs: number[];
  /** ingest time over each floor's time, per run, and their medians */
  ratios: number[];
  medianRatio: number;
  onceRatios: number[];
  medianOnceRatio: number;
  transactions: number;
  /** IndexedDB requests ingest made (the same every run: the workload is fixed) */
  requests: Record<string, number>;
}

export async function benchIngest(browser: Browser, runs = 3, modes: readonly IngestMode[] = INGEST_MODES) {
  const script = await bundleForBrowser('tests/bench/ingest-entry.ts');
  const page = await openBenchPage(browser, '<!doctype html><title>ingest bench</title>', script);
  const batches = makeIngestWorkload();
  const results = {} as Record<IngestMode, IngestModeResult>;
  let counts: Record<string, number> = {};
  for (const mode of modes) {
    const result: IngestModeResult = {
      ...{ medianMs: 0, runsMs: [], floorMedianMs: 0, floorRunsMs: [], onceFloorMedianMs: 0, onceFloorRunsMs: [] },
      ...{ ratios: [], medianRatio: 0, onceRatios: [], medianOnceRatio: 0, transactions: 0, requests: {} },
    };
    for (let run = 0; run < runs; run++) {
      const measured = await page.evaluate(
        ([input, name, how]) =>
          (globalThis as unknown as { benchIngest: (b: unknown, n: string, m: string) => Promise<IngestRun> }).benchIngest(
            input,
            name,
            how,
          ),
        [batches, `bench-${mode}-${run}`, mode] as const,
      );
      result.runsMs.push(Math.round(measured.elapsedMs));
      result.floorRunsMs.push(Math.round(measured.floorMs));
      result.onceFloorRunsMs.push(Math.round(measured.onceFloorMs));
      result.ratios.push(measured.elapsedMs / Math.max(measured.floorMs, 1));
      result.onceRatios.push(measured.elapsedMs / Math.max(measured.onceFloorMs, 1));
      result.transactions = measured.transactions;
      result.requests = measured.requests;
      counts = measured.counts;
    }
    result.medianMs = median(result.runsMs);
    result.floorMedianMs = median(result.floorRunsMs);
    result.onceFloorMedianMs = median(result.onceFloorRunsMs);
    result.medianRatio = median(result.ratios);
    result.medianOnceRatio = median(result.onceRatios);
    results[mode] = result;
  }
  await page.close();
  return { observations: 10_000, batches: batches.length, ...results, counts };
}

/** The requests of one scenario, e.g. "gets 32,077, puts 19,483, getAll 12". */
export function formatRequests(requests: Record<string, number>): string {
  const order = ['get', 'getAll', 'getAllKeys', 'count', 'cursor', 'cursor step', 'put', 'delete'];
  const kinds = Object.keys(requests).sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  return kinds.map((kind) => `${kind} ${requests[kind]!.toLocaleString('en-US')}`).join(', ') || 'none';
}

/** `npx tsx tests/bench/ingest.ts [runs] [mode...]`: the ingest rows alone, without a build. */
runWhenMain(import.meta.url, async () => {
  const [runsArgument, ...modeArguments] = process.argv.slice(2);
  const modes = modeArguments.length > 0 ? (modeArguments as IngestMode[]) : INGEST_MODES;
  const browser = await launchBenchBrowser();
  try {
    const result = await benchIngest(browser, Number(runsArgument ?? 3), modes);
    console.log(`load average ${os.loadavg()[0]!.toFixed(1)}, ${os.cpus().length} cores`);
    for (const mode of modes) {
      const { runsMs, floorRunsMs, onceFloorRunsMs, ratios, medianRatio, onceRatios, medianOnceRatio, transactions, requests } =
        result[mode];
      const list = (values: number[]) => values.map((value) => value.toFixed(2)).join(', ');
      console.log(
        `${mode}: ingest ${runsMs.join(', ')} ms; floor (same writes) ${floorRunsMs.join(', ')} ms, ratio ${list(ratios)} (median ${medianRatio.toFixed(2)}); ` +
          `floor (each record once) ${onceFloorRunsMs.join(', ')} ms, ratio ${list(onceRatios)} (median ${medianOnceRatio.toFixed(2)}); ` +
          `${transactions} transactions; ${formatRequests(requests)}`,
      );
    }
    console.log(result.counts);
  } finally {
    await browser.close();
  }
});
