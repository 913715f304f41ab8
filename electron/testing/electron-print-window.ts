import type { PrinterInfo, WebContentsPrintOptions } from 'electron';
import { WAITING_SCRIPT } from '../contract/print-page-api';
import { ElectronSpooler, type ElectronSpoolerDeps, type PrintWindow } from '../services/printing/electron-spooler';
import type { PrintDocument } from '../services/printing/print-spooler';

// For ElectronSpooler tests: a fake hidden print window and a clock the test moves.

/** The printer the config names. */
export const PRINTER = 'FrontDesk_HP';
export const PAGE = '/print.html?kind=handout&lang=en&id=fever';
/** A handout to print. */
export const DOCUMENT: PrintDocument = {
  pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
  pagePath: PAGE,
  title: 'Kiosk print',
  copies: 1,
  paper: 'Letter',
  key: 'c0ffee00c0ffee00c0ffee00',
};
/** Stands in for the print service's record of each id (the spooler waits for it). */
export const record = async (_id: string): Promise<void> => {};

type PrintCallback = (success: boolean, failureReason: string) => void;

/** How a fake print window behaves. */
export interface Behaviour {
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
export const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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

/** An ElectronSpooler whose windows are fakes behaving so, on a clock the test moves. */
export function electronSpoolerSetup(behaviour: Behaviour = {}, deps: Partial<ElectronSpoolerDeps> = {}) {
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

/** A printer as Electron lists it. */
export function printerInfo(name: string, options: Record<string, string> = {}, displayName = name): PrinterInfo {
  return { name, displayName, description: '', options };
}
