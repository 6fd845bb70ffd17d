/**
 * Repair on read: a damaged record in IndexedDB (written past the store's checks, as an older
 * build, a damaged disk or a hand in the devtools could have) no longer blocks the batches that
 * show it. Each shape is written raw, then a page that shows that record is ingested: every row
 * of the page is stored, the record is repaired from what is known or set aside, and it is
 * counted with its reason.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { repairRecord } from '@/lib/store/ingest/repair';
import { ContactSchema, MessageSchema } from '@/lib/store/schemas';
import { recordIssue, type TableName } from '@/lib/store/table-schemas';
import { writeRaw } from '../fixtures/faults';
import { withFreshDb } from '../fixtures/fresh-db';
import { ACCOUNT, batch, message, person, readFully, T0, threadRow } from '../fixtures/observations';
import { contactRecord, messageRecord, organisationRecord, tagRecord, threadRecord } from '../fixtures/records';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

const DAY = 86_400_000;
const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const PETER_ID = contactIdFor(PETER.address!);
const OTHERS = Array.from({ length: 5 }, (_, index) => person(`Persoon ${index}`, `persoon.${index}@zwolle.nl`));

/** A page that shows Peter (a row and his message) and five others: 6 threads, 1 message. */
const page = batch({
  threads: [
    threadRow({ threadKey: 'gmail:thread-f:1', subject: 'Kennismaking', participants: [PETER, person('me', ACCOUNT)], at: T0 }),
    ...OTHERS.map((other, index) =>
      threadRow({ threadKey: `gmail:thread-f:${10 + index}`, subject: `Rij ${index}`, participants: [other], at: T0 - index }),
    ),
  ],
  messages: [
    message({ messageKey: 'gmail:msg-f:1', threadKey: 'gmail:thread-f:1', from: PETER, to: [person('me', ACCOUNT)], at: T0 }),
  ],
  health: readFully('list', 6),
});

async function reasons() {
  return (await db.rejections.toArray()).map(({ code, values, count }) => ({ code, values, count }));
}

async function everyRowStored() {
  expect(await db.threads.count()).toBe(6);
  expect(await db.messages.get('gmail:msg-f:1')).toMatchObject({ threadId: 'gmail:thread-f:1', at: T0 });
  for (const other of OTHERS) expect(await db.contacts.get(contactIdFor(other.address!))).toBeDefined();
}

/** Every record of these tables satisfies its schema (nothing damaged is left where it was). */
async function allValid(tables: TableName[]) {
  for (const table of tables) {
    for (const record of await db.table(table).toArray())
      expect(recordIssue(table, record), `${table}: ${JSON.stringify(record)}`).toBeNull();
  }
}

const peter = contactRecord({ id: PETER_ID, name: 'Peter Snijders', firstSeenAt: T0 - DAY, lastSeenAt: T0 - DAY });
const thread = threadRecord({ id: 'gmail:thread-f:1', subject: 'Kennismaking', contactIds: [PETER_ID], lastMessageAt: T0 - DAY });
const peterMessage = messageRecord({
  id: 'gmail:msg-f:1',
  threadId: 'gmail:thread-f:1',
  fromAddress: PETER.address,
  fromName: 'Peter Snijders',
  contactIds: [PETER_ID],
  at: T0,
});

describe('ingest repairs what it reads: each damaged shape, then a page that shows it', () => {
  it.each([
    [
      'a contact without addresses (the issue)',
      'contacts',
      { ...peter, addresses: undefined },
      'addresses',
      (c: Record<string, unknown>) => expect(c.addresses).toEqual([PETER.address]),
    ],
    [
      'a contact whose name is not a string (the issue)',
      'contacts',
      { ...peter, name: 42 },
      'name',
      (c: Record<string, unknown>) => expect(c.name).toBe('Peter Snijders'),
    ],
    [
      'a contact whose addresses are not a list',
      'contacts',
      { ...peter, addresses: 'p.snijders@zwolle.nl' },
      'addresses',
      (c: Record<string, unknown>) => expect(c.addresses).toEqual([PETER.address]),
    ],
    [
      'a contact with a NaN time',
      'contacts',
      { ...peter, firstSeenAt: Number.NaN },
      'firstSeenAt',
      (c: Record<string, unknown>) => expect(c.firstSeenAt).toBe(T0),
    ],
    [
      'a contact with rule tags that are not a list',
      'contacts',
      { ...peter, ruleTags: 'wethouder' },
      'ruleTags',
      (c: Record<string, unknown>) => expect(Array.isArray(c.ruleTags)).toBe(true),
    ],
    [
      'a contact without updatedAt and with a role no longer known',
      'contacts',
      { ...peter, updatedAt: undefined, role: 'burgemeester' },
      'role,updatedAt',
      (c: Record<string, unknown>) => expect(c.updatedAt).toBe(T0),
    ],
    [
      'a thread whose contacts are not a list',
      'threads',
      { ...thread, contactIds: PETER_ID },
      'contactIds',
      (t: Record<string, unknown>) => expect(t.contactIds).toEqual([PETER_ID]),
    ],
    [
      'a thread without a host and with a NaN time',
      'threads',
      { ...thread, host: undefined, lastMessageAt: Number.NaN },
      'host,lastMessageAt',
      (t: Record<string, unknown>) => expect(t).toMatchObject({ host: 'gmail', lastMessageAt: T0 }),
    ],
    [
      'a thread whose subject is not a string',
      'threads',
      { ...thread, subject: { text: 'x' } },
      'subject',
      (t: Record<string, unknown>) => expect(t.subject).toBe('Kennismaking'),
    ],
    [
      'a message with a NaN time',
      'messages',
      { ...peterMessage, at: Number.NaN },
      'at',
      (m: Record<string, unknown>) => expect(m.at).toBe(T0),
    ],
    [
      'a message without its thread',
      'messages',
      { ...peterMessage, threadId: undefined },
      'threadId',
      (m: Record<string, unknown>) => expect(m.threadId).toBe('gmail:thread-f:1'),
    ],
    [
      'a message whose recipients are not addresses',
      'messages',
      { ...peterMessage, toAddresses: ['<script>', 7] },
      'toAddresses',
      (m: Record<string, unknown>) => expect(m.toAddresses).toEqual([ACCOUNT]),
    ],
  ] as const)('%s: every row stored, the record repaired, counted', async (_label, table, damaged, fields, check) => {
    await writeRaw(db, table, [damaged]);
    await ingestBatches(db, [page], T0);
    await everyRowStored();
    const repaired = await db.table(table).get((damaged as { id: string }).id);
    check(repaired);
    await allValid(['contacts', 'threads', 'messages']);
    expect(await reasons()).toEqual([{ code: 'record-repaired', values: { table, field: fields }, count: 1 }]);
    // never blocks later batches, and is repaired once
    await ingestBatches(db, [{ ...page, observedAt: T0 + DAY }], T0 + DAY);
    expect(await reasons()).toEqual([{ code: 'record-repaired', values: { table, field: fields }, count: 1 }]);
  });

  it('repairs a contact found by another spelling of its mailbox, from the address it was found by', async () => {
    const id = contactIdFor('peter.snijders@gmail.com');
    await writeRaw(db, 'contacts', [
      {
        ...contactRecord({ id, name: 'Peter', municipalityCode: null }),
        addresses: null,
        mailboxes: ['petersnijders@gmail.com'],
      },
    ]);
    const spelled = person('Peter', 'p.e.t.e.r.snijders@gmail.com');
    await ingestBatches(db, [batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:2', participants: [spelled] })] })], T0);
    expect(await db.contacts.get(id)).toMatchObject({ addresses: ['peter.snijders@gmail.com', 'p.e.t.e.r.snijders@gmail.com'] });
    expect(await db.contacts.count()).toBe(1);
    expect(ContactSchema.safeParse(await db.contacts.get(id)).success).toBe(true);
  });

  it('repairs an organisation whose domains are not a list', async () => {
    await writeRaw(db, 'organisations', [
      { ...organisationRecord({ id: 'org:gemeente:GM0193', name: 'Gemeente Zwolle', kind: 'gemeente' }), domains: null },
    ]);
    await ingestBatches(db, [page], T0);
    await everyRowStored();
    expect(await db.organisations.get('org:gemeente:GM0193')).toMatchObject({ domains: ['zwolle.nl'] });
    expect(await reasons()).toEqual([
      { code: 'record-repaired', values: { table: 'organisations', field: 'domains' }, count: 1 },
    ]);
  });

  it('repairs a provisional reply that is damaged, so the final one still replaces it', async () => {
    const provisional = messageRecord({
      id: 'gmail:msg-a:r1',
      threadId: 'gmail:thread-f:1',
      direction: 'out',
      fromAddress: ACCOUNT,
      at: T0 - 60_000,
    });
    await writeRaw(db, 'messages', [{ ...provisional, direction: 'sideways', excerpt: 12 }]);
    const final = message({
      messageKey: 'gmail:msg-f:2',
      threadKey: 'gmail:thread-f:1',
      from: person('me', ACCOUNT),
      to: [PETER],
      at: T0 - 30_000,
    });
    await ingestBatches(db, [batch({ messages: [final] })], T0);
    expect(await db.messages.toCollection().primaryKeys()).toEqual(['gmail:msg-f:2']);
    expect(MessageSchema.safeParse(await db.messages.get('gmail:msg-f:2')).success).toBe(true);
  });
});

describe('ingest sets aside what it cannot repair, and goes on as if it were not stored', () => {
  it('an account whose host is not a webmail: moved to quarantine as it was, learnt again from the page', async () => {
    const damaged = { address: ACCOUNT, host: 'yahoo', lastSeenAt: T0 - DAY };
    await writeRaw(db, 'accounts', [damaged]);
    await ingestBatches(db, [page], T0);
    await everyRowStored();
    expect(await db.accounts.get(ACCOUNT)).toEqual({ address: ACCOUNT, host: 'gmail', lastSeenAt: T0 });
    expect(await db.quarantine.toArray()).toEqual([
      {
        id: `q:accounts:${ACCOUNT}:${T0}`,
        table: 'accounts',
        key: ACCOUNT,
        record: damaged,
        reason: { code: 'record-quarantined', values: { table: 'accounts', field: 'host' } },
        at: T0,
      },
    ]);
    expect(await reasons()).toEqual([{ code: 'record-quarantined', values: { table: 'accounts', field: 'host' }, count: 1 }]);
    // the message from Peter is still incoming: the user's address is known again
    expect(await db.messages.get('gmail:msg-f:1')).toMatchObject({ direction: 'in', contactIds: [PETER_ID] });
  });

  it('a correction whose value is not one: set aside, the rules decide again', async () => {
    const correction = tagRecord({
      source: 'user',
      subjectType: 'address',
      subjectId: PETER.address!,
      dimension: 'role',
      value: 'wethouder',
    });
    await writeRaw(db, 'tags', [{ ...correction, value: 7 }]);
    await ingestBatches(db, [page], T0);
    await everyRowStored();
    expect(await db.contacts.get(PETER_ID)).toMatchObject({ role: 'ambtenaar' });
    expect(await db.tags.count()).toBe(0);
    expect(await db.quarantine.where('table').equals('tags').count()).toBe(1);
  });

  it('a damaged contact and a damaged thread in one batch: both repaired, each counted', async () => {
    await writeRaw(db, 'contacts', [{ ...peter, name: null }]);
    await writeRaw(db, 'threads', [{ ...thread, messageCount: -3 }]);
    await ingestBatches(db, [page], T0);
    await everyRowStored();
    await allValid(['contacts', 'threads']);
    expect(await reasons()).toEqual(
      expect.arrayContaining([
        { code: 'record-repaired', values: { table: 'contacts', field: 'name' }, count: 1 },
        { code: 'record-repaired', values: { table: 'threads', field: 'messageCount' }, count: 1 },
      ]),
    );
    expect(await db.rejections.count()).toBe(2);
  });
});

describe('repair is no cost when nothing is damaged', () => {
  beforeEach(async () => {
    await ingestBatches(db, [page], T0);
  });

  it('counts nothing and sets nothing aside for a store its own code wrote', async () => {
    await ingestBatches(db, [{ ...page, observedAt: T0 + DAY }], T0 + DAY);
    expect(await db.rejections.count()).toBe(0);
    expect(await db.quarantine.count()).toBe(0);
  });
});

describe('imported mail read back damaged (host `mailbox`, header facts)', () => {
  const known = { addresses: [], threadKeyOf: new Map<string, string>() };
  it.each([
    ['a mailbox message without its host: the host its key names', { host: undefined }, 'host', { host: 'mailbox' }],
    [
      "a mailbox message whose headers' verdict is no boolean: dropped, as the verdict is",
      { isAutoReply: true, autoReplyFromHeaders: 'ja' },
      'autoReplyFromHeaders',
      { isAutoReply: true },
    ],
  ] as const)('%s', (_label, damage, field, expected) => {
    const raw = { ...messageRecord({ id: 'mail:mid:abc@gemeente.nl', threadId: 'mail:thread:1', host: 'mailbox' }), ...damage };
    const repaired = repairRecord('messages', raw, known, T0);
    expect(repaired).toMatchObject({ fields: [field], record: expected });
    expect(recordIssue('messages', (repaired as { record: unknown }).record)).toBeNull();
    if (field === 'autoReplyFromHeaders')
      expect((repaired as { record: object }).record).not.toHaveProperty('autoReplyFromHeaders');
  });
});
