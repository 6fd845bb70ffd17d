/**
 * Forgetting a person, step 2: the plan. A pure function of the records read (read.ts): per table
 * the records to delete and the records to write back without them, as the table registry
 * (lib/store/table-registry.ts) declares where a person appears:
 *
 * 1. records that are theirs (their contact, the mail they sent, their calls, latency, merge
 *    history) go;
 * 2. in the rest they are taken out (an address from the recipients, a contact id from a
 *    thread) and every name or address of theirs in free text is replaced by a neutral marker;
 *    a record left empty where it needs someone (a mail the user sent to them alone) goes;
 * 3. a record whose children all went and that names nobody else (a thread with only their
 *    mail) goes, and so does everything about a record that went (a correction of that thread).
 *
 * Refused as a whole when one of the addresses is the user's own (an `accounts` record).
 */
import { SUBJECT_TYPES, TABLE_NAMES, TABLES, type PersonFields, type TableName } from '../table-registry';
import { isEvidence } from '../../vocabulary/evidence';
import { changedAt, DROP, isEmptyAt, textsOf, valuesAt } from './paths';
import { personMatcher, type Person, type PersonMatcher } from './person';
import type { PersonTraces, StoredRecord } from './read';

export interface ForgetCount {
  table: TableName;
  deleted: number;
  changed: number;
}

export interface ForgetPlan {
  person: Person;
  /** primary keys to delete, per table */
  deletes: Map<TableName, string[]>;
  /** records to write back without them, per table */
  puts: Map<TableName, StoredRecord[]>;
  /** per table with anything to do: how many records go and how many change */
  counts: ForgetCount[];
  /** one of the addresses is the user's own: nothing is planned */
  refusedOwnAddress: string | null;
}

interface Working {
  match: PersonMatcher;
  records: PersonTraces['records'];
  deleted: Map<TableName, Set<string>>;
  changed: Map<TableName, Map<string, StoredRecord>>;
}

const fieldsOf = (name: TableName): PersonFields | null => TABLES[name].person;

/** Every string anywhere inside a value (a record kept as it was read), keys of objects included. */
function stringsIn(value: unknown, into: string[] = []): string[] {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const element of value) stringsIn(element, into);
  else if (typeof value === 'object' && value !== null)
    for (const [key, inner] of Object.entries(value)) {
      into.push(key);
      stringsIn(inner, into);
    }
  return into;
}

function isOwned(match: PersonMatcher, fields: PersonFields, record: StoredRecord): boolean {
  if (fields.ownedBy?.some((path) => valuesAt(record, path).some(match.isIdentifier))) return true;
  if (
    fields.keptAsRead?.some((path) =>
      valuesAt(record, path).some((value) =>
        stringsIn(value).some((text) => match.isIdentifier(text) || match.mentionedIn(text)),
      ),
    )
  )
    return true;
  if (!fields.subject) return false;
  const refers = SUBJECT_TYPES[String(record[fields.subject.type])];
  const subjectId = record[fields.subject.id];
  if (!refers) return false;
  return 'holds' in refers
    ? match.isIdentifier(subjectId)
    : refers.table === 'contacts' && match.person.contactIds.includes(String(subjectId));
}

/** Whether a record names them: theirs, them among others, about them, or their name or address in its text. */
export function namesThem(match: PersonMatcher, name: TableName, record: StoredRecord): boolean {
  const fields = fieldsOf(name);
  if (!fields) return false;
  if (isOwned(match, fields, record)) return true;
  if (fields.mentions?.some((path) => valuesAt(record, path).some(match.refersTo))) return true;
  return (fields.text ?? []).some((path) =>
    valuesAt(record, path).some((value) => textsOf(value).some((text) => match.mentionedIn(text))),
  );
}

/** A free-text value with their names and addresses replaced: a string, or each text value of evidence. */
function redacted(match: PersonMatcher, value: unknown): unknown {
  if (typeof value === 'string') return match.redact(value);
  if (!isEvidence(value) || !value.values) return value;
  const values = Object.fromEntries(
    Object.entries(value.values).map(([name, inner]) => [name, typeof inner === 'string' ? match.redact(inner) : inner]),
  );
  return { ...value, values };
}

/** The record without them: their identifiers out of `mentions`, their names and addresses out of `text`. */
function withoutThem(match: PersonMatcher, fields: PersonFields, record: StoredRecord): StoredRecord {
  let next = record;
  for (const path of fields.mentions ?? []) next = changedAt(next, path, (value) => (match.refersTo(value) ? DROP : value));
  for (const path of fields.text ?? []) next = changedAt(next, path, (value) => redacted(match, value));
  return next;
}

/** Steps 1 and 2 for one table. */
function planTable(work: Working, name: TableName, fields: PersonFields): string | null {
  const deleted = new Set<string>();
  const changed = new Map<string, StoredRecord>();
  let refused: string | null = null;
  for (const [key, record] of work.records.get(name) ?? []) {
    if (isOwned(work.match, fields, record)) {
      if (fields.refuse) refused = key;
      deleted.add(key);
      continue;
    }
    const next = withoutThem(work.match, fields, record);
    const emptied = (fields.goneWhenEmptied ?? []).some((path) => !isEmptyAt(record, path) && isEmptyAt(next, path));
    if (emptied && !fields.children) deleted.add(key);
    else if (next !== record) changed.set(key, next);
  }
  work.deleted.set(name, deleted);
  work.changed.set(name, changed);
  return refused;
}

function remove(work: Working, name: TableName, key: string): boolean {
  const deleted = work.deleted.get(name)!;
  if (deleted.has(key)) return false;
  deleted.add(key);
  work.changed.get(name)!.delete(key);
  return true;
}

/** Step 3, once: records whose children all went and that name nobody else. */
function dropEmptyParents(work: Working): void {
  for (const name of TABLE_NAMES) {
    const fields = fieldsOf(name);
    const children = fields?.children;
    if (!fields || !children) continue;
    const childTable = children.table as TableName;
    const gone = work.deleted.get(childTable) ?? new Set();
    const childrenOf = new Map<string, string[]>();
    for (const [key, child] of work.records.get(childTable) ?? []) {
      for (const parent of valuesAt(child, children.field)) {
        const list = childrenOf.get(String(parent));
        if (list) list.push(key);
        else childrenOf.set(String(parent), [key]);
      }
    }
    for (const [key, record] of work.records.get(name) ?? []) {
      const own = childrenOf.get(key) ?? [];
      const after = work.changed.get(name)!.get(key) ?? record;
      const emptiedHere = (fields.goneWhenEmptied ?? []).some((path) => !isEmptyAt(record, path) && isEmptyAt(after, path));
      const touched = emptiedHere || own.some((child) => gone.has(child));
      const nobodyLeft = (fields.goneWhenEmptied ?? []).every((path) => isEmptyAt(after, path));
      if (touched && nobodyLeft && own.every((child) => gone.has(child))) remove(work, name, key);
    }
  }
}

/** Step 3, until nothing more goes: records about a record that went. */
function dropAboutGone(work: Working): void {
  for (let more = true; more;) {
    more = false;
    for (const name of TABLE_NAMES) {
      const subject = fieldsOf(name)?.subject;
      if (!subject) continue;
      for (const [key, record] of work.records.get(name) ?? []) {
        const refers = SUBJECT_TYPES[String(record[subject.type])];
        if (refers && 'table' in refers && work.deleted.get(refers.table)?.has(String(record[subject.id])))
          more = remove(work, name, key) || more;
      }
    }
  }
}

export function planForget({ person, records }: PersonTraces): ForgetPlan {
  const work: Working = { match: personMatcher(person), records, deleted: new Map(), changed: new Map() };
  let refusedOwnAddress: string | null = null;
  for (const name of TABLE_NAMES) {
    const fields = fieldsOf(name);
    if (fields) refusedOwnAddress = planTable(work, name, fields) ?? refusedOwnAddress;
    else {
      work.deleted.set(name, new Set());
      work.changed.set(name, new Map());
    }
  }
  dropEmptyParents(work);
  dropAboutGone(work);
  const deletes = new Map<TableName, string[]>();
  const puts = new Map<TableName, StoredRecord[]>();
  const counts: ForgetCount[] = [];
  for (const name of TABLE_NAMES) {
    const deleted = [...work.deleted.get(name)!];
    const changed = [...work.changed.get(name)!.values()];
    if (deleted.length) deletes.set(name, deleted);
    if (changed.length) puts.set(name, changed);
    if (deleted.length || changed.length) counts.push({ table: name, deleted: deleted.length, changed: changed.length });
  }
  if (refusedOwnAddress) return { person, deletes: new Map(), puts: new Map(), counts: [], refusedOwnAddress };
  return { person, deletes, puts, counts, refusedOwnAddress };
}
