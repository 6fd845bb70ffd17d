/**
 * The one contract between content scripts (readers) and the background.
 *
 * Content scripts import only the *types* from this file (zod stays out of their bundle, they
 * must stay small); the background validates every incoming batch with the schemas before it
 * touches the store. Every reader (Gmail, Outlook, calendars) produces these same shapes.
 */
import { z } from 'zod';
import { isValidAddress, MAX_ADDRESS_LENGTH } from '../vocabulary/address';
import { MAIL_HOSTS } from '../vocabulary/hosts';

/** Lower-case e-mail address (the rule: lib/vocabulary/address.ts); readers normalise before sending. */
export const AddressSchema = z
  .string()
  .max(MAX_ADDRESS_LENGTH)
  .refine(isValidAddress, 'not an e-mail address')
  .refine((value) => value === value.toLowerCase(), 'address must be lower-case');

/** A person as shown by the webmail: display name, and the address where the markup has it. */
export const ParticipantSchema = z.object({
  address: AddressSchema.nullable(),
  name: z.string().max(300),
});
export type Participant = z.infer<typeof ParticipantSchema>;

/** Where a key came from: the app's own id attributes, or derived by us from visible content. */
export const IdSourceSchema = z.enum(['app', 'derived']);

/** A time seen on the page: epoch ms when we could determine it, and the raw text we saw. */
const TimeFields = {
  /** ms since epoch, null when the page shows no time we could parse (then never guessed). */
  at: z.number().int().min(0).max(8.64e15).nullable(),
  /** the localized text or title we read it from, kept for display and later re-parsing. */
  atRaw: z.string().max(200).nullable(),
};

/** One row of a message list (a conversation as shown in the list). */
export const ThreadObservationSchema = z.object({
  /** Host-prefixed stable key, e.g. `gmail:thread-f:1849...` or `outlook:conv:AAQk...`. */
  threadKey: z.string().min(3).max(300),
  idSource: IdSourceSchema,
  subject: z.string().max(1000),
  snippet: z.string().max(2000),
  participants: z.array(ParticipantSchema).max(100),
  /** time of the latest message in the conversation */
  ...TimeFields,
  unread: z.boolean(),
  messageCount: z.number().int().positive().nullable(),
});
export type ThreadObservation = z.infer<typeof ThreadObservationSchema>;

/** One message of an opened conversation, expanded or collapsed. */
export const MessageObservationSchema = z.object({
  /** Host-prefixed stable key, e.g. `gmail:msg-f:1849...`. */
  messageKey: z.string().min(3).max(300),
  threadKey: z.string().min(3).max(300),
  idSource: IdSourceSchema,
  subject: z.string().max(1000),
  from: ParticipantSchema,
  to: z.array(ParticipantSchema).max(200),
  cc: z.array(ParticipantSchema).max(200),
  ...TimeFields,
  expanded: z.boolean(),
  /** Plain text: the visible body start (expanded) or the snippet (collapsed); never HTML. */
  excerpt: z.string().max(2000),
  /** Plain text of the signature block where the markup marks one. */
  signature: z.string().max(1000).nullable(),
});
export type MessageObservation = z.infer<typeof MessageObservationSchema>;

/** Problems a reader can report; counted, shown in the popup, never stored as data. */
export const READER_PROBLEMS = [
  'no-participants',
  'no-id',
  'no-date',
  'unparsable-date',
  'no-sender',
  'no-address',
  'unknown-markup',
  // more recipients than a message observation holds (200): the rest are not read
  'too-many-recipients',
] as const;
export type ReaderProblem = (typeof READER_PROBLEMS)[number];

export const ReaderHealthSchema = z.object({
  /** what the visible view is */
  view: z.enum(['list', 'conversation', 'other']),
  /** ok: everything read; partial: some items skipped or degraded; unrecognised: markup we don't know */
  status: z.enum(['ok', 'partial', 'unrecognised']),
  itemsSeen: z.number().int().min(0),
  itemsRead: z.number().int().min(0),
  problems: z.partialRecord(z.enum(READER_PROBLEMS), z.number().int().min(0)),
});
export type ReaderHealth = z.infer<typeof ReaderHealthSchema>;

export const ObservationBatchSchema = z.object({
  host: z.enum(MAIL_HOSTS),
  /** the signed-in mailbox address, when the page tells us; decides sent vs received */
  account: AddressSchema.nullable(),
  observedAt: z.number().int().min(0),
  threads: z.array(ThreadObservationSchema).max(1000),
  messages: z.array(MessageObservationSchema).max(1000),
  health: ReaderHealthSchema,
});
export type ObservationBatch = z.infer<typeof ObservationBatchSchema>;

// ---------------------------------------------------------------------------------------------
// Imported mail (mbox, .eml; lib/import): what a message's own headers add. The webmail readers
// never see headers, so all of it lives in one optional object beside the reader fields.

/** A Message-ID as mail carries it, without angle brackets. */
const MessageIdSchema = z.string().min(1).max(998);

export const MailHeaderFactsSchema = z.object({
  /** the Message-ID, normalised (lib/import/thread-keys.ts normaliseMessageId) */
  messageId: MessageIdSchema.nullable(),
  inReplyTo: MessageIdSchema.nullable(),
  /** References, oldest first: the root and the latest ones when there are many */
  references: z.array(MessageIdSchema).max(20),
  /** Auto-Submitted / X-Autoreply: 'auto-replied' makes out-of-office detection exact */
  autoSubmitted: z.enum(['auto-replied', 'auto-generated']).nullable(),
  /** Gmail's message id from a Takeout "From " line (decimal), for matching the Gmail reader's messages */
  gmailMessageId: z
    .string()
    .regex(/^\d{1,20}$/)
    .nullable(),
  /** X-Gmail-Labels (Takeout): "Inbox", "Sent", "Important", user labels */
  labels: z.array(z.string().max(200)).max(50),
});
export type MailHeaderFacts = z.infer<typeof MailHeaderFactsSchema>;

/** A message read from an imported mailbox: the reader shape plus its header facts. */
export const ImportedMessageObservationSchema = MessageObservationSchema.extend({
  mail: MailHeaderFactsSchema.optional(),
});
export type ImportedMessageObservation = z.infer<typeof ImportedMessageObservationSchema>;

// ------------------------------------------------------------------------------------------
// Calendars: Google Calendar, Outlook calendar and .ics files (a meeting counts as a touch)

/** Where a meeting observation comes from; also the prefix of its key. */
export const CALENDAR_SOURCES = ['gcal', 'outlook-cal', 'ics'] as const;
export type CalendarSource = (typeof CALENDAR_SOURCES)[number];

/** A guest's answer as the source states it; 'unknown' when the source shows none. */
export const MEETING_RESPONSES = ['accepted', 'declined', 'tentative', 'needs-action', 'unknown'] as const;
export const MeetingResponseSchema = z.enum(MEETING_RESPONSES);
export type MeetingResponse = z.infer<typeof MeetingResponseSchema>;

/**
 * A guest or the organiser. Outlook's calendar shows names only (address null): matching a name
 * to a known contact is the store's work, with evidence, an ambiguous name kept open.
 */
export const MeetingAttendeeSchema = z.object({
  name: z.string().max(300),
  address: AddressSchema.nullable(),
  response: MeetingResponseSchema,
  organiser: z.boolean(),
});
export type MeetingAttendee = z.infer<typeof MeetingAttendeeSchema>;

/** A moment of a meeting: epoch ms when determined (never guessed), else null. */
const MeetingMomentSchema = z.number().int().min(0).max(8.64e15).nullable();
/** The text a moment was read from, kept for display and re-parsing (as `atRaw` for mail). */
const MeetingMomentRawSchema = z.string().max(200).nullable();

/**
 * One meeting (one occurrence of a series) as a calendar shows it or an .ics file holds it.
 *
 * Keys, stable across reads:
 * - `gcal:<decoded event id>`: Google's own id; a recurring instance's id ends `_<instant>`
 *   (`_20261006T130000Z`, all-day `_20261006`), so every instance has its own key (idSource 'app');
 * - `outlook-cal:<hash>` derived from subject and start: Outlook's markup has no event id
 *   (idSource 'derived');
 * - `ics:<UID>` or `ics:<UID>#<RECURRENCE-ID in UTC>` for an occurrence of a series (idSource 'app').
 *
 * `crossKeys`: keys under which another source knows the same meeting, where that follows from
 * a documented id scheme: an .ics event with UID `<id>@google.com` (made in Google Calendar) is
 * the Google event `<id>` (Calendar API: iCalUID = id + "@google.com" for Google's own events;
 * instances share the UID, ids add `_<instant>`). Never derived from titles or times.
 */
export const MeetingObservationSchema = z.object({
  meetingKey: z.string().min(3).max(1200),
  idSource: IdSourceSchema,
  /** the iCalendar UID, where the source states it (.ics files); null otherwise */
  uid: z.string().max(1000).nullable(),
  crossKeys: z.array(z.string().min(3).max(1200)).max(4),
  title: z.string().max(1000),
  start: MeetingMomentSchema,
  startRaw: MeetingMomentRawSchema,
  /** exclusive end */
  end: MeetingMomentSchema,
  endRaw: MeetingMomentRawSchema,
  /** all-day: start and end are midnights in the reader's time zone, end exclusive */
  allDay: z.boolean(),
  location: z.string().max(1000).nullable(),
  /** the organiser (flag set) and the guests, as far as the source shows them */
  attendees: z.array(MeetingAttendeeSchema).max(1000),
  /** the number of guests the source states when it does not list them all; null when not shown */
  attendeeCount: z.number().int().min(0).nullable(),
  /** the signed-in user's own answer, where shown */
  ownResponse: MeetingResponseSchema.nullable(),
  /** Outlook's free/busy ("show as"), where shown */
  showAs: z.enum(['busy', 'tentative', 'free', 'oof', 'elsewhere']).nullable(),
  /** 'confirmed' unless the source marks the event tentative or cancelled */
  status: z.enum(['confirmed', 'tentative', 'cancelled']),
  /** one occurrence of a series (or an exception to one) */
  recurring: z.boolean(),
});
export type MeetingObservation = z.infer<typeof MeetingObservationSchema>;

/** Problems of a calendar reader: those of the mail readers and a calendar's own. */
export const CALENDAR_READER_PROBLEMS = [
  ...READER_PROBLEMS,
  /** a label part that is neither time, date, response, location nor known word: kept out, counted */
  'unclassified-segment',
  /** Google's datekey and the label's date disagree: the label's date is not used */
  'datekey-mismatch',
] as const;
export type CalendarReaderProblem = (typeof CALENDAR_READER_PROBLEMS)[number];

export const CalendarReaderHealthSchema = z.object({
  /** a calendar view (day, week, month, agenda), an opened event (dialog, card, full view), other */
  view: z.enum(['calendar', 'event', 'other']),
  status: z.enum(['ok', 'partial', 'unrecognised']),
  itemsSeen: z.number().int().min(0),
  itemsRead: z.number().int().min(0),
  problems: z.partialRecord(z.enum(CALENDAR_READER_PROBLEMS), z.number().int().min(0)),
});
export type CalendarReaderHealth = z.infer<typeof CalendarReaderHealthSchema>;

/** What a calendar content script sends: one look at one calendar page. */
export const MeetingBatchSchema = z.object({
  source: z.enum(['gcal', 'outlook-cal']),
  account: AddressSchema.nullable(),
  observedAt: z.number().int().min(0),
  meetings: z.array(MeetingObservationSchema).max(2000),
  health: CalendarReaderHealthSchema,
  /** the meeting open in the page's dialog or card (its meetingKey), for the side panel beside it */
  openMeetingKey: z.string().min(1).max(1200).nullable().optional(),
});
export type MeetingBatch = z.infer<typeof MeetingBatchSchema>;

/** The most meetings one .ics file sends: stored in one transaction (never half a file). */
export const MAX_IMPORTED_MEETINGS = 20_000;

/** What the .ics import page sends for one file: its meetings (lib/import/ics.ts), in one batch. */
export const ImportedMeetingBatchSchema = z.object({
  source: z.literal('ics'),
  observedAt: z.number().int().min(0),
  meetings: z.array(MeetingObservationSchema).max(MAX_IMPORTED_MEETINGS),
});
export type ImportedMeetingBatch = z.infer<typeof ImportedMeetingBatchSchema>;

/** Either way in for meetings, as the store takes them (lib/store/calendar). */
export type MeetingInput = Pick<MeetingBatch, 'observedAt' | 'meetings'> & { source: CalendarSource; account: string | null };
