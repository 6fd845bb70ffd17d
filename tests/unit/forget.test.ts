import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it } from 'vitest';
import { setLocale } from '@/lib/i18n';
import { heldAsCsv, heldAsJson, heldCounts, loadHeldAbout } from '@/lib/read-models/person-data';
import { fakeBrowser } from 'wxt/testing';
import type { GemeenteradarDb } from '@/lib/store/db';
import { findMentions } from '@/lib/store/forget/mentions';
import {
  forgetPerson,
  OwnAddressError,
  personMatcher,
  personOf,
  planForget,
  readPersonTraces,
  REDACTED,
} from '@/lib/store/forget';
import { ingestBatches } from '@/lib/store/ingest';
import { TABLE_NAMES } from '@/lib/store/table-registry';
import { withFreshDb } from '../fixtures/fresh-db';
import {
  ANKE_ID,
  JAN,
  JAN_ID,
  JAN_PRIVATE,
  JAN_PRIVATE_ID,
  JAN_TRACES,
  mailbox,
  ME,
  PETER_ID,
  SEEDED_AT,
  seedEveryKindOfRecord,
} from '../fixtures/every-record';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  setLocale('nl');
  await seedEveryKindOfRecord(db);
});

/** Every record of every table and every item of both storage areas, as JSON text, where a trace is found. */
async function tracesLeft(traces: readonly string[] = JAN_TRACES): Promise<string[]> {
  const found: string[] = [];
  const look = (where: string, value: unknown) => {
    const text = JSON.stringify(value).toLowerCase();
    for (const trace of traces) if (text.includes(trace.toLowerCase())) found.push(`${where}: ${trace}`);
  };
  for (const table of db.tables)
    for (const record of await table.toArray()) look(`${table.name} ${JSON.stringify(record).slice(0, 80)}`, record);
  for (const [key, value] of Object.entries(await fakeBrowser.storage.local.get(null))) look(`local:${key}`, value);
  for (const [key, value] of Object.entries(await fakeBrowser.storage.session.get(null))) look(`session:${key}`, value);
  return found;
}

async function forgetJan() {
  const traces = await readPersonTraces(db, [JAN.address!]);
  const mentions = await findMentions(db, personMatcher(traces.person), traces.records);
  return forgetPerson(db, { addresses: [JAN.address!], mentions }, SEEDED_AT + 1);
}

describe('what is held about someone', () => {
  it('lists every record that names him, the mentions the scan finds, and exports them', async () => {
    const progress: number[] = [];
    const held = await loadHeldAbout(db, JAN_PRIVATE.address!, (done) => progress.push(done));
    const counts = Object.fromEntries(heldCounts(held).map(({ table, count }) => [table, count]));
    expect(counts).toMatchObject({ contacts: 1, calls: 2, merges: 1, latency: 1 });
    expect(held.mentions.messages).toEqual(['gmail:msg-f:6']);
    expect(held.records.find((record) => record.key === 'gmail:msg-f:6')?.found).toBe('mentioned');
    expect(progress.at(-1)).toBeGreaterThan(0);
    // the same records the forget would touch
    expect(held.forget.counts.find((count) => count.table === 'messages')).toEqual({ table: 'messages', deleted: 3, changed: 3 });
    const json = JSON.parse(heldAsJson(held, SEEDED_AT)) as { records: Record<string, unknown[]> };
    expect(json.records.contacts).toHaveLength(1);
    const [header, ...rows] = parse(heldAsCsv(held, ';'), { delimiter: ';', bom: true }) as string[][];
    expect(header).toEqual(['Soort', 'Sleutel', 'Veld', 'Waarde']);
    expect(rows).toContainEqual(['Contacten', JAN_ID, 'name', 'Jan de Vries']);
  });

  it('finds nothing for an address nobody used', async () => {
    const held = await loadHeldAbout(db, 'niemand@example.nl');
    expect(held.records).toEqual([]);
    expect(held.forget.counts).toEqual([]);
  });
});

describe('forgetting a person', () => {
  it('finds who they are: both addresses of the merged contact, every name, the contact ids', async () => {
    const { person } = await readPersonTraces(db, ['J.DeVries@zwolle.nl']);
    expect(person.addresses).toEqual(expect.arrayContaining(['j.devries@zwolle.nl', 'jan.devries@gmail.com']));
    expect(person.contactIds).toEqual(expect.arrayContaining([JAN_ID, JAN_PRIVATE_ID]));
    expect(person.names).toEqual(['Jan de Vries']);
  });

  it('the seeded store holds him everywhere (so the search below can fail)', async () => {
    const left = await tracesLeft();
    for (const place of [
      'contacts',
      'messages',
      'threads',
      'tags',
      'calls',
      'notes',
      'nextSteps',
      'latency',
      'summaries',
      'merges',
      'quarantine',
      'local:popup-snapshot',
      'session:tab-context:7',
      'session:side-panel-focus',
      'local:owed-work',
    ]) {
      expect(
        left.some((where) => where.startsWith(place)),
        place,
      ).toBe(true);
    }
  });

  it('plans: his records go, his part in other records is taken out, the rest stays', async () => {
    const plan = planForget(await readPersonTraces(db, [JAN.address!]));
    const deleted = Object.fromEntries([...plan.deletes].map(([table, keys]) => [table, [...keys].sort()]));
    expect(deleted.contacts).toEqual([JAN_ID]);
    // his own mail, the mail the user sent him alone, from both addresses; not the group mail
    expect(deleted.messages).toEqual(['gmail:msg-f:1', 'gmail:msg-f:2', 'gmail:msg-f:5']);
    // his conversations with nobody else in them, and the correction of one of them
    expect(deleted.threads).toEqual(['gmail:thread-f:1', 'gmail:thread-f:4']);
    expect(deleted.tags).toEqual(['user:address:j.devries@zwolle.nl:role', 'user:thread:gmail:thread-f:1:municipality']);
    expect(deleted.calls).toHaveLength(1);
    expect(deleted.notes).toEqual([`contact:${JAN_ID}`]);
    expect(deleted.nextSteps).toHaveLength(1);
    expect(deleted.merges).toEqual([`merge:${JAN_PRIVATE_ID}`]);
    expect(deleted.latency).toEqual([JAN_ID]);
    const put = new Map(
      [...plan.puts].map(([table, records]) => [
        table,
        new Map(records.map((record) => [String(record.id ?? record.code), record])),
      ]),
    );
    const group = put.get('messages')!.get('gmail:msg-f:4')!;
    expect(group).toMatchObject({
      toAddresses: [ME.address],
      contactIds: [PETER_ID],
      excerpt: `Ik stem af met ${REDACTED} (${REDACTED}).`,
    });
    expect(put.get('threads')!.get('gmail:thread-f:2')).toMatchObject({
      contactIds: [PETER_ID],
      subject: `Overleg met ${REDACTED} en Peter`,
    });
    // nothing of Anke's is touched without the scan of the whole store
    expect(put.get('messages')!.has('gmail:msg-f:6')).toBe(false);
    expect(plan.refusedOwnAddress).toBeNull();
  });

  it('leaves no trace of his addresses or name in any table or storage area, and keeps everyone else', async () => {
    const before = { peter: await db.contacts.get(PETER_ID), anke: await db.contacts.get(ANKE_ID) };
    const result = await forgetJan();
    expect(result.counts.find((count) => count.table === 'contacts')).toEqual({ table: 'contacts', deleted: 1, changed: 0 });
    expect(await tracesLeft()).toEqual([]);
    expect(await db.contacts.get(PETER_ID)).toEqual(before.peter);
    expect(await db.contacts.get(ANKE_ID)).toEqual(before.anke);
    // his damaged record set aside goes, hers stays
    expect((await db.quarantine.toArray()).map((record) => record.key)).toEqual(['c:kapot-2']);
    expect((await db.messages.get('gmail:msg-f:6'))?.excerpt).toBe(`Ken jij ${REDACTED} uit Zwolle?`);
    // the tab context keeps the others
    const tab = (await fakeBrowser.storage.session.get('tab-context:7'))['tab-context:7'] as {
      participants: { address: string }[];
    };
    expect(tab.participants.map((participant) => participant.address)).toEqual(['p.snijders@zwolle.nl', ME.address]);
    expect((await fakeBrowser.storage.local.get('owed-work'))['owed-work']).toMatchObject({ contactIds: [PETER_ID] });
    // the settings are not touched
    expect((await fakeBrowser.storage.local.get('thresholds')).thresholds).toMatchObject({ ambtenaar: { ideal: 3, max: 6 } });
  });

  it('redacts him in the values of evidence (codes with values quote addresses and names)', async () => {
    const peter = (await db.contacts.get(PETER_ID))!;
    const quoting = { code: 'mention', values: { quote: `bel ook ${JAN.address!} even`, source: 'signature' } };
    const ruleTags = (peter.ruleTags ?? []).map((tag, index) =>
      index === 0 ? { ...tag, evidence: [...tag.evidence, quoting] } : tag,
    );
    expect(ruleTags.length).toBeGreaterThan(0);
    await db.contacts.put({ ...peter, ruleTags });
    expect(await tracesLeft([JAN.address!])).not.toEqual([]);
    await forgetJan();
    expect(await tracesLeft()).toEqual([]);
    const after = (await db.contacts.get(PETER_ID))!;
    expect(after.ruleTags?.[0]?.evidence.at(-1)).toEqual({
      code: 'mention',
      values: { quote: `bel ook ${REDACTED} even`, source: 'signature' },
    });
  });

  it('puts a salted hash of each address and mailbox on the not-tracked list, never the address', async () => {
    const listed = await db.notTracked.count();
    const result = await forgetJan();
    // two addresses, one of them with another mailbox spelling (jandevries@gmail.com)
    expect(result.notTracked).toBe(3);
    expect(await db.notTracked.count()).toBe(listed + 3);
    const salts = new Set((await db.notTracked.toArray()).map((entry) => entry.salt));
    expect(salts.size).toBe(1);
  });

  it('reading his mail again stores nothing of him, and the others as before', async () => {
    await forgetJan();
    const counts = async () =>
      Object.fromEntries(await Promise.all(TABLE_NAMES.map(async (name) => [name, await db.table(name).count()])));
    const before = await counts();
    await ingestBatches(db, mailbox(), SEEDED_AT + 2);
    expect(await tracesLeft()).toEqual([]);
    const after = await counts();
    expect(after.contacts).toBe(before.contacts);
    expect(after.messages).toBe(before.messages);
    expect(after.threads).toBe(before.threads);
  });

  it('refuses the user own address, and changes nothing', async () => {
    const before = await db.contacts.count();
    await expect(forgetPerson(db, { addresses: [ME.address!] })).rejects.toThrow(OwnAddressError);
    expect(await db.contacts.count()).toBe(before);
  });

  it('redacts a name as a whole word, in any case and spacing, never inside another word', () => {
    const match = personMatcher(personOf({ addresses: ['jan@zwolle.nl'], names: ['Jan de Vries'] }));
    expect(match.redact('JAN DE  VRIES schreef aan jan@zwolle.nl.')).toBe(`${REDACTED} schreef aan ${REDACTED}.`);
    expect(match.redact('Jan de Vriesland en bjan@zwolle.nl')).toBe('Jan de Vriesland en bjan@zwolle.nl');
    expect(match.isIdentifier('jan+nieuws@zwolle.nl')).toBe(true);
  });
});
