import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPdfPages } from '../services/printing/pdf-renderer';
import { ChromiumPdfRenderer } from './chromium-pdf-renderer';

const CHROMIUM = process.env.KIOSK_CHROMIUM ?? '/usr/bin/chromium';

/** Pages as the print page leaves them: marked ready, or marked failed. */
const PAGES: Record<string, string> = {
  '/ready.html': '<html data-print-ready="ready"><body><h1>Kiosk print test</h1></body></html>',
  '/error.html': '<html data-print-ready="error"><body>broken</body></html>',
};

describe.skipIf(!existsSync(CHROMIUM) && !process.env.CI)('ChromiumPdfRenderer (system Chromium)', () => {
  let server: Server;
  let renderer: ChromiumPdfRenderer;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const page = PAGES[req.url ?? ''];
      res.writeHead(page ? 200 : 404, { 'Content-Type': 'text/html' }).end(page ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    renderer = new ChromiumPdfRenderer(() => `http://127.0.0.1:${(server.address() as AddressInfo).port}`, CHROMIUM);
  });
  afterAll(async () => {
    await renderer.close();
    server.close();
  });

  it('makes a PDF of a page once the page says it is ready', async () => {
    const pdf = await renderer.render('/ready.html', 'A4');
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(countPdfPages(pdf)).toBe(1);
  });

  it('refuses a page that reports an error', async () => {
    await expect(renderer.render('/error.html', 'Letter')).rejects.toThrow(/reported an error/);
  });

  it('starts a new browser when the one it had went away', async () => {
    await renderer.render('/ready.html', 'Letter');
    const first = await (renderer as unknown as { browser: Promise<Browser> }).browser;
    await first.close(); // as if Chromium crashed or was killed
    const pdf = await renderer.render('/ready.html', 'Letter');
    expect(countPdfPages(pdf)).toBe(1);
    expect(await (renderer as unknown as { browser: Promise<Browser> }).browser).not.toBe(first);
  });
});
