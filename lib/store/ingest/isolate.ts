/**
 * Isolation: every record a plan would write is checked with its table's schema (the same check
 * the store makes at the write, table-schemas.ts) before the write, and a record that fails is
 * taken out of the plan alone and counted with its reason; the rest of the batch is written.
 * Without this, one bad record aborted the whole transaction: every row of the page refused, at
 * every reload. Pure.
 */
import { reason, type Reason } from '../../vocabulary/reasons';
import type { Contact } from '../schemas';
import { recordIssue, type TableName } from '../table-schemas';

export interface Checked<T> {
  /** the records that may be written */
  valid: T[];
  /** the keys of the records refused */
  refusedKeys: Set<string>;
}

/** The records that satisfy the table's schema; each refused one adds its reason to `refusals`. */
export function keepValid<T extends object>(
  table: TableName,
  records: readonly T[],
  keyOf: (record: T) => string,
  refusals: Reason[],
): Checked<T> {
  const valid: T[] = [];
  const refusedKeys = new Set<string>();
  for (const record of records) {
    const issue = recordIssue(table, record);
    if (!issue) {
      valid.push(record);
      continue;
    }
    refusedKeys.add(keyOf(record));
    refusals.push(reason('invalid-record', { table, field: issue.field }));
  }
  return { valid, refusedKeys };
}

export const byId = (record: { id: string }): string => record.id;

/**
 * A contact whose new organisation was refused belongs to none this time (a contact keeps an
 * organisation it had: that record is stored).
 */
export function withoutRefusedOrganisations(
  contacts: readonly Contact[],
  refused: ReadonlySet<string>,
  stored: ReadonlyMap<string, unknown>,
): Contact[] {
  if (refused.size === 0) return [...contacts];
  return contacts.map((contact) =>
    contact.organisationId !== null && refused.has(contact.organisationId) && !stored.has(contact.organisationId)
      ? { ...contact, organisationId: null }
      : contact,
  );
}

/**
 * The contacts of this ingest after the check: a refused update leaves the stored contact as it
 * is, a refused new contact does not exist, so its messages and threads are stored without a
 * link to it (as for someone not followed) rather than naming a contact that is not there.
 */
export function contactsAfterCheck(
  planned: ReadonlyMap<string, Contact>,
  refused: ReadonlySet<string>,
  stored: ReadonlyMap<string, Contact>,
): Map<string, Contact> {
  const contacts = new Map(planned);
  for (const id of refused) {
    const before = stored.get(id);
    if (before) contacts.set(id, before);
    else contacts.delete(id);
  }
  return contacts;
}
