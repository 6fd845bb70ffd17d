/**
 * The popup's read model: the municipality summaries the background keeps
 * (municipality-summaries.ts), sorted, searched and advised on, and what the detail view of one
 * municipality loads itself. Pure functions (unit-tested) plus loaders that read the store inside
 * one read transaction (used with useLiveQuery). Imports nothing that validates (no zod) and not
 * the municipality data file: the popup's first paint waits for neither.
 */
import type { GemeenteradarDb } from '../store/db';
import type { ContactSummary, MunicipalitySummary, ReaderStatus, Rejection, Tag, Thread } from '../store/schemas';
import { ruleTagOf } from '../store/tags';
import { isGuessEvidence, type Evidence } from '../vocabulary/evidence';
import type { RoleId } from '../vocabulary/roles';
import { statusSeverity } from '../vocabulary/statuses';
import { foldAccentsAndCase } from '../vocabulary/text-folding';
import {
  addTallies,
  emptyTally,
  repairAll,
  repairContact,
  repairLatencyBrief,
  repairMunicipalitySummary,
  repairOne,
  repairReaderStatus,
  repairRejection,
  repairTag,
  repairThread,
  type RecordTally,
} from './record-guards';

export interface ThreadSummary {
  id: string;
  /** where it was read: a webmail host (the conversation opens there) or an imported file */
  host: string;
  subject: string;
  lastMessageAt: number | null;
  lastMessageAtRaw: string | null;
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
      statusSeverity(b.worstStatus ?? 'ok') - statusSeverity(a.worstStatus ?? 'ok') ||
      (statusSeverity(b.worstStatus ?? 'ok') >= statusSeverity('slow') ? b.needsAttentionCount - a.needsAttentionCount : 0) ||
      stepOverdue(b) - stepOverdue(a) ||
      (b.lastActivityAt ?? -1) - (a.lastActivityAt ?? -1) ||
      a.name.localeCompare(b.name, 'nl'),
  );
}

export interface PopupData {
  municipalities: MunicipalitySummary[];
  readerStatus: ReaderStatus[];
  rejections: Rejection[];
  /** records that were not as expected: repaired, or set aside (record-guards.ts); shown, never hidden */
  integrity?: RecordTally;
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
    const integrity = emptyTally();
    return {
      municipalities: sortMunicipalities(repairAll(summaries, repairMunicipalitySummary, integrity), now),
      readerStatus: repairAll(readerStatus, repairReaderStatus, integrity),
      rejections: repairAll(rejections, repairRejection, integrity),
      integrity,
    };
  });
}

/**
 * The popup's first screen from its snapshot in extension storage (lib/store/popup-snapshot.ts),
 * checked like the store's records: storage can hold anything an older build or an edit left.
 */
export function popupDataFromSnapshot(snapshot: unknown, now: number): PopupData | null {
  if (typeof snapshot !== 'object' || snapshot === null) return null;
  const integrity = emptyTally();
  const stored = (snapshot as { municipalities?: unknown }).municipalities;
  if (!Array.isArray(stored)) return null;
  const municipalities = repairAll(stored, repairMunicipalitySummary, integrity);
  return { municipalities: sortMunicipalities(municipalities, now), readerStatus: [], rejections: [], integrity };
}

export interface MunicipalityDetailData {
  /** every stakeholder contact of the municipality, most recent first, with their latency */
  contacts: ContactSummary[];
  threads: ThreadSummary[];
  /** per contact: the evidence of its municipality and role tags (a user correction first) */
  evidence: Map<string, Evidence[]>;
  /** contacts whose role is the rules' guess from their organisation alone ("vermoedelijk") */
  roleGuessed: Set<string>;
  integrity: RecordTally;
}

/** What only the detail view needs: the municipality's threads and the tags' evidence. */
export async function loadMunicipalityDetail(db: GemeenteradarDb, code: string): Promise<MunicipalityDetailData> {
  return db.transaction('r', [db.contacts, db.latency, db.threads, db.tags], async () => {
    const integrity = emptyTally();
    const [contactsRead, threadsRead] = await Promise.all([
      db.contacts.where('municipalityCode').equals(code).toArray(),
      db.threads.where('municipalityCode').equals(code).toArray(),
    ]);
    const stored = repairAll(contactsRead, repairContact, integrity).filter((contact) => contact.kind === 'stakeholder');
    const threads = repairAll(threadsRead, repairThread, integrity);
    const contactIds = stored.map((contact) => contact.id);
    const [latencyRead, tagsRead] = await Promise.all([
      db.latency.bulkGet(contactIds),
      db.tags
        .where('[subjectType+subjectId]')
        .anyOf(contactIds.map((id) => ['contact', id]))
        .toArray(),
    ]);
    const latency = latencyRead.map((record) => repairOne(record, repairLatencyBrief, integrity));
    const tags = repairAll(tagsRead, repairTag, integrity);
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
    const evidence = new Map<string, Evidence[]>();
    const roleGuessed = new Set<string>();
    for (const contact of stored) {
      const decided = (dimension: Tag['dimension']) =>
        corrections.get(`${contact.id}:${dimension}`) ?? ruleTagOf(contact, dimension);
      const role = decided('role');
      evidence.set(contact.id, [...(decided('municipality')?.evidence ?? []), ...(role?.evidence ?? [])]);
      if (role?.source === 'rule' && isGuessEvidence(role.evidence)) roleGuessed.add(contact.id);
    }
    return {
      contacts,
      threads: threads
        .map((thread: Thread) => ({
          id: thread.id,
          host: thread.host,
          subject: thread.subject,
          lastMessageAt: thread.lastMessageAt,
          lastMessageAtRaw: thread.lastMessageAtRaw,
        }))
        .sort((a, b) => (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1)),
      evidence,
      roleGuessed,
      integrity: addTallies(integrity),
    };
  });
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
  const words = foldAccentsAndCase(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...municipalities];
  return municipalities.filter((municipality) => {
    const haystack = `${foldAccentsAndCase(
      [municipality.name, municipality.province, ...municipality.roles.flatMap((role) => [role, ...roleLabels(role)])].join('\n'),
    )}\n${municipality.searchText}`;
    return words.every((word) => haystack.includes(word));
  });
}
