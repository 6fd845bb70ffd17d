/**
 * Every table of the store and every extension-storage item, declared once: what a backup holds,
 * what a restore does with it, and where a person appears in it (for forgetting them and for
 * showing what is held about them). Backup, restore, forget and the "what is held" view all work
 * from this one declaration, so a new table is covered by declaring it here; a test fails when the
 * newest schema has a table this file does not declare, or when a declared field does not exist
 * in its table's zod schema (tests/unit/table-registry.test.ts).
 *
 * Free of zod and of the writers: the data page reads it (backups are written there).
 *
 * Field paths: `name`, `nested.field`, `list[]` (each element), `list[].field`, `list[].inner[]`.
 */

/**
 * - `record`: what the user made or what was read: backed up and restored.
 * - `derived`: computed by the background from the records: left out of backups, dropped by a
 *   restore and recomputed after it (docs/CONVENTIONS.md: derived state may be dropped any time).
 * - `status`: how this browser's reading went (reader status, refused-message counters): left
 *   out of backups and left alone by a restore; it says nothing about anyone.
 */
export type TableRole = 'record' | 'derived' | 'status';

/** What an index of a table holds, so a person's records are found without reading the table. */
export type PersonKey = 'address' | 'mailbox' | 'contactId' | 'subject';

export interface PersonIndex {
  /** a Dexie index name (`:id` for the primary key) */
  index: string;
  holds: PersonKey;
}

/** How a person appears in a table's records. */
export interface PersonFields {
  /** the record is theirs when one of these holds one of their identifiers: it is deleted */
  ownedBy?: readonly string[];
  /**
   * a record kept exactly as it was read, of no known shape (a damaged record set aside): the
   * record is deleted when any text anywhere inside these fields names them
   */
  keptAsRead?: readonly string[];
  /** these hold them among others: their identifiers are removed (an element dropped, a value set to null) */
  mentions?: readonly string[];
  /** free text that may hold their name or address: each occurrence is replaced by a neutral marker */
  text?: readonly string[];
  /** the record is about a subject (`subjectType`/`subjectId`): deleted with it, or when the subject is them */
  subject?: { type: string; id: string };
  /** deleted when the forget leaves one of these empty (a mail the user sent to them alone) */
  goneWhenEmptied?: readonly string[];
  /**
   * records of another table that belong to this one (a thread's messages): read with it, so
   * their text is redacted too; the record goes when none of them is left and `goneWhenEmptied`
   * (if any) is empty
   */
  children?: { table: string; field: string };
  /** the record this one belongs to (a message's thread): read with it */
  parent?: { table: string; field: string };
  /** how records that name them are found: by these indexes, or by reading the (small) table whole */
  find: readonly PersonIndex[] | 'scan';
  /** a person found here cannot be forgotten (the user's own addresses) */
  refuse?: true;
}

export interface TableDeclaration {
  role: TableRole;
  /** the field of the primary key */
  key: string;
  /** how a person appears in it; null when nobody does */
  person: PersonFields | null;
}

const DECLARATIONS = {
  contacts: {
    role: 'record',
    key: 'id',
    person: {
      ownedBy: ['id', 'addresses[]', 'mailboxes[]'],
      text: ['name', 'ruleTags[].evidence[]'],
      find: [
        { index: 'addresses', holds: 'address' },
        { index: 'mailboxes', holds: 'mailbox' },
        { index: ':id', holds: 'contactId' },
      ],
    },
  },
  organisations: { role: 'record', key: 'id', person: null },
  threads: {
    role: 'record',
    key: 'id',
    person: {
      mentions: ['contactIds[]'],
      text: ['subject', 'snippet', 'municipalityEvidence[]'],
      children: { table: 'messages', field: 'threadId' },
      goneWhenEmptied: ['contactIds'],
      find: [{ index: 'contactIds', holds: 'contactId' }],
    },
  },
  messages: {
    role: 'record',
    key: 'id',
    person: {
      ownedBy: ['fromAddress'],
      mentions: ['toAddresses[]', 'contactIds[]'],
      // the match key (sender, minute, subject: one mail seen by several readers) quotes them too
      text: ['fromName', 'subject', 'excerpt', 'matchKey'],
      goneWhenEmptied: ['toAddresses'],
      parent: { table: 'threads', field: 'threadId' },
      find: [
        { index: 'fromAddress', holds: 'address' },
        { index: 'toAddresses', holds: 'address' },
        { index: 'contactIds', holds: 'contactId' },
      ],
    },
  },
  // the user's corrections (rule tags live on their contact)
  tags: {
    role: 'record',
    key: 'id',
    person: {
      subject: { type: 'subjectType', id: 'subjectId' },
      text: ['evidence[]'],
      find: [{ index: '[subjectType+subjectId]', holds: 'subject' }],
    },
  },
  accounts: {
    role: 'record',
    key: 'address',
    person: { ownedBy: ['address'], refuse: true, find: [{ index: ':id', holds: 'address' }] },
  },
  readerStatus: { role: 'status', key: 'id', person: null },
  // counted by reason, never with content
  rejections: { role: 'status', key: 'reason', person: null },
  calls: { role: 'record', key: 'id', person: { ownedBy: ['contactId'], text: ['note'], find: 'scan' } },
  notes: {
    role: 'record',
    key: 'id',
    person: { subject: { type: 'subjectType', id: 'subjectId' }, text: ['text'], find: 'scan' },
  },
  nextSteps: {
    role: 'record',
    key: 'id',
    person: { subject: { type: 'subjectType', id: 'subjectId' }, text: ['text'], find: 'scan' },
  },
  latency: {
    role: 'derived',
    key: 'contactId',
    person: { ownedBy: ['contactId'], text: ['evidence[]'], find: [{ index: ':id', holds: 'contactId' }] },
  },
  summaries: {
    role: 'derived',
    key: 'code',
    person: { mentions: ['keyContacts[]', 'needsAttention[]', 'nextStep'], text: ['searchText'], find: 'scan' },
  },
  // merge history holds copies of both contacts: it goes with either
  merges: {
    role: 'record',
    key: 'id',
    person: {
      ownedBy: ['intoContactId', 'mergedContactId'],
      find: [
        { index: 'intoContactId', holds: 'contactId' },
        { index: 'mergedContactId', holds: 'contactId' },
      ],
    },
  },
  // records ingest read back damaged beyond repair, set aside as they were (store v9): this
  // browser's state, neither backed up nor touched by a restore; one that names a forgotten
  // person goes with them, whatever its shape (a small table, read whole)
  quarantine: { role: 'status', key: 'id', person: { keptAsRead: ['record', 'key'], find: 'scan' } },
  // salted hashes only (lib/store/not-tracked.ts)
  notTracked: { role: 'record', key: 'hash', person: null },
  // meetings agreed in mail or read from a calendar (store v10): them among the attendees and
  // among the candidates of a name left open; a meeting with nobody else left goes with them.
  // A calendar's location and the attendee names left open (Outlook shows names, no addresses)
  // are free text that may name them
  meetings: {
    role: 'record',
    key: 'id',
    person: {
      mentions: ['contactIds[]', 'openNames[].candidateIds[]'],
      text: ['title', 'evidence[]', 'location', 'openNames[].name'],
      goneWhenEmptied: ['contactIds'],
      find: [{ index: 'contactIds', holds: 'contactId' }],
    },
  },
  // the user's say over the rules (store v10): about a mail, a thread, a contact or a meeting
  decisions: {
    role: 'record',
    key: 'id',
    person: {
      subject: { type: 'subjectType', id: 'subjectId' },
      find: [{ index: '[subjectType+subjectId]', holds: 'subject' }],
    },
  },
} as const satisfies Record<string, TableDeclaration>;

export type TableName = keyof typeof DECLARATIONS;

/** Every table of the store's newest schema, by name. */
export const TABLES: Readonly<Record<TableName, TableDeclaration>> = DECLARATIONS;

export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** The tables a backup holds, in the order it writes them. */
export const BACKED_UP_TABLES: readonly TableName[] = TABLE_NAMES.filter((name) => TABLES[name].role === 'record');
export const DERIVED_TABLES: readonly TableName[] = TABLE_NAMES.filter((name) => TABLES[name].role === 'derived');

export function isTableName(name: string): name is TableName {
  return Object.hasOwn(TABLES, name);
}

export function declarationOf(name: TableName): TableDeclaration {
  return TABLES[name];
}

/**
 * What a subject (`subjectType` of tags, notes and next steps) refers to: a record of a table (a
 * record about a deleted contact or thread goes with it), or one of a person's identifiers.
 */
export const SUBJECT_TYPES: Record<string, { table: TableName } | { holds: PersonKey } | null> = {
  contact: { table: 'contacts' },
  thread: { table: 'threads' },
  message: { table: 'messages' },
  meeting: { table: 'meetings' },
  organisation: { table: 'organisations' },
  address: { holds: 'address' },
  domain: null,
  municipality: null,
};

/* Extension storage --------------------------------------------------------------------------- */

/**
 * - `setting`: the user's choice: backed up and restored.
 * - `derived`: state the background or a page rebuilds: never backed up.
 */
export type StorageRole = 'setting' | 'derived';

export interface StorageItemDeclaration {
  /** WXT's key, `local:` or `session:` and the key; `prefix` for a family of keys (one per tab) */
  key: string;
  prefix?: true;
  role: StorageRole;
  /** may hold a person (an address, a name, a contact id): redacted when they are forgotten */
  holdsPerson: boolean;
}

/**
 * Every extension-storage item the extension writes. A test reads the source for `defineItem`
 * keys and fails on one not declared here.
 */
export const STORAGE_ITEMS: readonly StorageItemDeclaration[] = [
  { key: 'local:thresholds', role: 'setting', holdsPerson: false },
  { key: 'local:backup-reminder', role: 'setting', holdsPerson: false },
  { key: 'local:owed-work', role: 'derived', holdsPerson: true },
  // a mailbox import's contacts, owed the pipeline until it ends (lib/background/import-ledger.ts)
  { key: 'local:mailbox-import-ledger', role: 'derived', holdsPerson: true },
  // where a paused mailbox import resumes: the user's addresses, file names, thread keys (lib/import/checkpoint.ts)
  { key: 'local:mailbox-import-checkpoint', role: 'derived', holdsPerson: true },
  { key: 'local:latency-updated-at', role: 'derived', holdsPerson: false },
  { key: 'local:popup-snapshot', role: 'derived', holdsPerson: true },
  { key: 'session:tab-context:', prefix: true, role: 'derived', holdsPerson: true },
  // the event a calendar tab has open, with its people (lib/messaging/calendar-tab-context.ts)
  { key: 'session:calendar-context:', prefix: true, role: 'derived', holdsPerson: true },
  { key: 'session:side-panel-focus', role: 'derived', holdsPerson: true },
  // a webmail tab the content scripts could not be put back into after an update (lib/background/reinject.ts)
  { key: 'session:reload-needed:', prefix: true, role: 'derived', holdsPerson: false },
];

/** The declaration of a stored key (`local:thresholds`, `session:tab-context:12`), if any. */
export function storageItemOf(key: string): StorageItemDeclaration | undefined {
  return STORAGE_ITEMS.find((item) => (item.prefix ? key.startsWith(item.key) : key === item.key));
}

export const SETTING_KEYS: readonly string[] = STORAGE_ITEMS.filter((item) => item.role === 'setting').map((item) => item.key);
