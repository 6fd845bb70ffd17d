/**
 * The latency warnings in Firefox ESR (the built MV3 extension, over WebDriver BiDi): Sanne wrote
 * three times to a civil servant who never answered (tests/fixtures/latency-scenario.ts). After the
 * conversation was read, the toolbar badge counts him (read with browser.action.getBadgeText from
 * an extension page) and Gmail's list shows one red inline badge beside his row, without a reload;
 * when his reply is read in another tab, the toolbar badge clears and the untouched list in the
 * first tab loses its inline badge. In the MV2 build the background threw at the first badge
 * update, so none of this happened until a reload.
 *
 * The inline badge's text and label live in a closed shadow root, which no page script can reach:
 * BiDi serializes it (includeShadowTree: 'all'), as the Chromium tier reads it over CDP.
 */
import { describe, expect, it } from 'vitest';
import type { LatencyRecord } from '@/lib/store/schemas';
import {
  LATENCY_SCENARIO,
  LATENCY_SCENARIO_ANSWERED,
  SILENT_PERSON_ID,
  UNANSWERED_THREAD_ID,
} from '../../fixtures/latency-scenario';
import { gmailHash, renderGmail } from '../../fixtures/render-gmail';
import { personById } from '../../fixtures/scenario';
import { useFirefoxExtension } from './harness';

const GMAIL_URL = 'https://mail.google.com/mail/u/0/';
const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const SILENT = personById(LATENCY_SCENARIO, SILENT_PERSON_ID).address.toLowerCase();
const conversation = { view: 'conversation', threadId: UNANSWERED_THREAD_ID, expandAll: true, timeZone: localZone } as const;
const CONVERSATION_HASH = gmailHash(LATENCY_SCENARIO, conversation);

const RED_BADGE = {
  hostAttributes: ['data-gemeenteradar', 'data-gemeenteradar-thread', 'style'],
  shadowMode: 'closed',
  text: '3×',
  role: 'img',
  label: expect.stringMatching(
    /^Gemeenteradar: Reageert niet, \u2068Erik Bosman\u2069, 3 pogingen zonder antwoord, \d+ werkdagen wachten$/,
  ),
  status: 'unresponsive',
  background: 'rgb(180, 35, 24)',
  rowPerson: SILENT,
};

describe('latency warnings in Gmail, in Firefox', () => {
  const launched = useFirefoxExtension({ 'mail.google.com/mail/u/0/': renderGmail(LATENCY_SCENARIO, conversation) });

  it('three unanswered mails: toolbar badge and inline row badge without a reload; his reply clears both', async () => {
    const { firefox, server } = launched;
    const popup = await firefox.openExtensionPage('popup.html');
    expect(await firefox.toolbarBadge(popup)).toBe('');

    // 1. The conversation with the three unanswered mails.
    const page = await firefox.newPage();
    await page.goto(`${GMAIL_URL}${CONVERSATION_HASH}`);
    await expect.poll(() => firefox.toolbarBadge(popup), { timeout: 20_000 }).toBe('1');
    const [latency] = await firefox.waitForStore<LatencyRecord>(popup, 'latency', (records) =>
      records.some((record) => record.contactId === `c:${SILENT}`),
    );
    expect(latency).toMatchObject({ status: 'unresponsive', attemptsSinceLastResponse: 3 });

    // 2. Gmail's own navigation to the list (no page load): one red badge beside his row.
    await firefox.navigateInApp(page, renderGmail(LATENCY_SCENARIO, { view: 'list', timeZone: localZone }), '#inbox');
    await expect.poll(() => firefox.inlineBadges(page), { timeout: 10_000 }).toHaveLength(1);
    expect(await firefox.inlineBadges(page)).toEqual([RED_BADGE]);

    // 3. He replies: another tab reads the conversation with his answer.
    server.setRoute('mail.google.com/mail/u/0/', renderGmail(LATENCY_SCENARIO_ANSWERED, conversation));
    const second = await firefox.newPage();
    await second.goto(`${GMAIL_URL}${CONVERSATION_HASH}`);
    await expect.poll(() => firefox.toolbarBadge(popup), { timeout: 20_000 }).toBe('');
    // the list in the first tab, untouched, loses its badge (the background says the latency changed)
    await expect.poll(() => firefox.inlineBadges(page), { timeout: 20_000 }).toEqual([]);

    expect(firefox.problemsOf(page)).toEqual([]);
    expect(firefox.problemsOf(second)).toEqual([]);
    await second.close();
    await page.close();
    await popup.close();
  });
});
