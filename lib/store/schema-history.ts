/**
 * Every version of the IndexedDB schema, in one place (Dexie keeps old versions declared so it
 * can upgrade any older database). Never edit a published version: add a new one, with its
 * upgrade function and a migration test in tests/unit/store-migrations.test.ts that seeds the
 * previous version and opens the new one.
 */
import type { Dexie } from 'dexie';
import { mailboxesOf } from '../vocabulary/address';

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
          contact.ruleTags = ['municipality', 'role'].flatMap((dimension) => own.filter((tag) => tag.dimension === dimension).slice(0, 1));
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
];

/** The version this code reads and writes; only the background opens (and so upgrades) to it. */
export const LATEST_SCHEMA_VERSION: number = SCHEMA_VERSIONS.at(-1)!.version;

/** Declares every version on a Dexie instance: the background's database only (pages open it as it is). */
export function declareVersions(db: Dexie): void {
  for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
    const declared = db.version(version).stores(stores);
    if (upgrade) declared.upgrade(upgrade);
  }
}
