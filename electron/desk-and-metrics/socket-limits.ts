import type { Server as HttpServer, ServerOptions } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Logger } from '../services/log';

/**
 * How long a connection may take and how many a listener holds, so that no caller can keep its
 * sockets: Node's defaults wait 60 s for headers, five minutes for a request, forever for a
 * socket that sends nothing, and take any number of connections.
 */
export interface SocketLimits {
  /** A request's headers must all have arrived within this (slow-header attacks). */
  headersMs: number;
  /** The whole request, body included, within this. */
  requestMs: number;
  /** A kept-alive connection with no new request is closed after this. */
  keepAliveMs: number;
  /** A socket with no traffic either way is closed after this: one that never sends a byte, one waiting on a slow answer. */
  idleMs: number;
  /** Connections beyond this many are closed as they arrive; the ones held are served on. */
  maxConnections: number;
  /** HTTPS only: the TLS handshake must be done within this. */
  handshakeMs: number;
}

/** The front-desk page: a few desk browsers, small requests, quick answers. */
export const DESK_SOCKET_LIMITS: SocketLimits = {
  headersMs: 10_000,
  requestMs: 15_000,
  keepAliveMs: 5_000,
  idleMs: 30_000,
  maxConnections: 32,
  handshakeMs: 10_000,
};

/** `/metrics`: a scraper or two, one small GET every few seconds at most. */
export const METRICS_SOCKET_LIMITS: SocketLimits = {
  headersMs: 10_000,
  requestMs: 10_000,
  keepAliveMs: 5_000,
  idleMs: 30_000,
  maxConnections: 16,
  handshakeMs: 10_000,
};

/**
 * The web host on loopback: the kiosk's browser and the PDF Chromium. A print request waits while
 * its handouts are laid out and spooled, so a socket may sit quiet for minutes while it is answered.
 */
export const WEB_HOST_SOCKET_LIMITS: SocketLimits = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  idleMs: 5 * 60_000,
  maxConnections: 64,
  handshakeMs: 10_000,
};

/**
 * The options `createServer` takes for these limits. Node checks the header and request
 * timeouts every `connectionsCheckingInterval` (30 s by default, longer than the limits here).
 */
export function serverOptions(limits: SocketLimits): ServerOptions & { handshakeTimeout: number } {
  return {
    headersTimeout: limits.headersMs,
    requestTimeout: limits.requestMs,
    keepAliveTimeout: limits.keepAliveMs,
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersMs / 4))),
    handshakeTimeout: limits.handshakeMs,
  };
}

/**
 * Applies the rest of the limits to a server made with `serverOptions`: the cap and the idle
 * timeout. A connection turned away at the cap is logged as `<name>-connections-full` (give a
 * folding log: a caller can cause it).
 */
export function limitSockets(server: HttpServer | HttpsServer, limits: SocketLimits, log: Logger, name: string): void {
  server.maxConnections = limits.maxConnections;
  server.keepAliveTimeout = limits.keepAliveMs;
  // With no 'timeout' listener, Node destroys a socket that has been quiet this long.
  server.setTimeout(limits.idleMs);
  server.on('drop', () => log.warn(`${name}-connections-full`, { maxConnections: limits.maxConnections }));
}
