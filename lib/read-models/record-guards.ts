/**
 * What extension pages read, checked before they render it. The background validates every write
 * with zod, but a page must still survive a record that is not what the code expects: an older or
 * newer build wrote it, a disk or an extension-storage edit damaged it, a migration missed it.
 * Pages stay zod-free (the popup's first paint does not wait for it), so these are small
 * hand-written guards, one per record a page shows.
 *
 * A damaged record is repaired from what is known (an unknown role reads `onbekend`, a time that
 * is not a number reads "unknown", a contact without addresses is shown without) or, when what it
 * is cannot be known (no id, a direction or kind we cannot tell), set aside. Either way it is
 * counted in a RecordTally the page shows ("2 records could not be read and were skipped"):
 * never silently dropped, and never allowed to take the other records down with it.
 *
 * Valid records come back as they were (same fields, same values), so a guard costs a page that
 * reads healthy data nothing but the checks.
 */
import type { CalendarTabContext } from '../messaging/calendar-tab-context';
import type { MeetingResponse, Participant } from '../messaging/observations';
import type { TabContext } from '../messaging/tab-context';
import type {
  Call,
  Contact,
  ContactMerge,
  ContactSummary,
  LatencyBrief,
  LatencyRecord,
  Message,
  MunicipalitySummary,
  NextStep,
  Note,
  Organisation,
  ReaderStatus,
  Rejection,
  Tag,
  Thread,
} from '../store/schemas';
import { LEGACY_EVIDENCE_CODE, type Evidence } from '../vocabulary/evidence';
import { MAIL_HOSTS } from '../vocabulary/hosts';
import { CONTACT_KINDS, MUNICIPALITY_CODE_PATTERN, ORGANISATION_KINDS } from '../vocabulary/kinds';
import { REASON_CODES, type ReasonCode } from '../vocabulary/reasons';
import { ROLE_IDS, STAKEHOLDER_ROLES } from '../vocabulary/roles';
import { LATENCY_STATUSES } from '../vocabulary/statuses';

/** What a page did with the records it read that were not as expected. */
export interface RecordTally {
  /** shown with what is still right in them */
  repaired: number;
  /** set aside: not shown, counted */
  skipped: number;
}

export function emptyTally(): RecordTally {
  return { repaired: 0, skipped: 0 };
}

export function addTallies(...tallies: readonly (RecordTally | null | undefined)[]): RecordTally {
  const sum = emptyTally();
  for (const tally of tallies) {
    sum.repaired += tally?.repaired ?? 0;
    sum.skipped += tally?.skipped ?? 0;
  }
  return sum;
}

/** Set by a repairer when it had to change something. */
export interface Fix {
  fixed: boolean;
}

export type Repairer<T> = (value: unknown, fix: Fix) => T | null;

type Fields = Record<string, unknown>;

export function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every value repaired or set aside; a repairer that throws sets its record aside too. */
export function repairAll<T>(values: readonly unknown[], repair: Repairer<T>, tally: RecordTally): T[] {
  const repaired: T[] = [];
  for (const value of Array.isArray(values) ? values : []) {
    const one = repairOne(value, repair, tally);
    if (one !== null) repaired.push(one);
  }
  return repaired;
}

/** One value repaired, or null (counted as skipped); an absent one (undefined, null) is just null. */
export function repairOne<T>(value: unknown, repair: Repairer<T>, tally: RecordTally): T | null {
  if (value === undefined || value === null) return null;
  const fix: Fix = { fixed: false };
  let result: T | null;
  try {
    result = repair(value, fix);
  } catch {
    result = null;
  }
  if (result === null) tally.skipped++;
  else if (fix.fixed) tally.repaired++;
  return result;
}

// ---------------------------------------------------------------------------------------------
// fields

function text(value: unknown, fallback: string, fix: Fix): string {
  if (typeof value === 'string') return value;
  fix.fixed = true;
  return fallback;
}

/** A string, or null; an absent value is null without a repair (older records lack optional fields). */
function textOrNull(value: unknown, fix: Fix): string | null {
  if (typeof value === 'string') return value;
  if (value !== undefined && value !== null) fix.fixed = true;
  return null;
}

/** A time (ms): finite and in a Date's range, else unknown (null). */
function time(value: unknown, fix: Fix): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= 8.64e15) return value;
  if (value !== undefined && value !== null) fix.fixed = true;
  return null;
}

/** A finite number at least 0, else `fallback`. */
function amount(value: unknown, fallback: number, fix: Fix): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  fix.fixed = true;
  return fallback;
}

function amountOrNull(value: unknown, fix: Fix): number | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : ((fix.fixed = true), null);
}

function flag(value: unknown, fallback: boolean, fix: Fix): boolean {
  if (typeof value === 'boolean') return value;
  if (value !== undefined) fix.fixed = true;
  return fallback;
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T, fix: Fix): T {
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  fix.fixed = true;
  return fallback;
}

function isOneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
  return (allowed as readonly unknown[]).includes(value);
}

/** The strings of a list; anything else in it (or a list that is not one, or none) is dropped. */
function strings(value: unknown, fix: Fix): string[] {
  if (!Array.isArray(value)) {
    fix.fixed = true;
    return [];
  }
  const kept = value.filter((item): item is string => typeof item === 'string');
  if (kept.length !== value.length) fix.fixed = true;
  return kept.length === value.length ? (value as string[]) : kept;
}

/** A flat record of strings and finite numbers (evidence and reason values), or undefined. */
function flatValues(value: unknown): Record<string, string | number> | undefined | null {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return null;
  const ok = Object.values(value).every(
    (item) => typeof item === 'string' || (typeof item === 'number' && Number.isFinite(item)),
  );
  return ok ? (value as Record<string, string | number>) : null;
}

/**
 * Evidence lines (codes with values, lib/vocabulary/evidence.ts): a line still stored as text is
 * kept as legacy text (it is shown as it is); anything else is dropped, and the record repaired.
 */
function evidenceLines(value: unknown, fix: Fix): Evidence[] {
  if (!Array.isArray(value)) {
    fix.fixed = true;
    return [];
  }
  const kept: Evidence[] = [];
  for (const line of value) {
    if (typeof line === 'string') {
      fix.fixed = true;
      kept.push({ code: LEGACY_EVIDENCE_CODE, values: { text: line } });
      continue;
    }
    const values = isRecord(line) ? flatValues(line.values) : null;
    if (isRecord(line) && typeof line.code === 'string' && line.code && values !== null) kept.push(line as unknown as Evidence);
    else fix.fixed = true;
  }
  return kept;
}

/** Items repaired one by one inside a record: a broken item is dropped, the record counts as repaired. */
function items<T>(value: unknown, repair: Repairer<T>, fix: Fix): T[] {
  if (!Array.isArray(value)) {
    fix.fixed = true;
    return [];
  }
  const kept: T[] = [];
  for (const item of value) {
    const inner: Fix = { fixed: false };
    let repaired: T | null = null;
    try {
      repaired = repair(item, inner);
    } catch {
      repaired = null;
    }
    if (repaired === null || inner.fixed) fix.fixed = true;
    if (repaired !== null) kept.push(repaired);
  }
  return kept;
}

function municipalityCode(value: unknown, fix: Fix): string | null {
  if (typeof value === 'string' && MUNICIPALITY_CODE_PATTERN.test(value)) return value;
  if (value !== undefined && value !== null) fix.fixed = true;
  return null;
}

/** A record's key: a non-empty string, or nothing to show the record by. */
function key(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

// ---------------------------------------------------------------------------------------------
// records

export const repairLatencyBrief: Repairer<LatencyBrief> = (value, fix) => {
  if (!isRecord(value)) return null;
  // a status we do not know: the latency is unknown (shown as such), not a guess
  if (!isOneOf(LATENCY_STATUSES, value.status)) return null;
  return {
    ...value,
    status: value.status,
    attemptsSinceLastResponse: amount(value.attemptsSinceLastResponse, 0, fix),
    workingDaysWaiting: amountOrNull(value.workingDaysWaiting, fix),
    lastResponseAt: time(value.lastResponseAt, fix),
    // absent in a brief kept before meetings reset the clock: unknown, as the full record reads it
    lastResponseKind:
      value.lastResponseKind == null ? null : oneOf(['email', 'call', 'meeting'] as const, value.lastResponseKind, 'email', fix),
    overdueScore: amount(value.overdueScore, 0, fix),
    medianResponseWorkingDays: amountOrNull(value.medianResponseWorkingDays, fix),
  };
};

/** A latency brief inside another record: unknown (null) when it cannot be read. */
function latencyInside(value: unknown, fix: Fix): LatencyBrief | null {
  if (value === undefined || value === null) return null;
  const inner: Fix = { fixed: false };
  const repaired = repairLatencyBrief(value, inner);
  if (repaired === null || inner.fixed) fix.fixed = true;
  return repaired;
}

export const repairContactSummary: Repairer<ContactSummary> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  if (!id) return null;
  return {
    ...value,
    id,
    name: text(value.name, '', fix),
    addresses: strings(value.addresses, fix),
    role: oneOf(ROLE_IDS, value.role, 'onbekend', fix),
    lastSeenAt: time(value.lastSeenAt, fix),
    latency: latencyInside(value.latency, fix),
  };
};

export const repairNextStep: Repairer<NextStep> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  if (!id) return null;
  return {
    ...value,
    id,
    subjectType: oneOf(['contact', 'organisation', 'municipality'] as const, value.subjectType, 'contact', fix),
    subjectId: text(value.subjectId, '', fix),
    text: text(value.text, '', fix),
    dueAt: time(value.dueAt, fix),
    done: flag(value.done, false, fix),
    updatedAt: time(value.updatedAt, fix) ?? 0,
  };
};

function coverageOf(value: unknown, fix: Fix): MunicipalitySummary['coverage'] {
  const stored = isRecord(value) ? value : ((fix.fixed = true), {});
  const coverage = {} as MunicipalitySummary['coverage'];
  for (const role of STAKEHOLDER_ROLES)
    coverage[role] = oneOf(['responsive', 'silent', 'none'] as const, stored[role], 'none', fix);
  return coverage;
}

/** A summary's next meeting: an absent one is none (older summaries lack it); one without an id or a time is dropped. */
function nextMeetingOf(value: unknown, fix: Fix): MunicipalitySummary['nextMeeting'] {
  if (value === undefined || value === null) return null;
  const id = isRecord(value) ? key(value.id) : null;
  const start = isRecord(value) ? time(value.start, fix) : null;
  if (!isRecord(value) || id === null || start === null) return ((fix.fixed = true), null);
  return { id, title: text(value.title, '', fix), start, allDay: flag(value.allDay, false, fix) };
}

export const repairMunicipalitySummary: Repairer<MunicipalitySummary> = (value, fix) => {
  if (!isRecord(value)) return null;
  const code = municipalityCode(value.code, fix);
  if (!code) return null;
  const needsAttention = items(value.needsAttention, repairContactSummary, fix);
  return {
    ...value,
    code,
    name: text(value.name, code, fix),
    province: text(value.province, '', fix),
    contactCount: amount(value.contactCount, 0, fix),
    keyContacts: items(value.keyContacts, repairContactSummary, fix),
    searchText: text(value.searchText, '', fix),
    threadCount: amount(value.threadCount, 0, fix),
    roles: strings(value.roles, fix).filter((role): role is (typeof STAKEHOLDER_ROLES)[number] =>
      isOneOf(STAKEHOLDER_ROLES, role) ? true : ((fix.fixed = true), false),
    ),
    coverage: coverageOf(value.coverage, fix),
    singleTrack: flag(value.singleTrack, false, fix),
    needsAttention,
    needsAttentionCount: amount(value.needsAttentionCount, needsAttention.length, fix),
    worstStatus: value.worstStatus === null ? null : oneOf(LATENCY_STATUSES, value.worstStatus, 'ok', fix),
    firstContactAt: time(value.firstContactAt, fix),
    lastActivityAt: time(value.lastActivityAt, fix),
    nextStep: value.nextStep == null ? null : (items([value.nextStep], repairNextStep, fix)[0] ?? null),
    nextMeeting: nextMeetingOf(value.nextMeeting, fix),
  };
};

export const repairReaderStatus: Repairer<ReaderStatus> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  if (!id || !isOneOf(MAIL_HOSTS, value.host)) return null;
  const problems: Record<string, number> = {};
  for (const [problem, count] of Object.entries(isRecord(value.problems) ? value.problems : ((fix.fixed = true), {}))) {
    if (typeof count === 'number' && Number.isFinite(count) && count >= 0) problems[problem] = count;
    else fix.fixed = true;
  }
  return {
    ...value,
    id,
    host: value.host,
    view: oneOf(['list', 'conversation', 'other'] as const, value.view, 'other', fix),
    // a status we cannot read is not "all read": shown as markup not recognised
    status: oneOf(['ok', 'partial', 'unrecognised'] as const, value.status, 'unrecognised', fix),
    itemsSeen: amount(value.itemsSeen, 0, fix),
    itemsRead: amount(value.itemsRead, 0, fix),
    problems,
    at: time(value.at, fix) ?? 0,
  };
};

export const repairRejection: Repairer<Rejection> = (value, fix) => {
  if (!isRecord(value)) return null;
  const reason = key(value.reason);
  if (!reason) return null;
  const values = flatValues(value.values);
  // a code this build does not know, or values that are none: the counter's key as legacy text
  const known = isOneOf(REASON_CODES, value.code) && values !== null;
  if (!known) fix.fixed = true;
  const coded = known
    ? { code: value.code as ReasonCode, ...(values ? { values } : {}) }
    : { code: 'legacy' as const, values: { text: reason } };
  return { ...value, ...coded, reason, count: amount(value.count, 1, fix), lastAt: time(value.lastAt, fix) ?? 0 };
};

export const repairTag: Repairer<Tag> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  // which dimension and whose decision it is cannot be guessed: without them a tag says nothing
  if (
    !id ||
    !isOneOf(['municipality', 'role', 'kind'] as const, value.dimension) ||
    !isOneOf(['rule', 'user'] as const, value.source)
  ) {
    return null;
  }
  return {
    ...value,
    id,
    subjectType: oneOf(['contact', 'thread', 'organisation', 'address', 'domain'] as const, value.subjectType, 'contact', fix),
    subjectId: text(value.subjectId, '', fix),
    dimension: value.dimension,
    value: textOrNull(value.value, fix),
    source: value.source,
    evidence: evidenceLines(value.evidence, fix),
    confidence: Math.min(1, amount(value.confidence, 0, fix)),
    updatedAt: time(value.updatedAt, fix) ?? 0,
  };
};

export const repairContact: Repairer<Contact> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  // whether someone is followed at all cannot be guessed
  if (!id || !isOneOf(CONTACT_KINDS, value.kind)) return null;
  const contact: Contact = {
    ...value,
    id,
    name: text(value.name, '', fix),
    addresses: strings(value.addresses, fix),
    kind: value.kind,
    organisationId: textOrNull(value.organisationId, fix),
    municipalityCode: municipalityCode(value.municipalityCode, fix),
    role: oneOf(ROLE_IDS, value.role, 'onbekend', fix),
    firstSeenAt: time(value.firstSeenAt, fix),
    lastSeenAt: time(value.lastSeenAt, fix),
    updatedAt: time(value.updatedAt, fix) ?? 0,
  };
  if (value.mailboxes !== undefined) contact.mailboxes = strings(value.mailboxes, fix);
  if (value.ruleTags !== undefined) contact.ruleTags = items(value.ruleTags, repairTag, fix);
  return contact;
};

export const repairThread: Repairer<Thread> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  if (!id) return null;
  return {
    ...value,
    id,
    host: oneOf(MAIL_HOSTS, value.host, MAIL_HOSTS[0], fix),
    idSource: oneOf(['app', 'derived'] as const, value.idSource, 'derived', fix),
    subject: text(value.subject, '', fix),
    snippet: text(value.snippet ?? '', '', fix),
    contactIds: strings(value.contactIds, fix),
    municipalityCode: municipalityCode(value.municipalityCode, fix),
    firstMessageAt: time(value.firstMessageAt, fix),
    lastMessageAt: time(value.lastMessageAt, fix),
    lastMessageAtRaw: textOrNull(value.lastMessageAtRaw, fix),
    messageCount: amountOrNull(value.messageCount, fix),
    updatedAt: time(value.updatedAt, fix) ?? 0,
  };
};

export const repairOrganisation: Repairer<Organisation> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  if (!id) return null;
  return {
    ...value,
    id,
    name: text(value.name, '', fix),
    kind: oneOf(ORGANISATION_KINDS, value.kind, 'overig', fix),
    domains: strings(value.domains, fix),
    municipalityCodes: strings(value.municipalityCodes, fix).filter((code) => MUNICIPALITY_CODE_PATTERN.test(code)),
    updatedAt: time(value.updatedAt, fix) ?? 0,
  };
};

export const repairNote: Repairer<Note> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  if (!id) return null;
  return {
    ...value,
    id,
    subjectType: oneOf(['contact', 'organisation', 'municipality'] as const, value.subjectType, 'contact', fix),
    subjectId: text(value.subjectId, '', fix),
    text: text(value.text, '', fix),
    updatedAt: time(value.updatedAt, fix) ?? 0,
  };
};

const LATENCY_NUMBERS = ['attemptsSinceLastResponse', 'attemptsCountedForStatus', 'responseSamples', 'overdueScore'] as const;
const LATENCY_TIMES = ['waitingSince', 'lastAttemptAt', 'lastResponseAt', 'absentUntil', 'computedAt'] as const;
const LATENCY_OPTIONAL_AMOUNTS = ['workingDaysWaiting', 'medianResponseWorkingDays', 'lastResponseWorkingDays'] as const;

export const repairLatencyRecord: Repairer<LatencyRecord> = (value, fix) => {
  if (!isRecord(value)) return null;
  const contactId = key(value.contactId);
  if (!contactId || !isOneOf(LATENCY_STATUSES, value.status)) return null;
  const record = {
    ...value,
    contactId,
    status: value.status,
    municipalityCode: municipalityCode(value.municipalityCode, fix),
    organisationId: textOrNull(value.organisationId, fix),
    role: oneOf(ROLE_IDS, value.role, 'onbekend', fix),
    lastResponseKind:
      value.lastResponseKind == null ? null : oneOf(['email', 'call', 'meeting'] as const, value.lastResponseKind, 'email', fix),
    evidence: evidenceLines(value.evidence, fix),
  } as Fields;
  for (const field of LATENCY_NUMBERS) record[field] = amount(value[field], 0, fix);
  for (const field of LATENCY_TIMES) record[field] = time(value[field], fix);
  for (const field of LATENCY_OPTIONAL_AMOUNTS) record[field] = amountOrNull(value[field], fix);
  record.computedAt ??= 0;
  const thresholds = isRecord(value.thresholds) ? value.thresholds : ((fix.fixed = true), {});
  record.thresholds = { ideal: amount(thresholds.ideal, 1, fix), max: amount(thresholds.max, 1, fix) };
  return record as unknown as LatencyRecord;
};

export const repairMerge: Repairer<ContactMerge> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  const mergedContact = isRecord(value.mergedContact) ? repairContact(value.mergedContact, fix) : null;
  // what was merged is what a split gives back: without it there is nothing to offer
  if (!id || !mergedContact || !key(value.intoContactId) || !key(value.mergedContactId)) return null;
  return { ...(value as unknown as ContactMerge), id, mergedContact, at: time(value.at, fix) ?? 0 };
};

export const repairMessage: Repairer<Message> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  // who wrote to whom cannot be guessed: a mail in or out says the opposite of the other
  if (!id || !isOneOf(['in', 'out'] as const, value.direction)) return null;
  return {
    ...value,
    id,
    threadId: text(value.threadId, '', fix),
    host: oneOf(MAIL_HOSTS, value.host, MAIL_HOSTS[0], fix),
    idSource: oneOf(['app', 'derived'] as const, value.idSource, 'derived', fix),
    direction: value.direction,
    fromAddress: textOrNull(value.fromAddress, fix),
    fromName: text(value.fromName ?? '', '', fix),
    toAddresses: strings(value.toAddresses, fix),
    contactIds: strings(value.contactIds, fix),
    at: time(value.at, fix),
    atRaw: textOrNull(value.atRaw, fix),
    subject: text(value.subject ?? '', '', fix),
    excerpt: text(value.excerpt ?? '', '', fix),
    ...(value.isAutoReply === undefined ? {} : { isAutoReply: flag(value.isAutoReply, false, fix) }),
    updatedAt: time(value.updatedAt, fix) ?? 0,
  };
};

/** A logged call; its time may read unknown (null), unlike a valid record's. */
export type CallRead = Omit<Call, 'at'> & { at: number | null };

export const repairCall: Repairer<CallRead> = (value, fix) => {
  if (!isRecord(value)) return null;
  const id = key(value.id);
  const contactId = key(value.contactId);
  if (!id || !contactId || !isOneOf(['in', 'out'] as const, value.direction)) return null;
  return {
    ...value,
    id,
    contactId,
    direction: value.direction,
    answered: flag(value.answered, false, fix),
    note: text(value.note ?? '', '', fix),
    at: time(value.at, fix) ?? ((fix.fixed = true), null),
    createdAt: time(value.createdAt, fix) ?? 0,
  };
};

const repairParticipant: Repairer<Participant> = (value, fix) => {
  if (!isRecord(value)) return null;
  const address = textOrNull(value.address, fix);
  const name = text(value.name, '', fix);
  return address || name ? { ...value, address, name } : null;
};

/** What a webmail tab shows, as the background keeps it in session storage (lib/messaging/tab-context.ts). */
export const repairTabContext: Repairer<TabContext> = (value, fix) => {
  if (!isRecord(value) || !isOneOf(MAIL_HOSTS, value.host)) return null;
  return {
    ...value,
    host: value.host,
    view: oneOf(['list', 'conversation', 'other'] as const, value.view, 'other', fix),
    threadKey: textOrNull(value.threadKey, fix),
    subject: textOrNull(value.subject, fix),
    participants: items(value.participants, repairParticipant, fix),
    participantsOmitted: amount(value.participantsOmitted ?? 0, 0, fix),
    account: textOrNull(value.account, fix),
    at: time(value.at, fix) ?? 0,
  };
};

const MEETING_RESPONSES = [
  'accepted',
  'declined',
  'tentative',
  'needs-action',
  'unknown',
] as const satisfies readonly MeetingResponse[];

/** The event a calendar tab has open, as the background keeps it (lib/messaging/calendar-tab-context.ts). */
export const repairCalendarTabContext: Repairer<CalendarTabContext> = (value, fix) => {
  if (!isRecord(value) || !isOneOf(['gcal', 'outlook-cal'] as const, value.source)) return null;
  const meetingKey = textOrNull(value.meetingKey, fix);
  if (!meetingKey) return null;
  return {
    ...value,
    source: value.source,
    meetingKey,
    title: text(value.title, '', fix),
    start: value.start === null ? null : time(value.start, fix),
    allDay: flag(value.allDay, false, fix),
    attendees: items(
      value.attendees,
      (attendee, fixAttendee) => {
        const participant = repairParticipant(attendee, fixAttendee);
        if (!participant || !isRecord(attendee)) return null;
        const response = oneOf(MEETING_RESPONSES, attendee.response, 'unknown', fixAttendee);
        return { name: participant.name, address: participant.address, response };
      },
      fix,
    ),
    attendeesOmitted: amount(value.attendeesOmitted ?? 0, 0, fix),
    at: time(value.at, fix) ?? 0,
  };
};
