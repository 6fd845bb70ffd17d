/**
 * The mailbox import, end to end: the BUILT extension in Chromium, files given to the real import
 * page (<input type=file>, as a user chooses them), read in its Worker, stored through the
 * background. We check what lands in IndexedDB against what the reader alone keeps of the same
 * file, the popup's municipalities after the import, a file that is no mailbox, and an import whose
 * page is reloaded midway: it resumes from its checkpoint and ends with the same store as an
 * uninterrupted import of the same file, nothing doubled.
 */
import '../setup/windows-1252-decoder';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { municipalityByCode } from '@/lib/data';
import { readMailbox } from '@/lib/import/read-mailbox';
import type { ImportedMessageObservation } from '@/lib/messaging/observations';
import { storedKeyOf } from '@/lib/store/mailbox-import';
import type { Contact, Message, Thread } from '@/lib/store/schemas';
import { withoutGmailIds } from '../fixtures/import-session';
import { NOT_MAILBOXES } from '../fixtures/mbox/not-mailboxes';
import { chunkedStream } from '../fixtures/mbox/streams';
import { takeoutMbox } from '../fixtures/mbox/takeout-scenario';
import { DEMO_SCENARIO, ownerOf, scaleScenario } from '../fixtures/scenario';
import { expectNoAxeViolations } from './axe';
import { readStore, useExtension, waitForStore, type LaunchedExtension } from './harness';

const OWN = ownerOf(DEMO_SCENARIO).address;
/** A Thunderbird-style export (no Gmail ids) of the demo mailbox, a few times over: ~2,000 messages. */
const MAILBOX = withoutGmailIds(takeoutMbox(scaleScenario(DEMO_SCENARIO, 900)));
/** Big enough that a reload lands in the middle: ~7,000 messages. */
const BIG = takeoutMbox(scaleScenario(DEMO_SCENARIO, 3000));

let dir: string;
const files: Record<string, string> = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'gemeenteradar-import-'));
  for (const [name, text] of [
    ['Postvak IN.mbox', MAILBOX],
    ['All mail Including Spam and Trash.mbox', BIG],
  ] as const) {
    files[name] = join(dir, name);
    writeFileSync(files[name], text);
  }
  files['takeout.zip'] = join(dir, 'takeout.zip');
  writeFileSync(files['takeout.zip'], NOT_MAILBOXES.find((each) => each.problem === 'zip-archive')!.bytes);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The message keys the store must end with: what the reader alone keeps of the file, as the store keys it. */
async function expectedKeys(text: string): Promise<string[]> {
  const kept: ImportedMessageObservation[] = [];
  await readMailbox(chunkedStream(new TextEncoder().encode(text), 1 << 16), {
    ownAddresses: [OWN],
    onBatch: (batch) => void kept.push(...batch.messages),
  });
  return [...new Set(kept.map((message) => storedKeyOf(message).message.messageKey))].sort();
}

/**
 * The Gmail keys the store knows, each once: a record's own or an alias. A mail of the big file
 * that the first test's mailbox already held is one record (one mail, one record: sender, minute,
 * subject and recipients agree) with the Gmail key as its alias.
 */
function gmailKeysOf(messages: readonly Pick<Message, 'id' | 'aliases'>[]): string[] {
  const keys = messages.flatMap((message) => [message.id, ...(message.aliases ?? [])]).filter((key) => key.startsWith('gmail:'));
  expect(new Set(keys).size, 'no Gmail key on two records').toBe(keys.length);
  return keys.sort();
}

/** Opens the import page, fills in the own address and gives it the files. */
async function startImport(extension: LaunchedExtension, names: string[]): Promise<Page> {
  const page = await extension.openExtensionPage('import.html');
  await page.getByRole('textbox', { name: 'Jouw e-mailadressen' }).fill(OWN);
  await page.locator('input[type=file]').setInputFiles(names.map((name) => files[name]!));
  await page.getByRole('button', { name: 'Importeren' }).click();
  return page;
}

async function waitForSummary(page: Page) {
  const summary = page.getByRole('region', { name: 'Import klaar' });
  await summary.waitFor({ timeout: 120_000 });
  return summary;
}

/** Every mail record without the time it was written: what two imports must agree on. */
async function mailStore(page: Page) {
  const strip = <T extends { updatedAt?: number }>(records: T[]) => records.map(({ updatedAt: _, ...rest }) => rest);
  // the order of expectedKeys (code units), so ids compare as lists
  const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return {
    messages: byId(strip(await readStore<Message>(page, 'messages'))),
    threads: byId(strip(await readStore<Thread>(page, 'threads'))),
    // a rule tag carries the time it was written, too
    contacts: byId(strip(await readStore<Contact>(page, 'contacts'))).map((contact) => ({
      ...contact,
      ruleTags: contact.ruleTags && strip(contact.ruleTags),
    })),
  };
}

/** What the summary says of each file ("…: 7.012 berichten, 1.230 bewaard"): counted once, whatever the reloads. */
const fileLines = (page: Page) => page.locator('[data-file-state]').allTextContents();

/** Every percentage the progress bar shows from now on, in order (read back with the returned function). */
async function recordProgress(page: Page): Promise<() => Promise<number[]>> {
  await page.evaluate(() => {
    const seen: number[] = [];
    const look = () => {
      const shown = document.querySelector('progress')?.getAttribute('aria-valuetext');
      if (shown && Number.parseInt(shown, 10) !== seen.at(-1)) seen.push(Number.parseInt(shown, 10));
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
    (globalThis as unknown as { progressSeen: number[] }).progressSeen = seen;
  });
  return () => page.evaluate(() => (globalThis as unknown as { progressSeen: number[] }).progressSeen);
}

let uninterrupted: (Awaited<ReturnType<typeof mailStore>> & { fileLines: string[] }) | null = null;

describe('importing mailbox files through the import page', () => {
  const launched = useExtension({});

  it('stores what the reader keeps, says what the zip is, and the popup shows the municipalities found', async () => {
    const page = await startImport(launched.extension, ['takeout.zip', 'Postvak IN.mbox']);
    const summary = await waitForSummary(page);
    await expectNoAxeViolations(page, 'import page, done');
    await expect.poll(() => summary.textContent()).toContain('takeout.zip: dit is een zip-bestand');

    const messages = await readStore<Message>(page, 'messages');
    expect(messages.map((message) => message.id).sort()).toEqual(await expectedKeys(MAILBOX));
    expect(new Set(messages.map((message) => message.host))).toEqual(new Set(['mailbox']));
    expect(messages.filter((message) => message.direction === 'out').length).toBeGreaterThan(0);
    const threads = await readStore<Thread>(page, 'threads');
    expect(threads.map((thread) => thread.id).sort()).toEqual([...new Set(messages.map((message) => message.threadId))].sort());
    expect(
      (await readStore<{ address: string; host: string }>(page, 'accounts')).map((account) => [account.address, account.host]),
    ).toEqual([[OWN, 'mailbox']]);
    expect(await readStore(page, 'rejections')).toEqual([]);
    const summaryText = (await summary.textContent()) ?? '';
    expect(summaryText).toContain(messages.length.toLocaleString('nl-NL'));

    // the pipeline ran once the import ended: the popup lists the municipalities of the contacts found
    const contacts = await readStore<Contact>(page, 'contacts');
    const codes = [
      ...new Set(
        contacts
          .filter((contact) => contact.kind === 'stakeholder' && contact.municipalityCode)
          .map((contact) => contact.municipalityCode!),
      ),
    ];
    expect(codes.length).toBeGreaterThan(3);
    const popup = await launched.extension.openExtensionPage('popup.html');
    await waitForStore(popup, 'summaries', (records) => records.length === codes.length, 30_000);
    for (const code of codes) {
      const name = municipalityByCode(code)!.name;
      // the row's name, not the province filter's hidden option of the same text
      const exactly = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      await popup.locator('.municipality__name').filter({ hasText: exactly }).first().waitFor();
      expect(summaryText).toContain(name);
    }
    expect(await readStore(popup, 'latency')).not.toEqual([]);
    expect(launched.extension.problemsOf(page)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('an uninterrupted import of the big Takeout file (the reference for the next test)', async () => {
    const page = await startImport(launched.extension, ['All mail Including Spam and Trash.mbox']);
    await waitForSummary(page);
    const store = await mailStore(page);
    expect(gmailKeysOf(store.messages)).toEqual(await expectedKeys(BIG));
    uninterrupted = {
      ...store,
      fileLines: await fileLines(page),
      // the first test's mailbox shares the people: compare only what the big file adds
      messages: store.messages.filter((message) => message.host === 'gmail'),
      threads: store.threads.filter((thread) => thread.host === 'gmail'),
    };
    await page.close();
  });
});

describe('an import whose page is reloaded midway', () => {
  const launched = useExtension({});

  it('resumes from its checkpoint when given the same file again: nothing doubled, the same store as without the reload', async () => {
    // the same people first (the reference saw them in the first test's mailbox)
    const first = await startImport(launched.extension, ['Postvak IN.mbox']);
    await waitForSummary(first);
    await first.close();

    const page = await startImport(launched.extension, ['All mail Including Spam and Trash.mbox']);
    // somewhere past a fifth, with a checkpoint written
    const progress = page.getByRole('progressbar', { name: 'Voortgang van de import' });
    await expect
      .poll(async () => Number((await progress.getAttribute('aria-valuetext'))?.replace('%', '') ?? 0), {
        timeout: 60_000,
        interval: 50,
      })
      .toBeGreaterThanOrEqual(20);
    const storedBefore = (await readStore<Message>(page, 'messages')).length;
    await page.reload();

    await page.getByRole('heading', { name: /Een eerdere import is onderbroken bij \d+%/ }).waitFor();
    const interruptedAt = Number(
      /bij (\d+)%/.exec((await page.getByRole('heading', { name: /onderbroken/ }).textContent()) ?? '')?.[1],
    );
    expect(interruptedAt).toBeGreaterThan(0);
    expect(interruptedAt).toBeLessThan(100);
    const progressSeen = await recordProgress(page);
    await page.locator('input[type=file]').setInputFiles(files['All mail Including Spam and Trash.mbox']!);
    await waitForSummary(page);
    // it went on from the checkpoint: the bar never showed less than where it was interrupted
    const seen = await progressSeen();
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.min(...seen)).toBeGreaterThanOrEqual(interruptedAt);
    // and counted what it read before the reload once: the file's line is that of the uninterrupted import
    expect(await fileLines(page)).toEqual(uninterrupted?.fileLines);

    const store = await mailStore(page);
    const resumed = {
      ...store,
      messages: store.messages.filter((message) => message.host === 'gmail'),
      threads: store.threads.filter((thread) => thread.host === 'gmail'),
    };
    expect(storedBefore).toBeGreaterThan(0);
    expect(gmailKeysOf(store.messages)).toEqual(await expectedKeys(BIG));
    expect(uninterrupted, 'the uninterrupted import ran first').not.toBeNull();
    expect(resumed.messages).toEqual(uninterrupted!.messages);
    expect(resumed.threads).toEqual(uninterrupted!.threads);
    expect(resumed.contacts).toEqual(uninterrupted!.contacts);
    expect(await readStore(page, 'rejections')).toEqual([]);
  });
});
