/**
 * Turns a print page address (`printPagePath` in contract/print-page.ts, e.g.
 * `/print.html?kind=handout&lang=en&id=fever`) into a PDF. Electron uses a hidden window's
 * printToPDF; the web host uses the system Chromium. Both keep the print page warm
 * (`WarmPrintPage`).
 */
export interface PdfRenderer {
  render(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array>;
  /** Gets ready for the first print ahead of it (a host calls it once it has started). Never throws. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** Counts the pages of a PDF written by Chromium (one `/Type /Page` object per page). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString('latin1');
  return text.match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}
