import { describe, expect, it } from 'vitest';
import { InvalidRecordError, type GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { loadMunicipalityDetail, loadPopupData } from '@/lib/read-models/popup';
import { refreshSummaries } from '@/lib/store/summary-service';
import { ruleTagOf, tagId } from '@/lib/store/tags';
import { BEWONER, COLLEAGUE, DAY, inbox, ME, NEWSLETTER, WETHOUDER } from '../fixtures/inbox';
import { ACCOUNT, batch, message, person, readFully, T0, threadRow } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';
import { GOOD_ROWS, LONG_DOMAIN_SENDER, LONG_SENDER, LONG_WETHOUDER, pageWith } from '../fixtures/poisoned-page';
import { contactRecord, latencyRecord, tagRecord } from '../fixtures/records';
import { dutch, textEvidence } from '../fixtures/evidence';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

async function counts() {
  return {
    contacts: await db.contacts.count(),
    threads: await db.threads.count(),
    messages: await db.messages.count(),
    tags: await db.tags.count(),
    organisations: await db.organisations.count(),
  };
}

describe('ingest', () => {
  it('turns list rows into contacts, threads and tags with evidence', async () => {
    await ingestBatches(db, [inbox], T0);

    const wethouder = await db.contacts.get(contactIdFor(WETHOUDER.address!));
    expect(wethouder).toMatchObject({ kind: 'stakeholder', municipalityCode: 'GM0193', name: 'Peter Snijders' });
    // the rules' tags, with their evidence, are on the contact; `tags` holds corrections only
    const municipalityTag = ruleTagOf(wethouder!, 'municipality');
    expect(municipalityTag).toMatchObject({ id: tagId('rule', 'contact', wethouder!.id, 'municipality'), value: 'GM0193' });
    expect(dutch(municipalityTag?.evidence).join(' ')).toContain('zwolle.nl');
    // a gemeente address with no title in sight: an ambtenaar, until a signature says more
    expect(ruleTagOf(wethouder!, 'role')).toMatchObject({ value: 'ambtenaar', source: 'rule' });
    expect(await db.tags.count()).toBe(0);

    const bewoner = await db.contacts.get(contactIdFor(BEWONER.address!));
    expect(bewoner).toMatchObject({ kind: 'stakeholder', municipalityCode: 'GM0193', role: 'bewoner' });

    expect(await db.contacts.get(contactIdFor(COLLEAGUE.address!))).toMatchObject({ kind: 'colleague' });
    expect(await db.contacts.get(contactIdFor(NEWSLETTER.address!))).toMatchObject({ kind: 'bulk' });
    // the user is an account, never a contact
    expect(await db.contacts.get(contactIdFor(ACCOUNT))).toBeUndefined();
    expect(await db.accounts.get(ACCOUNT)).toMatchObject({ host: 'gmail' });

    const thread = await db.threads.get('gmail:thread-f:1001');
    expect(thread).toMatchObject({ municipalityCode: 'GM0193', contactIds: [wethouder!.id], messageCount: 2 });
    expect(dutch(thread!.municipalityEvidence).join(' ')).toMatch(/Zwolle|GM0193|zwolle/i);
    // colleagues and newsletters are not stakeholders of a thread
    expect(await db.threads.get('gmail:thread-f:1003')).toMatchObject({ contactIds: [], municipalityCode: null });
  });

  it('is idempotent: the same observations again change nothing', async () => {
    await ingestBatches(db, [inbox], T0);
    const before = await counts();
    await ingestBatches(db, [inbox], T0 + 1000);
    await ingestBatches(db, [inbox, inbox], T0 + 2000);
    expect(await counts()).toEqual(before);
  });

  it('writes nothing when the page shows nothing new (a re-render, a reload)', async () => {
    await ingestBatches(db, [inbox], T0);
    const before = { contacts: await db.contacts.toArray(), threads: await db.threads.toArray(), tags: await db.tags.toArray() };
    await ingestBatches(db, [inbox], T0 + 60_000);
    // untouched records keep the time they were last really changed
    expect(await db.contacts.toArray()).toEqual(before.contacts);
    expect(await db.threads.toArray()).toEqual(before.threads);
    expect(await db.tags.toArray()).toEqual(before.tags);
    // and a real change is written
    const changed = batch({ threads: [{ ...inbox.threads[0]!, snippet: 'Nieuw bericht van de wethouder' }] });
    await ingestBatches(db, [changed], T0 + 120_000);
    expect(await db.threads.get('gmail:thread-f:1001')).toMatchObject({
      snippet: 'Nieuw bericht van de wethouder',
      updatedAt: T0 + 120_000,
    });
  });

  it('two tabs sending at once through the queue store each thing once', async () => {
    const queue = createIngestQueue(db);
    const tabA = batch({ threads: inbox.threads.slice(0, 2) });
    const tabB = batch({ threads: inbox.threads.slice(1) });
    await Promise.all([queue.push(tabA), queue.push(tabB), queue.push(tabA), queue.push(inbox)]);
    await queue.idle();
    expect(await db.threads.count()).toBe(4);
    expect(await db.contacts.where('addresses').equals(BEWONER.address!).count()).toBe(1);
  });

  it('tells sent from received and links messages to the stakeholders involved', async () => {
    await ingestBatches(
      db,
      [
        batch({
          health: readFully('conversation', 2),
          messages: [
            message({ messageKey: 'gmail:msg-f:1', threadKey: 'gmail:thread-f:1001', from: ME, to: [WETHOUDER], at: T0 }),
            message({
              messageKey: 'gmail:msg-f:2',
              threadKey: 'gmail:thread-f:1001',
              from: WETHOUDER,
              to: [ME],
              at: T0 + 2 * DAY,
              signature: 'Peter Snijders\nWethouder Sociaal Domein\nGemeente Zwolle',
            }),
          ],
        }),
      ],
      T0,
    );
    const [sent, received] = await db.messages.bulkGet(['gmail:msg-f:1', 'gmail:msg-f:2']);
    expect(sent).toMatchObject({ direction: 'out', contactIds: [contactIdFor(WETHOUDER.address!)] });
    expect(received).toMatchObject({ direction: 'in', contactIds: [contactIdFor(WETHOUDER.address!)] });
    expect(await db.contacts.get(contactIdFor(WETHOUDER.address!))).toMatchObject({ role: 'wethouder' });
    const thread = await db.threads.get('gmail:thread-f:1001');
    expect(thread).toMatchObject({ firstMessageAt: T0, lastMessageAt: T0 + 2 * DAY });
  });

  it('keeps what an expanded message showed when it is later seen collapsed', async () => {
    const key = { messageKey: 'gmail:msg-f:9', threadKey: 'gmail:thread-f:1002', from: BEWONER };
    await ingestBatches(
      db,
      [batch({ messages: [message({ ...key, to: [ME], excerpt: 'Beste Sanne, wij willen graag meedoen met het platform.' })] })],
      T0,
    );
    await ingestBatches(
      db,
      [batch({ messages: [message({ ...key, expanded: false, at: null, atRaw: '2 nov.', excerpt: 'Beste Sanne' })] })],
      T0,
    );
    const stored = await db.messages.get('gmail:msg-f:9');
    expect(stored).toMatchObject({ at: T0, excerpt: 'Beste Sanne, wij willen graag meedoen met het platform.' });
    expect(stored?.toAddresses).toEqual([ACCOUNT]);
  });

  it('stores an unknown time as unknown, with the text that was shown', async () => {
    await ingestBatches(
      db,
      [
        batch({
          threads: [
            threadRow({ threadKey: 'gmail:thread-f:77', participants: [BEWONER], at: null, atRaw: 'ergens vorige week' }),
          ],
        }),
      ],
      T0,
    );
    expect(await db.threads.get('gmail:thread-f:77')).toMatchObject({
      lastMessageAt: null,
      lastMessageAtRaw: 'ergens vorige week',
    });
  });

  it("keeps the account's last sighting to the day: a batch that changes nothing writes nothing", async () => {
    await ingestBatches(db, [inbox], T0);
    expect(await db.accounts.get(ACCOUNT)).toMatchObject({ lastSeenAt: T0 });
    await ingestBatches(db, [inbox], T0 + DAY - 1);
    expect(await db.accounts.get(ACCOUNT)).toMatchObject({ lastSeenAt: T0 });
    await ingestBatches(db, [inbox], T0 + DAY + 1);
    expect(await db.accounts.get(ACCOUNT)).toMatchObject({ lastSeenAt: T0 + DAY + 1 });
  });

  it('names a thread by its list row; a message\'s "Re:" subject does not take turns with it', async () => {
    const row = batch({
      threads: [threadRow({ threadKey: 'gmail:thread-f:3001', subject: 'Pilot buurtkamer', participants: [WETHOUDER], at: T0 })],
    });
    const opened = batch({
      messages: [
        message({
          messageKey: 'gmail:msg-f:3001',
          threadKey: 'gmail:thread-f:3001',
          subject: 'RE: Pilot buurtkamer',
          from: WETHOUDER,
          to: [ME],
          at: T0,
        }),
      ],
    });
    // a conversation opened before its row was ever listed: named by its message for now
    await ingestBatches(db, [opened], T0);
    expect(await db.threads.get('gmail:thread-f:3001')).toMatchObject({ subject: 'RE: Pilot buurtkamer' });
    await ingestBatches(db, [row], T0 + 1000);
    const named = await db.threads.get('gmail:thread-f:3001');
    expect(named).toMatchObject({ subject: 'Pilot buurtkamer', updatedAt: T0 + 1000 });
    // the list and the conversation, seen again and again: nothing left to write
    for (let turn = 2; turn < 6; turn++) await ingestBatches(db, [turn % 2 ? row : opened], T0 + turn * 1000);
    expect(await db.threads.get('gmail:thread-f:3001')).toEqual(named);
  });

  it("moves a person's earlier threads when a later mail tells their municipality", async () => {
    const KAREL = person('Karel Jansen', 'karel.jansen@gmail.com');
    await ingestBatches(
      db,
      [batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:2001', subject: 'Vraagje', participants: [KAREL] })] })],
      T0,
    );
    expect(await db.threads.get('gmail:thread-f:2001')).toMatchObject({ municipalityCode: null });
    // another thread, another day: his signature names the municipality
    await ingestBatches(
      db,
      [
        batch({
          messages: [
            message({
              messageKey: 'gmail:msg-f:2002',
              threadKey: 'gmail:thread-f:2002',
              from: KAREL,
              to: [ME],
              at: T0 + DAY,
              signature: 'Karel Jansen\nBewonersplatform Stadshagen, gemeente Zwolle',
            }),
          ],
        }),
      ],
      T0 + DAY,
    );
    expect(await db.contacts.get(contactIdFor(KAREL.address!))).toMatchObject({ municipalityCode: 'GM0193' });
    // the first thread was not sent again, and follows its contact all the same
    expect(await db.threads.get('gmail:thread-f:2001')).toMatchObject({ municipalityCode: 'GM0193' });
  });

  it('never overwrites a user correction with a rule', async () => {
    await ingestBatches(db, [inbox], T0);
    const id = contactIdFor(BEWONER.address!);
    await db.tags.put(
      tagRecord({
        source: 'user',
        subjectType: 'address',
        subjectId: BEWONER.address!,
        dimension: 'role',
        value: 'gemeenteraad',
        evidence: [textEvidence('correctie door gebruiker')],
        updatedAt: T0,
      }),
    );
    await ingestBatches(db, [inbox], T0 + DAY);
    expect(await db.contacts.get(id)).toMatchObject({ role: 'gemeenteraad' });
  });

  it('refuses a record of the wrong shape alone: the rest of the batch is stored, the refusal counted by table and field', async () => {
    // a subject longer than the contract allows (a reader's bug could send one past it)
    const bad = batch({
      threads: [
        threadRow({ threadKey: 'gmail:thread-f:5', participants: [WETHOUDER], subject: 'x'.repeat(1001) }),
        threadRow({ threadKey: 'gmail:thread-f:6', participants: [BEWONER], subject: 'Buurthulp' }),
      ],
    });
    await ingestBatches(db, [bad], T0);
    expect(await db.threads.toCollection().primaryKeys()).toEqual(['gmail:thread-f:6']);
    expect(await db.contacts.count()).toBe(2);
    expect(await db.rejections.toArray()).toEqual([
      {
        reason: 'invalid-record field=subject table=threads',
        code: 'invalid-record',
        values: { table: 'threads', field: 'subject' },
        count: 1,
        lastAt: T0,
      },
    ]);
    // the store's own check still refuses such a record from any other writer
    await expect(
      db.threads.put({ ...(await db.threads.get('gmail:thread-f:6'))!, subject: 'x'.repeat(1001) }),
    ).rejects.toBeInstanceOf(InvalidRecordError);
  });

  it.each([
    ['a sender address of 310 characters without a name (it becomes the name)', LONG_SENDER],
    ["a wethouder's address of 310 characters (the role's evidence quotes it)", LONG_WETHOUDER],
  ])('stores every row of a page with %s, at every reload', async (_label, poison) => {
    const page = pageWith(poison);
    await ingestBatches(db, [page], T0);
    expect(await db.threads.count()).toBe(GOOD_ROWS + 1);
    expect(await db.contacts.get(contactIdFor(poison.address!))).toMatchObject({ addresses: [poison.address] });
    await ingestBatches(db, [page], T0 + DAY); // the page again, after a reload
    expect(await db.threads.count()).toBe(GOOD_ROWS + 1);
    expect(await db.rejections.count()).toBe(0);
  });

  it('stores the other 59 rows of a page whose one organisation the store must refuse, and shows why', async () => {
    await ingestBatches(db, [pageWith(LONG_DOMAIN_SENDER)], T0);
    expect(await db.threads.count()).toBe(GOOD_ROWS + 1);
    expect(await db.contacts.get(contactIdFor(LONG_DOMAIN_SENDER.address!))).toMatchObject({ organisationId: null });
    expect(await db.rejections.toArray()).toMatchObject([
      { code: 'invalid-record', values: { table: 'organisations', field: 'domains' }, count: 1 },
    ]);
  });

  it('feeds the popup summary (kept by the background) and the detail view', async () => {
    await ingestBatches(db, [inbox], T0);
    expect((await loadPopupData(db)).municipalities).toEqual([]); // nothing summarised yet
    expect(await refreshSummaries(db, T0)).toBe(1);
    const data = await loadPopupData(db);
    expect(data.municipalities.map((m) => m.code)).toEqual(['GM0193']);
    const [zwolle] = data.municipalities;
    expect(zwolle).toMatchObject({ name: 'Zwolle', province: 'Overijssel', lastActivityAt: T0, contactCount: 2, threadCount: 2 });
    expect(zwolle!.searchText).toContain('karin mulder');
    const detail = await loadMunicipalityDetail(db, 'GM0193');
    expect(detail.contacts.map((c) => c.name).sort()).toEqual(['Karin Mulder', 'Peter Snijders']);
    expect(detail.threads.map((thread) => thread.id)).toEqual(['gmail:thread-f:1001', 'gmail:thread-f:1002']);
    expect(dutch(detail.evidence.get(contactIdFor(WETHOUDER.address!))).join(' ')).toContain('zwolle.nl');
    expect(zwolle!.roles).toContain('bewoner');
  });
});

describe('ingest: a reply just sent from Gmail', () => {
  it('replaces the provisional #msg-a record when the real #msg-f one is seen, so it counts once', async () => {
    const sent = { threadKey: 'gmail:thread-f:1001', from: ME, to: [WETHOUDER], subject: 'Re: Kennismaking' };
    await ingestBatches(
      db,
      [batch({ messages: [message({ ...sent, messageKey: 'gmail:msg-a:r-123456', idSource: 'app', at: T0 + 5_000 })] })],
      T0,
    );
    expect(await db.messages.count()).toBe(1);
    // after a reload Gmail shows its real id; the time from the legacy id is a few seconds off
    await ingestBatches(
      db,
      [batch({ messages: [message({ ...sent, messageKey: 'gmail:msg-f:1849000000000000001', at: T0 })] })],
      T0,
    );
    expect((await db.messages.toArray()).map((stored) => stored.id)).toEqual(['gmail:msg-f:1849000000000000001']);
  });

  it('keeps a provisional message that is another message (other sender or far apart in time)', async () => {
    await ingestBatches(
      db,
      [
        batch({
          messages: [
            message({
              threadKey: 'gmail:thread-f:1001',
              from: ME,
              to: [WETHOUDER],
              messageKey: 'gmail:msg-a:r-1',
              at: T0 + 3 * DAY,
            }),
          ],
        }),
      ],
      T0,
    );
    await ingestBatches(
      db,
      [
        batch({
          messages: [
            message({ threadKey: 'gmail:thread-f:1001', from: ME, to: [WETHOUDER], messageKey: 'gmail:msg-f:2', at: T0 }),
          ],
        }),
      ],
      T0,
    );
    expect(await db.messages.count()).toBe(2);
  });
});

describe('ingest: one mailbox, several spellings', () => {
  it('is one contact: Gmail dots, +tags, googlemail.com and capitals', async () => {
    const spellings = ['karin.mulder73@gmail.com', 'karinmulder73@gmail.com', 'karin.mulder73+buurt@googlemail.com'];
    await ingestBatches(
      db,
      spellings.map((address, index) =>
        batch({
          threads: [threadRow({ threadKey: `gmail:thread-f:${3000 + index}`, participants: [person('Karin Mulder', address)] })],
        }),
      ),
      T0,
    );
    const contacts = await db.contacts.toArray();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({
      id: 'c:karin.mulder73@gmail.com',
      addresses: spellings,
      mailboxes: ['karinmulder73@gmail.com'],
    });
    // threads of every spelling point at the one contact
    expect(new Set((await db.threads.toArray()).flatMap((thread) => thread.contactIds))).toEqual(
      new Set(['c:karin.mulder73@gmail.com']),
    );
  });

  it('keeps different people on other domains apart even when the local parts look alike', async () => {
    await ingestBatches(
      db,
      [
        batch({
          threads: [
            threadRow({
              threadKey: 'gmail:thread-f:1',
              participants: [person('J. de Vries', 'j.devries@zwolle.nl'), person('J. de Vries', 'jdevries@zwolle.nl')],
            }),
          ],
        }),
      ],
      T0,
    );
    expect(await db.contacts.count()).toBe(2);
  });

  it('derives mailboxes on every contact write, whoever writes', async () => {
    await db.contacts.put(
      contactRecord({
        id: 'c:a.b@gmail.com',
        name: 'A B',
        addresses: ['a.b@gmail.com', 'ab+x@gmail.com'],
        municipalityCode: null,
        role: 'onbekend',
        updatedAt: T0,
      }),
    );
    expect((await db.contacts.get('c:a.b@gmail.com'))?.mailboxes).toEqual(['ab@gmail.com']);
    await db.contacts.update('c:a.b@gmail.com', { addresses: ['a.b@gmail.com', 'a.b@zwolle.nl'] });
    expect((await db.contacts.get('c:a.b@gmail.com'))?.mailboxes).toEqual(['ab@gmail.com', 'a.b@zwolle.nl']);
  });
});

describe('ingest: a person with two addresses', () => {
  it('keeps a correction made on one address when mail from the other arrives', async () => {
    // one contact, two addresses (as after a merge in the side panel)
    await db.contacts.put(
      contactRecord({
        id: 'c:p.snijders@zwolle.nl',
        name: 'Peter Snijders',
        addresses: ['p.snijders@zwolle.nl', 'peter.snijders@gmail.com'],
        role: 'gemeenteraad',
        firstSeenAt: T0,
        lastSeenAt: T0,
        updatedAt: T0,
      }),
    );
    await db.tags.put(
      tagRecord({
        source: 'user',
        subjectType: 'address',
        subjectId: 'p.snijders@zwolle.nl',
        dimension: 'role',
        value: 'gemeenteraad',
        evidence: [textEvidence('correctie door gebruiker')],
        updatedAt: T0,
      }),
    );
    await ingestBatches(
      db,
      [
        batch({
          threads: [
            threadRow({
              threadKey: 'gmail:thread-f:55',
              subject: 'Buurthulp',
              participants: [person('Peter Snijders', 'peter.snijders@gmail.com')],
            }),
          ],
        }),
      ],
      T0 + DAY,
    );
    expect(await db.contacts.get('c:p.snijders@zwolle.nl')).toMatchObject({ role: 'gemeenteraad' });
    expect(await db.contacts.count()).toBe(1);
  });
});

describe('ingest: an own address learnt after it was seen as someone else', () => {
  const SANNE = person('Sanne de Wit', 'sanne.dewit@gmail.com');
  const before = batch({
    account: null, // a page that did not say who is signed in
    threads: [threadRow({ threadKey: 'gmail:thread-f:700', subject: 'Plan', participants: [SANNE, WETHOUDER] })],
    messages: [
      message({ messageKey: 'gmail:msg-f:701', threadKey: 'gmail:thread-f:700', from: SANNE, to: [WETHOUDER], at: T0 }),
      message({ messageKey: 'gmail:msg-f:702', threadKey: 'gmail:thread-f:700', from: WETHOUDER, to: [SANNE], at: T0 + 1000 }),
    ],
  });

  it.each([
    ['the same address', SANNE.address!],
    ['another spelling of its mailbox', 'sannedewit+radar@gmail.com'],
  ])(
    'turns the stored contact into the user when the account is %s: self, unlinked, no latency; its mail outgoing',
    async (_label, account) => {
      await ingestBatches(db, [before], T0);
      const sanneId = contactIdFor(SANNE.address!);
      expect(await db.contacts.get(sanneId)).toMatchObject({ kind: 'stakeholder' });
      await db.latency.put(latencyRecord({ contactId: sanneId, status: 'waiting' }));

      const summary = await ingestBatches(
        db,
        [batch({ account, threads: [threadRow({ threadKey: 'gmail:thread-f:703', participants: [person('me', account)] })] })],
        T0 + DAY,
      );

      expect(await db.contacts.get(sanneId)).toMatchObject({ kind: 'self', municipalityCode: null, role: 'onbekend' });
      expect(await db.latency.get(sanneId)).toBeUndefined();
      expect(await db.messages.where('contactIds').equals(sanneId).count()).toBe(0);
      expect(await db.threads.where('contactIds').equals(sanneId).count()).toBe(0);
      // what she sent was the user's mail: outgoing, an attempt to reach the wethouder
      const peterId = contactIdFor(WETHOUDER.address!);
      expect(await db.messages.get('gmail:msg-f:701')).toMatchObject({ direction: 'out', contactIds: [peterId] });
      expect(await db.threads.get('gmail:thread-f:700')).toMatchObject({ contactIds: [peterId] });
      expect(summary.affectedContactIds).toContain(peterId);
    },
  );

  it('changes nothing for a contact at the same domain who is someone else', async () => {
    await ingestBatches(db, [before], T0);
    await ingestBatches(db, [batch({ account: 'sanne.dewit2@gmail.com' })], T0 + DAY);
    expect(await db.contacts.get(contactIdFor(SANNE.address!))).toMatchObject({ kind: 'stakeholder' });
    expect(await db.messages.get('gmail:msg-f:701')).toMatchObject({ direction: 'in' });
  });
});
