import type { BrowserWindow } from 'electron';
import { PRINT_READY_ATTRIBUTE, type PdfRenderer } from '../services/printing/pdf-renderer';
import { APP_ORIGIN } from './app-origin';
import { openSecureWindow, type WindowClass } from './secure-window';

const READY_POLL_MS = 100;
const READY_TIMEOUT_MS = 20_000;
/** A hung page never answers executeJavaScript; past this (real time) the render gives up. */
const HUNG_PAGE_MS = 30_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Electron's PDF step: the print page in a hidden window (same sandbox and preload as the kiosk),
 * saved with webContents.printToPDF once the page says it is laid out.
 */
export class WindowPdfRenderer implements PdfRenderer {
  constructor(
    private readonly Window: WindowClass<Pick<BrowserWindow, 'loadURL' | 'webContents' | 'destroy'>>,
    private readonly preload: string,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async render(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    const window = openSecureWindow(this.Window, this.preload, { show: false });
    try {
      await window.loadURL(`${APP_ORIGIN}${pagePath}`);
      const state = await withTimeout(this.waitForReady(window), HUNG_PAGE_MS);
      if (state !== 'ready') throw new Error(`the print page ${state === null ? 'did not finish in time' : 'reported an error'}`);
      return await window.webContents.printToPDF({ pageSize: paper, printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true });
    } finally {
      window.destroy();
    }
  }

  async close(): Promise<void> {}

  private async waitForReady(window: Pick<BrowserWindow, 'webContents'>): Promise<string | null> {
    for (let waited = 0; waited < READY_TIMEOUT_MS; waited += READY_POLL_MS) {
      const state: unknown = await window.webContents.executeJavaScript(`document.documentElement.getAttribute('${PRINT_READY_ATTRIBUTE}')`);
      if (typeof state === 'string') return state;
      await this.sleep(READY_POLL_MS);
    }
    return null;
  }
}
