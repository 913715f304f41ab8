import type { Server } from 'node:http';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPdfPages } from '../services/printing/pdf-renderer';
import { PRINT_PAGE_STAND_IN, pdfText, servePrintPageStandIn, standInHandout } from '../testing/print-page-stand-in';
import { RecordingLogger } from '../testing/recording-logger';
import { chromiumSandboxAllowed, ChromiumPdfRenderer } from './chromium-pdf-renderer';

const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';
const IS_ROOT = process.getuid?.() === 0;
/** An ordinary user on every Debian and Ubuntu, for running Chromium the way IT should run the host. */
const ORDINARY_USER = 'nobody';

const browserOf = (renderer: ChromiumPdfRenderer) => (renderer as unknown as { browser: Promise<Browser> }).browser;

describe('chromiumSandboxAllowed', () => {
  it('is false for root only (Chromium refuses its sandbox there), and true where there are no user ids (Windows)', () => {
    expect(chromiumSandboxAllowed(() => 0)).toBe(false);
    expect(chromiumSandboxAllowed(() => 1000)).toBe(true);
    expect(chromiumSandboxAllowed(() => undefined)).toBe(true);
  });
});

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('ChromiumPdfRenderer (system Chromium)', () => {
  let server: Server;
  let base: string;
  let renderer: ChromiumPdfRenderer;
  let loads: () => number;
  const log = new RecordingLogger();
  beforeAll(async () => {
    ({ server, base, loads } = await servePrintPageStandIn());
    renderer = new ChromiumPdfRenderer(() => base, CHROMIUM, log);
  });
  afterAll(async () => {
    await renderer.close();
    server.close();
  });

  it('loads the print page once, warm, and makes a PDF of each document handed to it', async () => {
    await renderer.warm();
    expect(loads()).toBe(1);
    expect(log.lines).toContainEqual({ level: 'info', event: 'pdf-page-warm', details: { ms: expect.any(Number) } });
    const fever = await renderer.render(standInHandout('fever'), 'A4');
    expect(Buffer.from(fever.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(countPdfPages(fever)).toBe(1);
    expect(await pdfText(fever)).toContain('Kiosk print test fever');
    const flu = await renderer.render(standInHandout('flu'), 'Letter');
    expect(await pdfText(flu)).toContain('Kiosk print test flu');
    expect(loads()).toBe(1);
  });

  it('refuses a document the page reports an error for, and goes on with the next on the same page', async () => {
    const before = loads();
    await expect(renderer.render(standInHandout('broken'), 'Letter')).rejects.toThrow(/reported an error/);
    expect(await pdfText(await renderer.render(standInHandout('cough'), 'Letter'))).toContain('Kiosk print test cough');
    expect(loads()).toBe(before);
  });

  it('refuses a page that is not the print page', async () => {
    const other = new ChromiumPdfRenderer(() => `${base}/elsewhere`, CHROMIUM, new RecordingLogger());
    try {
      await expect(other.render(standInHandout('fever'), 'A4')).rejects.toThrow(/not the print page/);
    } finally {
      await other.close();
    }
  });

  it('starts a new browser and page when the one it had went away', async () => {
    await renderer.render(standInHandout('fever'), 'Letter');
    const first = await browserOf(renderer);
    await first.close(); // as if Chromium crashed or was killed
    const pdf = await renderer.render(standInHandout('fever'), 'Letter');
    expect(countPdfPages(pdf)).toBe(1);
    expect(await browserOf(renderer)).not.toBe(first);
    expect(log.lines).toContainEqual({ level: 'warn', event: 'pdf-page-gone', details: { then: 'opening a new one' } });
  });

  it.runIf(IS_ROOT)('as root, runs without the sandbox and logs why', () => {
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', event: 'pdf-chromium-unsandboxed', details: expect.objectContaining({ why: expect.stringContaining('root') }) }),
    );
  });

  // Root is where Chromium refuses a sandbox for sure: a real failure to start one.
  it.runIf(IS_ROOT)('where the sandbox cannot start, logs the cause once, then makes PDFs without it', async () => {
    const failing = new RecordingLogger();
    const forced = new ChromiumPdfRenderer(() => base, CHROMIUM, failing, true);
    try {
      expect(countPdfPages(await forced.render(standInHandout('fever'), 'A4'))).toBe(1);
      await (await browserOf(forced)).close();
      expect(countPdfPages(await forced.render(standInHandout('fever'), 'A4'))).toBe(1);
    } finally {
      await forced.close();
    }
    const failed = failing.lines.filter((line) => line.event === 'pdf-chromium-sandbox-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ level: 'error', details: { cause: expect.stringMatching(/sandbox/i), then: 'making PDFs without the sandbox' } });
    expect(failed[0]!.details?.whatNow).toContain('docs/deploy.md');
  });
});

/**
 * The renderer as IT should run the web host: as an ordinary user. Bundled with esbuild and run
 * in a child process, as `nobody` when the tests run as root; it makes a PDF, then asks the same
 * Chromium for chrome://sandbox, Chromium's own account of its sandbox.
 */
const CHILD = `
import { createServer } from 'node:http';
import { ChromiumPdfRenderer } from ${JSON.stringify(resolve(import.meta.dirname, 'chromium-pdf-renderer.ts'))};
const lines = [];
const log = Object.fromEntries(['info', 'warn', 'error'].map((level) => [level, (event, details) => lines.push({ level, event, ...details })]));
const page = ${JSON.stringify(PRINT_PAGE_STAND_IN)};
const server = createServer((req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(page));
server.listen(0, '127.0.0.1', async () => {
  const renderer = new ChromiumPdfRenderer(() => 'http://127.0.0.1:' + server.address().port, process.argv[2], log);
  const pdf = await renderer.render('/print.html?kind=handout&lang=en&id=fever', 'A4');
  const page = await (await renderer.browser).newPage();
  await page.goto('chrome://sandbox');
  const sandboxPage = await page.textContent('body');
  await renderer.close();
  server.close();
  console.log(JSON.stringify({ uid: process.getuid(), pdf: Buffer.from(pdf.subarray(0, 5)).toString(), sandboxPage, lines }));
});
`;

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('ChromiumPdfRenderer as an ordinary user', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-chromium-sandbox-'));
    await writeFile(join(dir, 'child.ts'), CHILD);
    // As build-host.mjs bundles the web host: playwright-core outside, and loaded with require().
    await build({
      entryPoints: [join(dir, 'child.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: join(dir, 'child.cjs'),
      external: ['playwright-core'],
      supported: { 'dynamic-import': false },
      logLevel: 'error',
    });
    // The ordinary user reads the bundle and keeps Chromium's profile here.
    await chmod(dir, 0o777);
    await chmod(join(dir, 'child.cjs'), 0o644);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs Chromium in its sandbox', async (context) => {
    const env = [`NODE_PATH=${resolve(import.meta.dirname, '../../node_modules')}`, `HOME=${dir}`, `TMPDIR=${dir}`];
    const command = IS_ROOT
      ? ['runuser', ['-u', ORDINARY_USER, '--', 'env', ...env, process.execPath, join(dir, 'child.cjs'), CHROMIUM]]
      : ['env', [...env, process.execPath, join(dir, 'child.cjs'), CHROMIUM]];
    const { stdout } = await promisify(execFile)(command[0] as string, command[1] as string[], { timeout: 60_000 });
    const outcome = JSON.parse(stdout.trim().split('\n').at(-1)!) as { uid: number; pdf: string; sandboxPage: string; lines: Array<Record<string, unknown>> };
    expect(outcome.uid).not.toBe(0);
    expect(outcome.pdf).toBe('%PDF-');
    const failed = outcome.lines.find((line) => line.event === 'pdf-chromium-sandbox-failed');
    if (failed)
      return context.skip(`this machine gives an ordinary user no Chromium sandbox (${String(failed.cause)}); the kiosk printed without it, as it should`);
    expect(outcome.lines).toContainEqual({ level: 'info', event: 'pdf-chromium-started', sandboxed: true });
    expect(outcome.sandboxPage).toContain('You are adequately sandboxed');
  });
});
