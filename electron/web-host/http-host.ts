import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { ErrorCode, Result } from '../contract/channels';
import { isChannel, type Dispatch } from '../services/api-router';
import type { Logger } from '../services/log';
import { foldRepeats } from '../services/log-folding';
import { acceptedEncodings, ENCODED_SUFFIX, resolveStaticFile, SECURITY_HEADERS, type FileEncoding } from '../services/static-files';
import { limitSockets, serverOptions, WEB_HOST_SOCKET_LIMITS, type SocketLimits } from '../desk-and-metrics/socket-limits';

/** The largest API request body either host reads; anything bigger is refused unread. */
const MAX_BODY_BYTES = 64 * 1024;

export interface HttpHostOptions {
  dispatch: Dispatch;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  log: Logger;
  /** Default WEB_HOST_SOCKET_LIMITS. */
  socketLimits?: SocketLimits;
}

/**
 * The kiosk over HTTP: the built touch UI plus `POST /api/<channel>` with the same dispatcher as
 * IPC. Answers only requests addressed to its own host and port (no DNS rebinding) and API calls
 * only from its own origin (no cross-site requests).
 */
export function createHttpHost({ dispatch, rendererDir, log, socketLimits = WEB_HOST_SOCKET_LIMITS }: HttpHostOptions): Server {
  // What callers cause (refusals, failures) is folded, so no caller can flush the kept log.
  const requestLog = foldRepeats(log);
  const server = createServer(serverOptions(socketLimits), answerErrors(requestLog, 'http-failed', handle));
  limitSockets(server, socketLimits, requestLog, 'web-host');
  server.on('close', () => requestLog.flush());

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { port } = server.address() as AddressInfo;
    if (!isOwnHost(req.headers.host, port)) return send(res, 421, 'text/plain', 'Wrong host');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (url.pathname.startsWith('/api/')) return handleApiRequest(req, res, url.pathname, { dispatch, log: requestLog, origin: `http://${req.headers.host}` });

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed', { Allow: 'GET, HEAD' });
    const target = resolveStaticFile(rendererDir, url.pathname);
    if (!target) return send(res, 404, 'text/plain', 'Not found');
    return sendStaticFile(req, res, target);
  }
  return server;
}

/** The Host header must name this server on loopback; anything else is a rebinding attempt or a mistake. */
export function isOwnHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

/**
 * Wraps a host's request handler: a handler that fails is logged under `event` with its cause
 * (never the URL the caller sent) and answers 500, or cuts the connection if the answer had
 * already begun. Give it a folding log.
 */
export function answerErrors(log: Logger, event: string, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>): RequestListener {
  return (req, res) => {
    handle(req, res).catch((error: Error) => {
      log.error(event, { cause: error.message.slice(0, 200) });
      if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
      else res.destroy();
    });
  };
}

/** Where an API request may come from and what it may call. Shared by the web host and the front-desk staff host. */
export interface ApiEndpoint {
  dispatch: Dispatch;
  /** Where refusals go: give a folding log (log-folding.ts), since callers cause them. */
  log: Logger;
  /** The origin of the page this host serves (`http://127.0.0.1:4300`); a browser's Origin must be exactly this. */
  origin: string;
  /** When given, only these channels are callable here; any other answers 404 and never reaches the dispatcher. */
  channels?: ReadonlySet<string>;
  /** Default MAX_BODY_BYTES. */
  maxBodyBytes?: number;
}

/**
 * The HTTP status of each Result error code, the one place both hosts' API takes it from: what a
 * browser, a proxy and a monitor expect, with the Result itself as the JSON body. A Result that is
 * ok is 200. `forbidden` (a staff token that is wrong or has lapsed) is 403, not 401: the token
 * travels in the body, not as HTTP authentication, and a 401 must offer an HTTP challenge.
 */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = {
  'bad-request': 400,
  'not-found': 404,
  forbidden: 403,
  limit: 429,
  unavailable: 503,
  internal: 500,
};

/**
 * `POST /api/<channel>` with a JSON body, answered with the dispatcher's Result as JSON, under the
 * status ERROR_STATUS gives its code. Refused before anything is read or dispatched, each with a
 * Result body too: other methods (405), channels that do not exist or this endpoint does not
 * offer (404), another origin or a cross-site fetch (403: no CSRF), anything but JSON (415: no
 * form posts or simple requests), a body over the limit (413).
 */
export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, pathname: string, endpoint: ApiEndpoint): Promise<void> {
  const { dispatch, log, origin: ownOrigin, channels, maxBodyBytes = MAX_BODY_BYTES } = endpoint;
  if (req.method !== 'POST') return refuse(res, 405, 'bad-request', 'use POST', { Allow: 'POST' });
  let channel: string;
  try {
    channel = decodeURIComponent(pathname.slice('/api/'.length));
  } catch {
    return refuse(res, 400, 'bad-request', 'bad channel name');
  }
  if (!isChannel(channel) || (channels && !channels.has(channel))) return refuse(res, 404, 'not-found', 'no such channel here');
  const origin = req.headers.origin;
  if ((origin && origin !== ownOrigin) || req.headers['sec-fetch-site'] === 'cross-site') {
    log.warn('http-cross-origin-refused', { channel, why: origin && origin !== ownOrigin ? 'Origin is not this page' : 'Sec-Fetch-Site is cross-site' });
    return refuse(res, 403, 'forbidden', 'cross-origin requests are not allowed');
  }
  if (!req.headers['content-type']?.startsWith('application/json')) return refuse(res, 415, 'bad-request', 'send application/json');
  if (Number(req.headers['content-length']) > maxBodyBytes) return refuse(res, 413, 'bad-request', 'request too large', { Connection: 'close' });
  const body = await readBody(req, maxBodyBytes);
  if (body === null) return refuse(res, 413, 'bad-request', 'request too large', { Connection: 'close' });
  let payload: unknown;
  try {
    payload = body.length ? JSON.parse(body) : {};
  } catch {
    return refuse(res, 400, 'bad-request', 'request body is not valid JSON');
  }
  const started = performance.now();
  const result = await dispatch(channel, payload);
  // How long the host took, apart from the network: browser dev tools and `npm run bench` read it.
  const timing = { 'Server-Timing': `dispatch;dur=${(performance.now() - started).toFixed(2)}` };
  return sendJson(res, result.ok ? 200 : ERROR_STATUS[result.code], result, timing);
}

/** An API request refused before dispatch: `status` says how (405, 413, 415...), the body is the Result. */
function refuse(res: ServerResponse, status: number, code: ErrorCode, message: string, headers: Record<string, string> = {}): void {
  const result: Result<never> = { ok: false, code, message };
  sendJson(res, status, result, headers);
}

/** A file of the built renderer: where it is, its type and how long it may be cached (`resolveStaticFile`). */
export interface StaticFile {
  file: string;
  contentType: string;
  cacheControl: string;
}

/**
 * A file from the built renderer with the security headers and its Cache-Control (GET, or HEAD
 * without the body); 404 if it is not a file. Compressed when the client takes it and the build
 * wrote it so (`file.br`, `file.gz`): never compressed per request.
 */
export async function sendStaticFile(req: IncomingMessage, res: ServerResponse, { file, contentType, cacheControl }: StaticFile): Promise<void> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return send(res, 404, 'text/plain', 'Not found');
  const encodings = acceptedEncodings(file, req.headers['accept-encoding']);
  const compressed = await firstCompressed(file, encodings);
  const headers: Record<string, string | number> = {
    ...SECURITY_HEADERS,
    'Cache-Control': cacheControl,
    'Content-Type': contentType,
    'Content-Length': compressed?.size ?? info.size,
  };
  // A cache between must not hand one client's encoding to another.
  if (acceptedEncodings(file, 'br, gzip').length > 0) headers['Vary'] = 'Accept-Encoding';
  if (compressed) headers['Content-Encoding'] = compressed.encoding;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') return void res.end();
  // A file that goes while it is read (a new build written over the running one) ends this
  // response, not the host: pipeline passes the read error on instead of throwing it.
  pipeline(createReadStream(compressed?.file ?? file), res, () => undefined);
}

/** The first of `encodings` the build wrote beside `file`, if any. */
async function firstCompressed(file: string, encodings: FileEncoding[]): Promise<{ file: string; size: number; encoding: FileEncoding } | null> {
  for (const encoding of encodings) {
    const candidate = file + ENCODED_SUFFIX[encoding];
    const info = await stat(candidate).catch(() => null);
    if (info?.isFile()) return { file: candidate, size: info.size, encoding };
  }
  return null;
}

function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
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

/** Any answer, always with the security headers. `type` without its charset. */
export function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type.includes('charset=') ? type : `${type}; charset=utf-8`, ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json', JSON.stringify(value), headers);
}
