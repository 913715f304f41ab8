import { chromium, type Browser } from 'playwright-core';
import { PRINT_READY_ATTRIBUTE, type PdfRenderer } from '../services/printing/pdf-renderer';

/** Flags for a headless Chromium on a closed network: no sync, no updates, no background calls home. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const PAGE_TIMEOUT_MS = 20_000;

/**
 * The web host's PDF step: the print page opened in the system Chromium (the same engine as
 * Electron's printToPDF) and saved with page.pdf(). The browser starts on first use and stays.
 */
export class ChromiumPdfRenderer implements PdfRenderer {
  private browser: Promise<Browser> | undefined;

  constructor(
    private readonly baseUrl: () => string,
    private readonly executablePath: string,
  ) {}

  async render(pagePath: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    const browser = await this.launch();
    const page = await browser.newPage();
    try {
      await page.goto(new URL(pagePath, this.baseUrl()).href, { timeout: PAGE_TIMEOUT_MS });
      const ready = await page.waitForSelector(`html[${PRINT_READY_ATTRIBUTE}]`, { state: 'attached', timeout: PAGE_TIMEOUT_MS });
      if ((await ready.getAttribute(PRINT_READY_ATTRIBUTE)) !== 'ready') throw new Error('the print page reported an error (see its console)');
      return await page.pdf({ format: paper, printBackground: true, preferCSSPageSize: true, tagged: true, outline: false });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const browser = await this.browser?.catch(() => undefined);
    this.browser = undefined;
    await browser?.close();
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launched = chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS, headless: true });
      this.browser = launched;
      // A failed start, or a browser that later dies, is forgotten: the next print starts a new one.
      const forget = () => {
        if (this.browser === launched) this.browser = undefined;
      };
      launched.then((browser) => browser.on('disconnected', forget), forget);
    }
    return this.browser;
  }
}
