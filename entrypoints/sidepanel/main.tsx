import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SidePanelApp } from '@/components/side-panel/side-panel-app';
import { applyPageLanguage } from '@/components/page-language';
import { applyTonePalette } from '@/components/tone-palette';
import { ErrorBoundary } from '@/components/error-boundary';
import '@/components/styles.css';

applyTonePalette();

// `?tabId=<id>`: pinned to that tab (a panel opened in a tab of its own, as the e2e tests do);
// otherwise the panel follows the active tab of its window.
const pinned = Number.parseInt(new URLSearchParams(location.search).get('tabId') ?? '', 10);
applyPageLanguage();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary surface="side-panel">
      <SidePanelApp tabId={Number.isInteger(pinned) ? pinned : null} />
    </ErrorBoundary>
  </StrictMode>,
);
