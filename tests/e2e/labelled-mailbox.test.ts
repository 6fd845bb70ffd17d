/**
 * The labelled mailbox (tests/fixtures/labelled-mailbox.ts) end to end in Chromium with the BUILT
 * extension: the Gmail pages its user sees (tests/fixtures/labelled-mailbox-views.ts: every
 * incoming mail opened when it arrived, then the inbox and every conversation as they look "now")
 * are served as the real mail.google.com and read by the content script, one view after the other
 * as Gmail swaps them. Then, against the truth: the toolbar badge counts exactly the contacts who
 * need attention, the inbox shows one inline badge on exactly the rows of a thread with such a
 * contact (their status and short text), and the stored latency gives precision and recall 1.00.
 *
 * The truth is dated: "now" is Thursday 3 December 2026, 10:00. The background's clock is set to
 * that moment before the first page is read (Date in the service worker, moving on from there), so
 * the working days waiting do not depend on the day the test runs. The pages' dates are absolute
 * (Gmail's `title`), so the content script's own clock does not matter.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { t } from '@/lib/i18n';
import type { LatencyRecord } from '@/lib/store/schemas';
import { mailboxOf } from '@/lib/vocabulary/address';
import { statusSeverity } from '@/lib/vocabulary/statuses';
import { batchOfView, LABELLED_NOW } from '../fixtures/labelled-evaluation';
import { LABELLED_MAILBOX, LABELLED_TRUTH, needsAttention, type ContactTruth } from '../fixtures/labelled-mailbox';
import { labelledGmailViews } from '../fixtures/labelled-mailbox-views';
import { readInlineBadges } from './inline-badge-pills';
import { navigateInApp, readStore, useExtension, type LaunchedExtension } from './harness';

const VIEWS = labelledGmailViews();
const INBOX = VIEWS.find((view) => view.label === 'now: inbox')!;
const FIRST = VIEWS[0]!;

type ServiceWorkerScope = {
  chrome: {
    action: { getBadgeText(details: object): Promise<string> };
    runtime: { onMessage: { addListener(listener: (message: unknown) => void): void } };
  };
  __batchesSeen?: number[];
  __clockSetTo?: number;
};

/**
 * The background's clock from `now` on (it moves as the real one does), and a count of the
 * observation batches it receives (their `observedAt`), so the test knows a view was read.
 */
async function setWorkerClockAndCountBatches(extension: LaunchedExtension, now: number): Promise<void> {
  await extension.serviceWorker.evaluate((target) => {
    const scope = globalThis as unknown as ServiceWorkerScope & { Date: DateConstructor };
    const RealDate = scope.Date;
    const offset = target - RealDate.now();
    class ShiftedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + offset);
        else super(...(args as [string]));
      }
      static override now(): number {
        return RealDate.now() + offset;
      }
    }
    scope.Date = ShiftedDate as DateConstructor;
    scope.__clockSetTo = target;
    scope.__batchesSeen = [];
    scope.chrome.runtime.onMessage.addListener((message) => {
      const { type, batch } = message as { type?: string; batch?: { observedAt: number } };
      if (type === 'observations' && batch) scope.__batchesSeen!.push(batch.observedAt);
    });
  }, now);
}

async function workerState(extension: LaunchedExtension): Promise<{ clockSetTo: number | null; batches: number[] }> {
  return extension.serviceWorker.evaluate(() => {
    const scope = globalThis as unknown as ServiceWorkerScope;
    return { clockSetTo: scope.__clockSetTo ?? null, batches: scope.__batchesSeen ?? [] };
  });
}

async function toolbarBadge(extension: LaunchedExtension): Promise<string> {
  return extension.serviceWorker.evaluate(() => (globalThis as unknown as ServiceWorkerScope).chrome.action.getBadgeText({}));
}

/** Waits until the page sent a batch read after `since` (the content script reads 300 ms after a change). */
async function waitForBatchAfter(extension: LaunchedExtension, since: number, label: string): Promise<void> {
  await expect
    .poll(async () => (await workerState(extension)).batches.some((observedAt) => observedAt >= since), {
      timeout: 15_000,
      message: label,
    })
    .toBe(true);
}

/* ------------------------------------------------------------------------------------------ */
/* The truth, as the inbox should show it                                                      */

const truthByMailbox = new Map(
  LABELLED_TRUTH.map((truth) => {
    const person = LABELLED_MAILBOX.people.find((candidate) => candidate.id === truth.person)!;
    return [mailboxOf(person.address.toLowerCase()), truth] as const;
  }),
);

/** What the badge shows for a contact who needs attention: attempts from three on, else the working days. */
function shortText(truth: ContactTruth): string {
  return truth.attempts >= 3 || truth.workingDaysWaiting === null
    ? `${truth.attempts}×`
    : t('inlineBadgeWorkingDays', { count: truth.workingDaysWaiting });
}

interface ExpectedBadge {
  status: string;
  text: string;
  /** the contact the badge is about */
  person: string;
}

/**
 * Per inbox row (thread key): the one badge the truth asks for, the worst of the row's people who
 * need attention (unresponsive before slow, then more attempts, then longer waiting); rows
 * without such a person have none. The rows' people are what the Gmail reader reads from the inbox.
 */
function expectedBadges(): Map<string, ExpectedBadge> {
  const expected = new Map<string, ExpectedBadge>();
  for (const thread of batchOfView(INBOX).threads) {
    const truths = thread.participants
      .map((participant) => (participant.address ? truthByMailbox.get(mailboxOf(participant.address.toLowerCase())) : undefined))
      .filter((truth): truth is ContactTruth => truth !== undefined && needsAttention(truth));
    const worst = truths.sort(
      (a, b) =>
        statusSeverity(b.status) - statusSeverity(a.status) ||
        b.attempts - a.attempts ||
        (b.workingDaysWaiting ?? 0) - (a.workingDaysWaiting ?? 0),
    )[0];
    if (worst) expected.set(thread.threadKey, { status: worst.status, text: shortText(worst), person: worst.person });
  }
  return expected;
}

/** The inline badges of the page by thread key: status and text; two for one thread is an error. */
async function badgesByThread(page: Page): Promise<Map<string, { status: string | null; text: string }>> {
  const badges = new Map<string, { status: string | null; text: string }>();
  for (const { thread, pill } of await readInlineBadges(page)) {
    if (badges.has(thread ?? '?')) throw new Error(`two badges for ${thread}`);
    badges.set(thread ?? '?', { status: pill.status, text: pill.text });
  }
  return badges;
}

/* ------------------------------------------------------------------------------------------ */

describe('the labelled mailbox in Gmail, in Chromium', () => {
  const launched = useExtension({ 'mail.google.com/mail/u/0/': FIRST.html });
  beforeAll(() => setWorkerClockAndCountBatches(launched.extension, LABELLED_NOW));

  it(
    'reads every view; the toolbar count and the inline badges match the truth, precision and recall 1.00',
    { timeout: 300_000 },
    async () => {
      const { extension } = launched;
      const page = await extension.context.newPage();
      let since = Date.now();
      await page.goto(FIRST.url);
      await waitForBatchAfter(extension, since, FIRST.label);
      for (const view of VIEWS.slice(1)) {
        since = Date.now();
        await navigateInApp(page, view.html, new URL(view.url).hash);
        await waitForBatchAfter(extension, since, view.label);
      }
      // back to the inbox, as the user leaves it
      since = Date.now();
      await navigateInApp(page, INBOX.html, new URL(INBOX.url).hash);
      await waitForBatchAfter(extension, since, 'the inbox again');

      const attention = LABELLED_TRUTH.filter(needsAttention);
      await expect.poll(() => toolbarBadge(extension), { timeout: 60_000 }).toBe(String(attention.length));

      // the stored verdicts: exactly the contacts who need attention (precision and recall)
      const popup = await extension.openExtensionPage('popup.html');
      const [latency, contacts] = await Promise.all([
        readStore<LatencyRecord>(popup, 'latency'),
        readStore<{ id: string; addresses: string[] }>(popup, 'contacts'),
      ]);
      const flagged = new Set(
        latency
          .filter((record) => record.status === 'slow' || record.status === 'unresponsive')
          .flatMap((record) => contacts.find((contact) => contact.id === record.contactId)?.addresses ?? [])
          .map((address) => truthByMailbox.get(mailboxOf(address))?.person ?? address),
      );
      const truePositives = attention.filter((truth) => flagged.has(truth.person)).length;
      const precision = flagged.size === 0 ? 1 : truePositives / flagged.size;
      const recall = truePositives / attention.length;
      console.log(
        `labelled mailbox in Chromium (Gmail): precision ${precision.toFixed(2)}, recall ${recall.toFixed(2)} (${truePositives} of ${attention.length} flagged, ${flagged.size - truePositives} false alarms)`,
      );
      expect([...flagged].sort()).toEqual(attention.map((truth) => truth.person).sort());

      // the inbox: one badge per row of a thread with someone who needs attention, none elsewhere
      const expected = expectedBadges();
      expect(expected.size).toBeGreaterThan(0);
      await expect
        .poll(async () => [...(await badgesByThread(page)).keys()].sort(), { timeout: 20_000 })
        .toEqual([...expected.keys()].sort());
      const shown = await badgesByThread(page);
      for (const [thread, badge] of expected) {
        expect({ thread, ...shown.get(thread) }, badge.person).toEqual({ thread, status: badge.status, text: badge.text });
      }

      // the clock stayed set: the service worker never restarted under the test
      expect((await workerState(extension)).clockSetTo).toBe(LABELLED_NOW);
      expect(extension.problemsOf(page)).toEqual([]);
      expect(extension.dialogs).toEqual([]);
      await Promise.all([page.close(), popup.close()]);
    },
  );
});
