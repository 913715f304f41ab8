import { describe, expect, it } from 'vitest';
import type { MetricsSnapshot } from './metrics-snapshot';
import { parsePrometheusText, promtoolCheck, type MetricFamily } from '../../testing/prometheus';
import { formatMetrics, METRICS_CONTENT_TYPE } from './metrics-text';

const FAMILIES = [
  'kiosk_info',
  'kiosk_up',
  'kiosk_out_of_service',
  'kiosk_save_failing',
  'kiosk_printer_ready',
  'kiosk_print_jobs',
  'kiosk_sessions_total',
  'kiosk_outcomes_total',
  'kiosk_handouts_printed_total',
  'kiosk_config_load_errors_total',
];

function snapshotWith(changes: Partial<MetricsSnapshot> = {}): MetricsSnapshot {
  return {
    version: '0.1.0',
    contentVersion: '2026-11-01',
    outOfService: null,
    saveFailing: { data: false, logs: false },
    printerReady: true,
    // Every state and counter a different number, so a swapped one shows.
    jobs: { queued: 1, printing: 2, done: 3, failed: 4, unknown: 6, cancelled: 5 },
    counters: { sessions: 11, comeIn: 12, stayOut: 13, turnedAway: 14, handoutsPrinted: 15, configLoadErrors: 16 },
    ...changes,
  };
}

async function parsed(snapshot: MetricsSnapshot): Promise<Map<string, MetricFamily>> {
  const families = parsePrometheusText(await formatMetrics(snapshot));
  return new Map(families.map((family) => [family.name, family]));
}

/** The samples of one family as `{ labels, value }`, value a number. */
function samples(families: Map<string, MetricFamily>, name: string): Array<{ labels: Record<string, string>; value: number }> {
  const family = families.get(name);
  if (!family) throw new Error(`no family ${name}; got ${[...families.keys()].join(', ')}`);
  return family.metrics.map((metric) => ({ labels: metric.labels ?? {}, value: Number(metric.value) }));
}

describe('promtoolCheck (the test helper)', () => {
  it('fails with an install hint when promtool is missing', async () => {
    await expect(promtoolCheck('kiosk_up 1\n', 'promtool-not-installed-here')).rejects.toThrow(/Debian package "prometheus"/);
  });

  it('reports lint complaints', async () => {
    const result = await promtoolCheck('# TYPE kiosk_things counter\nkiosk_things 1\n');
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/_total/);
  });
});

describe('formatMetrics', () => {
  it.each([
    ['taking people', snapshotWith()],
    ['out of service, printer unknown', snapshotWith({ outOfService: 'config', contentVersion: null, printerReady: null })],
    ['with a content version to escape', snapshotWith({ contentVersion: 'v"1\\2\n3' })],
  ])('passes promtool check metrics with no lint complaints (%s)', async (_name, snapshot) => {
    expect(await promtoolCheck(await formatMetrics(snapshot))).toEqual({ code: 0, output: '' });
  });

  it('writes exactly the kiosk families, each with HELP and its type', async () => {
    const text = await formatMetrics(snapshotWith());
    const families = parsePrometheusText(text);
    expect(families.map((family) => family.name)).toEqual(FAMILIES);
    for (const family of families) {
      expect(family.help, family.name).not.toBe('');
      expect(family.type, family.name).toBe(family.name.endsWith('_total') ? 'COUNTER' : 'GAUGE');
    }
    // Nothing else in the text: no comments, no stray lines that a parser might skip.
    for (const line of text.split('\n').filter(Boolean)) {
      expect(line).toMatch(/^(# (HELP|TYPE) )?kiosk_[a-z_]+[ {]/);
    }
  });

  it('carries no text from the snapshot except the two versions', async () => {
    const families = await parsed(snapshotWith());
    const labelValues = [...families.values()].flatMap((family) => family.metrics.flatMap((metric) => Object.values(metric.labels ?? {})));
    expect(new Set(labelValues)).toEqual(
      new Set([
        '0.1.0',
        '2026-11-01',
        'config',
        'content',
        'staff',
        'data',
        'logs',
        'queued',
        'printing',
        'done',
        'failed',
        'unknown',
        'cancelled',
        'come_in',
        'stay_out',
        'turned_away',
      ]),
    );
  });

  it('names the versions in kiosk_info, escaping quotes, backslashes and newlines', async () => {
    const contentVersion = 'v"1\\2\n3';
    const text = await formatMetrics(snapshotWith({ contentVersion }));
    expect(text).toContain('content_version="v\\"1\\\\2\\n3"');
    expect(samples(await parsed(snapshotWith({ contentVersion })), 'kiosk_info')).toEqual([
      { labels: { version: '0.1.0', content_version: contentVersion }, value: 1 },
    ]);
  });

  it('writes an empty content_version while no library is loaded', async () => {
    expect(samples(await parsed(snapshotWith({ contentVersion: null })), 'kiosk_info')).toEqual([
      { labels: { version: '0.1.0', content_version: '' }, value: 1 },
    ]);
  });

  it('is up with every out-of-service reason at 0 while taking people', async () => {
    const families = await parsed(snapshotWith({ outOfService: null }));
    expect(samples(families, 'kiosk_up')).toEqual([{ labels: {}, value: 1 }]);
    expect(samples(families, 'kiosk_out_of_service')).toEqual([
      { labels: { reason: 'config' }, value: 0 },
      { labels: { reason: 'content' }, value: 0 },
      { labels: { reason: 'staff' }, value: 0 },
    ]);
  });

  it.each(['config', 'content', 'staff'] as const)('is down with reason %s at 1 and the others at 0', async (reason) => {
    const families = await parsed(snapshotWith({ outOfService: reason }));
    expect(samples(families, 'kiosk_up')).toEqual([{ labels: {}, value: 0 }]);
    expect(samples(families, 'kiosk_out_of_service')).toEqual(
      (['config', 'content', 'staff'] as const).map((each) => ({ labels: { reason: each }, value: each === reason ? 1 : 0 })),
    );
  });

  it('writes whether saving fails, for the data folder and the log folder apart', async () => {
    for (const [data, logs] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      expect(samples(await parsed(snapshotWith({ saveFailing: { data, logs } })), 'kiosk_save_failing'), `data ${data}, logs ${logs}`).toEqual([
        { labels: { place: 'data' }, value: data ? 1 : 0 },
        { labels: { place: 'logs' }, value: logs ? 1 : 0 },
      ]);
    }
  });

  it('writes the printer as 1 or 0, and leaves it out while unknown', async () => {
    expect(samples(await parsed(snapshotWith({ printerReady: true })), 'kiosk_printer_ready')).toEqual([{ labels: {}, value: 1 }]);
    expect(samples(await parsed(snapshotWith({ printerReady: false })), 'kiosk_printer_ready')).toEqual([{ labels: {}, value: 0 }]);
    const unknown = await formatMetrics(snapshotWith({ printerReady: null }));
    expect(unknown).not.toContain('kiosk_printer_ready');
    expect(unknown).not.toContain('NaN');
    expect(parsePrometheusText(unknown).map((family) => family.name)).toEqual(FAMILIES.filter((name) => name !== 'kiosk_printer_ready'));
  });

  it('writes one print-job series per state', async () => {
    expect(samples(await parsed(snapshotWith()), 'kiosk_print_jobs')).toEqual([
      { labels: { state: 'queued' }, value: 1 },
      { labels: { state: 'printing' }, value: 2 },
      { labels: { state: 'done' }, value: 3 },
      { labels: { state: 'failed' }, value: 4 },
      { labels: { state: 'unknown' }, value: 6 },
      { labels: { state: 'cancelled' }, value: 5 },
    ]);
  });

  it('writes every counter with its value', async () => {
    const families = await parsed(snapshotWith());
    expect(samples(families, 'kiosk_sessions_total')).toEqual([{ labels: {}, value: 11 }]);
    expect(samples(families, 'kiosk_outcomes_total')).toEqual([
      { labels: { outcome: 'come_in' }, value: 12 },
      { labels: { outcome: 'stay_out' }, value: 13 },
      { labels: { outcome: 'turned_away' }, value: 14 },
    ]);
    expect(samples(families, 'kiosk_handouts_printed_total')).toEqual([{ labels: {}, value: 15 }]);
    expect(samples(families, 'kiosk_config_load_errors_total')).toEqual([{ labels: {}, value: 16 }]);
  });

  it('writes zeros, not nothing, on a fresh kiosk', async () => {
    const families = await parsed(
      snapshotWith({
        jobs: { queued: 0, printing: 0, done: 0, failed: 0, unknown: 0, cancelled: 0 },
        counters: { sessions: 0, comeIn: 0, stayOut: 0, turnedAway: 0, handoutsPrinted: 0, configLoadErrors: 0 },
      }),
    );
    expect(samples(families, 'kiosk_print_jobs').map((sample) => sample.value)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(samples(families, 'kiosk_outcomes_total').map((sample) => sample.value)).toEqual([0, 0, 0]);
    for (const name of ['kiosk_sessions_total', 'kiosk_handouts_printed_total', 'kiosk_config_load_errors_total']) {
      expect(samples(families, name)).toEqual([{ labels: {}, value: 0 }]);
    }
  });

  it('keeps nothing between calls: each text is its own snapshot', async () => {
    await formatMetrics(snapshotWith());
    const second = await parsed(snapshotWith({ counters: { sessions: 1, comeIn: 0, stayOut: 0, turnedAway: 0, handoutsPrinted: 0, configLoadErrors: 0 } }));
    expect(samples(second, 'kiosk_sessions_total')).toEqual([{ labels: {}, value: 1 }]);
  });

  it("exports the Prometheus text format content type, prom-client's own", async () => {
    expect(METRICS_CONTENT_TYPE).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(METRICS_CONTENT_TYPE).toBe((await import('prom-client')).Registry.PROMETHEUS_CONTENT_TYPE);
  });
});
