import { PRINT_PAGE, showScript, WAITING_SCRIPT, type PrintPageOutcome } from '../../contract/print-page-api';

/**
 * A browser page the print page is loaded in: a hidden Electron window (`loadURL`,
 * `executeJavaScript`) or a page of the system Chromium (`goto`, `evaluate`).
 */
export interface PrintPageDriver {
  /** Loads `url`; resolves once the page has loaded, rejects when it cannot. */
  load(url: string): Promise<void>;
  /** Runs `script` in the page's own world; resolves with its value (a promise's, once settled). */
  run(script: string): Promise<unknown>;
}

/** How laying out a document went: the page's own answer, or no answer in time. */
export type LayoutOutcome = PrintPageOutcome | 'timeout';

/**
 * Loads the print page from `origin`, with no document yet: it then waits for
 * {@link showOnPrintPage}. Throws when the page does not load or is not the print page.
 */
export async function openPrintPage(driver: PrintPageDriver, origin: string): Promise<void> {
  await driver.load(`${origin}${PRINT_PAGE}`);
  if ((await driver.run(WAITING_SCRIPT)) !== true) throw new Error('the page loaded is not the print page (no kioskPrintPage.show)');
}

/**
 * Lays out the document at `path` on a loaded print page and waits for the page to say it is
 * laid out or has failed: the one "wait until ready" of every host. A hung page never answers, so
 * past `timeoutMs` it is `timeout`; a page that is gone (crashed, closed) rejects.
 */
export async function showOnPrintPage(driver: PrintPageDriver, path: string, timeoutMs: number, sleep: (ms: number) => Promise<void>): Promise<LayoutOutcome> {
  const answer = driver.run(showScript(path)).then((outcome): LayoutOutcome => {
    if (outcome === 'ready' || outcome === 'error') return outcome;
    throw new Error('the print page gave no outcome');
  });
  // A late answer (after the time limit) is dropped, and so is a late failure.
  answer.catch(() => undefined);
  return Promise.race([answer, sleep(timeoutMs).then((): LayoutOutcome => 'timeout')]);
}

/** A real-time sleep whose timer does not on its own keep a Node process alive. */
export function unrefSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
