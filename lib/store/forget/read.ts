/**
 * Forgetting a person, step 1 (and the "what is held" view): every record that may name them,
 * found through the table registry (lib/store/table-registry.ts) by the indexes it declares, so a
 * person with a few dozen mails costs a few dozen reads, not a scan of 100,000 messages. Works on
 * the validating database (the background, inside its transaction) and on the pages' read-only
 * one alike. Free of zod.
 *
 * Who they are comes first: the contacts of the given addresses (any spelling of their mailboxes)
 * give every address and name of theirs, merge history the names they went by before a merge,
 * and the mail they sent the display names it showed.
 */
import type { Table } from 'dexie';
import { mailboxesOf } from '../../vocabulary/address';
import type { GemeenteradarDb } from '../db';
import {
  isTableName,
  SUBJECT_TYPES,
  TABLE_NAMES,
  TABLES,
  type PersonFields,
  type PersonKey,
  type TableName,
} from '../table-registry';
import { valuesAt } from './paths';
import { personOf, type Person } from './person';

export type StoredRecord = Record<string, unknown>;
export type RecordsByTable = Map<TableName, Map<string, StoredRecord>>;

export interface PersonTraces {
  person: Person;
  /** every record read that may name them, by table and primary key */
  records: RecordsByTable;
}

const personFieldsOf = (name: TableName): PersonFields | null => TABLES[name].person;
const keyOf = (name: TableName, record: StoredRecord) => String(record[TABLES[name].key]);

function add(records: RecordsByTable, name: TableName, found: readonly (StoredRecord | undefined)[]): void {
  let table = records.get(name);
  if (!table) records.set(name, (table = new Map()));
  for (const record of found) if (record) table.set(keyOf(name, record), record);
}

function tableOf(db: GemeenteradarDb, name: TableName): Table<StoredRecord, string> {
  return db.table(name) as Table<StoredRecord, string>;
}

/** Records of a table whose index holds one of `keys`. */
async function byIndex(db: GemeenteradarDb, name: TableName, index: string, keys: readonly unknown[]): Promise<StoredRecord[]> {
  if (keys.length === 0) return [];
  const table = tableOf(db, name);
  if (index === ':id')
    return (await table.bulkGet(keys as string[])).filter((record): record is StoredRecord => record !== undefined);
  return table
    .where(index)
    .anyOf(keys as string[])
    .toArray();
}

/** The subjects (`[subjectType+subjectId]`) that are them, or records already read (their threads). */
function subjectKeys(person: Person, records: RecordsByTable): [string, string][] {
  const keys: [string, string][] = [];
  for (const [type, refers] of Object.entries(SUBJECT_TYPES)) {
    if (!refers) continue;
    if ('holds' in refers) for (const value of identifiers(person, refers.holds)) keys.push([type, value as string]);
    else for (const key of records.get(refers.table)?.keys() ?? []) keys.push([type, key]);
  }
  return keys;
}

function identifiers(person: Person, holds: PersonKey): readonly unknown[] {
  if (holds === 'address') return person.addresses;
  if (holds === 'mailbox') return person.mailboxes;
  if (holds === 'contactId') return person.contactIds;
  return [];
}

/** Who they are: the contacts of the addresses (and mailboxes), with the names merges and their mail knew them by. */
async function identify(db: GemeenteradarDb, addresses: readonly string[]): Promise<Person> {
  const given = personOf({ addresses });
  const contacts = [
    ...(await byIndex(db, 'contacts', 'addresses', given.addresses)),
    ...(await byIndex(db, 'contacts', 'mailboxes', mailboxesOf(given.addresses))),
  ];
  const contactIds = contacts.map((contact) => String(contact.id));
  const merges = [
    ...(await byIndex(db, 'merges', 'intoContactId', contactIds)),
    ...(await byIndex(db, 'merges', 'mergedContactId', contactIds)),
  ];
  const before = merges.flatMap((merge) => [merge.mergedContact, merge.intoContactBefore] as StoredRecord[]);
  const everyone = [...contacts, ...before];
  const sent = await byIndex(db, 'messages', 'fromAddress', [
    ...given.addresses,
    ...everyone.flatMap((c) => c.addresses as string[]),
  ]);
  return personOf({
    contactIds: [...contactIds, ...merges.map((merge) => String(merge.mergedContactId))],
    addresses: [...given.addresses, ...everyone.flatMap((contact) => contact.addresses as string[])],
    names: [...everyone.map((contact) => String(contact.name)), ...sent.map((message) => String(message.fromName))],
  });
}

/** Every record the registry's indexes find for them, and the small tables whole. */
async function findDirect(db: GemeenteradarDb, person: Person, records: RecordsByTable): Promise<void> {
  await Promise.all(
    TABLE_NAMES.map(async (name) => {
      const fields = personFieldsOf(name);
      if (!fields) return;
      if (fields.find === 'scan') return add(records, name, await tableOf(db, name).toArray());
      for (const { index, holds } of fields.find) {
        if (holds !== 'subject') add(records, name, await byIndex(db, name, index, identifiers(person, holds)));
      }
    }),
  );
}

/** The records the ones found belong to (a message's thread), then everything belonging to those (its other messages). */
async function findRelated(db: GemeenteradarDb, records: RecordsByTable): Promise<void> {
  for (const name of TABLE_NAMES) {
    const parent = personFieldsOf(name)?.parent;
    if (!parent) continue;
    const keys = [...(records.get(name)?.values() ?? [])].flatMap((record) => valuesAt(record, parent.field));
    const known = records.get(parent.table as TableName);
    add(
      records,
      parent.table as TableName,
      await byIndex(
        db,
        parent.table as TableName,
        ':id',
        keys.filter((key) => !known?.has(String(key))),
      ),
    );
  }
  for (const name of TABLE_NAMES) {
    const children = personFieldsOf(name)?.children;
    if (!children) continue;
    add(
      records,
      children.table as TableName,
      await byIndex(db, children.table as TableName, children.field, [...(records.get(name)?.keys() ?? [])]),
    );
  }
}

/** Records about a subject that is them or one of the records found (a correction of their thread). */
async function findBySubject(db: GemeenteradarDb, person: Person, records: RecordsByTable): Promise<void> {
  const keys = subjectKeys(person, records);
  for (const name of TABLE_NAMES) {
    const fields = personFieldsOf(name);
    if (!fields || fields.find === 'scan') continue;
    for (const { index, holds } of fields.find) if (holds === 'subject') add(records, name, await byIndex(db, name, index, keys));
  }
}

/**
 * Reads who they are and every record that may name them; `mentions`: records found to mention
 * them elsewhere (mentions.ts, a scan the data page runs before the user confirms), read by key.
 */
export async function readPersonTraces(
  db: GemeenteradarDb,
  addresses: readonly string[],
  mentions: Readonly<Record<string, readonly string[]>> = {},
): Promise<PersonTraces> {
  const person = await identify(db, addresses);
  const records: RecordsByTable = new Map();
  await findDirect(db, person, records);
  for (const [name, keys] of Object.entries(mentions) as [string, string[]][]) {
    if (isTableName(name) && TABLES[name].person) add(records, name, await byIndex(db, name, ':id', keys));
  }
  await findRelated(db, records);
  await findBySubject(db, person, records);
  return { person, records };
}
