// @vitest-environment node
// (File streams and postal-mime as in the other import tests; the fake browser from tests/setup/unit.ts)
import '../setup/windows-1252-decoder';
import { describe, expect, it } from 'vitest';
import { ImportSession, secondsLeft, type ImportPhase, type ImportSessionDeps } from '@/lib/import/import-session';
import { BATCHES_IN_FLIGHT } from '@/lib/import/import-worker';
import { readMailbox } from '@/lib/import/read-mailbox';
import { sumOf } from '@/lib/import/import-totals';
import { chunkedStream } from '../fixtures/mbox/streams';
import { NOT_MAILBOXES } from '../fixtures/mbox/not-mailboxes';
import { takeoutMbox } from '../fixtures/mbox/takeout-scenario';
import { DEMO_SCENARIO, ownerOf, scaleScenario } from '../fixtures/scenario';
import {
  inProcessWorker,
  mailboxFile,
  memoryCheckpoints,
  memoryLock,
  recordingBackground,
  sessionDeps,
  withoutGmailIds,
  type MemoryCheckpoints,
  type RecordingBackground,
  REFUSED,
} from '../fixtures/import-session';

const OWN = [ownerOf(DEMO_SCENARIO).address];
/** ~600 messages in ~200 threads: enough batches of 20 to stop in the middle */
const BIG = takeoutMbox(scaleScenario(DEMO_SCENARIO, 200));
const SMALL = takeoutMbox(DEMO_SCENARIO);

/** What readMailbox alone keeps of a mailbox, in order: what an import must store, each once. */
async function keptKeys(text: string): Promise<string[]> {
  const keys: string[] = [];
  await readMailbox(chunkedStream(new TextEncoder().encode(text), 4096), {
    ownAddresses: OWN,
    onBatch: (batch) => void keys.push(...batch.messages.map((each) => each.messageKey)),
  });
  return keys;
}

async function harness(overrides: Partial<ImportSessionDeps> = {}, checkpoints: MemoryCheckpoints = memoryCheckpoints()) {
  const background = recordingBackground();
  const session = new ImportSession(sessionDeps({ background, checkpoints, batchSize: 20, ...overrides }));
  // the page opens the session before anything else (it reads the checkpoint)
  await session.open();
  const phases: ImportPhase[] = [];
  session.subscribe(() => {
    const phase = session.getView().phase;
    if (phases.at(-1) !== phase) phases.push(phase);
  });
  return { session, background, checkpoints, phases };
}

/** Resolves when the session's view satisfies `predicate` (fails after a few seconds). */
function until(session: ImportSession, predicate: (phase: ImportPhase) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    if (predicate(session.getView().phase)) return resolve();
    const timer = setTimeout(() => reject(new Error(`still ${session.getView().phase}`)), 20_000);
    const stop = session.subscribe(() => {
      if (!predicate(session.getView().phase)) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

// whole imports through the real Worker code: seconds each on a loaded machine
const batchesSent = (background: RecordingBackground) => background.calls.filter((call) => call.type === 'batch').length;

describe('an import, start to finish', { timeout: 30_000 }, () => {
  it('reads the file in a Worker, stores every kept message once, and ends the import once', async () => {
    const { session, background, checkpoints, phases } = await harness();
    expect(session.getView().phase).toBe('idle');
    await session.start([mailboxFile(BIG)], OWN);
    await until(session, (phase) => phase === 'finished');

    expect(phases).toEqual(['idle', 'running', 'finished']);
    expect(background.storedKeys()).toEqual(await keptKeys(BIG));
    expect(background.calls[0]).toMatchObject({ type: 'start' });
    expect(background.calls.filter((call) => call.type === 'end')).toEqual([expect.objectContaining({ outcome: 'finished' })]);
    expect(checkpoints.current).toBeNull();
    expect(checkpoints.saved.length).toBeGreaterThan(0);

    const view = session.getView();
    expect(view.totals.kept).toBe(background.storedKeys().length);
    expect(view.totals.messages).toBe(view.totals.kept + sumOf(view.totals.dropped) + sumOf(view.totals.skipped));
    expect(view.bytesDone).toBe(view.bytesTotal);
    expect(view.files.map((file) => file.state)).toEqual([{ status: 'done' }]);
    expect(view.found).toEqual(background.found);
  });

  it('several files: the thread memory goes from one to the next (a reply in the second file finds its thread in the first)', async () => {
    const whole = withoutGmailIds(SMALL);
    const cut = whole.indexOf('From -', Math.floor(whole.length / 2));
    const { session, background } = await harness();
    await session.start([mailboxFile(whole.slice(0, cut), 'deel-1.mbox'), mailboxFile(whole.slice(cut), 'deel-2.mbox')], OWN);
    await until(session, (phase) => phase === 'finished');
    expect(background.storedKeys()).toEqual(await keptKeys(whole));
    expect(session.getView().files.map((file) => file.state.status)).toEqual(['done', 'done']);
  });

  it('a file that is no mailbox is reported with its reason, and the next file is read', async () => {
    const zip = NOT_MAILBOXES.find((each) => each.problem === 'zip-archive')!;
    const { session, background } = await harness();
    await session.start([mailboxFile(zip.bytes, 'takeout.zip'), mailboxFile(SMALL)], OWN);
    await until(session, (phase) => phase === 'finished');
    expect(session.getView().files.map((file) => file.state)).toEqual([
      { status: 'problem', problem: 'zip-archive', offset: 0 },
      { status: 'done' },
    ]);
    expect(background.storedKeys()).toEqual(await keptKeys(SMALL));
  });

  it('progress: bytes only grow, to the whole file', async () => {
    const { session } = await harness();
    const seen: number[] = [];
    session.subscribe(() => seen.push(session.getView().bytesDone));
    await session.start([mailboxFile(BIG)], OWN);
    await until(session, (phase) => phase === 'finished');
    expect(seen.length).toBeGreaterThan(5);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(new TextEncoder().encode(BIG).length);
    expect(session.getView().secondsLeft).toBeNull();
  });
});

describe('the time left', () => {
  const MB = 1_000_000;
  it.each([
    ['nothing measured yet', [], 10 * MB, null],
    [
      'less than 1.5 s measured',
      [
        { at: 0, bytes: 0 },
        { at: 1000, bytes: MB },
      ],
      10 * MB,
      null,
    ],
    [
      '1 MB/s, 8 MB to go',
      [
        { at: 0, bytes: 0 },
        { at: 2000, bytes: 2 * MB },
      ],
      10 * MB,
      8,
    ],
    [
      'only the last 8 s count (it was slower before)',
      [
        { at: 0, bytes: 0 },
        { at: 10_000, bytes: MB },
        { at: 12_000, bytes: 5 * MB },
      ],
      10 * MB,
      3,
    ],
    [
      'nothing moves (a batch being stored)',
      [
        { at: 0, bytes: MB },
        { at: 3000, bytes: MB },
      ],
      10 * MB,
      null,
    ],
    [
      'done',
      [
        { at: 0, bytes: 0 },
        { at: 2000, bytes: 10 * MB },
      ],
      10 * MB,
      0,
    ],
  ])('%s', (_label, samples, total, expected) => {
    expect(secondsLeft([...samples], total)).toBe(expected);
  });
});

describe('pause, resume, cancel', { timeout: 30_000 }, () => {
  it('pause stops at a checkpoint, resume goes on from it: every message stored, none twice', async () => {
    const { session, background, checkpoints, phases } = await harness();
    background.onBatch = (attempt) => {
      if (attempt === 3) session.pause();
      return 'store';
    };
    await session.start([mailboxFile(BIG)], OWN);
    await until(session, (phase) => phase === 'paused');
    const stored = batchesSent(background);
    expect(stored).toBeGreaterThanOrEqual(3);
    expect(background.calls.at(-1)).toMatchObject({ type: 'end', outcome: 'paused' });
    expect(checkpoints.current).toMatchObject({ fileIndex: 0 });
    expect(checkpoints.current!.resumeOffset).toBeGreaterThan(0);
    expect(session.getView().bytesDone).toBe(checkpoints.current!.resumeOffset);

    await session.resume();
    await until(session, (phase) => phase === 'finished');
    expect(phases).toEqual(['idle', 'running', 'pausing', 'paused', 'running', 'finished']);
    const keys = background.storedKeys();
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(await keptKeys(BIG));
    expect(session.getView().totals.kept).toBe(keys.length);
  });

  it('cancel: what was stored stays, the checkpoint goes, the summary counts what was done', async () => {
    const { session, background, checkpoints } = await harness();
    background.onBatch = (attempt) => {
      if (attempt === 2) void session.cancel();
      return 'store';
    };
    await session.start([mailboxFile(BIG)], OWN);
    await until(session, (phase) => phase === 'cancelled');
    expect(background.calls.at(-1)).toMatchObject({ type: 'end', outcome: 'cancelled' });
    expect(checkpoints.current).toBeNull();
    const stored = background.storedKeys();
    expect(stored.length).toBeLessThan((await keptKeys(BIG)).length);
    expect(session.getView().totals.kept).toBe(stored.length);
    expect(session.getView().found).toEqual(background.found);
  });

  it('a page closed mid-import: the next page offers the interrupted import, wants the same file, and ends with every message stored', async () => {
    const checkpoints = memoryCheckpoints();
    const first = await harness({}, checkpoints);
    let closed = false;
    first.background.onBatch = (attempt) => {
      if (attempt >= 8 && checkpoints.current) closed = true;
      return closed ? 'stall' : 'store';
    };
    await first.session.start([mailboxFile(BIG)], OWN);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => closed && (clearInterval(timer), resolve()), 5);
    });
    first.session.pageHidden();
    expect(first.background.calls.at(-1)).toMatchObject({ type: 'end', outcome: 'paused' });

    const second = await harness({}, checkpoints);
    await second.session.open();
    expect(second.session.getView()).toMatchObject({
      phase: 'interrupted',
      files: [expect.objectContaining({ name: 'takeout.mbox' })],
    });
    expect(second.session.getView().bytesDone).toBe(checkpoints.current!.resumeOffset);

    await second.session.resume([mailboxFile(BIG, 'takeout.mbox', 1_600_000_000_000)]);
    expect(second.session.getView()).toMatchObject({ phase: 'interrupted', error: { code: 'wrong-files' } });
    await second.session.resume([mailboxFile(BIG)]);
    await until(second.session, (phase) => phase === 'finished');

    const all = await keptKeys(BIG);
    const union = new Set([...first.background.storedKeys(), ...second.background.storedKeys()]);
    expect([...union].sort()).toEqual([...all].sort());
    // resumed from the checkpoint, not from the start
    expect(second.background.storedKeys().length).toBeLessThan(all.length);
    expect(second.session.getView().totals.kept).toBe(all.length);
  });
});

describe('reading and storing overlap, within bounds', { timeout: 30_000 }, () => {
  it('a store that does not answer holds the reading at BATCHES_IN_FLIGHT batches; the answers acknowledge them in order', async () => {
    const answers: Array<() => void> = [];
    let answerAtOnce = false;
    const background = recordingBackground(
      () => new Promise((resolve) => (answerAtOnce ? resolve({ ok: true }) : answers.push(() => resolve({ ok: true })))),
    );
    let worker: ReturnType<typeof inProcessWorker> | null = null;
    const { session } = await harness({ background, startWorker: () => (worker = inProcessWorker()) });
    await session.start([mailboxFile(BIG)], OWN);
    // the Worker has read ahead as far as it may, and waits
    await expect.poll(() => answers.length).toBe(BATCHES_IN_FLIGHT);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answers.length).toBe(BATCHES_IN_FLIGHT);
    const acks = () => worker!.sent.flatMap((message) => (message.type === 'ack' ? [message.batchId] : []));
    expect(acks()).toEqual([]);

    // the second answers first: nothing acknowledged until the first is stored too, then both in order
    answers[1]!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(acks()).toEqual([]);
    answers[0]!();
    await expect.poll(acks).toEqual([1, 2]);

    // from here on every batch is answered as it comes: the import finishes with every message once
    answerAtOnce = true;
    answers.slice(BATCHES_IN_FLIGHT).forEach((answer) => answer());
    await until(session, (phase) => phase === 'finished');
    expect(background.storedKeys().sort()).toEqual((await keptKeys(BIG)).sort());
  });
});

describe('what goes wrong', { timeout: 30_000 }, () => {
  it('a refused batch is retried, and the import goes on', async () => {
    const { session, background } = await harness();
    background.onBatch = (attempt) => (attempt === 1 || attempt === 2 ? 'refuse' : 'store');
    await session.start([mailboxFile(SMALL)], OWN);
    await until(session, (phase) => phase === 'finished');
    expect(background.storedKeys()).toEqual(await keptKeys(SMALL));
  });

  it('a batch refused every time: failed with the reason, the checkpoint kept, and a retry finishes it', async () => {
    const { session, background, checkpoints } = await harness();
    let refusing = false;
    background.onBatch = (attempt) => {
      if (attempt === 4) refusing = true;
      return refusing ? 'refuse' : 'store';
    };
    await session.start([mailboxFile(BIG)], OWN);
    await until(session, (phase) => phase === 'failed');
    expect(session.getView().error).toEqual({ code: 'not-stored', reason: REFUSED });
    expect(background.calls.at(-1)).toMatchObject({ type: 'end', outcome: 'paused' });
    expect(checkpoints.current).not.toBeNull();

    refusing = false;
    await session.resume();
    await until(session, (phase) => phase === 'finished');
    expect([...new Set(background.storedKeys())].sort()).toEqual([...(await keptKeys(BIG))].sort());
  });

  it('another page runs an import: nothing starts', async () => {
    const lock = memoryLock();
    await lock.acquire();
    const { session, background } = await harness({ acquireLock: lock.acquire });
    await session.start([mailboxFile(SMALL)], OWN);
    expect(session.getView()).toMatchObject({ phase: 'idle', error: { code: 'busy' } });
    expect(background.calls).toEqual([]);
  });

  it('a Worker that fails: failed, with what it said', async () => {
    const { session } = await harness({
      startWorker: () => {
        const worker = inProcessWorker();
        const post = worker.post.bind(worker);
        worker.post = (message) =>
          post(
            message.type === 'read'
              ? {
                  ...message,
                  file: {
                    stream: () => {
                      throw new Error('NotReadableError');
                    },
                    slice: () => null,
                  } as unknown as File,
                }
              : message,
          );
        return worker;
      },
    });
    await session.start([mailboxFile(SMALL)], OWN);
    await until(session, (phase) => phase === 'failed');
    expect(session.getView().error).toMatchObject({ code: 'worker-failed', reason: expect.stringContaining('NotReadableError') });
  });
});
