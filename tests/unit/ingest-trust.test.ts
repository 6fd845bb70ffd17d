/**
 * The ingest planner and the warnings a user can trust: every attempt counted (an outgoing mail
 * shown collapsed, without recipients, goes to the thread's counterparts until its real
 * recipients are seen), what an outgoing mail does (its intent, kept with the words that decided),
 * meetings agreed in mail, and one mail, one record when two readers (or an import) show it.
 * Plain records in, plans out, no database.
 */
import { describe, expect, it } from 'vitest';
import type { MessageObservation, ObservationBatch } from '@/lib/messaging/observations';
import { contactIdFor, ingestContextOf, planIngest, type IngestPlan } from '@/lib/store/ingest';
import type { Account, Contact, Meeting, Message, Thread } from '@/lib/store/schemas';
import { DAY, ME } from '../fixtures/inbox';
import { ACCOUNT, batch, message, person, T0 } from '../fixtures/observations';

const RUUD = person('Ruud Kamphuis', 'r.kamphuis@deventer.nl');
const LINDA = person('Linda Mol', 'r.mol@deventer.nl');
const KARIM = person('Karim Amrani', 'k.amrani@samentilburg.nl');
const ELS = person('Els van Gorp', 'elsvangorp@ziggo.nl');
const TOM = person('Tom Peeters', 't.peeters@tilburg.nl');
const id = (participant: { address: string | null }) => contactIdFor(participant.address!);

/** An in-memory store of what the plans put; the planner's context is all of it. */
class MemoryStore {
  accounts = new Map<string, Account>();
  contacts = new Map<string, Contact>();
  messages = new Map<string, Message>();
  threads = new Map<string, Thread>();
  meetings = new Map<string, Meeting>();

  context() {
    const messages = [...this.messages.values()];
    return ingestContextOf({
      accounts: [...this.accounts.values()],
      contacts: [...this.contacts.values()],
      messages,
      threads: [...this.threads.values()],
      threadContacts: [...this.contacts.values()],
      aliasMessages: messages.filter((stored) => stored.aliases?.length),
      matchCandidates: messages,
      meetings: [...this.meetings.values()],
    });
  }

  ingest(batches: ObservationBatch[], now: number): IngestPlan {
    const plan = planIngest(this.context(), batches, now);
    for (const account of plan.put.accounts) this.accounts.set(account.address, account);
    for (const contact of plan.put.contacts) this.contacts.set(contact.id, contact);
    for (const stored of plan.put.messages) this.messages.set(stored.id, stored);
    for (const thread of plan.put.threads) this.threads.set(thread.id, thread);
    for (const meeting of plan.meetings.put) this.meetings.set(meeting.id, meeting);
    for (const deleted of plan.meetings.deleteIds) this.meetings.delete(deleted);
    for (const deleted of plan.deleteMessageIds) this.messages.delete(deleted);
    return plan;
  }
}

const THREAD = 'gmail:thread-f:100';
const sent = (key: string, at: number, excerpt: string, extra: Partial<MessageObservation> = {}) =>
  message({ messageKey: key, threadKey: THREAD, from: ME, to: [], at, excerpt, expanded: false, ...extra });
const received = (key: string, from: typeof RUUD, at: number, excerpt: string, extra: Partial<MessageObservation> = {}) =>
  message({ messageKey: key, threadKey: THREAD, from, to: [ME], at, excerpt, ...extra });
const view = (messages: MessageObservation[], host: ObservationBatch['host'] = 'gmail') =>
  batch({
    host,
    messages,
    health: { view: 'conversation', status: 'ok', itemsSeen: messages.length, itemsRead: messages.length, problems: {} },
  });

describe('every attempt counted: collapsed outgoing mail', () => {
  it('links three follow-ups, two of them collapsed, to the civil servant the last one shows', () => {
    const store = new MemoryStore();
    const plan = store.ingest(
      [
        view([
          sent('gmail:msg-f:1', T0, 'Beste Ruud, Zou u tijd hebben voor een gesprek?'),
          sent('gmail:msg-f:2', T0 + 7 * DAY, 'Beste Ruud, Graag hoor ik of een gesprek mogelijk is.'),
          sent('gmail:msg-f:3', T0 + 14 * DAY, 'Beste Ruud, Laat u mij weten of u openstaat?', { to: [RUUD], expanded: true }),
        ]),
      ],
      T0 + 15 * DAY,
    );
    expect(plan.put.messages.map((stored) => [stored.id, stored.contactIds, stored.recipientsSeen])).toEqual([
      ['gmail:msg-f:1', [id(RUUD)], false],
      ['gmail:msg-f:2', [id(RUUD)], false],
      ['gmail:msg-f:3', [id(RUUD)], true],
    ]);
    expect(plan.summary.affectedContactIds).toEqual([id(RUUD)]);
  });

  it('takes the counterparts from the stored thread and from who wrote or was addressed in it', () => {
    const store = new MemoryStore();
    // the group mail's reply names the other two in cc; the user's own group mail is collapsed
    store.ingest(
      [
        view([
          sent('gmail:msg-f:1', T0, 'Kunnen jullie laten weten of jullie meedoen?'),
          received('gmail:msg-f:2', KARIM, T0 + DAY, 'Wij doen mee.', { cc: [ELS, TOM] }),
        ]),
      ],
      T0 + DAY,
    );
    expect(store.messages.get('gmail:msg-f:1')?.contactIds.sort()).toEqual([id(KARIM), id(ELS), id(TOM)].sort());
    // a later look shows only the collapsed mail: the stored thread still knows its counterparts
    const again = new MemoryStore();
    again.threads = store.threads;
    again.contacts = store.contacts;
    again.ingest([view([sent('gmail:msg-f:1', T0, 'Kunnen jullie laten weten of jullie meedoen?')])], T0 + 2 * DAY);
    expect(again.messages.get('gmail:msg-f:1')?.contactIds.sort()).toEqual([id(KARIM), id(ELS), id(TOM)].sort());
  });

  it('replaces the inference by the real recipients once the mail is seen expanded, and recomputes those it no longer names', () => {
    const store = new MemoryStore();
    store.ingest(
      [
        view([
          sent('gmail:msg-f:1', T0, 'Kun je de stukken sturen?'),
          received('gmail:msg-f:2', LINDA, T0 + DAY, 'Hierbij.', { cc: [RUUD] }),
        ]),
      ],
      T0 + DAY,
    );
    expect(store.messages.get('gmail:msg-f:1')?.contactIds.sort()).toEqual([id(RUUD), id(LINDA)].sort());
    const plan = store.ingest(
      [view([sent('gmail:msg-f:1', T0, 'Kun je de stukken sturen?', { to: [RUUD], expanded: true })])],
      T0 + 2 * DAY,
    );
    expect(store.messages.get('gmail:msg-f:1')).toMatchObject({ contactIds: [id(RUUD)], recipientsSeen: true });
    expect(plan.summary.affectedContactIds.sort()).toEqual([id(RUUD), id(LINDA)].sort());
    // collapsed again later: what was seen stays
    store.ingest([view([sent('gmail:msg-f:1', T0, 'Kun je de stukken sturen?')])], T0 + 3 * DAY);
    expect(store.messages.get('gmail:msg-f:1')).toMatchObject({ contactIds: [id(RUUD)], recipientsSeen: true });
  });

  it("does the same for Outlook's collapsed messages", () => {
    const store = new MemoryStore();
    const outlook = (key: string, extra: Partial<MessageObservation>) =>
      message({
        messageKey: key,
        threadKey: 'outlook:conv:AAQk1',
        from: ME,
        to: [],
        at: T0,
        excerpt: 'Zou u tijd hebben?',
        expanded: false,
        ...extra,
      });
    store.ingest(
      [
        view(
          [
            outlook('outlook:derived:1', {}),
            outlook('outlook:derived:2', { from: RUUD, to: [ME], at: T0 + DAY, excerpt: 'Ja.', expanded: true }),
          ],
          'outlook',
        ),
      ],
      T0 + DAY,
    );
    expect(store.messages.get('outlook:derived:1')).toMatchObject({
      contactIds: [id(RUUD)],
      recipientsSeen: false,
      direction: 'out',
    });
  });

  it('links nobody when the thread has no counterparts: the mail is kept, not counted', () => {
    const store = new MemoryStore();
    store.ingest([view([sent('gmail:msg-f:1', T0, 'Zou u tijd hebben?')])], T0);
    expect(store.messages.get('gmail:msg-f:1')).toMatchObject({ contactIds: [], recipientsSeen: false });
  });
});

describe('what an outgoing mail does', () => {
  it('keeps the intent of the longest text seen, whole only once expanded', () => {
    const store = new MemoryStore();
    const cut = 'Beste Ruud, Hartelijk dank voor uw mail van vorige week en voor de stukken die u stuurde, die we met veel';
    store.ingest(
      [view([sent('gmail:msg-f:1', T0, cut, { to: [] })]), view([received('gmail:msg-f:0', RUUD, T0 - DAY, 'Hierbij.')])],
      T0,
    );
    expect(store.messages.get('gmail:msg-f:1')?.intent).toEqual({ value: 'unseen', evidence: [{ code: 'intent-cut-off' }] });
    store.ingest(
      [view([sent('gmail:msg-f:1', T0, `${cut} interesse hebben gelezen.`, { to: [RUUD], expanded: true })])],
      T0 + DAY,
    );
    expect(store.messages.get('gmail:msg-f:1')).toMatchObject({ intent: { value: 'closing' }, bodySeen: true });
  });

  it('gives incoming mail no intent', () => {
    const plan = new MemoryStore().ingest([view([received('gmail:msg-f:2', RUUD, T0, 'Kunt u mij bellen?')])], T0);
    expect(plan.put.messages[0]?.intent).toBeUndefined();
  });
});

describe('meetings agreed in mail', () => {
  it("makes a meeting with the thread's counterparts from their agreement, and takes it away when the text no longer agrees", () => {
    const store = new MemoryStore();
    const agreed = received('gmail:msg-f:2', RUUD, T0, 'Goed idee. Dan zien we elkaar maandag 30 november om 11:00.', {
      cc: [LINDA],
    });
    const plan = store.ingest([view([agreed])], T0);
    const meeting = plan.meetings.put[0];
    expect(meeting).toMatchObject({
      id: 'meeting:mail:gmail:msg-f:2',
      sourceKeys: ['mail:gmail:msg-f:2'],
      threadId: THREAD,
      status: 'agreed',
      start: new Date(2026, 10, 30, 11).getTime(),
    });
    expect(meeting?.contactIds.sort()).toEqual([id(RUUD), id(LINDA)].sort());
    expect(plan.summary.affectedContactIds.sort()).toEqual([id(RUUD), id(LINDA)].sort());
    // read again: nothing to write
    expect(store.ingest([view([agreed])], T0 + 1000).meetings).toEqual({ put: [], deleteIds: [] });
    const longer = store.ingest(
      [
        view([
          {
            ...agreed,
            excerpt: 'Goed idee. Dan zien we elkaar maandag 30 november om 11:00? Of past dinsdag beter, laat maar weten.',
          },
        ]),
      ],
      T0 + 2000,
    );
    expect(longer.meetings.deleteIds).toEqual(['meeting:mail:gmail:msg-f:2']);
  });

  it('finds no meeting in a proposal or an automatic reply', () => {
    const plan = new MemoryStore().ingest(
      [
        view([
          sent('gmail:msg-f:1', T0, 'Zullen we donderdag 10 december om 13:00 bellen?', { to: [RUUD], expanded: true }),
          received(
            'gmail:msg-f:2',
            RUUD,
            T0 + 60_000,
            'Automatisch antwoord: ik ben afwezig tot en met vrijdag 20 november. Prima, tot dan.',
          ),
        ]),
      ],
      T0,
    );
    expect(plan.meetings.put).toEqual([]);
  });
});

describe('one mail, one record', () => {
  const gmail = (extra: Partial<MessageObservation> = {}) =>
    message({
      messageKey: 'gmail:msg-f:9',
      threadKey: 'gmail:thread-f:9',
      subject: 'Begroting',
      from: ME,
      to: [RUUD],
      at: T0,
      excerpt: 'Kunt u de begroting sturen?',
      ...extra,
    });
  const outlook = (extra: Partial<MessageObservation> = {}) =>
    message({
      messageKey: 'outlook:derived:9',
      threadKey: 'outlook:conv:AAQk9',
      subject: 'RE: Begroting',
      from: person('Sanne', ACCOUNT),
      to: [],
      at: T0,
      excerpt: 'Kunt u de begroting sturen?',
      expanded: false,
      idSource: 'derived',
      ...extra,
    });

  it('keeps the mail Gmail and Outlook both show as one record, the other key an alias', () => {
    const store = new MemoryStore();
    store.ingest([view([gmail()])], T0);
    const plan = store.ingest([view([outlook()], 'outlook')], T0 + DAY);
    expect([...store.messages.keys()]).toEqual(['gmail:msg-f:9']);
    expect(store.messages.get('gmail:msg-f:9')).toMatchObject({
      aliases: ['outlook:derived:9'],
      threadId: 'gmail:thread-f:9',
      host: 'gmail',
      contactIds: [id(RUUD)],
      recipientsSeen: true,
    });
    expect(plan.put.messages.map((stored) => stored.id)).toEqual(['gmail:msg-f:9']);
    // Outlook's thread still learns its contacts from its copy
    expect(store.threads.get('outlook:conv:AAQk9')?.contactIds).toEqual([id(RUUD)]);
    // a re-read of the Outlook page maps to the record by its alias, and writes nothing new
    expect(store.ingest([view([outlook()], 'outlook')], T0 + 2 * DAY).put.messages).toEqual([]);
  });

  it("matches within a minute either side, and both readers' batches in one ingest", () => {
    const store = new MemoryStore();
    store.ingest([view([gmail({ at: T0 + 59_000 })]), view([outlook()], 'outlook')], T0);
    expect([...store.messages.keys()]).toEqual(['gmail:msg-f:9']);
  });

  it.each([
    ['another sender', { from: RUUD, to: [ME] }],
    ['more than a minute apart', { at: T0 + 61_000 }],
    ['another subject', { subject: 'Jaarverslag' }],
    ['other recipients shown', { to: [LINDA], expanded: true }],
  ] as const)('keeps mails apart with %s', (_name, extra) => {
    const store = new MemoryStore();
    store.ingest([view([gmail()])], T0);
    store.ingest([view([outlook(extra as Partial<MessageObservation>)], 'outlook')], T0 + DAY);
    expect(store.messages.size).toBe(2);
  });

  it('keeps two mails one reader shows in one conversation, or in two conversations it knows by id', () => {
    const store = new MemoryStore();
    store.ingest([view([gmail(), gmail({ messageKey: 'gmail:msg-f:10', to: [] })])], T0);
    store.ingest([view([gmail({ messageKey: 'gmail:msg-f:11', threadKey: 'gmail:thread-f:11', to: [LINDA] })])], T0);
    expect(store.messages.size).toBe(3);
  });

  it("merges one reader's two keys for one mail when it knew the conversation once only by a derived key", () => {
    const store = new MemoryStore();
    store.ingest([view([outlook()], 'outlook')], T0);
    store.ingest(
      [view([outlook({ messageKey: 'outlook:derived:10', threadKey: 'outlook:derived:thread-begroting' })], 'outlook')],
      T0 + DAY,
    );
    expect([...store.messages.keys()]).toEqual(['outlook:derived:9']);
    expect(store.messages.get('outlook:derived:9')?.aliases).toEqual(['outlook:derived:10']);
  });
});
