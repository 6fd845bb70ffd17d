/**
 * From contacts to organisations and municipalities: the worst status, counts per status, which
 * roles have a responsive contact ("never bet on one horse": one role is a single track), a
 * "losing touch" list, and the advice to aim at other parties when a contact goes quiet.
 */
import { evidence, evidenceList, type Evidence } from '../vocabulary/evidence';
import { STAKEHOLDER_ROLES, type RoleId, type StakeholderRole } from '../vocabulary/roles';
import { statusSeverity, type LatencyStatus } from '../vocabulary/statuses';
import { UNRESPONSIVE_AFTER_ATTEMPTS } from './model';
import type { ContactLatency, LatencyContact } from './types';

export interface StatusRollup {
  /** null when there is nobody to roll up */
  worst: LatencyStatus | null;
  /** per status; `snoozed` only when someone is snoozed */
  counts: Record<Exclude<LatencyStatus, 'snoozed'>, number> & { snoozed?: number };
  total: number;
}

export interface OrganisationRollup extends StatusRollup {
  organisationId: string;
  contactIds: string[];
}

export interface MunicipalityRollup extends StatusRollup {
  municipalityCode: string;
  contactIds: string[];
  /** stakeholder roles (not `onbekend`) with at least one responsive contact, in ROLE_IDS order */
  responsiveRoles: StakeholderRole[];
  /** stakeholder roles without a responsive contact */
  rolesWithoutResponse: StakeholderRole[];
  /** exactly one role carries the trajectory: a warning */
  singleTrack: boolean;
  /** slow and unresponsive contacts, most overdue first */
  needsAttention: string[];
}

export function worseStatus(left: LatencyStatus | null, right: LatencyStatus | null): LatencyStatus | null {
  if (left === null) return right;
  if (right === null) return left;
  return statusSeverity(right) > statusSeverity(left) ? right : left;
}

export function rollupStatuses(latencies: Iterable<Pick<ContactLatency, 'status'>>): StatusRollup {
  const rollup = emptyRollup();
  for (const latency of latencies) addToRollup(rollup, latency.status);
  return rollup;
}

/** What "responsive" depends on: the model's result, the cached record and the summaries all have it. */
export type ResponsiveFacts = Pick<ContactLatency, 'status' | 'lastResponseAt'>;

/**
 * A contact the user can count on: has answered at least once, and is not slow or unresponsive
 * now. A contact who never answered is no track, however recently the user wrote; nor is one
 * whose latency is not known (yet).
 */
export function isResponsive(latency: ResponsiveFacts | null | undefined): boolean {
  return latency != null && latency.lastResponseAt !== null && (latency.status === 'ok' || latency.status === 'waiting');
}

/** Per organisation; contacts without an organisation or without a latency are left out. */
export function rollupByOrganisation(
  latencies: ReadonlyMap<string, ContactLatency>,
  contacts: readonly LatencyContact[],
): Map<string, OrganisationRollup> {
  const result = new Map<string, OrganisationRollup>();
  for (const contact of contacts) {
    const latency = latencies.get(contact.id);
    if (!latency || contact.organisationId === null) continue;
    let rollup = result.get(contact.organisationId);
    if (!rollup) {
      rollup = { ...emptyRollup(), organisationId: contact.organisationId, contactIds: [] };
      result.set(contact.organisationId, rollup);
    }
    addToRollup(rollup, latency.status);
    rollup.contactIds.push(contact.id);
  }
  return result;
}

/** Per municipality (the contact's effective tag); contacts without one are left out. */
export function rollupByMunicipality(
  latencies: ReadonlyMap<string, ContactLatency>,
  contacts: readonly LatencyContact[],
): Map<string, MunicipalityRollup> {
  const groups = new Map<string, { rollup: StatusRollup; contactIds: string[]; responsive: Set<RoleId> }>();
  for (const contact of contacts) {
    const latency = latencies.get(contact.id);
    if (!latency || !contact.municipalityCode) continue;
    let group = groups.get(contact.municipalityCode);
    if (!group) {
      group = { rollup: emptyRollup(), contactIds: [], responsive: new Set() };
      groups.set(contact.municipalityCode, group);
    }
    addToRollup(group.rollup, latency.status);
    group.contactIds.push(contact.id);
    if (isResponsive(latency)) group.responsive.add(contact.role);
  }
  const result = new Map<string, MunicipalityRollup>();
  for (const [municipalityCode, { rollup, contactIds, responsive }] of groups) {
    const responsiveRoles = STAKEHOLDER_ROLES.filter((role) => responsive.has(role));
    const needsAttention = contactIds
      .filter((id) => {
        const status = latencies.get(id)?.status;
        return status === 'slow' || status === 'unresponsive';
      })
      .sort((left, right) => compareOverdue(latencies.get(left), latencies.get(right)));
    result.set(municipalityCode, {
      ...rollup,
      municipalityCode,
      contactIds,
      responsiveRoles,
      rolesWithoutResponse: STAKEHOLDER_ROLES.filter((role) => !responsive.has(role)),
      singleTrack: responsiveRoles.length === 1,
      needsAttention,
    });
  }
  return result;
}

/**
 * How far a contact is overdue, to sort a "losing touch" list: 0 with nothing outstanding,
 * otherwise the larger of (working days waiting / max threshold) and (attempts / 3). 1 or more is
 * "unresponsive" territory; a score stays comparable across roles with different thresholds.
 */
export function overdueScore(latency: ContactLatency): number {
  if (latency.workingDaysWaiting === null) return 0;
  const byDays = latency.workingDaysWaiting / Math.max(1, latency.thresholds.max);
  const byAttempts = latency.attemptsCountedForStatus / UNRESPONSIVE_AFTER_ATTEMPTS;
  return Math.max(byDays, byAttempts);
}

export interface LosingTouchEntry {
  contactId: string;
  status: LatencyStatus;
  score: number;
  waitingSince: number | null;
  workingDaysWaiting: number | null;
  attempts: number;
}

/**
 * Contacts with something outstanding, most overdue first (ties: waiting longest first).
 * `minStatus` drops the milder ones (default `waiting`: everything outstanding).
 */
export function losingTouch(
  latencies: ReadonlyMap<string, ContactLatency>,
  options: { minStatus?: Exclude<LatencyStatus, 'ok'>; limit?: number } = {},
): LosingTouchEntry[] {
  const minimum = statusSeverity(options.minStatus ?? 'waiting');
  const entries: LosingTouchEntry[] = [];
  for (const [contactId, latency] of latencies) {
    if (statusSeverity(latency.status) < minimum) continue;
    entries.push({
      contactId,
      status: latency.status,
      score: overdueScore(latency),
      waitingSince: latency.waitingSince,
      workingDaysWaiting: latency.workingDaysWaiting,
      attempts: latency.attemptsSinceLastResponse,
    });
  }
  entries.sort(
    (left, right) =>
      right.score - left.score ||
      (left.waitingSince ?? Infinity) - (right.waitingSince ?? Infinity) ||
      left.contactId.localeCompare(right.contactId),
  );
  return options.limit === undefined ? entries : entries.slice(0, Math.max(0, options.limit));
}

export interface AlternativeContact {
  contactId: string;
  role: StakeholderRole;
  lastResponseAt: number | null;
}

/** A contact of the same municipality that advice may name: the popup's, the side panel's and the model's alike. */
export interface AdviceCandidate {
  id: string;
  role: RoleId;
  latency: ResponsiveFacts | null | undefined;
}

export interface Advice<Candidate extends AdviceCandidate> {
  /** responsive contacts in other roles of the same municipality, most recently answering first */
  alternatives: Array<Candidate & { role: StakeholderRole }>;
  /** other stakeholder roles without a responsive contact there: where to find a new way in */
  rolesToOpen: StakeholderRole[];
}

/**
 * "Aim elsewhere", the one rule: for a contact who keeps the user waiting, the responsive people
 * in other roles of the same municipality, and the other roles where nobody answers yet.
 * `sameMunicipality` are the contacts of the contact's municipality (the contact may be among them).
 */
export function adviceFor<Candidate extends AdviceCandidate>(
  contact: { id: string; role: RoleId },
  sameMunicipality: readonly Candidate[],
): Advice<Candidate> {
  const alternatives = sameMunicipality
    .filter(
      (other): other is Candidate & { role: StakeholderRole } =>
        other.id !== contact.id && other.role !== contact.role && other.role !== 'onbekend' && isResponsive(other.latency),
    )
    .sort((left, right) => (right.latency?.lastResponseAt ?? 0) - (left.latency?.lastResponseAt ?? 0));
  const covered = new Set<RoleId>(alternatives.map((alternative) => alternative.role));
  const rolesToOpen = STAKEHOLDER_ROLES.filter((role) => role !== contact.role && !covered.has(role));
  return { alternatives, rolesToOpen };
}

/** adviceFor over the model's output, with its sentence as evidence (the latency model's own report). */
export interface LatencyAdvice {
  contactId: string;
  /** the contact is slow or unresponsive */
  needed: boolean;
  /** the advice as a code with values (rendered in the page's language); null when none is needed */
  message: Evidence | null;
  /** responsive contacts in other roles of the same municipality, most recently answering first */
  alternatives: AlternativeContact[];
  /** other stakeholder roles without a responsive contact there: where to find a new way in */
  rolesToOpen: StakeholderRole[];
}

/**
 * When a contact is slow or unresponsive: "richt je op andere partijen", naming the responsive
 * contacts in other roles of the same municipality, or the roles to open when there are none.
 */
export function adviseAlternatives(
  contactId: string,
  latencies: ReadonlyMap<string, ContactLatency>,
  contacts: readonly LatencyContact[],
): LatencyAdvice {
  const contact = contacts.find((candidate) => candidate.id === contactId);
  const latency = latencies.get(contactId);
  const needed = latency?.status === 'slow' || latency?.status === 'unresponsive';
  if (!contact || !latency || !needed) {
    return { contactId, needed: false, message: null, alternatives: [], rolesToOpen: [] };
  }
  const sameMunicipality = contact.municipalityCode
    ? contacts
        .filter((other) => other.municipalityCode === contact.municipalityCode)
        .map((other) => ({ id: other.id, role: other.role, latency: latencies.get(other.id) }))
    : [];
  const advice = adviceFor(contact, sameMunicipality);
  const alternatives: AlternativeContact[] = advice.alternatives.map((other) => ({
    contactId: other.id,
    role: other.role,
    lastResponseAt: other.latency?.lastResponseAt ?? null,
  }));
  const { rolesToOpen } = advice;
  const roles = STAKEHOLDER_ROLES.filter((role) => alternatives.some((alternative) => alternative.role === role));
  const message =
    alternatives.length > 0
      ? evidence('advice-alternatives', { count: alternatives.length, roles: evidenceList(roles) })
      : evidence('advice-open-roles', { roles: evidenceList(rolesToOpen) });
  return { contactId, needed: true, message, alternatives, rolesToOpen };
}

function compareOverdue(left: ContactLatency | undefined, right: ContactLatency | undefined): number {
  const leftScore = left ? overdueScore(left) : 0;
  const rightScore = right ? overdueScore(right) : 0;
  return rightScore - leftScore || (left?.waitingSince ?? Infinity) - (right?.waitingSince ?? Infinity);
}

function emptyRollup(): StatusRollup {
  return { worst: null, counts: { ok: 0, waiting: 0, slow: 0, unresponsive: 0 }, total: 0 };
}

function addToRollup(rollup: StatusRollup, status: LatencyStatus): void {
  rollup.counts[status] = (rollup.counts[status] ?? 0) + 1;
  rollup.total += 1;
  rollup.worst = worseStatus(rollup.worst, status);
}
