import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { UnknownContactError } from '@/lib/store/calls';
import { applyCorrection, CorrectionScopeError, removeCorrection } from '@/lib/store/corrections';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { recomputeLatency } from '@/lib/store/latency';
import { ruleTagOf, tagId } from '@/lib/store/tags';
import { batch, message, person, readFully, T0, threadRow } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';
import { dutch } from '../fixtures/evidence';

const DAY = 86_400_000;
const ME = person('me', 'sanne@buurtkracht.nl');
const PETER = person('Peter Snijders', 'p.snijders@zwolle.nl');
const ERIK = person('Erik Bosman', 'e.bosman@zwolle.nl');
const KARIN = person('Karin Mulder', 'karin.mulder73@gmail.com');
const LATER = person('Nienke Post', 'n.post@zwolle.nl');

const CONVERSATION = readFully('conversation', 2);

/** What the rules see: Peter signs as wethouder, Erik as beleidsadviseur, all at zwolle.nl. */
const mailbox = batch({
  health: CONVERSATION,
  threads: [
    threadRow({ threadKey: 'gmail:thread-f:1', subject: 'Werkbezoek', participants: [PETER, ME] }),
    threadRow({ threadKey: 'gmail:thread-f:2', subject: 'Buurthulp', participants: [KARIN] }),
  ],
  messages: [
    message({
      messageKey: 'gmail:msg-f:1',
      threadKey: 'gmail:thread-f:1',
      subject: 'Werkbezoek',
      from: PETER,
      to: [ME],
      cc: [ERIK],
      signature: 'Peter Snijders\nWethouder Sociaal Domein\nGemeente Zwolle',
    }),
    message({
      messageKey: 'gmail:msg-f:2',
      threadKey: 'gmail:thread-f:1',
      subject: 'Werkbezoek',
      from: ERIK,
      to: [ME],
      at: T0 + 3_600_000,
      signature: 'Erik Bosman\nBeleidsadviseur Wmo\nGemeente Zwolle',
    }),
  ],
});

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  await ingestBatches(db, [mailbox], T0);
});

const peterId = contactIdFor(PETER.address!);
const erikId = contactIdFor(ERIK.address!);

describe('a correction for one address', () => {
  it('applies at once to that contact and its threads, and survives every later ingest', async () => {
    expect(await db.contacts.get(peterId)).toMatchObject({ municipalityCode: 'GM0193', role: 'wethouder' });
    const result = await applyCorrection(
      db,
      { contactId: peterId, address: PETER.address!, scope: 'address', dimension: 'municipality', value: 'GM0820' },
      T0 + DAY,
    );
    expect(result.contactIds).toEqual([peterId]);
    expect(await db.contacts.get(peterId)).toMatchObject({ municipalityCode: 'GM0820', role: 'wethouder' });
    // a colleague at the same domain is not covered by an address correction
    expect(await db.contacts.get(erikId)).toMatchObject({ municipalityCode: 'GM0193' });
    const correction = await db.tags.get(tagId('user', 'address', PETER.address!, 'municipality'));
    expect({ ...correction, evidence: dutch(correction?.evidence) }).toMatchObject({
      source: 'user',
      value: 'GM0820',
      evidence: ['correctie voor adres p.snijders@zwolle.nl'],
    });

    // the rules still say Zwolle, as loudly as they can: the correction holds
    await ingestBatches(db, [mailbox, mailbox], T0 + 2 * DAY);
    await ingestBatches(
      db,
      [batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:9', subject: 'Gemeente Zwolle', participants: [PETER] })] })],
      T0 + 3 * DAY,
    );
    expect(await db.contacts.get(peterId)).toMatchObject({ municipalityCode: 'GM0820', role: 'wethouder' });
    expect(ruleTagOf((await db.contacts.get(peterId))!, 'municipality')).toMatchObject({ value: 'GM0193' });
  });

  it("moves a thread's municipality where it follows its contacts", async () => {
    await applyCorrection(
      db,
      {
        contactId: contactIdFor(KARIN.address!),
        address: KARIN.address!,
        scope: 'address',
        dimension: 'municipality',
        value: 'GM1900',
      },
      T0 + DAY,
    );
    expect(await db.threads.get('gmail:thread-f:2')).toMatchObject({ municipalityCode: 'GM1900' });
    // thread 1 has Peter and Erik (both Zwolle): not touched
    expect(await db.threads.get('gmail:thread-f:1')).toMatchObject({ municipalityCode: 'GM0193' });
  });

  it('can be removed: the rules decide again', async () => {
    const input = {
      contactId: peterId,
      address: PETER.address!,
      scope: 'address',
      dimension: 'role',
      value: 'ambtenaar',
    } as const;
    await applyCorrection(db, input, T0 + DAY);
    expect(await db.contacts.get(peterId)).toMatchObject({ role: 'ambtenaar' });
    await removeCorrection(db, { subjectType: 'address', subjectId: PETER.address!, dimension: 'role' }, T0 + 2 * DAY);
    expect(await db.contacts.get(peterId)).toMatchObject({ role: 'wethouder' });
    expect(await db.tags.where('source').equals('user').count()).toBe(0);
  });
});

describe('a correction for a whole mail domain', () => {
  it('applies to everyone at the domain, to people seen later, and survives re-ingest', async () => {
    const result = await applyCorrection(
      db,
      { contactId: erikId, address: ERIK.address!, scope: 'domain', dimension: 'role', value: 'gemeenteraad' },
      T0 + DAY,
    );
    expect(result.contactIds.sort()).toEqual([erikId, peterId].sort());
    expect(await db.contacts.get(peterId)).toMatchObject({ role: 'gemeenteraad' });
    expect(await db.contacts.get(erikId)).toMatchObject({ role: 'gemeenteraad' });
    expect(await db.contacts.get(contactIdFor(KARIN.address!))).toMatchObject({ role: 'bewoner' });

    await ingestBatches(db, [mailbox], T0 + 2 * DAY);
    await ingestBatches(
      db,
      [
        batch({
          health: CONVERSATION,
          messages: [
            message({
              messageKey: 'gmail:msg-f:3',
              threadKey: 'gmail:thread-f:3',
              from: LATER,
              to: [ME],
              signature: 'Nienke Post\nBeleidsadviseur\nGemeente Zwolle',
            }),
          ],
        }),
      ],
      T0 + 3 * DAY,
    );
    expect(await db.contacts.get(peterId)).toMatchObject({ role: 'gemeenteraad' });
    expect(await db.contacts.get(erikId)).toMatchObject({ role: 'gemeenteraad' });
    expect(await db.contacts.get(contactIdFor(LATER.address!))).toMatchObject({
      role: 'gemeenteraad',
      municipalityCode: 'GM0193',
    });
  });

  it('gives way to a more specific correction for one address', async () => {
    await applyCorrection(
      db,
      { contactId: erikId, address: ERIK.address!, scope: 'domain', dimension: 'role', value: 'gemeenteraad' },
      T0,
    );
    await applyCorrection(
      db,
      { contactId: peterId, address: PETER.address!, scope: 'address', dimension: 'role', value: 'wethouder' },
      T0,
    );
    await ingestBatches(db, [mailbox], T0 + DAY);
    expect(await db.contacts.get(peterId)).toMatchObject({ role: 'wethouder' });
    expect(await db.contacts.get(erikId)).toMatchObject({ role: 'gemeenteraad' });
  });

  it('is refused for a personal mail domain (gmail.com)', async () => {
    await expect(
      applyCorrection(db, {
        contactId: contactIdFor(KARIN.address!),
        address: KARIN.address!,
        scope: 'domain',
        dimension: 'role',
        value: 'wethouder',
      }),
    ).rejects.toBeInstanceOf(CorrectionScopeError);
    expect(await db.tags.where('source').equals('user').count()).toBe(0);
  });
});

describe('bad corrections are refused and store nothing', () => {
  it.each([
    [
      'an unknown municipality code',
      { contactId: peterId, address: PETER.address!, scope: 'address', dimension: 'municipality', value: 'GM9999' },
      ZodError,
    ],
    [
      'a role that does not exist',
      { contactId: peterId, address: PETER.address!, scope: 'address', dimension: 'role', value: 'burgemeester' },
      ZodError,
    ],
    [
      'an address of another contact',
      { contactId: peterId, address: ERIK.address!, scope: 'address', dimension: 'role', value: 'bewoner' },
      CorrectionScopeError,
    ],
    [
      'an unknown contact',
      { contactId: 'c:nobody@zwolle.nl', address: 'nobody@zwolle.nl', scope: 'address', dimension: 'role', value: 'bewoner' },
      UnknownContactError,
    ],
  ])('%s', async (_label, input, error) => {
    await expect(applyCorrection(db, input as never)).rejects.toBeInstanceOf(error);
    expect(await db.tags.where('source').equals('user').count()).toBe(0);
  });

  it('accepts "no municipality" (null)', async () => {
    await applyCorrection(db, {
      contactId: peterId,
      address: PETER.address!,
      scope: 'address',
      dimension: 'municipality',
      value: null,
    });
    expect(await db.contacts.get(peterId)).toMatchObject({ municipalityCode: null });
  });
});

describe('through the background', () => {
  const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
  const PANEL = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` };

  it('applies a correction from an extension page and asks for the latency of everyone covered', async () => {
    const onContactsChanged = vi.fn();
    const handle = createMessageHandler({
      db,
      queue: createIngestQueue(db),
      extensionId: EXTENSION_ID,
      afterWrite: (owes) => onContactsChanged(owes.contactIds),
      now: () => T0,
    });
    const reply = await handle(
      {
        type: 'correct-tag',
        correction: { contactId: erikId, address: ERIK.address!, scope: 'domain', dimension: 'role', value: 'ambtenaar' },
      },
      PANEL,
    );
    expect(reply).toEqual({ ok: true });
    expect(onContactsChanged.mock.calls[0]![0].sort()).toEqual([erikId, peterId].sort());
    expect(await db.contacts.get(peterId)).toMatchObject({ role: 'ambtenaar' });
  });

  it('refuses a correction from a web page, and an invalid one', async () => {
    const handle = createMessageHandler({ db, queue: createIngestQueue(db), extensionId: EXTENSION_ID, now: () => T0 });
    const correction = { contactId: peterId, address: PETER.address!, scope: 'address', dimension: 'role', value: 'bewoner' };
    expect(
      await handle({ type: 'correct-tag', correction }, { id: EXTENSION_ID, url: 'https://mail.google.com/mail/u/0/' }),
    ).toMatchObject({ ok: false });
    expect(await handle({ type: 'correct-tag', correction: { ...correction, value: 'koning' } }, PANEL)).toMatchObject({
      ok: false,
    });
    expect(await db.contacts.get(peterId)).toMatchObject({ role: 'wethouder' });
  });
});

describe('whether someone is followed (a kind correction)', () => {
  // Sanne works at buurtkracht.nl; Joris there is a colleague by the rules, but also the
  // welzijn contact she needs to track. The VNG newsletter is bulk mail.
  const JORIS = person('Joris Bakker', 'joris@buurtkracht.nl');
  const ANNA = person('Anna de Wit', 'anna@buurtkracht.nl');
  const joris = contactIdFor(JORIS.address!);
  const colleagues = batch({
    account: 'sanne@buurtkracht.nl',
    health: CONVERSATION,
    threads: [threadRow({ threadKey: 'gmail:thread-f:10', subject: 'Pilot buurtkamer Zwolle', participants: [JORIS, ME] })],
    messages: [
      message({
        messageKey: 'gmail:msg-f:10',
        threadKey: 'gmail:thread-f:10',
        subject: 'Pilot buurtkamer Zwolle',
        from: ME,
        to: [JORIS],
        at: T0,
      }),
      message({
        messageKey: 'gmail:msg-f:11',
        threadKey: 'gmail:thread-f:10',
        subject: 'Pilot buurtkamer Zwolle',
        from: JORIS,
        to: [ME],
        at: T0 + DAY,
        excerpt: 'Beste Sanne, namens de gemeente Zwolle: we doen mee.',
      }),
      message({
        messageKey: 'gmail:msg-f:12',
        threadKey: 'gmail:thread-f:11',
        subject: 'Roosters',
        from: ANNA,
        to: [ME],
        at: T0 + DAY,
      }),
    ],
  });
  const follow = (scope: 'address' | 'domain', value: 'stakeholder' | 'ignored', who = JORIS) =>
    applyCorrection(
      db,
      { contactId: contactIdFor(who.address!), address: who.address!, scope, dimension: 'kind', value },
      T0 + 2 * DAY,
    );

  beforeEach(async () => {
    await ingestBatches(db, [colleagues], T0 + DAY);
  });

  it('follows a colleague after all: linked to the stored mail and threads, tagged from their text', async () => {
    expect(await db.contacts.get(joris)).toMatchObject({ kind: 'colleague', municipalityCode: null });
    expect((await db.messages.get('gmail:msg-f:11'))?.contactIds).toEqual([]);

    await follow('address', 'stakeholder');
    expect(await db.contacts.get(joris)).toMatchObject({ kind: 'stakeholder', municipalityCode: 'GM0193' });
    expect(dutch(ruleTagOf((await db.contacts.get(joris))!, 'municipality')?.evidence).join(' ')).toMatch(/Zwolle/i);
    // what he sent and what was sent to him
    expect((await db.messages.bulkGet(['gmail:msg-f:10', 'gmail:msg-f:11'])).map((m) => m?.contactIds)).toEqual([
      [joris],
      [joris],
    ]);
    expect(await db.threads.get('gmail:thread-f:10')).toMatchObject({ contactIds: [joris], municipalityCode: 'GM0193' });
    // Anna, same domain, is still a colleague: the correction was for his address
    expect(await db.contacts.get(contactIdFor(ANNA.address!))).toMatchObject({ kind: 'colleague' });

    // and ingest honours it from now on, however often the page is read
    await ingestBatches(db, [colleagues], T0 + 3 * DAY);
    expect(await db.contacts.get(joris)).toMatchObject({ kind: 'stakeholder', municipalityCode: 'GM0193' });
  });

  it('follows everyone at a colleague domain (its people, not its newsletter), and refuses that for a personal mail domain', async () => {
    const NEWSLETTER = person('Buurtkracht nieuws', 'nieuwsbrief@buurtkracht.nl');
    await ingestBatches(
      db,
      [batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:12', subject: 'Nieuws', participants: [NEWSLETTER] })] })],
      T0 + DAY,
    );
    await follow('domain', 'stakeholder');
    expect(await db.contacts.get(contactIdFor(ANNA.address!))).toMatchObject({ kind: 'stakeholder' });
    expect(await db.contacts.get(contactIdFor(NEWSLETTER.address!))).toMatchObject({ kind: 'bulk' });
    // one address of it, followed on purpose, is
    await follow('address', 'stakeholder', NEWSLETTER);
    expect(await db.contacts.get(contactIdFor(NEWSLETTER.address!))).toMatchObject({ kind: 'stakeholder' });
    expect((await db.messages.get('gmail:msg-f:12'))?.contactIds).toEqual([contactIdFor(ANNA.address!)]);
    await expect(follow('domain', 'stakeholder', KARIN)).rejects.toBeInstanceOf(CorrectionScopeError);
  });

  it('stops following a stakeholder: unlinked everywhere, cached latency gone, threads follow; undone by removing it', async () => {
    const peter = contactIdFor(PETER.address!);
    await recomputeLatency(db, { now: T0 + 2 * DAY });
    expect(await db.latency.get(peter)).toBeDefined();
    expect((await db.threads.get('gmail:thread-f:1'))?.contactIds).toContain(peter);

    const result = await follow('address', 'ignored', PETER);
    expect(result.contactIds).toEqual([peter]);
    expect(await db.contacts.get(peter)).toMatchObject({ kind: 'ignored', municipalityCode: null, role: 'onbekend' });
    expect((await db.messages.get('gmail:msg-f:1'))?.contactIds).not.toContain(peter);
    expect((await db.threads.get('gmail:thread-f:1'))?.contactIds).not.toContain(peter);
    expect(await db.latency.get(peter)).toBeUndefined();
    // read again: still not followed
    await ingestBatches(db, [mailbox], T0 + 3 * DAY);
    expect(await db.contacts.get(peter)).toMatchObject({ kind: 'ignored' });
    expect((await db.messages.get('gmail:msg-f:1'))?.contactIds).not.toContain(peter);

    await removeCorrection(db, { subjectType: 'address', subjectId: PETER.address!, dimension: 'kind' }, T0 + 4 * DAY);
    expect(await db.contacts.get(peter)).toMatchObject({ kind: 'stakeholder', municipalityCode: 'GM0193', role: 'wethouder' });
    expect((await db.messages.get('gmail:msg-f:1'))?.contactIds).toContain(peter);
    expect((await db.threads.get('gmail:thread-f:1'))?.contactIds).toContain(peter);
  });

  it('never makes the user a stakeholder, whatever a domain correction says', async () => {
    await follow('domain', 'stakeholder');
    await ingestBatches(db, [colleagues], T0 + 3 * DAY);
    expect(await db.contacts.get(contactIdFor('sanne@buurtkracht.nl'))).toBeUndefined();
    expect((await db.messages.get('gmail:msg-f:10'))?.direction).toBe('out');
  });
});
