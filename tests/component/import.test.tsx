/**
 * The import page's states, in Dutch and English: choosing files and addresses, running with
 * progress, paused, interrupted (the same file asked for again), failed, and the summary. The
 * session is the real one (lib/import/import-session.ts); its Worker is scripted here, so each
 * state is reached by what a Worker says, and the background records what it is sent.
 */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportApp } from '@/components/import/import-app';
import type { ImportCheckpoint } from '@/lib/import/checkpoint';
import { ImportSession, type WorkerPort } from '@/lib/import/import-session';
import { emptyCounts, emptyTotals, type ImportCounts } from '@/lib/import/import-totals';
import type { PageToWorker, WorkerToPage } from '@/lib/import/worker-protocol';
import { municipalityByName } from '@/lib/data';
import { setLocale } from '@/lib/i18n';
import { importedMessage } from '../fixtures/observations';
import {
  mailboxFile,
  memoryCheckpoints,
  memoryLock,
  recordingBackground,
  sessionDeps,
  type MemoryCheckpoints,
} from '../fixtures/import-session';

/** A Worker whose words the test chooses. */
function scriptedWorker() {
  const received: PageToWorker[] = [];
  let listener: (message: WorkerToPage) => void = () => undefined;
  const port: WorkerPort & { received: PageToWorker[]; say(message: WorkerToPage): Promise<void> } = {
    received,
    post: (message) => void received.push(message),
    onMessage: (next) => void (listener = next),
    onError: () => undefined,
    terminate: () => undefined,
    say: async (message) => {
      await act(async () => {
        listener(message);
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
    },
  };
  return port;
}

const ZWOLLE = municipalityByName('Zwolle')!.code;
const SIZE = 4_000_000;

function counts(overrides: Partial<ImportCounts>): ImportCounts {
  return { ...emptyCounts(), ...overrides };
}

let worker: ReturnType<typeof scriptedWorker>;
let checkpoints: MemoryCheckpoints;
let background: ReturnType<typeof recordingBackground>;

async function renderImport(checkpoint: ImportCheckpoint | null = null) {
  worker = scriptedWorker();
  checkpoints = memoryCheckpoints(checkpoint);
  background = recordingBackground();
  background.found = { contacts: 3, municipalities: [{ code: ZWOLLE, contacts: 3 }], overflow: false };
  let clock = 0;
  const session = new ImportSession(
    sessionDeps({
      background,
      checkpoints,
      startWorker: () => worker,
      acquireLock: memoryLock().acquire,
      now: () => (clock += 1000),
    }),
  );
  await session.open();
  render(<ImportApp session={session} knownAddresses={async () => ['sanne@buurtkracht.nl']} />);
  return session;
}

const file = (name = 'Alle mail.mbox') => mailboxFile(new Uint8Array(SIZE), name);

async function startImport(name?: string) {
  // the picker offers mailboxes first, but a user may pick any file ("all files"), as here a .zip
  await userEvent.setup({ applyAccept: false }).upload(screen.getByLabelText(/Kies bestanden|Choose files/), file(name));
  await userEvent.click(screen.getByRole('button', { name: /^(Importeren|Import)$/ }));
}

beforeEach(() => setLocale('nl'));
afterEach(() => setLocale('nl'));

describe('import page: a new import', () => {
  it('asks for the own addresses (filled in from the store) and files; refuses what is no address', async () => {
    await renderImport();
    expect(screen.getByRole('heading', { name: 'Mailgeschiedenis importeren' })).toBeVisible();
    const own = screen.getByRole('textbox', { name: 'Jouw e-mailadressen' });
    expect(await screen.findByDisplayValue('sanne@buurtkracht.nl')).toBe(own);
    const start = screen.getByRole('button', { name: 'Importeren' });
    expect(start).toBeDisabled(); // no file yet
    await userEvent.upload(screen.getByLabelText('Kies bestanden'), file('<img src=x onerror=alert(1)>.mbox'));
    expect(screen.getByRole('region', { name: 'Gekozen bestanden' })).toHaveTextContent(
      '<img src=x onerror=alert(1)>.mbox (4 MB)',
    );
    expect(document.querySelector('img')).toBeNull();
    expect(start).toBeEnabled();

    await userEvent.clear(own);
    await userEvent.type(own, 'sanne@buurtkracht.nl, geen-adres');
    expect(screen.getByText('Dit is geen e-mailadres: geen-adres')).toBeVisible();
    expect(own).toHaveAttribute('aria-invalid', 'true');
    expect(start).toBeDisabled();
    await userEvent.clear(own);
    expect(screen.getByText('Vul minstens één eigen e-mailadres in.')).toBeVisible();
  });

  it('runs: progress with bytes, messages and time left, pause, continue, and the summary at the end', async () => {
    await renderImport();
    await screen.findByDisplayValue('sanne@buurtkracht.nl');
    await startImport();
    expect(worker.received[0]).toMatchObject({ type: 'read', startOffset: 0, ownAddresses: ['sanne@buurtkracht.nl'] });
    expect(background.calls[0]).toMatchObject({ type: 'start' });

    await worker.say({
      type: 'progress',
      fileIndex: 0,
      bytesRead: SIZE / 2,
      counts: counts({ messages: 120, kept: 40, dropped: { newsletter: 70, 'own-organisation': 10 } }),
    });
    expect(screen.getByRole('progressbar', { name: 'Voortgang van de import' })).toHaveAttribute('aria-valuetext', '50%');
    expect(screen.getByText('2 MB van 4 MB gelezen (50%)')).toBeVisible();
    expect(screen.getByText('120 berichten gelezen: 40 bewaard, 80 overgeslagen')).toBeVisible();
    expect(screen.getByText('De resterende tijd wordt berekend…')).toBeVisible();
    await worker.say({ type: 'progress', fileIndex: 0, bytesRead: (SIZE * 3) / 4, counts: counts({ messages: 180, kept: 60 }) });
    expect(screen.getByText(/^Nog ongeveer \d+ seconden$/)).toBeVisible();

    await worker.say({
      type: 'batch',
      batchId: 1,
      fileIndex: 0,
      messages: [importedMessage()],
      resumeOffset: SIZE / 2,
      counts: counts({ messages: 120, kept: 40 }),
      threadState: [],
    });
    expect(worker.received.at(-1)).toEqual({ type: 'ack', batchId: 1 });

    await userEvent.click(screen.getByRole('button', { name: 'Pauzeren' }));
    expect(worker.received.at(-1)).toEqual({ type: 'stop' });
    expect(screen.getByRole('status')).toHaveTextContent('Bezig met pauzeren…');
    await worker.say({
      type: 'file-done',
      fileIndex: 0,
      outcome: { status: 'stopped', resumeOffset: SIZE / 2 },
      counts: counts({ messages: 120, kept: 40, dropped: { newsletter: 70, 'own-organisation': 10 } }),
      threadState: [],
    });
    expect(await screen.findByText('Gepauzeerd bij 50%. Alles tot hier is bewaard.')).toBeVisible();
    expect(checkpoints.current).toMatchObject({ resumeOffset: SIZE / 2 });

    await userEvent.click(screen.getByRole('button', { name: 'Doorgaan' }));
    expect(worker.received.at(-1)).toMatchObject({ type: 'read', startOffset: SIZE / 2 });
    await worker.say({
      type: 'file-done',
      fileIndex: 0,
      outcome: { status: 'done' },
      counts: counts({
        messages: 100,
        kept: 20,
        dropped: { newsletter: 75 },
        skipped: { truncated: 5 },
        skippedAt: [{ reason: 'truncated', index: 99, offset: SIZE - 10 }],
        problems: { 'unparsable-date': 2 },
      }),
      threadState: [],
    });

    const summary = await screen.findByRole('region', { name: 'Import klaar' });
    const term = (label: string) => within(summary).getByText(label).nextElementSibling!;
    expect(term('Berichten gelezen')).toHaveTextContent('220');
    expect(term('Bewaard')).toHaveTextContent('60');
    expect(term('Overgeslagen (geen stakeholders)')).toHaveTextContent('155nieuwsbrief: 145alleen collega’s: 10');
    expect(term('Niet te lezen, overgeslagen')).toHaveTextContent(
      'afgebroken (het bestand houdt midden in het bericht op): bericht 220 in Alle mail.mbox (byte 3.999.990)',
    );
    expect(term('Bewaard, met een gebrek')).toHaveTextContent('onleesbare datum: 2');
    expect(term('Contacten gevonden')).toHaveTextContent('3');
    expect(term('Gemeenten gevonden')).toHaveTextContent('Zwolle (3)');
    expect(background.calls.filter((call) => call.type === 'end').map((call) => call.outcome)).toEqual(['paused', 'finished']);
    expect(checkpoints.current).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'Nog een import' }));
    expect(screen.getByRole('button', { name: 'Importeren' })).toBeVisible();
  });

  it('a file that is no mailbox: its reason in the summary', async () => {
    await renderImport();
    await screen.findByDisplayValue('sanne@buurtkracht.nl');
    await startImport('takeout.zip');
    await worker.say({
      type: 'file-done',
      fileIndex: 0,
      outcome: { status: 'file-problem', problem: 'zip-archive', offset: 0 },
      counts: emptyCounts(),
      threadState: [],
    });
    const summary = await screen.findByRole('region', { name: 'Import klaar' });
    expect(summary).toHaveTextContent(
      'takeout.zip: dit is een zip-bestand: pak het eerst uit (bij Google Takeout zit de .mbox erin)',
    );
  });

  it('a batch the background keeps refusing: the reason, and a retry', async () => {
    await renderImport();
    await screen.findByDisplayValue('sanne@buurtkracht.nl');
    background.onBatch = () => 'refuse';
    await startImport();
    await worker.say({
      type: 'batch',
      batchId: 1,
      fileIndex: 0,
      messages: [importedMessage()],
      resumeOffset: 100,
      counts: counts({ messages: 1, kept: 1 }),
    });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Een deel kon niet worden opgeslagen: opslaan mislukt (QuotaExceededError).',
    );
    expect(screen.getByRole('button', { name: 'Opnieuw proberen' })).toBeVisible();
  });

  it('speaks English when the browser does', async () => {
    setLocale('en');
    await renderImport();
    expect(screen.getByRole('heading', { name: 'Import mail history' })).toBeVisible();
    await screen.findByDisplayValue('sanne@buurtkracht.nl');
    await startImport();
    await worker.say({
      type: 'progress',
      fileIndex: 0,
      bytesRead: SIZE / 4,
      counts: counts({ messages: 10, kept: 4, dropped: { newsletter: 6 } }),
    });
    expect(screen.getByText('1 MB of 4 MB read (25%)')).toBeVisible();
    expect(screen.getByText('10 messages read: 4 kept, 6 skipped')).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await worker.say({
      type: 'file-done',
      fileIndex: 0,
      outcome: { status: 'stopped', resumeOffset: SIZE / 4 },
      counts: counts({ messages: 10, kept: 4, dropped: { newsletter: 6 } }),
      threadState: [],
    });
    const summary = await screen.findByRole('region', { name: 'Import cancelled; what was read already is kept' });
    expect(summary).toHaveTextContent('newsletter: 6');
    expect(summary).toHaveTextContent('Zwolle (3)');
  });
});

describe('import page: an interrupted import', () => {
  const interrupted = (): ImportCheckpoint => ({
    version: 1,
    importId: 'import-earlier-1',
    savedAt: 0,
    ownAddresses: ['sanne@buurtkracht.nl'],
    files: [
      {
        name: 'Alle mail.mbox',
        size: SIZE,
        lastModified: 1_700_000_000_000,
        state: { status: 'reading' },
        messages: 300,
        kept: 90,
      },
    ],
    fileIndex: 0,
    resumeOffset: SIZE / 4,
    threadState: [['mabc', 'mail:thread:1']],
    totals: { ...emptyTotals(), messages: 300, kept: 90 },
  });

  it.each([
    [
      'nl',
      'Een eerdere import is onderbroken bij 25% (90 berichten bewaard).',
      'Dat is niet hetzelfde bestand. Nog nodig: Alle mail.mbox (naam, grootte en datum moeten kloppen).',
      'Kies bestanden',
    ],
    [
      'en',
      'An earlier import was interrupted at 25% (90 messages kept).',
      'That is not the same file. Still needed: Alle mail.mbox (name, size and date must match).',
      'Choose files',
    ],
  ] as const)('asks for the same file again and goes on from the checkpoint (%s)', async (locale, heading, wrong, choose) => {
    setLocale(locale);
    await renderImport(interrupted());
    expect(screen.getByRole('heading', { name: heading })).toBeVisible();
    await userEvent.upload(screen.getByLabelText(choose), mailboxFile(new Uint8Array(SIZE + 1), 'Alle mail.mbox'));
    expect(screen.getByRole('alert')).toHaveTextContent(wrong);
    expect(worker.received).toEqual([]);

    await userEvent.upload(screen.getByLabelText(choose), file());
    expect(worker.received[0]).toMatchObject({ type: 'read', startOffset: SIZE / 4, threadState: [['mabc', 'mail:thread:1']] });
    expect(background.calls[0]).toEqual({ type: 'start', importId: 'import-earlier-1' });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('or leaves it: the checkpoint goes, what was stored stays', async () => {
    await renderImport(interrupted());
    await userEvent.click(screen.getByRole('button', { name: 'Niet verder gaan' }));
    expect(checkpoints.current).toBeNull();
    expect(background.calls).toEqual([{ type: 'end', importId: 'import-earlier-1', outcome: 'cancelled' }]);
    expect(screen.getByRole('button', { name: 'Importeren' })).toBeVisible();
  });
});
