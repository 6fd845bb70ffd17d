// Evaluated inside the BUILT extension's data page (bundled by tests/bench/data.ts): the backup,
// restore and forget the page does, timed. Messages go to the real background over runtime
// messaging, as the page sends them.
import { sendBackup } from '@/lib/backup/send';
import { expectOk, restoreTransport, type DataServices } from '@/lib/backup/services';
import { writeBackup } from '@/lib/backup/write';
import type { DataReply } from '@/lib/messaging/data-messages';
import type { RuntimeMessage } from '@/lib/messaging/runtime';
import { findMentions } from '@/lib/store/forget/mentions';
import { personMatcher } from '@/lib/store/forget/person';
import { readPersonTraces } from '@/lib/store/forget/read';
import { getPageDb } from '@/lib/store/page-db';

// WXT gives extension code a `browser` global; this bundle is not built by WXT
const chromeApi = (globalThis as unknown as { chrome: typeof browser }).chrome;
(globalThis as unknown as { browser: typeof browser }).browser ??= chromeApi;

const send = async (message: RuntimeMessage) => (await chromeApi.runtime.sendMessage(message)) as DataReply;
const services = { send } as Pick<DataServices, 'send'>;

/** The longest pause between two progress reports, and how many there were. */
function progressClock() {
  let last = performance.now();
  let longest = 0;
  let reports = 0;
  return {
    tick() {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      reports++;
    },
    result: () => ({ longestGapMs: Math.round(longest), reports }),
  };
}

let backup: Blob | null = null;

async function benchBackup() {
  const db = getPageDb();
  await db.open();
  const clock = progressClock();
  const started = performance.now();
  const written = await writeBackup(db, { settings: {}, onProgress: clock.tick });
  const ms = performance.now() - started;
  backup = written.blob;
  const records = Object.values(written.header.counts).reduce((sum, count) => sum + count, 0);
  return { ms: Math.round(ms), records, megabytes: +(written.blob.size / 1e6).toFixed(1), ...clock.result() };
}

/** Empties the store through the background (forget everything), as a fresh profile would be. */
async function wipe() {
  expectOk(await send({ type: 'forget-everything', keep: { settings: true } }));
  return getPageDb().contacts.count();
}

/** Reads the backup made above, stages it, plans it and writes it (merge into the emptied store). */
async function benchRestore(mode: 'merge' | 'replace') {
  const clock = progressClock();
  const started = performance.now();
  const { restoreId } = await sendBackup(backup!, restoreTransport(services), clock.tick);
  const staged = performance.now();
  const plan = expectOk(await send({ type: 'restore-plan', restoreId, mode })).summary!;
  const planned = performance.now();
  const applied = expectOk(await send({ type: 'restore-apply', restoreId, mode })).summary!;
  const done = performance.now();
  return {
    ms: Math.round(done - started),
    stageMs: Math.round(staged - started),
    planMs: Math.round(planned - staged),
    applyMs: Math.round(done - planned),
    added: applied.tables.reduce((sum, table) => sum + table.added, 0),
    alreadyHere: plan.tables.reduce((sum, table) => sum + table.alreadyHere, 0),
    contacts: await getPageDb().contacts.count(),
    messages: await getPageDb().messages.count(),
    ...clock.result(),
  };
}

/** Forgets one person: the page's scan for mentions (before the user confirms), then the background's forget. */
async function benchForget(index: number) {
  const db = getPageDb();
  const address = (await db.contacts.where(':id').startsWith(`c:persoon${index}@`).first())!.addresses[0]!;
  const scanStarted = performance.now();
  const traces = await readPersonTraces(db, [address]);
  const mentions = await findMentions(db, personMatcher(traces.person), traces.records);
  const scanMs = performance.now() - scanStarted;
  const started = performance.now();
  const reply = expectOk(await send({ type: 'forget-person', forget: { addresses: [address], mentions } }));
  const ms = performance.now() - started;
  const touched = (reply.forgotten ?? []).reduce((sum, count) => sum + count.deleted + count.changed, 0);
  return { ms: Math.round(ms), scanMs: Math.round(scanMs), touched };
}

Object.assign(globalThis, { benchBackup, benchRestore, benchForget, wipe });
