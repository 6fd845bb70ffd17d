import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { logCall, UnknownContactError } from '@/lib/store/calls';
import { mergeContacts, mergeIdFor, splitContact, UnknownMergeError } from '@/lib/store/contact-merge';
import { applyCorrection } from '@/lib/store/corrections';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { recomputeLatency } from '@/lib/store/latency';
import { addNextStep, saveNote } from '@/lib/store/notes';
import type { Contact, Message, Tag } from '@/lib/store/schemas';
import { batch, message, person, readFully, T0 } from '../fixtures/observations';
import { withFreshDb } from '../fixtures/fresh-db';

const DAY = 86_400_000;
const ME = person('me', 'sanne@buurtkracht.nl');
/** One person, two addresses: her work address and her own. */
const WORK = person('Monique van Dijk', 'm.van.dijk@zwolle.nl');
const PRIVATE = person('Monique v. Dijk', 'monique.vandijk@gmail.com');
const ERIK = person('Erik Bosman', 'e.bosman@zwolle.nl');
const CONVERSATION = readFully('conversation', 1);

const workId = contactIdFor(WORK.address!);
const privateId = contactIdFor(PRIVATE.address!);
const erikId = contactIdFor(ERIK.address!);

const mailbox = batch({
  health: CONVERSATION,
  messages: [
    message({ messageKey: 'gmail:msg-f:1', threadKey: 'gmail:thread-f:1', from: ME, to: [WORK], at: T0 }),
    message({
      messageKey: 'gmail:msg-f:2',
      threadKey: 'gmail:thread-f:1',
      from: WORK,
      to: [ME],
      at: T0 + DAY,
      signature: 'Monique van Dijk\nWethouder Sociaal Domein\nGemeente Zwolle',
    }),
    message({
      messageKey: 'gmail:msg-f:3',
      threadKey: 'gmail:thread-f:2',
      subject: 'Buurtkamer',
      from: PRIVATE,
      to: [ME],
      at: T0 + 2 * DAY,
    }),
    // one mail to both of her addresses and to Erik
    message({
      messageKey: 'gmail:msg-f:4',
      threadKey: 'gmail:thread-f:3',
      from: ME,
      to: [WORK, PRIVATE],
      cc: [ERIK],
      at: T0 + 3 * DAY,
    }),
  ],
});

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  await ingestBatches(db, [mailbox], T0 + 4 * DAY);
  await logCall(db, { contactId: privateId, direction: 'out', answered: false, note: 'voicemail' }, T0 + 4 * DAY);
  await saveNote(db, { subjectType: 'contact', subjectId: privateId, text: 'Privé-adres, liever niet mailen.' }, T0);
  await saveNote(db, { subjectType: 'contact', subjectId: workId, text: 'Wethouder sinds 2022.' }, T0);
  await addNextStep(
    db,
    { subjectType: 'contact', subjectId: privateId, text: 'Bellen over werkbezoek', dueAt: T0 + 7 * DAY },
    T0,
  );
  await recomputeLatency(db, { now: T0 + 5 * DAY });
});

/** Everything a split must give back, without the bookkeeping times. */
async function snapshot() {
  const strip = <T extends { updatedAt?: number }>(records: T[]) =>
    records.map(({ updatedAt: _updatedAt, ...rest }) => rest).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    contacts: strip(await db.contacts.toArray()),
    messages: (await db.messages.toArray()).map((m) => ({ id: m.id, contactIds: [...m.contactIds].sort() })),
    threads: (await db.threads.toArray()).map((t) => ({
      id: t.id,
      contactIds: [...t.contactIds].sort(),
      municipalityCode: t.municipalityCode,
    })),
    calls: (await db.calls.toArray()).map((c) => ({ id: c.id, contactId: c.contactId })),
    notes: strip(await db.notes.toArray()),
    nextSteps: strip(await db.nextSteps.toArray()),
    // the rules' tags (on the contacts) and the corrections (in `tags`)
    tags: strip([
      ...(await db.contacts.toArray()).flatMap((contact) => contact.ruleTags ?? []),
      ...(await db.tags.filter((tag: Tag) => tag.subjectType === 'contact').toArray()),
    ]),
  };
}

function idsOf(message: Message | undefined) {
  return [...(message?.contactIds ?? [])].sort();
}

describe('merging two contacts that are the same person', () => {
  it('unites the addresses and moves messages, threads, calls, notes, next steps, tags and latency', async () => {
    expect(await db.contacts.count()).toBe(3);
    const record = await mergeContacts(db, { intoContactId: workId, mergedContactId: privateId }, T0 + 5 * DAY);
    expect(record.id).toBe(mergeIdFor(privateId));

    expect(await db.contacts.get(privateId)).toBeUndefined();
    const merged = await db.contacts.get(workId);
    expect(merged).toMatchObject({
      name: 'Monique van Dijk',
      addresses: [WORK.address, PRIVATE.address],
      kind: 'stakeholder',
      role: 'wethouder',
      municipalityCode: 'GM0193',
      firstSeenAt: T0,
    });
    const messages = await db.messages.bulkGet(['gmail:msg-f:1', 'gmail:msg-f:3', 'gmail:msg-f:4']);
    expect(messages.map(idsOf)).toEqual([[workId], [workId], [erikId, workId].sort()]);
    expect((await db.threads.get('gmail:thread-f:2'))?.contactIds).toEqual([workId]);
    expect(await db.calls.where('contactId').equals(privateId).count()).toBe(0);
    expect(await db.calls.where('contactId').equals(workId).count()).toBe(1);
    expect(await db.nextSteps.where('[subjectType+subjectId]').equals(['contact', workId]).count()).toBe(1);
    expect((await db.notes.get(`contact:${workId}`))?.text).toBe('Wethouder sinds 2022.\n\nPrivé-adres, liever niet mailen.');
    expect(await db.notes.get(`contact:${privateId}`)).toBeUndefined();
    expect(await db.tags.where('[subjectType+subjectId]').equals(['contact', privateId]).count()).toBe(0);
    // the rules' tags on the merged contact: the stronger per dimension (her work address's
    // "wethouder" over the private address's "bewoner"), under the contact's own id
    expect(merged?.ruleTags?.map((tag) => [tag.id, tag.value])).toEqual([
      [`rule:contact:${workId}:municipality`, 'GM0193'],
      [`rule:contact:${workId}:role`, 'wethouder'],
    ]);
    expect(await db.latency.get(privateId)).toBeUndefined();
  });

  it('keeps the merged person one contact on later ingest, from either address', async () => {
    await mergeContacts(db, { intoContactId: workId, mergedContactId: privateId }, T0 + 5 * DAY);
    await ingestBatches(
      db,
      [
        batch({
          health: CONVERSATION,
          messages: [
            message({ messageKey: 'gmail:msg-f:5', threadKey: 'gmail:thread-f:2', from: PRIVATE, to: [ME], at: T0 + 6 * DAY }),
          ],
        }),
      ],
      T0 + 6 * DAY,
    );
    expect(await db.contacts.count()).toBe(2);
    expect(idsOf(await db.messages.get('gmail:msg-f:5'))).toEqual([workId]);
    // the latency of the merged person counts both addresses' mail
    await recomputeLatency(db, { now: T0 + 7 * DAY, contactIds: [workId] });
    expect((await db.latency.get(workId))?.lastResponseAt).toBe(T0 + 6 * DAY);
  });

  it('refuses unknown contacts and a contact merged with itself', async () => {
    await expect(mergeContacts(db, { intoContactId: workId, mergedContactId: 'c:x@y.nl' })).rejects.toBeInstanceOf(
      UnknownContactError,
    );
    await expect(mergeContacts(db, { intoContactId: workId, mergedContactId: workId })).rejects.toThrow();
    expect(await db.merges.count()).toBe(0);
    expect(await db.contacts.count()).toBe(3);
  });
});

describe('splitting them again', () => {
  it('restores both contacts exactly as they were', async () => {
    const before = await snapshot();
    expect(before.tags.map((tag) => tag.id)).toContain(`rule:contact:${privateId}:role`);
    await mergeContacts(db, { intoContactId: workId, mergedContactId: privateId }, T0 + 5 * DAY);
    expect(await snapshot()).not.toEqual(before);
    expect(await splitContact(db, { mergeId: mergeIdFor(privateId) }, T0 + 6 * DAY)).toEqual([workId, privateId]);
    expect(await snapshot()).toEqual(before);
    expect(await db.merges.count()).toBe(0);
  });

  it("restores the rules' tags where the merge gave the target ones it lacked, and takes them away again", async () => {
    const before = await snapshot();
    // the other way round: the private address (only "bewoner", no municipality) is the target
    await mergeContacts(db, { intoContactId: privateId, mergedContactId: workId }, T0 + 5 * DAY);
    expect((await db.contacts.get(privateId))?.ruleTags?.map((tag) => [tag.id, tag.value])).toEqual([
      [`rule:contact:${privateId}:municipality`, 'GM0193'],
      [`rule:contact:${privateId}:role`, 'wethouder'],
    ]);
    await splitContact(db, { mergeId: mergeIdFor(workId) }, T0 + 6 * DAY);
    expect((await db.contacts.get(privateId))?.ruleTags?.map((tag) => tag.value)).toEqual(['bewoner']);
    expect(await snapshot()).toEqual(before);
  });

  it('gives what arrived after the merge to whichever contact its address says', async () => {
    await mergeContacts(db, { intoContactId: workId, mergedContactId: privateId }, T0 + 5 * DAY);
    await ingestBatches(
      db,
      [
        batch({
          health: CONVERSATION,
          messages: [
            message({ messageKey: 'gmail:msg-f:5', threadKey: 'gmail:thread-f:5', from: PRIVATE, to: [ME], at: T0 + 6 * DAY }),
            message({
              messageKey: 'gmail:msg-f:6',
              threadKey: 'gmail:thread-f:5',
              from: ME,
              to: [WORK],
              at: T0 + 6 * DAY + 1000,
            }),
          ],
        }),
      ],
      T0 + 6 * DAY,
    );
    await splitContact(db, { mergeId: mergeIdFor(privateId) }, T0 + 7 * DAY);
    expect(idsOf(await db.messages.get('gmail:msg-f:5'))).toEqual([privateId]);
    expect(idsOf(await db.messages.get('gmail:msg-f:6'))).toEqual([workId]);
    expect((await db.threads.get('gmail:thread-f:5'))?.contactIds.sort()).toEqual([privateId, workId].sort());
    expect((await db.contacts.get(privateId))?.lastSeenAt).toBe(T0 + 6 * DAY);
    expect((await db.contacts.get(workId))?.addresses).toEqual([WORK.address]);
  });

  it('keeps an edited note and a correction made after the merge', async () => {
    await mergeContacts(db, { intoContactId: workId, mergedContactId: privateId }, T0 + 5 * DAY);
    await saveNote(db, { subjectType: 'contact', subjectId: workId, text: 'Samen: één persoon.' }, T0 + 6 * DAY);
    await applyCorrection(
      db,
      { contactId: workId, address: WORK.address!, scope: 'address', dimension: 'role', value: 'ambtenaar' },
      T0 + 6 * DAY,
    );
    await splitContact(db, { mergeId: mergeIdFor(privateId) }, T0 + 7 * DAY);
    expect((await db.notes.get(`contact:${workId}`))?.text).toBe('Samen: één persoon.');
    expect((await db.notes.get(`contact:${privateId}`))?.text).toBe('Privé-adres, liever niet mailen.');
    expect(await db.contacts.get(workId)).toMatchObject({ role: 'ambtenaar' });
    expect(await db.contacts.get(privateId)).toMatchObject({ role: 'bewoner' });
  });

  it('splits one of two merges and leaves the other', async () => {
    await mergeContacts(db, { intoContactId: workId, mergedContactId: privateId }, T0 + 5 * DAY);
    await mergeContacts(db, { intoContactId: workId, mergedContactId: erikId }, T0 + 6 * DAY);
    await splitContact(db, { mergeId: mergeIdFor(privateId) }, T0 + 7 * DAY);
    const work = (await db.contacts.get(workId)) as Contact;
    expect(work.addresses).toEqual([WORK.address, ERIK.address]);
    expect(await db.contacts.get(erikId)).toBeUndefined();
    expect(idsOf(await db.messages.get('gmail:msg-f:4'))).toEqual([privateId, workId].sort());
    expect(await db.merges.toArray()).toEqual([expect.objectContaining({ id: mergeIdFor(erikId) })]);
  });

  it('refuses an unknown merge', async () => {
    await expect(splitContact(db, { mergeId: 'merge:c:nobody@example.org' })).rejects.toBeInstanceOf(UnknownMergeError);
  });
});

describe('through the background', () => {
  const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
  const PANEL = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/sidepanel.html` };

  it('merges and splits from an extension page, asking for the latency of both to be recomputed', async () => {
    const onContactsChanged = vi.fn();
    const handle = createMessageHandler({
      db,
      queue: createIngestQueue(db),
      extensionId: EXTENSION_ID,
      afterWrite: (owes) => onContactsChanged(owes.contactIds),
      now: () => T0 + 5 * DAY,
    });
    expect(await handle({ type: 'merge-contacts', merge: { intoContactId: workId, mergedContactId: privateId } }, PANEL)).toEqual(
      { ok: true },
    );
    expect(onContactsChanged).toHaveBeenLastCalledWith([workId]);
    expect(await handle({ type: 'split-contact', split: { mergeId: mergeIdFor(privateId) } }, PANEL)).toEqual({ ok: true });
    expect(onContactsChanged).toHaveBeenLastCalledWith([workId, privateId]);
    expect(await db.contacts.count()).toBe(3);
    // from a mail page: refused
    expect(
      await handle(
        { type: 'merge-contacts', merge: { intoContactId: workId, mergedContactId: privateId } },
        { id: EXTENSION_ID, url: 'https://mail.google.com/' },
      ),
    ).toMatchObject({ ok: false });
    expect(await db.contacts.count()).toBe(3);
  });
});
