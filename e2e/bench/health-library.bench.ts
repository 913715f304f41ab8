import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeBigLibrary } from '../../electron/testing/big-library';
import { demoConfig, merge, startHost } from '../fixtures/kiosk-host';
import { KioskPage } from '../pages/kiosk-page';
import { buildContentBundle, contentLoaded, otherIndexesMs, residentMemory, type ContentLoaded } from './host-facts';
import { installProbe, type TopicTiming } from './page-probe';
import { cpuBusyPercent, formatTable, machineFacts, summarize, writeJson, type Row } from './report';
import { typeQueries } from './search-typing';
import { recordRows, type WaitRow } from './wait-table';

const RESULTS_FILE = resolve(import.meta.dirname, '..', '..', 'bench-results', 'chromium.json');
const HANDOUTS = 10_000;
const BIG_TOPIC_SIZE = 1000;
/** The targets for this machine. */
const TARGETS = { indexLoadMs: 150, keystrokeP95Ms: 10, topicP95Ms: 100 };
/**
 * Typed key by key. Words of the generated library (big-library.ts), two with a slip ("fevr",
 * "picazon" without its accent), and one that finds nothing (the kind "no handouts" message).
 */
const QUERIES = {
  en: ['fever', 'knee pain', 'swelling ankle', 'shoulder', 'cramps', 'fevr', 'charley horse'],
  es: ['calambres', 'fiebre', 'dolor de rodilla', 'muñeca', 'picazon', 'tobillo'],
};
const TOPIC_RUNS = 10;
/** CPUs this busy with other work before the run make its numbers, the tails most, worse than a quiet machine's. */
const BUSY_BEFORE_PERCENT = 10;
/** How long the page may take to show what a tap should show before the run fails. */
const PROBE_TIMEOUT_MS = 10_000;

/** Starts a web host, timing spawn → listening (it loads the library before it listens), and checks where it loaded the library from. */
async function startTimedHost(config: unknown, from: ContentLoaded['source']) {
  const started = performance.now();
  const { host, stop } = await startHost(config);
  const startMs = Math.round(performance.now() - started);
  try {
    const loaded = contentLoaded(host.output());
    if (loaded.source !== from || loaded.handouts !== 2 * HANDOUTS)
      throw new Error(`the web host should have loaded ${2 * HANDOUTS} handouts from the ${from}, not ${loaded.handouts} from the ${loaded.source}`);
    return { host, stop, startMs, loaded };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Opens the big topic TOPIC_RUNS times, each time from the suggested list (short: not virtualized), so the big list is new each time. */
async function openBigTopic(kiosk: KioskPage): Promise<TopicTiming[]> {
  const timings: TopicTiming[] = [];
  for (let run = 0; run < TOPIC_RUNS; run++) {
    await kiosk.button('Suggested for you').click();
    await expect(kiosk.page.locator('.handout-list--virtual')).toHaveCount(0);
    await kiosk.page.evaluate((count) => window.kioskBench!.armTopic(count), BIG_TOPIC_SIZE);
    await kiosk.chooseTopic('Big topic');
    timings.push(await kiosk.page.evaluate(() => window.kioskBench!.topic()));
  }
  return timings;
}

/** The table's rows marked `wait`, as rows of the wait table (wait-table.ts). */
function waitRows(rows: Row[]): WaitRow[] {
  return rows
    .filter((row) => row.wait)
    .map((row) => ({
      what: `${row.metric.trim()}, ${HANDOUTS.toLocaleString('en')} handouts`,
      figure: row.value,
      unit: row.unit as WaitRow['unit'],
      ...(row.target === undefined ? {} : { goal: `< ${row.target} ${row.unit}`, met: row.value < row.target }),
    }));
}

let cpuBusyBefore = 0;
// Before the browser starts, so it is other work's share of the CPUs, not this run's.
test.beforeAll(async () => {
  cpuBusyBefore = await cpuBusyPercent(2000);
});

test('the health library in Chromium: index load, keystrokes, a topic of 1,000, host memory', async ({ page, browser }) => {
  const machine = machineFacts(browser.version(), cpuBusyBefore);
  const library = await mkdtemp(join(tmpdir(), 'kiosk-bench-library-'));
  let stopHost = async () => {};
  try {
    let started = performance.now();
    await writeBigLibrary(library, HANDOUTS, BIG_TOPIC_SIZE);
    const generateMs = Math.round(performance.now() - started);
    const config = merge(await demoConfig(), { handouts: { contentDir: library } });

    // From the Markdown first (the fallback when a bundle is missing), then from the bundle, which the rest uses.
    const markdown = await startTimedHost(config, 'markdown');
    await markdown.stop();
    started = performance.now();
    await buildContentBundle(library);
    const bundleBuildMs = Math.round(performance.now() - started);
    const bundle = await startTimedHost(config, 'bundle');
    stopHost = bundle.stop;
    const { host } = bundle;

    const kiosk = new KioskPage(page, host.url);
    await kiosk.open();
    await kiosk.toHandouts();
    await page.evaluate(installProbe, PROBE_TIMEOUT_MS);

    const topic = await openBigTopic(kiosk);
    await kiosk.button('Search').click();
    const en = await typeQueries(kiosk, QUERIES.en, 'Clear');
    // Emptied first, or the new language would search the last English words.
    await kiosk.button('Clear').click();
    await kiosk.chooseLanguage('Español');
    await kiosk.button('Buscar').click();
    const es = await typeQueries(kiosk, QUERIES.es, 'Borrar todo');
    const keys = [...en, ...es].flatMap((q) => q.keys);
    const searches = keys.flatMap((k) => (k.search ? [k.search] : []));

    const memory = await residentMemory(host.pid());
    const otherIndexes = otherIndexesMs(host.output());
    const pageHeapMb = Math.round(
      (await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize)) / 2 ** 20,
    );

    const summaries = {
      echo: summarize(keys.map((k) => k.echo)),
      shown: summarize(searches.map((s) => s.shown)),
      sent: summarize(searches.map((s) => s.sent)),
      afterSent: summarize(searches.map((s) => s.shown - s.sent)),
      roundTrip: summarize(searches.map((s) => s.answered - s.sent)),
      host: summarize(searches.map((s) => s.host)),
      render: summarize(searches.map((s) => s.shown - s.answered)),
      topicCards: summarize(topic.map((t) => t.cards)),
      topicPainted: summarize(topic.map((t) => t.painted)),
    };
    const rows: Row[] = [
      {
        metric: 'index load from the bundle, first language, before ready (logged)',
        value: bundle.loaded.indexMs,
        unit: 'ms',
        target: TARGETS.indexLoadMs,
        wait: true,
      },
      { metric: '  the other language, just after start (logged)', value: otherIndexes, unit: 'ms', wait: true },
      { metric: 'library load from the bundle (logged loadMs)', value: bundle.loaded.loadMs, unit: 'ms' },
      { metric: 'host start from the bundle (spawn → listening)', value: bundle.startMs, unit: 'ms', wait: true },
      { metric: 'index build from the Markdown (logged indexMs)', value: markdown.loaded.indexMs, unit: 'ms' },
      { metric: 'library load from the Markdown (logged loadMs)', value: markdown.loaded.loadMs, unit: 'ms' },
      { metric: 'host start from the Markdown (spawn → listening)', value: markdown.startMs, unit: 'ms' },
      { metric: 'key → letter in the search field, p95', value: summaries.echo.p95, unit: 'ms' },
      { metric: 'key → results shown, median', value: summaries.shown.median, unit: 'ms' },
      { metric: 'key → results shown, p95', value: summaries.shown.p95, unit: 'ms' },
      { metric: '  of which: key → search sent, p95', value: summaries.sent.p95, unit: 'ms' },
      { metric: 'key latency once sent (sent → shown), median', value: summaries.afterSent.median, unit: 'ms' },
      { metric: 'key latency once sent (sent → shown), p95', value: summaries.afterSent.p95, unit: 'ms', target: TARGETS.keystrokeP95Ms, wait: true },
      { metric: '  of which: content:search round trip, p95', value: summaries.roundTrip.p95, unit: 'ms' },
      { metric: '    of which: the host searching (Server-Timing), median', value: summaries.host.median, unit: 'ms' },
      { metric: '    of which: the host searching (Server-Timing), p95', value: summaries.host.p95, unit: 'ms', target: TARGETS.keystrokeP95Ms, wait: true },
      { metric: '  of which: answer → results in the DOM, p95', value: summaries.render.p95, unit: 'ms' },
      { metric: `topic of ${BIG_TOPIC_SIZE}: tap → first cards, median`, value: summaries.topicCards.median, unit: 'ms' },
      { metric: `topic of ${BIG_TOPIC_SIZE}: tap → painted frame, p95`, value: summaries.topicPainted.p95, unit: 'ms', target: TARGETS.topicP95Ms, wait: true },
      { metric: 'host memory (RSS after the searches)', value: memory.rssMb, unit: 'MB', wait: true },
      { metric: 'host memory (peak RSS)', value: memory.peakRssMb, unit: 'MB' },
      { metric: 'page JS heap', value: pageHeapMb, unit: 'MB' },
    ];

    writeJson(RESULTS_FILE, {
      machine,
      library: { handouts: HANDOUTS, languages: 2, bigTopic: BIG_TOPIC_SIZE, generateMs, bundleBuildMs },
      targets: TARGETS,
      host: {
        markdown: { startMs: markdown.startMs, ...markdown.loaded },
        bundle: { startMs: bundle.startMs, ...bundle.loaded, otherIndexesMs: otherIndexes },
        memory,
      },
      keystrokes: { ...summaries, keys: keys.length, searches: searches.length, typed: { en, es } },
      topic: { runs: topic, cards: summaries.topicCards, painted: summaries.topicPainted },
      page: { jsHeapMb: pageHeapMb },
      table: rows,
    });
    recordRows('health-library', waitRows(rows));
    console.log(
      `\n${formatTable(rows)}\n\n${keys.length} keys (${searches.length} searches), ${TOPIC_RUNS} topic opens, ` +
        `on ${machine.cpus} CPUs, ${machine.cpuBusyBeforePercent}% busy before the run` +
        `${machine.cpuBusyBeforePercent >= BUSY_BEFORE_PERCENT ? ' with other work (expect slower numbers than on a quiet machine)' : ''}` +
        `; all results in ${RESULTS_FILE}\n`,
    );
  } finally {
    await stopHost();
    await rm(library, { recursive: true, force: true });
  }
});
