import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/options-app';
import { t } from '@/lib/i18n';
import { applyPageLanguage } from '@/components/page-language';
import { applyTonePalette } from '@/components/tone-palette';
import '@/components/styles.css';

applyTonePalette();

applyPageLanguage();
document.title = t('optionsTitle');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp />
  </StrictMode>,
);
