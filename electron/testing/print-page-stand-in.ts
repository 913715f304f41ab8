import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * For tests of the PDF renderers: a stand-in for the built print page (renderer/print/, tested end
 * to end in e2e/specs/print-*), as `window.kioskPrintPage`: it waits for documents, shows each
 * one's id, and fails the id "broken".
 */
export const PRINT_PAGE_STAND_IN = `<html><body><h1 id="shown">waiting</h1><script>
window.kioskPrintPage = { show: async (path) => {
  const id = new URLSearchParams(path.split('?')[1]).get('id');
  if (id === 'broken') return 'error';
  document.getElementById('shown').textContent = 'Kiosk print test ' + id;
  return 'ready';
} };
</script></body></html>`;

/** The stand-in's address for a handout id. */
export const standInHandout = (id: string) => `/print.html?kind=handout&lang=en&id=${id}`;

/** Serves the stand-in at /print.html on 127.0.0.1 (port 0), counting its loads. */
export async function servePrintPageStandIn(): Promise<{ server: Server; base: string; loads: () => number }> {
  let loads = 0;
  const server = createServer((req, res) => {
    const found = req.url === '/print.html';
    if (found) loads++;
    res.writeHead(found ? 200 : 404, { 'Content-Type': 'text/html' }).end(found ? PRINT_PAGE_STAND_IN : 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, loads: () => loads };
}

/** The text of a PDF, read back with poppler's pdftotext. */
export function pdfText(pdf: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-', '-'], (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin!.end(pdf);
  });
}
