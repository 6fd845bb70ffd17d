/**
 * A mailbox import's way into the store (the page reads the file, lib/import; the background
 * writes): its batches of imported messages become ingest batches, through the same queue and
 * ingest as the readers' pages, and the addresses the user says are theirs become accounts.
 *
 * How imported records are marked:
 * - a Google Takeout message (X-GM-THRID, and Gmail's message id in its "From " line) is the
 *   Gmail reader's message: `gmail:msg-f:<decimal>` in `gmail:thread-f:<decimal>`, host `gmail`.
 *   Importing what the reader stored, or reading what was imported, updates the same records.
 * - any other message keeps the import's keys (`mail:mid:<Message-ID>` or `mail:derived-msg:`, in
 *   `mail:thread:` / `mail:derived:` threads; lib/import/thread-keys.ts) under host `mailbox`.
 *   The Message-ID, sender, time and subject stay on the message, so the same mail seen by a
 *   webmail reader can be recognised as one (that merge is not ingest's today).
 */
import type { ImportedMessageObservation } from '../messaging/observations';
import type { ImportFound } from '../messaging/runtime';
import { MAILBOX_IMPORT_HOST } from '../vocabulary/record-hosts';
import type { GemeenteradarDb } from './db';
import type { IngestBatch } from './ingest';
import type { Account, Contact } from './schemas';

const GMAIL_THREAD_PREFIX = 'gmail:thread-f:';

/** The Gmail reader's message key for Gmail's decimal message id, or null when it is none. */
export function gmailMessageKey(decimal: string | null | undefined): string | null {
  if (!decimal || !/^\d{1,20}$/.test(decimal)) return null;
  const value = BigInt(decimal);
  if (value === 0n || value >= 1n << 64n) return null;
  return `gmail:msg-f:${value.toString()}`;
}

/**
 * The message under the key its source gives it: Gmail's own for a Takeout message (a thread
 * from X-GM-THRID and a message id from the "From " line, both), else the import's.
 */
export function storedKeyOf(message: ImportedMessageObservation): { message: ImportedMessageObservation; gmail: boolean } {
  const gmailKey = message.threadKey.startsWith(GMAIL_THREAD_PREFIX) ? gmailMessageKey(message.mail?.gmailMessageId) : null;
  if (!gmailKey) return { message, gmail: false };
  return { message: { ...message, messageKey: gmailKey, idSource: 'app' }, gmail: true };
}

/**
 * A batch of imported messages as ingest batches: Gmail's (host `gmail`) and the rest (host
 * `mailbox`), each left out when empty. No account: the user's own addresses are accounts
 * already (rememberOwnAddresses, at the import's start).
 */
export function ingestBatchesOfImport(messages: readonly ImportedMessageObservation[]): IngestBatch[] {
  const gmail: ImportedMessageObservation[] = [];
  const other: ImportedMessageObservation[] = [];
  for (const each of messages) {
    const keyed = storedKeyOf(each);
    (keyed.gmail ? gmail : other).push(keyed.message);
  }
  const batches: IngestBatch[] = [];
  if (gmail.length > 0) batches.push({ host: 'gmail', account: null, threads: [], messages: gmail });
  if (other.length > 0) batches.push({ host: MAILBOX_IMPORT_HOST, account: null, threads: [], messages: other });
  return batches;
}

/**
 * The addresses the user says are theirs, as accounts (sent vs received, self and colleagues):
 * those the store does not know yet. Returns the addresses added.
 */
export async function rememberOwnAddresses(db: GemeenteradarDb, addresses: readonly string[], now: number): Promise<string[]> {
  return db.transaction('rw', db.accounts, async () => {
    const known = await db.accounts.bulkGet([...addresses]);
    const added: Account[] = addresses
      .filter((address, index) => known[index] === undefined && addresses.indexOf(address) === index)
      .map((address) => ({ address, host: MAILBOX_IMPORT_HOST, lastSeenAt: now }));
    if (added.length > 0) await db.accounts.bulkPut(added);
    return added.map((account) => account.address);
  });
}

/**
 * What an import found, from the store as it is at its end: the stakeholder contacts its messages
 * involve (merged or forgotten ones are gone) and their municipalities, most contacts first.
 */
export async function describeImportFindings(
  db: GemeenteradarDb,
  findings: { contactIds: readonly string[]; overflow: boolean },
): Promise<ImportFound> {
  const contacts = (await db.contacts.bulkGet([...findings.contactIds])).filter(
    (contact): contact is Contact => contact !== undefined && contact.kind === 'stakeholder',
  );
  const byCode = new Map<string, number>();
  for (const contact of contacts)
    if (contact.municipalityCode) byCode.set(contact.municipalityCode, (byCode.get(contact.municipalityCode) ?? 0) + 1);
  const municipalities = [...byCode].map(([code, count]) => ({ code, contacts: count }));
  municipalities.sort((a, b) => b.contacts - a.contacts || a.code.localeCompare(b.code));
  return { contacts: contacts.length, municipalities, overflow: findings.overflow };
}
