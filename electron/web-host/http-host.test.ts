import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { ERROR_CODES, type ErrorCode } from '../contract/channels';
import { createDispatcher, type ApiHandlers, type Dispatch } from '../services/api-router';
import { KioskError } from '../services/kiosk-error';
import { CONTENT_SECURITY_POLICY } from '../services/static-files';
import { handlersWith } from '../testing/handlers';
import { rawExchange, type RawReply } from '../testing/raw-http';
import { RecordingLogger } from '../testing/recording-logger';
import { createHttpHost, ERROR_STATUS, isOwnHost, sendStaticFile } from './http-host';

const INDEX = '<!doctype html><title>Welcome</title>';
const APP_JS = 'console.log("kiosk");';
/** A built script with a hashed name, as Vite writes it, and its compressed copies. */
const HASHED_JS = `export const welcome = ${JSON.stringify('Welcome to the clinic. '.repeat(200))};`;

const handlers: ApiHandlers = handlersWith({
  'kiosk:state': () => ({ status: 'out-of-service', reason: 'config', source: 'kiosk.json', problems: [] }),
  'content:list': () => ({ topics: [], handouts: [] }),
  'content:get': () => {
    throw new Error('not in this test');
  },
  'print:submit': () => ({ id: 'job-1', state: 'queued', pages: 1 }),
  // job-<code> fails with that code: how each Result error reaches HTTP.
  'print:status': ({ id }) => {
    const code = ERROR_CODES.find((c) => id === `job-${c}`);
    if (code === 'internal') throw new Error('the disk is on fire');
    if (code) throw new KioskError(code, `failed with ${code}`);
    return { id, state: 'done', pages: 1 };
  },
  'session:record': () => ({}),
  'session:end': () => ({}),
  'staff:unlock': ({ pin }) => (pin === '2468' ? { unlocked: true, token: 'a'.repeat(64) } : { unlocked: false, triesLeft: 2, lockedForSeconds: 0 }),
});

// <root>/renderer is served; <root>/package.json must stay out of reach.
let root: string;
let server: Server;
let port: number;
let host: string;
const log = new RecordingLogger();
const dispatched: Array<[string, unknown]> = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-http-host-'));
  const rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), INDEX);
  await writeFile(join(rendererDir, 'assets', 'app.js'), APP_JS);
  await writeFile(join(rendererDir, 'assets', 'index-Cz6So02g.js'), HASHED_JS);
  await writeFile(join(rendererDir, 'assets', 'index-Cz6So02g.js.br'), brotliCompressSync(HASHED_JS));
  await writeFile(join(rendererDir, 'assets', 'index-Cz6So02g.js.gz'), gzipSync(HASHED_JS));
  // The build skips brotli where it would not be smaller; gzip alone must do then.
  await writeFile(join(rendererDir, 'assets', 'gzip-only-B4Avd3sf.js'), HASHED_JS);
  await writeFile(join(rendererDir, 'assets', 'gzip-only-B4Avd3sf.js.gz'), gzipSync(HASHED_JS));
  await mkdir(join(rendererDir, 'folder.js'));
  await writeFile(join(root, 'package.json'), '{"secret":true}');

  const real = createDispatcher(handlers, log);
  const dispatch: Dispatch = (channel, payload) => {
    dispatched.push([channel, payload]);
    return real(channel, payload);
  };
  server = createHttpHost({ dispatch, rendererDir, log });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  host = `127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(root, { recursive: true, force: true });
});

type Reply = RawReply;

/** One raw HTTP exchange with the host under test, addressed to its own Host unless told otherwise. */
function send(method: string, path: string, headers: OutgoingHttpHeaders = {}, body?: string | Buffer): Promise<Reply> {
  return rawExchange({ port, method, path, headers: { Host: host, ...headers }, body });
}

/** A POST as the kiosk page itself would send it. */
function post(channel: string, body: string, headers: OutgoingHttpHeaders = {}): Promise<Reply> {
  return send('POST', `/api/${channel}`, { Origin: `http://${host}`, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json', ...headers }, body);
}

/** Runs `act` and returns what it dispatched: refused requests must dispatch nothing. */
async function dispatchedDuring(act: () => Promise<unknown>): Promise<Array<[string, unknown]>> {
  const before = dispatched.length;
  await act();
  return dispatched.slice(before);
}

describe('createHttpHost: static files', () => {
  it('serves index.html on / with the CSP and security headers', async () => {
    const reply = await send('GET', '/');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(INDEX);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
  });

  it('serves nested assets with their type, and answers HEAD without a body', async () => {
    const js = await send('GET', '/assets/app.js?v=1');
    expect(js.status).toBe(200);
    expect(js.body).toBe(APP_JS);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');

    const head = await send('HEAD', '/index.html');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(head.headers['content-length']).toBe(String(Buffer.byteLength(INDEX)));
  });

  it.each([
    ['a browser (Chromium)', 'gzip, deflate, br, zstd', 'br'],
    ['gzip only', 'gzip', 'gzip'],
    ['brotli refused by its q', 'br;q=0, gzip', 'gzip'],
    ['any encoding', '*', 'br'],
  ])("sends the build's compressed copy to %s", async (_who, acceptEncoding, encoding) => {
    const reply = await send('GET', '/assets/index-Cz6So02g.js', { 'Accept-Encoding': acceptEncoding });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-encoding']).toBe(encoding);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['vary']).toBe('Accept-Encoding');
    expect(Number(reply.headers['content-length'])).toBe(reply.bytes.length);
    expect(reply.bytes.length).toBeLessThan(HASHED_JS.length / 10);
    expect((encoding === 'br' ? brotliDecompressSync(reply.bytes) : gunzipSync(reply.bytes)).toString()).toBe(HASHED_JS);
  });

  it.each([
    ['no Accept-Encoding', {}],
    ['identity only', { 'Accept-Encoding': 'identity' }],
    ['a refused gzip and brotli', { 'Accept-Encoding': 'gzip;q=0, br;q=0' }],
  ])('sends the file as it is with %s', async (_name, headers) => {
    const reply = await send('GET', '/assets/index-Cz6So02g.js', headers);
    expect(reply.headers['content-encoding']).toBeUndefined();
    expect(reply.headers['vary']).toBe('Accept-Encoding');
    expect(reply.body).toBe(HASHED_JS);
  });

  it('falls back to gzip when the build wrote no brotli copy, and to the file when it wrote none', async () => {
    const gzipOnly = await send('GET', '/assets/gzip-only-B4Avd3sf.js', { 'Accept-Encoding': 'br, gzip' });
    expect(gzipOnly.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipOnly.bytes).toString()).toBe(HASHED_JS);
    const none = await send('GET', '/assets/app.js', { 'Accept-Encoding': 'br, gzip' });
    expect(none.headers['content-encoding']).toBeUndefined();
    expect(none.body).toBe(APP_JS);
  });

  it('answers HEAD with the compressed length it would send', async () => {
    const head = await send('HEAD', '/assets/index-Cz6So02g.js', { 'Accept-Encoding': 'br' });
    expect(head.body).toBe('');
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBe(brotliCompressSync(HASHED_JS).length);
  });

  it('lets a browser keep hashed assets for good, and never the page that names them', async () => {
    expect((await send('GET', '/assets/index-Cz6So02g.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await send('GET', '/')).headers['cache-control']).toBe('no-store');
    expect((await send('GET', '/index.html')).headers['cache-control']).toBe('no-store');
    // The API is never cached either.
    expect((await post('kiosk:state', '{}')).headers['cache-control']).toBe('no-store');
  });

  it('never serves the compressed copies by their own names', async () => {
    expect((await send('GET', '/assets/index-Cz6So02g.js.gz')).status).toBe(404);
    expect((await send('GET', '/assets/index-Cz6So02g.js.br')).status).toBe(404);
  });

  it.each(['localhost', '[::1]'])('accepts the loopback name %s as its host', async (name) => {
    const reply = await send('GET', '/', { Host: `${name}:${port}` });
    expect(reply.status).toBe(200);
  });

  it.each(['/../package.json', '/%2e%2e/package.json', '/%2e%2e%2fpackage.json', '/assets/..%2f..%2fpackage.json', '/..%5cpackage.json'])(
    'does not serve %s from outside the renderer',
    async (path) => {
      const reply = await send('GET', path);
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('secret');
      expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    },
  );

  it.each(['/missing.html', '/assets', '/folder.js', '/index.exe', '/%E0%A4%A.html'])('answers 404 for %s', async (path) => {
    expect((await send('GET', path)).status).toBe(404);
  });

  it('refuses other methods on static files', async () => {
    const reply = await send('POST', '/index.html', { 'Content-Type': 'application/json' }, '{}');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });
});

describe('createHttpHost: Host check (DNS rebinding)', () => {
  it.each([`evil.example:PORT`, 'evil.example', '127.0.0.1', '127.0.0.1:1', `127.0.0.1:PORT.evil.example`])('answers 421 to Host %s', async (template) => {
    const wrong = template.replace('PORT', String(port));
    const page = await send('GET', '/', { Host: wrong });
    expect(page.status).toBe(421);
    expect(page.body).not.toContain(INDEX);
    const calls = await dispatchedDuring(async () => {
      const api = await post('kiosk:state', '{}', { Host: wrong, Origin: `http://${wrong}` });
      expect(api.status).toBe(421);
    });
    expect(calls).toEqual([]);
  });
});

describe('createHttpHost: missing Host', () => {
  it('does not serve a request without a Host header', async () => {
    // Node itself answers 400 for HTTP/1.1 without Host (requireHostHeader); the host check is the backstop.
    const reply = await send('GET', '/', { Host: null as unknown as string });
    expect([400, 421]).toContain(reply.status);
    expect(reply.body).not.toContain(INDEX);
  });
});

describe('createHttpHost: API', () => {
  it('answers a same-origin POST with a valid payload with { ok: true, value }', async () => {
    const calls = await dispatchedDuring(async () => {
      const reply = await post('staff:unlock', JSON.stringify({ pin: '2468' }));
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(reply.headers['server-timing']).toMatch(/^dispatch;dur=\d+\.\d{2}$/);
      expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { unlocked: true, token: 'a'.repeat(64) } });
    });
    expect(calls).toEqual([['staff:unlock', { pin: '2468' }]]);
  });

  it('treats an empty body as {} and accepts a request without Origin (not a browser)', async () => {
    const reply = await send('POST', '/api/kiosk:state', { 'Content-Type': 'application/json' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { status: 'out-of-service', reason: 'config', source: 'kiosk.json', problems: [] } });
  });

  it('decodes a percent-encoded channel name', async () => {
    const reply = await post('kiosk%3Astate', '{}');
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: { status: 'out-of-service' } });
  });

  it.each([
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['the right host on another port', { Origin: 'http://127.0.0.1:1' }],
    ['the null Origin of a sandboxed frame', { Origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses a POST with %s with 403', async (_name, headers) => {
    const calls = await dispatchedDuring(async () => {
      const reply = await post('kiosk:state', '{}', headers);
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({ ok: false, code: 'forbidden', message: 'cross-origin requests are not allowed' });
    });
    expect(calls).toEqual([]);
  });

  it('refuses Sec-Fetch-Site: cross-site even without an Origin header', async () => {
    const reply = await send('POST', '/api/kiosk:state', { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'cross-site' }, '{}');
    expect(reply.status).toBe(403);
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses %s (a form or simple request) with 415',
    async (type) => {
      const calls = await dispatchedDuring(async () => {
        expect((await post('kiosk:state', '{}', { 'Content-Type': type })).status).toBe(415);
      });
      expect(calls).toEqual([]);
    },
  );

  it('refuses a POST without a content type with 415', async () => {
    const reply = await send('POST', '/api/kiosk:state', { Origin: `http://${host}` }, '{}');
    expect(reply.status).toBe(415);
  });

  it('answers invalid JSON with 400 bad-request', async () => {
    const calls = await dispatchedDuring(async () => {
      const reply = await post('staff:unlock', '{"pin": 12');
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, code: 'bad-request' });
    });
    expect(calls).toEqual([]);
  });

  it.each(['shell:exec', 'toString', '__proto__', 'kiosk:state%00'])(
    'answers the unknown channel %s with 404 and a not-found Result, without dispatching it',
    async (channel) => {
      const calls = await dispatchedDuring(async () => {
        const reply = await post(channel, '{"command":"rm -rf /"}');
        expect(reply.status).toBe(404);
        expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
        expect(JSON.parse(reply.body)).toEqual({ ok: false, code: 'not-found', message: 'no such channel here' });
      });
      expect(calls).toEqual([]);
    },
  );

  it('answers a payload that fails the schema with 400 and a bad-request Result', async () => {
    const reply = await post('staff:unlock', JSON.stringify({ pin: '12' }));
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, code: 'bad-request', message: expect.stringContaining('pin') });
  });

  it.each(['GET', 'PUT', 'DELETE'])('answers %s on /api/ with 405 and Allow: POST', async (method) => {
    const calls = await dispatchedDuring(async () => {
      const reply = await send(method, '/api/kiosk:state', { Origin: `http://${host}` });
      expect(reply.status).toBe(405);
      expect(reply.headers.allow).toBe('POST');
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, code: 'bad-request' });
    });
    expect(calls).toEqual([]);
  });

  it('refuses a body over 64 KiB without dispatching it', async () => {
    const big = JSON.stringify({ pin: '2468', padding: 'x'.repeat(70 * 1024) });
    const calls = await dispatchedDuring(async () => {
      // The server cuts the connection once the limit is passed; a 413 may or may not arrive first.
      const outcome = await post('staff:unlock', big).then(
        (reply) => reply.status,
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );
      expect([413, 'ECONNRESET', 'EPIPE']).toContain(outcome);
    });
    expect(calls).toEqual([]);
  });

  it('still takes a body just under 64 KiB', async () => {
    const body = JSON.stringify({ pin: '2468', padding: '' });
    const padded = body.replace('""', `"${'x'.repeat(64 * 1024 - body.length)}"`);
    expect(Buffer.byteLength(padded)).toBe(64 * 1024);
    const reply = await post('staff:unlock', padded);
    // The schema is strict, so the extra key makes it a bad request: what matters is that it was read.
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toEqual({ ok: false, code: 'bad-request', message: 'request: 1 unknown field' });
  });

  it('keeps serving after refused requests', async () => {
    expect((await send('GET', '/')).status).toBe(200);
  });
});

describe('createHttpHost: the HTTP status of a Result', () => {
  /** What a client and a monitor expect for each code: the list. */
  const EXPECTED: Record<ErrorCode, number> = { 'bad-request': 400, 'not-found': 404, forbidden: 403, limit: 429, unavailable: 503, internal: 500 };

  it.each(ERROR_CODES.map((code) => [code, EXPECTED[code]] as const))('answers a %s Result with %i, the Result as its JSON body', async (code, status) => {
    const reply = await post('print:status', JSON.stringify({ id: `job-${code}` }));
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    const result = JSON.parse(reply.body) as { ok: boolean; code: string; message: string };
    expect(result).toMatchObject({ ok: false, code });
    // An unexpected failure says nothing of its cause to the caller.
    if (code === 'internal') expect(result.message).not.toContain('disk');
    else expect(result.message).toBe(`failed with ${code}`);
    expect(ERROR_STATUS[code]).toBe(status);
  });

  it('answers a Result that is ok with 200', async () => {
    const reply = await post('print:status', JSON.stringify({ id: 'job-1' }));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { id: 'job-1', state: 'done', pages: 1 } });
  });
});

describe('isOwnHost', () => {
  it('accepts only loopback names with the exact port', () => {
    expect(isOwnHost('127.0.0.1:4300', 4300)).toBe(true);
    expect(isOwnHost('localhost:4300', 4300)).toBe(true);
    expect(isOwnHost('[::1]:4300', 4300)).toBe(true);

    expect(isOwnHost(undefined, 4300)).toBe(false);
    expect(isOwnHost('', 4300)).toBe(false);
    expect(isOwnHost('127.0.0.1', 4300)).toBe(false);
    expect(isOwnHost('localhost', 4300)).toBe(false);
    expect(isOwnHost('127.0.0.1:4301', 4300)).toBe(false);
    expect(isOwnHost('evil.example:4300', 4300)).toBe(false);
    expect(isOwnHost('localhost.evil.example:4300', 4300)).toBe(false);
    expect(isOwnHost('127.0.0.1:4300.evil.example', 4300)).toBe(false);
    expect(isOwnHost('0.0.0.0:4300', 4300)).toBe(false);
    expect(isOwnHost('LOCALHOST:4300', 4300)).toBe(false);
  });
});

describe('sendStaticFile', () => {
  it('ends only the response when a file cannot be read once its headers are sent, and the server answers on', async () => {
    // /proc/self/mem is a file by stat and fails on read (EIO): as a file deleted or cut short mid-read would.
    const server = createServer((req, res) => {
      if (req.url === '/broken') void sendStaticFile(req, res, { file: '/proc/self/mem', contentType: 'text/plain', cacheControl: 'no-store' });
      else res.end('still here');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      await fetch(`${base}/broken`)
        .then((res) => res.text())
        .catch(() => undefined);
      expect(await (await fetch(`${base}/ok`)).text()).toBe('still here');
    } finally {
      server.close();
    }
  });
});
