/**
 * zod schemas of every persisted shape. Every write to the store goes through these
 * (see `lib/store/db.ts`), so a bug upstream fails loudly instead of storing wrong data.
 */
import { z } from 'zod';

// Extension pages and the service worker forbid eval (CSP): zod must not try its JIT there.
z.config({ jitless: true });
import { MAIL_INTENTS } from '../classify/intent';
import { AddressSchema } from '../messaging/observations';
import { EVIDENCE_LINES_MAX, EVIDENCE_VALUE_MAX, NAME_MAX } from './limits';
import { MAIL_HOSTS } from '../vocabulary/hosts';
import { RECORD_HOSTS } from '../vocabulary/record-hosts';
import { REASON_CODES } from '../vocabulary/reasons';
import { CONTACT_KINDS, MUNICIPALITY_CODE_PATTERN, ORGANISATION_KINDS } from '../vocabulary/kinds';
import { ROLE_IDS, STAKEHOLDER_ROLES } from '../vocabulary/roles';
import { LATENCY_STATUSES } from '../vocabulary/statuses';

export const MunicipalityCodeSchema = z.string().regex(MUNICIPALITY_CODE_PATTERN, 'CBS code like GM0363');

/**
 * One reason shown to the user, as a code with values (lib/vocabulary/evidence.ts); the pages
 * render it in the user's language (lib/i18n/evidence.ts). Store v11 turned the Dutch sentences
 * stored before into these (unknown ones into `legacy`, keeping their text).
 */
export const EvidenceSchema = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'kebab-case evidence code')
    .max(60),
  values: z
    .record(z.string().max(40), z.union([z.string().max(EVIDENCE_VALUE_MAX), z.number()]))
    .refine((values) => Object.keys(values).length <= 12, 'at most 12 values')
    .optional(),
});
export const RoleIdSchema = z.enum(ROLE_IDS);

/** Why an address is not a stakeholder, or `stakeholder` when it is one (see CONTACT_KINDS). */
export const ContactKindSchema = z.enum(CONTACT_KINDS);
export type ContactKind = z.infer<typeof ContactKindSchema>;

export const TagSubjectTypeSchema = z.enum(['contact', 'thread', 'organisation', 'address', 'domain']);
/** `kind` only for corrections: whether a person is followed as a stakeholder (see ContactKindSchema) */
export const TagDimensionSchema = z.enum(['municipality', 'role', 'kind']);
export const TagSourceSchema = z.enum(['rule', 'user']);

/**
 * One tag assignment with its evidence. A `user` tag is a correction: rules never overwrite it.
 * id = `${source}:${subjectType}:${subjectId}:${dimension}` so a rule and a correction coexist.
 * Corrections are records of the `tags` table; a contact's rule tags live on the contact.
 */
export const TagSchema = z.object({
  id: z.string(),
  subjectType: TagSubjectTypeSchema,
  subjectId: z.string().min(1),
  dimension: TagDimensionSchema,
  /** a CBS code for `municipality` (or null: "none"), a role id for `role` */
  value: z.string().nullable(),
  source: TagSourceSchema,
  /** the reasons, e.g. { code: 'municipality-domain', values: { domain: 'zwolle.nl' } } */
  evidence: z.array(EvidenceSchema).max(EVIDENCE_LINES_MAX),
  confidence: z.number().min(0).max(1),
  updatedAt: z.number().int(),
});
export type Tag = z.infer<typeof TagSchema>;

/** A record of the `tags` table: a user's correction (a contact's rule tags live on the contact). */
export const StoredTagSchema = TagSchema.refine((tag) => tag.source === 'user', 'rule tags live on their contact, not in tags');

export const ContactSchema = z.object({
  /** `c:` + the first address we saw, or `c:name:` + a hash where no address was shown */
  id: z.string().min(3),
  name: z.string().max(NAME_MAX),
  /** every address of this one person (lower-case); indexed multi-entry */
  addresses: z.array(AddressSchema).max(50),
  /**
   * The mailboxes of those addresses (mailboxOf, lib/vocabulary/address.ts), derived by the store on every write;
   * the index that finds a contact by any spelling of an address.
   */
  mailboxes: z.array(z.string()).max(50).optional(),
  kind: ContactKindSchema,
  organisationId: z.string().nullable(),
  /** effective tags (user correction wins over rule); the evidence is in the deciding tag */
  municipalityCode: MunicipalityCodeSchema.nullable(),
  role: RoleIdSchema,
  /**
   * What the rules concluded, at most one tag per dimension, with evidence. Kept on the contact
   * (store v7) rather than as records of `tags`: ingest writes two records fewer per person.
   */
  ruleTags: z
    .array(TagSchema)
    .max(2)
    .refine(
      (tags) =>
        tags.every((tag) => tag.source === 'rule' && tag.subjectType === 'contact') &&
        new Set(tags.map((tag) => tag.dimension)).size === tags.length,
      'one rule tag of the contact per dimension',
    )
    .optional(),
  /**
   * Whom this person works for, when their own mail says so ("namens wethouder Vos": a
   * secretariaat of Vos), with the evidence. Absent when nothing said it.
   */
  worksFor: z.object({ contactId: z.string().min(3), evidence: z.array(EvidenceSchema).max(5) }).optional(),
  firstSeenAt: z.number().int().nullable(),
  lastSeenAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
});
export type Contact = z.infer<typeof ContactSchema>;

export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);
export type OrganisationKind = z.infer<typeof OrganisationKindSchema>;

export const OrganisationSchema = z.object({
  /** `org:<domain>` for organisations known by mail domain, `org:gemeente:GM0363` for a gemeente */
  id: z.string().min(5),
  name: z.string().max(300),
  kind: OrganisationKindSchema,
  domains: z.array(z.string().max(253)).max(50),
  municipalityCodes: z.array(MunicipalityCodeSchema).max(400),
  updatedAt: z.number().int(),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

export const ThreadSchema = z.object({
  id: z.string().min(3).max(300),
  host: z.enum(RECORD_HOSTS),
  idSource: z.enum(['app', 'derived']),
  subject: z.string().max(1000),
  snippet: z.string().max(2000),
  /** stakeholder contacts in this thread (not the user, colleagues or bulk senders) */
  contactIds: z.array(z.string()).max(200),
  municipalityCode: MunicipalityCodeSchema.nullable(),
  /** why: the rule's evidence, or the user's correction (a `user` thread tag) */
  municipalityEvidence: z.array(EvidenceSchema).max(EVIDENCE_LINES_MAX).optional(),
  firstMessageAt: z.number().int().nullable(),
  lastMessageAt: z.number().int().nullable(),
  lastMessageAtRaw: z.string().max(200).nullable(),
  messageCount: z.number().int().min(0).nullable(),
  updatedAt: z.number().int(),
});
export type Thread = z.infer<typeof ThreadSchema>;

export const MessageSchema = z.object({
  id: z.string().min(3).max(300),
  threadId: z.string().min(3).max(300),
  host: z.enum(RECORD_HOSTS),
  idSource: z.enum(['app', 'derived']),
  direction: z.enum(['in', 'out']),
  fromAddress: AddressSchema.nullable(),
  fromName: z.string().max(300),
  toAddresses: z.array(AddressSchema).max(400),
  /** stakeholder contacts involved (sender for `in`, recipients for `out`) */
  contactIds: z.array(z.string()).max(400),
  /** null when the page showed no time we could parse: shown, never counted in latency */
  at: z.number().int().nullable(),
  atRaw: z.string().max(200).nullable(),
  subject: z.string().max(1000),
  excerpt: z.string().max(2000),
  /**
   * An out-of-office reply (detected at ingest): never a response; `autoReplyUntil` is the end of
   * the announced absence. Optional: messages stored before detection existed lack it.
   */
  isAutoReply: z.boolean().optional(),
  autoReplyUntil: z.number().int().nullable().optional(),
  /**
   * Outgoing mail (store v10): what its visible text does (lib/classify/intent.ts), with the words
   * that decided. The user's own say ("geen antwoord nodig") is a `decisions` record: a rule never
   * overwrites it. Absent on incoming mail.
   */
  intent: z.object({ value: z.enum(MAIL_INTENTS), evidence: z.array(EvidenceSchema).max(5) }).optional(),
  /**
   * Outgoing mail (v10): whether a page ever showed its recipients. False: the page showed none (a
   * collapsed message), and `contactIds` are the thread's counterparts, inferred, until the
   * message is seen expanded and its real recipients replace them.
   */
  recipientsSeen: z.boolean().optional(),
  /** v10: the whole text was seen (an expanded message), not only a collapsed message's snippet */
  bodySeen: z.boolean().optional(),
  /** v10: the keys under which another reader or an import knows this same mail (one mail, one record) */
  aliases: z.array(z.string().min(3).max(300)).max(10).optional(),
  /** v10: sender, minute and subject (lib/store/ingest/same-mail.ts): how another reader's copy is found */
  matchKey: z.string().max(120).optional(),
  /**
   * Imported mail: its own headers (Auto-Submitted, X-Autoreply) decided `isAutoReply`, so no
   * reading of its text (a webmail reader's) changes the verdict. Absent for read mail.
   */
  autoReplyFromHeaders: z.boolean().optional(),
  updatedAt: z.number().int(),
});
export type Message = z.infer<typeof MessageSchema>;

/**
 * A meeting (store v10): agreed in mail now (lib/latency/agreed-meeting.ts), and from calendars
 * next (MeetingObservationSchema in lib/messaging/observations.ts: Google Calendar, Outlook, .ics),
 * one record per meeting whatever the number of sources that know it. A passed meeting is a
 * response for each contact attending, a future one their next meeting; the user's "ging niet
 * door" is a `decisions` record.
 */
export const MeetingSchema = z.object({
  /** `meeting:` + the first source key */
  id: z.string().min(12).max(1300),
  /**
   * every source that knows it: `mail:<message id>`, `gcal:<id>`, `outlook-cal:<hash>`, `ics:<uid>`; a
   * calendar meeting also `match:<start>|<title>` (lib/store/calendar/plan.ts), how a source without a
   * shared id finds it
   */
  sourceKeys: z.array(z.string().min(3).max(1200)).min(1).max(20),
  /** the mail thread it was agreed in, if any */
  threadId: z.string().max(300).nullable(),
  title: z.string().max(1000),
  /** epoch ms; never guessed (null when a source showed no time we could read) */
  start: z.number().int().nullable(),
  /** exclusive end */
  end: z.number().int().nullable(),
  allDay: z.boolean(),
  /** the stakeholder contacts attending (for a mail: the thread's counterparts) */
  contactIds: z.array(z.string()).max(200),
  /** agreed: in mail; confirmed / tentative / cancelled: as a calendar states it */
  status: z.enum(['agreed', 'confirmed', 'tentative', 'cancelled']),
  evidence: z.array(EvidenceSchema).max(10),
  /** calendars: where, as the source states it */
  location: z.string().max(1000).nullable().optional(),
  /**
   * calendars: attendee names (Outlook shows no addresses) that match more than one known contact:
   * left open, never guessed; the contacts they could be
   */
  openNames: z
    .array(z.object({ name: z.string().max(300), candidateIds: z.array(z.string()).max(10) }))
    .max(50)
    .optional(),
  updatedAt: z.number().int(),
});
export type Meeting = z.infer<typeof MeetingSchema>;

const DecisionBase = { subjectId: z.string().min(1).max(1300), at: z.number().int() };

/**
 * The user's say over a rule (store v10), never overwritten by one: whether an outgoing mail (or
 * every outgoing mail of a thread) waits for an answer, a contact snoozed until a date, a meeting
 * that did not happen. id = `${kind}:${subjectType}:${subjectId}`: one decision per subject, and
 * removing it is the undo.
 */
export const DecisionSchema = z.discriminatedUnion('kind', [
  z.object({
    id: z.string().min(3),
    kind: z.literal('reply'),
    subjectType: z.enum(['message', 'thread']),
    ...DecisionBase,
    /** not-needed: "geen antwoord nodig" (no attempt); awaited: "wacht op antwoord" (an attempt) */
    value: z.enum(['not-needed', 'awaited']),
  }),
  z.object({
    id: z.string().min(3),
    kind: z.literal('snooze'),
    subjectType: z.literal('contact'),
    ...DecisionBase,
    until: z.number().int(),
  }),
  z.object({
    id: z.string().min(3),
    kind: z.literal('meeting'),
    subjectType: z.literal('meeting'),
    ...DecisionBase,
    value: z.literal('did-not-happen'),
  }),
]);
export type Decision = z.infer<typeof DecisionSchema>;

/** The user's own mailbox addresses, learnt from the pages or given for a mailbox import (sent vs received). */
export const AccountSchema = z.object({
  address: AddressSchema,
  host: z.enum(RECORD_HOSTS),
  lastSeenAt: z.number().int(),
});
export type Account = z.infer<typeof AccountSchema>;

/** The latest reader status per host and view, plus counters; shown in the popup. */
export const ReaderStatusSchema = z.object({
  id: z.string(), // `${host}:${view}`
  /** a webmail host, or a calendar (gcal, outlook-cal) */
  host: z.enum([...MAIL_HOSTS, 'gcal', 'outlook-cal']),
  /** a mail view, or a calendar's: a calendar view or an opened event */
  view: z.enum(['list', 'conversation', 'other', 'calendar', 'event']),
  status: z.enum(['ok', 'partial', 'unrecognised']),
  itemsSeen: z.number().int().min(0),
  itemsRead: z.number().int().min(0),
  problems: z.record(z.string(), z.number().int().min(0)),
  at: z.number().int(),
});
export type ReaderStatus = z.infer<typeof ReaderStatusSchema>;

/** A reason as a code with values (lib/vocabulary/reasons.ts); values are facts, never sentences. */
export const ReasonSchema = z.object({
  code: z.enum(REASON_CODES),
  values: z.record(z.string().max(40), z.union([z.string().max(EVIDENCE_VALUE_MAX), z.number()])).optional(),
});

/**
 * What the background refused, repaired or set aside, counted per reason (never the content).
 * `reason` is the counter's key (reasonKey: the code and its values); store v9 made reasons codes.
 */
export const RejectionSchema = ReasonSchema.extend({
  reason: z.string().max(400),
  count: z.number().int().min(0),
  lastAt: z.number().int(),
});
export type Rejection = z.infer<typeof RejectionSchema>;

/** The tables ingest reads and repairs, whose damaged records can be set aside. */
export const QUARANTINE_TABLES = ['contacts', 'organisations', 'threads', 'messages', 'accounts', 'tags'] as const;

/**
 * A stored record ingest read back damaged beyond repair (store v9): moved here as it was, so it
 * blocks nothing and is not lost. id = `q:<table>:<key>:<at>`.
 */
export const QuarantinedRecordSchema = z.object({
  id: z.string().min(3).max(1000),
  table: z.enum(QUARANTINE_TABLES),
  /** its primary key in that table */
  key: z.string().max(1000),
  /** the record exactly as it was read */
  record: z.unknown(),
  reason: ReasonSchema,
  at: z.number().int(),
});
export type QuarantinedRecord = z.infer<typeof QuarantinedRecordSchema>;

/** A phone call the user logged. An unanswered call is an attempt; an answered one a response. */
export const CallSchema = z.object({
  id: z.string().min(3),
  contactId: z.string().min(3),
  /** out: the user called them; in: they called the user */
  direction: z.enum(['in', 'out']),
  answered: z.boolean(),
  note: z.string().max(2000),
  at: z.number().int().min(0),
  createdAt: z.number().int(),
});
export type Call = z.infer<typeof CallSchema>;

/** A free-text note on a contact or an organisation. */
export const NoteSchema = z.object({
  /** `${subjectType}:${subjectId}`: one note per subject, edited in place */
  id: z.string().min(3),
  subjectType: z.enum(['contact', 'organisation', 'municipality']),
  subjectId: z.string().min(1),
  text: z.string().max(10_000),
  updatedAt: z.number().int(),
});
export type Note = z.infer<typeof NoteSchema>;

/** The next step with a date; shown as due in the popup and the badge once the date passes. */
export const NextStepSchema = z.object({
  id: z.string().min(3),
  subjectType: z.enum(['contact', 'organisation', 'municipality']),
  subjectId: z.string().min(1),
  text: z.string().min(1).max(500),
  dueAt: z.number().int().nullable(),
  done: z.boolean(),
  updatedAt: z.number().int(),
});
export type NextStep = z.infer<typeof NextStepSchema>;

export const LatencyStatusSchema = z.enum(LATENCY_STATUSES);

/**
 * The latency of one stakeholder contact as last computed (lib/latency), cached so the popup,
 * the side panel and the badge read it without recomputing 100,000 interactions. Derived state:
 * recomputed for the affected contacts after every ingest or logged call, and for everyone at
 * start-up and on a periodic alarm (time passing changes statuses too).
 */
export const LatencyRecordSchema = z.object({
  contactId: z.string().min(3),
  municipalityCode: MunicipalityCodeSchema.nullable(),
  organisationId: z.string().nullable(),
  role: RoleIdSchema,
  status: LatencyStatusSchema,
  attemptsSinceLastResponse: z.number().int().min(0),
  attemptsCountedForStatus: z.number().int().min(0),
  waitingSince: z.number().int().nullable(),
  lastAttemptAt: z.number().int().nullable(),
  workingDaysWaiting: z.number().int().min(0).nullable(),
  lastResponseAt: z.number().int().nullable(),
  lastResponseKind: z.enum(['email', 'call', 'meeting']).nullable(),
  medianResponseWorkingDays: z.number().min(0).nullable(),
  lastResponseWorkingDays: z.number().min(0).nullable(),
  responseSamples: z.number().int().min(0),
  absentUntil: z.number().int().nullable(),
  thresholds: z.object({ ideal: z.number().int().min(1), max: z.number().int().min(1) }),
  overdueScore: z.number().min(0),
  evidence: z.array(EvidenceSchema).max(30),
  /** the end of a snooze still running when computed (v10; status `snoozed` while something is outstanding) */
  snoozedUntil: z.number().int().nullable().optional(),
  computedAt: z.number().int(),
});
export type LatencyRecord = z.infer<typeof LatencyRecordSchema>;

/**
 * One merge of two contacts that are the same person, kept so the merge can be undone (split):
 * the absorbed contact as it was, the target as it was, and exactly which records the merge
 * moved. id = `merge:<mergedContactId>`: a merged contact no longer exists, so it is merged once.
 */
export const ContactMergeSchema = z.object({
  id: z.string().min(9),
  intoContactId: z.string().min(3),
  mergedContactId: z.string().min(3),
  /** both contacts as they were just before the merge */
  mergedContact: ContactSchema,
  intoContactBefore: ContactSchema,
  /** messages and threads that named the merged contact; `shared*`: the target was named too */
  messageIds: z.array(z.string()).max(200_000),
  sharedMessageIds: z.array(z.string()).max(200_000),
  threadIds: z.array(z.string()).max(200_000),
  sharedThreadIds: z.array(z.string()).max(200_000),
  callIds: z.array(z.string()).max(200_000),
  nextStepIds: z.array(z.string()).max(10_000),
  /** contact-scope tags of the merged contact, and of the target before the merge */
  mergedTags: z.array(TagSchema).max(20),
  intoTagsBefore: z.array(TagSchema).max(20),
  /** the target's tags as the merge wrote them: restored on split only while unchanged since */
  intoTagsWritten: z.array(TagSchema).max(20),
  mergedNote: NoteSchema.nullable(),
  intoNoteBefore: NoteSchema.nullable(),
  at: z.number().int(),
});
export type ContactMerge = z.infer<typeof ContactMergeSchema>;

/**
 * One entry of the not-tracked list: someone the user asked to forget, kept only as the SHA-256
 * of a salt and one of their addresses or mailboxes (lib/store/not-tracked.ts), so ingest can
 * drop them without the store holding who they were. The salt is kept with the entry: entries
 * restored from another installation's backup keep working.
 */
export const NotTrackedSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in hex'),
  salt: z.string().regex(/^[0-9a-f]{32}$/, '16 random bytes in hex'),
  addedAt: z.number().int(),
});
export type NotTracked = z.infer<typeof NotTrackedSchema>;

/** The part of a contact's latency that lists and advice show (the full record: `latency` table). */
export const LatencyBriefSchema = LatencyRecordSchema.pick({
  status: true,
  attemptsSinceLastResponse: true,
  workingDaysWaiting: true,
  lastResponseAt: true,
  lastResponseKind: true,
  overdueScore: true,
  medianResponseWorkingDays: true,
  snoozedUntil: true,
});
export type LatencyBrief = z.infer<typeof LatencyBriefSchema>;

export const ContactSummarySchema = z.object({
  id: z.string(),
  name: z.string().max(300),
  addresses: z.array(AddressSchema).max(50),
  role: RoleIdSchema,
  lastSeenAt: z.number().int().nullable(),
  /** null until the background computed it */
  latency: LatencyBriefSchema.nullable(),
});
export type ContactSummary = z.infer<typeof ContactSummarySchema>;

const StakeholderRoleSchema = z.enum(STAKEHOLDER_ROLES);
/** responsive: someone in this role answers; silent: contacts, none answering; none: nobody yet */
export const RoleCoverageSchema = z.enum(['responsive', 'silent', 'none']);
export type RoleCoverage = z.infer<typeof RoleCoverageSchema>;

/**
 * Per municipality, what the popup list shows (lib/read-models/municipality-summaries.ts
 * `summariseMunicipalities`). Derived state, kept by the background after every change, so the
 * popup paints from 342 small records instead of summarising 5,000 contacts each time it opens.
 */
/** What the popup's row says of a meeting: when, and its title (calendar text, shown as text). */
export const NextMeetingBriefSchema = z.object({
  id: z.string(),
  title: z.string().max(1000),
  start: z.number().int(),
  allDay: z.boolean(),
});
export type NextMeetingBrief = z.infer<typeof NextMeetingBriefSchema>;

export const MunicipalitySummarySchema = z.object({
  code: MunicipalityCodeSchema,
  name: z.string(),
  province: z.string(),
  contactCount: z.number().int().min(0),
  /**
   * The contacts the list needs by name: those needing attention and the responsive ones (the
   * alternatives to suggest). The detail view loads all contacts itself.
   */
  keyContacts: z.array(ContactSummarySchema),
  /** names and addresses of every contact, folded for the search box */
  searchText: z.string(),
  threadCount: z.number().int().min(0),
  /** stakeholder roles with at least one contact, in the canonical order */
  roles: z.array(StakeholderRoleSchema),
  coverage: z.record(StakeholderRoleSchema, RoleCoverageSchema),
  /** exactly one role has a responsive contact: never bet on one horse */
  singleTrack: z.boolean(),
  /** slow and unresponsive contacts, most overdue first */
  needsAttention: z.array(ContactSummarySchema).max(5),
  /** all slow and unresponsive contacts; `needsAttention` names the most overdue few */
  needsAttentionCount: z.number().int().min(0),
  worstStatus: LatencyStatusSchema.nullable(),
  /** the first contact we know of: the start of the trajectory */
  firstContactAt: z.number().int().nullable(),
  lastActivityAt: z.number().int().nullable(),
  /** the earliest open next step of this municipality or its contacts */
  nextStep: NextStepSchema.nullable(),
  /**
   * the next meeting planned with any of its stakeholders (not cancelled, not "ging niet door");
   * optional: summaries stored before it are recomputed, never migrated (derived)
   */
  nextMeeting: NextMeetingBriefSchema.nullable().optional(),
});
export type MunicipalitySummary = z.infer<typeof MunicipalitySummarySchema>;
