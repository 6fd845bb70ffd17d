import type { ImportView } from '@/lib/import/import-session';
import { sumOf } from '@/lib/import/import-totals';
import { t } from '@/lib/i18n';
import { formatCount, formatSize, formatTimeLeft, percentOf } from './format';

/** The bar, what it has read and kept, the time left; the current file. */
export function ImportProgress({ view }: { view: ImportView }) {
  const percent = percentOf(view.bytesDone, view.bytesTotal);
  const file = view.files[view.fileIndex];
  const dropped = sumOf(view.totals.dropped) + sumOf(view.totals.skipped);
  return (
    <div className="import__progress">
      <progress
        max={Math.max(view.bytesTotal, 1)}
        value={view.bytesDone}
        aria-label={t('importProgressLabel')}
        aria-valuetext={`${percent}%`}
      />
      <p data-progress>
        {t('importProgress', { done: formatSize(view.bytesDone), total: formatSize(view.bytesTotal), percent })}
      </p>
      <p data-counts>
        {t('importCounts', {
          messages: formatCount(view.totals.messages),
          kept: formatCount(view.totals.kept),
          dropped: formatCount(dropped),
        })}
      </p>
      {view.phase === 'running' && <p data-time-left>{formatTimeLeft(view.secondsLeft)}</p>}
      {file && view.files.length > 1 && (
        <p>{t('importCurrentFile', { index: view.fileIndex + 1, count: view.files.length, name: file.name })}</p>
      )}
    </div>
  );
}
