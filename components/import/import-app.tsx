import { useSyncExternalStore } from 'react';
import type { ImportError, ImportSession, ImportView } from '@/lib/import/import-session';
import { describeReason, t } from '@/lib/i18n';
import { ChooseFiles, FileDrop } from './choose-files';
import { formatCount, percentOf } from './format';
import { ImportProgress } from './import-progress';
import { ImportSummary } from './import-summary';

function errorText(error: ImportError): string {
  switch (error.code) {
    case 'busy':
      return t('importBusy');
    case 'start-refused':
      return t('importStartRefused', { reason: describeReason(error.reason) });
    case 'not-stored':
      return t('importNotStored', { reason: describeReason(error.reason) });
    case 'worker-failed':
      return t('importWorkerFailed', { reason: error.reason });
    case 'wrong-files':
      return t('importWrongFiles', { names: error.missing.map((file) => file.name).join(', ') });
  }
}

/** An import a closed page left: the same files again to go on, or leave it. */
function Interrupted({ view, session }: { view: ImportView; session: ImportSession }) {
  const needsFiles = view.fileIndex < view.files.length;
  return (
    <section className="import__interrupted" aria-labelledby="import-interrupted-title">
      <h2 id="import-interrupted-title">
        {t('importInterrupted', { percent: percentOf(view.bytesDone, view.bytesTotal), kept: formatCount(view.totals.kept) })}
      </h2>
      {needsFiles ? (
        <>
          <p>{t('importInterruptedChoose')}</p>
          <ul className="import__files">
            {view.files.slice(view.fileIndex).map((file, index) => (
              <li key={`${index}-${file.name}`}>{file.name}</li>
            ))}
          </ul>
          <FileDrop onFiles={(files) => void session.resume(files)} />
        </>
      ) : (
        <>
          <p>{t('importInterruptedFinish')}</p>
          <button type="button" onClick={() => void session.resume()}>
            {t('importFinish')}
          </button>
        </>
      )}
      <div className="import__buttons">
        <button type="button" onClick={() => void session.discard()}>
          {t('importDiscard')}
        </button>
      </div>
    </section>
  );
}

function Controls({ view, session }: { view: ImportView; session: ImportSession }) {
  switch (view.phase) {
    case 'running':
      return (
        <div className="import__buttons">
          <button type="button" onClick={() => session.pause()}>
            {t('importPause')}
          </button>
          <button type="button" onClick={() => void session.cancel()}>
            {t('importCancel')}
          </button>
        </div>
      );
    case 'pausing':
      return <p role="status">{t('importPausing')}</p>;
    case 'cancelling':
      return <p role="status">{t('importCancelling')}</p>;
    case 'paused':
    case 'failed':
      return (
        <div className="import__buttons">
          {view.phase === 'paused' && (
            <p role="status">{t('importPaused', { percent: percentOf(view.bytesDone, view.bytesTotal) })}</p>
          )}
          <button type="button" onClick={() => void session.resume()}>
            {view.phase === 'paused' ? t('importResume') : t('importRetry')}
          </button>
          <button type="button" onClick={() => void session.cancel()}>
            {t('importCancel')}
          </button>
        </div>
      );
    default:
      return null;
  }
}

function Body({
  view,
  session,
  knownAddresses,
}: {
  view: ImportView;
  session: ImportSession;
  knownAddresses: () => Promise<string[]>;
}) {
  switch (view.phase) {
    case 'loading':
      return <p aria-busy="true">{t('loading')}</p>;
    case 'idle':
      return <ChooseFiles knownAddresses={knownAddresses} onStart={(files, own) => void session.start(files, own)} />;
    case 'interrupted':
      return <Interrupted view={view} session={session} />;
    case 'finished':
    case 'cancelled':
      return (
        <>
          <ImportSummary view={view} />
          <button type="button" onClick={() => session.reset()}>
            {t('importAgain')}
          </button>
        </>
      );
    default:
      return (
        <>
          <ImportProgress view={view} />
          <Controls view={view} session={session} />
        </>
      );
  }
}

/** The import page: choose or drop mailbox files, watch them being read, pause, cancel, resume, the summary. */
export function ImportApp({ session, knownAddresses }: { session: ImportSession; knownAddresses: () => Promise<string[]> }) {
  const view = useSyncExternalStore(session.subscribe, session.getView);
  return (
    <main className="import">
      <h1>{t('importHeading')}</h1>
      <p>{t('importIntro')}</p>
      {(view.phase === 'idle' || view.phase === 'loading') && <p className="import__hint">{t('importHowTo')}</p>}
      {view.error && (
        <p role="alert" className="import__error">
          {errorText(view.error)}
        </p>
      )}
      <Body view={view} session={session} knownAddresses={knownAddresses} />
    </main>
  );
}
