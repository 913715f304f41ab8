import type { Counter } from 'prom-client';
import { JobStateSchema } from '../../contract/channels';
import type { MetricsSnapshot } from './metrics-snapshot';

/** The Content-Type to send with `formatMetrics` text: Prometheus text format 0.0.4 (prom-client's `Registry.PROMETHEUS_CONTENT_TYPE`). */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const OUT_OF_SERVICE_REASONS = ['config', 'content', 'staff'] as const;

/**
 * The snapshot as Prometheus text exposition format, every name prefixed `kiosk_`.
 *
 * A fresh registry per call: the snapshot is the only state, so there is nothing to keep between
 * scrapes and nothing to reset. No default process metrics: the machine's own exporter already
 * covers CPU and memory, and a fixed set of families keeps this endpoint easy to check for PHI.
 *
 * Every label set that can exist is always written (all out-of-service reasons, all job states,
 * all outcomes, zeros included), so a series never disappears and alerts on `== 1` or `> 0` work
 * without `absent()`. The one exception is `kiosk_printer_ready`, left out entirely while no
 * printer check has run: a NaN would turn fleet-wide `sum`/`avg` into NaN.
 */
export async function formatMetrics(snapshot: MetricsSnapshot): Promise<string> {
  // Loaded at the first scrape: a host without /metrics, and every host's start, never pay for it.
  const { Counter, Gauge, Registry } = await import('prom-client');
  const registry = new Registry();
  const counter = (name: string, help: string): Counter => new Counter({ name, help, registers: [registry] });
  const registers = [registry];

  new Gauge({
    name: 'kiosk_info',
    help: 'Always 1; the labels name the app version and the loaded content library version (empty while none is loaded).',
    labelNames: ['version', 'content_version'] as const,
    registers,
  }).set({ version: snapshot.version, content_version: snapshot.contentVersion ?? '' }, 1);

  new Gauge({
    name: 'kiosk_up',
    help: '1 when the kiosk is taking people, 0 when it is out of service.',
    registers,
  }).set(snapshot.outOfService === null ? 1 : 0);

  const outOfService = new Gauge({
    name: 'kiosk_out_of_service',
    help: 'Why the kiosk is out of service: 1 for the current reason (config, content or staff), all 0 while it is taking people.',
    labelNames: ['reason'] as const,
    registers,
  });
  for (const reason of OUT_OF_SERVICE_REASONS) outOfService.set({ reason }, snapshot.outOfService === reason ? 1 : 0);

  const saveFailing = new Gauge({
    name: 'kiosk_save_failing',
    help: 'Whether the kiosk cannot save: 1 for place data (counts, print jobs, the out-of-service switch) or logs while saves there fail, 0 once one works.',
    labelNames: ['place'] as const,
    registers,
  });
  for (const place of ['data', 'logs'] as const) saveFailing.set({ place }, snapshot.saveFailing[place] ? 1 : 0);

  if (snapshot.printerReady !== null) {
    new Gauge({
      name: 'kiosk_printer_ready',
      help: '1 when the last printer check found the printer ready, 0 when not. Absent until a check has run.',
      registers,
    }).set(snapshot.printerReady ? 1 : 0);
  }

  const jobs = new Gauge({
    name: 'kiosk_print_jobs',
    help: 'Print jobs the kiosk still tracks, by state (finished jobs are kept for an hour).',
    labelNames: ['state'] as const,
    registers,
  });
  for (const state of JobStateSchema.options) jobs.set({ state }, snapshot.jobs[state]);

  const { counters } = snapshot;
  counter('kiosk_sessions_total', 'Sessions started since the kiosk started.').inc(counters.sessions);
  const outcomes = new Counter({
    name: 'kiosk_outcomes_total',
    help:
      'Screening outcomes on the days that have ended (a day is added at midnight, so no answer can be timed): ' +
      'come_in, stay_out (symptoms), turned_away (visitors not allowed).',
    labelNames: ['outcome'] as const,
    registers,
  });
  outcomes.inc({ outcome: 'come_in' }, counters.comeIn);
  outcomes.inc({ outcome: 'stay_out' }, counters.stayOut);
  outcomes.inc({ outcome: 'turned_away' }, counters.turnedAway);
  counter('kiosk_handouts_printed_total', 'Handouts printed on the days that have ended (a day is added at midnight).').inc(counters.handoutsPrinted);
  counter('kiosk_config_load_errors_total', 'Config files refused since the kiosk started (at start or on an edit).').inc(counters.configLoadErrors);

  return registry.metrics();
}
