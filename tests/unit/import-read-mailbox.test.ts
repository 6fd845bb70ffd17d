// @vitest-environment node
import '../setup/windows-1252-decoder';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { ImportedBatch } from '../../lib/import/message-mapping';
import { readMailbox, type ImportProgress, type ReadMailboxOptions } from '../../lib/import/read-mailbox';
import type { ImportedMessageObservation } from '../../lib/messaging/observations';
import { readGmail } from '../../lib/readers/gmail';
import { takeoutMbox } from '../fixtures/mbox/takeout-scenario';
import { NOT_MAILBOXES } from '../fixtures/mbox/not-mailboxes';
import { chunkedStream } from '../fixtures/mbox/streams';
import { renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, personById } from '../fixtures/scenario';

const DIR = join(process.cwd(), 'tests/fixtures/mbox');
const OWN = ['sanne@buurtkracht.nl'];
const fixture = (name: string) => new Uint8Array(readFileSync(join(DIR, name)));

const streamOf = (bytes: Uint8Array, chunk = 1000) => chunkedStream(bytes, chunk);

async function importAll(bytes: Uint8Array, options: Partial<ReadMailboxOptions> = {}) {
  const batches: ImportedBatch[] = [];
  const result = await readMailbox(streamOf(bytes), {
    ownAddresses: OWN,
    ...options,
    onBatch: (batch) => void batches.push(batch),
  });
  return { result, batches, messages: batches.flatMap((batch) => batch.messages) };
}

describe('readMailbox on the fixtures', () => {
  it('Takeout: keeps the stakeholder mail, drops and counts the rest', async () => {
    const { result, messages } = await importAll(fixture('takeout.mbox'));
    expect(result.status).toBe('done');
    expect(result.counts).toEqual({
      messages: 8,
      kept: 4,
      dropped: { newsletter: 1, spam: 1, chat: 1, 'own-organisation': 1 },
      skipped: {},
      problems: { 'no-message-id': 1 },
      skippedAt: [],
    });
    expect(messages.map((message) => message.subject)).toEqual([
      'Wijkaanpak Holtenbroek: vervolgafspraak',
      'Re: Wijkaanpak Holtenbroek: vervolgafspraak',
      'Automatisch antwoord: Re: Wijkaanpak Holtenbroek: vervolgafspraak',
      'Pilot schuldhulp in de buurt – Nieuw-West',
    ]);
    expect(result.status === 'done' && result.format).toBe('mbox');
  });

  it('broken messages are skipped with their positions or kept with their problems; the import goes on', async () => {
    const bytes = fixture('broken.mbox');
    const { result, messages } = await importAll(bytes);
    const offsetOf = (subjectOrText: string) => new TextDecoder().decode(bytes).indexOf(subjectOrText);
    expect(result.counts.skipped).toEqual({ 'no-headers': 1, 'no-sender': 1 });
    expect(result.counts.skippedAt).toEqual([
      { reason: 'no-headers', index: 1, offset: offsetOf('From a@example Mon Nov 23 09:01:00 2026') },
      { reason: 'no-sender', index: 5, offset: offsetOf('From a@example Mon Nov 23 09:05:00 2026') },
    ]);
    expect(result.counts.problems).toEqual({ 'broken-mime': 2, 'no-text': 1, 'unknown-charset': 1, 'unparsable-date': 1 });
    expect(messages.map((message) => message.subject)).toEqual([
      'Voor de kapotte berichten',
      'Kapotte grens',
      'Onbekende tekenset',
      'Onleesbare datum',
      'Niet afgesloten multipart',
      'Na de kapotte berichten',
    ]);
  });

  it('a truncated file: the whole messages are imported, the cut-off one skipped, never half stored', async () => {
    const { result, messages } = await importAll(fixture('truncated.mbox'));
    expect(result.status).toBe('done');
    expect(messages.map((message) => message.subject)).toEqual(['Heel bericht']);
    expect(result.counts.skippedAt).toEqual([{ reason: 'truncated', index: 1, offset: 217 }]);
  });

  it.each(NOT_MAILBOXES.map((entry) => [entry.name, entry.problem, entry.bytes] as const))(
    '%s: a file problem (%s), nothing sent',
    async (_, problem, bytes) => {
      const { result, batches } = await importAll(bytes);
      expect(result).toMatchObject({ status: 'file-problem', problem, offset: 0 });
      expect(batches).toEqual([]);
    },
  );

  it('the same message twice in a file is sent once', async () => {
    const text = new TextDecoder().decode(fixture('no-final-newline.mbox'));
    const { result, messages } = await importAll(new TextEncoder().encode(`${text}\n\n${text}\n`));
    expect(result.counts.messages).toBe(4);
    expect(messages.map((message) => message.messageKey)).toEqual(['mail:mid:nonl-1@weesp.nl', 'mail:mid:nonl-2@weesp.nl']);
  });
});

describe('batches, checkpoints and progress', () => {
  const bytes = new TextEncoder().encode(takeoutMbox(DEMO_SCENARIO));

  it('batches end at a resume offset; resuming from any of them imports exactly the rest', async () => {
    const all = await importAll(bytes, { batchSize: 4 });
    expect(all.batches.length).toBeGreaterThan(3);
    expect(all.batches.every((batch) => batch.messages.length <= 4)).toBe(true);
    expect(all.batches.at(-1)!.resumeOffset).toBe(bytes.length);
    const keys = all.messages.map((message) => message.messageKey);
    for (const [index, batch] of all.batches.slice(0, -1).entries()) {
      const done = all.batches.slice(0, index + 1).flatMap((each) => each.messages.map((message) => message.messageKey));
      const rest = await readMailbox(streamOf(bytes.subarray(batch.resumeOffset)), {
        ownAddresses: OWN,
        startOffset: batch.resumeOffset,
        batchSize: 4,
        onBatch: (next) => void done.push(...next.messages.map((message) => message.messageKey)),
      });
      expect(rest.status).toBe('done');
      expect(done).toEqual(keys);
    }
  });

  it('an abort stops at a message boundary with a resume offset; resuming finishes the import', async () => {
    const controller = new AbortController();
    const keys: string[] = [];
    const first = await readMailbox(streamOf(bytes, 300), {
      ownAddresses: OWN,
      batchSize: 3,
      signal: controller.signal,
      onBatch: (batch) => {
        keys.push(...batch.messages.map((message) => message.messageKey));
        controller.abort();
      },
    });
    expect(first.status).toBe('aborted');
    if (first.status !== 'aborted') return;
    expect(keys.length).toBeGreaterThanOrEqual(3);
    expect(first.resumeOffset).toBeLessThan(bytes.length);
    await readMailbox(streamOf(bytes.subarray(first.resumeOffset)), {
      ownAddresses: OWN,
      startOffset: first.resumeOffset,
      threadState: first.threadState(),
      onBatch: (batch) => void keys.push(...batch.messages.map((message) => message.messageKey)),
    });
    const whole = await importAll(bytes);
    expect(keys).toEqual(whole.messages.map((message) => message.messageKey));
  });

  it('progress: at most one report per interval while reading, bytes only growing, and a last one at the end', async () => {
    let clock = 0;
    const reports: ImportProgress[] = [];
    await readMailbox(streamOf(bytes, 200), {
      ownAddresses: OWN,
      progressIntervalMs: 500,
      now: () => (clock += 100),
      onBatch: () => undefined,
      onProgress: (progress) => reports.push({ ...progress, counts: { ...progress.counts } }),
    });
    const calls = clock / 100;
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.length).toBeLessThanOrEqual(Math.ceil(calls / 5) + 1);
    expect(reports.map((report) => report.bytesRead)).toEqual(reports.map((report) => report.bytesRead).sort((a, b) => a - b));
    expect(reports.at(-1)!.bytesRead).toBe(bytes.length);
    expect(reports.at(-1)!.counts.messages).toBe(DEMO_SCENARIO.threads.reduce((sum, thread) => sum + thread.messages.length, 0));
  });
});

describe('a Takeout export of threads the Gmail reader also saw', () => {
  const window = new Window();
  const readRendered = (threadId: string) =>
    readGmail(
      new window.DOMParser().parseFromString(
        renderGmail(DEMO_SCENARIO, { view: 'conversation', threadId, expandAll: true }),
        'text/html',
      ) as unknown as Document,
      {
        now: new Date(DEMO_SCENARIO.now),
        timeZone: 'Europe/Amsterdam',
      },
    );

  // Takeout has been seen writing both: LF, and CRLF line ends
  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])("lands in the Gmail reader's threads, with the same messages, people, times and text (%s)", async (_, lineEnd) => {
    const { result, messages } = await importAll(new TextEncoder().encode(takeoutMbox(DEMO_SCENARIO).replace(/\n/g, lineEnd)));
    expect(result.counts.dropped).toEqual({ 'automatic-sender': 1, 'own-organisation': 2 });
    const byThread = new Map<string, ImportedMessageObservation[]>();
    for (const message of messages) byThread.set(message.threadKey, [...(byThread.get(message.threadKey) ?? []), message]);

    const kept = DEMO_SCENARIO.threads.filter((thread) => !['nieuwsbrief-november', 'collega-planning'].includes(thread.id));
    expect(byThread.size).toBe(kept.length);
    for (const thread of kept) {
      const read = readRendered(thread.id);
      expect(read.messages).toHaveLength(thread.messages.length);
      const imported = byThread.get(read.messages[0]!.threadKey);
      expect(imported, thread.id).toBeDefined();
      expect(imported!.map((message) => `gmail:msg-f:${message.mail!.gmailMessageId}`)).toEqual(
        read.messages.map((message) => message.messageKey),
      );
      imported!.forEach((message, index) => {
        const seen = read.messages[index]!;
        expect(message.from.address).toBe(seen.from.address);
        expect(message.at).toBe(seen.at);
        expect(message.excerpt).toBe(seen.excerpt);
        expect(message.signature).toBe(seen.signature);
        expect([...message.to, ...message.cc].map((person) => person.address).sort()).toEqual(
          seen.to.map((person) => person.address).sort(),
        );
        expect(message.subject.replace(/^Re: /, '')).toBe(seen.subject);
        expect(message.from.name).toBe(personById(DEMO_SCENARIO, thread.messages[index]!.from).name);
      });
    }
  });
});
