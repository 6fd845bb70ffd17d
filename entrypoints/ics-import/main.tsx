import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { IcsImportApp, type IcsImportDeps } from '@/components/ics-import/ics-import-app';
import { ErrorBoundary } from '@/components/error-boundary';
import { applyPageLanguage } from '@/components/page-language';
import { applyTonePalette } from '@/components/tone-palette';
import { t } from '@/lib/i18n';
import type { MeetingImportReply, RuntimeMessage, RuntimeReply } from '@/lib/messaging/runtime';
import { requestStoreOpen } from '@/lib/messaging/client';
import { getPageDb, openPageDb } from '@/lib/store/page-db';
import { reason } from '@/lib/vocabulary/reasons';
import '@/components/styles.css';

applyTonePalette();
applyPageLanguage();
document.title = t('icsTitle');

const deps: IcsImportDeps = {
  send: async (batch) =>
    ((await browser.runtime.sendMessage({ type: 'import-meetings', batch } satisfies RuntimeMessage)) as
      MeetingImportReply | RuntimeReply | undefined) ?? { ok: false, error: reason('no-reply') },
  ownAddresses: async () => {
    const db = getPageDb();
    // opened at this code's version first (the background upgrades an older store)
    await openPageDb(db, { requestUpgrade: requestStoreOpen });
    return (await db.accounts.toArray()).map((account) => account.address);
  },
  now: Date.now,
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary surface="ics-import">
      <IcsImportApp deps={deps} />
    </ErrorBoundary>
  </StrictMode>,
);
