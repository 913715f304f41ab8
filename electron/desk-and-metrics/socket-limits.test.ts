import { afterEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher } from '../services/api-router';
import type { MetricsSnapshot } from '../services/metrics/metrics-snapshot';
import { handlersWith } from '../testing/handlers';
import { rawExchange } from '../testing/raw-http';
import { RecordingLogger } from '../testing/recording-logger';
import { makeSelfSignedCert } from '../testing/self-signed-cert';
import { createHttpHost } from '../web-host/http-host';
import { createMetricsHost } from './metrics-host';
import { createRemoteStaffHost } from './remote-staff-host';
import { DESK_SOCKET_LIMITS, METRICS_SOCKET_LIMITS, WEB_HOST_SOCKET_LIMITS, type SocketLimits } from './socket-limits';

/** Limits small enough to watch; each test shortens the one it is about and keeps the rest long. */
const LONG: SocketLimits = { headersMs: 20_000, requestMs: 20_000, keepAliveMs: 20_000, idleMs: 20_000, maxConnections: 100, handshakeMs: 20_000 };
const SHORT_MS = 300;
/** How long a test waits for the server to act on a SHORT_MS limit before calling it a failure (the long limits are 20 s). */
const PATIENCE_MS = 5_000;

const SNAPSHOT: MetricsSnapshot = {
  version: '0.1.0',
  contentVersion: 'v1',
  outOfService: null,
  printerReady: true,
  jobs: { queued: 0, printing: 0, done: 0, failed: 0, unknown: 0, cancelled: 0 },
  saveFailing: { data: false, logs: false },
  counters: { sessions: 0, comeIn: 0, stayOut: 0, turnedAway: 0, handoutsPrinted: 0, configLoadErrors: 0 },
};

const running: Server[] = [];
const sockets: Socket[] = [];
let log: RecordingLogger;

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of running.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

type HostName = 'web host' | 'front-desk page' | 'metrics';
interface Started {
  port: number;
  /** A request the host answers with 200. */
  path: string;
  headers: Record<string, string>;
}

/** Starts one of the three hosts with these limits, on 127.0.0.1 port 0. */
async function start(name: HostName, socketLimits: SocketLimits, tls?: { cert: Buffer; key: Buffer }): Promise<Started> {
  log = new RecordingLogger();
  const root = await mkdtemp(join(tmpdir(), 'kiosk-socket-limits-'));
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Kiosk</title>');
  await writeFile(join(root, 'desk.html'), '<!doctype html><title>Desk</title>');
  const dispatch = createDispatcher(handlersWith({}), log);
  const server =
    name === 'web host'
      ? createHttpHost({ dispatch, rendererDir: root, log, socketLimits })
      : name === 'front-desk page'
        ? (createRemoteStaffHost({ dispatch, rendererDir: root, log, allow: ['127.0.0.1'], socketLimits, tls }) as Server)
        : createMetricsHost({ snapshot: async () => SNAPSHOT, log, socketLimits });
  running.push(server);
  server.once('close', () => void rm(root, { recursive: true, force: true }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, path: name === 'metrics' ? '/metrics' : '/', headers: { Host: `127.0.0.1:${port}` } };
}

/** A raw TCP connection, held by the test; resolves once connected. */
async function openSocket(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  socket.on('error', () => {});
  socket.setEncoding('utf8');
  await new Promise<void>((resolve) => socket.once('connect', resolve));
  return socket;
}

/** What the server said before it closed the socket; rejects if it is still open after `ms`. */
function closedByServer(socket: Socket, ms = PATIENCE_MS): Promise<string> {
  let said = '';
  socket.on('data', (chunk: string) => (said += chunk));
  return new Promise((resolve, reject) => {
    if (socket.destroyed) return resolve(said);
    const timer = setTimeout(() => reject(new Error(`the server still held the socket after ${ms} ms`)), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(said);
    });
  });
}

/** Writes `text` a byte every 50 ms until the socket closes: busy, but never a whole request. */
function dribble(socket: Socket, text: string): void {
  let at = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || at >= text.length) return clearInterval(timer);
    socket.write(text[at++]!);
  }, 50);
  socket.once('close', () => clearInterval(timer));
}

const HOSTS: HostName[] = ['web host', 'front-desk page', 'metrics'];

describe.each(HOSTS)('%s: sockets', (name) => {
  it('closes a socket that never sends a byte', async () => {
    const { port } = await start(name, { ...LONG, idleMs: SHORT_MS });
    const socket = await openSocket(port);
    expect(await closedByServer(socket)).toBe('');
  });

  it('closes a socket whose headers come too slowly, though bytes keep coming', async () => {
    const { port } = await start(name, { ...LONG, headersMs: SHORT_MS });
    const socket = await openSocket(port);
    dribble(socket, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${'X-Slow: a\r\n'.repeat(200)}\r\n`);
    expect(await closedByServer(socket)).toMatch(/^HTTP\/1\.1 408 /);
  });

  // The metrics host reads no body: it answers a POST at once (405).
  it.skipIf(name === 'metrics')('closes a socket whose body comes too slowly', async () => {
    const { port } = await start(name, { ...LONG, requestMs: SHORT_MS, headersMs: SHORT_MS });
    const socket = await openSocket(port);
    socket.write(`POST /api/staff:unlock HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n`);
    dribble(socket, `{"pin":"${'1'.repeat(380)}"}`);
    expect(await closedByServer(socket)).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes a kept-alive connection that asks nothing more', async () => {
    const { port } = await start(name, { ...LONG, keepAliveMs: SHORT_MS });
    const socket = await openSocket(port);
    socket.write(`GET ${name === 'metrics' ? '/metrics' : '/'} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    expect(await closedByServer(socket)).toMatch(/^HTTP\/1\.1 200 /);
  });

  it('turns connections over the cap away as they arrive, and serves the ones it holds', async () => {
    const { port, path, headers } = await start(name, { ...LONG, maxConnections: 3 });
    const held = [await openSocket(port), await openSocket(port)];
    // The third is the test's own request, on a connection of its own.
    const extra = await openSocket(port);
    const fourth = await openSocket(port);
    expect(await closedByServer(fourth)).toBe('');
    expect(log.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', event: expect.stringMatching(/-connections-full$/), details: { maxConnections: 3 } }),
    );
    // The held connections are served on.
    held[0]!.write(`GET ${path} HTTP/1.1\r\nHost: ${headers.Host}\r\nConnection: close\r\n\r\n`);
    expect(await closedByServer(held[0]!)).toMatch(/^HTTP\/1\.1 200 /);
    // A place is free again: a new caller gets in.
    extra.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await rawExchange({ port, method: 'GET', path, headers })).status).toBe(200);
  });
});

describe('front-desk page over HTTPS: sockets', () => {
  it('closes a connection that never finishes the TLS handshake', async () => {
    const root = await mkdtemp(join(tmpdir(), 'kiosk-socket-tls-'));
    const { cert, key } = await makeSelfSignedCert(root);
    const tls = { cert: await readFile(cert), key: await readFile(key) };
    await rm(root, { recursive: true, force: true });
    const { port } = await start('front-desk page', { ...LONG, handshakeMs: SHORT_MS }, tls);
    const socket = await openSocket(port);
    // A ClientHello never comes; a byte now and then keeps the socket from looking idle.
    dribble(socket, '\x16\x03\x01'.repeat(100));
    expect(await closedByServer(socket)).toBe('');
    // A real client still gets the page.
    expect((await rawExchange({ port, tls: true, method: 'GET', path: '/' })).status).toBe(200);
  });
});

describe('the limits the hosts run with', () => {
  it.each([
    ['front-desk page', DESK_SOCKET_LIMITS],
    ['metrics', METRICS_SOCKET_LIMITS],
    ['web host', WEB_HOST_SOCKET_LIMITS],
  ] as const)('%s: headers in 10 s, idle kept-alive connections closed in 5 s, a cap on connections', (_name, limits) => {
    expect(limits.headersMs).toBeLessThanOrEqual(10_000);
    expect(limits.keepAliveMs).toBeLessThanOrEqual(5_000);
    expect(limits.handshakeMs).toBeLessThanOrEqual(10_000);
    expect(limits.maxConnections).toBeGreaterThan(0);
    expect(limits.maxConnections).toBeLessThanOrEqual(64);
  });

  it('keeps the listeners reachable from the network stricter than Node’s defaults (60 s headers, no idle limit)', () => {
    for (const limits of [DESK_SOCKET_LIMITS, METRICS_SOCKET_LIMITS]) {
      expect(limits.idleMs).toBeLessThanOrEqual(30_000);
      expect(limits.requestMs).toBeLessThanOrEqual(15_000);
    }
  });
});
