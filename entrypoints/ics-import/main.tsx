import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { IcsImportApp, type IcsImportDeps } from '@/components/ics-import/ics-import-app';
import { applyTonePalette } from '@/components/tone-palette';
import { getLocale, t } from '@/lib/i18n';
import type { MeetingImportReply, RuntimeMessage, RuntimeReply } from '@/lib/messaging/runtime';
import { getPageDb } from '@/lib/store/page-db';
import '@/components/styles.css';

applyTonePalette();
document.documentElement.lang = getLocale();
document.title = t('icsTitle');

const deps: IcsImportDeps = {
  send: async (batch) =>
    ((await browser.runtime.sendMessage({ type: 'import-meetings', batch } satisfies RuntimeMessage)) as
      MeetingImportReply | RuntimeReply | undefined) ?? {
      ok: false,
      error: 'geen antwoord van de achtergrond',
    },
  ownAddresses: async () => (await getPageDb().accounts.toArray()).map((account) => account.address),
  now: Date.now,
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <IcsImportApp deps={deps} />
  </StrictMode>,
);
