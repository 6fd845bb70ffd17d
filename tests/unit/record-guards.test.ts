/**
 * The pages' guards (lib/read-models/record-guards.ts): a valid record comes back as it was, a
 * damaged one is repaired from what is known or set aside, and either is counted. Then the read
 * models on a store holding damaged records: they read the rest, and say how many.
 */
import { describe, expect, it } from 'vitest';
import { loadMunicipalityDetail, loadPopupData, popupDataFromSnapshot } from '@/lib/read-models/popup';
import {
  emptyTally,
  repairAll,
  repairContact,
  repairContactSummary,
  repairLatencyRecord,
  repairMessage,
  repairMunicipalitySummary,
  repairOne,
  repairReaderStatus,
  repairRejection,
  repairTabContext,
  repairTag,
  type Repairer,
} from '@/lib/read-models/record-guards';
import { loadConversation } from '@/lib/read-models/side-panel';
import { summariseMunicipalities } from '@/lib/read-models/municipality-summaries';
import { loadTimeline } from '@/lib/read-models/timeline';
import type { GemeenteradarDb } from '@/lib/store/db';
import { contactRecord, latencyRecord, messageRecord, threadRecord } from '../fixtures/records';
import { withFreshDb } from '../fixtures/fresh-db';
import { writeRawRecords } from '../fixtures/raw-records';

const NOW = Date.UTC(2026, 10, 27, 10);
const CONTACT = contactRecord({
  id: 'c:p.snijders@zwolle.nl',
  name: 'Peter Snijders',
  role: 'wethouder',
  lastSeenAt: NOW - 1000,
});
const SUMMARY = summariseMunicipalities(
  {
    contacts: [CONTACT],
    threadCounts: new Map([['GM0193', 1]]),
    latency: [latencyRecord({ contactId: CONTACT.id, role: 'wethouder', status: 'slow', workingDaysWaiting: 7 })],
  },
  NOW,
)[0]!;
const MESSAGE = messageRecord({ id: 'gmail:msg-f:1', threadId: 'gmail:thread-f:1', contactIds: [CONTACT.id], at: NOW - 5000 });

/** One repair, with what it counted. */
function repaired<T>(repair: Repairer<T>, value: unknown) {
  const tally = emptyTally();
  const result = repairOne(value, repair, tally);
  return { result, tally };
}

describe('record guards', () => {
  it.each([
    ['a contact', repairContact, CONTACT],
    ['a municipality summary', repairMunicipalitySummary, SUMMARY],
    ['a message', repairMessage, MESSAGE],
    ['a latency record', repairLatencyRecord, latencyRecord({ contactId: CONTACT.id, status: 'ok' })],
  ] as const)('gives %s that is valid back as it was, uncounted', (_what, repair, record) => {
    const { result, tally } = repaired(repair as Repairer<unknown>, record);
    expect(result).toEqual(record);
    expect(tally).toEqual({ repaired: 0, skipped: 0 });
  });

  // [what is wrong, the damaged record, what the page gets]
  it.each([
    ['an unknown role', { ...CONTACT, role: 'schepen' }, { role: 'onbekend' }],
    ['a name that is not text', { ...CONTACT, name: 42 }, { name: '' }],
    ['no addresses', { ...CONTACT, addresses: undefined }, { addresses: [] }],
    ['addresses that are no list', { ...CONTACT, addresses: 'p.snijders@zwolle.nl' }, { addresses: [] }],
    ['a NaN time', { ...CONTACT, lastSeenAt: Number.NaN }, { lastSeenAt: null }],
    ['a time as text', { ...CONTACT, firstSeenAt: '2026-01-01' }, { firstSeenAt: null }],
    ['a municipality code that is none', { ...CONTACT, municipalityCode: 'Zwolle' }, { municipalityCode: null }],
  ])('repairs a contact with %s, and counts it', (_what, record, expected) => {
    const { result, tally } = repaired(repairContact, record);
    expect(result).toMatchObject({ ...expected, id: CONTACT.id });
    expect(tally).toEqual({ repaired: 1, skipped: 0 });
  });

  it.each([
    ['no id', { ...CONTACT, id: undefined }],
    ['an unknown kind (followed or not cannot be guessed)', { ...CONTACT, kind: 'vip' }],
    ['a string instead of a record', 'Peter Snijders'],
    ['a list', [CONTACT]],
    ['a number', 7],
  ])('sets aside a contact with %s, and counts it', (_what, record) => {
    expect(repaired(repairContact, record)).toEqual({ result: null, tally: { repaired: 0, skipped: 1 } });
  });

  it.each([
    [
      'an unknown latency status (the latency reads unknown)',
      { ...SUMMARY.keyContacts[0], latency: { status: 'sleepy' } },
      { latency: null },
    ],
    [
      'a negative attempt count',
      { ...SUMMARY.keyContacts[0], latency: { ...SUMMARY.keyContacts[0]!.latency, attemptsSinceLastResponse: -3 } },
      { latency: { attemptsSinceLastResponse: 0 } },
    ],
  ])('repairs a contact summary with %s', (_what, record, expected) => {
    const { result, tally } = repaired(repairContactSummary, record);
    expect(result).toMatchObject(expected);
    expect(tally.repaired).toBe(1);
  });

  it.each([
    ['coverage that is no record', { ...SUMMARY, coverage: null }, { coverage: { wethouder: 'none' } }],
    [
      'an unknown coverage value',
      { ...SUMMARY, coverage: { ...SUMMARY.coverage, wethouder: 'lots' } },
      { coverage: { wethouder: 'none' } },
    ],
    ['an unknown role in the roles present', { ...SUMMARY, roles: ['wethouder', 'burgemeester'] }, { roles: ['wethouder'] }],
    ['a contact in need of attention without an id', { ...SUMMARY, needsAttention: [{ name: 'x' }] }, { needsAttention: [] }],
    ['a NaN count', { ...SUMMARY, contactCount: Number.NaN }, { contactCount: 0 }],
    ['an infinite activity time', { ...SUMMARY, lastActivityAt: Number.POSITIVE_INFINITY }, { lastActivityAt: null }],
    ['no name (the code stands in)', { ...SUMMARY, name: null }, { name: 'GM0193' }],
    [
      'a next meeting without a time',
      { ...SUMMARY, nextMeeting: { id: 'meeting:x', title: 'Overleg', start: 'morgen' } },
      { nextMeeting: null },
    ],
    [
      'a next meeting whose title is not text',
      { ...SUMMARY, nextMeeting: { id: 'meeting:x', title: 7, start: 1, allDay: false } },
      { nextMeeting: { id: 'meeting:x', title: '', start: 1, allDay: false } },
    ],
  ])('repairs a municipality summary with %s', (_what, record, expected) => {
    const { result, tally } = repaired(repairMunicipalitySummary, record);
    expect(result).toMatchObject(expected);
    expect(tally).toEqual({ repaired: 1, skipped: 0 });
  });

  it('sets aside a summary without a municipality code', () => {
    expect(repaired(repairMunicipalitySummary, { ...SUMMARY, code: 'Zwolle' }).tally).toEqual({ repaired: 0, skipped: 1 });
  });

  it('reads a reader status it cannot read as "not recognised", never as "all read"', () => {
    const { result } = repaired(repairReaderStatus, {
      id: 'gmail:list',
      host: 'gmail',
      view: 'list',
      status: 'great',
      itemsSeen: 3,
      itemsRead: 3,
      problems: { 'no-date': 'x' },
      at: 1,
    });
    expect(result).toMatchObject({ status: 'unrecognised', problems: {} });
  });

  it('repairs a message with an unparsable time (kept unknown) and sets aside one whose direction is unknown', () => {
    expect(repaired(repairMessage, { ...MESSAGE, at: Number.NaN }).result).toMatchObject({ at: null, atRaw: MESSAGE.atRaw });
    expect(repaired(repairMessage, { ...MESSAGE, direction: 'sideways' }).result).toBeNull();
  });

  it('reads evidence as codes: a line still stored as text is kept as legacy text, a broken one dropped', () => {
    const tag = {
      id: 'user:address:a@zwolle.nl:role',
      subjectType: 'address',
      subjectId: 'a@zwolle.nl',
      dimension: 'role',
      value: 'wethouder',
      source: 'user',
      confidence: 1,
      updatedAt: 1,
    };
    const good = { code: 'signature-role', values: { role: 'wethouder' } };
    expect(repaired(repairTag, { ...tag, evidence: [good] })).toEqual({
      result: { ...tag, evidence: [good] },
      tally: { repaired: 0, skipped: 0 },
    });
    const { result, tally } = repaired(repairTag, {
      ...tag,
      evidence: [good, 'handtekening: wethouder', { code: 3 }, { code: 'x', values: { a: {} } }],
    });
    expect(result?.evidence).toEqual([good, { code: 'legacy', values: { text: 'handtekening: wethouder' } }]);
    expect(tally).toEqual({ repaired: 1, skipped: 0 });
  });

  it('reads a rejection counter whose code this build does not know as its text', () => {
    const counter = { reason: 'store-failed', code: 'store-failed', count: 2, lastAt: 1 };
    expect(repaired(repairRejection, counter).result).toEqual(counter);
    const { result, tally } = repaired(repairRejection, { reason: 'future-code x=1', code: 'future-code', count: 2, lastAt: 1 });
    expect(result).toMatchObject({ code: 'legacy', values: { text: 'future-code x=1' }, count: 2 });
    expect(tally).toEqual({ repaired: 1, skipped: 0 });
  });

  it('reads the tab context the side panel follows, or nothing', () => {
    const context = {
      host: 'gmail',
      view: 'conversation',
      threadKey: 'gmail:thread-f:1',
      subject: 'Wijkaanpak',
      participants: [{ address: 'a@zwolle.nl', name: 'A' }, 'B', { name: 3 }],
      account: null,
      at: 1,
    };
    const { result, tally } = repaired(repairTabContext, context);
    expect(result?.participants).toEqual([{ address: 'a@zwolle.nl', name: 'A' }]);
    expect(tally).toEqual({ repaired: 1, skipped: 0 });
    expect(repaired(repairTabContext, { host: 'hotmail' }).result).toBeNull();
  });

  it('sets aside a record whose guard throws (a getter that throws), and goes on with the others', () => {
    const hostile = Object.defineProperty({ ...CONTACT }, 'name', {
      get() {
        throw new Error('boom');
      },
    });
    const tally = emptyTally();
    expect(repairAll([hostile, CONTACT], repairContact, tally)).toEqual([CONTACT]);
    expect(tally).toEqual({ repaired: 0, skipped: 1 });
  });

  it('reads the popup snapshot in extension storage, whatever is in it', () => {
    expect(popupDataFromSnapshot('garbage', NOW)).toBeNull();
    expect(popupDataFromSnapshot({ at: 1, municipalities: 'none' }, NOW)).toBeNull();
    const data = popupDataFromSnapshot(
      { at: 1, municipalities: [SUMMARY, { code: 7 }, { ...SUMMARY, code: 'GM0363', threadCount: -1 }] },
      NOW,
    );
    expect(data?.municipalities.map((summary) => summary.code).sort()).toEqual(['GM0193', 'GM0363']);
    expect(data?.integrity).toEqual({ repaired: 1, skipped: 1 });
  });
});

describe('read models on a store with damaged records', () => {
  let db: GemeenteradarDb;
  withFreshDb((fresh) => (db = fresh));

  const writeRaw = (table: string, records: unknown[]) => writeRawRecords(db, table, records);

  it('the popup reads every good summary, repairs what it can and counts the rest', async () => {
    await writeRaw('summaries', [
      SUMMARY,
      { ...SUMMARY, code: 'GM0363', name: 'Amsterdam', keyContacts: [{ ...SUMMARY.keyContacts[0], role: 'schepen' }] },
      { code: 'GM0599', name: 'Rotterdam' },
      { code: 'not-a-code' },
    ]);
    await writeRaw('readerStatus', [
      { id: 'gmail:list', host: 'gmail', view: 'list', status: 'ok', itemsSeen: Number.NaN, itemsRead: 1, problems: {}, at: 1 },
    ]);
    const data = await loadPopupData(db, NOW);
    expect(data.municipalities.map((summary) => summary.code).sort()).toEqual(['GM0193', 'GM0363', 'GM0599']);
    expect(data.municipalities.find((summary) => summary.code === 'GM0363')?.keyContacts[0]?.role).toBe('onbekend');
    expect(data.integrity).toEqual({ repaired: 3, skipped: 1 });
  });

  it('the detail view and the timeline read the good records and count the others', async () => {
    await writeRaw('contacts', [
      CONTACT,
      { ...contactRecord({ id: 'c:j@zwolle.nl', name: 'Jan' }), addresses: undefined, role: 'schepen' },
      { ...contactRecord({ id: 'c:k@zwolle.nl', name: 'Kim' }), kind: 42 },
    ]);
    await writeRaw('threads', [threadRecord({ id: 'gmail:thread-f:1', subject: 'Wijkaanpak', lastMessageAt: Number.NaN })]);
    await writeRaw('messages', [
      MESSAGE,
      { ...MESSAGE, id: 'gmail:msg-f:2', at: 'gisteren' },
      { ...MESSAGE, id: 'gmail:msg-f:3', direction: null },
    ]);
    const detail = await loadMunicipalityDetail(db, 'GM0193');
    expect(detail.contacts.map((contact) => [contact.id, contact.role, contact.addresses])).toEqual([
      [CONTACT.id, 'wethouder', CONTACT.addresses],
      ['c:j@zwolle.nl', 'onbekend', []],
    ]);
    expect(detail.threads).toMatchObject([{ id: 'gmail:thread-f:1', lastMessageAt: null }]);
    expect(detail.integrity).toEqual({ repaired: 2, skipped: 1 });
    const tally = emptyTally();
    const timeline = await loadTimeline(db, [CONTACT.id], 50, tally);
    expect(timeline.map((item) => [item.id, item.at])).toEqual([
      ['gmail:msg-f:1', MESSAGE.at],
      ['gmail:msg-f:2', null],
    ]);
    expect(tally).toEqual({ repaired: 1, skipped: 1 });
  });

  it('the side panel shows every participant it can read, a damaged one without breaking the others', async () => {
    await writeRaw('contacts', [
      CONTACT,
      { ...contactRecord({ id: 'c:j@zwolle.nl', name: 'Jan' }), name: null, lastSeenAt: Number.NaN },
    ]);
    await writeRaw('latency', [{ contactId: CONTACT.id, status: 'slow', role: 'burgemeester', workingDaysWaiting: -1 }]);
    const data = await loadConversation(db, {
      threadKey: null,
      participants: [
        { address: 'p.snijders@zwolle.nl', name: 'Peter Snijders' },
        { address: 'j@zwolle.nl', name: 'Jan' },
      ],
    });
    expect(data.participants.map((view) => view.status)).toEqual(['known', 'known']);
    expect(data.integrity).toEqual({ repaired: 1, skipped: 0 });
    const peter = data.participants[0]!;
    expect(peter.status === 'known' && peter.detail.latency).toMatchObject({ role: 'onbekend', workingDaysWaiting: null });
    expect(peter.status === 'known' && peter.detail.integrity).toEqual({ repaired: 1, skipped: 0 });
  });
});
