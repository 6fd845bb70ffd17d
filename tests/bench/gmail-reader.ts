/**
 * Runs the Gmail reader benchmark on its own: `npx tsx tests/bench/gmail-reader.ts`.
 * Launches the system Chromium headless and prints the figures of benchGmailReaders.
 */
import os from 'node:os';
import { benchGmailReaders } from './gmail-readers';
import { launchBenchBrowser } from './browser';

async function main(): Promise<void> {
  const browser = await launchBenchBrowser();
  try {
    const page = await browser.newPage();
    const results = await benchGmailReaders(page);
    console.log(`Chromium ${browser.version()}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'})`);
    for (const result of results) {
      const verdict = result.medianMs < 2 ? 'ok' : 'OVER 2 ms';
      console.log(
        `${result.name.padEnd(52)} median ${result.medianMs.toFixed(3)} ms  p95 ${result.p95Ms.toFixed(3)} ms  ` +
          `(${result.runs} samples of 5 reads; ${result.threads} threads, ${result.messages} messages, ${result.status})  ${verdict}`,
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
