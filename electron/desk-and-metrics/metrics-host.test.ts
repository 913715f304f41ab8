import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsSnapshot } from '../services/metrics/metrics-snapshot';
import { formatMetrics } from '../services/metrics/metrics-text';
import { CONTENT_SECURITY_POLICY } from '../services/static-files';
import { parsePrometheusText, promtoolCheck } from '../testing/prometheus';
import { RecordingLogger } from '../testing/recording-logger';
import { createMetricsHost } from './metrics-host';

const SNAPSHOT: MetricsSnapshot = {
  version: '0.1.0',
  contentVersion: 'lib "2026" \\ nov',
  outOfService: 'staff',
  saveFailing: { data: true, logs: false },
  printerReady: false,
  jobs: { queued: 1, printing: 2, done: 3, failed: 4, unknown: 6, cancelled: 5 },
  counters: { sessions: 11, comeIn: 12, stayOut: 13, turnedAway: 14, handoutsPrinted: 15, configLoadErrors: 16 },
};

let server: Server;
let base: string;
const log = new RecordingLogger();
let takeSnapshot: () => Promise<MetricsSnapshot>;
let snapshotsTaken = 0;

// A host per test: each starts with no folded log lines (log-folding.ts) from the test before.
beforeEach(async () => {
  log.lines.splice(0);
  takeSnapshot = async () => SNAPSHOT;
  server = createMetricsHost({
    snapshot: () => {
      snapshotsTaken += 1;
      return takeSnapshot();
    },
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createMetricsHost: GET /metrics', () => {
  it('answers with the snapshot as text that promtool accepts without complaint', async () => {
    const reply = await fetch(`${base}/metrics`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const body = await reply.text();
    expect(body).toBe(await formatMetrics(SNAPSHOT));
    expect(await promtoolCheck(body)).toEqual({ code: 0, output: '' });
  });

  it('answers with the snapshot values, escaped labels and only the kiosk families', async () => {
    const families = parsePrometheusText(await (await fetch(`${base}/metrics`)).text());
    expect(families.map((family) => family.name).sort()).toEqual(
      [
        'kiosk_config_load_errors_total',
        'kiosk_handouts_printed_total',
        'kiosk_info',
        'kiosk_out_of_service',
        'kiosk_outcomes_total',
        'kiosk_print_jobs',
        'kiosk_printer_ready',
        'kiosk_save_failing',
        'kiosk_sessions_total',
        'kiosk_up',
      ].sort(),
    );
    const byName = new Map(families.map((family) => [family.name, family.metrics]));
    expect(byName.get('kiosk_info')).toEqual([{ labels: { version: '0.1.0', content_version: 'lib "2026" \\ nov' }, value: '1' }]);
    expect(byName.get('kiosk_up')).toEqual([{ value: '0' }]);
    expect(byName.get('kiosk_out_of_service')?.find((metric) => metric.value === '1')?.labels).toEqual({ reason: 'staff' });
    expect(byName.get('kiosk_printer_ready')).toEqual([{ value: '0' }]);
    expect(byName.get('kiosk_save_failing')).toEqual([
      { labels: { place: 'data' }, value: '1' },
      { labels: { place: 'logs' }, value: '0' },
    ]);
    expect(byName.get('kiosk_print_jobs')?.map((metric) => [metric.labels?.state, metric.value])).toEqual([
      ['queued', '1'],
      ['printing', '2'],
      ['done', '3'],
      ['failed', '4'],
      ['unknown', '6'],
      ['cancelled', '5'],
    ]);
    expect(byName.get('kiosk_sessions_total')).toEqual([{ value: '11' }]);
    expect(byName.get('kiosk_handouts_printed_total')).toEqual([{ value: '15' }]);
    expect(byName.get('kiosk_config_load_errors_total')).toEqual([{ value: '16' }]);
  });

  it('takes a fresh snapshot for every scrape', async () => {
    takeSnapshot = async () => ({ ...SNAPSHOT, outOfService: null });
    const up = parsePrometheusText(await (await fetch(`${base}/metrics`)).text()).find((family) => family.name === 'kiosk_up');
    expect(up?.metrics).toEqual([{ value: '1' }]);
  });

  it('ignores a query string', async () => {
    expect((await fetch(`${base}/metrics?name[]=kiosk_up`)).status).toBe(200);
  });

  it('sends the security headers and no CORS headers, even to a cross-origin request', async () => {
    const reply = await fetch(`${base}/metrics`, { headers: { Origin: 'https://evil.example' } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    expect([...reply.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
  });

  it('answers HEAD with the headers of a GET and no body', async () => {
    const reply = await fetch(`${base}/metrics`, { method: 'HEAD' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-length')).toBe(String(Buffer.byteLength(await formatMetrics(SNAPSHOT))));
    expect(await reply.text()).toBe('');
  });
});

describe('createMetricsHost: everything else', () => {
  it.each(['/', '/metrics/', '/metrics.txt', '/api/kiosk:state', '/index.html', '/Metrics'])('answers 404 for %s without taking a snapshot', async (path) => {
    const before = snapshotsTaken;
    const reply = await fetch(`${base}${path}`);
    expect(reply.status).toBe(404);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await reply.text()).not.toContain('kiosk_');
    expect(snapshotsTaken).toBe(before);
  });

  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS'])('answers %s /metrics with 405 and Allow: GET, HEAD', async (method) => {
    const before = snapshotsTaken;
    const reply = await fetch(`${base}/metrics`, { method, headers: { Origin: 'https://evil.example' } });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, HEAD');
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    expect(snapshotsTaken).toBe(before);
  });

  it('answers 500 with a short text and logs metrics-failed with the cause when the snapshot throws', async () => {
    takeSnapshot = async () => {
      throw new Error('counts file unreadable: EACCES');
    };
    const reply = await fetch(`${base}/metrics`);
    expect(reply.status).toBe(500);
    const body = await reply.text();
    expect(body).not.toContain('EACCES');
    expect(body).not.toContain('kiosk_');
    expect(body.length).toBeLessThan(100);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(log.lines).toEqual([{ level: 'error', event: 'metrics-failed', details: { cause: 'counts file unreadable: EACCES' } }]);
  });

  it('answers 500 when the snapshot cannot be written as metrics (a negative counter)', async () => {
    takeSnapshot = async () => ({ ...SNAPSHOT, counters: { ...SNAPSHOT.counters, sessions: -1 } });
    expect((await fetch(`${base}/metrics`)).status).toBe(500);
    expect(log.lines.map((line) => line.event)).toEqual(['metrics-failed']);
  });

  it('logs a failure that repeats once, and how many more times it happened when the host stops', async () => {
    takeSnapshot = () => Promise.reject(new Error('counts file unreadable'));
    for (let i = 0; i < 20; i++) expect((await fetch(`${base}/metrics`)).status).toBe(500);
    expect(log.lines.map((line) => line.event)).toEqual(['metrics-failed']);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(log.lines.at(-1)).toMatchObject({ level: 'error', event: 'log-folded', details: { kind: 'metrics-failed', folded: 19 } });
  });

  it('keeps answering after a failure', async () => {
    takeSnapshot = () => Promise.reject(new Error('once'));
    expect((await fetch(`${base}/metrics`)).status).toBe(500);
    takeSnapshot = async () => SNAPSHOT;
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });
});
