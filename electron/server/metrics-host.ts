import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../services/log';
import type { MetricsSnapshot } from '../services/metrics/metrics-snapshot';
import { formatMetrics, METRICS_CONTENT_TYPE } from '../services/metrics/metrics-text';
import { SECURITY_HEADERS } from '../services/static-files';

export interface MetricsHostOptions {
  /** Taken fresh for every scrape. */
  snapshot: () => Promise<MetricsSnapshot>;
  log: Logger;
}

/**
 * The opt-in Prometheus endpoint: `GET /metrics` (and HEAD), nothing else. The caller listens on
 * the configured host and port. Aggregate numbers only, so there is no Host or Origin check (a
 * scraper may reach the machine under any name); no CORS headers either, so a page in some
 * browser cannot read the answer.
 */
export function createMetricsHost({ snapshot, log }: MetricsHostOptions): Server {
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('metrics-failed', { cause: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Metrics are not available right now; see the kiosk log\n');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.url?.split('?')[0] !== '/metrics') return send(res, 404, 'text/plain; charset=utf-8', 'Not found; try /metrics\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { Allow: 'GET, HEAD' });
    }
    const text = await formatMetrics(await snapshot());
    // HEAD takes the snapshot too, so its Content-Length is the one a GET would get.
    send(res, 200, METRICS_CONTENT_TYPE, req.method === 'HEAD' ? null : text, { 'Content-Length': String(Buffer.byteLength(text)) });
  }
}

function send(res: ServerResponse, status: number, type: string, body: string | null, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...headers });
  res.end(body ?? undefined);
}
