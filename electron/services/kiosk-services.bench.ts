import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bench, describe } from 'vitest';
import { createDispatcher } from './api-router';
import { createKioskServices } from './kiosk-services';
import { formatMetrics } from './metrics/metrics-text';

// The demo config and shipped content, as the web host runs them; nothing is printed.
const contentDir = join(import.meta.dirname, '../../content');
const silent = { info: () => {}, warn: () => {}, error: () => {} };
const services = await createKioskServices({
  contentDir,
  dataDir: await mkdtemp(join(tmpdir(), 'kiosk-bench-')),
  pdfRenderer: { warm: async () => {}, render: () => Promise.reject(new Error('not measured')), close: () => Promise.resolve() },
  log: silent,
  version: 'bench',
});
services.close();
const dispatch = createDispatcher(services.handlers, silent);

describe('staff and IT', () => {
  bench('kiosk:state through the dispatcher (the touch UI asks every 2 s)', async () => {
    await dispatch('kiosk:state', { resting: false });
  });
  bench('a /metrics scrape: snapshot and Prometheus text', async () => {
    await formatMetrics(services.metrics());
  });
});
