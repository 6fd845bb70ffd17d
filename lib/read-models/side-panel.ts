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
import { decisionIdFor, noteIdFor } from '../store/record-ids';
import type { Contact, ContactMerge, LatencyRecord, NextStep, Note, Organisation, Tag, Thread } from '../store/schemas';
import { correctionIdsForContact, effectiveTag, ruleTagOf, userScopesForContact } from '../store/tags';
import type { Evidence } from '../vocabulary/evidence';
import type { RoleId, StakeholderRole } from '../vocabulary/roles';
import { foldForSearch } from '../vocabulary/text-folding';
import { loadMeetingMoments, type MeetingMoments } from './meetings';
import { loadThreadDecisions, loadTimeline, type NotCountedMail, type TimelineItem } from './timeline';
import type { ReplyDecisionValue } from '../store/effective-intent';
import {
  emptyTally,
  repairAll,
  repairContact,
  repairLatencyRecord,
  repairMerge,
  repairNextStep,
  repairNote,
  repairOne,
  repairOrganisation,
  repairTag,
  repairThread,
  type RecordTally,
} from './record-guards';

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
  /** the user snoozed this contact until then (a decision; the latency follows at its next recompute) */
  snoozedUntil: number | null;
  /** when the contact is slow or unresponsive: where else to turn in the same municipality */
  advice: AdviceView | null;
  /** newest first, unknown times last; at most `timelineLimit` entries */
  timeline: TimelineItem[];
  timelineTotal: number;
  /** names of everyone the shown timeline entries involve (a mail to two people names both) */
  names: Record<string, string>;
  /** whom the contact works for ("namens wethouder Vos": a secretariaat), with the evidence */
  worksFor: { contactId: string; name: string; evidence: Evidence[] } | null;
  contactNote: Note | null;
  organisationNote: Note | null;
  nextSteps: NextStep[];
  merges: MergeView[];
  /** this card's records that were not as expected (record-guards.ts) */
  integrity: RecordTally;
}

export type ParticipantView =
  | { key: string; participant: Participant; status: 'known'; detail: ParticipantDetail }
  /** a colleague, the user's other address, a newsletter: no stakeholder, shown briefly */
  | { key: string; participant: Participant; status: 'not-stakeholder'; contact: Contact }
  /** not (yet) in the store: the batch may still be on its way, or the page showed no address */
  | { key: string; participant: Participant; status: 'unknown' }
  /** what the store holds about them could not be read: this card says so, the others show */
  | { key: string; participant: Participant; status: 'failed'; error: unknown };

export interface ConversationData {
  thread: Thread | null;
  threadMunicipality: MunicipalityRef | null;
  participants: ParticipantView[];
  /** the user's "geen antwoord nodig" / "wacht op antwoord" for the whole thread */
  threadDecision: ReplyDecisionValue | null;
  /** the user's mail in this thread that counts for nobody, with the reason */
  notCounted: NotCountedMail[];
  /** the conversation's own records that were not as expected (each card counts its own) */
  integrity: RecordTally;
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
export async function mergesInto(
  db: GemeenteradarDb,
  contactId: string,
  tally: RecordTally = emptyTally(),
): Promise<ContactMerge[]> {
  const merges = repairAll(await db.merges.where('intoContactId').equals(contactId).toArray(), repairMerge, tally);
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
    ? repairAll(
        await db.latency.where('municipalityCode').equals(contact.municipalityCode).toArray(),
        repairLatencyRecord,
        emptyTally(),
      )
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
      name: nameOf(names[index]) ?? alternative.id,
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

/** A stored contact's name, when the record has one (other people's cards: their own guards). */
function nameOf(record: unknown): string | undefined {
  const name = (record as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' ? name : undefined;
}

/** Everything the side panel shows about one stakeholder contact (already repaired: repairContact). */
export async function loadParticipantDetail(
  db: GemeenteradarDb,
  contact: Contact,
  timelineLimit: number = TIMELINE_PAGE,
  now: number = Date.now(),
): Promise<ParticipantDetail> {
  const integrity = emptyTally();
  const [tagsRead, organisationRead, latencyRead, timeline, notesRead, nextStepsRead, merges, snooze, meetings] =
    await Promise.all([
      db.tags.bulkGet(correctionIdsForContact(contact)),
      contact.organisationId ? db.organisations.get(contact.organisationId) : undefined,
      db.latency.get(contact.id),
      loadTimeline(db, [contact.id], Infinity, integrity),
      db.notes.bulkGet([
        noteIdFor('contact', contact.id),
        contact.organisationId ? noteIdFor('organisation', contact.organisationId) : '',
      ]),
      db.nextSteps.where('[subjectType+subjectId]').equals(['contact', contact.id]).toArray(),
      mergesInto(db, contact.id, integrity),
      db.decisions.get(decisionIdFor('snooze', 'contact', contact.id)),
      loadMeetingMoments(db, [contact.id], now),
    ]);
  const organisation = repairOne(organisationRead, repairOrganisation, integrity);
  const latency = repairOne(latencyRead, repairLatencyRecord, integrity);
  const notes = notesRead.map((note) => repairOne(note, repairNote, integrity));
  const nextSteps = repairAll(nextStepsRead, repairNextStep, integrity);
  const tags = new Map<string, Tag>();
  for (const tag of repairAll(tagsRead, repairTag, integrity)) tags.set(tag.id, tag);
  const shown = timeline.slice(0, timelineLimit);
  const worksForId = contact.worksFor?.contactId;
  const otherIds = [...new Set([...shown.flatMap((item) => item.contactIds), ...(worksForId ? [worksForId] : [])])].filter(
    (id) => id !== contact.id,
  );
  const names: Record<string, string> = { [contact.id]: contact.name };
  (await db.contacts.bulkGet(otherIds)).forEach((other, index) => {
    names[otherIds[index]!] = nameOf(other) ?? otherIds[index]!.replace(/^c:/, '');
  });
  return {
    contact,
    organisation: organisation ?? null,
    municipality: municipalityRef(contact.municipalityCode),
    municipalityTags: dimensionTags(contact, tags, 'municipality'),
    roleTags: dimensionTags(contact, tags, 'role'),
    followedByCorrection: effectiveTag(userScopesForContact(contact), 'kind', tags, null),
    latency,
    meetings,
    snoozedUntil: snooze?.kind === 'snooze' && Number.isFinite(snooze.until) ? snooze.until : null,
    advice: await loadAdvice(db, contact, latency),
    timeline: shown,
    timelineTotal: timeline.length,
    names,
    worksFor:
      contact.worksFor && worksForId
        ? { contactId: worksForId, name: names[worksForId] ?? worksForId, evidence: contact.worksFor.evidence }
        : null,
    contactNote: notes[0] ?? null,
    organisationNote: notes[1] ?? null,
    nextSteps: sortNextSteps(nextSteps),
    merges: merges.map(mergeView),
    integrity,
  };
}

/**
 * One contact by id (the popup's "open in side panel"); null when it no longer exists,
 * 'unreadable' when its record is there but cannot be read (record-guards.ts).
 */
export async function loadContactView(
  db: GemeenteradarDb,
  contactId: string,
  timelineLimit: number = TIMELINE_PAGE,
): Promise<ParticipantView | null | 'unreadable'> {
  const stored = await db.contacts.get(contactId);
  if (!stored) return null;
  const contact = repairOne(stored, repairContact, emptyTally());
  if (!contact) return 'unreadable';
  const participant = { name: contact.name, address: contact.addresses[0] ?? null };
  if (contact.kind !== 'stakeholder') return { key: contact.id, participant, status: 'not-stakeholder', contact };
  return { key: contact.id, participant, status: 'known', detail: await loadParticipantDetail(db, contact, timelineLimit) };
}

async function contactsByAddress(
  db: GemeenteradarDb,
  addresses: readonly string[],
  tally: RecordTally,
): Promise<Map<string, Contact>> {
  const read = addresses.length
    ? await db.contacts
        .where('addresses')
        .anyOf([...addresses])
        .toArray()
    : [];
  const found = repairAll(read, repairContact, tally);
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
  const integrity = emptyTally();
  const [threadRead, byAddress, threadDecisions] = await Promise.all([
    threadKey ? db.threads.get(threadKey) : undefined,
    contactsByAddress(db, addresses, integrity),
    threadKey ? loadThreadDecisions(db, threadKey) : { decision: null, notCounted: [] },
  ]);
  const thread = repairOne(threadRead, repairThread, integrity);
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
      loadParticipantDetail(db, contact, timelineLimits[contact.id] ?? TIMELINE_PAGE).then(
        (detail): ParticipantView => ({ key, participant, status: 'known', detail }),
        (error: unknown): ParticipantView => ({ key, participant, status: 'failed', error }),
      ),
    );
  }
  const shown = await Promise.all(views);
  return {
    thread,
    threadMunicipality: municipalityRef(thread?.municipalityCode ?? null),
    participants: shown,
    threadDecision: threadDecisions.decision,
    notCounted: threadDecisions.notCounted,
    integrity,
  };
}

export interface ListMunicipality extends MunicipalityRef {
  contacts: { id: string; name: string; role: RoleId }[];
}

/** For a list view with selected rows: the municipalities of the people in them. */
export async function loadListMunicipalities(
  db: GemeenteradarDb,
  participants: readonly Participant[],
  tally: RecordTally = emptyTally(),
): Promise<ListMunicipality[]> {
  const addresses = participants.flatMap((participant) => (participant.address ? [participant.address] : []));
  const byAddress = await contactsByAddress(db, addresses, tally);
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
  const found = await db.contacts
    .where('kind')
    .equals('stakeholder')
    .filter((stored) => {
      // a damaged record is no candidate (nor a reason for the search to fail)
      const contact = repairOne(stored, repairContact, emptyTally());
      if (!contact || contact.id === excludeId) return false;
      const haystack = foldForSearch(`${contact.name} ${contact.addresses.join(' ')}`);
      return words.every((word) => haystack.includes(word));
    })
    .limit(limit)
    .toArray();
  return repairAll(found, repairContact, emptyTally());
}
