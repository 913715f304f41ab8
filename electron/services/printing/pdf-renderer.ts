/**
 * Turns a page of the built renderer (e.g. `/print.html?kind=handouts&lang=en&ids=fever`) into a
 * PDF. Electron uses a hidden window's printToPDF; the web host uses the system Chromium.
 */
export interface PdfRenderer {
  render(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array>;
  close(): Promise<void>;
}

export { PRINT_READY_ATTRIBUTE } from '../../contract/print-page';

/** Counts the pages of a PDF written by Chromium (one `/Type /Page` object per page). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
