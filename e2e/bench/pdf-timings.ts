import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ChromiumPdfProcess } from '../../electron/web-host/chromium-pdf-process';
import { CHROMIUM_ARGS, ChromiumPdfRenderer, chromiumSandboxAllowed } from '../../electron/web-host/chromium-pdf-renderer';
import { RecordingLogger } from '../../electron/testing/recording-logger';

/** The web host's own PDF process, as `npm run build` makes it. */
const PDF_PROCESS = resolve(import.meta.dirname, '..', '..', 'dist', 'electron', 'pdf-process.cjs');
export const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';
const PAPER = 'Letter';

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const at = performance.now();
  const value = await work();
  return { ms: performance.now() - at, value };
};

/** A Chromium launched as the PDF renderer launches it (same binary, flags and sandbox), for the baselines. */
function launchLikeRenderer(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, chromiumSandbox: chromiumSandboxAllowed() });
}

/** A blank page's PDF, on a page already open. */
const blankPdf = (page: Page) => page.pdf({ format: PAPER, printBackground: true, preferCSSPageSize: true, tagged: true, outline: false });

/** What each kind of PDF took, in ms, and the PDFs the warm page made (by print page address), for `lp` to send again. */
export interface PdfTimings {
  /** The host's PDF process, its print page warm: a real render each time (it keeps no PDFs; the print service does). */
  warm: number[];
  /** A blank page's PDF in a Chromium launched the same way, the page already open. */
  blankWarm: number[];
  /** The same print page in a Chromium of its own, started for it (ChromiumPdfRenderer, new each time). */
  freshChromium: number[];
  pdfs: Map<string, Uint8Array>;
}

/**
 * Handouts to PDF on the warm print page, as the host makes them (its PDF process, forked from
 * dist/electron/pdf-process.cjs, against the host's own print page), interleaved with a blank
 * page's PDF in the same kind of Chromium and, every other round, the same handout in a Chromium
 * started for it. `paths` are print page addresses, one per round.
 */
export async function warmPdfTimings(hostUrl: string, paths: string[]): Promise<PdfTimings> {
  const log = new RecordingLogger();
  const pdfProcess = new ChromiumPdfProcess(PDF_PROCESS, () => hostUrl, CHROMIUM, log);
  const browser = await launchLikeRenderer();
  const out: PdfTimings = { warm: [], blankWarm: [], freshChromium: [], pdfs: new Map() };
  try {
    await pdfProcess.warm();
    if (!log.lines.some((line) => line.event === 'pdf-page-warm')) throw new Error(`the PDF process did not warm: ${JSON.stringify(log.lines)}`);
    const blank = await browser.newPage();
    await blankPdf(blank);
    // One render first, left out: the page's first document compiles its code paths.
    await pdfProcess.render(paths[0]!, PAPER);
    for (const [round, path] of paths.entries()) {
      const warm = await timed(() => pdfProcess.render(path, PAPER));
      out.warm.push(warm.ms);
      out.pdfs.set(path, warm.value);
      out.blankWarm.push((await timed(() => blankPdf(blank))).ms);
      if (round % 2 === 0) out.freshChromium.push((await timed(() => renderInFreshChromium(hostUrl, path))).ms);
    }
    return out;
  } finally {
    await pdfProcess.close();
    await browser.close();
  }
}

/** The print page in a Chromium of its own: launch, load the page, lay out, PDF, close (what each print cost before the warm page). */
async function renderInFreshChromium(hostUrl: string, path: string): Promise<Uint8Array> {
  const renderer = new ChromiumPdfRenderer(() => hostUrl, CHROMIUM, new RecordingLogger());
  try {
    return await renderer.render(path, PAPER);
  } finally {
    await renderer.close();
  }
}

/** The first PDF of a PDF process just started, and its baseline: a new Chromium's blank page PDF. */
export interface FirstPdfTimings {
  /** A new PDF process (fork, playwright-core, Chromium, the print page) to its first handout's PDF: a print before the host warmed it. */
  newProcess: number[];
  /** A new PDF process warmed first (as the host warms it 2 s after it starts), then its first handout's PDF: the first print after start. */
  warmedFirst: number[];
  /** A Chromium launched, a blank page's PDF. */
  newChromiumBlank: number[];
}

/** A new PDF process's first PDF of `path`, timed from `render` (after `warm()` when `warmFirst`). */
async function newProcessPdf(hostUrl: string, path: string, warmFirst: boolean): Promise<number> {
  const pdfProcess = new ChromiumPdfProcess(PDF_PROCESS, () => hostUrl, CHROMIUM, new RecordingLogger());
  try {
    if (warmFirst) await pdfProcess.warm();
    return (await timed(() => pdfProcess.render(path, PAPER))).ms;
  } finally {
    await pdfProcess.close();
  }
}

/** A PDF process's first handout, cold and warmed first, interleaved with a new Chromium's first blank PDF, once per path. */
export async function firstPdfTimings(hostUrl: string, paths: string[]): Promise<FirstPdfTimings> {
  const out: FirstPdfTimings = { newProcess: [], warmedFirst: [], newChromiumBlank: [] };
  for (const path of paths) {
    out.newProcess.push(await newProcessPdf(hostUrl, path, false));
    out.warmedFirst.push(await newProcessPdf(hostUrl, path, true));
    // Timed to its PDF, as the process is: closing comes after.
    const blank = await timed(async () => {
      const browser = await launchLikeRenderer();
      await blankPdf(await browser.newPage());
      return browser;
    });
    out.newChromiumBlank.push(blank.ms);
    await blank.value.close();
  }
  return out;
}
