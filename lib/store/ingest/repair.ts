/**
 * Repair on read: every record ingest reads is checked with its table's schema before the
 * planner sees it. A damaged record (a contact without addresses, a name that is not a string, a
 * time that is NaN: an older build's bug, a disk's, a hand's in the devtools) used to make every
 * later batch that showed that person fail. Now it is repaired from what is known, field by field
 * (the address it was found by, the host its key names, null for a time nobody can know), and
 * written back; or, when a field nothing can replace is damaged (a correction's value, an
 * account's host), set aside: moved to `quarantine` as it was, and ingest goes on as if it were
 * not stored. Either way it is counted with its reason and shown. Pure.
 */
import type { z } from 'zod';
import { isValidAddress, mailboxOf } from '../../vocabulary/address';
import { MAIL_HOSTS } from '../../vocabulary/hosts';
import { MAILBOX_IMPORT_HOST, MAILBOX_IMPORT_KEY_PREFIX } from '../../vocabulary/record-hosts';
import { reason, type Reason } from '../../vocabulary/reasons';
import { boundedEvidence, boundedName, cutText } from '../limits';
import { evidenceFromStored } from '../legacy-evidence';
import { EvidenceSchema, MessageSchema, OrganisationSchema, TagSchema, type QuarantinedRecord } from '../schemas';
import { recordIssue } from '../table-schemas';

/** The tables ingest reads, with the field that is each record's key. */
export const READ_TABLES = {
  contacts: 'id',
  organisations: 'id',
  threads: 'id',
  messages: 'id',
  accounts: 'address',
  tags: 'id',
} as const;
export type ReadTable = keyof typeof READ_TABLES;

/** What the batches tell about the records read: the addresses seen, the thread of each message seen. */
export interface Known {
  addresses: readonly string[];
  threadKeyOf: ReadonlyMap<string, string>;
}

type Raw = Record<string, unknown>;
/** A field's repaired value (undefined: the field goes), or CANNOT when nothing known can replace it. */
const CANNOT = Symbol('cannot repair');
type FieldRepair = (raw: Raw, known: Known, now: number) => unknown;

const isString = (value: unknown): value is string => typeof value === 'string';
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter(isString) : []);
/** Evidence as stored: text from before v11 read as its code (or kept as legacy text), damaged lines dropped. */
const storedEvidence = (value: unknown) =>
  boundedEvidence(evidenceFromStored(value).filter((line) => EvidenceSchema.safeParse(line).success));
const cutOr =
  (field: string, max: number, fallback: string | null): FieldRepair =>
  (raw) =>
    isString(raw[field]) ? cutText(raw[field], max) : fallback;
const orNull: FieldRepair = () => null;
const dropped: FieldRepair = () => undefined;
const updatedNow: FieldRepair = (_raw, _known, now) => now;
const cannot: FieldRepair = () => CANNOT;

/**
 * A host from a key that starts with one ("gmail:thread-f:…"), or `mailbox` for the keys of
 * imported mail ("mail:mid:…", lib/import/thread-keys.ts), else CANNOT.
 */
function hostOfKey(key: unknown): unknown {
  const prefix = isString(key) ? key.slice(0, key.indexOf(':')) : '';
  if (prefix === MAILBOX_IMPORT_KEY_PREFIX) return MAILBOX_IMPORT_HOST;
  return (MAIL_HOSTS as readonly string[]).includes(prefix) ? prefix : CANNOT;
}

/**
 * A contact's addresses: the valid ones it has, the one its id names (`c:<address>`), and the
 * addresses seen whose mailbox it is indexed under (how it was found).
 */
function contactAddresses(raw: Raw, known: Known): unknown {
  const fromId = isString(raw.id) && raw.id.startsWith('c:') ? [raw.id.slice(2)] : [];
  const mailboxes = new Set(strings(raw.mailboxes));
  const seen = known.addresses.filter((address) => mailboxes.has(mailboxOf(address)));
  const addresses = [...new Set([...strings(raw.addresses), ...fromId, ...seen])].filter(
    (address) => isValidAddress(address) && address === address.toLowerCase(),
  );
  return addresses.length > 0 ? addresses.slice(0, 50) : CANNOT;
}

/** Valid elements of a list, as its element schema says, within `max`. */
function validElements(element: z.ZodType, max: number, field: string): FieldRepair {
  return (raw) => (Array.isArray(raw[field]) ? raw[field].filter((value) => element.safeParse(value).success).slice(0, max) : []);
}

const CONTACT: Record<string, FieldRepair> = {
  id: cannot,
  // a name that is not text: the address, as for someone who showed none
  name: (raw, known) => {
    if (isString(raw.name)) return boundedName(raw.name);
    const addresses = contactAddresses(raw, known);
    return Array.isArray(addresses) ? boundedName(addresses[0]) : CANNOT;
  },
  addresses: contactAddresses,
  // derived by the store on every write (db.ts)
  mailboxes: dropped,
  // ingest decides the kind again at every sighting
  kind: () => 'stakeholder',
  organisationId: orNull,
  municipalityCode: orNull,
  role: () => 'onbekend',
  ruleTags: (raw) => {
    const valid = Array.isArray(raw.ruleTags) ? raw.ruleTags.filter((tag) => TagSchema.safeParse(tag).success) : [];
    const dimensions = new Set<unknown>();
    return valid
      .filter((tag) => tag.source === 'rule' && !dimensions.has(tag.dimension) && dimensions.add(tag.dimension))
      .slice(0, 2);
  },
  firstSeenAt: orNull,
  lastSeenAt: orNull,
  updatedAt: updatedNow,
};

const THREAD: Record<string, FieldRepair> = {
  id: cannot,
  host: (raw) => hostOfKey(raw.id),
  idSource: () => 'derived',
  subject: cutOr('subject', 1000, ''),
  snippet: cutOr('snippet', 2000, ''),
  contactIds: (raw) => strings(raw.contactIds).slice(0, 200),
  municipalityCode: orNull,
  municipalityEvidence: (raw) => storedEvidence(raw.municipalityEvidence),
  firstMessageAt: orNull,
  lastMessageAt: orNull,
  lastMessageAtRaw: cutOr('lastMessageAtRaw', 200, null),
  messageCount: orNull,
  updatedAt: updatedNow,
};

const MESSAGE: Record<string, FieldRepair> = {
  id: cannot,
  // the page shows which thread a message is in: ingest sets it again from what it saw
  threadId: (raw, known) => (isString(raw.id) ? (known.threadKeyOf.get(raw.id) ?? CANNOT) : CANNOT),
  host: (raw) => hostOfKey(raw.id),
  idSource: () => 'derived',
  direction: () => 'in',
  fromAddress: orNull,
  fromName: cutOr('fromName', 300, ''),
  toAddresses: validElements(MessageSchema.shape.toAddresses.element, 400, 'toAddresses'),
  contactIds: (raw) => strings(raw.contactIds).slice(0, 400),
  at: orNull,
  atRaw: cutOr('atRaw', 200, null),
  subject: cutOr('subject', 1000, ''),
  excerpt: cutOr('excerpt', 2000, ''),
  isAutoReply: dropped,
  // the headers' verdict goes with the verdict: ingest decides both again from what it sees
  autoReplyFromHeaders: dropped,
  autoReplyUntil: orNull,
  updatedAt: updatedNow,
};

const ORGANISATION: Record<string, FieldRepair> = {
  id: cannot,
  name: (raw) => (isString(raw.name) ? boundedName(raw.name) : isString(raw.id) ? boundedName(raw.id.replace(/^org:/, '')) : ''),
  kind: () => 'overig',
  domains: validElements(OrganisationSchema.shape.domains.element, 50, 'domains'),
  municipalityCodes: validElements(OrganisationSchema.shape.municipalityCodes.element, 400, 'municipalityCodes'),
  updatedAt: updatedNow,
};

const ACCOUNT: Record<string, FieldRepair> = {
  address: cannot,
  // which webmail it is: learnt again from the next page signed in with it
  host: cannot,
  // seen long ago: the next batch with this account writes it again
  lastSeenAt: () => 0,
};

/** A correction: what it says (its value) nothing can replace; the rest follows from its id. */
const CORRECTION: Record<string, FieldRepair> = {
  id: cannot,
  subjectType: cannot,
  subjectId: cannot,
  dimension: cannot,
  value: cannot,
  source: cannot,
  evidence: (raw) => storedEvidence(raw.evidence),
  confidence: () => 1,
  updatedAt: updatedNow,
};

const REPAIRS: Record<ReadTable, Record<string, FieldRepair>> = {
  contacts: CONTACT,
  threads: THREAD,
  messages: MESSAGE,
  organisations: ORGANISATION,
  accounts: ACCOUNT,
  tags: CORRECTION,
};

/** A repaired record with the fields repaired, or the field nothing known could repair. */
type Repair = { record: Raw; fields: string[] } | { field: string };

/** Repairs the fields the schema names, until the record passes (a few rounds: a repair can reveal the next issue). */
export function repairRecord(table: ReadTable, raw: unknown, known: Known, now: number): Repair {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { field: '(record)' };
  const record: Raw = { ...(raw as Raw) };
  const fields = new Set<string>();
  for (let round = 0; round < 3; round++) {
    const issue = recordIssue(table, record);
    if (!issue) return { record, fields: [...fields] };
    const field = issue.field.split('.')[0]!;
    const repair = REPAIRS[table][field];
    const value = repair ? repair(record, known, now) : CANNOT;
    if (value === CANNOT || fields.has(field)) return { field };
    if (value === undefined) delete record[field];
    else record[field] = value;
    fields.add(field);
  }
  return recordIssue(table, record) ? { field: [...fields].at(-1) ?? '(record)' } : { record, fields: [...fields] };
}

/** What reading found damaged: records to write back repaired, records to set aside, and why. */
export interface ReadRepairs {
  /** repaired records to write back, per table */
  repaired: Map<ReadTable, Raw[]>;
  /** damaged records moved to `quarantine` (and deleted from their table) */
  quarantined: QuarantinedRecord[];
  reasons: Reason[];
  /** what became of each damaged record already seen (read twice: by id, then by an index) */
  handled: Map<string, Raw | undefined>;
}

export function noRepairs(): ReadRepairs {
  return { repaired: new Map(), quarantined: [], reasons: [], handled: new Map() };
}

/** A damaged record repaired, or set aside (undefined), each noted once for the write. */
function handleDamaged(table: ReadTable, raw: Raw, known: Known, now: number, repairs: ReadRepairs): Raw | undefined {
  const key = String(raw[READ_TABLES[table]]);
  const handledKey = `${table}\u0001${key}`;
  if (repairs.handled.has(handledKey)) return repairs.handled.get(handledKey);
  const repair = repairRecord(table, raw, known, now);
  if ('record' in repair) {
    repairs.repaired.set(table, [...(repairs.repaired.get(table) ?? []), repair.record]);
    repairs.reasons.push(reason('record-repaired', { table, field: [...repair.fields].sort().join(',') }));
    repairs.handled.set(handledKey, repair.record);
    return repair.record;
  }
  const why = reason('record-quarantined', { table, field: repair.field });
  repairs.quarantined.push({ id: `q:${table}:${key}:${now}`, table, key, record: raw, reason: why, at: now });
  repairs.reasons.push(why);
  repairs.handled.set(handledKey, undefined);
  return undefined;
}

/**
 * Checks records as a read returned them (`undefined` where a key was not found): valid ones as
 * they are, damaged ones repaired (and noted for the write), or set aside (noted, and left out:
 * `undefined`, as if not stored).
 */
export function checkRead<T>(
  table: ReadTable,
  found: readonly unknown[],
  known: Known,
  now: number,
  repairs: ReadRepairs,
): (T | undefined)[] {
  return found.map((raw) => {
    if (raw === undefined || !recordIssue(table, raw)) return raw as T | undefined;
    if (typeof raw !== 'object' || raw === null) return undefined;
    return handleDamaged(table, raw as Raw, known, now, repairs) as T | undefined;
  });
}
