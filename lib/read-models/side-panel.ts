/**
 * Read models of the side panel: who is in the open conversation and everything the user needs
 * about each of them (tags with evidence, latency, the timeline across threads and calls, notes,
 * next steps, merges), for useLiveQuery: a change in any table read re-renders the panel.
 *
 * Imports nothing that validates (no zod): extension pages read through the read-only page
 * database, and every write goes through the background.
 *
 * No explicit transaction: inside liveQuery, Dexie cannot keep one open across the awaits of
 * these composed loaders (PrematureCommitError); liveQuery re-runs on every change anyway.
 */
import { municipalityByCode } from '../data';
import { adviceFor } from '../latency/rollup';
import type { Participant } from '../messaging/observations';
import type { GemeenteradarDb } from '../store/db';
import { noteIdFor } from '../store/record-ids';
import type { Contact, ContactMerge, LatencyRecord, NextStep, Note, Organisation, Tag, Thread } from '../store/schemas';
import { correctionIdsForContact, effectiveTag, ruleTagOf, userScopesForContact } from '../store/tags';
import type { RoleId, StakeholderRole } from '../vocabulary/roles';
import { foldForSearch } from '../vocabulary/text-folding';
import { loadMeetingMoments, type MeetingMoments } from './meetings';
import { loadTimeline, type TimelineItem } from './timeline';

/** How many timeline entries a card shows before "show all". */
export const TIMELINE_PAGE = 20;

export interface DimensionTags {
  /** the tag that decides (a user correction, else the rule), or null */
  decided: Tag | null;
  /** the rule's tag, also when a correction overrules it (shown as overruled evidence) */
  rule: Tag | null;
}

export interface MunicipalityRef {
  code: string;
  name: string;
  province: string;
}

export interface AlternativeView {
  contactId: string;
  name: string;
  role: StakeholderRole;
}

export interface AdviceView {
  alternatives: AlternativeView[];
  rolesToOpen: StakeholderRole[];
}

export interface MergeView {
  id: string;
  mergedContactId: string;
  name: string;
  addresses: string[];
  at: number;
}

export interface ParticipantDetail {
  contact: Contact;
  organisation: Organisation | null;
  municipality: MunicipalityRef | null;
  municipalityTags: DimensionTags;
  roleTags: DimensionTags;
  /** the user's correction that made this contact a stakeholder (followed after all), if any */
  followedByCorrection: Tag | null;
  latency: LatencyRecord | null;
  /** the last meeting that took place and the next one planned */
  meetings: MeetingMoments;
  /** when the contact is slow or unresponsive: where else to turn in the same municipality */
  advice: AdviceView | null;
  /** newest first, unknown times last; at most `timelineLimit` entries */
  timeline: TimelineItem[];
  timelineTotal: number;
  /** names of everyone the shown timeline entries involve (a mail to two people names both) */
  names: Record<string, string>;
  contactNote: Note | null;
  organisationNote: Note | null;
  nextSteps: NextStep[];
  merges: MergeView[];
}

export type ParticipantView =
  | { key: string; participant: Participant; status: 'known'; detail: ParticipantDetail }
  /** a colleague, the user's other address, a newsletter: no stakeholder, shown briefly */
  | { key: string; participant: Participant; status: 'not-stakeholder'; contact: Contact }
  /** not (yet) in the store: the batch may still be on its way, or the page showed no address */
  | { key: string; participant: Participant; status: 'unknown' };

export interface ConversationData {
  thread: Thread | null;
  threadMunicipality: MunicipalityRef | null;
  participants: ParticipantView[];
}

/** A subject's steps: open ones first by due date (undated last), then done ones, newest first. */
export function sortNextSteps(steps: readonly NextStep[]): NextStep[] {
  return [...steps].sort((a, b) => {
    if (a.done !== b.done) return a.done ? 1 : -1;
    if (a.done) return b.updatedAt - a.updatedAt;
    return (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || a.updatedAt - b.updatedAt;
  });
}

/** The merges into a contact, newest first (what the side panel offers to split). */
export async function mergesInto(db: GemeenteradarDb, contactId: string): Promise<ContactMerge[]> {
  const merges = await db.merges.where('intoContactId').equals(contactId).toArray();
  return merges.sort((a, b) => b.at - a.at);
}

export function participantKey(participant: Participant): string {
  return participant.address ?? `name:${participant.name}`;
}

export function municipalityRef(code: string | null): MunicipalityRef | null {
  if (!code) return null;
  const record = municipalityByCode(code);
  return record ? { code: record.code, name: record.name, province: record.province } : null;
}

function dimensionTags(contact: Contact, tags: ReadonlyMap<string, Tag>, dimension: Tag['dimension']): DimensionTags {
  const rule = ruleTagOf(contact, dimension);
  return { decided: effectiveTag(userScopesForContact(contact), dimension, tags, rule), rule };
}

async function loadAdvice(db: GemeenteradarDb, contact: Contact, latency: LatencyRecord | null): Promise<AdviceView | null> {
  if (!latency || (latency.status !== 'slow' && latency.status !== 'unresponsive')) return null;
  const records = contact.municipalityCode
    ? await db.latency.where('municipalityCode').equals(contact.municipalityCode).toArray()
    : [];
  // the contact's current tags, not the cache's (a correction shows before the recompute)
  const advice = adviceFor(
    contact,
    records.map((record) => ({ id: record.contactId, role: record.role, latency: record })),
  );
  const names = await db.contacts.bulkGet(advice.alternatives.map((alternative) => alternative.id));
  return {
    alternatives: advice.alternatives.map((alternative, index) => ({
      contactId: alternative.id,
      name: names[index]?.name ?? alternative.id,
      role: alternative.role,
    })),
    rolesToOpen: advice.rolesToOpen,
  };
}

function mergeView(merge: ContactMerge): MergeView {
  return {
    id: merge.id,
    mergedContactId: merge.mergedContactId,
    name: merge.mergedContact.name,
    addresses: merge.mergedContact.addresses,
    at: merge.at,
  };
}

/** Everything the side panel shows about one stakeholder contact. */
export async function loadParticipantDetail(
  db: GemeenteradarDb,
  contact: Contact,
  timelineLimit: number = TIMELINE_PAGE,
  now: number = Date.now(),
): Promise<ParticipantDetail> {
  const [tagList, organisation, latency, timeline, notes, nextSteps, merges, meetings] = await Promise.all([
    db.tags.bulkGet(correctionIdsForContact(contact)),
    contact.organisationId ? db.organisations.get(contact.organisationId) : undefined,
    db.latency.get(contact.id),
    loadTimeline(db, [contact.id], Infinity),
    db.notes.bulkGet([
      noteIdFor('contact', contact.id),
      contact.organisationId ? noteIdFor('organisation', contact.organisationId) : '',
    ]),
    db.nextSteps.where('[subjectType+subjectId]').equals(['contact', contact.id]).toArray(),
    mergesInto(db, contact.id),
    loadMeetingMoments(db, [contact.id], now),
  ]);
  const tags = new Map<string, Tag>();
  for (const tag of tagList) if (tag) tags.set(tag.id, tag);
  const shown = timeline.slice(0, timelineLimit);
  const otherIds = [...new Set(shown.flatMap((item) => item.contactIds))].filter((id) => id !== contact.id);
  const names: Record<string, string> = { [contact.id]: contact.name };
  (await db.contacts.bulkGet(otherIds)).forEach((other, index) => {
    names[otherIds[index]!] = other?.name ?? otherIds[index]!.replace(/^c:/, '');
  });
  return {
    contact,
    organisation: organisation ?? null,
    municipality: municipalityRef(contact.municipalityCode),
    municipalityTags: dimensionTags(contact, tags, 'municipality'),
    roleTags: dimensionTags(contact, tags, 'role'),
    followedByCorrection: effectiveTag(userScopesForContact(contact), 'kind', tags, null),
    latency: latency ?? null,
    meetings,
    advice: await loadAdvice(db, contact, latency ?? null),
    timeline: shown,
    timelineTotal: timeline.length,
    names,
    contactNote: notes[0] ?? null,
    organisationNote: notes[1] ?? null,
    nextSteps: sortNextSteps(nextSteps),
    merges: merges.map(mergeView),
  };
}

/** One contact by id (the popup's "open in side panel"); null when it no longer exists. */
export async function loadContactView(
  db: GemeenteradarDb,
  contactId: string,
  timelineLimit: number = TIMELINE_PAGE,
): Promise<ParticipantView | null> {
  const contact = await db.contacts.get(contactId);
  if (!contact) return null;
  const participant = { name: contact.name, address: contact.addresses[0] ?? null };
  if (contact.kind !== 'stakeholder') return { key: contact.id, participant, status: 'not-stakeholder', contact };
  return { key: contact.id, participant, status: 'known', detail: await loadParticipantDetail(db, contact, timelineLimit) };
}

async function contactsByAddress(db: GemeenteradarDb, addresses: readonly string[]): Promise<Map<string, Contact>> {
  const found = addresses.length
    ? await db.contacts
        .where('addresses')
        .anyOf([...addresses])
        .toArray()
    : [];
  const byAddress = new Map<string, Contact>();
  for (const contact of found) for (const address of contact.addresses) byAddress.set(address, contact);
  return byAddress;
}

/**
 * The open conversation: its thread and, per participant (in the order the page shows them),
 * what the store knows. Two addresses of one (merged) person show as one card.
 */
export async function loadConversation(
  db: GemeenteradarDb,
  { threadKey, participants }: { threadKey: string | null; participants: readonly Participant[] },
  { timelineLimits = {} }: { timelineLimits?: Readonly<Record<string, number>> } = {},
): Promise<ConversationData> {
  const addresses = participants.flatMap((participant) => (participant.address ? [participant.address] : []));
  const [thread, byAddress] = await Promise.all([
    threadKey ? db.threads.get(threadKey) : undefined,
    contactsByAddress(db, addresses),
  ]);
  const shownContacts = new Set<string>();
  const views: (ParticipantView | Promise<ParticipantView>)[] = [];
  for (const participant of participants) {
    const key = participantKey(participant);
    const contact = participant.address ? byAddress.get(participant.address) : undefined;
    if (!contact) {
      views.push({ key, participant, status: 'unknown' });
      continue;
    }
    if (shownContacts.has(contact.id)) continue;
    shownContacts.add(contact.id);
    if (contact.kind !== 'stakeholder') {
      views.push({ key, participant, status: 'not-stakeholder', contact });
      continue;
    }
    views.push(
      loadParticipantDetail(db, contact, timelineLimits[contact.id] ?? TIMELINE_PAGE).then((detail): ParticipantView => ({
        key,
        participant,
        status: 'known',
        detail,
      })),
    );
  }
  return {
    thread: thread ?? null,
    threadMunicipality: municipalityRef(thread?.municipalityCode ?? null),
    participants: await Promise.all(views),
  };
}

export interface ListMunicipality extends MunicipalityRef {
  contacts: { id: string; name: string; role: RoleId }[];
}

/** For a list view with selected rows: the municipalities of the people in them. */
export async function loadListMunicipalities(
  db: GemeenteradarDb,
  participants: readonly Participant[],
): Promise<ListMunicipality[]> {
  const addresses = participants.flatMap((participant) => (participant.address ? [participant.address] : []));
  const byAddress = await contactsByAddress(db, addresses);
  const byCode = new Map<string, ListMunicipality>();
  const seen = new Set<string>();
  for (const address of addresses) {
    const contact = byAddress.get(address);
    if (!contact || contact.kind !== 'stakeholder' || seen.has(contact.id)) continue;
    seen.add(contact.id);
    const ref = municipalityRef(contact.municipalityCode);
    if (!ref) continue;
    const entry = byCode.get(ref.code) ?? { ...ref, contacts: [] };
    entry.contacts.push({ id: contact.id, name: contact.name, role: contact.role });
    byCode.set(ref.code, entry);
  }
  return [...byCode.values()];
}

/** Other stakeholder contacts matching a search (name or address), for "same person as". */
export async function searchContacts(
  db: GemeenteradarDb,
  query: string,
  { excludeId, limit = 20 }: { excludeId?: string; limit?: number } = {},
): Promise<Contact[]> {
  const folded = foldForSearch(query);
  if (folded.length < 2) return [];
  const words = folded.split(' ');
  return db.contacts
    .where('kind')
    .equals('stakeholder')
    .filter((contact) => {
      if (contact.id === excludeId) return false;
      const haystack = foldForSearch(`${contact.name} ${contact.addresses.join(' ')}`);
      return words.every((word) => haystack.includes(word));
    })
    .limit(limit)
    .toArray();
}
