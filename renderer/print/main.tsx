import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '../i18n';
import { parsePrintPagePath } from '../../electron/contract/print-page';
import { PRINT_PAGE_API, type PrintPageApi, type PrintPageOutcome } from '../../electron/contract/print-page-api';
import { loadPrint, PrintPage, whenLaidOut } from './PrintPage';
import './print.css';

declare global {
  interface Window {
    [PRINT_PAGE_API]?: PrintPageApi;
  }
}

const root = createRoot(document.getElementById('root')!);
let line: Promise<unknown> = Promise.resolve();

/** Lays out one document, drawn at once (flushSync), then waits for its fonts and images. */
async function layOut(path: string): Promise<PrintPageOutcome> {
  try {
    const loaded = await loadPrint(parsePrintPagePath(path));
    flushSync(() =>
      root.render(
        <StrictMode>
          <PrintPage loaded={loaded} />
        </StrictMode>,
      ),
    );
    await whenLaidOut();
    return 'ready';
  } catch (error) {
    console.error((error as Error).message);
    // Nothing of an earlier document may be printed in its place.
    flushSync(() => root.render(null));
    return 'error';
  }
}

/**
 * The print page stays loaded and waits: the host hands it one document after another (see
 * PrintPageApi), so the scripts, strings and fonts load once, not for every print. Opened with a
 * target in its address (`?kind=handout&lang=en&id=fever`), it shows that, for a person to look at.
 */
window[PRINT_PAGE_API] = {
  show: (path) => {
    const shown = line.then(() => layOut(path));
    line = shown;
    return shown;
  },
};
if (window.location.search) void window[PRINT_PAGE_API].show(window.location.search);
