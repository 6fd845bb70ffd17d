/**
 * Renders the toolbar and store icons from their SVG sources (assets/icon/*.svg) into the PNG
 * sizes browsers ask for (public/icon/<name>-<size>.png): `npm run icons`. The PNGs are committed,
 * so a build needs no browser; run this after changing a drawing. Chromium draws them (the system
 * one, found as the e2e tests find it), at each size on its own so small sizes stay crisp.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_BASE_FLAGS, findChromium } from '../tests/e2e/harness';
import { ICON_SIZES } from '../lib/vocabulary/icons';

const ROOT = path.resolve(import.meta.dirname, '..');
const DRAWINGS = ['icon', 'icon-quiet'] as const;

async function main() {
  const browser = await chromium.launch({ executablePath: findChromium(), headless: true, args: [...CHROMIUM_BASE_FLAGS] });
  const outputDir = path.join(ROOT, 'public/icon');
  mkdirSync(outputDir, { recursive: true });
  try {
    for (const drawing of DRAWINGS) {
      const svg = readFileSync(path.join(ROOT, 'assets/icon', `${drawing}.svg`), 'utf8');
      for (const size of ICON_SIZES) {
        const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
        await page.setContent(
          `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
        );
        const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
        writeFileSync(path.join(outputDir, `${drawing}-${size}.png`), png);
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`rendered ${DRAWINGS.length * ICON_SIZES.length} icons into public/icon`);
}

await main();
