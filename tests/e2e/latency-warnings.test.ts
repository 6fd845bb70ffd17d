/**
 * The latency warnings, end to end in Chromium with the BUILT extension: Sanne wrote three times
 * to a civil servant who never answered (tests/fixtures/latency-scenario.ts). After the
 * conversation was read, the toolbar badge counts him, and the mail list shows one inline badge
 * beside his row, once, also after the app re-renders the row; after his reply both clear. The same
 * inline badge in Outlook's list, following its recycled rows. Nothing reaches the network.
 *
 * "Badge update after an ingest" is measured here, in the service worker: from a batch's
 * `observedAt` (set by the content script when it sends) to the toolbar badge text changing
 * (polled every 5 ms). Printed, not asserted (docs/CONVENTIONS.md: speed is measured, not asserted).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BADGE_TAG } from '@/lib/content/inline-badges';
import type { LatencyRecord } from '@/lib/store/schemas';
import {
  ANSWERED_THREAD_ID,
  LATENCY_SCENARIO,
  LATENCY_SCENARIO_ANSWERED,
  SILENT_PERSON_ID,
  UNANSWERED_THREAD_ID,
} from '../fixtures/latency-scenario';
import { gmailHash, renderGmail } from '../fixtures/render-gmail';
import { conversationIdFor, renderOutlook } from '../fixtures/render-outlook';
import { personById } from '../fixtures/scenario';
import { badgePills } from './inline-badge-pills';
import { navigateInApp, useExtension, waitForStore, type FixtureServer, type LaunchedExtension } from './harness';

const GMAIL_URL = 'https://mail.google.com/mail/u/0/';
const OUTLOOK_URL = 'https://outlook.office.com/mail/';
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const SILENT = personById(LATENCY_SCENARIO, SILENT_PERSON_ID).address.toLowerCase();
const CONTACT_ID = `c:${SILENT}`;
const conversation = { view: 'conversation', threadId: UNANSWERED_THREAD_ID, expandAll: true, timeZone: localZone } as const;
const GMAIL_CONVERSATION = renderGmail(LATENCY_SCENARIO, conversation);
const GMAIL_LIST = renderGmail(LATENCY_SCENARIO, { view: 'list', timeZone: localZone });
const GMAIL_CONVERSATION_ANSWERED = renderGmail(LATENCY_SCENARIO_ANSWERED, conversation);
const GMAIL_LIST_ANSWERED = renderGmail(LATENCY_SCENARIO_ANSWERED, { view: 'list', timeZone: localZone });
const CONVERSATION_HASH = gmailHash(LATENCY_SCENARIO, conversation);

/** The list row of a thread that shows the silent civil servant. */
const SILENT_ROW = `tr.zA:has([email="${SILENT}"])`;

/* ------------------------------------------------------------------------------------------ */
/* In the service worker: batches in, toolbar badge text out                                   */

type ProbeGlobal = {
  chrome: {
    action: { getBadgeText(details: object): Promise<string> };
    runtime: { onMessage: { addListener(listener: (message: unknown) => void): void } };
  };
  __latencyProbe?: {
    batches: Array<{ observedAt: number; arrivedAt: number; messages: number; host: string }>;
    badge: Array<{ at: number; text: string }>;
  };
};

/** Records every observations batch the worker receives and every change of the badge text. */
async function installProbe(extension: LaunchedExtension): Promise<void> {
  await extension.serviceWorker.evaluate(async () => {
    const scope = globalThis as unknown as ProbeGlobal;
    if (scope.__latencyProbe) return;
    const probe: NonNullable<ProbeGlobal['__latencyProbe']> = { batches: [], badge: [] };
    scope.__latencyProbe = probe;
    // a second listener that answers nothing: the background's own listener still replies
    scope.chrome.runtime.onMessage.addListener((message) => {
      const { type, batch } = message as { type?: string; batch?: { observedAt: number; messages: unknown[]; host: string } };
      if (type === 'observations' && batch) {
        probe.batches.push({
          observedAt: batch.observedAt,
          arrivedAt: Date.now(),
          messages: batch.messages.length,
          host: batch.host,
        });
      }
    });
    let last = await scope.chrome.action.getBadgeText({});
    probe.badge.push({ at: Date.now(), text: last });
    const poll = async () => {
      const text = await scope.chrome.action.getBadgeText({});
      if (text !== last) probe.badge.push({ at: Date.now(), text });
      last = text;
      setTimeout(poll, 5);
    };
    void poll();
  });
}

async function readProbe(extension: LaunchedExtension) {
  return extension.serviceWorker.evaluate(() => (globalThis as unknown as ProbeGlobal).__latencyProbe!);
}

async function toolbarBadge(extension: LaunchedExtension): Promise<string> {
  return extension.serviceWorker.evaluate(() => (globalThis as unknown as ProbeGlobal).chrome.action.getBadgeText({}));
}

/**
 * ms from the last batch carrying messages, sent before the badge became `text`, to that change;
 * the batch and badge times are both the machine's clock.
 */
async function badgeUpdateAfterIngest(extension: LaunchedExtension, text: string, since: number): Promise<number> {
  const probe = await readProbe(extension);
  const change = probe.badge.find((entry) => entry.text === text && entry.at >= since);
  if (!change) throw new Error(`the badge never became "${text}": ${JSON.stringify(probe.badge)}`);
  const batch = probe.batches
    .filter((entry) => entry.messages > 0 && entry.observedAt >= since && entry.observedAt <= change.at)
    .at(-1);
  if (!batch) throw new Error(`no batch with messages before the badge change: ${JSON.stringify(probe.batches)}`);
  return change.at - batch.observedAt;
}

/* ------------------------------------------------------------------------------------------ */
/* In the page                                                                                 */

const RED_PILL = {
  text: '3×',
  background: 'rgb(180, 35, 24)',
  role: 'img',
  label: expect.stringMatching(
    /^Gemeenteradar: Reageert niet, \u2068Erik Bosman\u2069, 3 pogingen zonder antwoord, \d+ werkdagen wachten$/,
  ),
  status: 'unresponsive',
};

/** The accessible names of the page's images: what a screen reader finds, closed shadow roots included. */
async function accessibleImages(page: Page): Promise<string[]> {
  type AxNode = { ignored: boolean; role?: { value: string }; name?: { value: string } };
  const session = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
    return nodes.filter((node) => !node.ignored && node.role?.value === 'image').map((node) => node.name?.value ?? '');
  } finally {
    await session.detach();
  }
}

interface BadgeSeen {
  /** the host's attributes: only ours, nothing about the contact */
  attributes: string[];
  thread: string | null;
  /** the row the badge sits in: its first person's address */
  rowPerson: string | null;
  /** the element right after the badge is the row's first person */
  beforePerson: boolean;
  width: number;
}

async function inlineBadges(page: Page): Promise<BadgeSeen[]> {
  return page.evaluate((tag) => {
    return [...document.querySelectorAll(tag)].map((badge) => {
      const row = badge.closest('tr.zA, [role="option"]');
      const person = row?.querySelector('[email], span[title*="@"]');
      return {
        attributes: badge.getAttributeNames().sort(),
        thread: badge.getAttribute('data-gemeenteradar-thread'),
        rowPerson: person?.getAttribute('email') ?? person?.getAttribute('title') ?? null,
        beforePerson: badge.nextElementSibling === person,
        width: badge.getBoundingClientRect().width,
      };
    });
  }, BADGE_TAG);
}

/** Counts mutations of the page for a while: a badge that keeps rewriting itself would show here. */
async function mutationsOver(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (wait) =>
      new Promise<number>((resolve) => {
        let count = 0;
        const observer = new MutationObserver((records) => (count += records.length));
        observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => {
          observer.disconnect();
          resolve(count);
        }, wait);
      }),
    ms,
  );
}

/** The time (page clock) at which no inline badge is left, waited for in the page. */
async function whenBadgesGone(page: Page, timeoutMs: number): Promise<number> {
  return page.evaluate(
    ([tag, timeout]) =>
      new Promise<number>((resolve, reject) => {
        const done = () => document.querySelector(tag) === null;
        if (done()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!done()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document, { subtree: true, childList: true });
        setTimeout(() => {
          observer.disconnect();
          reject(new Error('the inline badge did not go'));
        }, timeout);
      }),
    [BADGE_TAG, timeoutMs] as const,
  );
}

const figures: string[] = [];

/** One Chromium with the built extension per describe (useExtension), the probe installed. */
function launchedFor(routes: Record<string, string>): { server: FixtureServer; extension: LaunchedExtension } {
  const launched = useExtension(routes);
  beforeAll(() => installProbe(launched.extension));
  afterAll(() => {
    if (figures.length) console.log(`latency warnings, measured:\n  ${figures.splice(0).join('\n  ')}`);
  });
  return launched;
}

/** What Outlook's virtualized list does when it scrolls: the same row node shows another conversation. */
async function recycleRow(page: Page, selector: string, convid: string, name: string, address: string): Promise<void> {
  await page.evaluate(
    ([rowSelector, id, shownName, shownAddress]) => {
      const row = document.querySelector(rowSelector)!;
      row.setAttribute('data-convid', id);
      const sender = row.querySelector('span.OZZZK')!; // React keeps our badge beside it
      sender.setAttribute('title', shownAddress);
      sender.textContent = shownName;
    },
    [selector, convid, name, address] as const,
  );
}

/* ------------------------------------------------------------------------------------------ */

describe('latency warnings in Gmail', () => {
  const launched = launchedFor({ 'mail.google.com/mail/u/0/': GMAIL_CONVERSATION });

  it('three unanswered mails: the toolbar badge counts the contact, one inline badge beside his row, once after re-renders; his reply clears both', async () => {
    const { server, extension } = launched;
    expect(await toolbarBadge(extension)).toBe('');

    // 1. The conversation with the three unanswered mails.
    const startedAt = Date.now();
    const page = await extension.context.newPage();
    await page.goto(`${GMAIL_URL}${CONVERSATION_HASH}`);
    await expect.poll(() => toolbarBadge(extension), { timeout: 20_000 }).toBe('1');
    figures.push(
      `Gmail: toolbar badge "1" ${await badgeUpdateAfterIngest(extension, '1', startedAt)} ms after the conversation batch was sent`,
    );
    const popup = await extension.openExtensionPage('popup.html');
    const [latency] = await waitForStore<LatencyRecord>(popup, 'latency', (records) =>
      records.some((record) => record.contactId === CONTACT_ID),
    );
    expect(latency).toMatchObject({ status: 'unresponsive', attemptsSinceLastResponse: 3 });

    // 2. Gmail's own navigation to the list: swap the view, change the hash.
    await navigateInApp(page, GMAIL_LIST, '#inbox');
    await expect.poll(() => page.locator(`${SILENT_ROW} ${BADGE_TAG}`).count(), { timeout: 10_000 }).toBe(1);
    const [badge, ...others] = await inlineBadges(page);
    expect(others).toEqual([]); // the answered thread's row has none
    expect(badge).toMatchObject({ rowPerson: SILENT, beforePerson: true });
    expect(badge!.attributes).toEqual(['data-gemeenteradar', 'data-gemeenteradar-thread', 'style']);
    expect(badge!.width).toBeGreaterThan(0);
    expect(await badgePills(page)).toEqual([RED_PILL]);
    // a screen reader finds it, with its label, through the closed shadow root
    expect((await accessibleImages(page)).filter((name) => name.startsWith('Gemeenteradar:'))).toEqual([RED_PILL.label]);
    const answeredRow = page.locator(
      `tr.zA:has(span[email="${personById(LATENCY_SCENARIO, 'amsterdam-programma').address.toLowerCase()}"])`,
    );
    expect(await answeredRow.locator(BADGE_TAG).count()).toBe(0);

    // 3. Gmail re-renders the row: a new node from its template (no badge), twice, and once a
    //    copy that still holds our (now empty) badge host.
    for (const keepOldBadge of [false, false, true]) {
      await page.evaluate(
        ([selector, tag, keep]) => {
          const row = document.querySelector(selector)!;
          const fresh = row.cloneNode(true) as Element;
          if (!keep) fresh.querySelector(tag)?.remove();
          row.replaceWith(fresh);
        },
        [SILENT_ROW, BADGE_TAG, keepOldBadge] as const,
      );
      await page.waitForTimeout(800); // the runtime reads 300 ms after the last change
      expect(await page.locator(BADGE_TAG).count()).toBe(1);
      expect(await page.locator(`${SILENT_ROW} ${BADGE_TAG}`).count()).toBe(1);
      expect(await badgePills(page)).toEqual([RED_PILL]);
    }
    // settled: nothing keeps rewriting the page (no read-badge-read loop)
    expect(await mutationsOver(page, 1500)).toBe(0);

    // 4. Erik replies: another tab opens the conversation that now holds his reply.
    server.setRoute('mail.google.com/mail/u/0/', GMAIL_CONVERSATION_ANSWERED);
    const replyAt = Date.now();
    const gone = whenBadgesGone(page, 20_000);
    const second = await extension.context.newPage();
    await second.goto(`${GMAIL_URL}${CONVERSATION_HASH}`);
    await expect.poll(() => toolbarBadge(extension), { timeout: 20_000 }).toBe('');
    figures.push(
      `Gmail: toolbar badge cleared ${await badgeUpdateAfterIngest(extension, '', replyAt)} ms after the reply's batch was sent`,
    );
    // the list in the first tab, untouched, loses its inline badge (latency-updated-at → new answer)
    const goneAt = await gone;
    const replyBatch = (await readProbe(extension)).batches
      .filter((batch) => batch.messages > 0 && batch.observedAt >= replyAt)
      .at(0)!;
    figures.push(
      `Gmail: inline badge gone from the open list ${goneAt - replyBatch.observedAt} ms after the reply's batch was sent`,
    );
    expect(await page.locator(BADGE_TAG).count()).toBe(0);

    // and a fresh list that shows the reply has none either
    server.setRoute('mail.google.com/mail/u/0/', GMAIL_LIST_ANSWERED);
    await page.reload();
    await expect.poll(() => page.locator(`${SILENT_ROW}`).count(), { timeout: 10_000 }).toBe(1);
    await page.waitForTimeout(1000);
    expect(await page.locator(BADGE_TAG).count()).toBe(0);

    for (const tab of [page, second, popup]) expect(extension.problemsOf(tab)).toEqual([]);
    expect(extension.dialogs).toEqual([]);
    await Promise.all([page.close(), second.close(), popup.close()]);
  });
});

describe('latency warnings in Outlook', () => {
  const launched = launchedFor({
    'outlook.office.com/mail/': renderOutlook(LATENCY_SCENARIO, {
      openThread: UNANSWERED_THREAD_ID,
      expanded: 'all',
      timeZone: localZone,
    }),
  });
  const rowOf = (threadId: string) => `[role="option"][data-convid="${conversationIdFor(threadId)}"]`;

  it('the same inline badge beside the contact in the list, following the virtualized list’s recycled rows', async () => {
    const { extension } = launched;
    const startedAt = Date.now();
    const page = await extension.context.newPage();
    await page.goto(OUTLOOK_URL);
    // the page reads its pane (three unanswered mails); the badge comes once the cache says so
    await expect.poll(() => toolbarBadge(extension), { timeout: 20_000 }).toBe('1');
    figures.push(
      `Outlook: toolbar badge "1" ${await badgeUpdateAfterIngest(extension, '1', startedAt)} ms after the batch was sent`,
    );
    const silentRow = rowOf(UNANSWERED_THREAD_ID);
    await expect.poll(() => page.locator(`${silentRow} ${BADGE_TAG}`).count(), { timeout: 10_000 }).toBe(1);
    const [badge, ...others] = await inlineBadges(page);
    expect(others).toEqual([]);
    expect(badge).toMatchObject({
      rowPerson: SILENT,
      beforePerson: true,
      thread: `outlook:conv:${conversationIdFor(UNANSWERED_THREAD_ID)}`,
    });
    expect(await badgePills(page)).toEqual([RED_PILL]);

    // Outlook recycles the row's node for another conversation (one whose contact answered)...
    const answered = personById(LATENCY_SCENARIO, 'amsterdam-programma');
    const recycledId = `${conversationIdFor(ANSWERED_THREAD_ID)}-recycled`;
    await recycleRow(page, silentRow, recycledId, answered.name, answered.address);
    await expect.poll(() => page.locator(BADGE_TAG).count(), { timeout: 5_000 }).toBe(0);
    // ...and back to the silent contact's conversation
    await recycleRow(page, `[data-convid="${recycledId}"]`, conversationIdFor(UNANSWERED_THREAD_ID), 'Erik Bosman', SILENT);
    await expect.poll(() => page.locator(`${silentRow} ${BADGE_TAG}`).count(), { timeout: 5_000 }).toBe(1);
    expect(await page.locator(BADGE_TAG).count()).toBe(1);
    expect(await mutationsOver(page, 1500)).toBe(0);

    expect(extension.problemsOf(page)).toEqual([]);
    expect(extension.dialogs).toEqual([]);
    await page.close();
  });
});
