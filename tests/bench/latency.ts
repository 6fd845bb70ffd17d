/**
 * Benchmark of the latency model: every status for 5,000 contacts from 100,000 interactions
 * (mails, calls, meetings, out-of-office replies, colleagues answering in shared threads, unknown
 * times), generated deterministically with a seeded PRNG. Target: median at most 200 ms.
 * `benchLatencyScaling()` measures the same kind of workload at 1,000, 5,000 and 20,000 contacts
 * (20 interactions each) as a ratio to the 1,000 run (a linear model gives 5x and 20x), on the
 * same records run after run and on fresh records every run.
 *
 * Run alone with `npx tsx tests/bench/latency.ts`; `benchLatency()` and `benchLatencyScaling()`
 * are what tests/bench/run.ts calls.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { computeLatencies } from '@/lib/latency/model';
import { rollupByMunicipality } from '@/lib/latency/rollup';
import type { Interaction, LatencyContact, LatencyStatus } from '@/lib/latency/types';
import { ROLE_IDS } from '@/lib/vocabulary/roles';

export const LATENCY_TARGET_MS = 200;

/** mulberry32: small, fast, and the same numbers on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface LatencyWorkload {
  now: number;
  contacts: LatencyContact[];
  interactions: Interaction[];
}

export function makeLatencyWorkload(contactCount = 5_000, interactionCount = 100_000, seed = 20_261_127): LatencyWorkload {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const now = new Date(2026, 10, 27, 12).getTime();
  const day = 86_400_000;

  const organisationCount = Math.max(1, Math.floor(contactCount / 4));
  const contacts: LatencyContact[] = Array.from({ length: contactCount }, (_, index) => {
    const organisation = Math.floor(random() * organisationCount);
    return {
      id: `c:persoon.${index}@org${organisation}.nl`,
      organisationId: random() < 0.9 ? `org:org${organisation}.nl` : null,
      role: pick(ROLE_IDS),
      municipalityCode: `GM${String(organisation % 342).padStart(4, '0')}`,
    };
  });

  const interactions: Interaction[] = [];
  for (let index = 0; index < interactionCount; index += 1) {
    const contact = pick(contacts);
    const kindRoll = random();
    const kind = kindRoll < 0.7 ? 'email' : kindRoll < 0.9 ? 'call' : 'meeting';
    const direction = random() < 0.55 ? 'out' : 'in';
    // two years of history; some meetings lie ahead
    const at = random() < 0.02 ? null : now - Math.floor(random() * 730 * day) + (kind === 'meeting' ? 30 * day : 0);
    // a few threads per organisation, so colleagues answer in each other's threads
    const threadId = kind === 'email' ? `t:${contact.organisationId ?? contact.id}:${Math.floor(random() * 12)}` : null;
    const item: Interaction = {
      id: `i${index}`,
      contactId: contact.id,
      organisationId: contact.organisationId,
      kind,
      direction,
      at,
      threadId,
    };
    if (kind === 'call') item.answered = random() < 0.5;
    if (kind === 'email' && direction === 'in') {
      const roll = random();
      if (roll < 0.04) item.autoReply = { until: roll < 0.02 && at !== null ? at + Math.floor(random() * 15) * day : null };
      else if (roll < 0.09) item.fromContactId = pick(contacts).id;
    }
    interactions.push(item);
  }
  // A round trip through JSON gives every record its own flat strings, as records read from
  // IndexedDB have (built strings would be shared or left as rope strings, which flatters or
  // burdens the Map lookups).
  return JSON.parse(JSON.stringify({ now, contacts, interactions })) as LatencyWorkload;
}

export interface LatencyBenchResult {
  contacts: number;
  interactions: number;
  runs: number;
  /** computeLatencies over everything, per run */
  runsMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** CPU time of the same runs: on a shared machine wall time also counts waiting for a core */
  cpuMedianMs: number;
  /** rollupByMunicipality on top of it */
  rollupMedianMs: number;
  targetMs: number;
  withinTarget: boolean;
  statusCounts: Record<LatencyStatus, number>;
}

export async function benchLatency(
  options: { runs?: number; contacts?: number; interactions?: number } = {},
): Promise<LatencyBenchResult> {
  const runs = options.runs ?? 7;
  const workload = makeLatencyWorkload(options.contacts, options.interactions);
  // one warm-up run so the JIT has seen the code
  computeLatencies(workload.interactions, workload.contacts, { now: workload.now });

  const runsMs: number[] = [];
  const cpuMs: number[] = [];
  const rollupMs: number[] = [];
  let statusCounts: Record<LatencyStatus, number> = { ok: 0, snoozed: 0, waiting: 0, slow: 0, unresponsive: 0 };
  for (let run = 0; run < runs; run += 1) {
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    const latencies = computeLatencies(workload.interactions, workload.contacts, { now: workload.now });
    const computed = performance.now();
    const cpu = process.cpuUsage(cpuStarted);
    cpuMs.push((cpu.user + cpu.system) / 1000);
    rollupByMunicipality(latencies, workload.contacts);
    rollupMs.push(performance.now() - computed);
    runsMs.push(computed - started);
    statusCounts = { ok: 0, snoozed: 0, waiting: 0, slow: 0, unresponsive: 0 };
    for (const latency of latencies.values()) statusCounts[latency.status] += 1;
  }
  const medianMs = median(runsMs);
  return {
    contacts: workload.contacts.length,
    interactions: workload.interactions.length,
    runs,
    runsMs: runsMs.map(round),
    medianMs: round(medianMs),
    minMs: round(Math.min(...runsMs)),
    maxMs: round(Math.max(...runsMs)),
    cpuMedianMs: round(median(cpuMs)),
    rollupMedianMs: round(median(rollupMs)),
    targetMs: LATENCY_TARGET_MS,
    withinTarget: medianMs <= LATENCY_TARGET_MS,
    statusCounts,
  };
}

export interface ScalingFigures {
  /** per sample: the mean of a batch of runs (equal work per sample at every size) */
  samplesMs: number[];
  medianMs: number;
  cpuMedianMs: number;
  /** median over the median of the smallest size: 5x and 20x when the model is linear */
  ratio: number;
  cpuRatio: number;
}

export interface LatencyScalingStep {
  contacts: number;
  interactions: number;
  /** computeLatencies run again and again on the same records (how `benchLatency` measures) */
  same: ScalingFigures;
  /**
   * on a fresh copy of the records every run (parsed outside the timing), as the background
   * reads them from the store for every recompute: nothing left warm by the previous run
   */
  fresh: ScalingFigures;
}

export const LATENCY_SCALING_CONTACTS = [1_000, 5_000, 20_000] as const;
export const INTERACTIONS_PER_CONTACT = 20;

/**
 * computeLatencies at each size. A sample is the mean of a batch of runs that together cover as
 * many interactions as one run of the largest size (20 runs of 1,000 contacts, 1 of 20,000), so
 * the garbage collector's work lands in every sample alike; a warm-up run first. Fresh copies of
 * a batch are parsed before the batch is timed. The sizes take turns for `rounds` rounds, which
 * spreads a shared machine's changing load over all of them.
 */
export function benchLatencyScaling(options: { sizes?: readonly number[]; rounds?: number } = {}): LatencyScalingStep[] {
  const sizes = options.sizes ?? LATENCY_SCALING_CONTACTS;
  const rounds = options.rounds ?? 3;
  const largest = Math.max(...sizes);
  const texts = sizes.map((contacts) => JSON.stringify(makeLatencyWorkload(contacts, contacts * INTERACTIONS_PER_CONTACT)));
  const modes = ['same', 'fresh'] as const;
  const wallMs = modes.map(() => sizes.map((): number[] => []));
  const cpuMs = modes.map(() => sizes.map((): number[] => []));
  for (let round = 0; round < rounds; round += 1) {
    sizes.forEach((contacts, size) => {
      const batch = Math.max(1, Math.round(largest / contacts));
      const same = JSON.parse(texts[size] as string) as LatencyWorkload;
      computeLatencies(same.interactions, same.contacts, { now: same.now });
      modes.forEach((mode, modeIndex) => {
        let wall = 0;
        let cpu = 0;
        const copies = Array.from({ length: batch }, () =>
          mode === 'same' ? same : (JSON.parse(texts[size] as string) as LatencyWorkload),
        );
        for (const workload of copies) {
          const cpuStarted = process.cpuUsage();
          const started = performance.now();
          computeLatencies(workload.interactions, workload.contacts, { now: workload.now });
          wall += performance.now() - started;
          const used = process.cpuUsage(cpuStarted);
          cpu += (used.user + used.system) / 1000;
        }
        wallMs[modeIndex]![size]!.push(wall / batch);
        cpuMs[modeIndex]![size]!.push(cpu / batch);
      });
    });
  }
  const figures = (modeIndex: number, size: number): ScalingFigures => {
    const wall = wallMs[modeIndex]!;
    const cpu = cpuMs[modeIndex]!;
    return {
      samplesMs: wall[size]!.map(round),
      medianMs: round(median(wall[size]!)),
      cpuMedianMs: round(median(cpu[size]!)),
      ratio: Math.round((median(wall[size]!) / median(wall[0]!)) * 10) / 10,
      cpuRatio: Math.round((median(cpu[size]!) / median(cpu[0]!)) * 10) / 10,
    };
  };
  return sizes.map((contacts, size) => ({
    contacts,
    interactions: contacts * INTERACTIONS_PER_CONTACT,
    same: figures(0, size),
    fresh: figures(1, size),
  }));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function report(result: LatencyBenchResult): void {
  console.log(
    `latency: ${result.contacts} contacts, ${result.interactions} interactions, ${result.runs} runs: ` +
      `median ${result.medianMs} ms (min ${result.minMs}, max ${result.maxMs}; target <= ${result.targetMs} ms: ` +
      `${result.withinTarget ? 'ok' : 'TOO SLOW'}); CPU median ${result.cpuMedianMs} ms; ` +
      `municipality roll-up median ${result.rollupMedianMs} ms`,
  );
  console.log(`statuses: ${JSON.stringify(result.statusCounts)}; runs: ${result.runsMs.join(', ')} ms`);
}

function reportScaling(steps: readonly LatencyScalingStep[]): void {
  for (const step of steps) {
    for (const mode of ['same', 'fresh'] as const) {
      const figures = step[mode];
      console.log(
        `latency scaling, ${mode === 'same' ? 'same records' : 'fresh records'}: ${step.contacts} contacts, ${step.interactions} interactions: ` +
          `median ${figures.medianMs} ms (${figures.ratio}x of the smallest; CPU ${figures.cpuMedianMs} ms, ${figures.cpuRatio}x); ` +
          `samples: ${figures.samplesMs.join(', ')} ms`,
      );
    }
  }
}

// No top-level await: run.ts (and CommonJS loaders) can import this module synchronously.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(
    `load average at start ${os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' ')}, ${os.cpus().length} cores`,
  );
  void benchLatency()
    .then(report)
    .then(() => reportScaling(benchLatencyScaling()));
}
