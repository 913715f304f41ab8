import type { Browser } from 'playwright-core';
import type { Logger } from '../services/log';
import type { PdfRenderer } from '../services/printing/pdf-renderer';
import { openPrintPage } from '../services/printing/print-page-driver';
import { WarmPrintPage, type PrintPageTab } from '../services/printing/warm-print-page';

/** Flags for a headless Chromium on a closed network: no sync, no updates, no background calls home. */
export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const PAGE_TIMEOUT_MS = 20_000;

/** How Playwright reports a Chromium whose sandbox could not start (no user namespaces, no setuid helper, root). */
const SANDBOX_FAILURE = /sandbox/i;

/**
 * Whether Chromium may run sandboxed for this process: not as root, where Chromium refuses its
 * sandbox (crbug.com/638180). Run the web host as an ordinary user (docs/deploy.md).
 */
export function chromiumSandboxAllowed(uid: () => number | undefined = () => process.getuid?.()): boolean {
  return uid() !== 0;
}

/**
 * The web host's PDF step: the print page in the system Chromium (the same engine as Electron's
 * printToPDF), kept loaded and warm (`WarmPrintPage`), and saved with page.pdf(). Playwright and
 * the browser start at `warm()` (the host calls it once it listens) or at the first print, and stay.
 * It runs in Chromium's sandbox unless the host runs as root; where the OS cannot give it a
 * sandbox (user namespaces turned off, no setuid helper), the error is logged with what IT can do
 * and it runs without one, because the kiosk's own print pages from loopback are all it opens
 * and a kiosk that cannot print cannot hand a sick patient the nurse's number.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Promise<Browser> | undefined;
  private readonly page: WarmPrintPage;

  constructor(
    private readonly baseUrl: () => string,
    private readonly executablePath: string,
    private readonly log: Logger,
    private sandbox: boolean = chromiumSandboxAllowed(),
  ) {
    this.page = new WarmPrintPage({ open: () => this.openTab(), log, timeoutMs: PAGE_TIMEOUT_MS });
  }

  render(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    return this.page.render(pagePath, paper);
  }

  warm(): Promise<void> {
    return this.page.warm();
  }

  async close(): Promise<void> {
    await this.page.close();
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await browser?.close();
  }

  /** A new page of the browser with the print page loaded, waiting for documents. */
  private async openTab(): Promise<PrintPageTab> {
    const browser = await this.launch();
    const page = await browser.newPage();
    let crashed = false;
    page.on('crash', () => (crashed = true));
    const tab: PrintPageTab = {
      load: async (url) => void (await page.goto(url, { timeout: PAGE_TIMEOUT_MS })),
      run: (script) => page.evaluate(script),
      pdf: (paper) => page.pdf({ format: paper, printBackground: true, preferCSSPageSize: true, tagged: true, outline: false }),
      gone: () => crashed || page.isClosed() || !browser.isConnected(),
      close: () => page.close(),
    };
    try {
      await openPrintPage(tab, this.baseUrl());
    } catch (error) {
      await page.close().catch(() => undefined);
      throw error;
    }
    return tab;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launched = this.start();
      this.browser = launched;
      // A failed start, or a browser that later dies, is forgotten: the next print starts a new one.
      const forget = () => {
        if (this.browser === launched) this.browser = undefined;
      };
      launched.then((browser) => browser.on('disconnected', forget), forget);
    }
    return this.browser;
  }

  private async start(): Promise<Browser> {
    // Loaded when first needed: playwright-core alone takes about half a second to load, which
    // the host would otherwise spend before it answers anyone.
    const { chromium } = await import('playwright-core');
    const launch = (sandboxed: boolean) =>
      chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS, headless: true, chromiumSandbox: sandboxed });
    if (!this.sandbox) {
      this.log.warn('pdf-chromium-unsandboxed', {
        why: 'the web host runs as root, where Chromium has no sandbox',
        whatNow: 'run the web host as an ordinary user (docs/deploy.md)',
      });
      return launch(false);
    }
    try {
      const browser = await launch(true);
      this.log.info('pdf-chromium-started', { sandboxed: true });
      return browser;
    } catch (error) {
      const message = (error as Error).message;
      if (!SANDBOX_FAILURE.test(message)) throw error;
      // Once for the life of the host: the OS will not give it a sandbox on the next print either.
      this.sandbox = false;
      this.log.error('pdf-chromium-sandbox-failed', {
        cause: message
          .split('\n')
          .find((line) => SANDBOX_FAILURE.test(line))
          ?.trim()
          .slice(0, 300),
        then: 'making PDFs without the sandbox',
        whatNow:
          'allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1; on Ubuntu an AppArmor profile for chromium) ' +
          'or install the chrome-sandbox setuid helper; see docs/deploy.md',
      });
      return launch(false);
    }
  }
}
