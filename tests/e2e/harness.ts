/**
 * The e2e harness: the BUILT extension (.output/chrome-mv3) in real Chromium, with fixture pages
 * served over local HTTPS at the real webmail hostnames, so the manifest's match patterns fire as
 * they do for a user. Used by tests/e2e/*.test.ts and by scripts/demo.ts (one copy of the flags,
 * the server and the guards).
 *
 * - The fixture server listens on 127.0.0.1 on a free high port with a certificate made at run
 *   time (the `selfsigned` library: no key material in the repo, no openssl needed).
 * - Chromium's `--host-resolver-rules` maps `<host>:443` of the mail hosts to that port; every
 *   other name resolves to nothing (`MAP * ~NOTFOUND`), so even a missed guard cannot reach out.
 * - The network guard records every request of pages, frames and the extension's service worker
 *   (Playwright reports service-worker requests on Chromium by default since 1.5x), and
 *   `assertNoExternalRequests()` fails on anything but our fixture hosts and the extension itself.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { generate as generateCertificate } from 'selfsigned';
import { DATABASE_NAME } from '@/lib/store/schema-history';
import { ALL_HOSTNAMES } from '@/lib/vocabulary/hosts';

/** The hosts our manifest matches (lib/vocabulary/hosts.ts: mail and calendars); the only names we map. */
export const FIXTURE_HOSTS = ALL_HOSTNAMES;
export type FixtureHost = (typeof FIXTURE_HOSTS)[number];

const REPO_ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(REPO_ROOT, '.output/chrome-mv3');
export { DATABASE_NAME };

/* ------------------------------------------------------------------------------------------ */
/* A self-signed certificate, made at run time                                                 */
/* ------------------------------------------------------------------------------------------ */
// `selfsigned` (pinned in package.json) writes the X.509; no key material is kept in the repo.
// Chromium runs with --ignore-certificate-errors and Firefox with acceptInsecureCerts, but the
// certificate is still a correct one (SANs for every fixture host) so a curl or a browser without
// the override shows a plain "untrusted issuer" instead of a malformed-certificate error.

/** The certificate's subject (the Chromium smoke test reads it back from the TLS connection). */
const TEST_CERTIFICATE_NAME = 'Gemeenteradar e2e fixtures (test only)';

export interface TestCertificate {
  key: string;
  cert: string;
}

/** A fresh EC P-256 key and a self-signed certificate for the fixture hosts (test-only). */
export async function createTestCertificate(hosts: readonly string[] = FIXTURE_HOSTS): Promise<TestCertificate> {
  const now = Date.now();
  const pems = await generateCertificate([{ name: 'commonName', value: TEST_CERTIFICATE_NAME }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + 7 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [...hosts.map((host) => ({ type: 2 as const, value: host })), { type: 7 as const, ip: '127.0.0.1' }],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/* ------------------------------------------------------------------------------------------ */
/* The fixture server                                                                          */
/* ------------------------------------------------------------------------------------------ */

/** What a route answers: an HTML string, a file on disk, or a full response. */
export type FixtureResponse =
  | string
  | { file: string; contentType?: string }
  | { body: string | Buffer; contentType?: string; status?: number; headers?: Record<string, string> };

/**
 * Routes by path (`/mail/u/0/`, any fixture host) or by host and path
 * (`outlook.office.com/mail/`), host-specific first. Only the path is matched: the query is
 * ignored and the hash is never sent (Gmail's `#inbox/<id>` views are one page).
 */
export type FixtureRoutes = Record<string, FixtureResponse>;

export interface RecordedServerRequest {
  method: string;
  /** the Host header, without the port: which name Chromium thought it was talking to */
  host: string;
  path: string;
  status: number;
  userAgent: string;
}

export interface FixtureServer {
  port: number;
  /** every request the server got, in order */
  requests: RecordedServerRequest[];
  /** add or replace a route while running */
  setRoute(key: string, response: FixtureResponse): void;
  /** requests that did not come through a fixture host or that hit no route */
  unexpectedRequests(): RecordedServerRequest[];
  close(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const NO_FAVICON: FixtureResponse = { body: '', status: 204, contentType: 'image/x-icon' };

function respond(response: FixtureResponse, res: ServerResponse): void {
  if (typeof response === 'string') {
    res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'], 'cache-control': 'no-store' });
    res.end(response);
  } else if ('file' in response) {
    const contentType = response.contentType ?? CONTENT_TYPES[extname(response.file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
    res.end(readFileSync(response.file));
  } else {
    res.writeHead(response.status ?? 200, {
      'content-type': response.contentType ?? CONTENT_TYPES['.html'],
      'cache-control': 'no-store',
      ...response.headers,
    });
    res.end(response.body);
  }
}

/** An HTTPS server on 127.0.0.1 (free port) that serves the routes and records every request. */
export async function startFixtureServer({ routes = {} }: { routes?: FixtureRoutes } = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedServerRequest[] = [];
  const server: Server = createServer(await createTestCertificate(), (req: IncomingMessage, res: ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const path = new URL(req.url ?? '/', 'https://fixture.invalid').pathname;
    // Browsers ask every origin for a favicon; an empty answer keeps 404s out of the console.
    const response = table.get(`${host}${path}`) ?? table.get(path) ?? (path === '/favicon.ico' ? NO_FAVICON : undefined);
    const record: RecordedServerRequest = {
      method: req.method ?? 'GET',
      host,
      path: req.url ?? '/',
      status: 0,
      userAgent: req.headers['user-agent'] ?? '',
    };
    requests.push(record);
    try {
      if (response) respond(response, res);
      else {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(`no fixture route for ${host}${path}`);
      }
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(error));
    }
    record.status = res.statusCode;
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const fixtureHosts: readonly string[] = FIXTURE_HOSTS;
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    setRoute: (key, response) => void table.set(key, response),
    unexpectedRequests: () => requests.filter((request) => !fixtureHosts.includes(request.host) || request.status === 404),
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Chromium                                                                                    */
/* ------------------------------------------------------------------------------------------ */

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** CHROMIUM_PATH, else Debian's /usr/bin/chromium, else /usr/bin/chromium-browser; never skips. */
export function findChromium(): string {
  const install = 'Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH to a Chromium binary).';
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist. ${install}`);
    return fromEnv;
  }
  const found = CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new Error(
    `The e2e tests need Chromium and found none (tried CHROMIUM_PATH, ${CHROMIUM_CANDIDATES.join(', ')}). ${install}`,
  );
}

/** Quiet, sandbox-free Chromium for containers and CI (no GPU, no background traffic). */
export const CHROMIUM_BASE_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The flags of every extension launch. The mail hosts (and nothing else) resolve to the fixture
 * server; `host:443` maps to the server's high port, so the page URL stays
 * https://mail.google.com/... (no port) and the manifest's match patterns see the real origin.
 *
 * The extension itself is not on the command line: launchExtension loads it over CDP
 * (`Extensions.loadUnpacked`, allowed by `--enable-unsafe-extension-debugging`) once the network
 * guard listens, so requests its service worker makes while starting are seen too. Neither
 * `--load-extension` nor `--disable-extensions-except=<dir>` is used: the latter also loads <dir>
 * at startup, before the guard, and the CDP load then starts a second worker that replaces the
 * first (a test holding the first one sees "Service worker restarted").
 */
export function chromiumArgs({ port }: { port: number }): string[] {
  const rules = [...FIXTURE_HOSTS.map((host) => `MAP ${host}:443 127.0.0.1:${port}`), 'MAP * ~NOTFOUND'];
  return [
    ...CHROMIUM_BASE_FLAGS,
    `--host-resolver-rules=${rules.join(', ')}`,
    '--ignore-certificate-errors',
    '--enable-unsafe-extension-debugging',
  ];
}

/* ------------------------------------------------------------------------------------------ */
/* The extension in Chromium, with its guards                                                  */
/* ------------------------------------------------------------------------------------------ */

export interface RecordedBrowserRequest {
  url: string;
  method: string;
  resourceType: string;
  /** `service-worker` for the extension's background, else the URL of the frame that asked */
  origin: 'service-worker' | string;
}

export interface PageProblem {
  kind: 'console' | 'pageerror';
  /** the page (or worker) URL it came from */
  source: string;
  text: string;
}

export interface SeenDialog {
  type: string;
  message: string;
  pageUrl: string;
}

export interface LaunchOptions {
  /** the fixture server the mail hosts resolve to; its own log is checked by the guard too */
  server: FixtureServer;
  /** default true; the demo passes false when a display is available */
  headless?: boolean;
  extensionDir?: string;
  viewport?: { width: number; height: number } | null;
  /** the browser's UI language; Dutch, the product's default, unless a test says otherwise */
  locale?: string;
  /** more Chromium flags (a benchmark's --enable-precise-memory-info) */
  extraArgs?: readonly string[];
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** every request of pages, frames and the service worker, in order */
  requests: RecordedBrowserRequest[];
  /** console errors and uncaught page errors, of pages and workers */
  problems: PageProblem[];
  /** every alert/confirm/prompt/beforeunload; each is dismissed */
  dialogs: SeenDialog[];
  /** opens `chrome-extension://<id>/<path>` in a new tab, e.g. `popup.html` */
  openExtensionPage(path: string): Promise<Page>;
  /**
   * The names of this extension's content-script worlds in the page's main frame, waiting up to
   * `timeoutMs` for at least one (content scripts run at document_idle, after `load`). Chromium
   * creates such a world only when it injects one of our content scripts: proof that the
   * manifest's match patterns fired, independent of what the script then does.
   */
  contentScriptWorlds(page: Page, timeoutMs?: number): Promise<string[]>;
  /** the console errors and page errors of one page */
  problemsOf(page: Page): PageProblem[];
  /** throws, listing them, when any request left for something other than fixtures or the extension */
  assertNoExternalRequests(): void;
  close(): Promise<void>;
}

export interface BuiltManifest {
  name: string;
  version: string;
  background?: { service_worker?: string };
  action?: { default_popup?: string };
  content_scripts?: { matches: string[]; js?: string[]; run_at?: string }[];
  host_permissions?: string[];
}

/** The manifest WXT wrote, as Chromium will read it. */
export function readBuiltManifest(extensionDir = EXTENSION_DIR): BuiltManifest {
  assertExtensionBuilt(extensionDir);
  return JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as BuiltManifest;
}

/** Whether a manifest match pattern (`https://host/*` style) covers `url`. */
export function matchPatternCovers(pattern: string, url: string): boolean {
  if (pattern === '<all_urls>') return /^(https?|file|ftp):/.test(url);
  const match = /^(\*|https?|wss?|file|ftp):\/\/(\*|(?:\*\.)?[^/*]+)?(\/.*)$/.exec(pattern);
  if (!match) return false;
  const [, scheme, host = '', path = '/'] = match;
  const target = new URL(url);
  const targetScheme = target.protocol.slice(0, -1);
  if (scheme === '*' ? !['http', 'https'].includes(targetScheme) : scheme !== targetScheme) return false;
  const hostOk =
    host === '*' ||
    host === target.hostname ||
    (host.startsWith('*.') && (target.hostname === host.slice(2) || target.hostname.endsWith(host.slice(1))));
  const pathPattern = new RegExp(
    `^${path
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return hostOk && pathPattern.test(target.pathname + target.search);
}

/** Fails with a clear message when the extension was not built; the test command builds first. */
export function assertExtensionBuilt(extensionDir = EXTENSION_DIR): void {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(
      `No built extension at ${extensionDir} (manifest.json missing). Build it first: ` +
        '`npx wxt build` (npm test and npm run test:e2e do this).',
    );
  }
}

function externalRequests(requests: RecordedBrowserRequest[], extensionId: string): string[] {
  const fixtureHosts: readonly string[] = FIXTURE_HOSTS;
  return requests.flatMap((request) => {
    const url = new URL(request.url);
    const ownExtension = url.protocol === 'chrome-extension:' && url.host === extensionId;
    const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:';
    const fixture = url.protocol === 'https:' && url.port === '' && fixtureHosts.includes(url.hostname);
    // The background never needs the network: even a request to a mail host is a leak there.
    const allowed = ownExtension || local || (fixture && request.origin !== 'service-worker');
    return allowed ? [] : [`${request.method} ${request.url} (${request.resourceType}, from ${request.origin})`];
  });
}

/**
 * Launches Chromium in a fresh temporary profile, wires the guards (requests, console errors, page
 * errors, dialogs) to every page and worker, then loads the built extension and waits for its
 * service worker.
 */
export async function launchExtension({
  server,
  headless = true,
  extensionDir = EXTENSION_DIR,
  viewport = { width: 1280, height: 800 },
  locale = 'nl-NL',
  extraArgs = [],
}: LaunchOptions): Promise<LaunchedExtension> {
  assertExtensionBuilt(extensionDir);
  const executablePath = findChromium();
  const profileDir = mkdtempSync(join(tmpdir(), 'gemeenteradar-e2e-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless,
    viewport,
    locale,
    // Playwright's default --disable-extensions would keep our worker from ever starting.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [...chromiumArgs({ port: server.port }), `--lang=${locale}`, ...extraArgs],
  });

  const requests: RecordedBrowserRequest[] = [];
  const problems: PageProblem[] = [];
  const dialogs: SeenDialog[] = [];
  const problemsByPage = new Map<Page, PageProblem[]>();

  context.on('request', (request) => {
    let origin: string;
    if (request.serviceWorker()) origin = 'service-worker';
    else {
      try {
        origin = request.frame().url() || 'frame';
      } catch {
        origin = 'unknown';
      }
    }
    requests.push({ url: request.url(), method: request.method(), resourceType: request.resourceType(), origin });
  });
  const remember = (page: Page | null, problem: PageProblem) => {
    problems.push(problem);
    if (page) problemsByPage.set(page, [...(problemsByPage.get(page) ?? []), problem]);
  };
  context.on('console', (message) => {
    if (message.type() !== 'error') return;
    const page = message.page();
    remember(page, { kind: 'console', source: page?.url() ?? message.worker()?.url() ?? '?', text: message.text() });
  });
  context.on('weberror', (webError) => {
    const page = webError.page();
    remember(page, { kind: 'pageerror', source: page?.url() ?? '?', text: String(webError.error()) });
  });
  const watchPage = (page: Page) => {
    page.on('dialog', (dialog) => {
      dialogs.push({ type: dialog.type(), message: dialog.message(), pageUrl: page.url() });
      dialog.dismiss().catch(() => {});
    });
    // WebSockets are not in the 'request' event; they are requests all the same.
    page.on('websocket', (socket) =>
      requests.push({ url: socket.url(), method: 'WEBSOCKET', resourceType: 'websocket', origin: page.url() }),
    );
  };
  context.pages().forEach(watchPage);
  context.on('page', watchPage);

  const closeAll = async () => {
    await context.close().catch(() => {});
    rmSync(profileDir, { recursive: true, force: true });
  };
  let serviceWorker: Worker;
  let extensionId: string;
  try {
    const workerStarted = context.waitForEvent('serviceworker', {
      predicate: (worker) => worker.url().startsWith('chrome-extension://'),
      timeout: 15_000,
    });
    workerStarted.catch(() => {}); // awaited below; not an unhandled rejection if loading fails first
    const browserSession = await context.browser()!.newBrowserCDPSession();
    ({ id: extensionId } = await browserSession.send('Extensions.loadUnpacked', { path: extensionDir }));
    await browserSession.detach();
    serviceWorker =
      context.serviceWorkers().find((worker) => worker.url().startsWith(`chrome-extension://${extensionId}/`)) ??
      (await workerStarted);
  } catch (error) {
    await closeAll();
    throw new Error(`Could not load ${extensionDir} or start its service worker (a valid MV3 build?): ${error}`);
  }

  return {
    context,
    extensionId,
    serviceWorker,
    requests,
    problems,
    dialogs,
    async openExtensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    },
    async contentScriptWorlds(page, timeoutMs = 5_000) {
      const session = await context.newCDPSession(page);
      const worlds = new Map<number, { name: string; origin: string; frameId: string }>();
      session.on('Runtime.executionContextCreated', ({ context: created }) => {
        const auxData = created.auxData as { frameId?: string } | undefined;
        worlds.set(created.id, { name: created.name, origin: created.origin, frameId: auxData?.frameId ?? '' });
      });
      session.on('Runtime.executionContextDestroyed', ({ executionContextId }) => worlds.delete(executionContextId));
      try {
        const { frameTree } = await session.send('Page.getFrameTree');
        await session.send('Runtime.enable'); // reports every existing context first
        const ours = () =>
          [...worlds.values()]
            .filter((world) => world.origin === `chrome-extension://${extensionId}` && world.frameId === frameTree.frame.id)
            .map((world) => world.name);
        const deadline = Date.now() + timeoutMs;
        while (ours().length === 0 && Date.now() < deadline) await page.waitForTimeout(50);
        return ours();
      } finally {
        await session.detach().catch(() => {});
      }
    },
    problemsOf: (page) => problemsByPage.get(page) ?? [],
    assertNoExternalRequests() {
      const leaks = externalRequests(requests, extensionId);
      const serverSurprises = server
        .unexpectedRequests()
        .map((request) => `${request.method} ${request.host}${request.path} -> ${request.status} (at the fixture server)`);
      if (leaks.length + serverSurprises.length > 0) {
        throw new Error(`Unexpected network requests:\n  ${[...leaks, ...serverSurprises].join('\n  ')}`);
      }
    },
    close: closeAll,
  };
}

/* ------------------------------------------------------------------------------------------ */
/* The extension's IndexedDB, read from one of its own pages                                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * What a single-page webmail does on navigation (Gmail when a row is clicked, or back to the
 * list): the view is swapped in place and the hash changes; the page never loads again.
 */
export async function navigateInApp(page: Page, html: string, hash: string): Promise<void> {
  await page.evaluate(swapViewInPage, [html, hash] as const);
}

/** navigateInApp's part that runs in the page (self-contained: the Firefox harness sends it too). */
export function swapViewInPage([nextHtml, nextHash]: readonly [string, string]): void {
  const next = new DOMParser().parseFromString(nextHtml, 'text/html');
  document.title = next.title;
  document.body.replaceWith(document.adoptNode(next.body));
  location.hash = nextHash;
}

/**
 * For a describe block: the fixture server with `routes` and the built extension, started before
 * its tests and closed after them, and after each test the check that nothing reached the network.
 * The fields of the returned object are set by the time the block's tests run.
 */
export function useExtension(
  routes: FixtureRoutes,
  options: Omit<LaunchOptions, 'server'> = {},
): { server: FixtureServer; extension: LaunchedExtension } {
  const launched = {} as { server: FixtureServer; extension: LaunchedExtension };
  beforeAll(async () => {
    launched.server = await startFixtureServer({ routes });
    launched.extension = await launchExtension({ ...options, server: launched.server });
  });
  afterAll(async () => {
    await launched.extension?.close();
    await launched.server?.close();
  });
  afterEach(() => launched.extension.assertNoExternalRequests());
  return launched;
}

/**
 * All records of one object store of the extension's database, read with the raw IndexedDB API
 * inside an extension page (`page` must be a chrome-extension:// page). Opened without a version so
 * we never upgrade it; a database that does not exist yet reads as empty (and is not created); a
 * store that does not exist in an existing database is an error (a typo must not read as "empty").
 */
export async function readStore<T = Record<string, unknown>>(page: Page, tableName: string): Promise<T[]> {
  if (!page.url().startsWith('chrome-extension://')) {
    throw new Error(`readStore needs an extension page (e.g. popup.html), got ${page.url()}`);
  }
  return page.evaluate(readStoreInPage, { databaseName: DATABASE_NAME, storeName: tableName }) as Promise<T[]>;
}

/** readStore's part that runs in the extension page (self-contained: the Firefox harness sends it too). */
export async function readStoreInPage({
  databaseName,
  storeName,
}: {
  databaseName: string;
  storeName: string;
}): Promise<unknown[]> {
  const known = await indexedDB.databases();
  if (!known.some((database) => database.name === databaseName)) return [];
  return new Promise<unknown[]>((resolveRead, rejectRead) => {
    const request = indexedDB.open(databaseName);
    // Only fires when the database vanished in between: never create it from a test.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => rejectRead(new Error(`cannot open ${databaseName}: ${request.error}`));
    request.onsuccess = () => {
      const database = request.result;
      if (!database.objectStoreNames.contains(storeName)) {
        const stores = [...database.objectStoreNames].join(', ');
        database.close();
        rejectRead(new Error(`${databaseName} has no store "${storeName}" (stores: ${stores})`));
        return;
      }
      const read = database.transaction(storeName, 'readonly').objectStore(storeName).getAll();
      read.onsuccess = () => {
        database.close(); // never hold a connection that would block the background's upgrades
        resolveRead(read.result);
      };
      read.onerror = () => {
        database.close();
        rejectRead(new Error(`cannot read ${storeName}: ${read.error}`));
      };
    };
  });
}

/** Polls `readStore` until `predicate` holds for the records; the error shows what was there. */
export async function waitForStore<T = Record<string, unknown>>(
  page: Page,
  tableName: string,
  predicate: (records: T[]) => boolean,
  timeoutMs = 10_000,
): Promise<T[]> {
  return pollRecords(() => readStore<T>(page, tableName), tableName, predicate, timeoutMs);
}

/** Calls `read` until `predicate` holds for the records; the error shows what was there. */
export async function pollRecords<T>(
  read: () => Promise<T[]>,
  tableName: string,
  predicate: (records: T[]) => boolean,
  timeoutMs: number,
): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  let records: T[] = [];
  for (;;) {
    records = await read();
    if (predicate(records)) return records;
    if (Date.now() > deadline) break;
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  const shown = JSON.stringify(records).slice(0, 2000);
  throw new Error(`waitForStore(${tableName}) timed out after ${timeoutMs} ms; ${records.length} records: ${shown}`);
}
