import { useEffect, useState } from 'react';
import { formatSize } from '@/lib/backup/labels';
import type { StorageState } from '@/lib/backup/services';
import { getLocale, t } from '@/lib/i18n';
import { StatusLine, type Outcome } from './parts';
import { useData } from './services';

/** Whether the browser keeps the data for good, how much space it takes, and asking to keep it. */
export function StorageSection() {
  const { services } = useData();
  const [state, setState] = useState<StorageState | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  useEffect(() => {
    let current = true;
    services.storageState().then(
      (read) => current && setState(read),
      () => current && setState({ persisted: null, usage: null, quota: null }),
    );
    return () => {
      current = false;
    };
  }, [services]);

  const persist = async () => {
    const granted = await services.persist();
    setState((previous) => ({ ...(previous ?? { usage: null, quota: null }), persisted: granted }));
    setOutcome(granted ? null : { ok: false, text: t('storagePersistRefused') });
  };

  const locale = getLocale() === 'en' ? 'en-GB' : 'nl-NL';
  return (
    <section aria-labelledby="storage-title" className="data__section">
      <h2 id="storage-title">{t('storageTitle')}</h2>
      {state === null ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <p data-testid="storage-persisted">
            {state.persisted === true
              ? t('storagePersisted')
              : state.persisted === false
                ? t('storageNotPersisted')
                : t('storageUnknown')}
          </p>
          <p>
            {state.usage !== null && state.quota !== null
              ? t('storageUsed', { used: formatSize(state.usage, locale), quota: formatSize(state.quota, locale) })
              : t('storageUsedUnknown')}
          </p>
          {state.persisted !== true && (
            <button type="button" onClick={() => void persist()}>
              {t('storagePersist')}
            </button>
          )}
        </>
      )}
      <StatusLine outcome={outcome} />
    </section>
  );
}
