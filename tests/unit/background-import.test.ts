/**
 * The background's mailbox-import entries (import-start, import-batch, import-end): validated,
 * only from our own pages, each batch acknowledged once stored, through the queue, and the
 * pipeline owed once, at the import's end, for every contact the batches involved; held work
 * survives a restarted service worker and an import nobody ended.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createImportLedger, IMPORT_IDLE_MS, importLedgerItem, MAX_LEDGER_CONTACTS } from '@/lib/background/import-ledger';
import type { Owes } from '@/lib/background/owed-work';
import { municipalityByName } from '@/lib/data';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import type { ImportedMessageObservation } from '@/lib/messaging/observations';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { withFreshDb } from '../fixtures/fresh-db';
import { ACCOUNT, importedMessage, person, T0 } from '../fixtures/observations';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const IMPORT_PAGE = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/import.html` };
const GMAIL_TAB = { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 3 } };
const IMPORT_ID = 'import-0001';

let db: GemeenteradarDb;
let owed: Owes[];
let ingested: number;
let clock: number;

withFreshDb((fresh) => (db = fresh));

function handler() {
  return createMessageHandler({
    db,
    queue: createIngestQueue(db, { now: () => clock, onIngested: () => ingested++ }),
    extensionId: EXTENSION_ID,
    now: () => clock,
    afterWrite: (owes) => void owed.push(owes),
  });
}

let handle: ReturnType<typeof createMessageHandler>;
beforeEach(() => {
  owed = [];
  ingested = 0;
  clock = T0;
  handle = handler();
});

/** A stakeholder of a municipality (by domain) writes to the user. */
function from(name: string, address: string, index: number): ImportedMessageObservation {
  return importedMessage({
    messageKey: `mail:mid:${index}@${address.split('@')[1]}`,
    threadKey: `mail:thread:${index}`,
    from: person(name, address),
    at: T0 + index * 60_000,
  });
}

const codeOf = (name: string) => municipalityByName(name)!.code;

const ZWOLLE = [from('Peter Snijders', 'p.snijders@zwolle.nl', 1), from('Peter Snijders', 'p.snijders@zwolle.nl', 2)];
const NUENEN = [from('Anouk Aerts', 'a.aerts@nuenen.nl', 3)];

const start = (importId = IMPORT_ID) => handle({ type: 'import-start', importId, ownAddresses: [ACCOUNT] }, IMPORT_PAGE);
const send = (messages: ImportedMessageObservation[], importId = IMPORT_ID) =>
  handle({ type: 'import-batch', importId, messages }, IMPORT_PAGE);
const end = (outcome: 'finished' | 'cancelled' | 'paused', importId = IMPORT_ID) =>
  handle({ type: 'import-end', importId, outcome }, IMPORT_PAGE);

describe('a mailbox import through the background', () => {
  it('stores each batch before acknowledging it, and owes the pipeline once, at the end, for all its contacts', async () => {
    expect(await start()).toEqual({ ok: true });
    expect(await db.accounts.get(ACCOUNT)).toMatchObject({ host: 'mailbox' });

    expect(await send(ZWOLLE)).toEqual({ ok: true });
    expect(await db.messages.count()).toBe(2);
    expect(await send(NUENEN)).toEqual({ ok: true });
    expect(await db.messages.count()).toBe(3);
    // nothing owed per batch: neither the queue's hook nor the handler's
    expect(ingested).toBe(0);
    expect(owed).toEqual([]);

    const reply = await end('finished');
    expect(owed).toEqual([{ contactIds: ['c:p.snijders@zwolle.nl', 'c:a.aerts@nuenen.nl'], summaries: true }]);
    expect(reply).toEqual({
      ok: true,
      found: {
        contacts: 2,
        municipalities: [codeOf('Zwolle'), codeOf('Nuenen, Gerwen en Nederwetten')].sort().map((code) => ({ code, contacts: 1 })),
        overflow: false,
      },
    });
    expect(await importLedgerItem.getValue()).toBeNull();
    // an end said twice owes nothing more
    expect(await end('finished')).toEqual({ ok: true, found: null });
    expect(owed).toHaveLength(1);
  });

  it('paused and resumed: owed for what was stored at the pause, then for the rest; the end reports every contact', async () => {
    await start();
    await send(ZWOLLE);
    const paused = await end('paused');
    expect(owed).toEqual([{ contactIds: ['c:p.snijders@zwolle.nl'], summaries: true }]);
    expect(paused).toMatchObject({ ok: true, found: { contacts: 1 } });

    await start(); // the same import resumes
    await send(NUENEN);
    const finished = await end('finished');
    expect(owed.at(-1)).toEqual({ contactIds: ['c:a.aerts@nuenen.nl'], summaries: true });
    expect(finished).toMatchObject({ ok: true, found: { contacts: 2 } });
  });

  it('cancelled: what was stored stays, and is owed', async () => {
    await start();
    await send(ZWOLLE);
    await end('cancelled');
    expect(await db.messages.count()).toBe(2);
    expect(owed).toEqual([{ contactIds: ['c:p.snijders@zwolle.nl'], summaries: true }]);
    expect(await importLedgerItem.getValue()).toBeNull();
  });

  it('a batch sent again (a retry, a resumed import) is one message', async () => {
    await start();
    await send(ZWOLLE);
    await send(ZWOLLE);
    expect(await db.messages.count()).toBe(2);
    await end('finished');
    expect(owed).toEqual([{ contactIds: ['c:p.snijders@zwolle.nl'], summaries: true }]);
  });

  it('a service worker stopped mid-import loses nothing: the next one goes on with the held contacts', async () => {
    await start();
    await send(ZWOLLE);
    handle = handler(); // a new background: nothing in memory, the record in extension storage
    await send(NUENEN);
    await end('finished');
    expect(owed).toEqual([{ contactIds: ['c:p.snijders@zwolle.nl', 'c:a.aerts@nuenen.nl'], summaries: true }]);
  });

  it('a new import settles one nobody ended first', async () => {
    await start('import-0001');
    await send(ZWOLLE, 'import-0001');
    await start('import-0002');
    expect(owed).toEqual([{ contactIds: ['c:p.snijders@zwolle.nl'], summaries: true }]);
    expect(await end('finished', 'import-0001')).toEqual({ ok: true, found: null });
  });
});

describe('an import nobody ended (the page closed, the browser quit)', () => {
  it("is settled at the background's next start once it has been quiet for a while, and only once", async () => {
    await start();
    await send(ZWOLLE);
    const restarted: Owes[] = [];
    const ledger = createImportLedger({ afterWrite: async (owes) => void restarted.push(owes) });
    await ledger.settleIfIdle(T0 + IMPORT_IDLE_MS - 1);
    expect(restarted).toEqual([]); // still running, perhaps: its own end will settle it
    await ledger.settleIfIdle(T0 + IMPORT_IDLE_MS);
    expect(restarted).toEqual([{ contactIds: ['c:p.snijders@zwolle.nl'], summaries: true }]);
    await ledger.settleIfIdle(T0 + 2 * IMPORT_IDLE_MS);
    expect(restarted).toHaveLength(1);
    // the contacts stay for the import's summary, should it resume
    expect(await importLedgerItem.getValue()).toMatchObject({ contactIds: ['c:p.snijders@zwolle.nl'], owed: [] });
  });

  it('a record that cannot be read owes everything', async () => {
    await importLedgerItem.setValue({ importId: 42 });
    const restarted: Owes[] = [];
    await createImportLedger({ afterWrite: async (owes) => void restarted.push(owes) }).settleIfIdle(T0);
    expect(restarted).toEqual([{ everyone: true, summaries: true }]);
  });

  it('more contacts than a record keeps: everyone is owed', async () => {
    const restarted: Owes[] = [];
    const ledger = createImportLedger({ afterWrite: async (owes) => void restarted.push(owes) });
    await ledger.begin(IMPORT_ID, T0);
    await ledger.add(
      IMPORT_ID,
      Array.from({ length: MAX_LEDGER_CONTACTS + 1 }, (_, index) => `c:${index}@x.nl`),
      T0,
    );
    expect(await ledger.settle(IMPORT_ID, 'finished')).toMatchObject({ overflow: true });
    expect(restarted).toEqual([{ everyone: true, summaries: true }]);
  });
});

describe('what the import entries refuse', () => {
  const valid = { type: 'import-batch', importId: IMPORT_ID, messages: ZWOLLE };
  it.each([
    ['a batch without messages', { ...valid, messages: [] }, 'messages'],
    [
      'a batch of more than 500 messages',
      { ...valid, messages: Array.from({ length: 501 }, (_, index) => from('P', 'p@zwolle.nl', index)) },
      'messages',
    ],
    ['an import id that is not one', { ...valid, importId: '../../etc' }, 'importId'],
    [
      'an address in upper case',
      { ...valid, messages: [importedMessage({ from: person('P', 'P.Snijders@zwolle.nl') })] },
      'messages',
    ],
    [
      'a sender whose address is HTML',
      { ...valid, messages: [importedMessage({ from: person('x', '<img src=x onerror=alert(1)>') })] },
      'messages',
    ],
    [
      'header facts of the wrong shape',
      { ...valid, messages: [importedMessage({ mail: { messageId: 'x' } as never })] },
      'messages',
    ],
    ['an import without own addresses', { type: 'import-start', importId: IMPORT_ID, ownAddresses: [] }, 'ownAddresses'],
    ['an end of no known kind', { type: 'import-end', importId: IMPORT_ID, outcome: 'done' }, 'outcome'],
  ])('refuses %s, counts the reason and stores nothing', async (_label, message, field) => {
    const reply = await handle(message, IMPORT_PAGE);
    expect(reply.ok).toBe(false);
    expect(await db.messages.count()).toBe(0);
    // a reason code, with the field it is about
    const [rejection] = await db.rejections.toArray();
    expect(rejection?.code).toBe('invalid-message');
    expect(String(rejection?.values?.path).split('.')[0]).toBe(field);
  });

  it('accepts them only from our own extension pages, never from a webmail tab', async () => {
    for (const message of [
      valid,
      { type: 'import-start', importId: IMPORT_ID, ownAddresses: [ACCOUNT] },
      { type: 'import-end', importId: IMPORT_ID, outcome: 'finished' },
    ]) {
      expect((await handle(message, GMAIL_TAB)).ok).toBe(false);
    }
    expect(await db.messages.count()).toBe(0);
    expect(await db.accounts.count()).toBe(0);
    expect(await importLedgerItem.getValue()).toBeNull();
  });
});
