/**
 * Shared plumbing for reader benchmarks in real Chromium: bundle a reader for the page with
 * esbuild, serve a rendered page from a made-up origin (page.route answers it, nothing reaches a
 * network), and time the reader on the live document like the content script runs it.
 * Used by tests/bench/gmail-readers.ts; the Outlook reader benchmark can use it too.
 */
import path from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { median } from './browser';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ReaderBenchResult {
  name: string;
  /** timed samples (each the mean of `readsPerSample` reads) */
  runs: number;
  medianMs: number;
  p95Ms: number;
  /** what one read returned: a fast read of nothing must not pass for a fast read (meetings for a calendar) */
  threads: number;
  messages: number;
  status: string;
}

/** `exportName` of `modulePath` (from the repo root) as one IIFE that puts it on globalThis. */
export async function bundleReader(modulePath: string, exportName: string): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { ${exportName} } from './${modulePath}';\nObject.assign(globalThis, { ${exportName} });`,
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
    target: 'chrome120',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

export interface ReaderBenchCase {
  name: string;
  /** the page's URL (made up; routed to `html`) */
  url: string;
  html: string;
  /** the global the bundled reader was put on */
  readerName: string;
  /** "now" handed to the reader */
  now: number;
  runs?: number;
  warmup?: number;
  /**
   * reads per timed sample: Chromium coarsens performance.now() to 0.1 ms on pages that are not
   * cross-origin isolated, too coarse for one sub-millisecond read; a sample of 5 reads, divided,
   * resolves 20 µs
   */
  readsPerSample?: number;
}

/** Loads the page, then times `runs` samples of reads (after `warmup` untimed reads) in the page. */
export async function benchReader(page: Page, script: string, bench: ReaderBenchCase): Promise<ReaderBenchResult> {
  await page.route(bench.url, (route) => route.fulfill({ contentType: 'text/html', body: bench.html }));
  await page.goto(bench.url);
  await page.addScriptTag({ content: script });
  const { times, threads, messages, status } = await page.evaluate(
    ({ runs, warmup, now, readerName, perSample }) => {
      // mail readers return threads and messages; calendar readers meetings (counted as threads)
      type Read = (
        root: Document,
        options: { now: Date },
      ) => { threads?: unknown[]; messages?: unknown[]; meetings?: unknown[]; health: { status: string } };
      const read = (globalThis as unknown as Record<string, Read>)[readerName]!;
      const options = { now: new Date(now) };
      for (let run = 0; run < warmup; run++) read(document, options);
      const samples: number[] = [];
      let last = read(document, options);
      for (let run = 0; run < runs; run++) {
        const started = performance.now();
        for (let read_ = 0; read_ < perSample; read_++) last = read(document, options);
        samples.push((performance.now() - started) / perSample);
      }
      const threads = (last.threads ?? last.meetings ?? []).length;
      return { times: samples, threads, messages: last.messages?.length ?? 0, status: last.health.status };
    },
    {
      runs: bench.runs ?? 200,
      warmup: bench.warmup ?? 20,
      now: bench.now,
      readerName: bench.readerName,
      perSample: bench.readsPerSample ?? 5,
    },
  );
  await page.unroute(bench.url);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name: bench.name,
    runs: times.length,
    medianMs: Number(median(times).toFixed(4)),
    p95Ms: Number(sorted[Math.floor(sorted.length * 0.95)]!.toFixed(4)),
    threads,
    messages,
    status,
  };
}
