import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../services/api-router';
import type { Logger } from '../services/log';
import { resolveStaticFile, SECURITY_HEADERS } from '../services/static-files';

const MAX_BODY_BYTES = 64 * 1024;

export interface HttpHostOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  log: Logger;
}

/**
 * The kiosk over HTTP: the built touch UI plus `POST /api/<channel>` with the same dispatcher as
 * IPC. Answers only requests addressed to its own host and port (no DNS rebinding) and API calls
 * only from its own origin (no cross-site requests).
 */
export function createHttpHost({ dispatch, rendererDir, log }: HttpHostOptions): Server {
  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      log.error('http-failed', { url: req.url?.split('?')[0], cause: error.message });
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { port } = server.address() as AddressInfo;
    if (!isOwnHost(req.headers.host, port)) return send(res, 421, 'text/plain', 'Wrong host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'Use POST', { Allow: 'POST' });
      const origin = req.headers.origin;
      if ((origin && origin !== `http://${req.headers.host}`) || req.headers['sec-fetch-site'] === 'cross-site') {
        log.warn('http-cross-origin-refused', { origin: origin ?? '(none)' });
        return send(res, 403, 'text/plain', 'Cross-origin requests are not allowed');
      }
      if (!req.headers['content-type']?.startsWith('application/json')) return send(res, 415, 'text/plain', 'Send application/json');
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return sendJson(res, 400, { ok: false, code: 'bad-request', message: 'bad channel name' });
      }
      const tooLarge = { ok: false, code: 'bad-request', message: 'request too large' };
      if (Number(req.headers['content-length']) > MAX_BODY_BYTES) return sendJson(res, 413, tooLarge, { Connection: 'close' });
      const body = await readBody(req);
      if (body === null) return sendJson(res, 413, tooLarge, { Connection: 'close' });
      let payload: unknown;
      try {
        payload = body.length ? JSON.parse(body) : {};
      } catch {
        return sendJson(res, 400, { ok: false, code: 'bad-request', message: 'request body is not valid JSON' });
      }
      return sendJson(res, 200, await dispatch(channel, payload));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed', { Allow: 'GET, HEAD' });
    const target = resolveStaticFile(rendererDir, url.pathname);
    const info = target && (await stat(target.file).catch(() => null));
    if (!target || !info?.isFile()) return send(res, 404, 'text/plain', 'Not found');
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': target.contentType, 'Content-Length': info.size });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(target.file).pipe(res);
  }
  return server;
}

/** The Host header must name this server on loopback; anything else is a rebinding attempt or a mistake. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop collecting but drain the rest, so the 413 answer still reaches the client.
        req.removeAllListeners('data');
        req.resume();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': `${type}; charset=utf-8`, ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json', JSON.stringify(value), headers);
}
