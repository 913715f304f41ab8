import { createServer, type Server } from 'node:http';
import type { Logger } from '../services/log';
import { foldRepeats } from '../services/log-folding';
import type { MetricsSnapshot } from '../services/metrics/metrics-snapshot';
import { formatMetrics, METRICS_CONTENT_TYPE } from '../services/metrics/metrics-text';
import { answerErrors, send } from '../web-host/http-host';
import { limitSockets, METRICS_SOCKET_LIMITS, serverOptions, type SocketLimits } from './socket-limits';

export interface MetricsHostOptions {
  /** Taken fresh for every scrape. */
  snapshot: () => Promise<MetricsSnapshot>;
  log: Logger;
  /** Default METRICS_SOCKET_LIMITS. */
  socketLimits?: SocketLimits;
}

/**
 * The opt-in Prometheus endpoint: `GET /metrics` (and HEAD), nothing else. The caller listens on
 * the configured host and port. Aggregate numbers only, so there is no Host or Origin check (a
 * scraper may reach the machine under any name). No CORS headers, though a page that rebinds
 * a DNS name to the kiosk could still read these numbers: keep the port behind the firewall.
 * Any address may connect, so sockets are capped and timed out (METRICS_SOCKET_LIMITS).
 */
export function createMetricsHost({ snapshot, log, socketLimits = METRICS_SOCKET_LIMITS }: MetricsHostOptions): Server {
  // What callers cause (failures, a full house) is folded, so no caller can flush the kept log.
  const requestLog = foldRepeats(log);
  const server = createServer(
    serverOptions(socketLimits),
    answerErrors(requestLog, 'metrics-failed', async (req, res) => {
      if (req.url?.split('?')[0] !== '/metrics') return send(res, 404, 'text/plain', 'Not found; try /metrics\n');
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed\n', { Allow: 'GET, HEAD' });
      const text = await formatMetrics(await snapshot());
      // HEAD takes the snapshot too, so its Content-Length is the one a GET would get (Node sends no body for HEAD).
      send(res, 200, METRICS_CONTENT_TYPE, text, { 'Content-Length': String(Buffer.byteLength(text)) });
    }),
  );
  limitSockets(server, socketLimits, requestLog, 'metrics');
  server.on('close', () => requestLog.flush());
  return server;
}
