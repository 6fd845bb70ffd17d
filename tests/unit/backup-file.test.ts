/**
 * The backup file: written from a store with every kind of record, read back line by line; and
 * every kind of bad file refused with its own code before anything reaches the background.
 */
import { gzipSync } from 'node:zlib';
import { endLine, gzipped, headerLine, plainText, recordLine } from '../fixtures/backup-files';
import { beforeEach, describe, expect, it } from 'vitest';
import { BACKUP_FORMAT, BackupFileError, type BackupHeader, type BackupProblemCode } from '@/lib/backup/format';
import { readBackup } from '@/lib/backup/read';
import { LATEST_SCHEMA_VERSION } from '@/lib/backup/versions';
import { writeBackup } from '@/lib/backup/write';
import type { GemeenteradarDb } from '@/lib/store/db';
import { BACKED_UP_TABLES } from '@/lib/store/table-registry';
import { withFreshDb } from '../fixtures/fresh-db';
import { JAN_ID, SEEDED_AT, seedEveryKindOfRecord } from '../fixtures/every-record';

let db: GemeenteradarDb;

async function readAll(file: Blob) {
  const records = new Map<string, unknown[]>();
  let header: BackupHeader | null = null;
  const firstLines: number[] = [];
  await readBackup(file, {
    header: (read) => void (header = read),
    records: (table, chunk, firstLine) => {
      records.set(table, [...(records.get(table) ?? []), ...chunk]);
      firstLines.push(firstLine);
    },
  });
  return { header: header!, records, firstLines };
}

async function problemOf(file: Blob): Promise<{ code: BackupProblemCode; line?: number; table?: string }> {
  try {
    await readAll(file);
  } catch (error) {
    if (error instanceof BackupFileError) return error.problem;
    throw error;
  }
  throw new Error('the file was accepted');
}

const header = headerLine;
const contactLine = (id = 'c:a@zwolle.nl') => recordLine('contacts', { id, name: 'A' });
const gz = gzipped;
const plain = plainText;

describe('a backup file', () => {
  withFreshDb((fresh) => (db = fresh));
  beforeEach(() => seedEveryKindOfRecord(db));

  it('holds every record of every backed-up table, gzip-compressed, with a header and an end line', async () => {
    const written = await writeBackup(db, { settings: { thresholds: { a: 1 } }, now: SEEDED_AT });
    const bytes = new Uint8Array(await written.blob.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    const { header: read, records } = await readAll(written.blob);
    expect(read).toMatchObject({
      format: BACKUP_FORMAT,
      formatVersion: 1,
      schemaVersion: LATEST_SCHEMA_VERSION,
      createdAt: SEEDED_AT,
    });
    expect(read.settings).toEqual({ thresholds: { a: 1 } });
    for (const table of BACKED_UP_TABLES) {
      const stored = await db.table(table).toArray();
      expect(read.counts[table], table).toBe(stored.length);
      expect(records.get(table) ?? [], table).toEqual(stored);
    }
    // derived state is not in it
    expect(records.has('latency')).toBe(false);
    expect(records.has('summaries')).toBe(false);
    expect(await db.latency.get(JAN_ID)).toBeDefined();
  });

  it('reports progress by records while writing', async () => {
    const seen: number[] = [];
    await writeBackup(db, { settings: {}, onProgress: (progress) => progress.phase === 'writing' && seen.push(progress.done) });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(seen.reduce((max, done) => Math.max(max, done), 0));
  });

  it('is read in chunks of one table at a time, with the line each starts at', async () => {
    const { firstLines } = await readAll(
      gz([header({ counts: { contacts: 2 } }), contactLine('c:a@x.nl'), contactLine('c:b@x.nl'), endLine(2)]),
    );
    expect(firstLines).toEqual([2]);
  });

  it('is also accepted unpacked (plain JSON lines)', async () => {
    const { records } = await readAll(plain([header(), contactLine(), endLine()]));
    expect(records.get('contacts')).toHaveLength(1);
  });
});

describe('a bad file gets its own problem code, before anything is sent on', () => {
  const good = [header(), contactLine(), endLine()];
  const goodGzip = gzipSync(good.join('\n') + '\n');
  const table: [string, () => Blob, BackupProblemCode, number?][] = [
    ['an empty file', () => new Blob([]), 'empty'],
    ['a zip archive', () => new Blob([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00])]), 'zip'],
    ['a PDF', () => new Blob(['%PDF-1.7\n%âãÏÓ\n1 0 obj']), 'not-a-backup'],
    ['another app’s JSON (pretty-printed)', () => new Blob(['{\n  "contacts": [{"name": "A"}]\n}\n']), 'foreign-json', 1],
    ['another app’s JSON lines, gzipped', () => gz(['{"type":"contact","name":"A"}']), 'foreign-json', 1],
    ['a gzip cut off halfway', () => new Blob([goodGzip.subarray(0, Math.floor(goodGzip.length / 2))]), 'truncated'],
    [
      'a gzip with damaged bytes',
      () =>
        new Blob([Uint8Array.from(goodGzip, (byte, index) => (index > 12 && index < goodGzip.length - 10 ? byte ^ 0x5a : byte))]),
      'corrupt',
    ],
    ['a file without its end line', () => gz([header(), contactLine()]), 'truncated'],
    [
      'a newer store version',
      () => gz([header({ schemaVersion: LATEST_SCHEMA_VERSION + 1 }), contactLine(), endLine()]),
      'newer-version',
      1,
    ],
    ['a newer file layout', () => gz([header({ formatVersion: 2 }), contactLine(), endLine()]), 'newer-version', 1],
    [
      'a header without a schema version',
      () => gz([header({ schemaVersion: undefined }), contactLine(), endLine()]),
      'bad-header',
      1,
    ],
    [
      'a header with counts that are not counts',
      () => gz([header({ counts: { contacts: -1 } }), contactLine(), endLine()]),
      'bad-header',
      1,
    ],
    ['a line that is not JSON', () => gz([header(), '{"table":"contacts","record":{"id":', endLine()]), 'bad-line', 2],
    ['a line that is not a record', () => gz([header(), '{"table":"contacts"}', endLine()]), 'bad-line', 2],
    [
      'a table this version does not know',
      () => gz([header(), JSON.stringify({ table: 'invoices', record: { id: 1 } }), endLine()]),
      'unknown-table',
      2,
    ],
    [
      'a table its own version did not have yet',
      () => gz([header({ schemaVersion: 8 }), JSON.stringify({ table: 'notTracked', record: { hash: 'x' } }), endLine()]),
      'unknown-table',
      2,
    ],
    [
      'the same record twice',
      () => gz([header({ counts: { contacts: 2 } }), contactLine(), contactLine(), endLine(2)]),
      'duplicate-record',
      3,
    ],
    ['counts that do not match', () => gz([header({ counts: { contacts: 5 } }), contactLine(), endLine(1)]), 'count-mismatch', 3],
    ['lines after the end line', () => gz([...good, contactLine('c:late@x.nl')]), 'bad-line', 4],
    [
      'text that is not UTF-8',
      () => new Blob([new TextEncoder().encode(header() + '\n'), new Uint8Array([0x7b, 0xff, 0xfe, 0x7d, 0x0a])]),
      'corrupt',
    ],
  ];

  it.each(table)('%s', async (_what, file, code, line) => {
    const problem = await problemOf(file());
    expect(problem.code).toBe(code);
    if (line !== undefined) expect(problem.line).toBe(line);
  });

  it('tells ten or more kinds of bad file apart', () => {
    expect(new Set(table.map(([, , code]) => code)).size).toBeGreaterThanOrEqual(10);
  });
});
