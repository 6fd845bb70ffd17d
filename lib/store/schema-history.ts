/**
 * Every version of the IndexedDB schema, in one place (Dexie keeps old versions declared so it
 * can upgrade any older database). Never edit a published version: add a new one, with its
 * upgrade function and a migration test in tests/unit/store-migrations.test.ts that seeds the
 * previous version and opens the new one.
 */
import type { Dexie, Transaction } from 'dexie';
import { classifyIntent } from '../classify/intent';
import { mailboxesOf } from '../vocabulary/address';
import { reasonKey, type Reason } from '../vocabulary/reasons';
import { matchKeyOf } from './ingest/same-mail';
import { reasonOfLegacyText } from './legacy-reasons';
import { convertTagEvidence, evidenceFromStored } from './legacy-evidence';
import type { Message } from './schemas';

export const DATABASE_NAME = 'gemeenteradar';

export const SCHEMA_VERSIONS: {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: Parameters<ReturnType<Dexie['version']>['upgrade']>[0];
}[] = [
  {
    version: 1,
    stores: {
      contacts: 'id, *addresses, organisationId, municipalityCode, role, kind, lastSeenAt',
      organisations: 'id, *domains, kind, *municipalityCodes',
      threads: 'id, host, municipalityCode, lastMessageAt, *contactIds',
      messages: 'id, threadId, at, *contactIds, fromAddress',
      tags: 'id, [subjectType+subjectId], [dimension+value], source',
      accounts: 'address',
      readerStatus: 'id',
      rejections: 'reason',
    },
  },
  {
    // Phone calls (latency: an unanswered call is an attempt), notes and next steps.
    // Only new tables: existing data needs no change, the upgrade is Dexie's own.
    version: 2,
    stores: {
      calls: 'id, contactId, at',
      notes: 'id, [subjectType+subjectId]',
      // no index on `done`: booleans are not valid IndexedDB keys
      nextSteps: 'id, [subjectType+subjectId], dueAt',
    },
  },
  {
    // The latency cache (derived from messages and calls; see LatencyRecordSchema).
    version: 3,
    stores: {
      latency: 'contactId, status, municipalityCode, organisationId',
    },
  },
  {
    // Merge history (ContactMergeSchema): what a merge of two contacts moved, so it can be split.
    // Only a new table: existing data needs no change.
    version: 4,
    stores: {
      merges: 'id, intoContactId, mergedContactId, at',
    },
  },
  {
    // Municipality summaries for the popup (derived; see MunicipalitySummarySchema).
    version: 5,
    stores: {
      summaries: 'code',
    },
  },
  {
    // Contacts are found by mailbox (any spelling of an address: Gmail dots, "+tags"). Existing
    // contacts get theirs computed here; from now on the store derives them on every write.
    version: 6,
    stores: {
      contacts: 'id, *addresses, *mailboxes, organisationId, municipalityCode, role, kind, lastSeenAt',
    },
    upgrade: (transaction) =>
      transaction
        .table('contacts')
        .toCollection()
        .modify((contact: { addresses?: string[]; mailboxes?: string[] }) => {
          contact.mailboxes = mailboxesOf(contact.addresses ?? []);
        }),
  },
  {
    // Ingest writes about 15,000 records for 10,000 observations, and in Chromium each request
    // costs about as much as its record. So: a contact's rule tags move onto the contact (two
    // records fewer per person; `tags` keeps the user's corrections), and the indexes no query
    // uses go, each a write on every put (an index is one version bump away).
    version: 7,
    stores: {
      contacts: 'id, *addresses, *mailboxes, organisationId, municipalityCode, kind',
      organisations: 'id',
      threads: 'id, municipalityCode, *contactIds',
      messages: 'id, threadId, *contactIds',
      tags: 'id, [subjectType+subjectId], source',
    },
    upgrade: async (transaction) => {
      type RuleTag = { id: string; subjectType: string; subjectId: string; dimension: string };
      const tags = transaction.table('tags');
      const ruleTags = (await tags.where('source').equals('rule').toArray()) as RuleTag[];
      const byContact = new Map<string, RuleTag[]>();
      for (const tag of ruleTags) {
        // rule tags of threads (written by early builds; a thread now carries its municipality
        // and evidence itself) have no use left
        if (tag.subjectType !== 'contact') continue;
        byContact.set(tag.subjectId, [...(byContact.get(tag.subjectId) ?? []), tag]);
      }
      await transaction
        .table('contacts')
        .where('id')
        .anyOf([...byContact.keys()])
        .modify((contact: { id: string; ruleTags?: RuleTag[] }) => {
          const own = byContact.get(contact.id) ?? [];
          contact.ruleTags = ['municipality', 'role'].flatMap((dimension) =>
            own.filter((tag) => tag.dimension === dimension).slice(0, 1),
          );
        });
      await tags.bulkDelete(ruleTags.map((tag) => tag.id));
    },
  },
  {
    // Following someone after all (a `kind` correction) links the stored mail that involves them:
    // what they sent, and what the user sent them. Without these indexes that was a scan of every
    // message (1.8-2.2 s for 100,000); the two extra index entries per message do not show in the
    // ingest benchmark.
    version: 8,
    stores: {
      messages: 'id, threadId, *contactIds, fromAddress, *toAddresses',
    },
  },
  {
    // Reasons become codes with values (lib/vocabulary/reasons.ts): each rejection counter stored
    // as Dutch text is counted again under its code (the key is the code and its values, so two
    // texts of one reason become one counter); a text no code fits is kept as `legacy`. And
    // `quarantine`: stored records ingest read back damaged beyond repair, set aside as they were.
    version: 9,
    stores: {
      quarantine: 'id, table, at',
    },
    upgrade: async (transaction) => {
      const rejections = transaction.table('rejections');
      const stored = (await rejections.toArray()) as { reason: string; count?: number; lastAt?: number; code?: string }[];
      const counters = new Map<
        string,
        { reason: string; code: string; values?: Reason['values']; count: number; lastAt: number }
      >();
      for (const old of stored) {
        if (old.code) continue; // already a code (a database opened by a build in between)
        const { code, values } = reasonOfLegacyText(old.reason);
        const key = reasonKey({ code, values });
        const counter = counters.get(key) ?? { reason: key, code, ...(values ? { values } : {}), count: 0, lastAt: 0 };
        counter.count += Number.isInteger(old.count) && old.count! > 0 ? old.count! : 0;
        counter.lastAt = Math.max(counter.lastAt, Number.isInteger(old.lastAt) ? old.lastAt! : 0);
        counters.set(key, counter);
      }
      await rejections.bulkDelete(stored.filter((old) => !old.code).map((old) => old.reason));
      await rejections.bulkPut([...counters.values()]);
    },
  },
  {
    // Trust in the warnings: what an outgoing mail does (its intent), whether its recipients were
    // seen or inferred, one record for one mail seen by several readers (aliases, matchKey), the
    // meetings agreed in mail (and next from calendars), and the user's decisions over the rules.
    // Stored mail gets its intent, its recipients' state and its match key here.
    version: 10,
    stores: {
      messages: 'id, threadId, *contactIds, fromAddress, *toAddresses, *aliases, matchKey',
      meetings: 'id, *sourceKeys, threadId, *contactIds',
      decisions: 'id, [subjectType+subjectId]',
    },
    upgrade: upgradeMessagesTo10,
  },
  {
    // Evidence as codes with values (lib/vocabulary/evidence.ts), rendered in the user's language:
    // the Dutch sentences stored so far become codes where their pattern is known, `legacy` text
    // otherwise (lib/store/legacy-evidence.ts). The latency cache (derived) is dropped: the
    // background recomputes everyone when the cache is incomplete (refreshLatency), at the next
    // start or alarm.
    version: 11,
    stores: {},
    upgrade: migrateEvidenceToCodes,
  },
  {
    // The people the user asked to forget (lib/store/forget): a salted hash of each of their
    // addresses and mailboxes, so reading their mail again stores nothing. Only a new table.
    //
    version: 12,
    stores: {
      notTracked: 'hash',
    },
  },
];

/** v10: intent, recipients' state and match key of every stored message (see MessageSchema). */
function upgradeMessagesTo10(transaction: Transaction) {
  // records of early builds may lack fields: those are left as they are (a write would refuse them)
  const complete = (message: Partial<Message>) =>
    (message.direction === 'in' || message.direction === 'out') && typeof message.subject === 'string';
  return transaction
    .table('messages')
    .filter(complete)
    .modify((message: Message) => {
      const { direction, fromAddress = null, fromName = '', at = null, subject } = message;
      const matchKey = matchKeyOf({ direction, fromAddress, fromName, at, subject });
      if (matchKey !== undefined) message.matchKey = matchKey;
      if (direction !== 'out') return;
      message.recipientsSeen = (message.toAddresses ?? []).length > 0;
      // what an old build kept is the text it saw, whole or a snippet: read as a snippet (one that
      // may be cut off counts as asking, as before), and the next look at the conversation settles it
      const { intent, evidence } = classifyIntent(message.excerpt ?? '', { complete: false });
      message.intent = { value: intent, evidence };
    });
}

/** The version this code reads and writes; only the background opens (and so upgrades) to it. */
export const LATEST_SCHEMA_VERSION: number = SCHEMA_VERSIONS.at(-1)!.version;

type StoredTag = { evidence?: unknown };
type StoredContact = { ruleTags?: StoredTag[] };
type StoredMerge = { mergedContact?: StoredContact; intoContactBefore?: StoredContact } & Record<string, unknown>;

const hasText = (lines: unknown) => Array.isArray(lines) && lines.some((line) => typeof line === 'string');
const tagHasText = (tag: StoredTag | null | undefined) => hasText(tag?.evidence);
const contactHasText = (contact: StoredContact | null | undefined) => (contact?.ruleTags ?? []).some(tagHasText);
const MERGE_TAG_FIELDS = ['mergedTags', 'intoTagsBefore', 'intoTagsWritten'] as const;
const mergeTags = (merge: StoredMerge) =>
  MERGE_TAG_FIELDS.flatMap((field) => (Array.isArray(merge[field]) ? (merge[field] as StoredTag[]) : []));

/**
 * v11: stored evidence text -> codes. Only records that hold text are rewritten (every write is
 * validated, and a record with nothing to convert has no reason to be touched).
 */
async function migrateEvidenceToCodes(transaction: Transaction): Promise<void> {
  const convertContact = (contact: StoredContact | null | undefined) => contact?.ruleTags?.forEach(convertTagEvidence);
  await transaction.table('contacts').filter(contactHasText).modify(convertContact);
  await transaction.table('tags').filter(tagHasText).modify(convertTagEvidence);
  await transaction
    .table('threads')
    .filter((thread: { municipalityEvidence?: unknown }) => hasText(thread.municipalityEvidence))
    .modify((thread: { municipalityEvidence?: unknown }) => {
      thread.municipalityEvidence = evidenceFromStored(thread.municipalityEvidence);
    });
  await transaction
    .table('merges')
    .filter(
      (merge: StoredMerge) =>
        contactHasText(merge.mergedContact) || contactHasText(merge.intoContactBefore) || mergeTags(merge).some(tagHasText),
    )
    .modify((merge: StoredMerge) => {
      convertContact(merge.mergedContact);
      convertContact(merge.intoContactBefore);
      mergeTags(merge).forEach(convertTagEvidence);
    });
  await transaction.table('latency').clear();
}

/** Declares every version on a Dexie instance: the background's database only (pages open it as it is). */
export function declareVersions(db: Dexie): void {
  for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}
