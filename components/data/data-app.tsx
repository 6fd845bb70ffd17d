import { t } from '@/lib/i18n';
import { BackupSection } from './backup-section';
import { EverythingSection } from './everything-section';
import { ExportSection } from './export-section';
import { NotTrackedSection } from './not-tracked-section';
import { PersonSection } from './person-section';
import { RestoreSection } from './restore-section';
import { StorageSection } from './storage-section';

/** The data page: backup, restore, export, what is held about someone, forget, storage. */
export function DataApp({ initialAddress }: { initialAddress?: string }) {
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
