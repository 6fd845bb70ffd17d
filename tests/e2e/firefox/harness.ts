/**
 * The Firefox e2e harness: the BUILT extension (.output/firefox-mv3) in Debian's firefox-esr,
 * driven over WebDriver BiDi by puppeteer-core, offline. The fixture server, the fixture pages and
 * the in-page helpers are the Chromium tier's (../harness.ts), at the same real webmail hostnames.
 *
 * - Host mapping: Firefox has no --host-resolver-rules, so its proxy prefs send every http(s)
 *   request to a local HTTP CONNECT proxy (startMailProxy). `CONNECT <mail host>:443` is tunnelled
 *   to the fixture server: TLS runs end to end between Firefox and the fixture server, and the
 *   page's URL and origin stay https://mail.google.com/..., so the manifest's match patterns fire as
 *   for a user. Anything else is refused (403) and recorded. Firefox resolves no name itself (an
 *   HTTP proxy gets the names), and MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 makes it refuse connections
 *   to any non-local address: a second wall should a pref be missed. The fixture certificate is
 *   accepted through the BiDi session's acceptInsecureCerts.
 * - The extension is installed temporarily over BiDi (webExtension.install) with a fixed internal
 *   UUID (pref extensions.webextensions.uuids), so its pages are moz-extension://<uuid>/...; BiDi
 *   navigates a tab there only when Firefox runs with --remote-allow-system-access.
 * - Guards, checked after every test by useFirefoxExtension: the proxy's log (requests of pages,
 *   extension pages and the background all pass through it) and the fixture server's 404s
 *   (`assertNoExternalRequests`); the errors of the extension's background, pages and content
 *   scripts, which Firefox prints on stdout/stderr with their moz-extension:// source
 *   (`assertNoExtensionErrors`); console errors and uncaught errors of each web page (`problemsOf`).
 * - Firefox's own services (remote settings, DNS prefetch, captive-portal checks...) are switched
 *   off by prefs: they would show in the proxy's log, and so fail the test, otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { BADGE_TAG } from '@/lib/content/inline-badges';
import {
  DATABASE_NAME,
  FIXTURE_HOSTS,
  pollRecords,
  readStoreInPage,
  startFixtureServer,
  swapViewInPage,
  type FixtureRoutes,
  type FixtureServer,
} from '../harness';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
export const FIREFOX_EXTENSION_DIR = join(REPO_ROOT, '.output/firefox-mv3');
/** The extension's internal UUID in the test profile: its pages are moz-extension://<this>/... */
export const EXTENSION_UUID = '5f0c3a4e-8b2d-4c71-9e6a-0d1f2b3c4d5e';

/* ------------------------------------------------------------------------------------------ */
/* Finding Firefox                                                                             */
/* ------------------------------------------------------------------------------------------ */

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];

/** FIREFOX_PATH, else Debian's /usr/bin/firefox-esr, else /usr/bin/firefox; never skips. */
export function findFirefox(env: NodeJS.ProcessEnv = process.env): string {
  const install = 'Install it with: apt-get update && apt-get install -y firefox-esr (or set FIREFOX_PATH to a Firefox binary).';
  const fromEnv = env.FIREFOX_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`FIREFOX_PATH=${fromEnv} does not exist. ${install}`);
    return fromEnv;
  }
  const found = FIREFOX_CANDIDATES.find((candidate) => existsSync(candidate));
  if (found) return found;
  throw new Error(
    `The Firefox e2e tests need Firefox ESR and found none (tried FIREFOX_PATH, ${FIREFOX_CANDIDATES.join(', ')}). ${install}`,
  );
}

/* ------------------------------------------------------------------------------------------ */
/* The proxy that maps the mail hosts to the fixture server                                    */
/* ------------------------------------------------------------------------------------------ */

export interface ProxyRequest {
  /** CONNECT for https and wss, else the plain-HTTP method */
  method: string;
  /** `host:port` of a CONNECT, else the absolute URL asked for */
  target: string;
  /** tunnelled to the fixture server, or refused */
  tunnelled: boolean;
}

export interface MailProxy {
  port: number;
  /** every request Firefox sent through the proxy, in order */
  requests: ProxyRequest[];
  refused(): ProxyRequest[];
  close(): Promise<void>;
}

/**
 * An HTTP proxy on 127.0.0.1 that tunnels `CONNECT <fixture host>:443` to the fixture server and
 * refuses everything else (403), recording every request.
 */
export async function startMailProxy(server: FixtureServer): Promise<MailProxy> {
  const requests: ProxyRequest[] = [];
  const sockets = new Set<Socket>();
  const fixtureTargets = new Set(FIXTURE_HOSTS.map((host) => `${host}:443`));
  const proxy: Server = createServer((req, res) => {
    // A plain-HTTP request (`GET http://host/...`): nothing of ours is plain HTTP.
    requests.push({ method: req.method ?? '?', target: req.url ?? '', tunnelled: false });
    res.writeHead(403, { 'content-type': 'text/plain' });
    res.end('refused by the e2e proxy: not a fixture host');
  });
  proxy.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    const target = (req.url ?? '').toLowerCase();
    const tunnelled = fixtureTargets.has(target);
    requests.push({ method: 'CONNECT', target, tunnelled });
    client.on('error', () => client.destroy());
    if (!tunnelled) {
      client.end('HTTP/1.1 403 Forbidden\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(server.port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    proxy.once('error', rejectListen);
    proxy.listen(0, '127.0.0.1', () => resolveListen());
  });
  return {
    port: (proxy.address() as AddressInfo).port,
    requests,
    refused: () => requests.filter((request) => !request.tunnelled),
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const socket of sockets) socket.destroy();
        proxy.close(() => resolveClose());
      }),
  };
}

/* ------------------------------------------------------------------------------------------ */
/* Firefox with the extension                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** The prefs of every launch: the proxy, no traffic of Firefox's own, Dutch, the fixed UUID. */
export function firefoxPrefs({ proxyPort, extensionId, locale }: { proxyPort: number; extensionId: string; locale: string }) {
  return {
    // every http(s) request through the mail proxy, localhost included (nothing bypasses it)
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    // no name lookups of Firefox's own
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.dns.disablePrefetchFromHTTPS': true,
    'network.predictor.enabled': false,
    'network.prefetch-next': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    // remote settings: honoured on a release build because MOZ_DISABLE_NONLOCAL_CONNECTIONS is set
    'services.settings.server': 'data:,#remote-settings-dummy/v1',
    // navigator.language, which the extension's UI language follows (Dutch, the default)
    'intl.accept_languages': locale,
    // console messages and errors of pages and of the extension on stdout/stderr (the error guard)
    'devtools.console.stdout.chrome': true,
    'devtools.console.stdout.content': true,
    'extensions.webextensions.uuids': JSON.stringify({ [extensionId]: EXTENSION_UUID }),
  };
}

interface GeckoManifest {
  manifest_version: number;
  version: string;
  browser_specific_settings?: { gecko?: { id?: string } };
  host_permissions?: string[];
  sidebar_action?: { default_panel?: string };
  content_scripts?: { matches: string[] }[];
}

export function readFirefoxManifest(extensionDir = FIREFOX_EXTENSION_DIR): GeckoManifest {
  const path = join(extensionDir, 'manifest.json');
  if (!existsSync(path)) {
    throw new Error(
      `No built Firefox extension at ${extensionDir} (manifest.json missing). Build it first: ` +
        '`npx wxt build -b firefox --mv3` (npm test and npm run test:e2e:firefox do this).',
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as GeckoManifest;
}

/** BiDi's serialization of a DOM node (closed shadow roots included, which page scripts cannot reach). */
interface NodeValue {
  type: 'node';
  sharedId: string;
  value: {
    nodeType: number;
    localName?: string;
    nodeValue?: string;
    attributes?: Record<string, string>;
    children?: NodeValue[];
    shadowRoot?: NodeValue | null;
    mode?: 'open' | 'closed';
  };
}
type RemoteValue = NodeValue | { type: string; value?: unknown };
interface EvaluateResult {
  type: 'success' | 'exception';
  result?: RemoteValue;
  exceptionDetails?: { text: string };
}

/** The raw BiDi connection puppeteer holds (not in its public types; the version is pinned). */
interface BidiConnection {
  send(method: string, params: object): Promise<{ result: unknown }>;
}
const bidiOf = (browser: Browser) => (browser as unknown as { connection: BidiConnection }).connection;
/** The BiDi browsing-context id of a page's main frame (puppeteer's frame id under BiDi). */
const contextOf = (page: Page) => (page.mainFrame() as unknown as { _id: string })._id;

/** What one inline badge shows: read through the BiDi serialization of its closed shadow root. */
export interface InlineBadge {
  /** the host's attributes: only ours, nothing about the contact */
  hostAttributes: string[];
  shadowMode: string | null;
  text: string;
  role: string | null;
  label: string | null;
  status: string | null;
  background: string;
  /** the address of the first person of the row it sits in */
  rowPerson: string | null;
}

export interface LaunchedFirefox {
  browser: Browser;
  /** the add-on id (manifest browser_specific_settings.gecko.id) */
  extensionId: string;
  /** moz-extension://<uuid>/ */
  extensionOrigin: string;
  proxy: MailProxy;
  /** how long Firefox took to start and install the extension, ms */
  launchMs: number;
  /** a new tab, watched for dialogs, console errors and page errors */
  newPage(): Promise<Page>;
  /** a new tab at moz-extension://<uuid>/<path>, loaded */
  openExtensionPage(path: string): Promise<Page>;
  readStore<T = Record<string, unknown>>(extensionPage: Page, tableName: string): Promise<T[]>;
  waitForStore<T = Record<string, unknown>>(
    extensionPage: Page,
    tableName: string,
    predicate: (records: T[]) => boolean,
    timeoutMs?: number,
  ): Promise<T[]>;
  /** whether the page's tab is still open (Firefox reports no close of moz-extension pages to puppeteer) */
  isTabOpen(page: Page): Promise<boolean>;
  /** the toolbar badge text, read with browser.action.getBadgeText from an extension page */
  toolbarBadge(extensionPage: Page): Promise<string>;
  /** the id of the tab showing `urlPattern` (tabs.query from an extension page) */
  tabIdOf(extensionPage: Page, urlPattern: string): Promise<number>;
  /** every inline badge in the page, its closed shadow root read through BiDi */
  inlineBadges(page: Page): Promise<InlineBadge[]>;
  /** navigateInApp of the Chromium harness: swap the view, change the hash */
  navigateInApp(page: Page, html: string, hash: string): Promise<void>;
  /** console errors and uncaught errors of one web page */
  problemsOf(page: Page): string[];
  /** every alert/confirm/prompt/beforeunload; each is dismissed */
  dialogs: { type: string; message: string }[];
  /** errors Firefox printed for the extension's background, pages and content scripts */
  extensionErrors(): string[];
  /** throws, listing them, when a request went anywhere but a fixture route */
  assertNoExternalRequests(): void;
  /** throws, listing them, when the extension logged errors */
  assertNoExtensionErrors(): void;
  close(): Promise<void>;
}

export interface FirefoxLaunchOptions {
  server: FixtureServer;
  extensionDir?: string;
  /** navigator.language; Dutch, the product's default */
  locale?: string;
  /** prefs a test needs on top of firefoxPrefs */
  extraPrefs?: Record<string, unknown>;
}

/** Lines of Firefox's console output that report an error from our extension's code. */
function extensionErrorLines(output: string): string[] {
  return output
    .split('\n')
    .filter(
      (line) => /^(JavaScript error|console\.error):/.test(line.trim()) && line.includes(`moz-extension://${EXTENSION_UUID}/`),
    );
}

/**
 * Starts the proxy, launches Firefox ESR headless in a fresh profile with the prefs above,
 * installs the built extension over BiDi and checks it got the fixed UUID.
 */
export async function launchFirefoxExtension({
  server,
  extensionDir = FIREFOX_EXTENSION_DIR,
  locale = 'nl-NL, nl',
  extraPrefs = {},
}: FirefoxLaunchOptions): Promise<LaunchedFirefox> {
  const manifest = readFirefoxManifest(extensionDir);
  const extensionId = manifest.browser_specific_settings?.gecko?.id;
  if (!extensionId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  const executablePath = findFirefox();
  const startedAt = Date.now();
  const proxy = await startMailProxy(server);
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1280, height: 800 },
      args: ['--remote-allow-system-access'],
      env: { ...process.env, MOZ_DISABLE_NONLOCAL_CONNECTIONS: '1' },
      extraPrefsFirefox: { ...firefoxPrefs({ proxyPort: proxy.port, extensionId, locale }), ...extraPrefs },
    });
  } catch (error) {
    await proxy.close();
    throw new Error(`Could not start ${executablePath} over WebDriver BiDi: ${error}`);
  }

  let consoleOutput = '';
  const collect = (chunk: Buffer | string) => void (consoleOutput += String(chunk));
  browser.process()?.stdout?.on('data', collect);
  browser.process()?.stderr?.on('data', collect);
  const dialogs: { type: string; message: string }[] = [];
  const problems = new Map<Page, string[]>();
  const extensionPages = new WeakSet<Page>();
  const closeAll = async () => {
    await browser.close().catch(() => {});
    await proxy.close();
  };

  try {
    const installed = await browser.installExtension(extensionDir);
    if (installed !== extensionId) throw new Error(`installed as ${installed}, expected ${extensionId}`);
  } catch (error) {
    await closeAll();
    throw new Error(`Could not install ${extensionDir} in Firefox (a valid MV3 build?): ${error}`);
  }
  const extensionOrigin = `moz-extension://${EXTENSION_UUID}/`;
  const bidi = bidiOf(browser);

  const newPage = async () => {
    const page = await browser.newPage();
    const own: string[] = [];
    problems.set(page, own);
    page.on('console', (message) => {
      if (message.type() === 'error') own.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => own.push(`pageerror: ${error}`));
    page.on('dialog', (dialog) => {
      dialogs.push({ type: dialog.type(), message: dialog.message() });
      void dialog.dismiss().catch(() => {});
    });
    return page;
  };

  const evaluateNode = async (page: Page, functionDeclaration: string, args: object[]): Promise<RemoteValue> => {
    const { result } = await bidi.send('script.callFunction', {
      functionDeclaration,
      arguments: args,
      target: { context: contextOf(page) },
      awaitPromise: false,
      serializationOptions: { maxDomDepth: 4, includeShadowTree: 'all' },
    });
    const evaluated = result as EvaluateResult;
    if (evaluated.type !== 'success' || !evaluated.result) throw new Error(`in the page: ${evaluated.exceptionDetails?.text}`);
    return evaluated.result;
  };

  const assertExtensionPage = (page: Page) => {
    if (!extensionPages.has(page)) throw new Error('needs a page opened with openExtensionPage (e.g. popup.html)');
  };

  async function readStore<T>(page: Page, tableName: string): Promise<T[]> {
    assertExtensionPage(page);
    return (await page.evaluate(readStoreInPage, { databaseName: DATABASE_NAME, storeName: tableName })) as T[];
  }

  return {
    browser,
    extensionId,
    extensionOrigin,
    proxy,
    launchMs: Date.now() - startedAt,
    dialogs,
    newPage,
    async openExtensionPage(path) {
      const page = await newPage();
      // puppeteer's own goto waits for load events Firefox does not send for moz-extension
      // documents; BiDi's navigate with wait 'complete' returns once the page has loaded.
      await bidi.send('browsingContext.navigate', {
        context: contextOf(page),
        url: `${extensionOrigin}${path.replace(/^\//, '')}`,
        wait: 'complete',
      });
      extensionPages.add(page);
      return page;
    },
    async isTabOpen(page) {
      const { result } = await bidi.send('browsingContext.getTree', { maxDepth: 0 });
      return (result as { contexts: { context: string }[] }).contexts.some((context) => context.context === contextOf(page));
    },
    readStore,
    async waitForStore<T>(page: Page, tableName: string, predicate: (records: T[]) => boolean, timeoutMs = 10_000) {
      return pollRecords(() => readStore<T>(page, tableName), tableName, predicate, timeoutMs);
    },
    async toolbarBadge(page) {
      assertExtensionPage(page);
      return page.evaluate(() =>
        (
          globalThis as unknown as { browser: { action: { getBadgeText(details: object): Promise<string> } } }
        ).browser.action.getBadgeText({}),
      );
    },
    async tabIdOf(page, urlPattern) {
      assertExtensionPage(page);
      const ids = await page.evaluate(async (url) => {
        type Tabs = { tabs: { query(query: object): Promise<{ id?: number }[]> } };
        const tabs = await (globalThis as unknown as { browser: Tabs }).browser.tabs.query({ url });
        return tabs.map((tab) => tab.id ?? -1);
      }, urlPattern);
      if (ids.length !== 1) throw new Error(`expected one tab at ${urlPattern}, found ${ids.length}`);
      return ids[0]!;
    },
    async inlineBadges(page) {
      const found = await evaluateNode(page, '(tag) => [...document.querySelectorAll(tag)]', [
        { type: 'string', value: BADGE_TAG },
      ]);
      const hosts = (found.value as NodeValue[] | undefined) ?? [];
      const badges: InlineBadge[] = [];
      for (const host of hosts) {
        const shadow = host.value.shadowRoot ?? null;
        const pill = shadow?.value.children?.find((child) => child.value.nodeType === 1);
        const textOf = (node: NodeValue | undefined): string =>
          !node
            ? ''
            : node.value.nodeType === 3
              ? (node.value.nodeValue ?? '')
              : (node.value.children ?? []).map(textOf).join('');
        const background = pill
          ? await evaluateNode(page, '(pill) => getComputedStyle(pill).backgroundColor', [{ sharedId: pill.sharedId }])
          : { type: 'string', value: '' };
        const rowPerson = await evaluateNode(
          page,
          `(badge) => {
            const person = badge.closest('tr.zA, [role="option"]')?.querySelector('[email], span[title*="@"]');
            return person?.getAttribute('email') ?? person?.getAttribute('title') ?? null;
          }`,
          [{ sharedId: host.sharedId }],
        );
        const attributes = pill?.value.attributes ?? {};
        badges.push({
          hostAttributes: Object.keys(host.value.attributes ?? {}).sort(),
          shadowMode: shadow?.value.mode ?? null,
          text: textOf(pill),
          role: attributes.role ?? null,
          label: attributes['aria-label'] ?? null,
          status: attributes['data-status'] ?? null,
          background: String(background.value ?? ''),
          rowPerson: rowPerson.type === 'string' ? String(rowPerson.value) : null,
        });
      }
      return badges;
    },
    async navigateInApp(page, html, hash) {
      await page.evaluate(swapViewInPage, [html, hash] as const);
    },
    problemsOf: (page) => problems.get(page) ?? [],
    extensionErrors: () => extensionErrorLines(consoleOutput),
    assertNoExternalRequests() {
      const refused = proxy.refused().map((request) => `${request.method} ${request.target} (refused by the proxy)`);
      const serverSurprises = server
        .unexpectedRequests()
        .map((request) => `${request.method} ${request.host}${request.path} -> ${request.status} (at the fixture server)`);
      if (refused.length + serverSurprises.length > 0) {
        throw new Error(`Unexpected network requests:\n  ${[...refused, ...serverSurprises].join('\n  ')}`);
      }
    },
    assertNoExtensionErrors() {
      const errors = extensionErrorLines(consoleOutput);
      if (errors.length > 0) throw new Error(`The extension logged errors in Firefox:\n  ${errors.join('\n  ')}`);
    },
    close: closeAll,
  };
}

/**
 * For a describe block: the fixture server with `routes` and Firefox with the built extension,
 * started before its tests and closed after them; after each test the network and error guards.
 */
export function useFirefoxExtension(
  routes: FixtureRoutes,
  options: Omit<FirefoxLaunchOptions, 'server'> = {},
): { server: FixtureServer; firefox: LaunchedFirefox } {
  const launched = {} as { server: FixtureServer; firefox: LaunchedFirefox };
  beforeAll(async () => {
    launched.server = await startFixtureServer({ routes });
    launched.firefox = await launchFirefoxExtension({ ...options, server: launched.server });
  });
  afterAll(async () => {
    await launched.firefox?.close();
    await launched.server?.close();
  });
  afterEach(() => {
    launched.firefox.assertNoExternalRequests();
    launched.firefox.assertNoExtensionErrors();
  });
  return launched;
}
