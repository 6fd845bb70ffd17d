/**
 * The ingest planner on its own: plain records in, a plan out, no database. Every rule the store
 * tests (store-ingest.test.ts) check through IndexedDB is visible here in the plan itself.
 */
import { describe, expect, it } from 'vitest';
import type { ObservationBatch } from '@/lib/messaging/observations';
import { contactIdFor, ingestContextOf, planIngest, type IngestPlan } from '@/lib/store/ingest';
import type { Account, Contact, Message, Organisation, Tag, Thread } from '@/lib/store/schemas';
import { ruleTagOf, tagId } from '@/lib/store/tags';
import { BEWONER, COLLEAGUE, DAY, inbox, ME, NEWSLETTER, WETHOUDER } from '../fixtures/inbox';
import { ACCOUNT, batch, message, person, T0, threadRow } from '../fixtures/observations';
import { GOOD_ROWS, LONG_DOMAIN_SENDER, LONG_SENDER, LONG_WETHOUDER, pageWith } from '../fixtures/poisoned-page';
import { dutch, textEvidence } from '../fixtures/evidence';

/** An in-memory store: what the plans so far put, by table. */
interface MemoryStore {
  accounts: Map<string, Account>;
  contacts: Map<string, Contact>;
  organisations: Map<string, Organisation>;
  messages: Map<string, Message>;
  threads: Map<string, Thread>;
  corrections: Map<string, Tag>;
}

function emptyStore(): MemoryStore {
  return {
    accounts: new Map(),
    contacts: new Map(),
    organisations: new Map(),
    messages: new Map(),
    threads: new Map(),
    corrections: new Map(),
  };
}

/** The whole store as the planner's context (a superset of what readIngestContext would read). */
function contextOf(store: MemoryStore) {
  const messages = [...store.messages.values()];
  return ingestContextOf({
    accounts: [...store.accounts.values()],
    contacts: [...store.contacts.values()],
    messages,
    threads: [...store.threads.values()],
    organisations: [...store.organisations.values()],
    corrections: [...store.corrections.values()],
    provisionalMessages: messages.filter((stored) => stored.id.startsWith('gmail:msg-a:')),
    threadContacts: [...store.contacts.values()],
  });
}

function apply(store: MemoryStore, plan: IngestPlan): void {
  for (const account of plan.put.accounts) store.accounts.set(account.address, account);
  for (const table of ['contacts', 'organisations', 'messages', 'threads'] as const) {
    for (const record of plan.put[table]) (store[table] as Map<string, unknown>).set(record.id, record);
  }
  for (const id of plan.deleteMessageIds) store.messages.delete(id);
}

/** Plans the batches against the store and applies the plan, as ingestBatches would. */
function ingest(store: MemoryStore, batches: ObservationBatch[], now: number): IngestPlan {
  const plan = planIngest(contextOf(store), batches, now);
  apply(store, plan);
  return plan;
}

function correction(subjectType: Tag['subjectType'], subjectId: string, dimension: Tag['dimension'], value: string | null): Tag {
  return {
    id: tagId('user', subjectType, subjectId, dimension),
    subjectType,
    subjectId,
    dimension,
    value,
    source: 'user',
    evidence: [textEvidence('correctie door gebruiker')],
    confidence: 1,
    updatedAt: T0,
  };
}

function storedContact(overrides: Partial<Contact> & Pick<Contact, 'id' | 'addresses'>): Contact {
  return {
    name: 'Iemand',
    kind: 'stakeholder',
    organisationId: null,
    municipalityCode: null,
    role: 'onbekend',
    firstSeenAt: T0,
    lastSeenAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

const byId = <T extends { id: string }>(records: readonly T[], id: string) => records.find((record) => record.id === id);

describe('planIngest: people -> contacts', () => {
  it("plans new people as contacts with the rules' kind, municipality and role, and the user as an account", () => {
    const plan = planIngest(contextOf(emptyStore()), [inbox], T0);
    const wethouder = byId(plan.put.contacts, contactIdFor(WETHOUDER.address!));
    expect(wethouder).toMatchObject({
      kind: 'stakeholder',
      municipalityCode: 'GM0193',
      role: 'ambtenaar',
      name: 'Peter Snijders',
      addresses: [WETHOUDER.address],
    });
    expect(dutch(ruleTagOf(wethouder!, 'municipality')?.evidence).join(' ')).toContain('zwolle.nl');
    expect(byId(plan.put.contacts, contactIdFor(BEWONER.address!))).toMatchObject({ kind: 'stakeholder', role: 'bewoner' });
    expect(byId(plan.put.contacts, contactIdFor(COLLEAGUE.address!))).toMatchObject({
      kind: 'colleague',
      municipalityCode: null,
      ruleTags: [],
    });
    expect(byId(plan.put.contacts, contactIdFor(NEWSLETTER.address!))).toMatchObject({ kind: 'bulk' });
    expect(byId(plan.put.contacts, contactIdFor(ACCOUNT))).toBeUndefined();
    expect(plan.put.accounts).toEqual([{ address: ACCOUNT, host: 'gmail', lastSeenAt: T0 }]);
    expect(plan.put.organisations.map((organisation) => organisation.id)).toEqual(['org:gemeente:GM0193']);
    expect(plan.summary).toMatchObject({ threads: 4, messages: 0, contactsCreated: 4, contactsUpdated: 0 });
  });

  it('merges a sighting into the stored contact of an address merged into it, and its correction on the other address holds', () => {
    const store = emptyStore();
    const peter = storedContact({
      id: 'c:p.snijders@zwolle.nl',
      name: 'Peter Snijders',
      addresses: ['p.snijders@zwolle.nl', 'peter.snijders@gmail.com'],
      municipalityCode: 'GM0193',
      role: 'gemeenteraad',
    });
    store.contacts.set(peter.id, peter);
    store.corrections.set('x', correction('address', 'p.snijders@zwolle.nl', 'role', 'gemeenteraad'));
    const seen = batch({
      threads: [
        threadRow({ threadKey: 'gmail:thread-f:55', participants: [person('Peter Snijders', 'peter.snijders@gmail.com')] }),
      ],
    });
    const plan = planIngest(contextOf(store), [seen], T0 + DAY);
    expect(plan.put.contacts.map((contact) => [contact.id, contact.role, contact.addresses.length])).toEqual([
      [peter.id, 'gemeenteraad', 2],
    ]);
    expect(plan.summary).toMatchObject({ contactsCreated: 0, contactsUpdated: 1 });
    expect(byId(plan.put.threads, 'gmail:thread-f:55')?.contactIds).toEqual([peter.id]);
  });

  it('makes Gmail spellings of one mailbox one contact, new or stored', () => {
    const spellings = ['karin.mulder73@gmail.com', 'karinmulder73@gmail.com', 'karin.mulder73+buurt@googlemail.com'];
    const rows = spellings.map((address, index) =>
      threadRow({ threadKey: `gmail:thread-f:${3000 + index}`, participants: [person('Karin Mulder', address)] }),
    );
    const store = emptyStore();
    const first = ingest(store, [batch({ threads: rows.slice(0, 2) })], T0);
    expect(first.put.contacts.map((contact) => [contact.id, contact.addresses])).toEqual([
      ['c:karin.mulder73@gmail.com', spellings.slice(0, 2)],
    ]);
    // the third spelling, later: found by its mailbox
    const second = ingest(store, [batch({ threads: rows.slice(2) })], T0 + 1000);
    expect(second.put.contacts.map((contact) => [contact.id, contact.addresses])).toEqual([
      ['c:karin.mulder73@gmail.com', spellings],
    ]);
    expect(new Set([...store.threads.values()].flatMap((thread) => thread.contactIds))).toEqual(
      new Set(['c:karin.mulder73@gmail.com']),
    );
  });

  it('keeps people on one domain with look-alike local parts apart', () => {
    const seen = batch({
      threads: [
        threadRow({
          threadKey: 'gmail:thread-f:1',
          participants: [person('J. de Vries', 'j.devries@zwolle.nl'), person('J. de Vries', 'jdevries@zwolle.nl')],
        }),
      ],
    });
    expect(planIngest(contextOf(emptyStore()), [seen], T0).put.contacts).toHaveLength(2);
  });

  it('lets a correction win over the rules, at address, domain and contact scope', () => {
    const store = emptyStore();
    for (const tag of [
      correction('address', BEWONER.address!, 'role', 'gemeenteraad'),
      correction('domain', 'zwolle.nl', 'municipality', 'GM0363'),
      correction('contact', contactIdFor(WETHOUDER.address!), 'role', 'wethouder'),
    ]) {
      store.corrections.set(tag.id, tag);
    }
    const plan = planIngest(contextOf(store), [inbox], T0);
    expect(byId(plan.put.contacts, contactIdFor(BEWONER.address!))).toMatchObject({
      role: 'gemeenteraad',
      municipalityCode: 'GM0193',
    });
    const wethouder = byId(plan.put.contacts, contactIdFor(WETHOUDER.address!));
    expect(wethouder).toMatchObject({ role: 'wethouder', municipalityCode: 'GM0363' });
    // the rules' own tags stay what the rules found
    expect(ruleTagOf(wethouder!, 'municipality')?.value).toBe('GM0193');
  });

  it("honours kind corrections: a colleague followed, a stakeholder ignored, a domain's newsletters not followed", () => {
    const store = emptyStore();
    for (const tag of [
      correction('address', COLLEAGUE.address!, 'kind', 'stakeholder'),
      correction('address', BEWONER.address!, 'kind', 'ignored'),
      correction('domain', 'vng.nl', 'kind', 'stakeholder'),
    ]) {
      store.corrections.set(tag.id, tag);
    }
    const plan = planIngest(contextOf(store), [inbox], T0);
    expect(byId(plan.put.contacts, contactIdFor(COLLEAGUE.address!))).toMatchObject({ kind: 'stakeholder' });
    expect(byId(plan.put.contacts, contactIdFor(BEWONER.address!))).toMatchObject({
      kind: 'ignored',
      municipalityCode: null,
      role: 'onbekend',
    });
    expect(byId(plan.put.contacts, contactIdFor(NEWSLETTER.address!))).toMatchObject({ kind: 'bulk' });
    // only stakeholders belong to a thread
    expect(byId(plan.put.threads, 'gmail:thread-f:1003')?.contactIds).toEqual([contactIdFor(COLLEAGUE.address!)]);
    expect(byId(plan.put.threads, 'gmail:thread-f:1002')?.contactIds).toEqual([]);
  });

  it('takes the best name: never a placeholder, the longer form', () => {
    const seen = batch({
      threads: [
        threadRow({ threadKey: 'gmail:thread-f:1', participants: [person('me', 'k.jansen@zwolle.nl')] }),
        threadRow({ threadKey: 'gmail:thread-f:2', participants: [person('Karel', 'k.jansen@zwolle.nl')] }),
        threadRow({
          threadKey: 'gmail:thread-f:3',
          participants: [person('Karel Jansen', 'k.jansen@zwolle.nl'), person('ik', 'anoniem@zwolle.nl')],
        }),
      ],
    });
    const plan = planIngest(contextOf(emptyStore()), [seen], T0);
    expect(byId(plan.put.contacts, 'c:k.jansen@zwolle.nl')?.name).toBe('Karel Jansen');
    expect(byId(plan.put.contacts, 'c:anoniem@zwolle.nl')?.name).toBe('anoniem@zwolle.nl');
  });
});

describe('planIngest: messages', () => {
  const conversation = batch({
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
      message({
        messageKey: 'gmail:msg-f:3',
        threadKey: 'gmail:thread-f:1001',
        from: person('me', null),
        to: [WETHOUDER],
        at: T0 + 3 * DAY,
      }),
    ],
  });

  it('tells sent from received by the own addresses (and an owner placeholder without address), linking the stakeholders involved', () => {
    const plan = planIngest(contextOf(emptyStore()), [conversation], T0);
    const wethouderId = contactIdFor(WETHOUDER.address!);
    expect(plan.put.messages.map((stored) => [stored.id, stored.direction, stored.contactIds])).toEqual([
      ['gmail:msg-f:1', 'out', [wethouderId]],
      ['gmail:msg-f:2', 'in', [wethouderId]],
      ['gmail:msg-f:3', 'out', [wethouderId]],
    ]);
    expect(byId(plan.put.contacts, wethouderId)).toMatchObject({ role: 'wethouder' });
    expect(byId(plan.put.threads, 'gmail:thread-f:1001')).toMatchObject({ firstMessageAt: T0, lastMessageAt: T0 + 3 * DAY });
    expect(plan.summary).toMatchObject({ messages: 3, affectedContactIds: [wethouderId] });
  });

  it('uses an own address the store knows even when the batch names no account', () => {
    const store = emptyStore();
    store.accounts.set('sanne@tweede.nl', { address: 'sanne@tweede.nl', host: 'gmail', lastSeenAt: T0 });
    const sent = batch({
      account: null,
      messages: [
        message({
          messageKey: 'gmail:msg-f:7',
          threadKey: 'gmail:thread-f:7',
          from: person('Sanne', 'sanne@tweede.nl'),
          to: [BEWONER],
        }),
      ],
    });
    const plan = planIngest(contextOf(store), [sent], T0);
    expect(plan.put.messages[0]).toMatchObject({ direction: 'out' });
    expect(byId(plan.put.contacts, 'c:sanne@tweede.nl')).toBeUndefined();
    expect(plan.put.accounts).toEqual([]);
  });

  it('keeps what an expanded message showed when it is later seen collapsed', () => {
    const store = emptyStore();
    const key = { messageKey: 'gmail:msg-f:9', threadKey: 'gmail:thread-f:1002', from: BEWONER };
    ingest(
      store,
      [batch({ messages: [message({ ...key, to: [ME], excerpt: 'Beste Sanne, wij willen graag meedoen met het platform.' })] })],
      T0,
    );
    ingest(
      store,
      [batch({ messages: [message({ ...key, expanded: false, at: null, atRaw: '2 nov.', excerpt: 'Beste Sanne' })] })],
      T0,
    );
    expect(store.messages.get('gmail:msg-f:9')).toMatchObject({
      at: T0,
      excerpt: 'Beste Sanne, wij willen graag meedoen met het platform.',
      toAddresses: [ACCOUNT],
    });
  });

  it('replaces a provisional #msg-a record by the final #msg-f one of the same sender, thread and time', () => {
    const store = emptyStore();
    const sent = { threadKey: 'gmail:thread-f:1001', from: ME, to: [WETHOUDER], subject: 'Re: Kennismaking' };
    ingest(store, [batch({ messages: [message({ ...sent, messageKey: 'gmail:msg-a:r-1', at: T0 + 5_000 })] })], T0);
    ingest(store, [batch({ messages: [message({ ...sent, messageKey: 'gmail:msg-a:r-2', at: T0 + 3 * DAY })] })], T0);
    const plan = ingest(store, [batch({ messages: [message({ ...sent, messageKey: 'gmail:msg-f:18', at: T0 })] })], T0);
    // the one a few seconds off goes; the one days apart is another message
    expect(plan.deleteMessageIds).toEqual(['gmail:msg-a:r-1']);
    expect([...store.messages.keys()].sort()).toEqual(['gmail:msg-a:r-2', 'gmail:msg-f:18']);
  });
});

describe('planIngest: threads', () => {
  it('names a thread by its list row; a message\'s "Re:" subject names it only until a row does', () => {
    const store = emptyStore();
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
    expect(ingest(store, [opened], T0).put.threads[0]).toMatchObject({ subject: 'RE: Pilot buurtkamer' });
    expect(ingest(store, [row], T0 + 1000).put.threads[0]).toMatchObject({ subject: 'Pilot buurtkamer' });
    expect(ingest(store, [opened], T0 + 2000).put.threads).toEqual([]);
    // in one batch, too: the row names it whatever the order
    expect(planIngest(contextOf(emptyStore()), [opened, row], T0).put.threads[0]).toMatchObject({ subject: 'Pilot buurtkamer' });
  });

  it('keeps an unknown time unknown, with the text shown', () => {
    const seen = batch({
      threads: [threadRow({ threadKey: 'gmail:thread-f:77', participants: [BEWONER], at: null, atRaw: 'ergens vorige week' })],
    });
    expect(planIngest(contextOf(emptyStore()), [seen], T0).put.threads[0]).toMatchObject({
      lastMessageAt: null,
      lastMessageAtRaw: 'ergens vorige week',
    });
  });

  it("takes a thread's municipality from its stored contacts too, and a thread correction over everything", () => {
    const store = emptyStore();
    const karel = storedContact({ id: 'c:karel@gmail.com', addresses: ['karel@gmail.com'], municipalityCode: 'GM0363' });
    store.contacts.set(karel.id, karel);
    store.threads.set('gmail:thread-f:5', {
      ...{
        id: 'gmail:thread-f:5',
        host: 'gmail',
        idSource: 'app',
        subject: 'Vraagje',
        snippet: '',
        contactIds: [karel.id],
        municipalityCode: 'GM0363',
      },
      ...{ firstMessageAt: null, lastMessageAt: T0, lastMessageAtRaw: null, messageCount: 1, updatedAt: T0 },
    });
    const seen = batch({
      threads: [
        threadRow({ threadKey: 'gmail:thread-f:5', subject: 'Vraagje', snippet: 'nieuw', participants: [] }),
        threadRow({ threadKey: 'gmail:thread-f:6', subject: 'Iets' }),
      ],
    });
    const context = ingestContextOf({
      contacts: [],
      threads: [...store.threads.values()],
      threadContacts: [karel],
      corrections: [correction('thread', 'gmail:thread-f:6', 'municipality', 'GM0193')],
    });
    const plan = planIngest(context, [seen], T0 + DAY);
    expect(byId(plan.put.threads, 'gmail:thread-f:5')).toMatchObject({
      municipalityCode: 'GM0363',
      contactIds: [karel.id],
      snippet: 'nieuw',
    });
    const corrected = byId(plan.put.threads, 'gmail:thread-f:6');
    expect({ ...corrected, municipalityEvidence: dutch(corrected?.municipalityEvidence) }).toMatchObject({
      municipalityCode: 'GM0193',
      municipalityEvidence: ['correctie door gebruiker'],
    });
  });
});

describe('planIngest: what changed', () => {
  it('writes nothing when the batches show nothing new, and only what changed otherwise', () => {
    const store = emptyStore();
    ingest(store, [inbox], T0);
    const again = planIngest(contextOf(store), [inbox, inbox], T0 + 60_000);
    expect(again.put).toEqual({ accounts: [], organisations: [], contacts: [], messages: [], threads: [] });
    expect(again.summary).toMatchObject({ threads: 4, contactsCreated: 0, contactsUpdated: 4 });
    const changed = batch({ threads: [{ ...inbox.threads[0]!, snippet: 'Nieuw bericht van de wethouder' }] });
    const plan = planIngest(contextOf(store), [changed], T0 + 120_000);
    expect(plan.put.threads.map((thread) => [thread.id, thread.snippet, thread.updatedAt])).toEqual([
      ['gmail:thread-f:1001', 'Nieuw bericht van de wethouder', T0 + 120_000],
    ]);
    expect(plan.put.contacts).toEqual([]);
  });

  it("rewrites the account's last sighting once a day, not on every batch", () => {
    const store = emptyStore();
    ingest(store, [inbox], T0);
    expect(planIngest(contextOf(store), [inbox], T0 + DAY - 1).put.accounts).toEqual([]);
    expect(planIngest(contextOf(store), [inbox], T0 + DAY + 1).put.accounts).toEqual([
      { address: ACCOUNT, host: 'gmail', lastSeenAt: T0 + DAY + 1 },
    ]);
  });

  it('lists the contacts whose municipality a later mail moved, so their other threads follow', () => {
    const store = emptyStore();
    const KAREL = person('Karel Jansen', 'karel.jansen@gmail.com');
    ingest(
      store,
      [batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:2001', subject: 'Vraagje', participants: [KAREL] })] })],
      T0,
    );
    expect(store.contacts.get(contactIdFor(KAREL.address!))?.municipalityCode).toBeNull();
    const signed = batch({
      messages: [
        message({
          ...{ messageKey: 'gmail:msg-f:2002', threadKey: 'gmail:thread-f:2002', from: KAREL, to: [ME], at: T0 + DAY },
          signature: 'Karel Jansen\nBewonersplatform Stadshagen, gemeente Zwolle',
        }),
      ],
    });
    const plan = planIngest(contextOf(store), [signed], T0 + DAY);
    expect(byId(plan.put.contacts, contactIdFor(KAREL.address!))).toMatchObject({ municipalityCode: 'GM0193' });
    expect(plan.municipalityMoved).toEqual([contactIdFor(KAREL.address!)]);
    // a contact seen for the first time moved nothing
    expect(planIngest(contextOf(emptyStore()), [signed], T0 + DAY).municipalityMoved).toEqual([]);
  });

  it("lists a stored contact of an own address learnt since (any spelling of its mailbox), and no one else's", () => {
    const store = emptyStore();
    ingest(
      store,
      [
        batch({
          account: null,
          threads: [
            threadRow({ threadKey: 'gmail:thread-f:1', participants: [person('Sanne', 'sanne.dewit@gmail.com'), BEWONER] }),
          ],
        }),
      ],
      T0,
    );
    const plan = planIngest(contextOf(store), [batch({ account: 'sannedewit@gmail.com' })], T0 + DAY);
    expect(plan.becameOwn.map((contact) => contact.id)).toEqual([contactIdFor('sanne.dewit@gmail.com')]);
    expect(planIngest(contextOf(store), [batch({ account: 'someone.else@gmail.com' })], T0 + DAY).becameOwn).toEqual([]);
  });

  it('never changes a record it is given (the queue shares remembered records across ingests): it plans from frozen input', () => {
    const store = emptyStore();
    ingest(store, [inbox], T0);
    const deepFreeze = <T>(value: T): T => {
      if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        for (const inner of value instanceof Map ? value.values() : Object.values(value)) deepFreeze(inner);
        Object.freeze(value);
      }
      return value;
    };
    const context = deepFreeze(contextOf(store));
    const later = deepFreeze(
      batch({
        threads: [{ ...inbox.threads[0]!, participants: [person('Peter Snijders-de Vries', WETHOUDER.address), ME] }],
        messages: [
          message({
            messageKey: 'gmail:msg-f:9',
            threadKey: 'gmail:thread-f:1001',
            from: WETHOUDER,
            to: [ME],
            at: T0 + DAY,
            signature: 'Wethouder Zorg, gemeente Zwolle',
          }),
        ],
      }),
    );
    expect(() => planIngest(context, [later], T0 + DAY)).not.toThrow();
    expect(planIngest(context, [later], T0 + DAY).put.contacts.length).toBeGreaterThan(0);
  });

  it('is pure: the same context, batches and time give the same plan, and the inputs are left as they were', () => {
    const store = emptyStore();
    ingest(store, [inbox], T0);
    const context = contextOf(store);
    const before = structuredClone({ contacts: [...context.contactsById.values()], batch: inbox });
    const changed = batch({
      threads: [{ ...inbox.threads[1]!, participants: [person('Karin Mulder-de Boer', BEWONER.address)] }],
    });
    expect(planIngest(context, [changed], T0 + DAY)).toEqual(planIngest(context, [changed], T0 + DAY));
    expect({ contacts: [...context.contactsById.values()], batch: inbox }).toEqual(before);
  });
});

describe('planning: one bad value refuses nothing else (isolation, limits where values are made)', () => {
  it('names a contact by the start of an address longer than a name may be, so the whole page is planned', () => {
    const plan = planIngest(contextOf(emptyStore()), [pageWith(LONG_SENDER)], T0);
    const contact = byId(plan.put.contacts, contactIdFor(LONG_SENDER.address!))!;
    expect(contact.name.length).toBeLessThanOrEqual(300);
    expect(contact.name).toBe(`${LONG_SENDER.address!.slice(0, 299)}…`);
    expect(contact.addresses).toEqual([LONG_SENDER.address]);
    expect(plan.put.threads).toHaveLength(GOOD_ROWS + 1);
    expect(plan.put.contacts).toHaveLength(GOOD_ROWS + 1);
    expect(plan.refusals).toEqual([]);
  });

  it('lets a real name seen later replace an address cut to a name', () => {
    const store = emptyStore();
    ingest(store, [pageWith(LONG_SENDER)], T0);
    const named = batch({
      threads: [threadRow({ threadKey: 'gmail:thread-f:5000', participants: [person('Rik de Ruiter', LONG_SENDER.address)] })],
    });
    expect(byId(ingest(store, [named], T0 + DAY).put.contacts, contactIdFor(LONG_SENDER.address!))).toMatchObject({
      name: 'Rik de Ruiter',
    });
  });

  it('cuts an evidence line that quotes a long address (the role\'s "adres …: wethouder")', () => {
    const plan = planIngest(contextOf(emptyStore()), [pageWith(LONG_WETHOUDER)], T0);
    const contact = byId(plan.put.contacts, contactIdFor(LONG_WETHOUDER.address!))!;
    const role = ruleTagOf(contact, 'role')!;
    expect(role.value).toBe('wethouder');
    // the evidence quotes the address: each value within the limit, cut where it was made
    const values = role.evidence.flatMap((line) => Object.values(line.values ?? {}));
    expect(values.every((value) => typeof value !== 'string' || value.length <= 300)).toBe(true);
    expect(dutch(role.evidence)[0]).toMatch(/^adres wethouder\.w+…/);
    expect(plan.put.threads).toHaveLength(GOOD_ROWS + 1);
    expect(plan.refusals).toEqual([]);
  });

  it('refuses an organisation no store may hold alone: its person is planned without it, the rest of the page as ever', () => {
    const plan = planIngest(contextOf(emptyStore()), [pageWith(LONG_DOMAIN_SENDER)], T0);
    expect(plan.refusals).toEqual([{ code: 'invalid-record', values: { table: 'organisations', field: 'domains' } }]);
    expect(plan.put.organisations.some((organisation) => organisation.domains.some((domain) => domain.length > 253))).toBe(false);
    expect(byId(plan.put.contacts, contactIdFor(LONG_DOMAIN_SENDER.address!))).toMatchObject({
      organisationId: null,
      kind: 'stakeholder',
    });
    expect(plan.put.contacts).toHaveLength(GOOD_ROWS + 1);
    expect(plan.put.threads).toHaveLength(GOOD_ROWS + 1);
  });

  it('refuses a message that cannot be stored alone: its thread is planned without it and it replaces no provisional record', () => {
    const store = emptyStore();
    // a reply just sent (provisional id); then its final id arrives, in a message the store must
    // refuse (a name longer than the contract allows, as a reader's bug could send past it)
    ingest(
      store,
      [
        batch({
          messages: [message({ messageKey: 'gmail:msg-a:r1', threadKey: 'gmail:thread-f:7', from: ME, to: [WETHOUDER], at: T0 })],
        }),
      ],
      T0,
    );
    const final = message({
      messageKey: 'gmail:msg-f:9',
      threadKey: 'gmail:thread-f:7',
      from: person('x'.repeat(400), ACCOUNT),
      to: [WETHOUDER],
      at: T0 + 1000,
    });
    const other = message({
      messageKey: 'gmail:msg-f:10',
      threadKey: 'gmail:thread-f:8',
      from: BEWONER,
      to: [ME],
      at: T0 + 2000,
    });
    const plan = planIngest(contextOf(store), [batch({ messages: [final, other] })], T0 + DAY);
    expect(plan.put.messages.map((planned) => planned.id)).toEqual(['gmail:msg-f:10']);
    expect(plan.refusals).toEqual([{ code: 'invalid-record', values: { table: 'messages', field: 'fromName' } }]);
    // the provisional record stays: what would replace it is not stored
    expect(plan.deleteMessageIds).toEqual([]);
    // its thread is planned from what is stored (no later message time from the refused one)
    expect(
      byId(plan.put.threads, 'gmail:thread-f:7')?.lastMessageAt ?? store.threads.get('gmail:thread-f:7')?.lastMessageAt,
    ).toBe(T0);
    expect(byId(plan.put.threads, 'gmail:thread-f:8')).toMatchObject({ lastMessageAt: T0 + 2000 });
  });
});
