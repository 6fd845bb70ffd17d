/**
 * The .ics import page's work, without the page: every file parsed here (lib/import/ics.ts, in
 * slices, the page stays responsive), its meetings sent to the background as one batch (one
 * transaction per file: never half a file stored), and one summary over all files: events read,
 * meetings kept, what was dropped and why, errors by kind.
 */
import type { ImportedMeetingBatch } from '../messaging/observations';
import type { MeetingImportReply, RuntimeReply } from '../messaging/runtime';
import type { MeetingDropReason } from '../store/calendar/plan';
import { importIcs, type IcsDropReason, type IcsEventError, type IcsFileError, type IcsImportOptions } from './ics';

export interface IcsFileInput {
  name: string;
  bytes: Uint8Array;
}

export interface IcsFilesProgress {
  /** 0-based index of the file being read */
  file: number;
  files: number;
  /** 0..1 within that file */
  fraction: number;
}

export interface IcsFilesSummary {
  files: number;
  eventsRead: number;
  /** meetings stored new or updated (with a stakeholder) */
  kept: number;
  /** read but not kept, by reason (the file's and the store's) */
  dropped: Partial<Record<IcsDropReason | MeetingDropReason, number>>;
  /** events not read, by kind */
  eventErrors: Partial<Record<IcsEventError, number>>;
  /** files not read, by name */
  fileErrors: Array<{ name: string; error: IcsFileError | 'store' }>;
}

export const emptyIcsFilesSummary = (): IcsFilesSummary => ({
  files: 0,
  eventsRead: 0,
  kept: 0,
  dropped: {},
  eventErrors: {},
  fileErrors: [],
});

function add<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const [key, count] of Object.entries(from) as Array<[K, number | undefined]>)
    if (count) into[key] = (into[key] ?? 0) + count;
}

const PHASE_SHARE = { scan: 0, parse: 0.2, expand: 0.7, done: 1 } as const;

/** Reads every file in turn; `send` hands one file's meetings to the background. */
export async function importIcsFiles(
  files: readonly IcsFileInput[],
  {
    options,
    send,
    onProgress,
  }: {
    options: Omit<IcsImportOptions, 'onProgress'>;
    send: (batch: ImportedMeetingBatch) => Promise<MeetingImportReply | RuntimeReply>;
    onProgress?: (progress: IcsFilesProgress) => void;
  },
): Promise<IcsFilesSummary> {
  const summary = emptyIcsFilesSummary();
  for (const [index, file] of files.entries()) {
    summary.files++;
    const result = await importIcs(file.bytes, {
      ...options,
      onProgress: ({ phase, done, total }) => {
        const next = phase === 'done' ? 1 : phase === 'expand' ? 1 : phase === 'parse' ? 0.7 : 0.2;
        onProgress?.({
          file: index,
          files: files.length,
          fraction: PHASE_SHARE[phase] + (total ? (done / total) * (next - PHASE_SHARE[phase]) : 0),
        });
      },
    });
    if (result.fileError) {
      summary.fileErrors.push({ name: file.name, error: result.fileError });
      continue;
    }
    summary.eventsRead += result.summary.eventsRead;
    add(summary.dropped, result.summary.dropped);
    add(summary.eventErrors, result.summary.errors);
    // cancellations go with the meetings: they stop counting what an earlier import stored
    const meetings = [...result.meetings, ...result.cancellations];
    if (meetings.length === 0) continue;
    const reply = await send({ source: 'ics', observedAt: Date.now(), meetings });
    if (!reply.ok || !('meetings' in reply)) {
      summary.fileErrors.push({ name: file.name, error: 'store' });
      continue;
    }
    // a stored meeting a cancellation updated is counted once, with the file's cancelled ones
    summary.kept += reply.meetings.added + reply.meetings.updated - reply.meetings.cancelled;
    add(summary.dropped, reply.meetings.dropped);
  }
  onProgress?.({ file: files.length, files: files.length, fraction: 1 });
  return summary;
}
