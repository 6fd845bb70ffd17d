/**
 * Calendar meetings, step 2: the plan. Pure (no Dexie): what the meetings table should hold after
 * a batch of meeting observations from Google Calendar, Outlook's calendar or an .ics file.
 *
 * One meeting, one record, whichever sources know it:
 * - by key: the observation's own key and its cross keys (an .ics UID `<id>@google.com` is the
 *   Google event `<id>`) are source keys of the record; a second source with a corresponding id
 *   finds the record under them;
 * - otherwise by what the meeting is: the same start and title (folded, a "Canceled:" prefix off)
 *   and participants that agree (a contact in common, or one side showing none). That is a
 *   `match:` source key, replaced when the meeting moves. Never across two records of one source:
 *   those are two events (a source keeps one key per event).
 * A moved meeting (same key, another time; for Outlook, whose key is its subject and start, the
 * rule in moves.ts) updates its record; a cancelled one, or one the user
 * declined, keeps its record with status 'cancelled' and stops counting (lib/store/latency.ts).
 * An .ics file's cancellation of a meeting that was never stored (STATUS:CANCELLED for an event
 * we never saw) stores nothing: it is received, and that is all.
 *
 * Attendees become contacts: by address (any spelling of a known stakeholder's mailbox), and,
 * for Outlook's names without addresses, by name when exactly one known stakeholder has that
 * name (evidence: the name). A name that fits several is left open on the record with its
 * candidates, never guessed. The user and people who are no stakeholder are not counted; nor is
 * a guest who declined. A meeting with no stakeholder (and no open name) is not kept.
 */
import type { CalendarSource, MeetingAttendee, MeetingInput, MeetingObservation } from '../../messaging/observations';
import { evidence } from '../../vocabulary/evidence';
import { mailboxOf } from '../../vocabulary/address';
import { normaliseName } from '../../vocabulary/text-folding';
import type { Contact, Meeting } from '../schemas';
import { meetingIdForSource } from '../ingest/meetings';
import { foldedTitle, movedMeetingOf, shownSpanOf, withoutOldOutlookKeys, type ShownSpan } from './moves';

/** Why an observed meeting is not kept. */
export const MEETING_DROP_REASONS = ['no-time', 'no-stakeholder'] as const;
export type MeetingDropReason = (typeof MEETING_DROP_REASONS)[number];

export const MATCH_KEY_PREFIX = 'match:';

/** What the store holds that a batch's plan depends on (read by context.ts). */
export interface MeetingContext {
  /** stored meetings under each of their source keys */
  bySourceKey: ReadonlyMap<string, Meeting>;
  /** stakeholder contacts under the mailbox of each of their addresses */
  stakeholderByMailbox: ReadonlyMap<string, Contact>;
  /** stakeholder contacts by normalised name (read only when an attendee has no address) */
  stakeholdersByName: ReadonlyMap<string, readonly Contact[]>;
  /** the user's own mailboxes: never an attendee to count */
  ownMailboxes: ReadonlySet<string>;
  /** for an Outlook batch: stored meetings of its stakeholders around its span, where a moved one may come from (moves.ts) */
  movable: readonly Meeting[];
}

export interface MeetingIngestSummary {
  /** observations received */
  received: number;
  /** meetings stored new */
  added: number;
  /** stored meetings updated (another source, a move, a cancellation, new guests) */
  updated: number;
  /** of those kept: cancelled or declined (stored, counting nothing) */
  cancelled: number;
  dropped: Record<MeetingDropReason, number>;
  /** attendee names left open (several known contacts fit) */
  openNames: number;
}

export interface MeetingPlan {
  put: Meeting[];
  deleteIds: string[];
  /** contacts of the meetings before and after: their latency needs recomputing */
  contactIds: string[];
  summary: MeetingIngestSummary;
}

const MAX_SOURCE_KEYS = 20;
const MAX_CONTACTS = 200;
const MAX_EVIDENCE = 10;
const MAX_OPEN_NAMES = 50;

export const emptyMeetingSummary = (): MeetingIngestSummary => ({
  received: 0,
  added: 0,
  updated: 0,
  cancelled: 0,
  dropped: { 'no-time': 0, 'no-stakeholder': 0 },
  openNames: 0,
});

/** The key under which a meeting is found by what it is: its start and folded title. */
export function matchKeyOf(start: number, title: string): string {
  return `${MATCH_KEY_PREFIX}${start}|${foldedTitle(title)}`;
}

const sourcePrefixOf = (source: CalendarSource) => `${source}:`;

interface Attendees {
  /** stakeholders attending (not declined) */
  contactIds: string[];
  /** stakeholders who declined: taken off the meeting */
  declinedIds: string[];
  openNames: NonNullable<Meeting['openNames']>;
  /** names matched to one contact: the evidence */
  byName: string[];
}

function resolveAttendee(attendee: MeetingAttendee, context: MeetingContext, into: Attendees): void {
  if (attendee.address !== null) {
    const mailbox = mailboxOf(attendee.address);
    if (context.ownMailboxes.has(mailbox)) return;
    const contact = context.stakeholderByMailbox.get(mailbox);
    if (contact) (attendee.response === 'declined' ? into.declinedIds : into.contactIds).push(contact.id);
    return;
  }
  const name = normaliseName(attendee.name);
  if (name === '') return;
  const candidates = context.stakeholdersByName.get(name) ?? [];
  if (candidates.length === 1) {
    (attendee.response === 'declined' ? into.declinedIds : into.contactIds).push(candidates[0]!.id);
    into.byName.push(attendee.name.slice(0, 300));
  } else if (candidates.length > 1) {
    into.openNames.push({
      name: attendee.name.slice(0, 300),
      candidateIds: candidates.slice(0, 10).map((contact) => contact.id),
    });
  }
}

export function resolveAttendees(attendees: readonly MeetingAttendee[], context: MeetingContext): Attendees {
  const resolved: Attendees = { contactIds: [], declinedIds: [], openNames: [], byName: [] };
  for (const attendee of attendees) resolveAttendee(attendee, context, resolved);
  resolved.contactIds = [...new Set(resolved.contactIds)];
  return resolved;
}

const sharesContact = (meeting: Meeting, contactIds: readonly string[]) =>
  meeting.contactIds.length === 0 || contactIds.length === 0 || contactIds.some((id) => meeting.contactIds.includes(id));

/**
 * The stored records this observation is: those under its keys first (more than one when two
 * sources were stored apart before a key linked them: merged), else the one its start and title
 * find with participants that agree, of no record its own source already keyed.
 */
function storedOf(
  observation: MeetingObservation,
  source: CalendarSource,
  contactIds: readonly string[],
  known: ReadonlyMap<string, Meeting>,
): Meeting[] {
  const byKey = new Map<string, Meeting>();
  for (const key of [observation.meetingKey, ...observation.crossKeys]) {
    const meeting = known.get(key);
    if (meeting) byKey.set(meeting.id, meeting);
  }
  if (byKey.size > 0 || observation.start === null) return [...byKey.values()];
  const candidate = known.get(matchKeyOf(observation.start, observation.title));
  if (!candidate || candidate.status === 'agreed') return [];
  const ownSource = candidate.sourceKeys.some((key) => key.startsWith(sourcePrefixOf(source)));
  return !ownSource && sharesContact(candidate, contactIds) ? [candidate] : [];
}

function unique<T>(values: Iterable<T>, max: number): T[] {
  return [...new Set(values)].slice(0, max);
}

function evidenceOf(
  source: CalendarSource,
  before: readonly Meeting[],
  attendees: Attendees,
  declined: boolean,
): Meeting['evidence'] {
  const kept = before.flatMap((meeting) => meeting.evidence).filter((item) => item.code === 'meeting-calendar');
  const sources = unique([...kept.map((item) => String(item.values?.source)), source], 3);
  return [
    ...sources.map((name) => evidence('meeting-calendar', { source: name })),
    ...(declined ? [evidence('meeting-declined')] : []),
    ...unique(attendees.byName, MAX_EVIDENCE).map((name) => evidence('meeting-attendee-by-name', { name })),
  ].slice(0, MAX_EVIDENCE);
}

/** The record an observation makes, merged with the stored records it is. */
function meetingOf(
  observation: MeetingObservation & { start: number },
  source: CalendarSource,
  before: readonly Meeting[],
  attendees: Attendees,
  now: number,
): Meeting {
  const first = before[0];
  const declined = observation.ownResponse === 'declined';
  const storedKeys = before.flatMap((meeting) => meeting.sourceKeys).filter((key) => !key.startsWith(MATCH_KEY_PREFIX));
  const storedContacts = before.flatMap((meeting) => meeting.contactIds).filter((id) => !attendees.declinedIds.includes(id));
  // a name one of the meeting's contacts answers (found, or chosen by the user) is not open
  const answered = [...storedContacts, ...attendees.contactIds];
  const openNames = attendees.openNames.filter((open) => !open.candidateIds.some((id) => answered.includes(id)));
  return {
    id: first?.id ?? meetingIdForSource(observation.meetingKey),
    sourceKeys: unique([...storedKeys, observation.meetingKey, ...observation.crossKeys], MAX_SOURCE_KEYS - 1).concat(
      matchKeyOf(observation.start, observation.title),
    ),
    threadId: first?.threadId ?? null,
    title: observation.title,
    start: observation.start,
    end: observation.end,
    allDay: observation.allDay,
    contactIds: unique([...storedContacts, ...attendees.contactIds], MAX_CONTACTS),
    status: declined ? 'cancelled' : observation.status,
    evidence: evidenceOf(source, before, attendees, declined),
    location: observation.location,
    ...(openNames.length > 0 ? { openNames: openNames.slice(0, MAX_OPEN_NAMES) } : {}),
    updatedAt: now,
  };
}

/** The stored Outlook meeting a new one is, moved to another time (moves.ts), or null. */
function movedFrom(
  observation: MeetingObservation,
  contactIds: readonly string[],
  context: MeetingContext,
  span: ShownSpan,
  taken: ReadonlyMap<string, Meeting>,
): Meeting | null {
  if (observation.start === null || context.movable.length === 0) return null;
  return movedMeetingOf({ ...observation, start: observation.start }, contactIds, context.movable, span, taken);
}

const cancels = (observation: MeetingObservation) => observation.status === 'cancelled' || observation.ownResponse === 'declined';

const unchanged = (stored: Meeting, planned: Meeting) =>
  JSON.stringify({ ...stored, updatedAt: 0 }) === JSON.stringify({ ...planned, updatedAt: 0 });

/** Puts a planned record under its keys (and takes the merged ones out), for the batch's next observations. */
function remember(known: Map<string, Meeting>, meeting: Meeting, before: readonly Meeting[]): void {
  for (const old of before) for (const key of old.sourceKeys) if (known.get(key) === old) known.delete(key);
  for (const key of meeting.sourceKeys) known.set(key, meeting);
}

export function planMeetingIngest(context: MeetingContext, input: MeetingInput, now: number): MeetingPlan {
  const summary = emptyMeetingSummary();
  const known = new Map(context.bySourceKey);
  const put = new Map<string, Meeting>();
  const deleteIds = new Set<string>();
  const contactIds = new Set<string>();
  const span = shownSpanOf(input);
  for (const observation of input.meetings) {
    summary.received++;
    if (observation.start === null) {
      summary.dropped['no-time']++;
      continue;
    }
    const attendees = resolveAttendees(observation.attendees, context);
    let before = storedOf(observation, input.source, attendees.contactIds, known);
    const moved = span && before.length === 0 ? movedFrom(observation, attendees.contactIds, context, span, put) : null;
    if (moved) before = [moved];
    // a file's cancellation (or the user's decline) of a meeting never stored: nothing to stop
    // counting (a calendar page's cancelled event is kept: the user saw it there)
    if (before.length === 0 && input.source === 'ics' && cancels(observation)) continue;
    if (before.length === 0 && attendees.contactIds.length === 0 && attendees.openNames.length === 0) {
      summary.dropped['no-stakeholder']++;
      continue;
    }
    const planned = meetingOf({ ...observation, start: observation.start }, input.source, before, attendees, now);
    const meeting = moved ? withoutOldOutlookKeys(planned, moved, observation) : planned;
    // seen again as stored: nothing to write, nobody to recompute
    if (before.length === 1 && unchanged(before[0]!, meeting)) continue;
    remember(known, meeting, before);
    for (const old of before.slice(1)) {
      put.delete(old.id);
      deleteIds.add(old.id);
    }
    put.set(meeting.id, meeting);
    deleteIds.delete(meeting.id);
    for (const id of [...before.flatMap((old) => old.contactIds), ...meeting.contactIds]) contactIds.add(id);
    summary[before.length > 0 ? 'updated' : 'added']++;
    if (meeting.status === 'cancelled') summary.cancelled++;
    summary.openNames += meeting.openNames?.length ?? 0;
  }
  return { put: [...put.values()], deleteIds: [...deleteIds], contactIds: [...contactIds], summary };
}
