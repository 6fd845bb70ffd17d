/**
 * The side panel beside a calendar tab: the event the tab has open (lib/messaging/calendar-tab-
 * context.ts) and, per person on it, what the store knows, as the panel shows the people of an
 * open conversation (./side-panel.ts loadConversation: tags with evidence, latency status).
 *
 * People come from the page and from the stored meeting: a guest with an address is looked up by
 * it; Outlook shows names only, so the contacts the store matched by name (the meeting's
 * contactIds) are shown under their own address, and a name it could not settle (several known
 * contacts fit: `openNames`) is listed with its candidates, never guessed.
 */
import type { CalendarTabContext } from '../messaging/calendar-tab-context';
import type { MeetingResponse, Participant } from '../messaging/observations';
import { normaliseName } from '../vocabulary/text-folding';
import type { GemeenteradarDb } from '../store/db';
import type { Meeting } from '../store/schemas';
import { loadConversation, participantKey, type ConversationData } from './side-panel';

export interface OpenNameView {
  name: string;
  candidates: Array<{ id: string; name: string; address: string | null }>;
}

export interface CalendarEventData {
  /** the stored meeting, when the store kept it (it has a stakeholder) */
  meeting: Meeting | null;
  conversation: ConversationData;
  /** each shown person's answer to the invitation, by participant key, when the page showed it */
  responses: Record<string, MeetingResponse>;
  openNames: OpenNameView[];
}

async function storedMeeting(db: GemeenteradarDb, meetingKey: string): Promise<Meeting | null> {
  const found = await db.meetings.where('sourceKeys').equals(meetingKey).first();
  // a damaged record shows as none: the people on the page are shown all the same
  return found && Array.isArray(found.contactIds) ? found : null;
}

export async function loadCalendarEvent(db: GemeenteradarDb, context: CalendarTabContext): Promise<CalendarEventData> {
  const meeting = await storedMeeting(db, context.meetingKey);
  const open = meeting?.openNames ?? [];
  const matchedIds = meeting?.contactIds ?? [];
  const candidateIds = [...new Set(open.flatMap((item) => item.candidateIds))];
  const [matched, candidates] = await Promise.all([db.contacts.bulkGet(matchedIds), db.contacts.bulkGet(candidateIds)]);
  const participants: Participant[] = [];
  const responses: Record<string, MeetingResponse> = {};
  const addresses = new Set<string>();
  for (const attendee of context.attendees) {
    if (!attendee.address) continue;
    const participant = { name: attendee.name, address: attendee.address };
    addresses.add(attendee.address);
    participants.push(participant);
    responses[participantKey(participant)] = attendee.response;
  }
  // contacts the store matched by name (Outlook): under their own address, with the page's answer
  const matchedNames = new Set<string>();
  for (const contact of matched) {
    if (!contact || contact.addresses.some((address) => addresses.has(address))) continue;
    const participant = { name: contact.name, address: contact.addresses[0] ?? null };
    participants.push(participant);
    matchedNames.add(normaliseName(contact.name));
    const shown = context.attendees.find(
      (attendee) => !attendee.address && normaliseName(attendee.name) === normaliseName(contact.name),
    );
    if (shown) responses[participantKey(participant)] = shown.response;
  }
  const openNames = new Set(open.map((item) => normaliseName(item.name)));
  for (const attendee of context.attendees) {
    const name = normaliseName(attendee.name);
    if (attendee.address || matchedNames.has(name) || openNames.has(name)) continue;
    participants.push({ name: attendee.name, address: null }); // no address, no known contact: as the page shows it
  }
  const known = new Map(candidates.flatMap((contact) => (contact ? [[contact.id, contact] as const] : [])));
  return {
    meeting,
    conversation: await loadConversation(db, { threadKey: null, participants }),
    responses,
    openNames: open.map((item) => ({
      name: item.name,
      candidates: item.candidateIds.map((id) => ({
        id,
        name: known.get(id)?.name ?? id.replace(/^c:/, ''),
        address: known.get(id)?.addresses[0] ?? null,
      })),
    })),
  };
}
