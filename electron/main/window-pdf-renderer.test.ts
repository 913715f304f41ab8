import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions, PrintToPDFOptions, WebContents } from 'electron';
import { PRINT_READY_ATTRIBUTE } from '../services/printing/pdf-renderer';
import { WindowPdfRenderer } from './window-pdf-renderer';

const PDF = Buffer.from('%PDF-1.7\n% fake\n%%EOF\n');
const PAGE = '/print.html?kind=handouts&lang=en&ids=fever';

/** What the hidden window does: the ready states the page reports in turn, and where it fails. */
interface Script {
  /** Answers of successive executeJavaScript calls; the last one repeats. */
  states: unknown[];
  loadError?: Error;
  scriptError?: Error;
  printError?: Error;
}

type PrintWindow = Pick<BrowserWindow, 'loadURL' | 'webContents' | 'destroy'>;

/** A fake print window class plus everything its instances saw. */
function fakeWindows(script: Script) {
  const seen = {
    options: [] as BrowserWindowConstructorOptions[],
    loaded: [] as string[],
    scripts: [] as string[],
    printed: [] as PrintToPDFOptions[],
    destroyed: 0,
  };

  class FakePrintWindow implements PrintWindow {
    readonly webContents: WebContents;

    constructor(options: BrowserWindowConstructorOptions) {
      seen.options.push(options);
      const contents = {
        executeJavaScript: async (code: string): Promise<unknown> => {
          seen.scripts.push(code);
          if (script.scriptError) throw script.scriptError;
          const at = Math.min(seen.scripts.length - 1, script.states.length - 1);
          return script.states[at];
        },
        printToPDF: async (pdfOptions: PrintToPDFOptions): Promise<Buffer> => {
          seen.printed.push(pdfOptions);
          if (script.printError) throw script.printError;
          return PDF;
        },
      };
      this.webContents = contents as unknown as WebContents;
    }

    async loadURL(url: string): Promise<void> {
      seen.loaded.push(url);
      if (script.loadError) throw script.loadError;
    }

    destroy(): void {
      seen.destroyed++;
    }
  }

  return { Window: FakePrintWindow, seen };
}

/** A sleep that returns at once and adds up how long the renderer meant to wait. */
function instantSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

describe('WindowPdfRenderer', () => {
  it('loads the print page on app://kiosk, waits for ready, and returns the PDF bytes', async () => {
    const { Window, seen } = fakeWindows({ states: [null, null, 'ready'] });
    const { sleep, waits } = instantSleep();
    const renderer = new WindowPdfRenderer(Window, '/app/preload.cjs', sleep);

    const pdf = await renderer.render(PAGE, 'A4');

    expect(Buffer.from(pdf).toString('latin1')).toBe(PDF.toString('latin1'));
    expect(seen.loaded).toEqual([`app://kiosk${PAGE}`]);
    expect(seen.scripts).toHaveLength(3);
    for (const code of seen.scripts) expect(code).toContain(PRINT_READY_ATTRIBUTE);
    expect(waits).toEqual([100, 100]);
    expect(seen.printed).toEqual([expect.objectContaining({ pageSize: 'A4', printBackground: true })]);
    expect(seen.destroyed).toBe(1);
  });

  it('passes Letter paper through and does not wait when the page is ready at once', async () => {
    const { Window, seen } = fakeWindows({ states: ['ready'] });
    const { sleep, waits } = instantSleep();
    await new WindowPdfRenderer(Window, '/app/preload.cjs', sleep).render('/print.html?kind=phone-slip&lang=es', 'Letter');
    expect(seen.loaded).toEqual(['app://kiosk/print.html?kind=phone-slip&lang=es']);
    expect(seen.printed[0]?.pageSize).toBe('Letter');
    expect(waits).toEqual([]);
    expect(seen.destroyed).toBe(1);
  });

  it('opens a hidden window with the kiosk preload and sandbox', async () => {
    const { Window, seen } = fakeWindows({ states: ['ready'] });
    await new WindowPdfRenderer(Window, '/app/preload.cjs', instantSleep().sleep).render(PAGE, 'Letter');
    expect(seen.options).toHaveLength(1);
    const options = seen.options[0];
    expect(options?.show).toBe(false);
    expect(options?.webPreferences).toMatchObject({ preload: '/app/preload.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
  });

  it("rejects without printing when the page reports 'error'", async () => {
    const { Window, seen } = fakeWindows({ states: [null, 'error'] });
    const renderer = new WindowPdfRenderer(Window, '/app/preload.cjs', instantSleep().sleep);
    await expect(renderer.render(PAGE, 'Letter')).rejects.toThrow(/reported an error/);
    expect(seen.printed).toEqual([]);
    expect(seen.destroyed).toBe(1);
  });

  it('rejects after the 20 s timeout when the page never says ready', async () => {
    const { Window, seen } = fakeWindows({ states: [null] });
    const { sleep, waits } = instantSleep();
    const renderer = new WindowPdfRenderer(Window, '/app/preload.cjs', sleep);
    await expect(renderer.render(PAGE, 'Letter')).rejects.toThrow(/did not finish in time/);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBe(20_000);
    expect(seen.scripts).toHaveLength(200);
    expect(seen.printed).toEqual([]);
    expect(seen.destroyed).toBe(1);
  });

  it('destroys the window when the page fails to load', async () => {
    const { Window, seen } = fakeWindows({ states: ['ready'], loadError: new Error('ERR_FILE_NOT_FOUND') });
    await expect(new WindowPdfRenderer(Window, '/app/preload.cjs', instantSleep().sleep).render(PAGE, 'Letter')).rejects.toThrow('ERR_FILE_NOT_FOUND');
    expect(seen.scripts).toEqual([]);
    expect(seen.destroyed).toBe(1);
  });

  it('destroys the window when the page script or printToPDF fails', async () => {
    const broken = fakeWindows({ states: ['ready'], scriptError: new Error('Script failed to execute') });
    await expect(new WindowPdfRenderer(broken.Window, '/app/preload.cjs', instantSleep().sleep).render(PAGE, 'Letter')).rejects.toThrow('Script failed');
    expect(broken.seen.destroyed).toBe(1);

    const noPrinter = fakeWindows({ states: ['ready'], printError: new Error('Failed to generate PDF') });
    await expect(new WindowPdfRenderer(noPrinter.Window, '/app/preload.cjs', instantSleep().sleep).render(PAGE, 'Letter')).rejects.toThrow('Failed to generate PDF');
    expect(noPrinter.seen.destroyed).toBe(1);
  });

  it('uses a new window per render', async () => {
    const { Window, seen } = fakeWindows({ states: ['ready'] });
    const renderer = new WindowPdfRenderer(Window, '/app/preload.cjs', instantSleep().sleep);
    await renderer.render(PAGE, 'Letter');
    await renderer.render(PAGE, 'A4');
    await renderer.close();
    expect(seen.options).toHaveLength(2);
    expect(seen.destroyed).toBe(2);
  });
});
