/**
 * Smoke test of the BUILT extension in real Chromium: it loads, its service worker starts, a page
 * at https://mail.google.com/mail/u/0/ really comes from our fixture server (host-resolver rules +
 * TLS override), the content script the manifest declares for Gmail runs there and has its effect
 * (the background records the reader's status), the popup renders, and nothing reaches the network.
 *
 * One Chromium for the file (launching is the slow part, the machines have two cores); each test
 * opens its own pages, and every test ends with the network guard.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '@/lib/i18n/messages';
import { renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO } from '../fixtures/scenario';
import {
  EXTENSION_DIR,
  launchExtension,
  matchPatternCovers,
  readBuiltManifest,
  readStore,
  startFixtureServer,
  waitForStore,
  type FixtureServer,
  type LaunchedExtension,
} from './harness';

const GMAIL_URL = 'https://mail.google.com/mail/u/0/';
const REPO_ROOT = join(import.meta.dirname, '../..');

// The demo mailbox's inbox as Gmail renders it; its subjects include hostile markup, so a
// content script that ever rendered mail text as HTML would raise a dialog here.
const GMAIL_INBOX = renderGmail(DEMO_SCENARIO, { view: 'list' });

/** The bit of the worker's `chrome` global the test reads (the test runs in node, not the worker). */
type ExtensionGlobal = { chrome: { runtime: { getManifest(): { version: string } } } };

/** Content-script sources for Gmail in entrypoints/ (WXT: `gmail.content.ts` or `gmail.content/`). */
function gmailContentScriptSources(): string[] {
  return readdirSync(join(REPO_ROOT, 'entrypoints')).filter((name) => /^gmail\.content(\.tsx?|$)/.test(name));
}

describe('the built extension in Chromium', () => {
  let server: FixtureServer;
  let extension: LaunchedExtension;

  beforeAll(async () => {
    server = await startFixtureServer({ routes: { '/mail/u/0/': GMAIL_INBOX } });
    extension = await launchExtension({ server });
  });
  afterAll(async () => {
    await extension?.close();
    await server?.close();
  });
  afterEach(() => extension.assertNoExternalRequests());

  it('loads and starts its service worker', async () => {
    const manifest = readBuiltManifest();
    expect(extension.extensionId).toMatch(/^[a-p]{32}$/);
    expect(extension.serviceWorker.url()).toBe(
      `chrome-extension://${extension.extensionId}/${manifest.background?.service_worker}`,
    );
    // Evaluated in the worker itself: it runs, and it is the build we just made.
    const runningVersion = await extension.serviceWorker.evaluate(
      () => (globalThis as unknown as ExtensionGlobal).chrome.runtime.getManifest().version,
    );
    expect(runningVersion).toBe(manifest.version);
    expect(extension.problems.filter((problem) => problem.source === extension.serviceWorker.url())).toEqual([]);
  });

  it('serves https://mail.google.com/mail/u/0/ from the fixture server, through the resolver rules and the TLS override', async () => {
    const page = await extension.context.newPage();
    const response = await page.goto(GMAIL_URL);
    expect(response?.status()).toBe(200);
    expect(page.url()).toBe(GMAIL_URL);
    expect(await page.evaluate(() => ({ origin: location.origin, secure: isSecureContext }))).toEqual({
      origin: 'https://mail.google.com',
      secure: true,
    });
    // The certificate is the one our server made: the page cannot have come from anywhere else.
    expect((await response?.securityDetails())?.subjectName).toBe('Gemeenteradar e2e fixtures (test only)');
    expect(server.requests).toContainEqual(
      expect.objectContaining({ method: 'GET', host: 'mail.google.com', path: '/mail/u/0/', status: 200 }),
    );
    expect(extension.problemsOf(page)).toEqual([]);
    await page.close();
  });

  it('runs the content script the manifest declares for mail.google.com', async () => {
    const declared = (readBuiltManifest().content_scripts ?? []).filter((script) =>
      script.matches.some((pattern) => matchPatternCovers(pattern, GMAIL_URL)),
    );
    const sources = gmailContentScriptSources();
    // A Gmail content script in the sources must be in the build, and only then may one run.
    expect(declared.length > 0, `entrypoints: [${sources}], manifest: ${JSON.stringify(declared)}`).toBe(sources.length > 0);

    const page = await extension.context.newPage();
    await page.goto(GMAIL_URL);
    const worlds = await extension.contentScriptWorlds(page, declared.length > 0 ? 10_000 : 1_000);
    if (declared.length === 0) {
      expect(worlds).toEqual([]);
      await page.close();
      return;
    }
    expect(worlds.length).toBeGreaterThan(0);
    // Its observable effect: it read the page and the background accepted what it sent (the
    // background records the reader's status for every batch, even for markup it cannot read).
    const popup = await extension.openExtensionPage('popup.html');
    const statuses = await waitForStore<{ host: string; status: string }>(
      popup,
      'readerStatus',
      (records) => records.some((record) => record.host === 'gmail'),
      15_000,
    ).catch(async (error: unknown) => {
      // Say why: a refused batch is counted by reason in `rejections`.
      throw new Error(`${error}\nrejections: ${JSON.stringify(await readStore(popup, 'rejections'))}`);
    });
    expect(statuses.filter((status) => status.host === 'gmail').length).toBeGreaterThan(0);
    expect(await readStore(popup, 'rejections')).toEqual([]);
    expect(extension.problemsOf(page)).toEqual([]);
    expect(extension.dialogs).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('opens the popup and renders it', async () => {
    const popupPath = readBuiltManifest().action?.default_popup;
    expect(popupPath).toBeTruthy();
    const popup = await extension.openExtensionPage(popupPath!);
    const heading = popup.getByRole('heading', { level: 1 });
    await heading.waitFor({ state: 'visible', timeout: 10_000 });
    // The title shows only once the data loaded (loading and load-error states have no heading).
    // launchExtension runs Chromium in Dutch, the product's default language.
    expect((await heading.textContent())?.trim()).toBe(MESSAGES.nl.popupTitle);
    expect(extension.problemsOf(popup)).toEqual([]);
    await popup.close();
  });
});

describe('the harness guards', () => {
  it('catches a request to any other host, a service-worker request, a stray path, and a dialog', async () => {
    const server = await startFixtureServer({
      routes: {
        '/mail/u/0/': `<!doctype html><title>hostile</title>
          <script>alert('subject <img src=x onerror=alert(1)>'); fetch('https://tracker.example/pixel').catch(() => {});</script>
          <img src="/not-a-fixture.png">`,
      },
    });
    const extension = await launchExtension({ server });
    try {
      const page = await extension.context.newPage();
      await page.goto(GMAIL_URL);
      await page.waitForLoadState('networkidle');
      // The worker is driven from the test (it has no such code): shows its requests are seen.
      await extension.serviceWorker.evaluate(() => fetch('https://mail.google.com/from-the-worker').catch(() => null));
      await expect.poll(() => server.requests.some((request) => request.path === '/from-the-worker')).toBe(true);

      expect(extension.dialogs).toEqual([{ type: 'alert', message: 'subject <img src=x onerror=alert(1)>', pageUrl: GMAIL_URL }]);
      let report = '';
      try {
        extension.assertNoExternalRequests();
      } catch (error) {
        report = String(error);
      }
      expect(report).toContain('GET https://tracker.example/pixel');
      expect(report).toContain('GET https://mail.google.com/from-the-worker (fetch, from service-worker)');
      expect(report).toContain('GET mail.google.com/not-a-fixture.png -> 404 (at the fixture server)');
      expect(report).not.toContain('/mail/u/0/ ');
    } finally {
      await extension.close();
      await server.close();
    }
  });

  it('catches requests a service worker makes while it starts', async () => {
    // A throw-away extension whose worker fetches at its first line: the real one must never do
    // this, and the guard must be listening before any extension code runs to see it.
    const probeDir = mkdtempSync(join(tmpdir(), 'gemeenteradar-probe-'));
    writeFileSync(
      join(probeDir, 'manifest.json'),
      JSON.stringify({ manifest_version: 3, name: 'probe', version: '1', background: { service_worker: 'worker.js' } }),
    );
    writeFileSync(join(probeDir, 'worker.js'), "fetch('https://startup.example/boot').catch(() => {});");
    const server = await startFixtureServer();
    const extension = await launchExtension({ server, extensionDir: probeDir });
    try {
      await expect.poll(() => extension.requests.map((request) => request.url)).toContain('https://startup.example/boot');
      expect(() => extension.assertNoExternalRequests()).toThrow('GET https://startup.example/boot (fetch, from service-worker)');
    } finally {
      await extension.close();
      await server.close();
      rmSync(probeDir, { recursive: true, force: true });
    }
  });

  it('fails clearly when the extension was not built', async () => {
    const server = await startFixtureServer();
    try {
      await expect(launchExtension({ server, extensionDir: join(EXTENSION_DIR, 'missing') })).rejects.toThrow(
        /No built extension at .*missing.*npx wxt build/,
      );
    } finally {
      await server.close();
    }
    expect(existsSync(join(EXTENSION_DIR, 'manifest.json'))).toBe(true);
  });
});
