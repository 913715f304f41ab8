import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../i18n';
import { PrintPage } from './PrintPage';
import './print.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PrintPage />
  </StrictMode>,
);
