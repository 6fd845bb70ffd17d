/**
 * Ingest benchmark: 10,000 observations (5,000 list rows and 5,000 messages over 2,000 people
 * at 60 municipalities) sent in batches of 100, as content scripts send them, into real
 * IndexedDB in Chromium. Measures the time until everything is stored.
 */
import type { Browser } from 'playwright-core';
import type { MessageObservation, ObservationBatch, ThreadObservation } from '@/lib/messaging/observations';
import { bundleForBrowser, median, openBenchPage } from './browser';
import { random } from './random';

const DOMAINS = ['zwolle.nl', 'amsterdam.nl', 'utrecht.nl', 'overbetuwe.nl', 'nuenen.nl', 'gmail.com', 'hotmail.com', 'welzijnzwolle.nl'];

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

type IngestRun = { elapsedMs: number; counts: Record<string, number> };

export async function benchIngest(browser: Browser, runs = 3) {
  const script = await bundleForBrowser('tests/bench/ingest-entry.ts');
  const page = await openBenchPage(browser, '<!doctype html><title>ingest bench</title>', script);
  const batches = makeIngestWorkload();
  const modes = ['burst', 'one-by-one', 're-seen', 're-seen-cold'] as const;
  const results = Object.fromEntries(modes.map((mode) => [mode, { medianMs: 0, runsMs: [] as number[] }])) as Record<
    (typeof modes)[number],
    { medianMs: number; runsMs: number[] }
  >;
  let counts: Record<string, number> = {};
  for (const mode of modes) {
    for (let run = 0; run < runs; run++) {
      const result = await page.evaluate(
        ([input, name, how]) =>
          (globalThis as unknown as { benchIngest: (b: unknown, n: string, m: string) => Promise<IngestRun> }).benchIngest(input, name, how),
        [batches, `bench-${mode}-${run}`, mode] as const,
      );
      results[mode].runsMs.push(Math.round(result.elapsedMs));
      counts = result.counts;
    }
    results[mode].medianMs = median(results[mode].runsMs);
  }
  await page.close();
  return { observations: 10_000, batches: batches.length, ...results, counts };
}
