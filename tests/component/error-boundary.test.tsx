/**
 * The error boundary every surface uses (components/error-boundary.tsx): what failed is replaced
 * by a clear message with "Opnieuw laden" and "Meld het probleem", the report on the clipboard
 * carries the error and where, and never mail content.
 */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '@/components/error-boundary';
import { buildErrorReport, redactMessage } from '@/lib/error-report';
import { setLocale } from '@/lib/i18n';

const NAME = 'Peter Snijders';
const ADDRESS = 'p.snijders@zwolle.nl';
const SUBJECT = 'Wijkaanpak Holtenbroek: begroting 2027';

/** An error as code handling mail could throw it: content in its message. */
function errorWithContent(): Error {
  const error = new TypeError(`cannot show contact "${NAME}" <${ADDRESS}> in ‘${SUBJECT}’ (key c:${ADDRESS})`);
  error.stack = `TypeError: ${error.message}\n    at KnownCard (chrome-extension://abcdef/chunks/sidepanel-x1.js:12:345)\n    at renderWithHooks (chrome-extension://abcdef/chunks/react.js:1:2)`;
  return error;
}

let clipboard: { writeText: ReturnType<typeof vi.fn> };
beforeEach(() => {
  setLocale('nl');
  clipboard = { writeText: vi.fn(async () => undefined) };
  Object.defineProperty(navigator, 'clipboard', { value: clipboard, configurable: true });
  // React logs what a boundary caught; the tests look at what the user sees
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

function Throws({ error, times }: { error: unknown; times: { left: number } }) {
  if (times.left > 0) {
    times.left--;
    throw error;
  }
  return <p>weer in orde</p>;
}

describe('error boundary', () => {
  it('shows a message with a way on instead of a blank surface, and reloads it', async () => {
    const times = { left: 2 }; // React renders twice before it gives up on a component
    render(
      <ErrorBoundary surface="popup">
        <Throws error={new Error('kapot')} times={times} />
      </ErrorBoundary>,
    );
    const alert = screen.getByRole('alert');
    expect(within(alert).getByRole('heading', { name: 'Er ging iets mis' })).toBeVisible();
    expect(alert).toHaveTextContent('Dit deel van Gemeenteradar kon niet worden getoond.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Opnieuw laden' }));
    expect(await screen.findByText('weer in orde')).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('speaks English in an English browser', () => {
    setLocale('en');
    render(
      <ErrorBoundary surface="options">
        <Throws error={new Error('broken')} times={{ left: 2 }} />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Report the problem' })).toBeVisible();
  });

  it('keeps a broken card to itself: the card says so, its neighbours stay', () => {
    render(
      <ul>
        <li>
          <ErrorBoundary surface="side-panel-card" variant="card">
            <Throws error={new Error('kapot')} times={{ left: 2 }} />
          </ErrorBoundary>
        </li>
        <li>
          <ErrorBoundary surface="side-panel-card" variant="card">
            <p>Karin Aerts</p>
          </ErrorBoundary>
        </li>
      </ul>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Deze kaart kon niet worden getoond.');
    expect(screen.getByText('Karin Aerts')).toBeVisible();
  });

  it.each([
    ['an error whose message carries a name, an address and a subject', errorWithContent()],
    ['a thrown string with content', `no thread "${SUBJECT}" for ${ADDRESS} (${NAME})`],
  ])(
    'copies a report of %s without any of them: name, message skeleton, stack, version, surface, browser',
    async (_case, error) => {
      render(
        <ErrorBoundary surface="side-panel-card" variant="card">
          <Throws error={error} times={{ left: 2 }} />
        </ErrorBoundary>,
      );
      await userEvent.click(screen.getByRole('button', { name: 'Meld het probleem' }));
      expect(await screen.findByText(/De foutmelding staat op het klembord/)).toBeVisible();
      const report = clipboard.writeText.mock.calls[0]![0] as string;
      for (const content of [NAME, 'Snijders', ADDRESS, 'zwolle.nl', SUBJECT, 'Holtenbroek', 'begroting'])
        expect(report).not.toContain(content);
      expect(report).toContain('surface: side-panel-card');
      expect(report).toMatch(/version: \S+/);
      expect(report).toContain(`browser: ${navigator.userAgent}`);
      if (error instanceof Error) {
        expect(report).toContain('error: TypeError: cannot show contact "…" <adres> in "…" (key c:<adres>)');
        expect(report).toContain('KnownCard (sidepanel-x1.js:12:345)');
      }
    },
  );

  it('shows the report to copy by hand when the clipboard refuses', async () => {
    clipboard.writeText.mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    render(
      <ErrorBoundary surface="popup">
        <Throws error={errorWithContent()} times={{ left: 2 }} />
      </ErrorBoundary>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Meld het probleem' }));
    const text = await screen.findByRole('textbox', { name: 'Foutmelding' });
    expect((text as HTMLTextAreaElement).value).toContain('surface: popup');
    expect((text as HTMLTextAreaElement).value).not.toContain(ADDRESS);
  });
});

describe('error report', () => {
  it.each([
    [`Key already exists in the object store: c:${ADDRESS}`, 'Key already exists in the object store: c:<adres>'],
    [`"${NAME}" is not valid`, '"…" is not valid'],
    [`subject «${SUBJECT}» too long`, 'subject "…" too long'],
    [`Dexie: „${SUBJECT}“`, 'Dexie: "…"'],
    ['x.addresses.join is not a function', 'x.addresses.join is not a function'],
  ])('redacts %s', (message, redacted) => {
    expect(redactMessage(message)).toBe(redacted);
  });

  it('keeps only function names and code positions of a stack, Chromium and Firefox alike', () => {
    const report = buildErrorReport({
      error: Object.assign(new Error('x'), {
        stack: `Error: x "${NAME}"\n    at ConversationView (chrome-extension://id/sidepanel.js:3:4)\nKnownCard@moz-extension://uuid/chunks/sidepanel.js:5:6\n${SUBJECT}`,
      }),
      componentStack: '\n    at KnownCard (chrome-extension://id/sidepanel.js:7:8)\n    at li',
      surface: 'side-panel',
      extensionVersion: '0.1.0',
      userAgent: 'Chromium',
      at: 0,
    });
    expect(report).toContain('  ConversationView (sidepanel.js:3:4)\n  KnownCard (sidepanel.js:5:6)');
    expect(report).toContain('components:\n  KnownCard (sidepanel.js:7:8)\n  li');
    expect(report).not.toContain(NAME);
    expect(report).not.toContain(SUBJECT);
  });
});
