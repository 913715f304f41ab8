import type { PrinterInfo, WebContents, WebContentsPrintOptions } from 'electron';
import { openPrintPage, showOnPrintPage, unrefSleep, type PrintPageDriver } from './print-page-driver';
import type { PrintDocument, PrintSpooler, PrinterCheck, Recovered, SpoolJob } from './print-spooler';

/**
 * The part of a hidden BrowserWindow the spooler uses; `new BrowserWindow({ show: false, ... })`
 * fits it, and tests pass a small fake.
 */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  webContents: Pick<WebContents, 'print' | 'getPrintersAsync' | 'executeJavaScript'>;
}

/** What {@link ElectronSpooler} needs; everything Electron comes in here. */
export interface ElectronSpoolerDeps {
  /** Opens a hidden window with the kiosk's secure preferences (main: `new BrowserWindow({ show: false, ... })`). */
  openWindow: () => PrintWindow;
  /** The printer's system name (`PrinterInfo.name`, the `deviceName` of `webContents.print`), not its display name. */
  printer: string;
  /** Origin of the app's own pages, e.g. `app://kiosk` (services cannot import electron/main). */
  origin: string;
  /** Clock, read once to tell this run's job ids from an earlier run's. */
  now?: () => number;
  /** Waits; every wait and time limit goes through it, so tests move time themselves. */
  sleep?: (ms: number) => Promise<void>;
  /** How long the print callback may take before the job fails (default 60 000 ms). */
  timeoutMs?: number;
  /** How long the print page may take to load and lay out (default 20 000 ms). */
  layoutTimeoutMs?: number;
  /**
   * The process's print jobs, shared by the spoolers it makes, so a config that names another
   * printer still follows the jobs sent before it (default: this spooler's own).
   */
  jobs?: Map<string, ElectronJob>;
}

/** How long a print window stays open for a late answer after the job was called unknown. */
const LATE_ANSWER_MS = 10 * 60_000;
const DEFAULT_TIMEOUT_MS = 60_000;
const DEFAULT_LAYOUT_TIMEOUT_MS = 20_000;
const LIST_TIMEOUT_MS = 10_000;
const MAX_COPIES = 999;
/** Finished jobs remembered for status questions; the host keeps its own job list. */
const MAX_KEPT_JOBS = 200;
/** The CUPS `printer-state` value for a stopped printer (3 idle, 4 processing). */
const CUPS_STOPPED = '5';

const CANCELLED = 'The print was cancelled';
const LAYOUT_FAILED = 'The page could not be laid out';

/** A print job as the Electron spooler follows it, in memory. */
export interface ElectronJob {
  id: string;
  state: SpoolJob['state'];
  reason?: string;
  /** print() has been called: from here on Electron cannot take the job back. */
  sent: boolean;
}

type Layout = 'ready' | 'error' | 'load-failed' | 'timeout';

/**
 * Prints on Windows (or any OS) through Chromium: the print page is loaded in a hidden window
 * and printed with `webContents.print({ silent: true, deviceName })`; the callback's outcome
 * becomes the job's state.
 *
 * - Jobs print one at a time, in the order they came (paper comes out in order, one hidden
 *   window at a time). `submit` returns at once, `printing` or `queued` behind another job;
 *   `status` tells how it went.
 * - `PrintDocument.title` is not used: `webContents.print` has no job title, the OS queue shows
 *   the print page's own `<title>`.
 * - Jobs live in memory: after a restart, an earlier run's job cannot be followed; it is
 *   `unknown` (it may have printed) and staff check the tray. A print whose callback never comes
 *   is `unknown` in the same way: the OS may still print it.
 * - Electron cannot cancel a job once it is handed to the OS: `cancel` then says so (false).
 *   A print whose answer comes after the time limit still settles the job (done or failed).
 */
export class ElectronSpooler implements PrintSpooler {
  readonly kind = 'electron' as const;
  private readonly jobs: Map<string, ElectronJob>;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly layoutTimeoutMs: number;
  /** Tags this run's job ids, so an id from before a restart is recognised as such. */
  private readonly run: string;
  private sequence = 0;
  /** Jobs submitted and not yet finished printing (or failing). */
  private pending = 0;
  private line: Promise<void> = Promise.resolve();

  constructor(private readonly deps: ElectronSpoolerDeps) {
    this.sleep = deps.sleep ?? unrefSleep;
    this.timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.layoutTimeoutMs = deps.layoutTimeoutMs ?? DEFAULT_LAYOUT_TIMEOUT_MS;
    this.run = Math.floor((deps.now ?? Date.now)()).toString(36);
    this.jobs = deps.jobs ?? new Map();
  }

  private get printer(): string {
    return this.deps.printer;
  }

  async submit(document: PrintDocument, sent: (id: string) => Promise<void>): Promise<SpoolJob> {
    const job: ElectronJob = { id: `electron-${this.run}-${++this.sequence}`, state: 'queued', sent: false };
    this.keep(job);
    const invalid = this.invalid(document);
    if (invalid) {
      this.finish(job, 'failed', invalid);
      return snapshot(job);
    }
    // On record before it joins the line: nothing prints before the kiosk knows its id.
    await sent(job.id);
    job.state = this.pending === 0 ? 'printing' : 'queued';
    this.pending++;
    this.line = this.line.then(() => this.print(job, document)).finally(() => void this.pending--);
    return snapshot(job);
  }

  async status(jobId: string): Promise<SpoolJob> {
    const job = this.jobs.get(jobId);
    if (job) return snapshot(job);
    const run = /^electron-([0-9a-z]+)-\d+$/.exec(jobId)?.[1];
    if (run !== undefined && run !== this.run) {
      return {
        id: jobId,
        state: 'unknown',
        settles: false,
        reason: 'The kiosk restarted before this print finished; it may have printed: check the tray before retrying',
      };
    }
    return { id: jobId, state: 'failed', reason: 'Unknown print job' };
  }

  /** A job is on record before it joins the line, so one whose id was never recorded never printed. */
  async recover(_key: string, _since: Date, _known: ReadonlySet<string>): Promise<Recovered> {
    return 'never';
  }

  /** Takes back a job not yet handed to the OS; one already there cannot be (false): it may still come out. */
  async cancel(jobId: string): Promise<boolean> {
    const job = this.jobs.get(jobId);
    if (!job || job.state === 'done' || job.state === 'failed') return true;
    if (job.sent) return false;
    this.finish(job, 'failed', CANCELLED);
    return true;
  }

  async forget(jobId: string): Promise<void> {
    this.jobs.delete(jobId);
  }

  async check(): Promise<PrinterCheck> {
    const printer = this.printer;
    if (!printer) return { ready: false, printer, reason: 'No printer is set in the kiosk config' };
    let list: PrinterInfo[];
    try {
      list = await this.listPrinters();
    } catch (error) {
      return { ready: false, printer, reason: `The kiosk could not list this computer's printers (${messageOf(error)})` };
    }
    const info = list.find((p) => p.name === printer);
    if (!info) {
      const shownAs = list.find((p) => p.displayName === printer);
      const hint = shownAs ? ` (its system name is ${JSON.stringify(shownAs.name)}: put that name in the config)` : '';
      return { ready: false, printer, reason: `Printer ${printer} is not installed on this computer${hint}` };
    }
    const problem = cupsProblem(printer, info);
    return problem ? { ready: false, printer, reason: problem } : { ready: true, printer };
  }

  /** System names of this computer's printers; none when they cannot be listed (check() says why). */
  async printers(): Promise<string[]> {
    try {
      return (await this.listPrinters()).map((p) => p.name);
    } catch {
      return [];
    }
  }

  /** Why the document cannot be printed at all, before any window opens. */
  private invalid(document: PrintDocument): string | undefined {
    if (!this.printer) return 'No printer is set in the kiosk config';
    const { copies, paper, pagePath } = document;
    if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
      return `Cannot print: copies must be a whole number from 1 to ${MAX_COPIES}`;
    }
    if (paper !== 'Letter' && paper !== 'A4') return 'Cannot print: paper must be Letter or A4';
    if (!pagePath.startsWith('/')) return `${LAYOUT_FAILED} (bad page address)`;
    return undefined;
  }

  /**
   * Prints one job start to finish. Never throws; destroys its window, at once or, when the answer
   * is late, once it comes (within LATE_ANSWER_MS), so a late answer still settles the job.
   */
  private async print(job: ElectronJob, document: PrintDocument): Promise<void> {
    if (job.state === 'failed') return; // cancelled while it waited its turn
    job.state = 'printing';
    let window: PrintWindow | undefined;
    let lateAnswer: Promise<unknown> | undefined;
    try {
      window = this.deps.openWindow();
      const layout = await this.layOut(window, document.pagePath);
      if (job.state !== 'printing') return; // cancelled while the page was laid out
      if (layout !== 'ready') {
        this.finish(job, 'failed', layout === 'timeout' ? `${LAYOUT_FAILED} in time` : LAYOUT_FAILED);
        return;
      }
      job.sent = true;
      const answered = this.printPage(window, document);
      const answer = await Promise.race([answered, this.sleep(this.timeoutMs).then(() => null)]);
      if (answer) return this.settle(job, answer, document);
      this.finish(job, 'unknown', `Printer ${this.printer} did not answer; the pages may have printed: check the tray before retrying`);
      lateAnswer = Promise.race([answered.then((late) => job.state === 'unknown' && this.settle(job, late, document)), this.sleep(LATE_ANSWER_MS)]);
    } catch (error) {
      this.finish(job, 'failed', `The kiosk could not open a print window (${messageOf(error)})`);
    } finally {
      // Not waited for: the next job in line need not wait for a late answer.
      void (lateAnswer ?? Promise.resolve()).finally(() => destroy(window));
    }
  }

  private settle(job: ElectronJob, answer: { success: boolean; failureReason: string }, document: PrintDocument): void {
    if (answer.success) this.finish(job, 'done');
    else this.finish(job, 'failed', this.explain(answer.failureReason, document));
  }

  /** Loads the print page and lays out the document on it (see print-page-driver.ts), within the layout limit. */
  private async layOut(window: PrintWindow, pagePath: string): Promise<Layout> {
    const page: PrintPageDriver = { load: (url) => window.loadURL(url), run: (script) => window.webContents.executeJavaScript(script) };
    const attempt = async (): Promise<Layout> => {
      try {
        await openPrintPage(page, this.deps.origin);
      } catch {
        return 'load-failed';
      }
      // A page that is gone, or will not run the script, rejects: it cannot be printed either.
      return showOnPrintPage(page, pagePath, this.layoutTimeoutMs, this.sleep).catch((): Layout => 'error');
    };
    return Promise.race([attempt(), this.sleep(this.layoutTimeoutMs).then((): Layout => 'timeout')]);
  }

  /** Hands the page to the printer; settles with the callback's answer, whenever it comes. */
  private printPage(window: PrintWindow, document: PrintDocument): Promise<{ success: boolean; failureReason: string }> {
    const options: WebContentsPrintOptions = {
      silent: true,
      deviceName: this.printer,
      copies: document.copies,
      pageSize: document.paper,
      printBackground: true,
      // The print page's own CSS sets the margins.
      margins: { marginType: 'none' },
    };
    return new Promise<{ success: boolean; failureReason: string }>((resolve) => {
      try {
        window.webContents.print(options, (success, failureReason) => resolve({ success, failureReason }));
      } catch (error) {
        // Some Electron versions throw for a bad deviceName instead of calling back.
        resolve({ success: false, failureReason: messageOf(error) });
      }
    });
  }

  /** Electron's failure reason in words staff can act on. */
  private explain(failureReason: string | undefined, document: PrintDocument): string {
    const printer = this.printer;
    const reason = String(failureReason ?? '')
      .replace(/^webContents\.print\(\):\s*/, '')
      .replace(/\.$/, '')
      .trim();
    const said = reason.toLowerCase();
    if (!said) return `Printer ${printer} did not print (no reason given)`;
    if (said.includes('cancel')) return CANCELLED;
    if (said === 'failed' || said === 'print job failed') return `Printer ${printer} did not take the job`;
    if (said.includes('invalid devicename')) return `Printer ${printer} is not installed on this computer`;
    if (said.includes('invalid printer settings')) {
      return `Printer ${printer} did not accept the print settings (${document.paper} paper, ${document.copies} ${document.copies === 1 ? 'copy' : 'copies'})`;
    }
    return `Printer ${printer} did not print: ${JSON.stringify(reason)}`;
  }

  /** Asks Chromium for this computer's printers from a short-lived hidden window. */
  private async listPrinters(): Promise<PrinterInfo[]> {
    const window = this.deps.openWindow();
    try {
      const list = await Promise.race([window.webContents.getPrintersAsync(), this.sleep(LIST_TIMEOUT_MS).then(() => null)]);
      if (list === null) throw new Error('no answer');
      return list;
    } finally {
      destroy(window);
    }
  }

  private finish(job: ElectronJob, state: 'done' | 'failed' | 'unknown', reason?: string): void {
    job.state = state;
    if (reason === undefined) delete job.reason;
    else job.reason = reason;
  }

  /** Remembers the job, forgetting the oldest finished ones past the limit. */
  private keep(job: ElectronJob): void {
    this.jobs.set(job.id, job);
    for (const [id, old] of this.jobs) {
      if (this.jobs.size <= MAX_KEPT_JOBS) break;
      if (old.state !== 'queued' && old.state !== 'printing') this.jobs.delete(id);
    }
  }
}

function snapshot(job: ElectronJob): SpoolJob {
  const shown: SpoolJob = job.reason === undefined ? { id: job.id, state: job.state } : { id: job.id, state: job.state, reason: job.reason };
  // The OS's queue cannot be asked: an unknown fate stays unknown.
  return job.state === 'unknown' ? { ...shown, settles: false } : shown;
}

function destroy(window: PrintWindow | undefined): void {
  try {
    window?.destroy();
  } catch {
    // already gone
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** CUPS reasons in plain words (other platforms report none). */
const CUPS_REASONS: [RegExp, string][] = [
  [/^media-(empty|needed)/, 'out of paper'],
  [/^media-jam/, 'paper jam'],
  [/^(toner|marker-supply)-empty/, 'out of toner or ink'],
  [/^(door|cover|interlock)-open/, 'a cover is open'],
  [/^offline/, 'offline'],
  [/^paused/, 'paused'],
];

/**
 * What stops the printer, from the CUPS options Chromium passes on (Electron 36 dropped
 * `status`; Windows reports nothing reliable, so there only presence is checked).
 */
function cupsProblem(printer: string, info: PrinterInfo): string | undefined {
  const options = info.options as Record<string, unknown> | undefined;
  if (!options) return undefined;
  const problems: string[] = [];
  if (String(options['printer-state'] ?? '') === CUPS_STOPPED) {
    const words = new Set<string>();
    for (const raw of String(options['printer-state-reasons'] ?? '').split(',')) {
      const reason = raw.trim();
      const known = CUPS_REASONS.find(([pattern]) => pattern.test(reason));
      if (known) words.add(known[1]);
    }
    problems.push(`Printer ${printer} is stopped${words.size ? ` (${[...words].join(', ')})` : ''}`);
  }
  if (String(options['printer-is-accepting-jobs'] ?? '') === 'false') problems.push(`Printer ${printer} is not accepting jobs`);
  return problems.length ? problems.join('; ') : undefined;
}
