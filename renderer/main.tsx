// First: it asks the host for the kiosk's state before anything else runs.
import './api/first-state';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import { App } from './App';
import './i18n';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* While a language's strings or a screen's code loads (the first time only). */}
    <Suspense fallback={<main className="screen" aria-busy="true" />}>
      <App />
    </Suspense>
  </StrictMode>,
);
