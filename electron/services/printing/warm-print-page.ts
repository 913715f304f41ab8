import type { Logger } from '../log';
import type { PdfRenderer } from './pdf-renderer';
import { showOnPrintPage, unrefSleep, type PrintPageDriver } from './print-page-driver';

/** A print page already loaded and waiting for a document (see `openPrintPage`), that can make a PDF of itself. */
export interface PrintPageTab extends PrintPageDriver {
  pdf(paper: 'Letter' | 'A4'): Promise<Uint8Array>;
  /** True once the page or its browser is gone (crashed, killed, closed). */
  gone(): boolean;
  close(): Promise<void>;
}

export interface WarmPrintPageOptions {
  /** Opens a new page with the print page loaded, waiting for a document. */
  open: () => Promise<PrintPageTab>;
  log: Logger;
  /** How long a document may take to lay out, or its PDF to be made (default 20 000 ms). */
  timeoutMs?: number;
  /** Every wait goes through it, so tests move time themselves. */
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * The PDF step of both hosts, kept warm: one print page stays loaded, its scripts, strings and
 * fonts ready, and each document is handed to it (`kioskPrintPage.show`) instead of loading the
 * page anew; that is most of what a print used to wait for. Documents are laid out one at a time,
 * in the order asked. A page that is gone, or did not answer in time, is closed and a new one
 * opened for the next document.
 */
export class WarmPrintPage implements PdfRenderer {
  private tab: Promise<PrintPageTab> | undefined;
  private line: Promise<unknown> = Promise.resolve();
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private closed = false;

  constructor(private readonly options: WarmPrintPageOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.sleep = options.sleep ?? unrefSleep;
  }

  /** Opens the page ahead of the first print. Never throws: a page that cannot open is logged, and tried again at the next print. */
  async warm(): Promise<void> {
    const started = performance.now();
    const opened = this.line.then(() => this.page());
    this.line = opened.catch(() => undefined);
    try {
      await opened;
      this.options.log.info('pdf-page-warm', { ms: Math.round(performance.now() - started) });
    } catch (error) {
      this.options.log.warn('pdf-page-not-warm', { cause: messageOf(error).split('\n')[0]!.slice(0, 300), then: 'trying again at the next print' });
    }
  }

  render(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    const rendered = this.line.then(() => this.renderNow(pagePath, paper));
    this.line = rendered.catch(() => undefined);
    return rendered;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.discard();
  }

  private async renderNow(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    const tab = await this.page();
    try {
      const outcome = await showOnPrintPage(tab, pagePath, this.timeoutMs, this.sleep);
      if (outcome === 'error') throw new PageError('the print page reported an error (see its console)');
      if (outcome === 'timeout') throw new Error(`the print page did not finish within ${this.timeoutMs / 1000} s`);
      const pdf = await Promise.race([tab.pdf(paper), this.sleep(this.timeoutMs).then(() => null)]);
      if (!pdf) throw new Error(`the PDF was not made within ${this.timeoutMs / 1000} s`);
      return pdf;
    } catch (error) {
      // The page said its document failed and is fine otherwise; anything else leaves it in doubt.
      if (!(error instanceof PageError)) await this.discard(tab);
      throw error;
    }
  }

  /** The warm page, opened when there is none or the one there is gone. Called in line only. */
  private async page(): Promise<PrintPageTab> {
    if (this.closed) throw new Error('the PDF renderer is closed');
    const current = await this.tab?.catch(() => undefined);
    if (current && !current.gone()) return current;
    if (current) {
      this.options.log.warn('pdf-page-gone', { then: 'opening a new one' });
      await current.close().catch(() => undefined);
    }
    const opened = this.options.open();
    const opening = Promise.race([
      opened,
      this.sleep(this.timeoutMs).then((): never => {
        throw new Error(`the print page did not load within ${this.timeoutMs / 1000} s`);
      }),
    ]);
    this.tab = opening;
    opening.catch(() => {
      if (this.tab === opening) this.tab = undefined;
      // One that opens after its time is up is closed, not kept.
      void opened.then(
        (late) => late.close(),
        () => undefined,
      );
    });
    return opening;
  }

  /** Closes the page (the given one, if it is still the warm one): the next document opens a new one. */
  private async discard(tab?: PrintPageTab): Promise<void> {
    const current = await this.tab?.catch(() => undefined);
    if (tab && current !== tab) return;
    this.tab = undefined;
    await current?.close().catch(() => undefined);
  }
}

/** The print page's own "this document failed" (bad address, handout gone, out of service). */
class PageError extends Error {}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
