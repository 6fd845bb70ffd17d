import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DataApp } from '@/components/data/data-app';
import { getLocale, t } from '@/lib/i18n';
import { applyTonePalette } from '@/components/tone-palette';
import '@/components/styles.css';

applyTonePalette();

document.documentElement.lang = getLocale();
document.title = t('dataTitle');

// `?address=…`: opened from the side panel's card, on what is held about that person
const address = new URLSearchParams(location.search).get('address') ?? undefined;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DataApp initialAddress={address} />
  </StrictMode>,
);
