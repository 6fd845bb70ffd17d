/**
 * Backup, restore and forgetting one person, in the BUILT extension in Chromium, on a store of
 * 5,000 contacts and 100,000 interactions (tests/bench/popup-seed-entry.ts): the backup written
 * by the data page's code (read in one transaction, JSON lines through gzip), restored into the
 * emptied store as the page does it (the file read and sent in chunks to the background, which
 * validates, plans and writes in one transaction), and one person forgotten by the background
 * (the page's scan for mentions elsewhere timed apart). Progress: the longest pause between two
 * progress reports.
 */
import os from 'node:os';
import { bundleForBrowser, median, runWhenMain } from './browser';
import { launchExtension, startFixtureServer } from '../e2e/harness';

export interface DataBench {
  seeded: Record<string, number>;
  backup: { ms: number; records: number; megabytes: number; longestGapMs: number; reports: number }[];
  restore: {
    ms: number;
    stageMs: number;
    planMs: number;
    applyMs: number;
    added: number;
    contacts: number;
    messages: number;
    longestGapMs: number;
  }[];
  forget: { ms: number; scanMs: number; touched: number }[];
}

type Bench = {
  seedPopupStore(options: object): Promise<Record<string, number>>;
  benchBackup(): Promise<DataBench['backup'][number]>;
  wipe(): Promise<number>;
  benchRestore(mode: string): Promise<DataBench['restore'][number]>;
  benchForget(index: number): Promise<DataBench['forget'][number]>;
};

export async function benchData({ runs = 3 } = {}): Promise<DataBench> {
  const server = await startFixtureServer();
  const extension = await launchExtension({ server });
  try {
    const page = await extension.openExtensionPage('data.html');
    await page.evaluate(await bundleForBrowser('tests/bench/popup-seed-entry.ts'));
    await page.evaluate(await bundleForBrowser('tests/bench/data-entry.ts'));
    const call = <K extends keyof Bench>(name: K, ...args: Parameters<Bench[K]>) =>
      page.evaluate(
        ([method, input]) =>
          (globalThis as unknown as Record<string, (...a: unknown[]) => unknown>)[method as string]!(...(input as unknown[])),
        [name, args] as const,
      ) as ReturnType<Bench[K]>;
    const seeded = await call('seedPopupStore', { contacts: 5_000, interactions: 100_000, now: Date.now() });
    const result: DataBench = { seeded, backup: [], restore: [], forget: [] };
    for (let run = 0; run < runs; run++) {
      result.backup.push(await call('benchBackup'));
      if ((await call('wipe')) !== 0) throw new Error('the store was not emptied');
      result.restore.push(await call('benchRestore', 'merge'));
      // a different person each time: persoon<n> has about 20 interactions
      result.forget.push(await call('benchForget', run * 7 + 3));
    }
    extension.assertNoExternalRequests();
    return result;
  } finally {
    await extension.close();
    await server.close();
  }
}

export function dataRows(result: DataBench): [string, string, string, boolean | null][] {
  const { contacts, messages } = result.seeded;
  const ms = (values: number[]) => `median ${Math.round(median(values))} ms (${values.join(', ')})`;
  const backup = result.backup;
  const restore = result.restore;
  const forget = result.forget;
  return [
    [
      `backup of ${contacts!.toLocaleString('en')} contacts / ${messages!.toLocaleString('en')} interactions (${backup[0]!.records.toLocaleString('en')} records, ${backup[0]!.megabytes} MB gzip), in the data page`,
      `${ms(backup.map((run) => run.ms))}; longest pause between progress reports ${Math.max(...backup.map((run) => run.longestGapMs))} ms`,
      '≤ 5,000 ms, with progress',
      median(backup.map((run) => run.ms)) <= 5000,
    ],
    [
      'restore of that backup into the emptied store: page reads and sends chunks, background validates, plans and writes in one transaction',
      `${ms(restore.map((run) => run.ms))}: staging ${Math.round(median(restore.map((run) => run.stageMs)))} ms, dry run ${Math.round(median(restore.map((run) => run.planMs)))} ms, write ${Math.round(median(restore.map((run) => run.applyMs)))} ms; longest pause ${Math.max(...restore.map((run) => run.longestGapMs))} ms`,
      '≤ 5,000 ms, with progress',
      median(restore.map((run) => run.ms)) <= 5000,
    ],
    [
      `forget one person (about 20 interactions; ${forget.map((run) => run.touched).join(', ')} records deleted or changed), background round trip`,
      ms(forget.map((run) => run.ms)),
      '≤ 200 ms',
      median(forget.map((run) => run.ms)) <= 200,
    ],
    [
      'the data page’s scan for mentions elsewhere before the user confirms (whole store)',
      ms(forget.map((run) => run.scanMs)),
      '—',
      null,
    ],
  ];
}

runWhenMain(import.meta.url, async () => {
  const loadAtStart = os.loadavg()[0]!.toFixed(1);
  const result = await benchData();
  // the machines are shared: the figures mean little without the load they met
  console.log(
    `load average ${loadAtStart} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end, ${os.cpus().length} cores (${os.cpus()[0]?.model})`,
  );
  console.log(JSON.stringify(result, null, 2));
  for (const row of dataRows(result)) console.log(row.join(' | '));
});
