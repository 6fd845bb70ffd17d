/**
 * The data page, every section in its states, against a real (fake-indexeddb) store with every
 * kind of record and the real background message table behind `send`: a backup downloaded and
 * restored, a bad file refused in words, exports, what is held about someone and forgetting them,
 * the not-tracked list, forgetting everything, storage persistence; hostile text shown as text.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DataApp } from '@/components/data/data-app';
import { DataContext } from '@/components/data/services';
import type { DataServices, StorageState } from '@/lib/backup/services';
import { repairBackupReminder, type BackupReminder } from '@/lib/backup/reminder';
import { setLocale } from '@/lib/i18n';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { DataReply } from '@/lib/messaging/data-messages';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { withFreshDb } from '../fixtures/fresh-db';
import { JAN, JAN_ID, PETER_ID, SEEDED_AT, seedEveryKindOfRecord } from '../fixtures/every-record';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const HOSTILE = '<img src=x onerror="window.__pwned=1">';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

interface FakeServices extends DataServices {
  downloads: { blob: Blob; fileName: string }[];
  reminder: BackupReminder;
}

function fakeServices(storage: StorageState = { persisted: false, usage: 2_500_000, quota: 1_000_000_000 }): FakeServices {
  const handle = createMessageHandler({ db, queue: createIngestQueue(db), extensionId: EXTENSION_ID });
  const services: FakeServices = {
    downloads: [],
    reminder: repairBackupReminder(null),
    send: (message) =>
      handle(message, { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/data.html` }) as Promise<DataReply>,
    download: (blob, fileName) => void services.downloads.push({ blob, fileName }),
    storageState: async () => storage,
    persist: vi.fn(async () => true),
    readSettings: async () => ({ thresholds: (await browser.storage.local.get('thresholds')).thresholds }),
    loadReminder: async () => services.reminder,
    saveReminder: async (reminder) => void (services.reminder = reminder),
    now: () => SEEDED_AT + 1,
  };
  return services;
}

function renderPage(services: FakeServices, initialAddress?: string) {
  return render(
    <DataContext.Provider value={{ services, db }}>
      <DataApp initialAddress={initialAddress} />
    </DataContext.Provider>,
  );
}

const section = (name: string) => screen.getByRole('region', { name });

beforeEach(async () => {
  setLocale('nl');
  await seedEveryKindOfRecord(db);
});

describe('the data page', () => {
  it('makes a backup with progress, downloads it, and remembers when', async () => {
    const services = fakeServices();
    renderPage(services);
    const backup = section('Reservekopie');
    expect(within(backup).getByText('Nog geen reservekopie gemaakt.')).toBeVisible();
    await userEvent.click(within(backup).getByRole('button', { name: 'Reservekopie maken' }));
    await within(backup).findByText(/^Reservekopie gemaakt: \d+ records/);
    expect(services.downloads).toHaveLength(1);
    expect(services.downloads[0]!.fileName).toMatch(/^gemeenteradar-reservekopie-\d{4}-\d{2}-\d{2}\.jsonl\.gz$/);
    expect(services.reminder.lastBackupAt).toBe(SEEDED_AT + 1);
    await userEvent.selectOptions(within(backup).getByRole('combobox', { name: 'Herinner me aan een reservekopie' }), 'nooit');
    expect(services.reminder.everyDays).toBeNull();
  });

  it('restores a backup into an emptied store: the dry run first, then replace, then what it did', async () => {
    const services = fakeServices();
    renderPage(services);
    await userEvent.click(within(section('Reservekopie')).getByRole('button', { name: 'Reservekopie maken' }));
    await waitFor(() => expect(services.downloads).toHaveLength(1));
    const contacts = await db.contacts.count();
    await Promise.all(db.tables.map((table) => table.clear()));

    const restore = section('Reservekopie terugzetten');
    await userEvent.upload(
      within(restore).getByLabelText('Reservekopie kiezen'),
      new File([services.downloads[0]!.blob], 'kopie.jsonl.gz'),
    );
    await waitFor(() =>
      expect(within(restore).getByTestId('restore-holds')).toHaveTextContent(
        `${contacts} contacten, 6 mails; 0 records al hier.`,
      ),
    );
    expect(await db.contacts.count()).toBe(0);
    await userEvent.click(within(restore).getByRole('radio', { name: /^Vervangen/ }));
    await userEvent.click(await within(restore).findByRole('button', { name: 'Alles vervangen' }));
    await waitFor(() =>
      expect(within(restore).getByRole('status')).toHaveTextContent(/^Teruggezet: \d+ toegevoegd, 0 vervangen, 0 verwijderd/),
    );
    expect(await db.contacts.count()).toBe(contacts);
  });

  it('refuses a bad file in words, and changes nothing', async () => {
    renderPage(fakeServices());
    const restore = section('Reservekopie terugzetten');
    const zip = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])], 'kopie.zip');
    // the file dialog's filter is only a hint: the user can pick any file
    await userEvent.setup({ applyAccept: false }).upload(within(restore).getByLabelText('Reservekopie kiezen'), zip);
    await waitFor(() =>
      expect(within(restore).getByRole('status')).toHaveTextContent(
        'Dit is een zip-bestand, geen reservekopie van Gemeenteradar.',
      ),
    );
    expect(within(restore).getByRole('status')).toHaveTextContent('Er is niets veranderd.');
  });

  it('exports contacts as CSV with the chosen separator', async () => {
    const services = fakeServices();
    renderPage(services);
    const exports = section('Exporteren voor spreadsheets');
    await userEvent.click(within(exports).getByRole('radio', { name: 'komma (,)' }));
    await userEvent.click(within(exports).getByRole('button', { name: 'Contacten' }));
    await waitFor(() => expect(services.downloads).toHaveLength(1));
    const text = await services.downloads[0]!.blob.text();
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFNaam,E-mailadressen,Organisatie,Gemeente,CBS-code,Rol,Status,Pogingen zonder antwoord,Werkdagen wachten,Laatste contact',
    );
  });

  it('shows what is held about someone, as text, and forgets them after showing what goes', async () => {
    await db.contacts.update(PETER_ID, { name: HOSTILE });
    const services = fakeServices();
    renderPage(services, JAN.address!);
    const person = section('Wat is er bewaard over iemand');
    await userEvent.click(within(person).getByRole('button', { name: 'Tonen' }));
    expect(await within(person).findByText(/^\d+ records over Jan de Vries\.$/)).toBeVisible();
    expect(within(person).getByText('Ook genoemd in 1 andere records.')).toBeVisible();
    expect(document.querySelector('img')).toBeNull();
    await userEvent.click(within(person).getByRole('button', { name: 'Exporteren als JSON' }));
    expect(JSON.parse(await services.downloads[0]!.blob.text())).toMatchObject({ address: JAN.address });
    await userEvent.click(within(person).getByRole('button', { name: 'Deze persoon vergeten…' }));
    const plan = within(person).getByTestId('forget-plan');
    expect(plan).toHaveTextContent('Contacten: 1 weg');
    expect(plan).toHaveTextContent('Mails: 3 weg; Mails: 3 zonder hen');
    expect(await db.contacts.get(JAN_ID)).toBeDefined();
    await userEvent.click(within(person).getByRole('button', { name: 'Definitief vergeten' }));
    expect(await within(person).findByText('Jan de Vries is vergeten.')).toBeVisible();
    expect(await db.contacts.get(JAN_ID)).toBeUndefined();
  });

  it('refuses to forget the user’s own address, before asking', async () => {
    renderPage(fakeServices(), 'sanne@buurtkracht.nl');
    const person = section('Wat is er bewaard over iemand');
    await userEvent.click(within(person).getByRole('button', { name: 'Tonen' }));
    await userEvent.click(await within(person).findByRole('button', { name: 'Deze persoon vergeten…' }));
    expect(within(person).getByRole('alert')).toHaveTextContent('Dit is je eigen adres');
    expect(within(person).queryByRole('button', { name: 'Definitief vergeten' })).toBeNull();
  });

  it('lists the not-tracked list by when, and takes an address off it', async () => {
    renderPage(fakeServices());
    const list = section('Niet-volgen-lijst');
    expect(await within(list).findByText(/^Vergeten op .+ \(codes: 1\)$/)).toBeVisible();
    await userEvent.type(within(list).getByRole('textbox', { name: 'Adres weer volgen' }), 'iemand.anders@example.nl');
    await userEvent.click(within(list).getByRole('button', { name: 'Van de lijst halen' }));
    await waitFor(() =>
      expect(within(list).getByRole('status')).toHaveTextContent('iemand.anders@example.nl staat niet op de lijst.'),
    );
    await userEvent.clear(within(list).getByRole('textbox', { name: 'Adres weer volgen' }));
    await userEvent.type(within(list).getByRole('textbox', { name: 'Adres weer volgen' }), 'Oud.Contact@example.nl');
    await userEvent.click(within(list).getByRole('button', { name: 'Van de lijst halen' }));
    await waitFor(() =>
      expect(within(list).getByRole('status')).toHaveTextContent(
        'oud.contact@example.nl wordt weer gevolgd (codes van de lijst gehaald: 1).',
      ),
    );
    expect(await within(list).findByText('De lijst is leeg.')).toBeVisible();
  });

  it('forgets everything after showing what goes, keeping what is ticked', async () => {
    renderPage(fakeServices());
    const everything = section('Alles vergeten');
    await userEvent.click(within(everything).getByRole('checkbox', { name: 'Instellingen bewaren' }));
    await userEvent.click(within(everything).getByRole('button', { name: 'Alles vergeten…' }));
    expect(
      within(everything).getByText(/^Dit verdwijnt: Contacten \d+, Organisaties \d+, Gesprekken \d+, Mails 6/),
    ).toBeVisible();
    await userEvent.click(within(everything).getByRole('button', { name: 'Ja, alles vergeten' }));
    await waitFor(() => expect(within(everything).getByRole('status')).toHaveTextContent('Alles is vergeten.'));
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
    expect(Object.keys(await browser.storage.local.get(null))).toEqual(['thresholds']);
  });

  it('shows whether the browser keeps the data, the space used, and asks to keep it', async () => {
    const services = fakeServices();
    renderPage(services);
    const storage = section('Opslag');
    expect(await within(storage).findByTestId('storage-persisted')).toHaveTextContent('De browser mag deze gegevens opruimen');
    expect(within(storage).getByText('2,5 MB in gebruik, 1 GB beschikbaar.')).toBeVisible();
    await userEvent.click(within(storage).getByRole('button', { name: 'Vaste opslag aanvragen' }));
    expect(await within(storage).findByTestId('storage-persisted')).toHaveTextContent('De browser bewaart deze gegevens vast');
    expect(services.persist).toHaveBeenCalled();
  });

  it('speaks English too', async () => {
    setLocale('en');
    renderPage(fakeServices());
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Gemeenteradar: your data');
    expect(section('Restore a backup')).toBeVisible();
    setLocale('nl');
  });
});
