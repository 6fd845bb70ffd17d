/**
 * Calendar meetings, step 1: what the store holds that the plan needs (inside the write
 * transaction): the stored meetings under the batch's keys, the stakeholders its addresses name,
 * the stakeholders by name when an attendee shows no address (Outlook), the user's own mailboxes.
 */
import type { MeetingInput } from '../../messaging/observations';
import { mailboxOf } from '../../vocabulary/address';
import { normaliseName } from '../../vocabulary/text-folding';
import type { GemeenteradarDb } from '../db';
import type { Contact, Meeting } from '../schemas';
import { movableRangeOf, shownSpanOf } from './moves';
import { matchKeyOf, type MeetingContext } from './plan';

/** Every key a batch's meetings can be found under: their own, cross and match keys. */
export function lookupKeysOf(input: MeetingInput): string[] {
  const keys = new Set<string>();
  for (const meeting of input.meetings) {
    keys.add(meeting.meetingKey);
    for (const key of meeting.crossKeys) keys.add(key);
    if (meeting.start !== null) keys.add(matchKeyOf(meeting.start, meeting.title));
  }
  return [...keys];
}

/** The context from records as read (pure: the plan's tests build it from records). */
export function meetingContextOf({
  meetings,
  contacts,
  ownAddresses,
  movable = [],
}: {
  meetings: readonly Meeting[];
  contacts: readonly Contact[];
  ownAddresses: readonly string[];
  movable?: readonly Meeting[];
}): MeetingContext {
  const bySourceKey = new Map<string, Meeting>();
  for (const meeting of meetings) for (const key of meeting.sourceKeys) bySourceKey.set(key, meeting);
  const stakeholderByMailbox = new Map<string, Contact>();
  const stakeholdersByName = new Map<string, Contact[]>();
  for (const contact of contacts) {
    if (contact.kind !== 'stakeholder') continue;
    for (const address of contact.addresses) stakeholderByMailbox.set(mailboxOf(address), contact);
    const name = normaliseName(contact.name);
    if (name === '') continue;
    const named = stakeholdersByName.get(name) ?? [];
    if (!named.some((known) => known.id === contact.id)) named.push(contact);
    stakeholdersByName.set(name, named);
  }
  return {
    bySourceKey,
    stakeholderByMailbox,
    stakeholdersByName,
    ownMailboxes: new Set(ownAddresses.map(mailboxOf)),
    movable,
  };
}

export async function readMeetingContext(db: GemeenteradarDb, input: MeetingInput): Promise<MeetingContext> {
  const attendees = input.meetings.flatMap((meeting) => meeting.attendees);
  const mailboxes = [...new Set(attendees.flatMap((attendee) => (attendee.address ? [mailboxOf(attendee.address)] : [])))];
  const byName = attendees.some((attendee) => attendee.address === null && attendee.name.trim() !== '');
  const [meetings, addressed, named, accounts] = await Promise.all([
    db.meetings.where('sourceKeys').anyOf(lookupKeysOf(input)).distinct().toArray(),
    mailboxes.length ? db.contacts.where('mailboxes').anyOf(mailboxes).toArray() : [],
    // Outlook shows names only: every stakeholder's name is a candidate
    byName ? db.contacts.where('kind').equals('stakeholder').toArray() : [],
    db.accounts.toArray(),
  ]);
  const ownAddresses = [...accounts.map((account) => account.address), ...(input.account ? [input.account] : [])];
  const movable = await readMovable(db, input, named);
  return meetingContextOf({ meetings, contacts: [...addressed, ...named], ownAddresses, movable });
}

/**
 * For an Outlook batch: the stored meetings of the stakeholders its attendee names fit, around
 * the span it shows, where a meeting that moved may come from (moves.ts). Read by contact (an
 * index), kept only near the span.
 */
async function readMovable(db: GemeenteradarDb, input: MeetingInput, named: readonly Contact[]): Promise<Meeting[]> {
  const span = shownSpanOf(input);
  if (!span || named.length === 0) return [];
  const names = new Set(input.meetings.flatMap((meeting) => meeting.attendees.map((attendee) => normaliseName(attendee.name))));
  const ids = named.filter((contact) => names.has(normaliseName(contact.name))).map((contact) => contact.id);
  if (ids.length === 0) return [];
  const range = movableRangeOf(span);
  const meetings = await db.meetings.where('contactIds').anyOf(ids).distinct().toArray();
  return meetings.filter((meeting) => meeting.start !== null && meeting.start >= range.start && meeting.start <= range.end);
}
