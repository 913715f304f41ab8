import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const APP = resolve(import.meta.dirname, 'bare-react-kiosk.ts');
const PAGE = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare React</title></head><body><div id="root"></div><script src="/app.js"></script></body></html>';

/**
 * Serves the soak's baseline (bare-react-kiosk.ts), bundled as the kiosk's renderer is built:
 * React's production build, minified. Returns its address and a stop.
 */
export async function startBareReactPage(): Promise<{ url: string; stop: () => Promise<void> }> {
  const bundle = await build({ entryPoints: [APP], bundle: true, write: false, minify: true, format: 'iife', target: 'es2023', define: { 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent' });
  const script = bundle.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    const [type, body] = req.url === '/app.js' ? ['text/javascript', script] : req.url === '/' ? ['text/html', PAGE] : [null, ''];
    // The browser asks for a favicon on its own: nothing, rather than a 404 the soak would count.
    if (!type) return void res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'Content-Type': `${type}; charset=utf-8` }).end(body);
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, stop: () => new Promise((done) => server.close(() => done())) };
}
