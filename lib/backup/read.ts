/**
 * Reading a backup file in the data page: what kind of file it is (gzip, plain JSON lines, or
 * something else), its header, then its records table by table in chunks, awaited (the caller
 * sends them to the background at its own pace). Every problem stops the reading with its own
 * code (format.ts BACKUP_PROBLEMS) and where it is; the store is not touched here at all.
 * Free of zod: the background validates every record.
 */
import { TABLES, isTableName } from '../store/table-registry';
import { BACKUP_FORMAT, BACKUP_FORMAT_VERSION, BackupFileError, type BackupHeader, type BackupProblem } from './format';
import { byteCounter, forEachLine } from './streams';
import { LATEST_SCHEMA_VERSION, tablesAtVersion } from './versions';

/** Records handed over at a time: about a megabyte of messages, well under a runtime message's limit. */
export const RECORDS_PER_CHUNK = 2_000;

export interface BackupReadHandlers {
  /** the header, checked; before any record */
  header(header: BackupHeader): Promise<void> | void;
  /** records of one table, in file order; `firstLine` is the line of the first of them */
  records(table: string, records: unknown[], firstLine: number): Promise<void> | void;
  /** bytes of the file read so far */
  progress?(bytesRead: number, totalBytes: number): void;
}

type FileKind = 'gzip' | 'plain';

const fail = (problem: BackupProblem): never => {
  throw new BackupFileError(problem);
};

/** gzip, plain JSON lines, or a refusal naming what it is. */
async function kindOf(file: Blob): Promise<FileKind> {
  if (file.size === 0) fail({ code: 'empty' });
  const start = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  if (start[0] === 0x1f && start[1] === 0x8b) return 'gzip';
  if (start[0] === 0x50 && start[1] === 0x4b && (start[2] === 0x03 || start[2] === 0x05)) fail({ code: 'zip' });
  const text = new TextDecoder('utf-8', { fatal: false })
    .decode(start)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{') || text.startsWith('[')) return 'plain';
  return fail({ code: 'not-a-backup' });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

/** The first line as a header, or the problem with it. */
export function parseHeader(line: string): BackupHeader {
  let value: unknown;
  try {
    value = JSON.parse(line.replace(/^\uFEFF/, ''));
  } catch {
    // pretty-printed JSON starts with a lone brace; anything else is no JSON at all
    return fail({ code: /^\s*[[{]/.test(line) ? 'foreign-json' : 'not-a-backup', line: 1 });
  }
  if (!isObject(value) || value.format !== BACKUP_FORMAT) return fail({ code: 'foreign-json', line: 1 });
  const { formatVersion, schemaVersion, createdAt, counts, settings } = value;
  if (!Number.isInteger(formatVersion) || !Number.isInteger(schemaVersion) || (schemaVersion as number) < 1) {
    return fail({ code: 'bad-header', line: 1, field: 'schemaVersion' });
  }
  if ((formatVersion as number) > BACKUP_FORMAT_VERSION || (schemaVersion as number) > LATEST_SCHEMA_VERSION) {
    return fail({ code: 'newer-version', line: 1, detail: `${schemaVersion}/${LATEST_SCHEMA_VERSION}` });
  }
  if (typeof createdAt !== 'number') return fail({ code: 'bad-header', line: 1, field: 'createdAt' });
  if (!isObject(counts) || !Object.values(counts).every(isCount)) return fail({ code: 'bad-header', line: 1, field: 'counts' });
  if (settings !== undefined && !isObject(settings)) return fail({ code: 'bad-header', line: 1, field: 'settings' });
  return value as unknown as BackupHeader;
}

/** An error of the caller's handlers (the background refused a record): passed on as it is. */
class HandlerError extends Error {
  constructor(readonly original: unknown) {
    super('handler');
  }
}

async function calling(work: () => Promise<void> | void): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new HandlerError(error);
  }
}

/** What the reader keeps between lines: the tables of the backup's version, keys seen, the chunk being filled. */
function createLineReader(handlers: BackupReadHandlers) {
  let header: BackupHeader | null = null;
  let tables = new Map<string, string>();
  let ended = false;
  const seen = new Map<string, Set<unknown>>();
  let chunk: { table: string; records: unknown[]; firstLine: number } | null = null;

  const flush = async () => {
    const full = chunk;
    if (full && full.records.length > 0) await calling(() => handlers.records(full.table, full.records, full.firstLine));
    chunk = null;
  };

  const endLine = (value: Record<string, unknown>, number: number) => {
    const total = [...seen.values()].reduce((sum, keys) => sum + keys.size, 0);
    const stated = Object.entries(header!.counts).filter(([table]) => tables.has(table));
    const mismatch = stated.find(([table, count]) => (seen.get(table)?.size ?? 0) !== count && !isDerived(table));
    if (value.records !== total || mismatch)
      fail({ code: 'count-mismatch', line: number, table: mismatch?.[0], detail: `${total}` });
    ended = true;
  };

  const isDerived = (table: string) => isTableName(table) && TABLES[table].role !== 'record';

  const recordLine = async (value: Record<string, unknown>, number: number) => {
    const { table, record } = value;
    if (typeof table !== 'string' || !isObject(record)) return fail({ code: 'bad-line', line: number });
    const key = tables.get(table);
    if (key === undefined) return fail({ code: 'unknown-table', line: number, table });
    // derived state or this browser's reading status in a file: not restored (recomputed, kept)
    if (isDerived(table)) return;
    let keys = seen.get(table);
    if (!keys) seen.set(table, (keys = new Set()));
    const id = record[key];
    if (keys.has(id)) return fail({ code: 'duplicate-record', line: number, table, field: key });
    keys.add(id);
    if (chunk && (chunk.table !== table || chunk.records.length >= RECORDS_PER_CHUNK)) await flush();
    chunk ??= { table, records: [], firstLine: number };
    chunk.records.push(record);
  };

  return {
    async line(text: string, number: number) {
      if (number === 1) {
        header = parseHeader(text);
        tables = tablesAtVersion(header.schemaVersion);
        const read = header;
        await calling(() => handlers.header(read));
        return;
      }
      if (text.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return fail({ code: 'bad-line', line: number });
      }
      if (ended || !isObject(value)) return fail({ code: 'bad-line', line: number });
      if (value.end === BACKUP_FORMAT) {
        await flush();
        return endLine(value, number);
      }
      await recordLine(value, number);
    },
    /** the header, once the whole file was read */
    finish(): BackupHeader {
      if (!ended || !header) return fail({ code: 'truncated' });
      return header;
    },
  };
}

/** A failed decompression: cut off, or damaged. */
function decompressionProblem(error: unknown): BackupProblem {
  const message = error instanceof Error ? error.message : String(error);
  return {
    code: /truncat|unexpected end|end of file|premature/i.test(message) ? 'truncated' : 'corrupt',
    detail: message.slice(0, 120),
  };
}

/** Reads a backup file; resolves with its header once every record was handed over, or throws BackupFileError. */
export async function readBackup(file: Blob, handlers: BackupReadHandlers): Promise<BackupHeader> {
  const kind = await kindOf(file);
  let stream = file.stream().pipeThrough(byteCounter((bytes) => handlers.progress?.(bytes, file.size)));
  if (kind === 'gzip')
    stream = stream.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
  const reader = createLineReader(handlers);
  try {
    await forEachLine(stream, reader.line);
  } catch (error) {
    if (error instanceof HandlerError) throw error.original;
    if (error instanceof BackupFileError) throw error;
    // the decompressor's own errors, and text that is not UTF-8
    throw new BackupFileError(decompressionProblem(error));
  }
  return reader.finish();
}
