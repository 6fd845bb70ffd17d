import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { OptionsApp } from '@/components/options/options-app';
import { getLocale, t } from '@/lib/i18n';
import '@/components/styles.css';

document.documentElement.lang = getLocale();
document.title = t('optionsTitle');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OptionsApp />
  </StrictMode>,
);
