/**
 * Popup first render with a large store: 342 municipalities, 5,000 contacts, 100,000 interactions
 * (messages) and their threads, tags and latency records, in the BUILT extension in Chromium.
 * Measures, per cold open of popup.html, the time from navigation start until the municipality
 * list is in the DOM (the first meaningful paint: the user sees their municipalities).
 */
import { bundleForBrowser, median } from './browser';
import { launchExtension, startFixtureServer } from '../e2e/harness';

export async function benchPopup({ runs = 7 } = {}) {
  const server = await startFixtureServer();
  const extension = await launchExtension({ server });
  try {
    const seedScript = await bundleForBrowser('tests/bench/popup-seed-entry.ts');
    const seeder = await extension.openExtensionPage('popup.html');
    // page.evaluate runs through the debugger protocol: the extension page's CSP does not apply
    await seeder.evaluate(seedScript);
    const seeded = await seeder.evaluate(() =>
      (globalThis as unknown as { seedPopupStore: (o: object) => Promise<Record<string, number>> }).seedPopupStore({
        contacts: 5_000,
        interactions: 100_000,
        now: Date.now(),
      }),
    );
    await seeder.close();

    const timings: number[] = [];
    const shellTimings: number[] = [];
    let rows = 0;
    for (let run = 0; run < runs; run++) {
      const page = await extension.context.newPage();
      await page.addInitScript(() => {
        new MutationObserver((_, observer) => {
          const marks = globalThis as { __listAt?: number; __shellAt?: number };
          // the React shell rendered (its loading state): what the code itself costs
          if (marks.__shellAt === undefined && document.querySelector('main.popup')) marks.__shellAt = performance.now();
          if (document.querySelector('.municipality-list li')) {
            marks.__listAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      await page.goto(`chrome-extension://${extension.extensionId}/popup.html`);
      await page.waitForFunction(() => (globalThis as { __listAt?: number }).__listAt !== undefined, null, { timeout: 30_000 });
      timings.push(await page.evaluate(() => (globalThis as { __listAt?: number }).__listAt!));
      shellTimings.push(await page.evaluate(() => (globalThis as { __shellAt?: number }).__shellAt ?? Number.NaN));
      rows = await page.locator('.municipality-list > li').count();
      await page.close();
    }
    extension.assertNoExternalRequests();
    return {
      seeded,
      municipalitiesShown: rows,
      medianMs: Math.round(median(timings)),
      shellMedianMs: Math.round(median(shellTimings)),
      runsMs: timings.map(Math.round),
    };
  } finally {
    await extension.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchPopup(), null, 2));
}
