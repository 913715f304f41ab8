import { readdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { demoConfig, merge, startHost } from '../fixtures/kiosk-host';
import { TestQueue } from '../support/cups';
import { ApiClient, countError, endSession, followPrints, staffVisit, walkApiSession, type Errors } from './api-walk';
import { residentMemory } from './host-facts';
import { inspectorUrl, NodeHeap } from './memory';
import { cpuBusyPercent, machineFacts, markdownTable, slope, writeJson, writeText } from './report';
import { recordRows } from './wait-table';

const RESULTS = resolve(import.meta.dirname, '..', '..', 'bench-results');
/** The issue's soak: 5,000 sessions. KIOSK_SOAK_API_SESSIONS runs fewer, to try the soak out. */
const SESSIONS = Number(process.env.KIOSK_SOAK_API_SESSIONS ?? 5000);
/** Measured 50 times: every 100 sessions of the 5,000. */
const MEASURE_EVERY = SESSIONS / 50;
const WARM_UP = SESSIONS / 5;
/** Every PRINT_EVERY sessions, the next PRINT_BATCH sessions each print one or two handouts, then the batch is followed to its end. */
const PRINT_EVERY = SESSIONS / 10;
const PRINT_BATCH = 5;
/** Every STAFF_EVERY sessions, staff open the staff screen (PIN), read its status and lock it. */
const STAFF_EVERY = 50;
const DEMO_PIN = '1234';
/** How long a batch of prints may take to finish before its jobs count as errors. */
const PRINT_WAIT_MS = 3 * 60_000;

interface Checkpoint {
  sessions: number;
  minutes: number;
  calls: number;
  errors: number;
  host: { heapMb: number; rssMb: number };
  msPerSession: number;
}

let cpuBusyBefore = 0;
test.beforeAll(async () => {
  cpuBusyBefore = await cpuBusyPercent(2000);
});

test(`the host API for ${SESSIONS} sessions, with prints to a cups-pdf queue and staff calls`, async ({ browser }) => {
  test.setTimeout(60 * 60_000);
  const started = performance.now();
  const queue = await TestQueue.create();
  // The soak prints more in an hour than a clinic's limits allow: raised to the schema's most.
  const config = merge(await demoConfig(), { print: { spooler: { type: 'cups', printer: queue.name }, limits: { jobsPerHour: 1000, pagesPerJob: 200 } } });
  const { host, stop } = await startHost(config, { env: queue.env(), nodeArgs: ['--inspect=127.0.0.1:0'] });
  const hostHeap = await NodeHeap.connect(inspectorUrl(host.output()));
  try {
    const errors: Errors = {};
    const api = new ApiClient(host.url, errors);
    const errorCount = () => Object.values(errors).reduce((a, b) => a + b, 0);
    const printed = { jobs: 0, handouts: 0, batchSeconds: [] as number[] };
    let staffVisits = 0;
    const checkpoints: Checkpoint[] = [];
    let spent = 0;
    const measure = async (sessions: number) => {
      checkpoints.push({
        sessions,
        minutes: (performance.now() - started) / 60_000,
        calls: api.calls,
        errors: errorCount(),
        host: { heapMb: await hostHeap.heapMb(), rssMb: (await residentMemory(host.pid())).rssMb },
        msPerSession: spent / MEASURE_EVERY,
      });
      spent = 0;
      if (sessions % (10 * MEASURE_EVERY) === 0)
        console.log(`${sessions} sessions: host heap ${checkpoints.at(-1)!.host.heapMb.toFixed(2)} MB; ${errorCount()} errors`);
    };
    const finishBatch = async (ids: string[]) => {
      const at = performance.now();
      await followPrints(api, ids, PRINT_WAIT_MS);
      printed.batchSeconds.push((performance.now() - at) / 1000);
    };

    let batch: string[] = [];
    await measure(0);
    for (let session = 1; session <= SESSIONS; session++) {
      const at = performance.now();
      const { lang, handouts } = await walkApiSession(api, session);
      const inBatch = session % PRINT_EVERY;
      if (inBatch > 0 && inBatch <= PRINT_BATCH && handouts.length > 1) {
        const ids = handouts.slice(0, 1 + (session % 2)).map((h) => h.id);
        const job = await api.call('print:submit', { kind: 'handouts', lang, ids });
        if (job) {
          batch.push(job.id);
          printed.jobs += 1;
          printed.handouts += ids.length;
        }
        if (inBatch === PRINT_BATCH) {
          await finishBatch(batch);
          batch = [];
        }
      }
      if (session % STAFF_EVERY === 0 && (await staffVisit(api, DEMO_PIN))) staffVisits += 1;
      await endSession(api, session);
      spent += performance.now() - at;
      if (session % MEASURE_EVERY === 0) await measure(session);
    }
    if (batch.length > 0) await finishBatch(batch);

    // Each handout is its own PDF: the queue's folder holds one per handout sent, or some never came out.
    const pdfs = (await readdir(queue.outDir)).filter((name) => name.endsWith('.pdf')).length;
    if (pdfs !== printed.handouts) countError(errors, 'print: PDFs in the queue folder ≠ handouts sent', Math.abs(pdfs - printed.handouts));
    const minutes = (performance.now() - started) / 60_000;
    const after = checkpoints.filter((c) => c.sessions >= WARM_UP);
    const slopes = {
      hostHeap: 100 * slope(after.map((c) => ({ x: c.sessions, y: c.host.heapMb }))),
      hostRss: 100 * slope(after.map((c) => ({ x: c.sessions, y: c.host.rssMb }))),
    };
    const machine = machineFacts(browser.version(), cpuBusyBefore);
    // Every second measure in the table (per 200 sessions), all of them in the JSON.
    const shown = checkpoints.filter((c, i) => i % 2 === 0 || i === checkpoints.length - 1);
    const table = markdownTable(
      ['sessions', 'host heap (MB)', 'host RSS (MB)', 'API calls', 'errors', 'ms per session', 'minutes'],
      [
        ...shown.map((c) => [
          c.sessions,
          c.host.heapMb.toFixed(2),
          c.host.rssMb,
          c.calls,
          c.errors,
          c.sessions === 0 ? '' : c.msPerSession.toFixed(1),
          c.minutes.toFixed(1),
        ]),
        [`**slope after ${WARM_UP}**, MB per 100 sessions`, slopes.hostHeap.toFixed(3), slopes.hostRss.toFixed(2), '', '', '', ''],
      ],
    );
    const byChannel = markdownTable(
      ['channel', 'calls', 'mean ms (round trip)'],
      [...api.channels].map(([channel, t]) => [channel, t.calls, (t.ms / t.calls).toFixed(1)]),
    );
    const report = [
      `# Host API soak: ${SESSIONS} sessions`,
      '',
      `Each session through the web host's HTTP API, as the touch UI calls it: kiosk:state, session:record (start, outcome), content:suggest, ` +
        `content:list, content:search, content:get, session:end; ` +
        `English and Spanish in turn, one in four told to stay out. ` +
        `Every ${PRINT_EVERY} sessions, ${PRINT_BATCH} sessions in a row print one or two handouts ` +
        `(print:submit) to a throwaway cups-pdf queue, followed with print:status until done; ` +
        `every ${STAFF_EVERY} sessions, staff:unlock (the demo PIN), staff:status, staff:lock. ` +
        `The soak's config raises print.limits to the schema's most (1000 jobs an hour, 200 pages a job). ` +
        `Host heap: after a forced GC, through its inspector. The first ${WARM_UP} sessions are warm-up, left out of the slope.`,
      '',
      table,
      '',
      `Errors (must be 0): ${errorCount()}${Object.entries(errors)
        .map(([what, n]) => `\n- ${what}: ${n}`)
        .join('')}`,
      '',
      byChannel,
      '',
      `Prints: ${printed.jobs} jobs, ${printed.handouts} handouts, ${pdfs} PDFs from the queue; ` +
        `batches took ${printed.batchSeconds.map((seconds) => seconds.toFixed(1)).join(', ')} s. ` +
        `Staff screen opened ${staffVisits} times. ${api.calls} API calls.`,
      '',
      `${minutes.toFixed(1)} minutes on ${machine.cpus} CPUs (${machine.cpuBusyBeforePercent}% busy with other work before the run), ` +
        `commit ${machine.commit}, ${machine.date}.`,
      '',
    ].join('\n');
    recordRows('soak-api', [
      {
        what: `host heap growth after warm-up, ${SESSIONS} API sessions with prints and staff calls`,
        figure: Math.round(slopes.hostHeap * 1000) / 1000,
        unit: 'MB',
        goal: 'flat after warm-up (per 100 sessions)',
        note: `errors ${errorCount()}`,
      },
    ]);
    writeText(resolve(RESULTS, 'soak-api.md'), report);
    writeJson(resolve(RESULTS, 'soak-api.json'), {
      machine,
      sessions: SESSIONS,
      warmUp: WARM_UP,
      minutes,
      slopesMbPer100: slopes,
      channels: Object.fromEntries(api.channels),
      printed,
      pdfs,
      staffVisits,
      errors,
      checkpoints,
    });
    console.log(`\n${report}\nAlso in ${resolve(RESULTS, 'soak-api.md')} and soak-api.json\n`);

    // Numbers never fail the bench; errors are breakage.
    expect(errors).toEqual({});
  } finally {
    hostHeap.close();
    await stop();
    await queue.dispose();
  }
});
