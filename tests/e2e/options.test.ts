/**
 * The options page, end to end with the BUILT extension: the user changes when a role counts as
 * slow, saves, and the background measures every contact against the new thresholds at once
 * (it watches the setting). The conversation of tests/fixtures/latency-scenario.ts gives a civil
 * servant with a latency record; the record names the thresholds it was measured against.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LatencyRecord } from '@/lib/store/schemas';
import { LATENCY_SCENARIO, SILENT_PERSON_ID, UNANSWERED_THREAD_ID } from '../fixtures/latency-scenario';
import { gmailHash, renderGmail } from '../fixtures/render-gmail';
import { personById } from '../fixtures/scenario';
import { useExtension, waitForStore } from './harness';

const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
const conversation = { view: 'conversation', threadId: UNANSWERED_THREAD_ID, expandAll: true, timeZone: localZone } as const;
const RESULTS = join(import.meta.dirname, '../../test-results');
const CONTACT_ID = `c:${personById(LATENCY_SCENARIO, SILENT_PERSON_ID).address.toLowerCase()}`;

describe('options page', () => {
  const launched = useExtension({ 'mail.google.com/mail/u/0/': renderGmail(LATENCY_SCENARIO, conversation) });

  it('saves new thresholds, and the background measures every contact against them at once', async () => {
    const gmail = await launched.extension.context.newPage();
    await gmail.goto(`https://mail.google.com/mail/u/0/${gmailHash(LATENCY_SCENARIO, conversation)}`);
    const popup = await launched.extension.openExtensionPage('popup.html');
    const measured = (thresholds: { ideal: number; max: number }) => (records: LatencyRecord[]) =>
      records.some(
        (record) =>
          record.contactId === CONTACT_ID &&
          record.thresholds.ideal === thresholds.ideal &&
          record.thresholds.max === thresholds.max,
      );
    const [before] = await waitForStore<LatencyRecord>(popup, 'latency', measured({ ideal: 5, max: 10 }), 20_000);
    expect(before).toMatchObject({ role: 'ambtenaar' });

    const options = await launched.extension.openExtensionPage('options.html');
    expect(await options.title()).toBe('Gemeenteradar: instellingen');
    const ideal = options.getByRole('textbox', { name: 'Ambtenaar: Traag na (werkdagen)' });
    const max = options.getByRole('textbox', { name: 'Ambtenaar: Reageert niet na (werkdagen)' });
    await expect.poll(() => ideal.inputValue()).toBe('5');
    await ideal.fill('3');
    await max.fill('2');
    expect(await ideal.getAttribute('aria-invalid')).toBe('true');
    await max.fill('6');
    await options.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => options.getByRole('status').textContent()).toContain('Opgeslagen');

    type StorageGlobal = { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
    const stored = await options.evaluate(() => (globalThis as unknown as StorageGlobal).chrome.storage.local.get('thresholds'));
    expect((stored.thresholds as Record<string, unknown>).ambtenaar).toEqual({ ideal: 3, max: 6 });
    await waitForStore<LatencyRecord>(popup, 'latency', measured({ ideal: 3, max: 6 }), 10_000);

    // still there after a reload: the page reads what is stored
    await options.reload();
    await expect.poll(() => options.getByRole('textbox', { name: 'Ambtenaar: Traag na (werkdagen)' }).inputValue()).toBe('3');
    expect(launched.extension.problemsOf(options)).toEqual([]);
    mkdirSync(RESULTS, { recursive: true });
    await options.screenshot({ path: join(RESULTS, 'options.png'), fullPage: true });
  });
});
