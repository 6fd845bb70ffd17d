import { t } from '@/lib/i18n';
import { ErrorPanel, loadErrorText } from '../error-boundary';
import { usePageDb } from '../use-page-db';
import { BackupSection } from './backup-section';
import { EverythingSection } from './everything-section';
import { ExportSection } from './export-section';
import { NotTrackedSection } from './not-tracked-section';
import { PersonSection } from './person-section';
import { RestoreSection } from './restore-section';
import { useData } from './services';
import { StorageSection } from './storage-section';

/** The data page: backup, restore, export, what is held about someone, forget, storage. */
export function DataApp({ initialAddress }: { initialAddress?: string }) {
  // nothing is read before the store is open at this code's version (the background upgrades it)
  const store = usePageDb(useData().db);
  if (store.status !== 'ready') {
    return (
      <main className="data" aria-busy={store.status !== 'failed'}>
        <h1>{t('dataTitle')}</h1>
        {store.status === 'failed' ? (
          <ErrorPanel error={store.error} detail={loadErrorText(store.error)} surface="data" onReload={store.retry} />
        ) : (
          <p role="status">{store.status === 'upgrading' ? t('storeUpgrading') : t('loading')}</p>
        )}
      </main>
    );
  }
  return (
    <main className="data">
      <h1>{t('dataTitle')}</h1>
      <p>{t('dataIntro')}</p>
      <BackupSection />
      <RestoreSection />
      <ExportSection />
      <PersonSection initialAddress={initialAddress} />
      <NotTrackedSection />
      <EverythingSection />
      <StorageSection />
    </main>
  );
}
