import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { send, sendStaticFile } from '../../electron/web-host/http-host';
import { resolveStaticFile } from '../../electron/services/static-files';

const APP = resolve(import.meta.dirname, 'bare-react-kiosk.ts');
const page = (script: string) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Bare React</title>' +
  `<script type="module" src="./assets/${script}"></script></head><body><div id="root"></div></body></html>`;
/** No script at all: what Chromium alone takes to paint a Welcome heading from the same server. */
const BLANK =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Blank</title></head>' +
  '<body><main data-screen="welcome"><h1>Welcome</h1></main></body></html>';

/**
 * Serves the benches' baseline (bare-react-kiosk.ts), bundled as the kiosk's renderer is built
 * (React's production build, minified, an ES module with a hashed name, written compressed
 * beside it) and served the same way: by the web host's own static-file code, with its headers,
 * compression and caching. `/blank.html` is a page with the heading and no script. Returns its
 * address and a stop.
 */
export async function startBareReactPage(): Promise<{ url: string; blankUrl: string; dir: string; stop: () => Promise<void> }> {
  const bundle = await build({
    entryPoints: [APP],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    target: 'es2023',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const script = bundle.outputFiles[0]!.contents;
  const name = `bare-${createHash('sha256').update(script).digest('base64url').slice(0, 8)}.js`;
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bare-react-'));
  await mkdir(join(dir, 'assets'));
  const html = page(name);
  await Promise.all([
    writeFile(join(dir, 'index.html'), html),
    writeFile(join(dir, 'blank.html'), BLANK),
    writeFile(join(dir, 'assets', name), script),
    writeFile(join(dir, 'assets', `${name}.br`), brotliCompressSync(script)),
    writeFile(join(dir, 'assets', `${name}.gz`), gzipSync(script, { level: 9 })),
  ]);
  const server = createServer((req, res) => {
    const target = resolveStaticFile(dir, new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!target) return send(res, 404, 'text/plain', 'Not found');
    sendStaticFile(req, res, target).catch(() => res.destroy());
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    blankUrl: `${url}blank.html`,
    dir,
    stop: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
