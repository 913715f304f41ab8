import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import { showScript, WAITING_SCRIPT } from '../contract/print-page-api';
import { RecordingLogger } from '../testing/recording-logger';
import { WindowPdfRenderer, type PdfWindow } from './window-pdf-renderer';

// The main process passes Electron's BrowserWindow: it must fit PdfWindow (checked by tsc).
const _browserWindowFits = (window: BrowserWindow): PdfWindow => window;

const PDF = Buffer.from('%PDF-1.7\n% fake\n%%EOF\n');
const PAGE = '/print.html?kind=handout&lang=en&id=fever';
const SLIP = '/print.html?kind=phone-slip&lang=es';

/** Lets every pending promise callback run. */
const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How the hidden window's print page behaves. */
interface Script {
  /** What `show` answers, per call (the last repeats); 'never' hangs. Default 'ready'. */
  outcomes?: Array<'ready' | 'error' | 'never'>;
  /** The page loaded is not the print page. */
  notPrintPage?: boolean;
  loadError?: Error;
  scriptError?: Error;
  printError?: Error;
}

/** Fake hidden windows, each with the print page in it, plus everything they saw. */
function fakeWindows(script: Script) {
  const seen = {
    options: [] as BrowserWindowConstructorOptions[],
    loaded: [] as string[],
    scripts: [] as string[],
    printed: [] as PrintToPDFOptions[],
    destroyed: 0,
    windows: [] as FakePdfWindow[],
    /** The most documents laid out at once (show to its PDF). */
    mostAtOnce: 0,
  };
  let shows = 0;
  let atOnce = 0;

  class FakePdfWindow implements PdfWindow {
    readonly webContents: PdfWindow['webContents'];
    crashed = false;
    private destroyedNow = false;

    constructor(options: BrowserWindowConstructorOptions) {
      seen.options.push(options);
      seen.windows.push(this);
      this.webContents = {
        executeJavaScript: async (code: string): Promise<unknown> => {
          seen.scripts.push(code);
          if (script.scriptError) throw script.scriptError;
          if (code === WAITING_SCRIPT) return !script.notPrintPage;
          const outcomes = script.outcomes ?? ['ready'];
          const outcome = outcomes[Math.min(shows++, outcomes.length - 1)];
          if (outcome === 'never') return new Promise(() => undefined);
          seen.mostAtOnce = Math.max(seen.mostAtOnce, ++atOnce);
          await flush();
          if (outcome === 'error') atOnce--;
          return outcome;
        },
        printToPDF: async (pdfOptions: PrintToPDFOptions): Promise<Buffer> => {
          seen.printed.push(pdfOptions);
          atOnce--;
          if (script.printError) throw script.printError;
          return PDF;
        },
        isCrashed: () => this.crashed,
      };
    }

    async loadURL(url: string): Promise<void> {
      seen.loaded.push(url);
      if (script.loadError) throw script.loadError;
    }

    isDestroyed(): boolean {
      return this.destroyedNow;
    }

    destroy(): void {
      this.destroyedNow = true;
      seen.destroyed++;
    }
  }

  return { Window: FakePdfWindow, seen };
}

/** Sleeps that end only when the test says: `expire()` ends every one begun so far. */
function manualSleep() {
  const pending: Array<{ ms: number; end: () => void }> = [];
  return {
    sleep: (ms: number) => new Promise<void>((end) => pending.push({ ms, end })),
    waits: () => pending.map((p) => p.ms),
    expire: () => pending.splice(0).forEach((p) => p.end()),
  };
}

function setup(script: Script = {}) {
  const { Window, seen } = fakeWindows(script);
  const clock = manualSleep();
  const log = new RecordingLogger();
  const renderer = new WindowPdfRenderer(Window, '/app/print-preload.cjs', log, clock.sleep);
  return { renderer, seen, clock, log };
}

describe('WindowPdfRenderer', () => {
  it('keeps one hidden print page loaded, hands it each document and returns its PDF', async () => {
    const { renderer, seen } = setup();
    await renderer.warm();
    expect(seen.loaded).toEqual(['app://kiosk/print.html']);
    expect(seen.scripts).toEqual([WAITING_SCRIPT]);

    const pdf = await renderer.render(PAGE, 'A4');
    expect(Buffer.from(pdf).toString('latin1')).toBe(PDF.toString('latin1'));
    await renderer.render(SLIP, 'Letter');

    expect(seen.options).toHaveLength(1);
    expect(seen.loaded).toEqual(['app://kiosk/print.html']);
    expect(seen.scripts).toEqual([WAITING_SCRIPT, showScript(PAGE), showScript(SLIP)]);
    expect(seen.printed).toEqual([
      expect.objectContaining({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true }),
      expect.objectContaining({ pageSize: 'Letter' }),
    ]);
    expect(seen.destroyed).toBe(0);
    await renderer.close();
    expect(seen.destroyed).toBe(1);
    await expect(renderer.render(PAGE, 'A4')).rejects.toThrow(/closed/);
  });

  it('opens the page at the first print when it was not warmed', async () => {
    const { renderer, seen } = setup();
    await renderer.render(PAGE, 'Letter');
    expect(seen.loaded).toEqual(['app://kiosk/print.html']);
    expect(seen.scripts).toEqual([WAITING_SCRIPT, showScript(PAGE)]);
  });

  it("opens a hidden window with the print page's own preload and the kiosk's sandbox", async () => {
    const { renderer, seen } = setup();
    await renderer.warm();
    expect(seen.options).toHaveLength(1);
    expect(seen.options[0]?.show).toBe(false);
    expect(seen.options[0]?.webPreferences).toMatchObject({
      preload: '/app/print-preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
  });

  it("rejects without a PDF when the page reports 'error', and keeps the page for the next document", async () => {
    const { renderer, seen } = setup({ outcomes: ['error', 'ready'] });
    await expect(renderer.render(PAGE, 'Letter')).rejects.toThrow(/reported an error/);
    expect(seen.printed).toEqual([]);
    expect(seen.destroyed).toBe(0);
    await renderer.render(SLIP, 'Letter');
    expect(seen.options).toHaveLength(1);
    expect(seen.printed).toHaveLength(1);
  });

  it('gives up on a page that never answers after 20 s, and opens a new one for the next document', async () => {
    const { renderer, seen, clock } = setup({ outcomes: ['never', 'ready'] });
    await renderer.warm();
    const rendering = renderer.render(PAGE, 'Letter');
    await flush();
    expect(clock.waits()).toContain(20_000);
    clock.expire();
    await expect(rendering).rejects.toThrow(/did not finish within 20 s/);
    expect(seen.printed).toEqual([]);
    expect(seen.destroyed).toBe(1);

    await renderer.render(PAGE, 'Letter');
    expect(seen.options).toHaveLength(2);
    expect(seen.printed).toHaveLength(1);
  });

  it('opens a new page when the one it kept crashed, and logs it', async () => {
    const { renderer, seen, log } = setup();
    await renderer.render(PAGE, 'Letter');
    seen.windows[0]!.crashed = true;
    await renderer.render(PAGE, 'Letter');
    expect(seen.options).toHaveLength(2);
    expect(seen.destroyed).toBe(1);
    expect(log.lines).toContainEqual({ level: 'warn', event: 'pdf-page-gone', details: { then: 'opening a new one' } });
  });

  it.each([
    ['the page does not load', { loadError: new Error('ERR_FILE_NOT_FOUND') }, 'ERR_FILE_NOT_FOUND'],
    ['the page loaded is not the print page', { notPrintPage: true }, 'not the print page'],
  ] satisfies [string, Script, string][])(
    'when %s: warm() logs it without throwing, and the print rejects and closes the window',
    async (_what, script, message) => {
      const { renderer, seen, log } = setup(script);
      await renderer.warm();
      expect(log.lines).toContainEqual({
        level: 'warn',
        event: 'pdf-page-not-warm',
        details: { cause: expect.stringContaining(message), then: 'trying again at the next print' },
      });
      await expect(renderer.render(PAGE, 'Letter')).rejects.toThrow(message);
      expect(seen.options).toHaveLength(2);
      expect(seen.destroyed).toBe(2);
      expect(seen.printed).toEqual([]);
    },
  );

  it('closes the window when the page script or printToPDF fails', async () => {
    const broken = setup({ scriptError: new Error('Script failed to execute') });
    await expect(broken.renderer.render(PAGE, 'Letter')).rejects.toThrow('Script failed');
    expect(broken.seen.destroyed).toBe(1);

    const noPdf = setup({ printError: new Error('Failed to generate PDF') });
    await expect(noPdf.renderer.render(PAGE, 'Letter')).rejects.toThrow('Failed to generate PDF');
    expect(noPdf.seen.destroyed).toBe(1);
  });

  it('lays out one document at a time, in the order asked', async () => {
    const { renderer, seen } = setup();
    const done: string[] = [];
    await Promise.all([PAGE, SLIP, PAGE].map((page, i) => renderer.render(page, 'Letter').then(() => done.push(`${i}`))));
    expect(done).toEqual(['0', '1', '2']);
    expect(seen.mostAtOnce).toBe(1);
    expect(seen.options).toHaveLength(1);
    expect(seen.scripts).toEqual([WAITING_SCRIPT, showScript(PAGE), showScript(SLIP), showScript(PAGE)]);
  });
});
