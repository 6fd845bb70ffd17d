/**
 * The data page's half of a restore: reads the file (read.ts) and hands its header and records
 * to the background in chunks, through whatever carries them (runtime messages in the page, the
 * background's own sessions in tests). The background validates and stages; nothing is written
 * until the user confirms the plan.
 */
import type { BackupHeader, BackupProblem } from './format';
import { BackupFileError } from './format';
import { readBackup } from './read';

export interface RestoreTransport {
  begin(header: BackupHeader): Promise<string>;
  add(chunk: { restoreId: string; table: string; firstLine: number; records: unknown[] }): Promise<void>;
}

export interface SentBackup {
  restoreId: string;
  header: BackupHeader;
}

/** Reads a backup file and stages it in the background; throws BackupFileError with the first problem. */
export async function sendBackup(
  file: Blob,
  transport: RestoreTransport,
  onProgress: (bytesRead: number, totalBytes: number) => void = () => undefined,
): Promise<SentBackup> {
  let restoreId: string | null = null;
  const header = await readBackup(file, {
    header: async (read) => void (restoreId = await transport.begin(read)),
    records: (table, records, firstLine) => transport.add({ restoreId: restoreId!, table, firstLine, records }),
    progress: onProgress,
  });
  return { restoreId: restoreId!, header };
}

/** A problem the background reported, as the page's error (the same codes as the file's own). */
export function backgroundProblem(problem: BackupProblem): BackupFileError {
  return new BackupFileError(problem);
}
