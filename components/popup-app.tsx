import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { t } from '@/lib/i18n';
import { getDb, type GemeenteradarDb } from '@/lib/store/db';
import { loadPopupData, type PopupData } from '@/lib/store/queries';
import { MunicipalityList } from './municipality-list';
import { ReaderStatusPanel } from './reader-status';

export function PopupView({ data, now }: { data: PopupData; now: number }) {
  return (
    <main className="popup">
      <h1>{t('popupTitle')}</h1>
      {data.municipalities.length === 0 ? (
        <section className="empty-state" aria-labelledby="empty-title">
          <h2 id="empty-title">{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </section>
      ) : (
        <MunicipalityList municipalities={data.municipalities} now={now} />
      )}
      <ReaderStatusPanel statuses={data.readerStatus} rejections={data.rejections} />
    </main>
  );
}

/** The popup, live: re-renders whenever the background stores something new. */
export function PopupApp({ db = getDb(), now = Date.now }: { db?: GemeenteradarDb; now?: () => number }) {
  const [error, setError] = useState<string | null>(null);
  const data = useLiveQuery(
    () =>
      loadPopupData(db).catch((reason: unknown) => {
        setError(reason instanceof Error ? reason.message : String(reason));
        return null;
      }),
    [db],
  );
  if (error) {
    return (
      <main className="popup">
        <p role="alert">{t('loadError', { error })}</p>
      </main>
    );
  }
  if (!data) {
    return (
      <main className="popup" aria-busy="true">
        <p>{t('loading')}</p>
      </main>
    );
  }
  return <PopupView data={data} now={now()} />;
}
