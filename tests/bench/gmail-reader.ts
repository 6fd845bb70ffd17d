/**
 * Runs the Gmail reader benchmark on its own: `npx tsx tests/bench/gmail-reader.ts`.
 * Launches the system Chromium headless and prints the figures of benchGmailReaders and
 * benchGmailReadsAfterChange.
 */
import os from 'node:os';
import { benchGmailReaders, benchGmailReadsAfterChange } from './gmail-readers';
import { launchBenchBrowser } from './browser';

async function main(): Promise<void> {
  const browser = await launchBenchBrowser();
  try {
    const page = await browser.newPage();
    console.log(
      `Chromium ${browser.version()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), ` +
        `load average ${os
          .loadavg()
          .map((load) => load.toFixed(1))
          .join(' ')}`,
    );
    for (const result of await benchGmailReaders(page)) {
      const verdict = result.medianMs < 2 ? 'ok' : 'OVER 2 ms';
      console.log(
        `${result.name.padEnd(52)} median ${result.medianMs.toFixed(3)} ms  p95 ${result.p95Ms.toFixed(3)} ms  ` +
          `(${result.runs} samples of 5 reads; ${result.threads} threads, ${result.messages} messages, ${result.status})  ${verdict}`,
      );
    }
    for (const result of await benchGmailReadsAfterChange(page)) {
      console.log(
        `${result.name}, read right after a change (${result.change === 'row' ? 'one row' : 'the whole page'}): ` +
          `${result.readMs.toFixed(3)} ms, ${result.recalcsPerRead} style recalculations a read; ` +
          `with checkVisibility first: ${result.readWithCheckMs.toFixed(3)} ms, ${result.recalcsPerReadWithCheck} a read ` +
          `(${result.reads} reads; ${result.threads} threads, ${result.messages} messages)`,
      );
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
