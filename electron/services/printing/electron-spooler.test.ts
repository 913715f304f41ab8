import { describe, expect, it } from 'vitest';
import type { BrowserWindow, PrinterInfo, WebContentsPrintOptions } from 'electron';
import { showScript, WAITING_SCRIPT } from '../../contract/print-page-api';
import { ElectronSpooler, type ElectronSpoolerDeps, type PrintWindow } from './electron-spooler';
import type { PrintDocument } from './print-spooler';

// The main process passes a real hidden BrowserWindow: it must fit PrintWindow (checked by tsc).
const _browserWindowFits = (window: BrowserWindow): PrintWindow => window;

const PRINTER = 'FrontDesk_HP';
const PAGE = '/print.html?kind=handout&lang=en&id=fever';
const DOCUMENT: PrintDocument = {
  pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
  pagePath: PAGE,
  title: 'Kiosk print',
  copies: 1,
  paper: 'Letter',
  key: 'c0ffee00c0ffee00c0ffee00',
};
/** Stands in for the print service's record of each id (the spooler waits for it). */
const record = async (_id: string): Promise<void> => {};

type PrintCallback = (success: boolean, failureReason: string) => void;

/** How a fake window behaves. */
interface Behaviour {
  /** What the print page answers `show` with (default 'ready'); 'never' for a page that hangs. */
  layout?: 'ready' | 'error' | 'never';
  /** How long laying out takes (on the test's clock). */
  layoutMs?: number;
  /** The page loaded is some other page (no kioskPrintPage.show). */
  notPrintPage?: boolean;
  loadError?: Error;
  /** loadURL never settles (a hung page). */
  loadHangs?: boolean;
  scriptError?: Error;
  /** print() throws instead of calling back (older Electron did this for a bad deviceName). */
  printThrows?: Error;
  printers?: PrinterInfo[];
  printersError?: Error;
  /** getPrintersAsync never settles. */
  printersHang?: boolean;
}

/**
 * A hidden print window with the print page in it, recording what the spooler did with it; the
 * test calls the print callback.
 */
class FakePrintWindow implements PrintWindow {
  readonly loaded: string[] = [];
  readonly scripts: string[] = [];
  readonly prints: { options: WebContentsPrintOptions | undefined; callback: PrintCallback | undefined }[] = [];
  printerLists = 0;
  destroyed = 0;
  readonly webContents: PrintWindow['webContents'];

  constructor(behaviour: Behaviour, sleep: (ms: number) => Promise<void>) {
    this.webContents = {
      executeJavaScript: async (code: string): Promise<unknown> => {
        this.scripts.push(code);
        if (behaviour.scriptError) throw behaviour.scriptError;
        if (code === WAITING_SCRIPT) return !behaviour.notPrintPage;
        if (!code.startsWith('window.kioskPrintPage.show(')) throw new Error(`the print page runs no other script: ${code}`);
        if (behaviour.layout === 'never') return new Promise(() => undefined);
        if (behaviour.layoutMs) await sleep(behaviour.layoutMs);
        return behaviour.layout ?? 'ready';
      },
      print: (options?: WebContentsPrintOptions, callback?: PrintCallback): void => {
        if (behaviour.printThrows) throw behaviour.printThrows;
        this.prints.push({ options, callback });
      },
      getPrintersAsync: async (): Promise<PrinterInfo[]> => {
        this.printerLists++;
        if (behaviour.printersHang) return new Promise<PrinterInfo[]>(() => undefined);
        if (behaviour.printersError) throw behaviour.printersError;
        return behaviour.printers ?? [];
      },
    };
    this.loadURL = async (url: string): Promise<void> => {
      this.loaded.push(url);
      if (behaviour.loadHangs) return new Promise<void>(() => undefined);
      if (behaviour.loadError) throw behaviour.loadError;
    };
  }

  loadURL: (url: string) => Promise<void>;

  destroy(): void {
    this.destroyed++;
  }

  /** Electron calls back: the job went to the printer, or why not. */
  answer(success: boolean, failureReason = ''): void {
    const call = this.prints.at(-1);
    if (!call?.callback) throw new Error('print() was not called with a callback');
    call.callback(success, failureReason);
  }
}

/** Lets every pending promise callback run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Time that moves only when the test says: sleeps end when `advance` passes their deadline. */
class FakeClock {
  private time: number;
  private timers: { at: number; resolve: () => void }[] = [];

  constructor(start: number) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.timers.push({ at: this.time + ms, resolve });
    });

  /** Moves time forward by `ms`, ending each sleep due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await flush();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers.splice(this.timers.indexOf(due), 1);
      this.time = due.at;
      due.resolve();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

function setup(behaviour: Behaviour = {}, deps: Partial<ElectronSpoolerDeps> = {}) {
  const clock = new FakeClock(Date.UTC(2026, 2, 5, 9, 0, 0));
  const windows: FakePrintWindow[] = [];
  const spooler = new ElectronSpooler({
    openWindow: () => {
      const window = new FakePrintWindow(behaviour, clock.sleep);
      windows.push(window);
      return window;
    },
    printer: PRINTER,
    origin: 'app://kiosk',
    now: clock.now,
    sleep: clock.sleep,
    ...deps,
  });
  return { spooler, windows, clock };
}

function printer(name: string, options: Record<string, string> = {}, displayName = name): PrinterInfo {
  return { name, displayName, description: '', options };
}

describe('ElectronSpooler', () => {
  it('prints the print page silently on the configured printer and reports the callback', async () => {
    const { spooler, windows } = setup();
    expect(spooler.kind).toBe('electron');

    const job = await spooler.submit({ ...DOCUMENT, copies: 2, paper: 'A4' }, record);
    expect(job).toEqual({ id: expect.stringMatching(/^electron-[0-9a-z]+-1$/), state: 'printing' });
    await flush();

    expect(windows).toHaveLength(1);
    const window = windows[0]!;
    expect(window.loaded).toEqual(['app://kiosk/print.html']);
    expect(window.scripts).toEqual([WAITING_SCRIPT, showScript(PAGE)]);
    expect(window.prints.map((p) => p.options)).toEqual([
      { silent: true, deviceName: PRINTER, copies: 2, pageSize: 'A4', printBackground: true, margins: { marginType: 'none' } },
    ]);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'printing' });
    expect(window.destroyed).toBe(0);

    window.answer(true);
    await flush();
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
    expect(window.destroyed).toBe(1);
  });

  it('has the id on record before any window opens, so a crash before that left nothing printing', async () => {
    const { spooler, windows } = setup();
    let release = () => {};
    const recorded: string[] = [];
    const submitted = spooler.submit(DOCUMENT, async (id) => {
      recorded.push(id);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await flush();
    expect(recorded).toHaveLength(1);
    expect(windows).toHaveLength(0);
    release();
    expect((await submitted).id).toBe(recorded[0]);
    await flush();
    expect(windows).toHaveLength(1);
    // What a crash caught before the record never reached a window: sending it anew is safe.
    expect(await spooler.recover('c0ffee00c0ffee00c0ffee00', new Date(), new Set())).toBe('never');
  });

  it('waits for the page to say it is laid out before printing', async () => {
    const { spooler, windows, clock } = setup({ layoutMs: 200 });
    const job = await spooler.submit(DOCUMENT, record);
    await flush();
    expect(windows[0]!.prints).toHaveLength(0);
    await clock.advance(199);
    expect(windows[0]!.prints).toHaveLength(0);
    await clock.advance(1);
    expect(windows[0]!.scripts).toHaveLength(2);
    expect(windows[0]!.prints).toHaveLength(1);
    windows[0]!.answer(true);
    await flush();
    expect((await spooler.status(job.id)).state).toBe('done');
  });

  it.each([
    ['Print job canceled', 'The print was cancelled'],
    ['cancelled', 'The print was cancelled'],
    ['Print job failed', `Printer ${PRINTER} did not take the job`],
    ['failed', `Printer ${PRINTER} did not take the job`],
    ['Invalid deviceName provided', `Printer ${PRINTER} is not installed on this computer`],
    ['Invalid printer settings', `Printer ${PRINTER} did not accept the print settings (Letter paper, 1 copy)`],
    ['Printing is already in progress', `Printer ${PRINTER} did not print: "Printing is already in progress"`],
    ['', `Printer ${PRINTER} did not print (no reason given)`],
  ])('reports the failure reason %j as %j', async (failureReason, reason) => {
    const { spooler, windows } = setup();
    const job = await spooler.submit(DOCUMENT, record);
    await flush();
    windows[0]!.answer(false, failureReason);
    await flush();
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason });
    expect(windows[0]!.destroyed).toBe(1);
  });

  it('reports a print() that throws instead of calling back', async () => {
    const { spooler, windows } = setup({ printThrows: new Error('webContents.print(): Invalid deviceName provided.') });
    const job = await spooler.submit(DOCUMENT, record);
    await flush();
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: `Printer ${PRINTER} is not installed on this computer` });
    expect(windows[0]!.destroyed).toBe(1);
  });

  it('calls a job whose callback never comes unknown (the OS may still print it), and a late callback still settles it', async () => {
    const { spooler, windows, clock } = setup();
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(59_999);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'printing' });
    expect(windows[0]!.destroyed).toBe(0);

    await clock.advance(1);
    expect(await spooler.status(job.id)).toEqual({
      id: job.id,
      state: 'unknown',
      settles: false,
      reason: `Printer ${PRINTER} did not answer; the pages may have printed: check the tray before retrying`,
    });
    // The window stays open for the answer, and the next job does not wait for it.
    expect(windows[0]!.destroyed).toBe(0);
    expect((await spooler.submit(DOCUMENT, record)).state).toBe('printing');

    windows[0]!.answer(true);
    await flush();
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
    expect(windows[0]!.destroyed).toBe(1);
  });

  it('follows a job sent before the config named another printer, through the shared job record', async () => {
    const jobs = new Map();
    const before = setup({}, { jobs });
    const job = await before.spooler.submit(DOCUMENT, record);
    await flush();
    const after = setup({}, { jobs, printer: 'Another_Printer' });
    expect((await after.spooler.status(job.id)).state).toBe('printing');
    before.windows[0]!.answer(true);
    await flush();
    expect(await after.spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
  });

  it('gives up on a late answer after ten minutes, and closes the window', async () => {
    const { spooler, windows, clock } = setup();
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(60_000 + 10 * 60_000);
    expect(windows[0]!.destroyed).toBe(1);
    expect((await spooler.status(job.id)).state).toBe('unknown');
  });

  it('takes its print time limit from the deps', async () => {
    const { spooler, clock } = setup({}, { timeoutMs: 5_000 });
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(5_000);
    expect((await spooler.status(job.id)).reason).toBe(`Printer ${PRINTER} did not answer; the pages may have printed: check the tray before retrying`);
  });

  it.each([
    ['the page reports an error', { layout: 'error' }],
    ['the page does not load', { loadError: new Error('ERR_FILE_NOT_FOUND (-6) loading app://kiosk/print.html') }],
    ['the page cannot run the script', { scriptError: new Error('Script failed to execute') }],
    ['the page loaded is not the print page', { notPrintPage: true }],
  ] satisfies [string, Behaviour][])('fails without printing when %s', async (_what, behaviour) => {
    const { spooler, windows, clock } = setup(behaviour);
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(100);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The page could not be laid out' });
    expect(windows[0]!.prints).toHaveLength(0);
    expect(windows[0]!.destroyed).toBe(1);
  });

  it.each([
    ['never says it is laid out', { layout: 'never' }],
    ['never finishes loading', { loadHangs: true }],
  ] satisfies [string, Behaviour][])('gives up on a page that %s', async (_what, behaviour) => {
    const { spooler, windows, clock } = setup(behaviour);
    const job = await spooler.submit(DOCUMENT, record);
    await clock.advance(19_999);
    expect((await spooler.status(job.id)).state).toBe('printing');

    await clock.advance(1);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The page could not be laid out in time' });
    expect(windows[0]!.prints).toHaveLength(0);
    expect(windows[0]!.destroyed).toBe(1);
    // Asked once, never polled.
    expect(windows[0]!.scripts.filter((script) => script.startsWith('window.kioskPrintPage.show('))).toHaveLength('loadHangs' in behaviour ? 0 : 1);
  });

  it('reports a window that cannot be opened, without throwing', async () => {
    const spooler = new ElectronSpooler({
      openWindow: () => {
        throw new Error('display gone');
      },
      printer: PRINTER,
      origin: 'app://kiosk',
      sleep: () => new Promise(() => undefined),
    });
    const job = await spooler.submit(DOCUMENT, record);
    await flush();
    expect(await spooler.status(job.id)).toEqual({
      id: job.id,
      state: 'failed',
      reason: 'The kiosk could not open a print window (display gone)',
    });
  });

  it('refuses what cannot print, before opening a window', async () => {
    const { spooler, windows } = setup();
    expect(await spooler.submit({ ...DOCUMENT, copies: 0 }, record)).toMatchObject({
      state: 'failed',
      reason: 'Cannot print: copies must be a whole number from 1 to 999',
    });
    expect(await spooler.submit({ ...DOCUMENT, paper: 'Legal' as 'A4' }, record)).toMatchObject({
      state: 'failed',
      reason: 'Cannot print: paper must be Letter or A4',
    });
    const unset = setup({}, { printer: '' });
    expect(await unset.spooler.submit(DOCUMENT, record)).toMatchObject({ state: 'failed', reason: 'No printer is set in the kiosk config' });
    await flush();
    expect(windows).toHaveLength(0);
    expect(unset.windows).toHaveLength(0);
  });

  it('prints jobs one at a time, in order', async () => {
    const { spooler, windows } = setup();
    const first = await spooler.submit(DOCUMENT, record);
    const second = await spooler.submit({ ...DOCUMENT, pagePath: '/print.html?kind=phone-slip&lang=en' }, record);
    expect([first.state, second.state]).toEqual(['printing', 'queued']);
    expect(first.id).not.toBe(second.id);
    await flush();
    expect(windows).toHaveLength(1);
    expect((await spooler.status(second.id)).state).toBe('queued');

    windows[0]!.answer(false, 'Print job failed');
    await flush();
    expect(windows).toHaveLength(2);
    expect(windows[1]!.scripts).toEqual([WAITING_SCRIPT, showScript('/print.html?kind=phone-slip&lang=en')]);
    expect((await spooler.status(second.id)).state).toBe('printing');
    windows[1]!.answer(true);
    await flush();
    expect((await spooler.status(first.id)).state).toBe('failed');
    expect((await spooler.status(second.id)).state).toBe('done');

    // Idle again: the next job starts at once.
    expect((await spooler.submit(DOCUMENT, record)).state).toBe('printing');
  });

  it('reports unknown ids, and ids from before a restart', async () => {
    const before = setup({}, { now: () => Date.UTC(2026, 2, 5, 8, 0, 0) });
    const job = await before.spooler.submit(DOCUMENT, record);

    const { spooler } = setup();
    expect(await spooler.status(job.id)).toEqual({
      id: job.id,
      state: 'unknown',
      settles: false,
      reason: 'The kiosk restarted before this print finished; it may have printed: check the tray before retrying',
    });
    expect(await spooler.status('nope')).toEqual({ id: 'nope', state: 'failed', reason: 'Unknown print job' });
    const own = await spooler.submit(DOCUMENT, record);
    const never = own.id.replace(/-1$/, '-99');
    expect(await spooler.status(never)).toEqual({ id: never, state: 'failed', reason: 'Unknown print job' });
  });

  describe('cancel', () => {
    it('stops a job still waiting its turn: it never opens a window', async () => {
      const { spooler, windows } = setup();
      const first = await spooler.submit(DOCUMENT, record);
      const second = await spooler.submit(DOCUMENT, record);
      await spooler.cancel(second.id);
      expect(await spooler.status(second.id)).toEqual({ id: second.id, state: 'failed', reason: 'The print was cancelled' });

      await flush();
      windows[0]!.answer(true);
      await flush();
      expect(windows).toHaveLength(1);
      expect((await spooler.status(first.id)).state).toBe('done');
    });

    it('stops a job whose page is still being laid out: print() is never called', async () => {
      const { spooler, windows, clock } = setup({ layoutMs: 200 });
      const job = await spooler.submit(DOCUMENT, record);
      await flush();
      await spooler.cancel(job.id);
      await clock.advance(1_000);
      expect(windows[0]!.prints).toHaveLength(0);
      expect(windows[0]!.destroyed).toBe(1);
      expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The print was cancelled' });
    });

    it('cannot take back a job already handed to the OS: cancel says so, and the answer still counts', async () => {
      const { spooler, windows } = setup();
      const job = await spooler.submit(DOCUMENT, record);
      await flush();
      expect(await spooler.cancel(job.id)).toBe(false);
      expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'printing' });

      windows[0]!.answer(true);
      await flush();
      expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
      expect(windows[0]!.destroyed).toBe(1);
    });

    it('leaves finished jobs alone and never throws for unknown ids', async () => {
      const { spooler, windows } = setup();
      const job = await spooler.submit(DOCUMENT, record);
      await flush();
      windows[0]!.answer(true);
      await flush();
      await spooler.cancel(job.id);
      expect((await spooler.status(job.id)).state).toBe('done');
      await expect(spooler.cancel('nope')).resolves.toBe(true);
    });
  });

  describe('check and printers', () => {
    it('is ready when the configured printer is installed, asking from a window it then destroys', async () => {
      const { spooler, windows } = setup({ printers: [printer('Microsoft Print to PDF'), printer(PRINTER, {}, 'Front desk HP')] });
      expect(await spooler.check()).toEqual({ ready: true, printer: PRINTER });
      expect(windows).toHaveLength(1);
      expect(windows[0]!.printerLists).toBe(1);
      expect(windows[0]!.loaded).toEqual([]);
      expect(windows[0]!.destroyed).toBe(1);
    });

    it('is not ready when the printer is not installed, and points at the system name when the display name was used', async () => {
      const { spooler } = setup({ printers: [printer('Microsoft Print to PDF')] });
      expect(await spooler.check()).toEqual({ ready: false, printer: PRINTER, reason: `Printer ${PRINTER} is not installed on this computer` });

      const byDisplayName = setup({ printers: [printer(PRINTER, {}, 'Front desk HP')] }, { printer: 'Front desk HP' });
      expect(await byDisplayName.spooler.check()).toEqual({
        ready: false,
        printer: 'Front desk HP',
        reason: `Printer Front desk HP is not installed on this computer (its system name is "${PRINTER}": put that name in the config)`,
      });
    });

    it('is not ready when CUPS reports the printer stopped or not accepting jobs', async () => {
      const stopped = setup({
        printers: [printer(PRINTER, { 'printer-state': '5', 'printer-state-reasons': 'media-empty-error,offline-report' })],
      });
      expect(await stopped.spooler.check()).toEqual({
        ready: false,
        printer: PRINTER,
        reason: `Printer ${PRINTER} is stopped (out of paper, offline)`,
      });

      const rejecting = setup({ printers: [printer(PRINTER, { 'printer-state': '3', 'printer-is-accepting-jobs': 'false' })] });
      expect(await rejecting.spooler.check()).toEqual({ ready: false, printer: PRINTER, reason: `Printer ${PRINTER} is not accepting jobs` });

      const idle = setup({
        printers: [printer(PRINTER, { 'printer-state': '3', 'printer-state-reasons': 'none', 'printer-is-accepting-jobs': 'true' })],
      });
      expect(await idle.spooler.check()).toEqual({ ready: true, printer: PRINTER });
    });

    it('is not ready when the printers cannot be listed, or no printer is configured', async () => {
      const failing = setup({ printersError: new Error('print backend unavailable') });
      expect(await failing.spooler.check()).toEqual({
        ready: false,
        printer: PRINTER,
        reason: "The kiosk could not list this computer's printers (print backend unavailable)",
      });
      expect(failing.windows[0]!.destroyed).toBe(1);

      const unset = setup({}, { printer: '' });
      expect(await unset.spooler.check()).toEqual({ ready: false, printer: '', reason: 'No printer is set in the kiosk config' });
    });

    it('gives up on a printer list that never comes', async () => {
      const { spooler, windows, clock } = setup({ printersHang: true });
      const check = spooler.check();
      await clock.advance(9_999);
      expect(windows[0]!.destroyed).toBe(0);
      await clock.advance(1);
      expect(await check).toEqual({ ready: false, printer: PRINTER, reason: "The kiosk could not list this computer's printers (no answer)" });
      expect(windows[0]!.destroyed).toBe(1);
    });

    it('lists the system names of the printers, or none when they cannot be listed', async () => {
      const { spooler, windows } = setup({ printers: [printer('Microsoft Print to PDF'), printer(PRINTER, {}, 'Front desk HP')] });
      expect(await spooler.printers()).toEqual(['Microsoft Print to PDF', PRINTER]);
      expect(windows[0]!.destroyed).toBe(1);

      const failing = setup({ printersError: new Error('print backend unavailable') });
      expect(await failing.spooler.printers()).toEqual([]);
    });
  });
});
