import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PopupApp } from '@/components/popup-app';
import { popupSnapshotItem } from '@/lib/store/popup-snapshot';
import { applyPageLanguage } from '@/components/page-language';
import { applyTonePalette } from '@/components/tone-palette';
import { ErrorBoundary } from '@/components/error-boundary';
import '@/components/styles.css';

applyTonePalette();
applyPageLanguage();

// asked for before React starts: the first screen paints as soon as it arrives
const snapshot = popupSnapshotItem.getValue().catch(() => null);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary surface="popup">
      <PopupApp snapshot={snapshot} />
    </ErrorBoundary>
  </StrictMode>,
);
