/**
 * The calendar meetings plan, without Dexie: one meeting from Google Calendar, Outlook and an
 * .ics file is one record; moved meetings update, cancelled and declined ones stop counting;
 * attendees become contacts by address, or by a name that fits one known stakeholder.
 */
import { describe, expect, it } from 'vitest';
import type { MeetingInput, MeetingObservation } from '@/lib/messaging/observations';
import { matchKeyOf, meetingContextOf, planMeetingIngest, type MeetingPlan } from '@/lib/store/calendar';
import { MeetingSchema, type Contact, type Meeting } from '@/lib/store/schemas';
import { ACCOUNT, guest, meeting, T0 } from '../fixtures/observations';
import { contactRecord } from '../fixtures/records';

const HOUR = 3_600_000;
const peter = contactRecord({ id: 'c:p.snijders@zwolle.nl', name: 'Peter Snijders' });
const anna = contactRecord({ id: 'c:a.bakker@zwolle.nl', name: 'Anna Bakker' });
const annaToo = contactRecord({ id: 'c:anna.bakker@kampen.nl', name: 'Anna Bakker' });
const colleague = contactRecord({ id: 'c:joost@buurtkracht.nl', name: 'Joost', kind: 'colleague' });
const CONTACTS: Contact[] = [peter, anna, colleague];

/** `movable`: what the store reads for an Outlook batch (its stakeholders' meetings around its span). */
function plan(
  stored: readonly Meeting[],
  meetings: MeetingObservation[],
  source: MeetingInput['source'] = 'gcal',
  contacts = CONTACTS,
  movable: readonly Meeting[] = [],
): MeetingPlan {
  const context = meetingContextOf({ meetings: stored, contacts, ownAddresses: [ACCOUNT], movable });
  return planMeetingIngest(context, { source, account: source === 'ics' ? null : ACCOUNT, observedAt: T0, meetings }, T0);
}

/** The table after a plan. */
function applied(stored: readonly Meeting[], result: MeetingPlan): Meeting[] {
  const byId = new Map(stored.map((record) => [record.id, record]));
  for (const id of result.deleteIds) byId.delete(id);
  for (const record of result.put) byId.set(record.id, record);
  return [...byId.values()];
}

/** Feeds each source's observations in turn; returns the table. */
function feed(...steps: Array<[MeetingInput['source'], MeetingObservation[]]>): Meeting[] {
  return steps.reduce<Meeting[]>((stored, [source, meetings]) => applied(stored, plan(stored, meetings, source)), []);
}

const withPeter = { attendees: [guest('Sanne', ACCOUNT, { organiser: true }), guest('Peter Snijders', 'p.snijders@zwolle.nl')] };
const fromGoogle = meeting({ meetingKey: 'gcal:abc123', ...withPeter });
const fromIcs = meeting({
  meetingKey: 'ics:abc123@google.com',
  idSource: 'app',
  uid: 'abc123@google.com',
  crossKeys: ['gcal:abc123'],
  ...withPeter,
});
const fromOutlook = meeting({ meetingKey: 'outlook-cal:9f2c', idSource: 'derived', attendees: [guest('Peter Snijders', null)] });

describe('calendar meetings plan: one meeting, one record', () => {
  it.each([
    [
      'Google, then .ics (UID <id>@google.com)',
      [
        ['gcal', [fromGoogle]],
        ['ics', [fromIcs]],
      ],
    ],
    [
      '.ics, then Google',
      [
        ['ics', [fromIcs]],
        ['gcal', [fromGoogle]],
      ],
    ],
    [
      'Google, Outlook (names only), .ics',
      [
        ['gcal', [fromGoogle]],
        ['outlook-cal', [fromOutlook]],
        ['ics', [fromIcs]],
      ],
    ],
    [
      'Outlook, .ics, Google',
      [
        ['outlook-cal', [fromOutlook]],
        ['ics', [fromIcs]],
        ['gcal', [fromGoogle]],
      ],
    ],
  ] as const)('%s: one record with every source key, valid by the store schema', (_label, steps) => {
    const table = feed(...(steps as unknown as Array<[MeetingInput['source'], MeetingObservation[]]>));
    expect(table).toHaveLength(1);
    const [record] = table;
    expect(MeetingSchema.safeParse(record).success).toBe(true);
    expect(record!.contactIds).toEqual([peter.id]);
    const sources = new Set(steps.map(([source]) => source));
    for (const source of sources) expect(record!.sourceKeys.some((key) => key.startsWith(`${source}:`))).toBe(true);
    expect(record!.sourceKeys.filter((key) => key.startsWith('match:'))).toEqual([matchKeyOf(T0, 'Partneroverleg')]);
  });

  it('keeps two events of one source with the same title and time apart', () => {
    const table = feed(['gcal', [fromGoogle, meeting({ meetingKey: 'gcal:other', ...withPeter })]]);
    expect(table).toHaveLength(2);
  });

  it('does not take a meeting with the same title and time but other people for the same one', () => {
    const withAnna = meeting({ meetingKey: 'outlook-cal:1', idSource: 'derived', attendees: [guest('Anna Bakker', null)] });
    expect(feed(['gcal', [fromGoogle]], ['outlook-cal', [withAnna]])).toHaveLength(2);
  });

  it('reads a "Canceled:" title prefix as the same title', () => {
    const cancelled = { ...fromOutlook, title: 'Canceled: Partneroverleg', status: 'cancelled' as const };
    const table = feed(['gcal', [fromGoogle]], ['outlook-cal', [cancelled]]);
    expect(table).toHaveLength(1);
    expect(table[0]!.status).toBe('cancelled');
  });

  it('merges two stored records once a key links them, and deletes the other', () => {
    const ics = { ...fromIcs, title: 'Partneroverleg (verzet)', start: T0 + HOUR, crossKeys: [] };
    const stored = feed(['gcal', [fromGoogle]], ['ics', [ics]]);
    expect(stored).toHaveLength(2);
    const result = plan(stored, [{ ...ics, crossKeys: ['gcal:abc123'] }], 'ics');
    expect(result.deleteIds).toHaveLength(1);
    const table = applied(stored, result);
    expect(table).toHaveLength(1);
    expect(table[0]!.sourceKeys).toEqual(expect.arrayContaining(['gcal:abc123', 'ics:abc123@google.com']));
  });
});

describe('calendar meetings plan: changes', () => {
  it('a moved meeting updates its record: new time, its match key replaced', () => {
    const stored = feed(['gcal', [fromGoogle]]);
    const moved = plan(stored, [{ ...fromGoogle, start: T0 + 24 * HOUR, end: T0 + 25 * HOUR }]);
    expect(moved.summary).toMatchObject({ added: 0, updated: 1 });
    const [record] = applied(stored, moved);
    expect(record).toMatchObject({ id: stored[0]!.id, start: T0 + 24 * HOUR });
    expect(record!.sourceKeys.filter((key) => key.startsWith('match:'))).toEqual([matchKeyOf(T0 + 24 * HOUR, 'Partneroverleg')]);
    expect(moved.contactIds).toEqual([peter.id]);
  });

  it.each([
    ['cancelled by the calendar', { status: 'cancelled' as const }, []],
    ['declined by the user', { ownResponse: 'declined' as const }, ['meeting-declined']],
  ])('a meeting %s is kept as cancelled and its contacts recomputed', (_label, change, codes) => {
    const stored = feed(['gcal', [fromGoogle]]);
    const result = plan(stored, [{ ...fromGoogle, ...change }]);
    expect(result.put[0]!.status).toBe('cancelled');
    expect(result.summary.cancelled).toBe(1);
    expect(result.contactIds).toEqual([peter.id]);
    for (const code of codes) expect(result.put[0]!.evidence.map((item) => item.code)).toContain(code);
  });

  it('an .ics file exported again with the event cancelled cancels the meeting the first import stored', () => {
    const stored = feed(['ics', [fromIcs]]);
    const result = plan(stored, [{ ...fromIcs, status: 'cancelled' }], 'ics');
    expect(result.summary).toMatchObject({ updated: 1, cancelled: 1 });
    expect(applied(stored, result)).toEqual([expect.objectContaining({ id: stored[0]!.id, status: 'cancelled' })]);
    expect(result.contactIds).toEqual([peter.id]);
  });

  it("an .ics file's cancellation of a meeting never stored stores nothing", () => {
    const result = plan(
      [],
      [
        { ...fromIcs, status: 'cancelled' },
        { ...fromIcs, meetingKey: 'ics:other', ownResponse: 'declined' },
      ],
      'ics',
    );
    expect(result.put).toEqual([]);
    expect(result.summary).toMatchObject({ received: 2, added: 0, updated: 0, cancelled: 0 });
  });

  it('an .ics event moved (same UID, another DTSTART) moves its record', () => {
    const stored = feed(['ics', [fromIcs]]);
    const result = plan(stored, [{ ...fromIcs, start: T0 + 48 * HOUR, end: T0 + 49 * HOUR }], 'ics');
    expect(applied(stored, result)).toEqual([expect.objectContaining({ id: stored[0]!.id, start: T0 + 48 * HOUR })]);
  });

  it('a guest who declines is taken off the meeting', () => {
    const stored = feed(['gcal', [fromGoogle]]);
    const declined = { ...fromGoogle, attendees: [guest('Peter Snijders', 'p.snijders@zwolle.nl', { response: 'declined' })] };
    const result = plan(stored, [declined]);
    expect(result.put[0]!.contactIds).toEqual([]);
    expect(result.contactIds).toEqual([peter.id]);
  });

  it('the same meeting seen again as stored writes nothing', () => {
    const stored = feed(['gcal', [fromGoogle]]);
    const result = plan(stored, [fromGoogle]);
    expect(result.put).toEqual([]);
    expect(result.contactIds).toEqual([]);
  });
});

describe('calendar meetings plan: an Outlook meeting moved (its key is its subject and start)', () => {
  const DAY = 24 * HOUR;
  const stored = feed(['outlook-cal', [fromOutlook]]);
  const movedTo = (start: number) => ({ ...fromOutlook, meetingKey: `outlook-cal:moved-${start}`, start, end: start + HOUR });
  /** another meeting of the week shown beside it: the page's span reaches back to before the old time */
  const monday = meeting({ meetingKey: 'outlook-cal:monday', title: 'Teamoverleg', start: T0 - DAY });
  const mark = contactRecord({ id: 'c:m.devries@zwolle.nl', name: 'Mark de Vries' });

  it.each<[string, MeetingObservation[], Meeting[], boolean]>([
    ['two days later in the week shown: one record, moved, its old key gone', [monday, movedTo(T0 + 2 * DAY)], stored, true],
    ['the old time still shows the meeting: a second event', [monday, fromOutlook, movedTo(T0 + 2 * DAY)], stored, false],
    ['the page does not show the old time (only the card of the new one): not guessed', [movedTo(T0 + 2 * DAY)], stored, false],
    ['more than a week apart: not the same', [meeting({ ...monday, start: T0 - 9 * DAY }), movedTo(T0 + 8 * DAY)], stored, false],
    [
      'two stored meetings fit (a series): not guessed',
      [monday, movedTo(T0 + 2 * DAY)],
      feed(['outlook-cal', [fromOutlook, { ...fromOutlook, meetingKey: 'outlook-cal:9f2d', start: T0 + 3 * HOUR }]]),
      false,
    ],
    [
      'other people: not the same',
      [monday, { ...movedTo(T0 + 2 * DAY), attendees: [guest('Mark de Vries', null)] }],
      stored,
      false,
    ],
  ])('%s', (_label, batch, before, moves) => {
    const result = plan(before, batch, 'outlook-cal', [...CONTACTS, mark], before);
    const table = applied(before, result).filter((record) => record.title === 'Partneroverleg');
    if (moves) {
      expect(table).toEqual([expect.objectContaining({ id: stored[0]!.id, start: T0 + 2 * DAY, contactIds: [peter.id] })]);
      expect(table[0]!.sourceKeys).not.toContain(fromOutlook.meetingKey);
      expect(table[0]!.sourceKeys).toContain(`outlook-cal:moved-${T0 + 2 * DAY}`);
      expect(result.summary).toMatchObject({ added: 0, updated: 1 });
    } else {
      // the stored meeting stays where it was; the new one is a record of its own
      expect(table.filter((record) => record.start === T0)).toHaveLength(1);
      expect(table).toHaveLength(before.length + 1);
    }
  });

  it('a meeting moved away and back within one batch is not taken twice', () => {
    const result = plan(stored, [monday, movedTo(T0 + 2 * DAY), movedTo(T0 + 3 * DAY)], 'outlook-cal', CONTACTS, stored);
    expect(result.summary).toMatchObject({ added: 1, updated: 1 });
  });
});

describe('calendar meetings plan: attendees', () => {
  it.each([
    ['by address (another spelling of the mailbox)', guest('P. Snijders', 'P.Snijders@Zwolle.nl'.toLowerCase()), [peter.id], []],
    ['by a name one stakeholder has', guest('peter  snijders', null), [peter.id], []],
    [
      'not by a name several stakeholders have',
      guest('Anna Bakker', null),
      [],
      [{ name: 'Anna Bakker', candidateIds: [anna.id, annaToo.id] }],
    ],
    ['not the user', guest('Sanne', ACCOUNT), null, []],
    ['not a colleague (no stakeholder)', guest('Joost', 'joost@buurtkracht.nl'), null, []],
    ['not an unknown name', guest('Iemand Anders', null), null, []],
  ])('%s', (_label, attendee, contactIds, openNames) => {
    const result = plan([], [meeting({ meetingKey: 'outlook-cal:x', attendees: [attendee] })], 'outlook-cal', [
      ...CONTACTS,
      annaToo,
    ]);
    if (contactIds === null) {
      expect(result.put).toEqual([]);
      expect(result.summary.dropped['no-stakeholder']).toBe(1);
      return;
    }
    expect(result.put[0]!.contactIds).toEqual(contactIds);
    expect(result.put[0]!.openNames ?? []).toEqual(openNames);
    expect(result.summary.openNames).toBe(openNames.length);
  });

  it('a name matched to a contact is evidence on the meeting', () => {
    const result = plan([], [fromOutlook], 'outlook-cal');
    expect(result.put[0]!.evidence).toContainEqual({ code: 'meeting-attendee-by-name', values: { name: 'Peter Snijders' } });
    expect(result.put[0]!.evidence).toContainEqual({ code: 'meeting-calendar', values: { source: 'outlook-cal' } });
  });

  it('a meeting without a readable time is counted, not kept', () => {
    const result = plan([], [meeting({ meetingKey: 'gcal:t', start: null, startRaw: 'morgen ergens', ...withPeter })]);
    expect(result.put).toEqual([]);
    expect(result.summary.dropped['no-time']).toBe(1);
  });
});
