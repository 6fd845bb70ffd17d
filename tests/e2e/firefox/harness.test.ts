/**
 * The Firefox harness's guards must be able to fail: a request to any other host (from a web
 * page, from an extension page, plain HTTP or HTTPS) is refused by the proxy and reported, a path
 * the fixture server has no route for is reported, a dialog is seen, and an error thrown in the
 * extension's background or pages is reported from Firefox's console output. Without Firefox or
 * without the build the tier fails and says what to do; the fixture certificate names every host.
 */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestCertificate, FIXTURE_HOSTS, startFixtureServer } from '../harness';
import { FIREFOX_EXTENSION_DIR, findFirefox, launchFirefoxExtension, startMailProxy } from './harness';

const GMAIL_URL = 'https://mail.google.com/mail/u/0/';

type BackgroundGlobal = { browser: { runtime: { getBackgroundPage(): Promise<Window> } } };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('the Firefox harness guards', () => {
  it('refuses and reports requests to other hosts, a stray path, a dialog, and errors of the extension', async () => {
    const server = await startFixtureServer({
      routes: {
        '/mail/u/0/': `<!doctype html><title>hostile</title>
          <script>alert('subject <img src=x onerror=alert(1)>'); fetch('https://tracker.example/pixel').catch(() => {});</script>
          <img src="/not-a-fixture.png">`,
      },
    });
    const firefox = await launchFirefoxExtension({ server });
    try {
      const page = await firefox.newPage();
      await page.goto(GMAIL_URL);
      const extensionPage = await firefox.openExtensionPage('popup.html');
      // what the extension must never do, done from its own page and from its background
      await extensionPage.evaluate(async () => {
        await fetch('https://from-extension.example/beacon').catch(() => null);
        await fetch('http://plain.example/').catch(() => null);
        // thrown on the background page's own event loop (Firefox names the popup as its source,
        // where the function was written; the MV2 build's real throw was reported as background.js)
        const background = await (globalThis as unknown as BackgroundGlobal).browser.runtime.getBackgroundPage();
        background.setTimeout(() => {
          throw new Error('probe: thrown in the background');
        });
        setTimeout(() => {
          throw new Error('probe: thrown in the popup');
        });
      });
      await expect.poll(() => firefox.proxy.refused().length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      await expect.poll(() => firefox.extensionErrors().join('\n'), { timeout: 10_000 }).toContain('probe: thrown in the popup');
      await expect
        .poll(() => firefox.extensionErrors().join('\n'), { timeout: 10_000 })
        .toContain('probe: thrown in the background');

      expect(firefox.dialogs).toEqual([{ type: 'alert', message: 'subject <img src=x onerror=alert(1)>' }]);
      let report = '';
      try {
        firefox.assertNoExternalRequests();
      } catch (error) {
        report = String(error);
      }
      expect(report).toContain('CONNECT tracker.example:443 (refused by the proxy)');
      expect(report).toContain('CONNECT from-extension.example:443 (refused by the proxy)');
      // Firefox upgrades it to https (HTTPS-First), so it arrives as a CONNECT
      expect(report).toMatch(/(CONNECT plain\.example:443|GET http:\/\/plain\.example\/) \(refused by the proxy\)/);
      expect(report).toContain('GET mail.google.com/not-a-fixture.png -> 404 (at the fixture server)');
      expect(report).not.toContain('mail.google.com:443');
      expect(() => firefox.assertNoExtensionErrors()).toThrow('probe: thrown in the popup');
    } finally {
      await firefox.close();
      await server.close();
    }
  });

  it('the proxy refuses and records a plain-HTTP request too', async () => {
    const server = await startFixtureServer();
    const proxy = await startMailProxy(server);
    try {
      const status = await new Promise<number>((resolveStatus, rejectStatus) => {
        const request = httpRequest({ host: '127.0.0.1', port: proxy.port, path: 'http://plain.example/page' }, (response) => {
          response.resume();
          resolveStatus(response.statusCode ?? 0);
        });
        request.on('error', rejectStatus);
        request.end();
      });
      expect(status).toBe(403);
      expect(proxy.refused()).toEqual([{ method: 'GET', target: 'http://plain.example/page', tunnelled: false }]);
      expect(server.requests).toEqual([]);
    } finally {
      await proxy.close();
      await server.close();
    }
  });

  it('fails with the install command when Firefox is missing', async () => {
    vi.stubEnv('FIREFOX_PATH', '/nonexistent/firefox-esr');
    expect(() => findFirefox()).toThrow('apt-get update && apt-get install -y firefox-esr');
    const server = await startFixtureServer();
    try {
      await expect(launchFirefoxExtension({ server })).rejects.toThrow(/FIREFOX_PATH=\/nonexistent\/firefox-esr does not exist/);
    } finally {
      await server.close();
    }
  });

  it('fails clearly when the Firefox build is missing', async () => {
    const server = await startFixtureServer();
    try {
      await expect(launchFirefoxExtension({ server, extensionDir: join(FIREFOX_EXTENSION_DIR, 'missing') })).rejects.toThrow(
        /No built Firefox extension at .*missing.*wxt build -b firefox --mv3/,
      );
    } finally {
      await server.close();
    }
  });

  it('serves a certificate, made at run time, that names every fixture host', async () => {
    const { cert, key } = await createTestCertificate();
    const certificate = new X509Certificate(cert);
    expect(certificate.subjectAltName?.split(', ').sort()).toEqual(
      [...FIXTURE_HOSTS.map((host) => `DNS:${host}`), 'IP Address:127.0.0.1'].sort(),
    );
    expect(certificate.subject).toBe('CN=Gemeenteradar e2e fixtures (test only)');
    expect(certificate.checkPrivateKey(createPrivateKey(key))).toBe(true);
    expect(new Date(certificate.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(certificate.validFrom).getTime()).toBeLessThan(Date.now());
  });
});
