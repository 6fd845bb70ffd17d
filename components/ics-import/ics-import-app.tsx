import { useState } from 'react';
import { t, type MessageKey } from '@/lib/i18n';
import { Message } from '../message';
import { importIcsFiles, type IcsFileInput, type IcsFilesProgress, type IcsFilesSummary } from '@/lib/import/ics-files';
import type { ImportedMeetingBatch } from '@/lib/messaging/observations';
import type { MeetingImportReply, RuntimeReply } from '@/lib/messaging/runtime';

const YEAR = 365 * 86_400_000;

export interface IcsImportDeps {
  send(batch: ImportedMeetingBatch): Promise<MeetingImportReply | RuntimeReply>;
  /** the user's own addresses (their declined meetings are no meetings) */
  ownAddresses(): Promise<string[]>;
  now(): number;
}

const key = (prefix: string, code: string) => `${prefix}${code.replaceAll('-', '_')}` as MessageKey;

function counted(counts: Record<string, number | undefined>, prefix: string): string {
  return Object.entries(counts)
    .filter(([, count]) => count)
    .map(([code, count]) => `${count} ${t(key(prefix, code))}`)
    .join(', ');
}

function Summary({ summary }: { summary: IcsFilesSummary }) {
  const dropped = counted(summary.dropped, 'icsReason_');
  const errors = counted(summary.eventErrors, 'icsError_');
  return (
    <section className="ics-summary" aria-label={t('icsDone')} role="status">
      <ul>
        <li data-testid="ics-events-read">{t('icsEventsRead', { count: summary.eventsRead })}</li>
        <li data-testid="ics-kept">{t('icsKept', { count: summary.kept })}</li>
        {dropped && <li>{t('icsDropped', { list: dropped })}</li>}
        {errors && <li className="warning">{t('icsErrors', { list: errors })}</li>}
        {summary.fileErrors.map((failed, index) => (
          <li key={index} className="warning" role="alert">
            <Message id="icsFileFailed" values={{ name: failed.name, error: t(key('icsFile_', failed.error)) }} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The .ics import page: file picker and drop zone, progress, and what became of the files. */
export function IcsImportApp({ deps }: { deps: IcsImportDeps }) {
  const [progress, setProgress] = useState<IcsFilesProgress | null>(null);
  const [summary, setSummary] = useState<IcsFilesSummary | null>(null);
  const [dragging, setDragging] = useState(false);

  const run = async (list: FileList | null) => {
    if (!list || list.length === 0 || progress) return;
    setSummary(null);
    setProgress({ file: 0, files: list.length, fraction: 0 });
    const files: IcsFileInput[] = await Promise.all(
      [...list].map(async (file) => ({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) })),
    );
    const now = deps.now();
    const result = await importIcsFiles(files, {
      // series expanded from two years back to one ahead: the span of a trajectory
      options: {
        window: { start: now - 2 * YEAR, end: now + YEAR },
        userAddresses: await deps.ownAddresses(),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
      send: deps.send,
      onProgress: setProgress,
    });
    setProgress(null);
    setSummary(result);
  };

  return (
    <main className="ics-import">
      <h1>{t('icsTitle')}</h1>
      <p>{t('icsIntro')}</p>
      <div
        className={`ics-drop${dragging ? ' ics-drop--over' : ''}`}
        data-testid="ics-drop"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(event) => {
          event.preventDefault();
          setDragging(false);
          void run(event.dataTransfer.files);
        }}
      >
        <label className="button">
          {t('icsChoose')}
          <input
            type="file"
            accept=".ics,text/calendar"
            multiple
            hidden={false}
            className="visually-hidden"
            onChange={(event) => void run(event.currentTarget.files)}
          />
        </label>
        <p className="muted">{t('icsDropHere')}</p>
      </div>
      {progress && (
        <div role="status">
          <p>{t('icsReading', { file: Math.min(progress.file + 1, progress.files), files: progress.files })}</p>
          <progress max={1} value={progress.fraction} />
        </div>
      )}
      {summary && <Summary summary={summary} />}
    </main>
  );
}
