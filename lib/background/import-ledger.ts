/**
 * What a mailbox import owes the background pipeline, held until the import ends. A reader's
 * batch owes latency, badge and summaries at once; an import stores hundreds of batches in a row,
 * and running the pipeline after each would cost a latency run and a summary recomputation per
 * batch. So each stored batch's contacts are recorded here (extension storage, `local:` area,
 * before the batch is acknowledged), and the pipeline is handed them once: when the import
 * finishes, is cancelled or paused, or, for an import nobody ended (the page closed, the browser
 * quit), at the background's next start once the import has been quiet for a while. A service
 * worker stopped mid-import loses nothing: the record outlives it.
 *
 * The record also keeps every contact the import involved (bounded), for its summary: a paused
 * and resumed import reports all of them at its end.
 */
import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import type { Owes } from './owed-work';

export const IMPORT_LEDGER_KEY = 'mailbox-import-ledger';

/** Contacts one record keeps; beyond it everyone is owed (a mailbox with more stakeholders is not one person's). */
export const MAX_LEDGER_CONTACTS = 20_000;

/** An import with no stored batch for this long is over, whatever its page said. */
export const IMPORT_IDLE_MS = 2 * 60_000;

export const ImportLedgerSchema = z.object({
  importId: z.string().min(1).max(100),
  lastBatchAt: z.number().int(),
  /** every stakeholder contact the import's stored messages involve (for its summary) */
  contactIds: z.array(z.string()).max(MAX_LEDGER_CONTACTS),
  /** more contacts than the record keeps: `contactIds` is a part of them */
  overflow: z.boolean(),
  /** the contacts whose latency the pipeline has not been handed yet */
  owed: z.array(z.string()).max(MAX_LEDGER_CONTACTS),
  /** too many to list: everyone's latency is owed */
  owesEveryone: z.boolean(),
});
export type ImportLedgerRecord = z.infer<typeof ImportLedgerSchema>;

export const importLedgerItem = storage.defineItem<unknown>(`local:${IMPORT_LEDGER_KEY}`, { fallback: null });
export type ImportLedgerStore = Pick<typeof importLedgerItem, 'getValue' | 'setValue' | 'removeValue'>;

export type ImportOutcome = 'finished' | 'cancelled' | 'paused';

export interface ImportFindings {
  /** the stakeholder contacts the import's messages involve (a part of them when `overflow`) */
  contactIds: string[];
  overflow: boolean;
}

export interface ImportLedger {
  /** an import starts or resumes; another import's record is settled first */
  begin(importId: string, now: number): Promise<void>;
  /** a batch of `importId` was stored, involving these contacts: recorded before it is acknowledged */
  add(importId: string, contactIds: readonly string[], now: number): Promise<void>;
  /**
   * The import ends (finished, cancelled) or pauses: the pipeline is handed what is owed, once,
   * and the contacts so far are returned; a paused import keeps its record for its resumption.
   * Null when there is no record of this import.
   */
  settle(importId: string, outcome: ImportOutcome): Promise<ImportFindings | null>;
  /** at the background's start: an import quiet for IMPORT_IDLE_MS hands its owed work over */
  settleIfIdle(now: number): Promise<void>;
}

/** What the pipeline owes for an import's contacts: their latency (then badge and signal), the summaries. */
export function owedAfterImport(record: Pick<ImportLedgerRecord, 'owed' | 'owesEveryone'>): Owes {
  return record.owesEveryone ? { everyone: true, summaries: true } : { contactIds: record.owed, summaries: true };
}

const owesSomething = (record: ImportLedgerRecord) => record.owed.length > 0 || record.owesEveryone;

function emptyRecord(importId: string, now: number): ImportLedgerRecord {
  return { importId, lastBatchAt: now, contactIds: [], overflow: false, owed: [], owesEveryone: false };
}

function readRecord(stored: unknown): ImportLedgerRecord | null {
  if (stored === null || stored === undefined) return null;
  const parsed = ImportLedgerSchema.safeParse(stored);
  // a record we cannot read owes everything: nothing derived is left stale
  return parsed.success ? parsed.data : { ...emptyRecord('unreadable', 0), overflow: true, owesEveryone: true };
}

function withContacts(record: ImportLedgerRecord, contactIds: readonly string[], now: number): ImportLedgerRecord {
  const all = new Set(record.contactIds);
  const owed = new Set(record.owed);
  for (const id of contactIds) {
    all.add(id);
    owed.add(id);
  }
  const overflow = record.overflow || all.size > MAX_LEDGER_CONTACTS;
  const owesEveryone = record.owesEveryone || owed.size > MAX_LEDGER_CONTACTS;
  return {
    importId: record.importId,
    lastBatchAt: now,
    contactIds: overflow ? [...all].slice(0, MAX_LEDGER_CONTACTS) : [...all],
    overflow,
    owed: owesEveryone ? [] : [...owed],
    owesEveryone,
  };
}

export function createImportLedger({
  afterWrite,
  store = importLedgerItem,
}: {
  /** records what is owed and runs it (the pipeline's afterWrite: resolves once recorded) */
  afterWrite: (owes: Owes) => Promise<void>;
  store?: ImportLedgerStore;
}): ImportLedger {
  // one change at a time: the page's messages may overlap (a pause while a batch is stored)
  let last: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = last.then(work, work);
    last = next.catch(() => undefined);
    return next;
  };
  const read = async () => readRecord(await store.getValue());
  /** hands the owed work over (the pipeline records it first), then keeps the record (without it) or drops it */
  const handOver = async (record: ImportLedgerRecord, keep: boolean) => {
    if (owesSomething(record)) await afterWrite(owedAfterImport(record));
    if (keep) await store.setValue({ ...record, owed: [], owesEveryone: false } satisfies ImportLedgerRecord);
    else await store.removeValue();
  };
  /** this import's record; another import's is settled first (one import runs at a time) */
  const recordOf = async (importId: string, now: number) => {
    const record = await read();
    if (record?.importId === importId) return record;
    if (record) await handOver(record, false);
    return emptyRecord(importId, now);
  };

  return {
    begin: (importId, now) => serial(async () => store.setValue(await recordOf(importId, now))),
    add: (importId, contactIds, now) =>
      serial(async () => store.setValue(withContacts(await recordOf(importId, now), contactIds, now))),
    settle: (importId, outcome) =>
      serial(async () => {
        const record = await read();
        if (!record || record.importId !== importId) return null;
        await handOver(record, outcome === 'paused');
        return { contactIds: record.contactIds, overflow: record.overflow };
      }),
    settleIfIdle: (now) =>
      serial(async () => {
        const record = await read();
        if (record && owesSomething(record) && now - record.lastBatchAt >= IMPORT_IDLE_MS) await handOver(record, true);
      }),
  };
}
