/**
 * The store's side of warnings a user can trust, through IndexedDB: the user's decisions over the
 * rules ("geen antwoord nodig" / "wacht op antwoord" per mail or thread, a snooze, a meeting that
 * did not happen) win and survive a re-read of the page, undo lets the rule decide again; meetings
 * agreed in mail answer once passed; a neutral mail is judged by its whole thread, also when only
 * some contacts are recomputed.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { MessageObservation, ObservationBatch } from '@/lib/messaging/observations';
import { loadAttention } from '@/lib/store/attention';
import type { GemeenteradarDb } from '@/lib/store/db';
import { decideMeeting, decideReply, snoozeContact, SnoozeInThePastError } from '@/lib/store/decisions';
import { contactIdFor, ingestBatches } from '@/lib/store/ingest';
import { recomputeLatency } from '@/lib/store/latency';
import { UnknownSubjectError } from '@/lib/store/notes';
import { withFreshDb } from '../fixtures/fresh-db';
import { DAY, ME } from '../fixtures/inbox';
import { batch, message, person } from '../fixtures/observations';

const nov = (day: number, hour = 10) => new Date(2026, 10, day, hour).getTime();
const NOW = new Date(2026, 11, 3, 10).getTime();
const RUUD = person('Ruud Kamphuis', 'r.kamphuis@deventer.nl');
const RUUD_ID = contactIdFor(RUUD.address!);
const THREAD = 'gmail:thread-f:200';

let db: GemeenteradarDb;
withFreshDb((fresh) => (db = fresh));

const conversation = (messages: MessageObservation[]): ObservationBatch =>
  batch({
    messages,
    health: { view: 'conversation', status: 'ok', itemsSeen: messages.length, itemsRead: messages.length, problems: {} },
  });
const asked = (key: string, at: number, excerpt = 'Zou u tijd hebben voor een gesprek?') =>
  message({ messageKey: key, threadKey: THREAD, subject: 'Buurtbudget', from: ME, to: [RUUD], at, excerpt });
const status = async () => {
  await recomputeLatency(db, { now: NOW });
  return db.latency.get(RUUD_ID);
};

describe('decisions over whether a mail waits for an answer', () => {
  beforeEach(async () => {
    await ingestBatches(
      db,
      [conversation([asked('gmail:msg-f:1', nov(9)), asked('gmail:msg-f:2', nov(16)), asked('gmail:msg-f:3', nov(23))])],
      nov(23),
    );
  });

  it('counts a mail the user says needs no answer as none, through a re-read, until undone', async () => {
    expect(await status()).toMatchObject({ status: 'unresponsive', attemptsSinceLastResponse: 3 });
    expect(await decideReply(db, { subjectType: 'message', subjectId: 'gmail:msg-f:3', value: 'not-needed' }, NOW)).toEqual([
      RUUD_ID,
    ]);
    expect(await status()).toMatchObject({ status: 'unresponsive', attemptsSinceLastResponse: 2 });
    // the page is read again: the rule still says asking, the user's decision still wins
    await ingestBatches(db, [conversation([asked('gmail:msg-f:3', nov(23))])], NOW);
    expect((await db.messages.get('gmail:msg-f:3'))?.intent?.value).toBe('asking');
    expect(await status()).toMatchObject({ attemptsSinceLastResponse: 2 });
    await decideReply(db, { subjectType: 'message', subjectId: 'gmail:msg-f:3', value: null }, NOW);
    expect(await status()).toMatchObject({ attemptsSinceLastResponse: 3 });
  });

  it("applies a thread's decision to its outgoing mail, a mail's own decision first", async () => {
    await decideReply(db, { subjectType: 'thread', subjectId: THREAD, value: 'not-needed' }, NOW);
    expect(await status()).toMatchObject({ status: 'ok', attemptsSinceLastResponse: 0 });
    await decideReply(db, { subjectType: 'message', subjectId: 'gmail:msg-f:2', value: 'awaited' }, NOW);
    expect(await status()).toMatchObject({ attemptsSinceLastResponse: 1, waitingSince: nov(16) });
  });

  it('makes a closing mail wait when the user says so', async () => {
    await ingestBatches(db, [conversation([asked('gmail:msg-f:4', nov(30), 'Ter informatie: hierbij de brochure.')])], nov(30));
    await decideReply(db, { subjectType: 'thread', subjectId: THREAD, value: 'not-needed' }, NOW);
    await decideReply(db, { subjectType: 'message', subjectId: 'gmail:msg-f:4', value: 'awaited' }, NOW);
    expect(await status()).toMatchObject({ attemptsSinceLastResponse: 1, waitingSince: nov(30) });
  });

  it('refuses a decision about a mail or thread the store does not have', async () => {
    await expect(
      decideReply(db, { subjectType: 'message', subjectId: 'gmail:msg-f:404', value: 'awaited' }, NOW),
    ).rejects.toBeInstanceOf(UnknownSubjectError);
    expect(await db.decisions.count()).toBe(0);
  });
});

describe('snooze', () => {
  beforeEach(async () => {
    await ingestBatches(
      db,
      [conversation([asked('gmail:msg-f:1', nov(9)), asked('gmail:msg-f:2', nov(16)), asked('gmail:msg-f:3', nov(23))])],
      nov(23),
    );
  });

  it('keeps a snoozed contact out of the badge until the date, then wakes it up', async () => {
    await snoozeContact(db, { contactId: RUUD_ID, until: NOW + 7 * DAY }, NOW);
    expect(await status()).toMatchObject({ status: 'snoozed', snoozedUntil: NOW + 7 * DAY, attemptsSinceLastResponse: 3 });
    expect((await loadAttention(db, 5, NOW)).count).toBe(0);
    await recomputeLatency(db, { now: NOW + 8 * DAY });
    expect(await db.latency.get(RUUD_ID)).toMatchObject({ status: 'unresponsive' });
    expect((await loadAttention(db, 5, NOW + 8 * DAY)).count).toBe(1);
  });

  it('wakes a contact on request, and refuses a date in the past', async () => {
    await snoozeContact(db, { contactId: RUUD_ID, until: NOW + 7 * DAY }, NOW);
    await snoozeContact(db, { contactId: RUUD_ID, until: null }, NOW);
    expect(await status()).toMatchObject({ status: 'unresponsive' });
    await expect(snoozeContact(db, { contactId: RUUD_ID, until: NOW - DAY }, NOW)).rejects.toBeInstanceOf(SnoozeInThePastError);
    await expect(snoozeContact(db, { contactId: 'c:nobody@zwolle.nl', until: NOW + DAY }, NOW)).rejects.toBeInstanceOf(
      UnknownSubjectError,
    );
  });
});

describe('meetings agreed in mail', () => {
  const reply = message({
    messageKey: 'gmail:msg-f:2',
    threadKey: THREAD,
    subject: 'Buurtbudget',
    from: RUUD,
    to: [ME],
    at: nov(19, 8),
    excerpt: 'Goed idee. Dan zien we elkaar maandag 30 november om 11:00.',
  });

  it('counts the passed meeting as the answer to what was asked after it was agreed, unless it did not happen', async () => {
    await ingestBatches(
      db,
      [
        conversation([
          asked('gmail:msg-f:1', nov(18)),
          reply,
          asked('gmail:msg-f:3', nov(19, 9), 'Fijn, tot maandag! Wil je de cijfers meenemen?'),
        ]),
      ],
      nov(19),
    );
    expect(await status()).toMatchObject({ status: 'ok', lastResponseKind: 'meeting' });
    const [meeting] = await db.meetings.toArray();
    expect(await decideMeeting(db, { meetingId: meeting!.id, happened: false }, NOW)).toEqual([RUUD_ID]);
    expect(await status()).toMatchObject({ status: 'slow', attemptsSinceLastResponse: 1, waitingSince: nov(19, 9) });
    // read again: the meeting is found again, the user's word stands
    await ingestBatches(db, [conversation([reply])], NOW);
    expect(await status()).toMatchObject({ status: 'slow' });
    await decideMeeting(db, { meetingId: meeting!.id, happened: true }, NOW);
    expect(await status()).toMatchObject({ status: 'ok' });
  });
});

describe('a neutral mail is judged by its whole thread', () => {
  it('gives the same answer when only the contact is recomputed as when everyone is', async () => {
    const KARIM = person('Karim Amrani', 'k.amrani@samentilburg.nl');
    const TOM = person('Tom Peeters', 't.peeters@tilburg.nl');
    const TOM_ID = contactIdFor(TOM.address!);
    const thread = 'gmail:thread-f:300';
    await ingestBatches(
      db,
      [
        conversation([
          message({
            messageKey: 'gmail:msg-f:30',
            threadKey: thread,
            from: KARIM,
            to: [ME],
            cc: [TOM],
            at: nov(24),
            excerpt: 'Doen jullie mee met het buurtfeest?',
          }),
          message({
            messageKey: 'gmail:msg-f:31',
            threadKey: thread,
            from: ME,
            to: [KARIM, TOM],
            at: nov(24, 12),
            excerpt: 'Ja, we komen met twee mensen.',
          }),
        ]),
      ],
      nov(24),
    );
    await recomputeLatency(db, { now: NOW, contactIds: [TOM_ID] });
    const subset = await db.latency.get(TOM_ID);
    await recomputeLatency(db, { now: NOW });
    expect(await db.latency.get(TOM_ID)).toEqual(subset);
    expect(subset).toMatchObject({ status: 'ok', attemptsSinceLastResponse: 0 });
  });
});
