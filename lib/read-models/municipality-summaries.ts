/**
 * Summarising the store per municipality: the popup's read model, as the background computes and
 * keeps it (lib/store/summary-service.ts) in the `summaries` table. Never run in the popup, which
 * reads the stored result: this module pulls in the municipality data file, and the popup's first
 * paint should not wait for it.
 */
import { allMunicipalities, municipalityByCode } from '../data';
import { isResponsive } from '../latency/rollup';
import type { GemeenteradarDb } from '../store/db';
import type {
  Contact,
  ContactSummary,
  LatencyBrief,
  LatencyRecord,
  Meeting,
  MunicipalitySummary,
  NextMeetingBrief,
  NextStep,
} from '../store/schemas';
import { maxTime, minTime } from '../store/times';
import { STAKEHOLDER_ROLES, type StakeholderRole } from '../vocabulary/roles';
import { statusSeverity } from '../vocabulary/statuses';
import { foldAccentsAndCase } from '../vocabulary/text-folding';
import { meetingMoment } from './meetings';
import { sortMunicipalities } from './popup';

/** How many overdue contacts a summary names, and how many responsive ones per role. */
const ATTENTION_NAMED = 5;
const ALTERNATIVES_PER_ROLE = 2;

function latencyBrief(record: LatencyRecord): LatencyBrief {
  return {
    status: record.status,
    attemptsSinceLastResponse: record.attemptsSinceLastResponse,
    workingDaysWaiting: record.workingDaysWaiting,
    lastResponseAt: record.lastResponseAt,
    lastResponseKind: record.lastResponseKind,
    overdueScore: record.overdueScore,
    medianResponseWorkingDays: record.medianResponseWorkingDays,
  };
}

function earlierStep(a: NextStep | null, b: NextStep | null): NextStep | null {
  if (!a) return b;
  if (!b) return a;
  return (a.dueAt ?? Infinity) <= (b.dueAt ?? Infinity) ? a : b;
}

export interface SummariseInput {
  contacts: readonly Contact[];
  /** threads per municipality code (counted in the store, not loaded) */
  threadCounts?: ReadonlyMap<string, number>;
  latency?: readonly LatencyRecord[];
  nextSteps?: readonly NextStep[];
  /** every meeting, and the ids of those the user said did not happen */
  meetings?: readonly Meeting[];
  didNotHappen?: ReadonlySet<string>;
}

/**
 * Groups stakeholder contacts by municipality, with the thread counts. Sorted by what needs
 * attention first: unresponsive before slow before the rest, then an overdue next step, then the
 * newest activity. Activity and the trajectory's start come from the contacts' first and last
 * interaction (kept current by ingest), so no thread needs loading for the list.
 */
export function summariseMunicipalities(
  { contacts, threadCounts = new Map(), latency = [], nextSteps = [], meetings = [], didNotHappen = new Set() }: SummariseInput,
  now: number = Date.now(),
): MunicipalitySummary[] {
  const latencyByContact = new Map(latency.map((record) => [record.contactId, record]));
  const openSteps = new Map<string, NextStep>();
  for (const step of nextSteps) {
    if (step.done) continue;
    const key = `${step.subjectType}:${step.subjectId}`;
    openSteps.set(key, earlierStep(openSteps.get(key) ?? null, step)!);
  }

  const byCode = new Map<string, MunicipalitySummary>();
  const contactsOf = new Map<string, ContactSummary[]>();
  const summaryFor = (code: string): MunicipalitySummary | undefined => {
    let summary = byCode.get(code);
    if (!summary) {
      const record = municipalityByCode(code);
      if (!record) return undefined; // an unknown code is never shown as a municipality
      summary = {
        code,
        name: record.name,
        province: record.province,
        contactCount: 0,
        keyContacts: [],
        searchText: '',
        threadCount: threadCounts.get(code) ?? 0,
        roles: [],
        coverage: { wethouder: 'none', gemeenteraad: 'none', welzijnsorganisatie: 'none', ambtenaar: 'none', bewoner: 'none' },
        singleTrack: false,
        needsAttention: [],
        needsAttentionCount: 0,
        worstStatus: null,
        firstContactAt: null,
        lastActivityAt: null,
        nextStep: openSteps.get(`municipality:${code}`) ?? null,
        nextMeeting: null,
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
      lastSeenAt: contact.lastSeenAt,
      latency: record ? latencyBrief(record) : null,
    };
    const list = contactsOf.get(summary.code);
    if (list) list.push(contactSummary);
    else contactsOf.set(summary.code, [contactSummary]);
    summary.lastActivityAt = maxTime(summary.lastActivityAt, contact.lastSeenAt);
    summary.firstContactAt = minTime(summary.firstContactAt, contact.firstSeenAt);
    summary.nextStep = earlierStep(summary.nextStep, openSteps.get(`contact:${contact.id}`) ?? null);
    if (record) {
      if (summary.worstStatus === null || statusSeverity(record.status) > statusSeverity(summary.worstStatus)) {
        summary.worstStatus = record.status;
      }
      if (record.status === 'slow' || record.status === 'unresponsive') summary.needsAttention.push(contactSummary);
    }
  }
  // a municipality known only from threads (a mention, no stakeholder yet) still shows
  for (const code of threadCounts.keys()) summaryFor(code);

  const summaries = [...byCode.values()];
  for (const summary of summaries) completeSummary(summary, contactsOf.get(summary.code) ?? []);
  setNextMeetings(byCode, contacts, meetings, didNotHappen, now);
  return sortMunicipalities(summaries, now);
}

/**
 * Per municipality, the earliest meeting still to come with any of its stakeholders, counted as
 * the latency model counts meetings (meetingMoment: not cancelled, not "ging niet door", a time).
 */
function setNextMeetings(
  byCode: ReadonlyMap<string, MunicipalitySummary>,
  contacts: readonly Contact[],
  meetings: readonly Meeting[],
  didNotHappen: ReadonlySet<string>,
  now: number,
): void {
  const codeOf = new Map<string, string>();
  for (const contact of contacts) {
    if (contact.kind === 'stakeholder' && contact.municipalityCode) codeOf.set(contact.id, contact.municipalityCode);
  }
  for (const meeting of meetings) {
    const moment = meetingMoment(meeting, didNotHappen);
    if (!moment || moment.at <= now) continue;
    const brief: NextMeetingBrief = { id: moment.id, title: moment.title, start: moment.start, allDay: moment.allDay };
    for (const contactId of meeting.contactIds) {
      const summary = byCode.get(codeOf.get(contactId) ?? '');
      if (summary && (!summary.nextMeeting || brief.start < summary.nextMeeting.start)) summary.nextMeeting = brief;
    }
  }
}

/**
 * The popup's role chips name who holds each role: a role whose contacts neither answer nor keep
 * the user waiting (known, never written to) would show no name otherwise. The most recently seen
 * few of each such role; never an alternative to suggest (the advice takes only responsive ones).
 */
function silentRolesNamed(summary: MunicipalitySummary, contacts: readonly ContactSummary[]): ContactSummary[] {
  const named = new Set(
    [...summary.needsAttention, ...contacts.filter((contact) => isResponsive(contact.latency))].map((c) => c.role),
  );
  return summary.roles
    .filter((role) => !named.has(role))
    .flatMap((role) =>
      contacts
        .filter((contact) => contact.role === role)
        .sort((a, b) => (b.lastSeenAt ?? 0) - (a.lastSeenAt ?? 0))
        .slice(0, ALTERNATIVES_PER_ROLE),
    );
}

/** Coverage, the named contacts and the search text, once every contact of the municipality is in. */
function completeSummary(summary: MunicipalitySummary, contacts: readonly ContactSummary[]): void {
  summary.contactCount = contacts.length;
  const present = new Set(contacts.map((contact) => contact.role));
  summary.roles = STAKEHOLDER_ROLES.filter((role) => present.has(role));
  for (const role of summary.roles) summary.coverage[role] = 'silent';
  const responsive = contacts.filter((contact) => contact.role !== 'onbekend' && isResponsive(contact.latency));
  for (const contact of responsive) summary.coverage[contact.role as StakeholderRole] = 'responsive';
  summary.singleTrack = STAKEHOLDER_ROLES.filter((role) => summary.coverage[role] === 'responsive').length === 1;
  // What the list and its advice name, not everyone: the most overdue few, and the most
  // recently answering few per role (the alternatives to suggest). Keeps the popup's read small.
  summary.needsAttentionCount = summary.needsAttention.length;
  summary.needsAttention = summary.needsAttention
    .sort((a, b) => (b.latency?.overdueScore ?? 0) - (a.latency?.overdueScore ?? 0))
    .slice(0, ATTENTION_NAMED);
  const alternatives = STAKEHOLDER_ROLES.flatMap((role) =>
    responsive
      .filter((contact) => contact.role === role)
      .sort((a, b) => (b.latency?.lastResponseAt ?? 0) - (a.latency?.lastResponseAt ?? 0))
      .slice(0, ALTERNATIVES_PER_ROLE),
  );
  summary.keyContacts = [...new Set([...summary.needsAttention, ...alternatives, ...silentRolesNamed(summary, contacts)])];
  summary.searchText = foldAccentsAndCase(contacts.map((contact) => `${contact.name} ${contact.addresses.join(' ')}`).join('\n'));
}

/**
 * Threads per municipality without loading a single thread: a native count per current
 * municipality, all issued at once (a thread's code is always a current one: merged
 * municipalities map to their successor). Asking the index for its distinct codes first would
 * cost a round trip per code, one after another: measured 530 ms for 342 codes, the slowest part
 * of a recomputation.
 */
async function countThreadsByMunicipality(db: GemeenteradarDb): Promise<Map<string, number>> {
  const codes = allMunicipalities().map((municipality) => municipality.code);
  const counts = await Promise.all(codes.map((code) => db.threads.where('municipalityCode').equals(code).count()));
  return new Map(codes.flatMap((code, index) => (counts[index]! > 0 ? [[code, counts[index]!] as const] : [])));
}

/** Everything summarised, from the whole store: the background's job (see summary-service.ts). */
export async function computeMunicipalitySummaries(
  db: GemeenteradarDb,
  now: number = Date.now(),
): Promise<MunicipalitySummary[]> {
  return db.transaction('r', [db.contacts, db.threads, db.latency, db.nextSteps, db.meetings, db.decisions], async () => {
    const [contacts, threadCounts, latency, nextSteps, meetings, meetingDecisions] = await Promise.all([
      db.contacts.where('kind').equals('stakeholder').toArray(),
      countThreadsByMunicipality(db),
      db.latency.toArray(),
      db.nextSteps.filter((step) => !step.done).toArray(),
      db.meetings.toArray(),
      // a user makes few decisions: the meeting ones, by a scan
      db.decisions.filter((decision) => decision.kind === 'meeting').toArray(),
    ]);
    const didNotHappen = new Set(meetingDecisions.map((decision) => decision.subjectId));
    return summariseMunicipalities({ contacts, threadCounts, latency, nextSteps, meetings, didNotHappen }, now);
  });
}
