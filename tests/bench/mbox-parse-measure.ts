/**
 * What the mailbox-import benchmark measures, the same in Node and (bundled) in Chromium:
 * the import's parsing half end to end from a stream, the splitter alone, and postal-mime alone
 * on the pre-split messages (what parsing every message whole would cost).
 */
import PostalMime from 'postal-mime';
import { MboxSplitter } from '@/lib/import/mbox-splitter';
import { readMailbox } from '@/lib/import/read-mailbox';

export interface EndToEndFigures {
  ms: number;
  bytes: number;
  messages: number;
  kept: number;
  dropped: number;
  skipped: number;
  batches: number;
  /** the longest time without a progress report (reports asked for every 250 ms) */
  maxProgressGapMs: number;
  /** the highest memory the sampler saw during the run (bytes), null when it cannot tell */
  peakMemory: number | null;
}

export const OWN_ADDRESSES = ['sanne@buurtkracht.nl'];

/** `memory` is sampled about every 20 ms while the import runs (from its own clock calls). */
export async function endToEnd(
  stream: ReadableStream<Uint8Array>,
  bytes: number,
  memory: () => number | null,
): Promise<EndToEndFigures> {
  let peak: number | null = memory();
  let lastSample = 0;
  const clock = () => {
    const now = performance.now();
    if (now - lastSample >= 20) {
      lastSample = now;
      const sample = memory();
      if (sample !== null && (peak === null || sample > peak)) peak = sample;
    }
    return now;
  };
  let batches = 0;
  const started = performance.now();
  let lastReport = started;
  let maxGap = 0;
  const result = await readMailbox(stream, {
    ownAddresses: OWN_ADDRESSES,
    now: clock,
    progressIntervalMs: 250,
    onProgress: () => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - lastReport);
      lastReport = now;
    },
    onBatch: () => {
      batches++;
    },
  });
  const ms = performance.now() - started;
  if (result.status !== 'done') throw new Error(`import did not finish: ${result.status}`);
  const sum = (counts: Partial<Record<string, number>>) =>
    Object.values(counts).reduce<number>((total, count) => total + (count ?? 0), 0);
  return {
    ms,
    bytes,
    messages: result.counts.messages,
    kept: result.counts.kept,
    dropped: sum(result.counts.dropped),
    skipped: sum(result.counts.skipped),
    batches,
    maxProgressGapMs: maxGap,
    peakMemory: peak,
  };
}

export async function splitterAlone(stream: ReadableStream<Uint8Array>): Promise<{ ms: number; messages: number }> {
  const started = performance.now();
  const splitter = new MboxSplitter();
  const reader = stream.getReader();
  let messages = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    messages += splitter.push(value).length;
  }
  messages += splitter.end().length;
  return { ms: performance.now() - started, messages };
}

/** The raw messages of an mbox, split beforehand (not timed). */
export function splitAll(bytes: Uint8Array): Uint8Array[] {
  const splitter = new MboxSplitter({ maxMessageBytes: 64 * 1024 * 1024 });
  return [...splitter.push(bytes), ...splitter.end()].map((message) => message.bytes);
}

/** postal-mime alone, every message whole (attachments decoded, as it does by default). */
export async function parserAlone(messages: readonly Uint8Array[]): Promise<{ ms: number; bytes: number }> {
  let bytes = 0;
  const started = performance.now();
  for (const message of messages) {
    await PostalMime.parse(message);
    bytes += message.length;
  }
  return { ms: performance.now() - started, bytes };
}

export const megabytesPerSecond = (bytes: number, ms: number) => bytes / 1024 / 1024 / (ms / 1000);
