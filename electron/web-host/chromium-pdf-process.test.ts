import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { countPdfPages } from '../services/printing/pdf-renderer';
import { pdfText, servePrintPageStandIn, standInHandout } from '../testing/print-page-stand-in';
import { RecordingLogger } from '../testing/recording-logger';
import { ChromiumPdfProcess } from './chromium-pdf-process';

const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';
const root = resolve(import.meta.dirname, '../..');
/** Inside the checkout, so the process finds playwright-core in node_modules as dist/electron does. */
const SCRIPT = join(root, 'node_modules/.cache/kiosk-tests/pdf-process.cjs');

/** Processes whose parent is `pid` (Linux /proc). */
async function childrenOf(pid: number): Promise<number[]> {
  const found: number[] = [];
  for (const name of (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry))) {
    const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid ...: comm may hold spaces, so read after its closing parenthesis.
    if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(name));
  }
  return found;
}

const childOf = (pdfs: ChromiumPdfProcess) => (pdfs as unknown as { child: ChildProcess | undefined }).child;

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('ChromiumPdfProcess (the web host PDF process, system Chromium)', () => {
  let server: Server;
  let base: string;
  let loads: () => number;
  let pdfs: ChromiumPdfProcess;
  const log = new RecordingLogger();
  beforeAll(async () => {
    await mkdir(join(SCRIPT, '..'), { recursive: true });
    // As build-host.mjs bundles it.
    await build({
      entryPoints: [join(root, 'electron/web-host/pdf-process.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: SCRIPT,
      packages: 'external',
      supported: { 'dynamic-import': false },
      logLevel: 'error',
    });
    ({ server, base, loads } = await servePrintPageStandIn());
    pdfs = new ChromiumPdfProcess(SCRIPT, () => base, CHROMIUM, log);
  });
  afterAll(async () => {
    await pdfs.close();
    server.close();
  });

  it('warms the print page in its own process, makes PDFs there, and the host writes its log lines', async () => {
    await pdfs.warm();
    const child = childOf(pdfs)!;
    expect(child.pid).not.toBe(process.pid);
    expect(loads()).toBe(1);
    expect(log.lines).toContainEqual({ level: 'info', event: 'pdf-page-warm', details: { ms: expect.any(Number) } });
    const pdf = await pdfs.render(standInHandout('fever'), 'A4');
    expect(countPdfPages(pdf)).toBe(1);
    expect(await pdfText(pdf)).toContain('Kiosk print test fever');
    expect(await pdfText(await pdfs.render(standInHandout('flu'), 'Letter'))).toContain('Kiosk print test flu');
    expect(childOf(pdfs)).toBe(child);
  });

  it("passes on the page's refusal", async () => {
    await expect(pdfs.render(standInHandout('broken'), 'Letter')).rejects.toThrow(/reported an error/);
  });

  it('replaces a PDF process that died, at the next print, and logs it', async () => {
    const first = childOf(pdfs)!;
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGKILL');
    await exited;
    expect(log.lines).toContainEqual({
      level: 'warn',
      event: 'pdf-process-exited',
      details: { code: undefined, signal: 'SIGKILL', then: 'starting a new one at the next print' },
    });
    expect(await pdfText(await pdfs.render(standInHandout('cough'), 'Letter'))).toContain('Kiosk print test cough');
    expect(childOf(pdfs)).not.toBe(first);
  });

  it('fails a print under way when its process dies', async () => {
    const rendering = pdfs.render(standInHandout('fever'), 'Letter');
    childOf(pdfs)!.kill('SIGKILL');
    await expect(rendering).rejects.toThrow(/PDF process stopped \(SIGKILL\)/);
  });

  it('ends its process, and that process its browser, when closed', async () => {
    const other = new ChromiumPdfProcess(SCRIPT, () => base, CHROMIUM, new RecordingLogger());
    await other.warm();
    const child = childOf(other)!;
    const browsers = await childrenOf(child.pid!);
    expect(browsers.length).toBeGreaterThan(0);
    await other.close();
    expect(child.exitCode).toBe(0);
    await expect(other.render(standInHandout('fever'), 'A4')).rejects.toThrow(/closed/);
    await vi.waitFor(() => expect(browsers.filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]));
  });
});
