/**
 * Meetings from calendars through the background: the `meetings` message from a calendar page
 * and `import-meetings` from the .ics page, into the meetings table, and a passed meeting
 * resetting the clock of the contacts attending.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Owes } from '@/lib/background/owed-work';
import { createMessageHandler } from '@/lib/messaging/background-handler';
import { loadMeetingMoments } from '@/lib/read-models/meetings';
import { loadTimeline } from '@/lib/read-models/timeline';
import { ingestMeetings } from '@/lib/store/calendar';
import { decideMeeting } from '@/lib/store/decisions';
import type { GemeenteradarDb } from '@/lib/store/db';
import { createIngestQueue } from '@/lib/store/ingest-queue';
import { recomputeLatency } from '@/lib/store/latency';
import { withFreshDb } from '../fixtures/fresh-db';
import { guest, meeting, meetingBatch, T0 } from '../fixtures/observations';
import { contactRecord, messageRecord } from '../fixtures/records';

const EXTENSION_ID = 'abcdefghijklmnopabcdefghijklmnop';
const DAY = 86_400_000;
const peter = contactRecord({ id: 'c:p.snijders@zwolle.nl', name: 'Peter Snijders', role: 'wethouder' });
const withPeter = meeting({
  meetingKey: 'gcal:abc123',
  start: T0 - DAY,
  attendees: [guest('Peter Snijders', 'p.snijders@zwolle.nl')],
});

let db: GemeenteradarDb;
let owed: Owes[];
let handle: ReturnType<typeof createMessageHandler>;
withFreshDb((fresh) => (db = fresh));
beforeEach(async () => {
  owed = [];
  handle = createMessageHandler({
    db,
    queue: createIngestQueue(db),
    extensionId: EXTENSION_ID,
    afterWrite: (owes) => void owed.push(owes),
    now: () => T0,
  });
  await db.contacts.put(peter);
});

describe('the meetings message', () => {
  it.each([
    ['Google Calendar', 'gcal', 'https://calendar.google.com/calendar/u/1/r/week/2026/11/2'],
    ["Outlook's calendar", 'outlook-cal', 'https://outlook.office.com/calendar/view/workweek'],
  ] as const)(
    'from %s: stores the meeting and its reader status, and owes the latency of its contacts',
    async (_label, source, url) => {
      const reply = await handle(
        { type: 'meetings', batch: meetingBatch({ source, meetings: [withPeter] }) },
        { id: EXTENSION_ID, url, tab: { id: 3 } },
      );
      expect(reply).toEqual({ ok: true });
      expect(await db.meetings.count()).toBe(1);
      expect(await db.readerStatus.get(`${source}:calendar`)).toMatchObject({ status: 'ok', itemsRead: 1 });
      expect(owed).toEqual([{ contactIds: [peter.id], summaries: true }]);
    },
  );

  it.each([
    ['Gmail', 'https://mail.google.com/mail/u/0/#inbox', 'gcal'],
    ["Outlook's mail", 'https://outlook.office.com/mail/inbox', 'outlook-cal'],
    ['Google Calendar speaking for Outlook', 'https://calendar.google.com/calendar/u/0/r', 'outlook-cal'],
  ] as const)('refuses a batch from %s', async (_label, url, source) => {
    const reply = await handle(
      { type: 'meetings', batch: meetingBatch({ source, meetings: [withPeter] }) },
      { id: EXTENSION_ID, url, tab: { id: 3 } },
    );
    expect(reply.ok).toBe(false);
    expect(await db.meetings.count()).toBe(0);
  });

  it('records an unreadable view without storing anything', async () => {
    const health = {
      view: 'calendar' as const,
      status: 'unrecognised' as const,
      itemsSeen: 0,
      itemsRead: 0,
      problems: { 'unknown-markup': 1 },
    };
    const url = 'https://calendar.google.com/calendar/u/0/r/week';
    await handle({ type: 'meetings', batch: meetingBatch({ meetings: [], health }) }, { id: EXTENSION_ID, url, tab: { id: 3 } });
    expect(await db.readerStatus.get('gcal:calendar')).toMatchObject({ status: 'unrecognised' });
    expect(owed).toEqual([{}]);
  });
});

describe('the import-meetings message', () => {
  const ics = {
    type: 'import-meetings',
    batch: { source: 'ics', observedAt: T0, meetings: [withPeter, meeting({ meetingKey: 'ics:other' })] },
  };

  it('from the import page: stores the meetings with stakeholders and says what became of each', async () => {
    const reply = await handle(ics, { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/ics-import.html` });
    expect(reply).toMatchObject({ ok: true, meetings: { received: 2, added: 1, dropped: { 'no-stakeholder': 1 } } });
    expect(await db.meetings.count()).toBe(1);
    expect(owed[0]).toMatchObject({ contactIds: [peter.id] });
  });

  it('not from a content script', async () => {
    const reply = await handle(ics, { id: EXTENSION_ID, url: 'https://calendar.google.com/calendar/u/0/r', tab: { id: 3 } });
    expect(reply.ok).toBe(false);
    expect(await db.meetings.count()).toBe(0);
  });
});

/** Sanne asked Peter something 20 days ago: one attempt, until something answers it. */
const asked = messageRecord({
  id: 'gmail:msg-f:1',
  threadId: 'gmail:thread-f:1',
  direction: 'out',
  fromAddress: 'sanne@buurtkracht.nl',
  toAddresses: [peter.addresses[0]!],
  contactIds: [peter.id],
  at: T0 - 20 * DAY,
  subject: 'Voorstel',
  intent: { value: 'asking', evidence: [] },
});

describe('a meeting as a touch', () => {
  it.each([
    ['a passed meeting resets the clock', withPeter, 'meeting', 0],
    ['a planned one does not', { ...withPeter, start: T0 + DAY, end: T0 + DAY + 3_600_000 }, null, 1],
    ['a cancelled one does not', { ...withPeter, status: 'cancelled' as const }, null, 1],
    ['one the user declined does not', { ...withPeter, ownResponse: 'declined' as const }, null, 1],
  ])('%s', async (_label, observed, lastResponseKind, attempts) => {
    await db.messages.put(asked);
    await ingestMeetings(db, { source: 'gcal', account: null, observedAt: T0, meetings: [observed] }, T0);
    await recomputeLatency(db, { now: T0, contactIds: [peter.id] });
    const latency = await db.latency.get(peter.id);
    expect(latency).toMatchObject({ lastResponseKind, attemptsSinceLastResponse: attempts });
  });
});

describe('a meeting cancelled after it counted', () => {
  it('no longer resets the clock: the attempt before it counts again', async () => {
    await db.messages.put(asked);
    const latencyAfter = async (observed: typeof withPeter) => {
      await ingestMeetings(db, { source: 'gcal', account: null, observedAt: T0, meetings: [observed] }, T0);
      await recomputeLatency(db, { now: T0, contactIds: [peter.id] });
      return db.latency.get(peter.id);
    };
    expect(await latencyAfter(withPeter)).toMatchObject({ lastResponseKind: 'meeting', attemptsSinceLastResponse: 0 });
    expect(await latencyAfter({ ...withPeter, status: 'cancelled' })).toMatchObject({
      lastResponseKind: null,
      attemptsSinceLastResponse: 1,
    });
    expect(await db.meetings.count()).toBe(1);
  });
});

describe('an Outlook meeting moved, through the store', () => {
  it('reads the stakeholders’ meetings around the week shown and moves the one record', async () => {
    const byName = { attendees: [guest('Peter Snijders', null)] };
    const outlook = (meetings: ReturnType<typeof meeting>[]) =>
      ingestMeetings(db, { source: 'outlook-cal', account: null, observedAt: T0, meetings }, T0);
    await outlook([meeting({ meetingKey: 'outlook-cal:tue', idSource: 'derived', ...byName })]);
    const [before] = await db.meetings.toArray();
    const monday = meeting({ meetingKey: 'outlook-cal:mon', title: 'Teamoverleg', start: T0 - DAY });
    await outlook([monday, meeting({ meetingKey: 'outlook-cal:thu', idSource: 'derived', start: T0 + 2 * DAY, ...byName })]);
    const after = await db.meetings.toArray();
    expect(after).toEqual([expect.objectContaining({ id: before!.id, start: T0 + 2 * DAY, contactIds: [peter.id] })]);
    expect(after[0]!.sourceKeys).not.toContain('outlook-cal:tue');
  });
});

describe('meetings for the pages', () => {
  it('last and next meeting of a contact, as the model counts them, and the meetings in the timeline', async () => {
    const planned = meeting({ meetingKey: 'gcal:next', start: T0 + 2 * DAY, attendees: withPeter.attendees });
    const cancelled = meeting({ meetingKey: 'gcal:off', start: T0 + DAY, status: 'cancelled', attendees: withPeter.attendees });
    const older = meeting({ meetingKey: 'gcal:old', title: 'Kennismaking', start: T0 - 9 * DAY, attendees: withPeter.attendees });
    await ingestMeetings(
      db,
      { source: 'gcal', account: null, observedAt: T0, meetings: [withPeter, planned, cancelled, older] },
      T0,
    );
    const moments = await loadMeetingMoments(db, [peter.id], T0);
    expect(moments.last?.id).toBe('meeting:gcal:abc123');
    expect(moments.next?.id).toBe('meeting:gcal:next');
    // "ging niet door": the one before counts
    await decideMeeting(db, { meetingId: 'meeting:gcal:abc123', happened: false }, T0);
    expect((await loadMeetingMoments(db, [peter.id], T0)).last?.title).toBe('Kennismaking');
    const timeline = await loadTimeline(db, [peter.id]);
    // cancelled by the calendar, or the user's "ging niet door"
    expect(timeline.map((item) => [item.kind, item.id, item.meeting?.cancelled, item.meeting?.didNotHappen])).toEqual([
      ['meeting', 'meeting:gcal:next', false, false],
      ['meeting', 'meeting:gcal:off', true, false],
      ['meeting', 'meeting:gcal:abc123', false, true],
      ['meeting', 'meeting:gcal:old', false, false],
    ]);
  });
});
