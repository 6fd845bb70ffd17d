/**
 * The side panel beside a calendar tab, without the UI: what the background keeps of the event a
 * calendar tab has open (calendar-tab-context.ts), how the panel checks it, and what the read
 * model makes of it with the store (calendar-event.ts): guests by address, Outlook's names as the
 * store matched them, a name several contacts fit listed with its candidates, never chosen.
 */
import { describe, expect, it } from 'vitest';
import { calendarContextFromBatch, type CalendarTabContext } from '@/lib/messaging/calendar-tab-context';
import { loadCalendarEvent } from '@/lib/read-models/calendar-event';
import { emptyTally, repairCalendarTabContext, repairOne } from '@/lib/read-models/record-guards';
import { ingestMeetings } from '@/lib/store/calendar';
import { settleMeetingName } from '@/lib/store/calendar/settle-name';
import type { GemeenteradarDb } from '@/lib/store/db';
import { withFreshDb } from '../fixtures/fresh-db';
import { ACCOUNT, guest, meeting, meetingBatch, T0 } from '../fixtures/observations';
import { contactRecord } from '../fixtures/records';

const peter = contactRecord({ id: 'c:p.snijders@zwolle.nl', name: 'Peter Snijders' });
const anna = contactRecord({ id: 'c:a.bakker@zwolle.nl', name: 'Anna Bakker' });
const annaToo = contactRecord({ id: 'c:anna.bakker@kampen.nl', name: 'Anna Bakker' });
const colleague = contactRecord({ id: 'c:joost@buurtkracht.nl', name: 'Joost', kind: 'colleague' });

const googleEvent = meeting({
  meetingKey: 'gcal:abc123',
  attendees: [
    guest('Sanne', ACCOUNT, { organiser: true }),
    guest('Peter Snijders', 'p.snijders@zwolle.nl'),
    guest('Joost', 'joost@buurtkracht.nl', { response: 'declined' }),
    guest('Onbekende Gast', 'gast@example.org', { response: 'needs-action' }),
  ],
});
const outlookEvent = meeting({
  meetingKey: 'outlook-cal:9f2c',
  idSource: 'derived',
  attendees: [guest('Peter Snijders', null, { response: 'tentative' }), guest('Anna Bakker', null), guest('Iemand', null)],
});

describe('the open event of a calendar tab', () => {
  it('is the batch meeting under openMeetingKey, without the user', () => {
    const batch = meetingBatch({ meetings: [meeting({ meetingKey: 'gcal:other' }), googleEvent], openMeetingKey: 'gcal:abc123' });
    const context = calendarContextFromBatch(batch, T0)!;
    expect(context).toMatchObject({ source: 'gcal', meetingKey: 'gcal:abc123', title: 'Partneroverleg', start: T0 });
    expect(context.attendees.map((attendee) => attendee.address)).toEqual([
      'p.snijders@zwolle.nl',
      'joost@buurtkracht.nl',
      'gast@example.org',
    ]);
  });

  it.each([
    ['no event open', undefined],
    ['an open key the batch does not hold', 'gcal:gone'],
  ])('is null with %s', (_label, openMeetingKey) => {
    expect(calendarContextFromBatch(meetingBatch({ meetings: [googleEvent], openMeetingKey }), T0)).toBeNull();
  });

  it('is checked before the panel shows it: a damaged one is none, a bad answer becomes unknown', () => {
    const context = calendarContextFromBatch(meetingBatch({ meetings: [googleEvent], openMeetingKey: 'gcal:abc123' }), T0)!;
    const tally = emptyTally();
    expect(repairOne({ ...context, source: 'mail' }, repairCalendarTabContext, tally)).toBeNull();
    expect(repairOne({ ...context, meetingKey: 7 }, repairCalendarTabContext, tally)).toBeNull();
    const repaired = repairOne(
      { ...context, attendees: [{ name: 'X', address: null, response: 'maybe' }, 'junk'] },
      repairCalendarTabContext,
      tally,
    );
    expect(repaired?.attendees).toEqual([{ name: 'X', address: null, response: 'unknown' }]);
  });
});

describe('the people of the open event, from the store', () => {
  let db: GemeenteradarDb;
  withFreshDb((fresh) => (db = fresh));
  const contextOf = (batch: ReturnType<typeof meetingBatch>): CalendarTabContext => calendarContextFromBatch(batch, T0)!;

  it('Google: guests by address, each with the answer the page showed; unknown guests as shown', async () => {
    await db.contacts.bulkPut([peter, anna, colleague]);
    const batch = meetingBatch({ meetings: [googleEvent], openMeetingKey: 'gcal:abc123' });
    await ingestMeetings(db, batch, T0);
    const data = await loadCalendarEvent(db, contextOf(batch));
    expect(data.meeting?.contactIds).toEqual([peter.id]);
    expect(data.conversation.participants.map((view) => [view.participant.address, view.status])).toEqual([
      ['p.snijders@zwolle.nl', 'known'],
      ['joost@buurtkracht.nl', 'not-stakeholder'],
      ['gast@example.org', 'unknown'],
    ]);
    expect(Object.values(data.responses)).toEqual(['accepted', 'declined', 'needs-action']);
    expect(data.openNames).toEqual([]);
  });

  it('Outlook: a name matched to one contact shows that contact; a name several fit is listed, not chosen', async () => {
    await db.contacts.bulkPut([peter, anna, annaToo]);
    const batch = meetingBatch({ source: 'outlook-cal', meetings: [outlookEvent], openMeetingKey: 'outlook-cal:9f2c' });
    await ingestMeetings(db, batch, T0);
    const data = await loadCalendarEvent(db, contextOf(batch));
    expect(data.conversation.participants.map((view) => [view.participant.name, view.participant.address, view.status])).toEqual([
      ['Peter Snijders', 'p.snijders@zwolle.nl', 'known'],
      ['Iemand', null, 'unknown'],
    ]);
    expect(Object.values(data.responses)).toEqual(['tentative']);
    expect(data.openNames).toEqual([
      {
        name: 'Anna Bakker',
        candidates: [
          { id: anna.id, name: 'Anna Bakker', address: 'a.bakker@zwolle.nl' },
          { id: annaToo.id, name: 'Anna Bakker', address: 'anna.bakker@kampen.nl' },
        ],
      },
    ]);
  });

  it('an event the store did not keep (nobody followed on it) shows its people all the same', async () => {
    const batch = meetingBatch({ meetings: [googleEvent], openMeetingKey: 'gcal:abc123' });
    const data = await loadCalendarEvent(db, contextOf(batch));
    expect(data.meeting).toBeNull();
    expect(data.conversation.participants).toHaveLength(3);
  });
});

describe('settling a name several contacts fit', () => {
  let db: GemeenteradarDb;
  withFreshDb((fresh) => (db = fresh));
  const batch = meetingBatch({ source: 'outlook-cal', meetings: [outlookEvent], openMeetingKey: 'outlook-cal:9f2c' });

  it('the chosen contact joins the meeting with the evidence that the user chose; seen again, it stays settled', async () => {
    await db.contacts.bulkPut([peter, anna, annaToo]);
    await ingestMeetings(db, batch, T0);
    const [stored] = await db.meetings.toArray();
    expect(stored!.openNames).toHaveLength(1);

    expect(await settleMeetingName(db, { meetingId: stored!.id, name: 'Anna Bakker', contactId: annaToo.id }, T0 + 1)).toEqual([
      annaToo.id,
    ]);
    const settled = (await db.meetings.get(stored!.id))!;
    expect(settled.contactIds).toEqual([peter.id, annaToo.id]);
    expect(settled.openNames).toBeUndefined();
    expect(settled.evidence).toContainEqual({ code: 'meeting-attendee-chosen', values: { name: 'Anna Bakker' } });

    // the calendar shows the meeting again: the name stays settled, the choice kept
    await ingestMeetings(db, batch, T0 + 2);
    const again = (await db.meetings.get(stored!.id))!;
    expect(again.contactIds).toEqual([peter.id, annaToo.id]);
    expect(again.openNames).toBeUndefined();
    const data = await loadCalendarEvent(db, calendarContextFromBatch(batch, T0)!);
    expect(data.openNames).toEqual([]);
    expect(data.conversation.participants.map((view) => view.participant.address)).toEqual([
      'p.snijders@zwolle.nl',
      'anna.bakker@kampen.nl',
      null,
    ]);
  });

  it.each([
    ['a contact that was no candidate', 'Anna Bakker', peter.id],
    ['a name that is not open', 'Peter Snijders', peter.id],
  ])('refuses %s and changes nothing', async (_label, name, contactId) => {
    await db.contacts.bulkPut([peter, anna, annaToo]);
    await ingestMeetings(db, batch, T0);
    const [stored] = await db.meetings.toArray();
    await expect(settleMeetingName(db, { meetingId: stored!.id, name, contactId }, T0 + 1)).rejects.toThrow();
    expect(await db.meetings.get(stored!.id)).toEqual(stored);
  });
});
