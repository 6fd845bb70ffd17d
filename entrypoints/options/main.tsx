import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/options-app';
import { t } from '@/lib/i18n';
import { applyPageLanguage } from '@/components/page-language';
import { applyTonePalette } from '@/components/tone-palette';
import { ErrorBoundary } from '@/components/error-boundary';
import '@/components/styles.css';

applyTonePalette();

applyPageLanguage();
document.title = t('optionsTitle');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary surface="options">
      <OptionsApp />
    </ErrorBoundary>
  </StrictMode>,
);
