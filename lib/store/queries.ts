/**
 * Read models for the extension pages. Pure summarising functions (unit-tested) plus the loaders
 * that feed them from the store inside one read transaction (used with useLiveQuery).
 */
import { municipalityByCode } from '../data';
import { STAKEHOLDER_ROLES, type RoleId } from '../roles';
import type { GemeenteradarDb } from './db';
import type {
  Contact,
  LatencyRecord,
  NextStep,
  ReaderStatus,
  Rejection,
  Tag,
  Thread,
} from './schemas';

export type StakeholderRole = Exclude<RoleId, 'onbekend'>;
export type LatencyStatus = LatencyRecord['status'];
/** responsive: someone in this role answers; silent: contacts, none answering; none: nobody yet */
export type RoleCoverage = 'responsive' | 'silent' | 'none';

const STATUS_SEVERITY: Record<LatencyStatus, number> = { ok: 0, waiting: 1, slow: 2, unresponsive: 3 };

export interface ContactSummary {
  id: string;
  name: string;
  addresses: string[];
  role: RoleId;
  roleEvidence: string[];
  municipalityEvidence: string[];
  lastSeenAt: number | null;
  /** null until the background computed it */
  latency: LatencyRecord | null;
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
  contacts: ContactSummary[];
  threads: ThreadSummary[];
  /** stakeholder roles with at least one contact, in the canonical order */
  roles: StakeholderRole[];
  coverage: Record<StakeholderRole, RoleCoverage>;
  /** exactly one role has a responsive contact: never bet on one horse */
  singleTrack: boolean;
  /** slow and unresponsive contacts, most overdue first */
  needsAttention: ContactSummary[];
  worstStatus: LatencyStatus | null;
  /** the first contact we know of: the start of the trajectory */
  firstContactAt: number | null;
  lastActivityAt: number | null;
  /** the earliest open next step of this municipality or its contacts */
  nextStep: NextStep | null;
}

/** A contact is a track you can count on when they have answered and are not overdue now. */
export function isResponsiveRecord(latency: LatencyRecord | null): boolean {
  return latency !== null && latency.lastResponseAt !== null && (latency.status === 'ok' || latency.status === 'waiting');
}

function latest(a: number | null, b: number | null): number | null {
  if (a == null) return b;
  if (b == null) return a;
  return Math.max(a, b);
}

function earliest(a: number | null, b: number | null): number | null {
  if (a == null) return b;
  if (b == null) return a;
  return Math.min(a, b);
}

function earlierStep(a: NextStep | null, b: NextStep | null): NextStep | null {
  if (!a) return b;
  if (!b) return a;
  return (a.dueAt ?? Infinity) <= (b.dueAt ?? Infinity) ? a : b;
}

export interface SummariseInput {
  contacts: readonly Contact[];
  threads: readonly Thread[];
  tags?: readonly Tag[];
  latency?: readonly LatencyRecord[];
  nextSteps?: readonly NextStep[];
}

/**
 * Groups stakeholder contacts and threads by municipality. Sorted by what needs attention first:
 * unresponsive before slow before the rest, then an overdue next step, then the newest activity.
 */
export function summariseMunicipalities(
  { contacts, threads, tags = [], latency = [], nextSteps = [] }: SummariseInput,
  now: number = Date.now(),
): MunicipalitySummary[] {
  const evidence = new Map<string, string[]>();
  for (const tag of tags) {
    if (tag.subjectType !== 'contact') continue;
    const key = `${tag.subjectId}:${tag.dimension}`;
    if (tag.source === 'user' || !evidence.has(key)) evidence.set(key, tag.evidence);
  }
  const latencyByContact = new Map(latency.map((record) => [record.contactId, record]));
  const openSteps = new Map<string, NextStep>();
  for (const step of nextSteps) {
    if (step.done) continue;
    const key = `${step.subjectType}:${step.subjectId}`;
    openSteps.set(key, earlierStep(openSteps.get(key) ?? null, step)!);
  }

  const byCode = new Map<string, MunicipalitySummary>();
  const summaryFor = (code: string): MunicipalitySummary | undefined => {
    let summary = byCode.get(code);
    if (!summary) {
      const record = municipalityByCode(code);
      if (!record) return undefined; // an unknown code is never shown as a municipality
      summary = {
        code,
        name: record.name,
        province: record.province,
        contacts: [],
        threads: [],
        roles: [],
        coverage: { wethouder: 'none', gemeenteraad: 'none', welzijnsorganisatie: 'none', ambtenaar: 'none', bewoner: 'none' },
        singleTrack: false,
        needsAttention: [],
        worstStatus: null,
        firstContactAt: null,
        lastActivityAt: null,
        nextStep: openSteps.get(`municipality:${code}`) ?? null,
      };
      byCode.set(code, summary);
    }
    return summary;
  };

  for (const contact of contacts) {
    if (contact.kind !== 'stakeholder' || !contact.municipalityCode) continue;
    const summary = summaryFor(contact.municipalityCode);
    if (!summary) continue;
    const record = latencyByContact.get(contact.id) ?? null;
    const contactSummary: ContactSummary = {
      id: contact.id,
      name: contact.name,
      addresses: contact.addresses,
      role: contact.role,
      roleEvidence: evidence.get(`${contact.id}:role`) ?? [],
      municipalityEvidence: evidence.get(`${contact.id}:municipality`) ?? [],
      lastSeenAt: contact.lastSeenAt,
      latency: record,
    };
    summary.contacts.push(contactSummary);
    summary.lastActivityAt = latest(summary.lastActivityAt, contact.lastSeenAt);
    summary.firstContactAt = earliest(summary.firstContactAt, contact.firstSeenAt);
    summary.nextStep = earlierStep(summary.nextStep, openSteps.get(`contact:${contact.id}`) ?? null);
    if (record) {
      if (summary.worstStatus === null || STATUS_SEVERITY[record.status] > STATUS_SEVERITY[summary.worstStatus]) {
        summary.worstStatus = record.status;
      }
      if (record.status === 'slow' || record.status === 'unresponsive') summary.needsAttention.push(contactSummary);
    }
  }
  for (const thread of threads) {
    if (!thread.municipalityCode) continue;
    const summary = summaryFor(thread.municipalityCode);
    if (!summary) continue;
    summary.threads.push({
      id: thread.id,
      subject: thread.subject,
      lastMessageAt: thread.lastMessageAt,
      lastMessageAtRaw: thread.lastMessageAtRaw,
    });
    summary.lastActivityAt = latest(summary.lastActivityAt, thread.lastMessageAt);
    summary.firstContactAt = earliest(summary.firstContactAt, thread.firstMessageAt ?? thread.lastMessageAt);
  }

  const summaries = [...byCode.values()];
  for (const summary of summaries) {
    const present = new Set(summary.contacts.map((contact) => contact.role));
    summary.roles = STAKEHOLDER_ROLES.filter((role) => present.has(role));
    for (const role of summary.roles) summary.coverage[role] = 'silent';
    for (const contact of summary.contacts) {
      if (contact.role !== 'onbekend' && isResponsiveRecord(contact.latency)) summary.coverage[contact.role] = 'responsive';
    }
    summary.singleTrack = STAKEHOLDER_ROLES.filter((role) => summary.coverage[role] === 'responsive').length === 1;
    summary.needsAttention.sort((a, b) => (b.latency?.overdueScore ?? 0) - (a.latency?.overdueScore ?? 0));
    summary.contacts.sort((a, b) => (b.lastSeenAt ?? -1) - (a.lastSeenAt ?? -1) || a.name.localeCompare(b.name));
    summary.threads.sort((a, b) => (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1));
  }
  const stepOverdue = (summary: MunicipalitySummary) =>
    summary.nextStep?.dueAt != null && summary.nextStep.dueAt <= now ? 1 : 0;
  return summaries.sort(
    (a, b) =>
      STATUS_SEVERITY[b.worstStatus ?? 'ok'] - STATUS_SEVERITY[a.worstStatus ?? 'ok'] ||
      (STATUS_SEVERITY[b.worstStatus ?? 'ok'] >= 2 ? b.needsAttention.length - a.needsAttention.length : 0) ||
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

export async function loadPopupData(db: GemeenteradarDb, now: number = Date.now()): Promise<PopupData> {
  return db.transaction(
    'r',
    [db.contacts, db.threads, db.tags, db.latency, db.nextSteps, db.readerStatus, db.rejections],
    async () => {
      const [contacts, threads, tags, latency, nextSteps, readerStatus, rejections] = await Promise.all([
        db.contacts.where('kind').equals('stakeholder').toArray(),
        db.threads.where('municipalityCode').above('').toArray(),
        db.tags.where('[subjectType+subjectId]').between(['contact', ''], ['contact', '\uffff']).toArray(),
        db.latency.toArray(),
        db.nextSteps.filter((step) => !step.done).toArray(),
        db.readerStatus.toArray(),
        db.rejections.toArray(),
      ]);
      return {
        municipalities: summariseMunicipalities({ contacts, threads, tags, latency, nextSteps }, now),
        readerStatus,
        rejections,
      };
    },
  );
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
  const alternatives = municipality.contacts
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

function fold(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
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
    const haystack = fold(
      [
        municipality.name,
        municipality.province,
        ...municipality.roles.flatMap((role) => [role, ...roleLabels(role)]),
        ...municipality.contacts.flatMap((contact) => [contact.name, ...contact.addresses]),
      ].join('\n'),
    );
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
