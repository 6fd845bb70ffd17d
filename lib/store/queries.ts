/**
 * Read models for the extension pages. Pure summarising functions (unit-tested) plus the loaders
 * that feed them from the store inside one read transaction (used with useLiveQuery).
 */
import { municipalityByCode } from '../data';
import { STAKEHOLDER_ROLES, type RoleId } from '../roles';
import type { GemeenteradarDb } from './db';
import type { Contact, ReaderStatus, Rejection, Tag, Thread } from './schemas';

export interface ContactSummary {
  id: string;
  name: string;
  addresses: string[];
  role: RoleId;
  roleEvidence: string[];
  municipalityEvidence: string[];
  lastSeenAt: number | null;
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
  roles: Exclude<RoleId, 'onbekend'>[];
  lastActivityAt: number | null;
}

function latest(a: number | null, b: number | null): number | null {
  if (a == null) return b;
  if (b == null) return a;
  return Math.max(a, b);
}

/**
 * Groups stakeholder contacts and threads by municipality, newest activity first.
 * `tags` supplies the evidence shown next to each tag (effective tags are on the contact).
 */
export function summariseMunicipalities(
  contacts: readonly Contact[],
  threads: readonly Thread[],
  tags: readonly Tag[] = [],
): MunicipalitySummary[] {
  const evidence = new Map<string, string[]>();
  for (const tag of tags) {
    if (tag.subjectType !== 'contact') continue;
    // user corrections come after rules in id order, so they win on the same key
    const key = `${tag.subjectId}:${tag.dimension}`;
    if (tag.source === 'user' || !evidence.has(key)) evidence.set(key, tag.evidence);
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
        lastActivityAt: null,
      };
      byCode.set(code, summary);
    }
    return summary;
  };

  for (const contact of contacts) {
    if (contact.kind !== 'stakeholder' || !contact.municipalityCode) continue;
    const summary = summaryFor(contact.municipalityCode);
    if (!summary) continue;
    summary.contacts.push({
      id: contact.id,
      name: contact.name,
      addresses: contact.addresses,
      role: contact.role,
      roleEvidence: evidence.get(`${contact.id}:role`) ?? [],
      municipalityEvidence: evidence.get(`${contact.id}:municipality`) ?? [],
      lastSeenAt: contact.lastSeenAt,
    });
    summary.lastActivityAt = latest(summary.lastActivityAt, contact.lastSeenAt);
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
  }

  const summaries = [...byCode.values()];
  for (const summary of summaries) {
    const present = new Set(summary.contacts.map((contact) => contact.role));
    summary.roles = STAKEHOLDER_ROLES.filter((role) => present.has(role));
    summary.contacts.sort((a, b) => (b.lastSeenAt ?? -1) - (a.lastSeenAt ?? -1) || a.name.localeCompare(b.name));
    summary.threads.sort((a, b) => (b.lastMessageAt ?? -1) - (a.lastMessageAt ?? -1));
  }
  return summaries.sort(
    (a, b) => (b.lastActivityAt ?? -1) - (a.lastActivityAt ?? -1) || a.name.localeCompare(b.name, 'nl'),
  );
}

export interface PopupData {
  municipalities: MunicipalitySummary[];
  readerStatus: ReaderStatus[];
  rejections: Rejection[];
}

export async function loadPopupData(db: GemeenteradarDb): Promise<PopupData> {
  return db.transaction('r', [db.contacts, db.threads, db.tags, db.readerStatus, db.rejections], async () => {
    const [contacts, threads, tags, readerStatus, rejections] = await Promise.all([
      db.contacts.where('kind').equals('stakeholder').toArray(),
      db.threads.where('municipalityCode').above('').toArray(),
      db.tags.where('[subjectType+subjectId]').between(['contact', ''], ['contact', '\uffff']).toArray(),
      db.readerStatus.toArray(),
      db.rejections.toArray(),
    ]);
    return { municipalities: summariseMunicipalities(contacts, threads, tags), readerStatus, rejections };
  });
}
