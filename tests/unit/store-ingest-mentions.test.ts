/**
 * Ingest gathers what other people's text says of a person (the user's salutation, a subject, a
 * "namens" line) beside their own signals: a silent wethouder gets her role, a better signal
 * arriving later improves a stored role, a weaker one never downgrades it, a user's correction
 * still wins, and a secretariaat keeps whom it works for.
 */
import { describe, expect, it } from 'vitest';
import { applyCorrection } from '@/lib/store/corrections';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { ruleTagOf } from '@/lib/store/tags';
import type { ObservationBatch } from '@/lib/messaging/observations';
import { dutch } from '../fixtures/evidence';
import { withFreshDb } from '../fixtures/fresh-db';
import { ACCOUNT, batch, message, person, T0, threadRow } from '../fixtures/observations';

const DAY = 86_400_000;
const ME = person('me', ACCOUNT);
const HOEKSTRA = person('Anne Hoekstra', 'a.hoekstra@zwolle.nl');
const VOS = person('Hanneke Vos', 'h.vos@tilburg.nl');
const SMULDERS = person('Marieke Smulders', 'm.smulders@tilburg.nl');
const hoekstraId = contactIdFor(HOEKSTRA.address!);

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

const conversation = (messages: ObservationBatch['messages']) =>
  batch({
    health: { view: 'conversation', status: 'ok', itemsSeen: messages.length, itemsRead: messages.length, problems: {} },
    messages,
  });
const toHoekstra = (key: string, excerpt: string, at: number) =>
  conversation([message({ messageKey: key, threadKey: 'gmail:thread-f:1', from: ME, to: [HOEKSTRA], excerpt, at })]);
const listRow = batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:1', participants: [ME, HOEKSTRA] })] });
const roleTag = async () => ruleTagOf((await db.contacts.get(hoekstraId))!, 'role');

describe('ingest: roles from mentions', () => {
  it('gives a silent person the role the user addresses her by, with its evidence', async () => {
    await ingestBatches(db, [toHoekstra('gmail:msg-f:1', 'Geachte wethouder Hoekstra, Graag nodig ik u uit.', T0)], T0);
    expect(await db.contacts.get(hoekstraId)).toMatchObject({ role: 'wethouder', municipalityCode: 'GM0193' });
    expect(await roleTag()).toMatchObject({ value: 'wethouder', confidence: 0.8 });
    expect(dutch((await roleTag())?.evidence)).toEqual(['aanhef van een mail aan deze persoon: "Geachte wethouder Hoekstra,"']);
  });

  it('improves a stored guess when a better signal arrives, and a weaker one never takes it back', async () => {
    await ingestBatches(db, [listRow], T0);
    expect(await roleTag()).toMatchObject({ value: 'ambtenaar', confidence: 0.6 });
    expect(dutch((await roleTag())?.evidence)).toContain('medewerker van een gemeente: standaard ambtenaar');

    await ingestBatches(
      db,
      [toHoekstra('gmail:msg-f:1', 'Geachte wethouder Hoekstra, Graag nodig ik u uit.', T0 + DAY)],
      T0 + DAY,
    );
    expect(await db.contacts.get(hoekstraId)).toMatchObject({ role: 'wethouder' });

    // the list, and a mail without a salutation: the gemeente's default (0.6) does not downgrade her
    await ingestBatches(db, [listRow, toHoekstra('gmail:msg-f:2', 'Ter informatie: de stukken.', T0 + 2 * DAY)], T0 + 2 * DAY);
    expect(await roleTag()).toMatchObject({ value: 'wethouder', confidence: 0.8 });

    // her own signature is the strongest signal of all
    const ownMail = conversation([
      message({
        messageKey: 'gmail:msg-f:3',
        threadKey: 'gmail:thread-f:1',
        from: HOEKSTRA,
        to: [ME],
        signature: 'Anne Hoekstra\nBeleidsadviseur Wmo\nGemeente Zwolle',
        at: T0 + 3 * DAY,
      }),
    ]);
    await ingestBatches(db, [ownMail], T0 + 3 * DAY);
    expect(await roleTag()).toMatchObject({ value: 'ambtenaar', confidence: 0.85 });
  });

  it("leaves the user's correction in charge", async () => {
    await ingestBatches(db, [listRow], T0);
    await applyCorrection(
      db,
      { contactId: hoekstraId, address: HOEKSTRA.address!, scope: 'address', dimension: 'role', value: 'bewoner' },
      T0 + DAY,
    );
    await ingestBatches(
      db,
      [toHoekstra('gmail:msg-f:1', 'Geachte wethouder Hoekstra, Graag nodig ik u uit.', T0 + 2 * DAY)],
      T0 + 2 * DAY,
    );
    expect(await db.contacts.get(hoekstraId)).toMatchObject({ role: 'bewoner' });
    expect(await roleTag()).toMatchObject({ value: 'wethouder' });
  });

  it('reads "namens wethouder Vos": Vos is a wethouder, the secretariaat works for her', async () => {
    const reply = conversation([
      message({
        messageKey: 'gmail:msg-f:9',
        threadKey: 'gmail:thread-f:9',
        from: SMULDERS,
        to: [ME, VOS],
        excerpt: 'Geachte mevrouw Jansen, Namens wethouder Vos dank ik u voor uw bericht.',
        at: T0,
      }),
    ]);
    await ingestBatches(db, [reply], T0);
    const vos = await db.contacts.get(contactIdFor(VOS.address!));
    const smulders = await db.contacts.get(contactIdFor(SMULDERS.address!));
    expect(vos).toMatchObject({ role: 'wethouder' });
    expect(smulders).toMatchObject({ role: 'wethouder', worksFor: { contactId: vos!.id } });
    expect(dutch(smulders!.worksFor!.evidence)).toEqual(['schrijft "Namens wethouder Vos": werkt voor Hanneke Vos']);

    // seen again without the line (a collapsed message, a list row): the relation stays, nothing is rewritten
    const again = batch({ threads: [threadRow({ threadKey: 'gmail:thread-f:9', participants: [SMULDERS, ME] })] });
    await ingestBatches(db, [again], T0 + DAY);
    expect((await db.contacts.get(contactIdFor(SMULDERS.address!)))?.worksFor?.contactId).toBe(vos!.id);
  });
});
