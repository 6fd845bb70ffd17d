/**
 * Read models for the extension pages. Pure summarising functions (unit-tested) plus the loaders
 * that feed them from the store inside one read transaction (used with useLiveQuery).
 */
import { STAKEHOLDER_ROLES, type RoleId } from '../roles';
import type { GemeenteradarDb } from './db';
import type {
  LatencyRecord,
  NextStep,
  ReaderStatus,
  Rejection,
  Tag,
  Thread,
} from './schemas';
import { ruleTagOf } from './tags';

export type StakeholderRole = Exclude<RoleId, 'onbekend'>;
export type LatencyStatus = LatencyRecord['status'];
/** responsive: someone in this role answers; silent: contacts, none answering; none: nobody yet */
export type RoleCoverage = 'responsive' | 'silent' | 'none';

export const STATUS_SEVERITY: Record<LatencyStatus, number> = { ok: 0, waiting: 1, slow: 2, unresponsive: 3 };

/** The part of a contact's latency that lists and advice show (the full record: `latency` table). */
export type LatencyBrief = Pick<
  LatencyRecord,
  'status' | 'attemptsSinceLastResponse' | 'workingDaysWaiting' | 'lastResponseAt' | 'overdueScore' | 'medianResponseWorkingDays'
>;

export function latencyBrief(record: LatencyRecord): LatencyBrief {
  return {
    status: record.status,
    attemptsSinceLastResponse: record.attemptsSinceLastResponse,
    workingDaysWaiting: record.workingDaysWaiting,
    lastResponseAt: record.lastResponseAt,
    overdueScore: record.overdueScore,
    medianResponseWorkingDays: record.medianResponseWorkingDays,
  };
}

export interface ContactSummary {
  id: string;
  name: string;
  addresses: string[];
  role: RoleId;
  lastSeenAt: number | null;
  /** null until the background computed it */
  latency: LatencyBrief | null;
}

export interface ThreadSummary {
  id: string;
  subject: string;
  lastMessageAt: number | null;
  lastMessageAtRaw: string | null;
}

export interface MunicipalitySummary {
  code: string;
  name: string;
  province: string;
  contactCount: number;
  /**
   * The contacts the list needs by name: those needing attention and the responsive ones (the
   * alternatives to suggest). The detail view loads all contacts itself.
   */
  keyContacts: ContactSummary[];
  /** names and addresses of every contact, folded for the search box */
  searchText: string;
  threadCount: number;
  /** stakeholder roles with at least one contact, in the canonical order */
  roles: StakeholderRole[];
  coverage: Record<StakeholderRole, RoleCoverage>;
  /** exactly one role has a responsive contact: never bet on one horse */
  singleTrack: boolean;
  /** slow and unresponsive contacts, most overdue first */
  needsAttention: ContactSummary[];
  /** all slow and unresponsive contacts; `needsAttention` names the most overdue few */
  needsAttentionCount: number;
  worstStatus: LatencyStatus | null;
  /** the first contact we know of: the start of the trajectory */
  firstContactAt: number | null;
  lastActivityAt: number | null;
  /** the earliest open next step of this municipality or its contacts */
  nextStep: NextStep | null;
}

export function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** A contact is a track you can count on when they have answered and are not overdue now. */
export function isResponsiveRecord(latency: LatencyBrief | null): boolean {
  return latency !== null && latency.lastResponseAt !== null && (latency.status === 'ok' || latency.status === 'waiting');
}

/**
 * What needs attention first: unresponsive before slow before the rest (more such contacts
 * first), then an overdue next step, then the newest activity.
 */
export function sortMunicipalities(summaries: MunicipalitySummary[], now: number): MunicipalitySummary[] {
  const stepOverdue = (summary: MunicipalitySummary) =>
    summary.nextStep?.dueAt != null && summary.nextStep.dueAt <= now ? 1 : 0;
  return summaries.sort(
    (a, b) =>
      STATUS_SEVERITY[b.worstStatus ?? 'ok'] - STATUS_SEVERITY[a.worstStatus ?? 'ok'] ||
      (STATUS_SEVERITY[b.worstStatus ?? 'ok'] >= 2 ? b.needsAttentionCount - a.needsAttentionCount : 0) ||
      stepOverdue(b) - stepOverdue(a) ||
      (b.lastActivityAt ?? -1) - (a.lastActivityAt ?? -1) ||
      a.name.localeCompare(b.name, 'nl'),
  );
}

export interface PopupData {
  municipalities: MunicipalitySummary[];
  readerStatus: ReaderStatus[];
  rejections: Rejection[];
}

/**
 * The popup's data: the summaries the background keeps (342 small records at most, so the first
 * paint does not wait for 5,000 contacts), the reader status and the refused messages.
 */
export async function loadPopupData(db: GemeenteradarDb, now: number = Date.now()): Promise<PopupData> {
  return db.transaction('r', [db.summaries, db.readerStatus, db.rejections], async () => {
    const [summaries, readerStatus, rejections] = await Promise.all([
      db.summaries.toArray(),
      db.readerStatus.toArray(),
      db.rejections.toArray(),
    ]);
    return { municipalities: sortMunicipalities(summaries, now), readerStatus, rejections };
  });
}

export interface MunicipalityDetailData {
  /** every stakeholder contact of the municipality, most recent first, with their latency */
  contacts: ContactSummary[];
  threads: ThreadSummary[];
  /** per contact: the evidence of its municipality and role tags (a user correction first) */
  evidence: Map<string, string[]>;
}

/** What only the detail view needs: the municipality's threads and the tags' evidence. */
export async function loadMunicipalityDetail(db: GemeenteradarDb, code: string): Promise<MunicipalityDetailData> {
  return db.transaction('r', [db.contacts, db.latency, db.threads, db.tags], async () => {
    const [stored, threads] = await Promise.all([
      db.contacts.where('municipalityCode').equals(code).filter((contact) => contact.kind === 'stakeholder').toArray(),
      db.threads.where('municipalityCode').equals(code).toArray(),
    ]);
    const contactIds = stored.map((contact) => contact.id);
    const [latency, tags] = await Promise.all([
      db.latency.bulkGet(contactIds),
      db.tags
        .where('[subjectType+subjectId]')
        .anyOf(contactIds.map((id) => ['contact', id]))
        .toArray(),
    ]);
    const contacts: ContactSummary[] = stored
      .map((contact, index) => ({
        id: contact.id,
        name: contact.name,
        addresses: contact.addresses,
        role: contact.role,
        lastSeenAt: contact.lastSeenAt,
        latency: latency[index] ?? null,
      }))
      .sort((a, b) => (b.lastSeenAt ?? -1) - (a.lastSeenAt ?? -1) || a.name.localeCompare(b.name));
    // a correction of the contact decides, else the rules' tag it carries
    const corrections = new Map<string, Tag>();
    for (const tag of tags) corrections.set(`${tag.subjectId}:${tag.dimension}`, tag);
    const evidence = new Map<string, string[]>();
    for (const contact of stored) {
      const decided = (dimension: Tag['dimension']) =>
        corrections.get(`${contact.id}:${dimension}`) ?? ruleTagOf(contact, dimension);
      evidence.set(contact.id, [...(decided('municipality')?.evidence ?? []), ...(decided('role')?.evidence ?? [])]);
    }
    return {
      contacts,
      threads: threads
        .map((thread: Thread) => ({
          id: thread.id,
          subject: thread.subject,
          lastMessageAt: thread.lastMessageAt,
          lastMessageAtRaw: thread.lastMessageAtRaw,
        }))
        .sort((a, b) => (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1)),
      evidence,
    };
  });
}

export interface Advice {
  /** responsive contacts in other roles of the same municipality, most recently answering first */
  alternatives: ContactSummary[];
  /** other roles with nobody responsive: where to look for a new way in */
  rolesToOpen: StakeholderRole[];
}

/**
 * "Aim elsewhere": for a contact that keeps the user waiting, the responsive people in other
 * roles of the same municipality, or the roles where a new way in is needed.
 */
export function adviceFor(contact: ContactSummary, municipality: MunicipalitySummary): Advice {
  const alternatives = municipality.keyContacts
    .filter(
      (other) =>
        other.id !== contact.id &&
        other.role !== contact.role &&
        other.role !== 'onbekend' &&
        isResponsiveRecord(other.latency),
    )
    .sort((a, b) => (b.latency?.lastResponseAt ?? 0) - (a.latency?.lastResponseAt ?? 0));
  const rolesToOpen = STAKEHOLDER_ROLES.filter(
    (role) => role !== contact.role && municipality.coverage[role] !== 'responsive',
  );
  return { alternatives, rolesToOpen };
}

export interface LosingTouchItem {
  contact: ContactSummary;
  municipality: MunicipalitySummary;
  advice: Advice;
}

/** Everyone slow or unresponsive, across municipalities, most overdue first. */
export function losingTouchList(municipalities: readonly MunicipalitySummary[], limit = 5): LosingTouchItem[] {
  return municipalities
    .flatMap((municipality) =>
      municipality.needsAttention.map((contact) => ({ contact, municipality, advice: adviceFor(contact, municipality) })),
    )
    .sort((a, b) => (b.contact.latency?.overdueScore ?? 0) - (a.contact.latency?.overdueScore ?? 0))
    .slice(0, limit);
}

/**
 * The search box: every word must match the municipality's name or province, a role present
 * there (by id or by its label in any UI language), or a person's name or address.
 */
export function filterMunicipalities(
  municipalities: readonly MunicipalitySummary[],
  query: string,
  roleLabels: (role: RoleId) => string[],
): MunicipalitySummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...municipalities];
  return municipalities.filter((municipality) => {
    const haystack = `${fold(
      [municipality.name, municipality.province, ...municipality.roles.flatMap((role) => [role, ...roleLabels(role)])].join('\n'),
    )}\n${municipality.searchText}`;
    return words.every((word) => haystack.includes(word));
  });
}

export interface TimelineItem {
  id: string;
  kind: 'email' | 'call';
  direction: 'in' | 'out';
  at: number | null;
  atRaw: string | null;
  /** the stakeholder(s) involved */
  contactIds: string[];
  subject: string;
  threadId: string | null;
  isAutoReply: boolean;
  /** calls: picked up or not */
  answered: boolean | null;
  note: string;
}

/** Newest first; items whose time is unknown come last, with the text the page showed. */
export function sortTimeline(items: TimelineItem[]): TimelineItem[] {
  return items.sort((a, b) => (b.at ?? -Infinity) - (a.at ?? -Infinity));
}

/** Every mail and call with these contacts, newest first, at most `limit`. */
export async function loadTimeline(db: GemeenteradarDb, contactIds: readonly string[], limit = 100): Promise<TimelineItem[]> {
  if (contactIds.length === 0) return [];
  return db.transaction('r', [db.messages, db.calls], async () => {
    const [messages, calls] = await Promise.all([
      db.messages.where('contactIds').anyOf([...contactIds]).distinct().toArray(),
      db.calls.where('contactId').anyOf([...contactIds]).toArray(),
    ]);
    const items: TimelineItem[] = [
      ...messages.map((message) => ({
        id: message.id,
        kind: 'email' as const,
        direction: message.direction,
        at: message.at,
        atRaw: message.atRaw,
        contactIds: message.contactIds,
        subject: message.subject,
        threadId: message.threadId,
        isAutoReply: message.isAutoReply ?? false,
        answered: null,
        note: '',
      })),
      ...calls.map((call) => ({
        id: call.id,
        kind: 'call' as const,
        direction: call.direction,
        at: call.at,
        atRaw: null,
        contactIds: [call.contactId],
        subject: '',
        threadId: null,
        isAutoReply: false,
        answered: call.answered,
        note: call.note,
      })),
    ];
    return sortTimeline(items).slice(0, limit);
  });
}
