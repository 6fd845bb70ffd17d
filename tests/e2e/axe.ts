/**
 * axe-core in the e2e tier: its source (the exact version pinned in package.json, read from
 * node_modules, so it runs offline) is put into a page with playwright-core and run there against
 * the whole document. A test fails on any violation; the message lists each rule with the
 * elements it found, so the report says what to fix.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** the CSS selectors of the offending elements, first few */
  targets: string[];
}

interface AxeResultsInPage {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe on the page's document (WCAG 2.0-2.2 A/AA and best practices) and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  // extension pages forbid inline scripts by CSP; evaluate runs in the page's main world regardless
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = (await page.evaluate(() =>
    (window as unknown as { axe: { run(context: Document, options: object): Promise<unknown> } }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      resultTypes: ['violations'],
    }),
  )) as AxeResultsInPage;
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact ?? null,
    help: violation.help,
    targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
  }));
}

/** One line per violation, for a failing assertion's message and for the report. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((violation) => `${violation.id} (${violation.impact ?? '?'}): ${violation.help} -> ${violation.targets.join(' | ')}`)
    .join('\n');
}

/** Fails with the list of violations when axe finds any on the page as it is now. */
export async function expectNoAxeViolations(page: Page, surface: string): Promise<void> {
  const violations = await axeViolations(page);
  expect(violations, `${surface}:\n${describeViolations(violations)}`).toEqual([]);
}
