/**
 * The background's answer to a content script asking "which of these addresses are slow?", for
 * the inline row badges. Content scripts cannot open IndexedDB; they send the addresses of the
 * visible list rows, and get back only the contacts that need attention, with the words for them.
 */
import { isolateText } from '../vocabulary/bidi';
import { t } from '../i18n';
import { UNRESPONSIVE_AFTER_ATTEMPTS } from '../latency/model';
import type { ContactStatusReplyEntry } from '../messaging/contact-statuses';
import type { GemeenteradarDb } from './db';
import { mailboxesOf, mailboxOf } from '../vocabulary/address';
import type { Contact, LatencyRecord } from './schemas';

/** A contact the user is waiting on too long, as the lookup finds it. */
export interface ContactStatusEntry {
  contactId: string;
  name: string;
  status: 'slow' | 'unresponsive';
  attempts: number;
  /** attempts that count for the status (the ones made during a known absence do not) */
  attemptsCountedForStatus: number;
  workingDaysWaiting: number | null;
}

const NEEDS_ATTENTION: ReadonlySet<LatencyRecord['status']> = new Set(['slow', 'unresponsive']);

/**
 * Per requested address (lower-case), the contact behind it when that contact is slow or
 * unresponsive; other addresses are left out. A contact is found by mailbox (mailboxOf, lib/vocabulary/address.ts),
 * as ingest finds it: any spelling of one person's address (Gmail dots, "+tags") is that person.
 * One read transaction: the contacts by the multi-entry `mailboxes` index, then their latency records.
 */
export async function loadContactStatuses(
  db: GemeenteradarDb,
  addresses: readonly string[],
): Promise<Map<string, ContactStatusEntry>> {
  const found = new Map<string, ContactStatusEntry>();
  const mailboxByAddress = new Map(addresses.map((address) => [address, mailboxOf(address)]));
  if (mailboxByAddress.size === 0) return found;
  return db.transaction('r', [db.contacts, db.latency], async () => {
    const contacts = await db.contacts
      .where('mailboxes')
      .anyOf([...new Set(mailboxByAddress.values())])
      .toArray();
    // a contact with two of the asked mailboxes comes back once per mailbox
    const stakeholders = [...new Map(contacts.map((contact) => [contact.id, contact])).values()].filter(
      (contact: Contact) => contact.kind === 'stakeholder',
    );
    const records = await db.latency.bulkGet(stakeholders.map((contact) => contact.id));
    const entryByMailbox = new Map<string, ContactStatusEntry>();
    stakeholders.forEach((contact, index) => {
      const record = records[index];
      if (!record || !NEEDS_ATTENTION.has(record.status)) return;
      const entry: ContactStatusEntry = {
        contactId: contact.id,
        name: contact.name,
        status: record.status as ContactStatusEntry['status'],
        attempts: record.attemptsSinceLastResponse,
        attemptsCountedForStatus: record.attemptsCountedForStatus,
        workingDaysWaiting: record.workingDaysWaiting,
      };
      for (const mailbox of contact.mailboxes ?? mailboxesOf(contact.addresses)) entryByMailbox.set(mailbox, entry);
    });
    for (const [address, mailbox] of mailboxByAddress) {
      const entry = entryByMailbox.get(mailbox);
      if (entry) found.set(address, entry);
    }
    return found;
  });
}

/** The badge text and label of one entry, in the UI language (lib/i18n). */
export function contactStatusAnswer(entry: ContactStatusEntry, app = 'Gemeenteradar'): ContactStatusReplyEntry {
  const days = entry.workingDaysWaiting;
  const byAttempts = entry.attemptsCountedForStatus >= UNRESPONSIVE_AFTER_ATTEMPTS || days === null;
  const short = byAttempts ? `${entry.attempts}×` : t('inlineBadgeWorkingDays', { count: days });
  const detail = t('latencyDetail', {
    attempts: entry.attempts === 1 ? t('attemptsOne') : t('attemptsMany', { count: entry.attempts }),
    days: days === 1 ? t('workingDaysOne') : t('workingDaysMany', { count: days ?? 0 }),
  });
  return {
    status: entry.status,
    attempts: entry.attempts,
    workingDaysWaiting: days,
    short,
    // the name is mail text: isolated, so a right-to-left override in it does not reorder the label
    label: t('inlineBadgeLabel', { app, status: t(`status_${entry.status}`), name: isolateText(entry.name), detail }),
  };
}

/** The reply to a `contact-statuses` message: answers keyed by the asked address. */
export async function answerContactStatuses(
  db: GemeenteradarDb,
  addresses: readonly string[],
): Promise<Record<string, ContactStatusReplyEntry>> {
  const answers: Record<string, ContactStatusReplyEntry> = {};
  for (const [address, entry] of await loadContactStatuses(db, addresses)) answers[address] = contactStatusAnswer(entry);
  return answers;
}
