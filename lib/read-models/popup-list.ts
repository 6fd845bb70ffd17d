/**
 * The popup's list, as the user arranges it: sorted (what needs attention, name, how long the
 * trajectory runs) and filtered (province, role, status), each municipality's roles with who
 * holds them, and the people who need attention, counted as the toolbar badge counts them
 * (lib/store/attention.ts is the one source of both). Pure functions plus one loader.
 */
import { attentionTotal, loadAttention, type AttentionEntry } from '../store/attention';
import type { GemeenteradarDb } from '../store/db';
import type { MunicipalitySummary, RoleCoverage } from '../store/schemas';
import { ROLE_IDS, STAKEHOLDER_ROLES, type RoleId, type StakeholderRole } from '../vocabulary/roles';
import { sortMunicipalities } from './popup';

export const MUNICIPALITY_SORTS = ['attention', 'name', 'trajectory'] as const;
export type MunicipalitySort = (typeof MUNICIPALITY_SORTS)[number];

/** `attention`: someone slow or unresponsive; the others: a role's coverage (any role without one chosen). */
export const STATUS_FILTERS = ['attention', 'responsive', 'silent', 'none'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export interface MunicipalityFilter {
  province: string | null;
  role: StakeholderRole | null;
  status: StatusFilter | null;
}

export const NO_FILTER: MunicipalityFilter = { province: null, role: null, status: null };

export function isFiltered(filter: MunicipalityFilter): boolean {
  return filter.province !== null || filter.role !== null || filter.status !== null;
}

/** A copy, sorted: by attention (the background's order), by name, or the longest trajectory first. */
export function sortMunicipalitiesBy(
  municipalities: readonly MunicipalitySummary[],
  sort: MunicipalitySort,
  now: number,
): MunicipalitySummary[] {
  const copy = [...municipalities];
  if (sort === 'attention') return sortMunicipalities(copy, now);
  const byName = (a: MunicipalitySummary, b: MunicipalitySummary) => a.name.localeCompare(b.name, 'nl');
  if (sort === 'name') return copy.sort(byName);
  // an unknown start sorts last: nothing says the trajectory is long
  return copy.sort((a, b) => (a.firstContactAt ?? Infinity) - (b.firstContactAt ?? Infinity) || byName(a, b));
}

function matchesStatus(municipality: MunicipalitySummary, role: StakeholderRole | null, status: StatusFilter): boolean {
  if (status === 'attention') {
    return role === null
      ? municipality.needsAttentionCount > 0
      : municipality.needsAttention.some((contact) => contact.role === role);
  }
  return role === null
    ? STAKEHOLDER_ROLES.some((each) => municipality.coverage[each] === status)
    : municipality.coverage[role] === status;
}

/** The municipalities that pass every facet chosen; a role alone means someone holds that role. */
export function filterMunicipalitiesBy(
  municipalities: readonly MunicipalitySummary[],
  { province, role, status }: MunicipalityFilter,
): MunicipalitySummary[] {
  return municipalities.filter(
    (municipality) =>
      (province === null || municipality.province === province) &&
      (status !== null ? matchesStatus(municipality, role, status) : role === null || municipality.coverage[role] !== 'none'),
  );
}

/** The provinces present, for the filter, in alphabetical order. */
export function provincesOf(municipalities: readonly MunicipalitySummary[]): string[] {
  return [...new Set(municipalities.map((municipality) => municipality.province))].sort((a, b) => a.localeCompare(b, 'nl'));
}

export interface RoleChip {
  role: StakeholderRole;
  coverage: RoleCoverage;
  /** the people the summary names in this role: who keeps the user waiting, who answers */
  names: string[];
}

/** The five roles of a municipality, each with its coverage and the people named in it. */
export function roleChipsOf(municipality: MunicipalitySummary): RoleChip[] {
  return STAKEHOLDER_ROLES.map((role) => ({
    role,
    coverage: municipality.coverage[role],
    names: [...new Set(municipality.keyContacts.filter((contact) => contact.role === role).map((contact) => contact.name))],
  }));
}

export interface AttentionPerson extends AttentionEntry {
  role: RoleId;
  municipalityCode: string | null;
}

export interface AttentionList {
  /** what the toolbar badge shows: the people plus the overdue next steps */
  total: number;
  people: AttentionPerson[];
  overdueSteps: string[];
}

const isRole = (value: unknown): value is RoleId => (ROLE_IDS as readonly unknown[]).includes(value);

/**
 * Everyone who needs attention, most overdue first, with their role and municipality: the toolbar
 * badge's own read (loadAttention), so the popup's count is the badge's. Records are read as
 * they are (pages do not validate): a role that is none of ours shows as `onbekend`.
 */
export async function loadAttentionList(db: GemeenteradarDb, now: number): Promise<AttentionList> {
  return db.transaction('r', [db.latency, db.contacts, db.nextSteps], async () => {
    const attention = await loadAttention(db, Number.MAX_SAFE_INTEGER, now);
    const contacts = await db.contacts.bulkGet(attention.entries.map((entry) => entry.contactId));
    return {
      total: attentionTotal(attention),
      overdueSteps: attention.overdueSteps,
      people: attention.entries.map((entry, index) => {
        const contact = contacts[index];
        const code = contact?.municipalityCode;
        return {
          ...entry,
          role: isRole(contact?.role) ? contact.role : 'onbekend',
          municipalityCode: typeof code === 'string' ? code : null,
        };
      }),
    };
  });
}
