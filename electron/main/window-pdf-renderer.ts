import type { BrowserWindow } from 'electron';
import type { Logger } from '../services/log';
import type { PdfRenderer } from '../services/printing/pdf-renderer';
import { openPrintPage } from '../services/printing/print-page-driver';
import { WarmPrintPage, type PrintPageTab } from '../services/printing/warm-print-page';
import { APP_ORIGIN } from './app-origin';
import { openSecureWindow, type WindowClass } from './secure-window';

/** The part of a hidden BrowserWindow the renderer uses. */
export type PdfWindow = Pick<BrowserWindow, 'loadURL' | 'destroy' | 'isDestroyed'> & {
  webContents: Pick<BrowserWindow['webContents'], 'executeJavaScript' | 'printToPDF' | 'isCrashed'>;
};

/**
 * Electron's PDF step: the print page in a hidden window (the kiosk's sandbox, and the print
 * page's own preload, which offers only the two channels it calls), kept loaded and warm
 * (`WarmPrintPage`), saved with webContents.printToPDF once the page says it is laid out.
 */
export class WindowPdfRenderer implements PdfRenderer {
  private readonly page: WarmPrintPage;

  constructor(
    private readonly Window: WindowClass<PdfWindow>,
    private readonly preload: string,
    log: Logger,
    sleep?: (ms: number) => Promise<void>,
  ) {
    this.page = new WarmPrintPage({ open: () => this.openTab(), log, sleep });
  }

  render(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    return this.page.render(pagePath, paper);
  }

  warm(): Promise<void> {
    return this.page.warm();
  }

  close(): Promise<void> {
    return this.page.close();
  }

  private async openTab(): Promise<PrintPageTab> {
    const window = openSecureWindow(this.Window, this.preload, { show: false });
    const tab: PrintPageTab = {
      load: (url) => window.loadURL(url),
      run: (script) => window.webContents.executeJavaScript(script),
      pdf: (paper) => window.webContents.printToPDF({ pageSize: paper, printBackground: true, preferCSSPageSize: true, generateTaggedPDF: true }),
      gone: () => window.isDestroyed() || window.webContents.isCrashed(),
      close: async () => {
        if (!window.isDestroyed()) window.destroy();
      },
    };
    try {
      await openPrintPage(tab, APP_ORIGIN);
    } catch (error) {
      await tab.close();
      throw error;
    }
    return tab;
  }
}
