/**
 * Writing a backup, in the data page (reading the store is allowed there): every `record` table
 * of the registry read in one read-only transaction (a consistent snapshot while the background
 * keeps ingesting), then streamed as JSON lines through gzip into a Blob, with progress by
 * records. The page downloads it with an anchor (no `downloads` permission).
 */
import type { Table } from 'dexie';
import type { GemeenteradarDb } from '../store/db';
import { BACKED_UP_TABLES } from '../store/table-registry';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, type BackupEndLine, type BackupHeader } from './format';
import { gzipWriter } from './streams';

/** Records per write into the compressor: large enough to keep gzip busy, small enough for smooth progress. */
const LINES_PER_WRITE = 1_000;

export interface BackupProgress {
  phase: 'reading' | 'writing';
  done: number;
  total: number;
}

export interface WrittenBackup {
  blob: Blob;
  header: BackupHeader;
}

/** Every backed-up table, read in one transaction: what the file holds is one moment of the store. */
async function readTables(db: GemeenteradarDb, onProgress: (progress: BackupProgress) => void): Promise<Map<string, unknown[]>> {
  const tables = BACKED_UP_TABLES.map((name) => db.table(name) as Table<unknown, unknown>);
  const records = new Map<string, unknown[]>();
  await db.transaction('r', tables, async () => {
    let done = 0;
    for (const table of tables) {
      const all = await table.toArray();
      records.set(table.name, all);
      done++;
      onProgress({ phase: 'reading', done, total: tables.length });
    }
  });
  return records;
}

export async function writeBackup(
  db: GemeenteradarDb,
  {
    settings,
    now = Date.now(),
    onProgress = () => undefined,
  }: { settings: Record<string, unknown>; now?: number; onProgress?: (progress: BackupProgress) => void },
): Promise<WrittenBackup> {
  if (!db.isOpen()) await db.open();
  const records = await readTables(db, onProgress);
  const counts = Object.fromEntries([...records].map(([table, list]) => [table, list.length]));
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: db.verno,
    createdAt: now,
    counts,
    settings,
  };
  const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
  const gzip = gzipWriter();
  await gzip.write(`${JSON.stringify(header)}\n`);
  let done = 0;
  for (const [table, list] of records) {
    for (let start = 0; start < list.length; start += LINES_PER_WRITE) {
      const lines = list.slice(start, start + LINES_PER_WRITE).map((record) => JSON.stringify({ table, record }));
      await gzip.write(`${lines.join('\n')}\n`);
      done += lines.length;
      onProgress({ phase: 'writing', done, total });
    }
  }
  const end: BackupEndLine = { end: BACKUP_FORMAT, records: total };
  await gzip.write(`${JSON.stringify(end)}\n`);
  const blob = new Blob((await gzip.close()) as BlobPart[], { type: 'application/gzip' });
  return { blob, header };
}
