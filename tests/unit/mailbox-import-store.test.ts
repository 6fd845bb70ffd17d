// @vitest-environment node
// (postal-mime and the stream reader as in the other import tests; IndexedDB and the fake browser from tests/setup/unit.ts)
import '../setup/windows-1252-decoder';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { readMailbox } from '@/lib/import/read-mailbox';
import type { ImportedMessageObservation, ObservationBatch } from '@/lib/messaging/observations';
import { readGmail } from '@/lib/readers/gmail';
import type { GemeenteradarDb } from '@/lib/store/db';
import { ingestBatches } from '@/lib/store/ingest';
import { gmailMessageKey, ingestBatchesOfImport, rememberOwnAddresses, storedKeyOf } from '@/lib/store/mailbox-import';
import { withFreshDb } from '../fixtures/fresh-db';
import { chunkedStream } from '../fixtures/mbox/streams';
import { takeoutMbox } from '../fixtures/mbox/takeout-scenario';
import { ACCOUNT, headerFacts, importedMessage, person, T0 } from '../fixtures/observations';
import { renderGmail } from '../fixtures/render-gmail';
import { DEMO_SCENARIO, ownerOf } from '../fixtures/scenario';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

const OWN = [ownerOf(DEMO_SCENARIO).address];

/** The Takeout export of the demo mailbox, read as the import page reads it. */
async function readTakeout(): Promise<ImportedMessageObservation[]> {
  const messages: ImportedMessageObservation[] = [];
  const bytes = new TextEncoder().encode(takeoutMbox(DEMO_SCENARIO));
  await readMailbox(chunkedStream(bytes, 4096), { ownAddresses: OWN, onBatch: (batch) => void messages.push(...batch.messages) });
  return messages;
}

async function importMessages(messages: readonly ImportedMessageObservation[], now = T0): Promise<void> {
  await ingestBatches(db, ingestBatchesOfImport(messages), now);
}

/** Every record of the mail tables, without the time it was written. */
async function mailRecords() {
  const strip = <T extends { updatedAt?: number }>(records: T[]) => records.map(({ updatedAt: _, ...rest }) => rest);
  return {
    contacts: strip(await db.contacts.toArray()),
    threads: strip(await db.threads.toArray()),
    messages: strip(await db.messages.toArray()),
    organisations: strip(await db.organisations.toArray()),
  };
}

describe('how imported messages are keyed in the store', () => {
  it.each([
    [
      'a Takeout message (X-GM-THRID and an id in the "From " line)',
      'gmail:thread-f:1849',
      '1849201187332059201',
      'gmail:msg-f:1849201187332059201',
      'gmail',
    ],
    ['a Takeout id with leading zeros', 'gmail:thread-f:1849', '0001849', 'gmail:msg-f:1849', 'gmail'],
    [
      'a Gmail thread but no message id (an mbox from another tool)',
      'gmail:thread-f:1849',
      null,
      'mail:mid:a1@zwolle.nl',
      'mailbox',
    ],
    ['a message id but no Gmail thread', 'mail:thread:77', '1849201187332059201', 'mail:mid:a1@zwolle.nl', 'mailbox'],
    ['neither (Thunderbird, Apple Mail, an .eml)', 'mail:thread:77', null, 'mail:mid:a1@zwolle.nl', 'mailbox'],
  ])('%s', (_label, threadKey, gmailMessageId, key, host) => {
    const message = importedMessage({ threadKey, mail: headerFacts({ gmailMessageId }) });
    expect(storedKeyOf(message).message.messageKey).toBe(key);
    const [batch] = ingestBatchesOfImport([message]);
    expect(batch!.host).toBe(host);
    expect(batch!.account).toBeNull();
  });

  it('Gmail ids out of range are no Gmail ids', () => {
    expect(gmailMessageKey('0')).toBeNull();
    expect(gmailMessageKey('18446744073709551616')).toBeNull();
    expect(gmailMessageKey('12a')).toBeNull();
  });

  it('a mixed batch becomes one ingest batch per host, none empty', () => {
    const batches = ingestBatchesOfImport([
      importedMessage({
        messageKey: 'mail:mid:1@x.nl',
        threadKey: 'gmail:thread-f:5',
        mail: headerFacts({ gmailMessageId: '6' }),
      }),
      importedMessage({ messageKey: 'mail:mid:2@x.nl' }),
      importedMessage({
        messageKey: 'mail:mid:3@x.nl',
        threadKey: 'gmail:thread-f:5',
        mail: headerFacts({ gmailMessageId: '7' }),
      }),
    ]);
    expect(batches.map((batch) => [batch.host, batch.messages.map((each) => each.messageKey)])).toEqual([
      ['gmail', ['gmail:msg-f:6', 'gmail:msg-f:7']],
      ['mailbox', ['mail:mid:2@x.nl']],
    ]);
  });

  it('stores other mail under host `mailbox`, with the Message-ID, sender, time and subject kept', async () => {
    await rememberOwnAddresses(db, [ACCOUNT], T0);
    await importMessages([importedMessage()]);
    const [stored] = await db.messages.toArray();
    expect(stored).toMatchObject({
      id: 'mail:mid:a1@zwolle.nl',
      host: 'mailbox',
      fromAddress: 'p.snijders@zwolle.nl',
      at: T0,
      subject: 'Vrijwilligersplatform',
      direction: 'in',
    });
    expect(await db.threads.get('mail:thread:1')).toMatchObject({ host: 'mailbox' });
  });
});

describe("the user's own addresses", () => {
  it('become accounts once (known ones keep their host), and decide sent vs received', async () => {
    await db.accounts.put({ address: ACCOUNT, host: 'gmail', lastSeenAt: T0 });
    expect(
      await rememberOwnAddresses(db, [ACCOUNT, 'sanne@privé.example'.replace('é', 'e'), 'sanne@privee.example'], T0 + 1),
    ).toEqual(['sanne@prive.example', 'sanne@privee.example']);
    expect(await db.accounts.get(ACCOUNT)).toEqual({ address: ACCOUNT, host: 'gmail', lastSeenAt: T0 });
    expect(await db.accounts.get('sanne@prive.example')).toMatchObject({ host: 'mailbox' });
    await importMessages([
      importedMessage({ from: person('Sanne', 'sanne@prive.example'), to: [person('Peter Snijders', 'p.snijders@zwolle.nl')] }),
    ]);
    const [stored] = await db.messages.toArray();
    expect(stored!.direction).toBe('out');
    expect(await db.contacts.get('c:sanne@prive.example')).toBeUndefined();
  });
});

describe('out-of-office detection for imported mail is exact', () => {
  const OUT_OF_OFFICE = {
    subject: 'Automatisch antwoord: Re: Vrijwilligersplatform',
    excerpt: 'Ik ben tot en met 5 december afwezig.',
  };
  const PLAIN_WORDS = { subject: 'Re: Vrijwilligersplatform', excerpt: 'Dank voor je bericht. Graag plannen we een afspraak.' };
  const endOf5December = new Date(2026, 11, 5, 23, 59, 59, 999).getTime();

  it.each([
    ['Auto-Submitted: auto-replied with a recognised text', 'auto-replied', OUT_OF_OFFICE, true, endOf5December],
    ['Auto-Submitted: auto-replied whose text says nothing we know', 'auto-replied', PLAIN_WORDS, true, null],
    ['no header, though its words read as an out-of-office', null, OUT_OF_OFFICE, false, null],
    ['no header, plain words', null, PLAIN_WORDS, false, null],
    ['auto-generated: the text decides (an absence notice)', 'auto-generated', OUT_OF_OFFICE, true, endOf5December],
    ['auto-generated: the text decides (a notification)', 'auto-generated', PLAIN_WORDS, false, null],
  ] as const)('%s', async (_label, autoSubmitted, text, isAutoReply, until) => {
    await rememberOwnAddresses(db, [ACCOUNT], T0);
    await importMessages([importedMessage({ ...text, mail: headerFacts({ autoSubmitted }) })]);
    const [stored] = await db.messages.toArray();
    expect(stored).toMatchObject({ isAutoReply, autoReplyUntil: until, autoReplyFromHeaders: true });
  });

  it("once the headers decided, a webmail reader's reading of the text changes nothing", async () => {
    await rememberOwnAddresses(db, [ACCOUNT], T0);
    await importMessages([importedMessage({ ...OUT_OF_OFFICE, mail: headerFacts({ autoSubmitted: null }) })]);
    const { mail: _, ...asRead } = importedMessage({ ...OUT_OF_OFFICE });
    await ingestBatches(db, [{ host: 'mailbox', account: ACCOUNT, threads: [], messages: [asRead] }], T0 + 1);
    expect((await db.messages.toArray())[0]).toMatchObject({ isAutoReply: false, autoReplyFromHeaders: true });
  });

  it("read mail keeps its text detection, and the user's own mail is never one", async () => {
    await rememberOwnAddresses(db, [ACCOUNT], T0);
    const { mail: _, ...asRead } = importedMessage({ ...OUT_OF_OFFICE });
    const { mail: __, ...ownReply } = importedMessage({
      ...OUT_OF_OFFICE,
      messageKey: 'mail:mid:own@x.nl',
      from: person('Sanne', ACCOUNT),
      to: [person('Peter', 'p.snijders@zwolle.nl')],
    });
    await ingestBatches(db, [{ host: 'gmail', account: ACCOUNT, threads: [], messages: [asRead, ownReply] }], T0);
    const stored = await db.messages.toArray();
    expect(stored.find((each) => each.id === asRead.messageKey)).toMatchObject({ isAutoReply: true });
    expect(stored.find((each) => each.id === ownReply.messageKey)).toMatchObject({ isAutoReply: false });
    expect(stored.every((each) => !('autoReplyFromHeaders' in each))).toBe(true);
  });
});

describe('importing twice', () => {
  it('changes nothing: the same records, none doubled', async () => {
    await rememberOwnAddresses(db, OWN, T0);
    const messages = await readTakeout();
    await importMessages(messages, T0);
    const first = await mailRecords();
    expect(first.messages.length).toBe(messages.length);
    await importMessages(messages, T0 + 60_000);
    expect(await mailRecords()).toEqual(first);
  });
});

describe('a Takeout export of what the Gmail reader already stored', () => {
  const window = new Window();
  const parse = (html: string) => new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
  const options = { now: new Date(DEMO_SCENARIO.now), timeZone: 'Europe/Amsterdam' };

  /** What the Gmail reader sends for the demo mailbox: the inbox list, then every conversation opened. */
  function readerBatches(): ObservationBatch[] {
    const pages = [
      renderGmail(DEMO_SCENARIO, { view: 'list' }),
      ...DEMO_SCENARIO.threads.map((thread) =>
        renderGmail(DEMO_SCENARIO, { view: 'conversation', threadId: thread.id, expandAll: true }),
      ),
    ];
    return pages.map((html) => {
      const read = readGmail(parse(html), options);
      return {
        host: 'gmail',
        account: read.account,
        observedAt: T0,
        threads: read.threads,
        messages: read.messages,
        health: read.health,
      };
    });
  }

  it('lands in the same thread and message records: nothing doubled', async () => {
    const batches = readerBatches();
    for (const batch of batches) await ingestBatches(db, [batch], T0);
    const read = await mailRecords();
    expect(read.messages.length).toBeGreaterThan(10);

    await rememberOwnAddresses(db, OWN, T0);
    const messages = await readTakeout();
    await importMessages(messages, T0 + 60_000);
    const afterImport = await mailRecords();

    const ids = (records: Array<{ id: string }>) => records.map((record) => record.id).sort();
    expect(ids(afterImport.threads)).toEqual(ids(read.threads));
    expect(ids(afterImport.messages)).toEqual(ids(read.messages));
    expect(ids(afterImport.contacts)).toEqual(ids(read.contacts));
    // every imported message is one the reader stored, and the facts agree
    for (const each of messages) {
      const stored = afterImport.messages.find((record) => record.id === storedKeyOf(each).message.messageKey);
      expect(stored, each.subject).toBeDefined();
      expect(stored).toMatchObject({ host: 'gmail', threadId: each.threadKey, fromAddress: each.from.address, at: each.at });
    }
    // the stakeholders' municipalities and roles are what the reader found
    const tags = (records: typeof read.contacts) =>
      records.map((contact) => [contact.id, contact.municipalityCode, contact.role, contact.kind]).sort();
    expect(tags(afterImport.contacts)).toEqual(tags(read.contacts));
  });

  it('and the other way round: the reader after the import stores nothing new', async () => {
    await rememberOwnAddresses(db, OWN, T0);
    const messages = await readTakeout();
    await importMessages(messages, T0);
    const imported = await mailRecords();
    for (const batch of readerBatches()) await ingestBatches(db, [batch], T0 + 60_000);
    const afterReading = await mailRecords();
    const ids = (records: Array<{ id: string }>) => records.map((record) => record.id).sort();
    // the reader also sees the threads the import dropped (a newsletter, a colleague's): only those are new
    const newThreads = ids(afterReading.threads).filter((id) => !ids(imported.threads).includes(id));
    const newMessages = afterReading.messages.filter((record) => !ids(imported.messages).includes(record.id));
    expect(newMessages.every((record) => newThreads.includes(record.threadId))).toBe(true);
    expect(newThreads.length).toBeLessThanOrEqual(2);
  });
});
