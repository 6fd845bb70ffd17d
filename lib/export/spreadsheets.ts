/**
 * The spreadsheet exports of the data page: contacts, interactions (mail and calls) and
 * municipalities, read from the store (the pages' read-only database), as CSV (csv.ts) with
 * column names in the UI language.
 */
import { municipalityByCode } from '../data';
import { t } from '../i18n';
import type { GemeenteradarDb } from '../store/db';
import type { Contact } from '../store/schemas';
import { STAKEHOLDER_ROLES } from '../vocabulary/roles';
import { csvDate, csvDateTime, toCsv, type CsvSeparator, type CsvValue } from './csv';

const DAY = 86_400_000;

const municipalityName = (code: string | null) => (code ? (municipalityByCode(code)?.name ?? code) : '');

export async function contactsCsv(db: GemeenteradarDb, separator: CsvSeparator): Promise<string> {
  const [contacts, organisations, latency] = await db.transaction('r', [db.contacts, db.organisations, db.latency], () =>
    Promise.all([db.contacts.where('kind').equals('stakeholder').toArray(), db.organisations.toArray(), db.latency.toArray()]),
  );
  const organisationName = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
  const latencyOf = new Map(latency.map((record) => [record.contactId, record]));
  const header = [
    'csvName',
    'csvAddresses',
    'csvOrganisation',
    'csvMunicipality',
    'csvMunicipalityCode',
    'csvRole',
    'csvStatus',
    'csvAttempts',
    'csvWaiting',
    'csvLastContact',
  ] as const;
  const rows = contacts
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map((contact): CsvValue[] => {
      const record = latencyOf.get(contact.id);
      return [
        contact.name,
        contact.addresses.join(' '),
        contact.organisationId ? (organisationName.get(contact.organisationId) ?? '') : '',
        municipalityName(contact.municipalityCode),
        contact.municipalityCode,
        t(`role_${contact.role}`),
        record ? t(`status_${record.status}`) : t('status_unknown'),
        record?.attemptsSinceLastResponse ?? null,
        record?.workingDaysWaiting ?? null,
        csvDate(contact.lastSeenAt),
      ];
    });
  return toCsv(
    header.map((key) => t(key)),
    rows,
    separator,
  );
}

export async function interactionsCsv(db: GemeenteradarDb, separator: CsvSeparator): Promise<string> {
  const [messages, calls, contacts, threads] = await db.transaction('r', [db.messages, db.calls, db.contacts, db.threads], () =>
    Promise.all([db.messages.toArray(), db.calls.toArray(), db.contacts.toArray(), db.threads.toArray()]),
  );
  const byId = new Map<string, Contact>(contacts.map((contact) => [contact.id, contact]));
  const names = (ids: readonly string[]) => ids.map((id) => byId.get(id)?.name ?? id).join(', ');
  const municipalities = (ids: readonly string[]) =>
    [...new Set(ids.map((id) => municipalityName(byId.get(id)?.municipalityCode ?? null)).filter(Boolean))].join(', ');
  const threadOf = new Map(threads.map((thread) => [thread.id, thread]));
  const header = [
    'csvWhen',
    'csvKind',
    'csvDirection',
    'csvAnswered',
    'csvContacts',
    'csvAddress',
    'csvMunicipality',
    'csvSubject',
    'csvAutoReply',
    'csvThread',
  ] as const;
  const rows: { at: number; cells: CsvValue[] }[] = [
    ...messages.map((message) => ({
      at: message.at ?? 0,
      cells: [
        message.at === null ? (message.atRaw ?? '') : csvDateTime(message.at),
        t('csvKindMail'),
        t(message.direction === 'in' ? 'csvIn' : 'csvOut'),
        null,
        names(message.contactIds),
        message.direction === 'in' ? (message.fromAddress ?? '') : message.toAddresses.join(' '),
        municipalityName(threadOf.get(message.threadId)?.municipalityCode ?? null) || municipalities(message.contactIds),
        message.subject,
        message.isAutoReply ? 1 : 0,
        message.threadId,
      ],
    })),
    ...calls.map((call) => ({
      at: call.at,
      cells: [
        csvDateTime(call.at),
        t('csvKindCall'),
        t(call.direction === 'in' ? 'csvIn' : 'csvOut'),
        call.answered ? 1 : 0,
        names([call.contactId]),
        byId.get(call.contactId)?.addresses.join(' ') ?? '',
        municipalities([call.contactId]),
        call.note,
        0,
        '',
      ],
    })),
  ];
  rows.sort((a, b) => a.at - b.at);
  return toCsv(
    header.map((key) => t(key)),
    rows.map((row) => row.cells),
    separator,
  );
}

export async function municipalitiesCsv(db: GemeenteradarDb, separator: CsvSeparator, now: number = Date.now()): Promise<string> {
  const summaries = (await db.summaries.toArray()).sort((a, b) => a.name.localeCompare(b.name, 'nl'));
  const roles = (list: readonly string[]) => list.map((role) => t(`role_${role}` as 'role_onbekend')).join(', ');
  const header = [
    'csvMunicipality',
    'csvMunicipalityCode',
    'csvProvince',
    'csvContactCount',
    'csvThreadCount',
    'csvRolesCovered',
    'csvRolesResponding',
    'csvFirstContact',
    'csvTrajectoryDays',
    'csvNextStep',
    'csvNextStepDue',
    'csvNeedsAttention',
  ] as const;
  const rows = summaries.map((summary): CsvValue[] => [
    summary.name,
    summary.code,
    summary.province,
    summary.contactCount,
    summary.threadCount,
    roles(summary.roles),
    roles(STAKEHOLDER_ROLES.filter((role) => summary.coverage[role] === 'responsive')),
    csvDate(summary.firstContactAt),
    summary.firstContactAt === null ? null : Math.max(0, Math.floor((now - summary.firstContactAt) / DAY)),
    summary.nextStep?.text ?? '',
    csvDate(summary.nextStep?.dueAt),
    summary.needsAttentionCount,
  ]);
  return toCsv(
    header.map((key) => t(key)),
    rows,
    separator,
  );
}
