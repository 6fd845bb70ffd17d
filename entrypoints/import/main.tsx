import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ImportApp } from '@/components/import/import-app';
import { applyTonePalette } from '@/components/tone-palette';
import { storedCheckpoints } from '@/lib/import/checkpoint';
import { ImportSession } from '@/lib/import/import-session';
import { acquireImportLock, browserImportBackground, portOfWorker } from '@/lib/import/page-glue';
import { getLocale, t } from '@/lib/i18n';
import { getPageDb } from '@/lib/store/page-db';
import '@/components/styles.css';
// Vite bundles the Worker's code as a file of its own, started as a module Worker
import ImportWorker from './import-worker?worker';

applyTonePalette();

document.documentElement.lang = getLocale();
document.title = t('importTitle');

// the files are read in a Worker the page starts (never in the service worker, which the browser may stop)
const session = new ImportSession({
  startWorker: () => portOfWorker(new ImportWorker()),
  background: browserImportBackground,
  checkpoints: storedCheckpoints,
  acquireLock: acquireImportLock,
  newImportId: () => crypto.randomUUID(),
  now: () => performance.now(),
});
void session.open();
// closing the page mid-import: the background brings what was stored up to date; the checkpoint resumes it
addEventListener('pagehide', () => session.pageHidden());

// the user's own addresses as the store knows them (read-only), to fill in the form
const knownAddresses = () =>
  getPageDb()
    .accounts.toArray()
    .then((accounts) => accounts.map((account) => account.address));

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ImportApp session={session} knownAddresses={knownAddresses} />
  </StrictMode>,
);
