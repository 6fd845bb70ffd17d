/**
 * Each schema version change: seed a database at the previous version (raw Dexie with the
 * declarations an older build had, as it would have written it), then open it with the next
 * version and check nothing was lost and the new tables work. The last test opens a version-1
 * database with the current code, all upgrades in a row.
 */
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/store/db';
import { recordRejection } from '@/lib/store/health';
import { SCHEMA_VERSIONS } from '@/lib/store/schema-history';
import { openAt } from '../fixtures/schema-versions';
import { reason } from '@/lib/vocabulary/reasons';
import { dutch } from '../fixtures/evidence';

const CONTACT = {
  id: 'c:p.snijders@zwolle.nl',
  name: 'Peter Snijders',
  addresses: ['p.snijders@zwolle.nl'],
  kind: 'stakeholder',
  organisationId: 'org:gemeente:GM0193',
  municipalityCode: 'GM0193',
  role: 'wethouder',
  firstSeenAt: 1,
  lastSeenAt: 2,
  updatedAt: 2,
};

async function seedVersion1(name: string) {
  const v1 = openAt(name, 1);
  await v1.open();
  await v1.table('contacts').put(CONTACT);
  await v1.table('threads').put({ id: 'gmail:thread-f:1', municipalityCode: 'GM0193', contactIds: [CONTACT.id] });
  await v1.table('messages').put({ id: 'gmail:msg-f:1', threadId: 'gmail:thread-f:1', contactIds: [CONTACT.id], at: 5 });
  await v1
    .table('tags')
    .put({ id: 'user:address:p.snijders@zwolle.nl:role', subjectType: 'address', subjectId: 'p.snijders@zwolle.nl' });
  expect(v1.verno).toBe(1);
  v1.close();
}

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

describe('store migrations', () => {
  it('1 -> 2 (calls, notes, next steps) keeps every version-1 record', async () => {
    names.push('test-migration-1-2');
    await seedVersion1('test-migration-1-2');
    const v2 = openAt('test-migration-1-2', 2);
    await v2.open();
    expect(v2.verno).toBe(2);
    expect(await v2.table('contacts').where('addresses').equals('p.snijders@zwolle.nl').first()).toMatchObject({
      role: 'wethouder',
    });
    expect(await v2.table('threads').where('contactIds').equals(CONTACT.id).count()).toBe(1);
    expect(await v2.table('tags').where('[subjectType+subjectId]').equals(['address', 'p.snijders@zwolle.nl']).count()).toBe(1);
    await v2.table('calls').add({ id: 'call:1', contactId: CONTACT.id, at: 3 });
    expect(await v2.table('calls').where('contactId').equals(CONTACT.id).count()).toBe(1);
    v2.close();
  });

  it('2 -> 3 (latency cache) keeps calls and messages', async () => {
    names.push('test-migration-2-3');
    await seedVersion1('test-migration-2-3');
    const v2 = openAt('test-migration-2-3', 2);
    await v2.open();
    await v2.table('calls').add({ id: 'call:1', contactId: CONTACT.id, at: 3 });
    v2.close();
    const v3 = openAt('test-migration-2-3', 3);
    await v3.open();
    expect(v3.verno).toBe(3);
    expect(await v3.table('calls').count()).toBe(1);
    expect(await v3.table('messages').where('contactIds').equals(CONTACT.id).count()).toBe(1);
    await v3.table('latency').put({ contactId: CONTACT.id, status: 'slow', municipalityCode: 'GM0193', organisationId: null });
    expect(await v3.table('latency').where('status').equals('slow').count()).toBe(1);
    v3.close();
  });

  it('3 -> 4 (merge history) keeps contacts, latency and tags; merges are findable by both contacts', async () => {
    names.push('test-migration-3-4');
    await seedVersion1('test-migration-3-4');
    const v3 = openAt('test-migration-3-4', 3);
    await v3.open();
    await v3.table('latency').put({ contactId: CONTACT.id, status: 'slow', municipalityCode: 'GM0193', organisationId: null });
    expect(v3.tables.map((table) => table.name)).not.toContain('merges');
    v3.close();
    const v4 = openAt('test-migration-3-4', 4);
    await v4.open();
    expect(v4.verno).toBe(4);
    expect(await v4.table('contacts').get(CONTACT.id)).toMatchObject({ role: 'wethouder' });
    expect(await v4.table('latency').where('status').equals('slow').count()).toBe(1);
    expect(await v4.table('tags').count()).toBe(1);
    await v4
      .table('merges')
      .put({ id: 'merge:c:x@zwolle.nl', intoContactId: CONTACT.id, mergedContactId: 'c:x@zwolle.nl', at: 9 });
    expect(await v4.table('merges').where('intoContactId').equals(CONTACT.id).count()).toBe(1);
    expect(await v4.table('merges').where('mergedContactId').equals('c:x@zwolle.nl').count()).toBe(1);
    v4.close();
  });

  it('4 -> 5 (municipality summaries) keeps merges and contacts; summaries start empty and are filled by the background', async () => {
    names.push('test-migration-4-5');
    await seedVersion1('test-migration-4-5');
    const v4 = openAt('test-migration-4-5', 4);
    await v4.open();
    await v4
      .table('merges')
      .put({ id: 'merge:c:x@zwolle.nl', intoContactId: CONTACT.id, mergedContactId: 'c:x@zwolle.nl', at: 9 });
    v4.close();
    const v5 = openAt('test-migration-4-5', 5);
    await v5.open();
    expect(v5.verno).toBe(5);
    expect(await v5.table('merges').count()).toBe(1);
    expect(await v5.table('contacts').get(CONTACT.id)).toMatchObject({ role: 'wethouder' });
    expect(await v5.table('summaries').count()).toBe(0);
    await v5.table('summaries').put({ code: 'GM0193', name: 'Zwolle' });
    expect(await v5.table('summaries').get('GM0193')).toMatchObject({ name: 'Zwolle' });
    v5.close();
  });

  it("5 -> 6 (mailboxes) computes every contact's mailboxes and indexes them", async () => {
    names.push('test-migration-5-6');
    await seedVersion1('test-migration-5-6');
    const v5 = openAt('test-migration-5-6', 5);
    await v5.open();
    await v5.table('contacts').put({
      ...CONTACT,
      id: 'c:p.snijders+radar@gmail.com',
      addresses: ['p.snijders+radar@gmail.com', 'psnijders@googlemail.com'],
    });
    v5.close();
    const v6 = openAt('test-migration-5-6', 6);
    await v6.open();
    expect(v6.verno).toBe(6);
    expect(await v6.table('contacts').get(CONTACT.id)).toMatchObject({ role: 'wethouder', mailboxes: ['p.snijders@zwolle.nl'] });
    expect(await v6.table('contacts').where('mailboxes').equals('psnijders@gmail.com').primaryKeys()).toEqual([
      'c:p.snijders+radar@gmail.com',
    ]);
    v6.close();
  });

  it('6 -> 7 (rule tags on the contact, unused indexes gone) moves every contact rule tag and keeps corrections', async () => {
    names.push('test-migration-6-7');
    await seedVersion1('test-migration-6-7');
    const v6 = openAt('test-migration-6-7', 6);
    await v6.open();
    const ruleTag = (subjectType: string, subjectId: string, dimension: string, value: string) => ({
      id: `rule:${subjectType}:${subjectId}:${dimension}`,
      subjectType,
      subjectId,
      dimension,
      value,
      source: 'rule',
      evidence: [`bewijs voor ${value}`],
      confidence: 0.9,
      updatedAt: 7,
    });
    const OTHER = {
      ...CONTACT,
      id: 'c:k.mulder@gmail.com',
      addresses: ['k.mulder@gmail.com'],
      municipalityCode: null,
      role: 'bewoner',
    };
    await v6.table('contacts').put(OTHER);
    await v6.table('tags').bulkPut([
      ruleTag('contact', CONTACT.id, 'municipality', 'GM0193'),
      ruleTag('contact', CONTACT.id, 'role', 'wethouder'),
      ruleTag('contact', OTHER.id, 'role', 'bewoner'),
      // of a contact no longer stored, and of a thread (early builds): nothing left to carry them
      ruleTag('contact', 'c:gone@zwolle.nl', 'role', 'ambtenaar'),
      ruleTag('thread', 'gmail:thread-f:1', 'municipality', 'GM0193'),
    ]);
    v6.close();

    const v7 = openAt('test-migration-6-7', 7);
    await v7.open();
    expect(v7.verno).toBe(7);
    expect(
      v7
        .table('messages')
        .schema.indexes.map((index) => index.name)
        .sort(),
    ).toEqual(['contactIds', 'threadId']);
    v7.close();

    const db = createDb('test-migration-6-7');
    await db.open();
    const peter = await db.contacts.get(CONTACT.id);
    expect(peter?.ruleTags?.map((tag) => `${tag.dimension}=${tag.value}`)).toEqual(['municipality=GM0193', 'role=wethouder']);
    // (v11 turned the text into evidence that keeps it: see the 10 -> 11 test)
    expect(peter?.ruleTags?.[0]).toMatchObject({ id: `rule:contact:${CONTACT.id}:municipality`, updatedAt: 7 });
    expect(dutch(peter?.ruleTags?.[0]?.evidence)).toEqual(['bewijs voor GM0193']);
    expect((await db.contacts.get(OTHER.id))?.ruleTags?.map((tag) => tag.value)).toEqual(['bewoner']);
    // only the user's correction is left in tags
    expect((await db.tags.toArray()).map((tag) => tag.id)).toEqual(['user:address:p.snijders@zwolle.nl:role']);
    // what the remaining indexes answer
    expect(await db.contacts.where('municipalityCode').equals('GM0193').primaryKeys()).toEqual([CONTACT.id]);
    expect(await db.messages.where('threadId').equals('gmail:thread-f:1').count()).toBe(1);
    // a migrated contact is a valid record: it can be written back as it is
    await db.contacts.put(peter!);
    db.close();
  });

  it('7 -> 8 (messages by sender and recipient) indexes the messages already stored', async () => {
    names.push('test-migration-7-8');
    await seedVersion1('test-migration-7-8');
    const v7 = openAt('test-migration-7-8', 7);
    await v7.open();
    await v7.table('messages').bulkPut([
      {
        id: 'gmail:msg-f:2',
        threadId: 'gmail:thread-f:1',
        contactIds: [],
        fromAddress: 'joris@buurtkracht.nl',
        toAddresses: ['sanne@buurtkracht.nl'],
        direction: 'in',
      },
      {
        id: 'gmail:msg-f:3',
        threadId: 'gmail:thread-f:1',
        contactIds: [],
        fromAddress: 'sanne@buurtkracht.nl',
        toAddresses: ['joris@buurtkracht.nl', 'p.snijders@zwolle.nl'],
        direction: 'out',
      },
    ]);
    v7.close();
    const v8 = openAt('test-migration-7-8', 8);
    await v8.open();
    expect(v8.verno).toBe(8);
    expect(await v8.table('messages').where('fromAddress').equals('joris@buurtkracht.nl').primaryKeys()).toEqual([
      'gmail:msg-f:2',
    ]);
    expect(await v8.table('messages').where('toAddresses').equals('joris@buurtkracht.nl').primaryKeys()).toEqual([
      'gmail:msg-f:3',
    ]);
    expect(await v8.table('messages').count()).toBe(3);
    v8.close();
  });

  it('8 -> 10 (intent, recipients, one mail one record, meetings, decisions) classifies the stored mail and indexes it', async () => {
    names.push('test-migration-8-10');
    await seedVersion1('test-migration-8-10');
    const v8 = openAt('test-migration-8-10', 8);
    await v8.open();
    const at = Date.UTC(2026, 10, 17, 8, 21);
    const mail = {
      threadId: 'gmail:thread-f:1',
      fromName: 'Sanne',
      subject: 'Re: Wijkaanpak',
      at,
      atRaw: null,
      host: 'gmail',
      idSource: 'app',
    };
    await v8.table('messages').bulkPut([
      {
        ...mail,
        id: 'gmail:msg-f:2',
        direction: 'out',
        fromAddress: 'sanne@buurtkracht.nl',
        toAddresses: ['p.snijders@zwolle.nl'],
        contactIds: [CONTACT.id],
        excerpt: 'Kunt u mij de stukken sturen?',
      },
      {
        ...mail,
        id: 'gmail:msg-f:3',
        direction: 'out',
        fromAddress: 'sanne@buurtkracht.nl',
        toAddresses: [],
        contactIds: [],
        excerpt: 'Hartelijk dank voor de stukken!',
      },
      {
        ...mail,
        id: 'gmail:msg-f:4',
        direction: 'in',
        fromAddress: 'p.snijders@zwolle.nl',
        toAddresses: [],
        contactIds: [CONTACT.id],
        excerpt: 'Hierbij.',
      },
    ]);
    v8.close();
    const v10 = openAt('test-migration-8-10', 10);
    await v10.open();
    expect(v10.verno).toBe(10);
    const messages = v10.table('messages');
    expect(await messages.get('gmail:msg-f:2')).toMatchObject({
      intent: { value: 'asking' },
      recipientsSeen: true,
      matchKey: expect.stringMatching(/^me\|/),
    });
    expect(await messages.get('gmail:msg-f:3')).toMatchObject({ intent: { value: 'closing' }, recipientsSeen: false });
    const incoming = await messages.get('gmail:msg-f:4');
    expect(incoming.intent).toBeUndefined();
    expect(await messages.where('matchKey').equals(incoming.matchKey).primaryKeys()).toEqual(['gmail:msg-f:4']);
    // the version-1 record without direction, subject or time is kept as it was
    expect(await messages.get('gmail:msg-f:1')).toEqual({
      id: 'gmail:msg-f:1',
      threadId: 'gmail:thread-f:1',
      contactIds: [CONTACT.id],
      at: 5,
    });
    await messages.update('gmail:msg-f:2', { aliases: ['outlook:derived:abc'] });
    expect(await messages.where('aliases').equals('outlook:derived:abc').primaryKeys()).toEqual(['gmail:msg-f:2']);
    await v10.table('meetings').put({
      id: 'meeting:mail:gmail:msg-f:4',
      sourceKeys: ['mail:gmail:msg-f:4'],
      threadId: 'gmail:thread-f:1',
      contactIds: [CONTACT.id],
    });
    expect(await v10.table('meetings').where('contactIds').equals(CONTACT.id).count()).toBe(1);
    expect(await v10.table('meetings').where('sourceKeys').equals('mail:gmail:msg-f:4').count()).toBe(1);
    await v10.table('decisions').put({
      id: `snooze:contact:${CONTACT.id}`,
      kind: 'snooze',
      subjectType: 'contact',
      subjectId: CONTACT.id,
      until: 9,
      at: 1,
    });
    expect(await v10.table('decisions').where('[subjectType+subjectId]').equals(['contact', CONTACT.id]).count()).toBe(1);
    expect(await v10.table('contacts').count()).toBe(1);
    v10.close();
  });

  it('8 -> 9 (reasons as codes, quarantine) counts every stored Dutch reason under its code, keeps any other text as legacy', async () => {
    names.push('test-migration-8-9');
    await seedVersion1('test-migration-8-9');
    const v8 = openAt('test-migration-8-9', 8);
    await v8.open();
    const stored = [
      ['afzender: niet deze extensie', 4, 10],
      ['afzender: gmail-waarneming van een andere pagina', 2, 11],
      ['afzender: contact-statuses alleen vanuit de webmail', 1, 12],
      ['afzender: log-call alleen vanuit de extensie', 1, 13],
      // two texts of one reason (the same field of the same table): one counter, counts added
      ['opslag: Refused to store an invalid contacts record: name: Too big: expected string to have <=300 characters', 3, 14],
      ['opslag: Refused to store an invalid contacts record: name: Invalid input: expected string, received number', 2, 20],
      ['opslag: Refused to store an invalid contacts record: ruleTags.0.evidence.1: Too big', 1, 15],
      ['opslag: gmail.com is een persoonlijk maildomein: corrigeer alleen dit adres', 1, 16],
      ['opslag: Onbekend contact: c:x@y.nl', 1, 17],
      ['batch.account: not an e-mail address', 5, 18],
      ['ongeldig bericht', 1, 19],
    ] as const;
    await v8.table('rejections').bulkPut(stored.map(([reason, count, lastAt]) => ({ reason, count, lastAt })));
    v8.close();

    // the upgrade to 9 alone; then the current code's database (later versions only add tables)
    const at9 = openAt('test-migration-8-9', 9);
    await at9.open();
    expect(at9.verno).toBe(9);
    at9.close();
    const v9 = createDb('test-migration-8-9');
    await v9.open();
    const byReason = new Map((await v9.rejections.toArray()).map((rejection) => [rejection.reason, rejection]));
    expect([...byReason.values()].map(({ code, values, count, lastAt }) => ({ code, values, count, lastAt }))).toEqual(
      expect.arrayContaining([
        { code: 'sender-not-extension', values: undefined, count: 4, lastAt: 10 },
        { code: 'sender-wrong-page', values: { host: 'gmail' }, count: 2, lastAt: 11 },
        { code: 'sender-not-webmail', values: { type: 'contact-statuses' }, count: 1, lastAt: 12 },
        { code: 'sender-not-extension-page', values: { type: 'log-call' }, count: 1, lastAt: 13 },
        { code: 'invalid-record', values: { table: 'contacts', field: 'name' }, count: 5, lastAt: 20 },
        { code: 'invalid-record', values: { table: 'contacts', field: 'ruleTags.evidence' }, count: 1, lastAt: 15 },
        { code: 'correction-personal-domain', values: { domain: 'gmail.com' }, count: 1, lastAt: 16 },
        { code: 'unknown-contact', values: undefined, count: 1, lastAt: 17 },
        { code: 'legacy', values: { text: 'batch.account: not an e-mail address' }, count: 5, lastAt: 18 },
        { code: 'invalid-message', values: { path: '', issue: 'unknown' }, count: 1, lastAt: 19 },
      ]),
    );
    expect(byReason.size).toBe(10);
    // nothing was lost: the counts add up to what was stored
    expect([...byReason.values()].reduce((sum, rejection) => sum + rejection.count, 0)).toBe(
      stored.reduce((sum, [, count]) => sum + count, 0),
    );
    // a migrated counter is a valid record: the next refusal of that reason adds to it
    await recordRejection(v9, reason('sender-not-extension'), 30);
    expect(await v9.rejections.get('sender-not-extension')).toMatchObject({ count: 5, lastAt: 30 });
    // the quarantine starts empty and takes a damaged record as it was
    await v9.quarantine.put({
      id: 'q:contacts:c:x@y.nl:1',
      table: 'contacts',
      key: 'c:x@y.nl',
      record: { id: 'c:x@y.nl' },
      reason: reason('record-quarantined', { table: 'contacts', field: 'addresses' }),
      at: 1,
    });
    expect(await v9.quarantine.where('table').equals('contacts').count()).toBe(1);
    expect(await v9.contacts.get(CONTACT.id)).toMatchObject({ name: 'Peter Snijders' });
    v9.close();
  });

  it('8 -> 11 (evidence as codes) turns stored Dutch evidence into codes, keeps unknown text, drops the latency cache', async () => {
    names.push('test-migration-8-11');
    await seedVersion1('test-migration-8-11');
    const v8 = openAt('test-migration-8-11', 8);
    await v8.open();
    const ruleTag = (contactId: string, dimension: string, value: string, evidence: string[]) => ({
      ...{ id: `rule:contact:${contactId}:${dimension}`, subjectType: 'contact', subjectId: contactId, dimension, value },
      ...{ source: 'rule', evidence, confidence: 0.6, updatedAt: 7 },
    });
    const ruleTags = [
      ruleTag(CONTACT.id, 'municipality', 'GM0193', ['domein zwolle.nl', 'vermelding "gemeente Zwolle" in handtekening']),
      ruleTag(CONTACT.id, 'role', 'ambtenaar', [
        'domein zwolle.nl: gemeente Zwolle',
        'medewerker van een gemeente: standaard ambtenaar',
      ]),
    ];
    const contact = { ...CONTACT, role: 'ambtenaar', mailboxes: CONTACT.addresses, ruleTags };
    await v8.table('contacts').put(contact);
    await v8.table('tags').put({
      ...{
        id: 'user:address:k.mulder@zwolle.nl:role',
        subjectType: 'address',
        subjectId: 'k.mulder@zwolle.nl',
        dimension: 'role',
      },
      ...{
        value: 'wethouder',
        source: 'user',
        evidence: ['correctie voor adres k.mulder@zwolle.nl'],
        confidence: 1,
        updatedAt: 8,
      },
    });
    await v8.table('threads').put({
      ...{ id: 'gmail:thread-f:2', host: 'gmail', idSource: 'app', subject: 'Pilot', snippet: '', contactIds: [CONTACT.id] },
      ...{
        municipalityCode: 'GM0193',
        municipalityEvidence: ['1 van 1 contacten met een gemeente: Zwolle', 'iets wat geen patroon heeft'],
      },
      ...{ firstMessageAt: null, lastMessageAt: 5, lastMessageAtRaw: null, messageCount: 1, updatedAt: 5 },
    });
    await v8.table('merges').put({
      ...{ id: 'merge:c:x@zwolle.nl', intoContactId: CONTACT.id, mergedContactId: 'c:x@zwolle.nl', at: 9 },
      ...{
        mergedContact: { ...contact, id: 'c:x@zwolle.nl', addresses: ['x@zwolle.nl'], mailboxes: ['x@zwolle.nl'] },
        intoContactBefore: contact,
      },
      ...{ messageIds: [], sharedMessageIds: [], threadIds: [], sharedThreadIds: [], callIds: [], nextStepIds: [] },
      ...{ mergedTags: [], intoTagsBefore: ruleTags, intoTagsWritten: [], mergedNote: null, intoNoteBefore: null },
    });
    await v8.table('latency').put({
      contactId: CONTACT.id,
      status: 'slow',
      municipalityCode: 'GM0193',
      organisationId: null,
      evidence: ['3 pogingen zonder antwoord'],
    });
    v8.close();

    const db = createDb('test-migration-8-11');
    await db.open();
    expect(db.verno).toBeGreaterThanOrEqual(11);
    const peter = (await db.contacts.get(CONTACT.id))!;
    expect(peter.ruleTags?.map((tag) => tag.evidence)).toEqual([
      [
        { code: 'municipality-domain', values: { domain: 'zwolle.nl' } },
        { code: 'mention', values: { quote: 'gemeente Zwolle', source: 'signature' } },
      ],
      [{ code: 'org-gemeente-domain', values: { domain: 'zwolle.nl', name: 'Zwolle' } }, { code: 'role-default-gemeente' }],
    ]);
    // what the Dutch UI shows is what it showed before
    expect(peter.ruleTags?.flatMap((tag) => dutch(tag.evidence))).toEqual([...ruleTags[0]!.evidence, ...ruleTags[1]!.evidence]);
    expect((await db.tags.get('user:address:k.mulder@zwolle.nl:role'))?.evidence).toEqual([
      { code: 'correction-address', values: { address: 'k.mulder@zwolle.nl' } },
    ]);
    expect((await db.threads.get('gmail:thread-f:2'))?.municipalityEvidence).toEqual([
      { code: 'thread-contacts', values: { count: 1, total: 1, name: 'Zwolle' } },
      { code: 'legacy', values: { text: 'iets wat geen patroon heeft' } },
    ]);
    const merge = (await db.merges.get('merge:c:x@zwolle.nl'))!;
    expect(merge.mergedContact.ruleTags?.[1]?.evidence).toEqual(peter.ruleTags?.[1]?.evidence);
    expect(merge.intoContactBefore.ruleTags?.[0]?.evidence).toEqual(peter.ruleTags?.[0]?.evidence);
    expect(merge.intoTagsBefore.map((tag) => tag.evidence)).toEqual(peter.ruleTags?.map((tag) => tag.evidence));
    // derived: recomputed by the background (refreshLatency recomputes everyone when the cache is incomplete)
    expect(await db.latency.count()).toBe(0);
    // the version-1 records without evidence are untouched, and every migrated record is valid as it is
    expect(await db.tags.get('user:address:p.snijders@zwolle.nl:role')).toEqual({
      id: 'user:address:p.snijders@zwolle.nl:role',
      subjectType: 'address',
      subjectId: 'p.snijders@zwolle.nl',
    });
    await db.contacts.put(peter);
    await db.threads.put((await db.threads.get('gmail:thread-f:2'))!);
    await db.merges.put(merge);
    db.close();
  });

  it('9 -> 12 (the not-tracked list) keeps messages and contacts; the list starts empty', async () => {
    names.push('test-migration-9-12');
    await seedVersion1('test-migration-9-12');
    const v9 = openAt('test-migration-9-12', 9);
    await v9.open();
    expect(await v9.table('messages').count()).toBe(1);
    v9.close();
    const v12 = openAt('test-migration-9-12', 12);
    await v12.open();
    expect(v12.verno).toBe(12);
    expect(await v12.table('messages').where('contactIds').equals(CONTACT.id).count()).toBe(1);
    expect(await v12.table('contacts').where('mailboxes').equals('p.snijders@zwolle.nl').count()).toBe(1);
    expect(await v12.table('notTracked').count()).toBe(0);
    await v12.table('notTracked').put({ hash: 'a'.repeat(64), salt: 'b'.repeat(32), addedAt: 1 });
    expect(await v12.table('notTracked').get('a'.repeat(64))).toMatchObject({ addedAt: 1 });
    v12.close();
  });

  it('the current code opens a version-1 database, every upgrade in a row', async () => {
    names.push('test-migration-1-latest');
    await seedVersion1('test-migration-1-latest');
    const db = createDb('test-migration-1-latest');
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    expect(await db.contacts.get(CONTACT.id)).toMatchObject({ name: 'Peter Snijders' });
    db.close();
  });
});
