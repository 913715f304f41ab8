import { chromium, type Browser, type BrowserServer, type CDPSession, type LaunchOptions, type Page, type ViewportSize } from '@playwright/test';
import { KioskPage } from '../pages/kiosk-page';
import { pageHeapMb, pageRendererPid } from './memory';
import { residentMemory } from './host-facts';

/** What went wrong in a page, counted by kind; any of it fails the soak. */
export interface PageErrors {
  console: number;
  page: number;
  failedRequests: number;
  /** `/api/` answers that were not `{ ok: true }`. */
  api: number;
  /** The first few, said in full, for the report. */
  first: string[];
}

const FIRST_ERRORS_KEPT = 10;

/** Counts console errors, uncaught exceptions, failed requests (and HTTP errors) and API calls answered with an error. */
function watchErrors(page: Page): PageErrors {
  const errors: PageErrors = { console: 0, page: 0, failedRequests: 0, api: 0, first: [] };
  const note = (kind: Exclude<keyof PageErrors, 'first'>, text: string) => {
    errors[kind] += 1;
    if (errors.first.length < FIRST_ERRORS_KEPT) errors.first.push(`${kind}: ${text}`);
  };
  page.on('console', (message) => {
    if (message.type() === 'error') note('console', message.text());
  });
  page.on('pageerror', (error) => note('page', error.message));
  page.on('requestfailed', (request) => note('failedRequests', `${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400) return note('failedRequests', `${path}: HTTP ${response.status()}`);
    if (!path.startsWith('/api/')) return;
    void response
      .json()
      .then((result: { ok: boolean; code?: string }) => {
        if (!result.ok) note('api', `${path}: ${result.code}`);
      })
      .catch((error: Error) => note('api', `${path}: unreadable answer (${error.message})`));
  });
  return errors;
}

/** One page in a browser of its own, so its renderer process (and its RSS) is its alone. */
export class SoakPage {
  private constructor(
    private readonly server: BrowserServer,
    private readonly browser: Browser,
    readonly kiosk: KioskPage,
    private readonly cdp: CDPSession,
    readonly errors: PageErrors,
    private readonly rendererPid: number,
  ) {}

  static async open(url: string, launch: LaunchOptions, viewport: ViewportSize | null): Promise<SoakPage> {
    const server = await chromium.launchServer(launch);
    try {
      const browser = await chromium.connect(server.wsEndpoint());
      const page = await (await browser.newContext({ viewport })).newPage();
      const errors = watchErrors(page);
      const kiosk = new KioskPage(page, url);
      await kiosk.open();
      await kiosk.expectScreen('welcome');
      const cdp = await page.context().newCDPSession(page);
      return new SoakPage(server, browser, kiosk, cdp, errors, await pageRendererPid(server.process().pid!));
    } catch (error) {
      await server.close();
      throw error;
    }
  }

  /** The page's JS heap after a forced GC, and its renderer's resident memory, in MB. */
  async memory(): Promise<{ heapMb: number; rssMb: number }> {
    const heapMb = await pageHeapMb(this.cdp);
    return { heapMb, rssMb: (await residentMemory(this.rendererPid)).rssMb };
  }

  get errorCount(): number {
    const { console, page, failedRequests, api } = this.errors;
    return console + page + failedRequests + api;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
  }
}

/**
 * One whole session, as the issue puts it: come in, browse, preview, "I'm done". Welcome, the
 * patient, four "No", the handouts (skipping "What brings you in today?"), the Fever topic, the
 * first handout read and closed, back to "Suggested for you", "I'm done" twice (the handouts,
 * then Thank you), and Welcome again. Only taps, each waiting for its button: a button that only
 * one screen has proves the screen before it worked, and the end is checked once, which keeps a
 * session quick enough for a thousand of them.
 */
export async function walkSession(kiosk: KioskPage): Promise<void> {
  await kiosk.button('Touch to start').click();
  await kiosk.choose('I am the patient');
  for (let question = 0; question < 4; question++) await kiosk.button('No').click();
  await kiosk.button('Health handouts for you').click();
  await kiosk.button('Skip').click();
  await kiosk.chooseTopic('Fever');
  await kiosk.page
    .getByRole('button', { name: /^Read: / })
    .first()
    .click();
  await kiosk.button('Close').click();
  await kiosk.button('Suggested for you').click();
  await kiosk.button("I'm done").click();
  await kiosk.expectScreen('done');
  await kiosk.button("I'm done").click();
  await kiosk.expectScreen('welcome');
}
