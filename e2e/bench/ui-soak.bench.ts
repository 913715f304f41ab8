import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, test } from '@playwright/test';
import { demoConfig, startHost } from '../fixtures/kiosk-host';
import { startBareReactPage } from './bare-react-page';
import { residentMemory } from './host-facts';
import { inspectorUrl, NodeHeap } from './memory';
import { cpuBusyPercent, machineFacts, markdownTable, slope, writeJson, writeText } from './report';
import { recordRows } from './wait-table';

const round3 = (mb: number) => Math.round(mb * 1000) / 1000;
import { SoakPage, walkSession } from './soak-pages';

const RESULTS = resolve(import.meta.dirname, '..', '..', 'bench-results');
/** The issue's soak: 1,000 sessions in one page. KIOSK_SOAK_SESSIONS runs fewer, to try the soak out. */
const SESSIONS = Number(process.env.KIOSK_SOAK_SESSIONS ?? 1000);
/** Ten measures, one per 100 sessions of the 1,000. */
const MEASURE_EVERY = SESSIONS / 10;
/** The first fifth is warm-up (code compiled and optimized, caches filled), left out of the slope. */
const WARM_UP = SESSIONS / 5;
/**
 * Then both pages rest on Welcome: a kiosk is left alone most of the day while it keeps asking the
 * host for news every 2 s, so what piles up per poll shows here, whatever the pace of sessions.
 */
const REST_MS = 3 * 60_000;

interface Checkpoint {
  sessions: number;
  minutes: number;
  kiosk: { heapMb: number; rssMb: number; msPerSession: number };
  bare: { heapMb: number; rssMb: number; msPerSession: number };
  host: { heapMb: number; rssMb: number };
}

const mb = (value: number, digits = 2) => value.toFixed(digits);
/** MB per 100 sessions after warm-up. */
const perHundred = (points: Checkpoint[], of: (c: Checkpoint) => number) =>
  100 * slope(points.filter((c) => c.sessions >= WARM_UP).map((c) => ({ x: c.sessions, y: of(c) })));

/** The heaps' growth after warm-up, the kiosk's beside the bare page's, as numbers and as a ratio. */
function growthLine(checkpoints: Checkpoint[], slopes: { kioskHeap: number; bareHeap: number }): string {
  const from = checkpoints.find((c) => c.sessions === WARM_UP)!;
  const to = checkpoints.at(-1)!;
  const kiosk = to.kiosk.heapMb - from.kiosk.heapMb;
  const bare = to.bare.heapMb - from.bare.heapMb;
  // A ratio of growths says something only when the baseline grew measurably (more than 10 KB).
  const ratio = bare > 0.01 ? `, ${(kiosk / bare).toFixed(1)} times the bare page's` : '';
  return (
    `From session ${from.sessions} to ${to.sessions} the kiosk's heap grew ${mb(kiosk, 3)} MB (${mb(slopes.kioskHeap, 3)} MB per 100 sessions)${ratio}; ` +
    `the bare React page's ${mb(bare, 3)} MB (${mb(slopes.bareHeap, 3)} MB per 100). ` +
    `At the end the kiosk's heap is ${mb(to.kiosk.heapMb / to.bare.heapMb)} times the bare page's.`
  );
}

let cpuBusyBefore = 0;
test.beforeAll(async () => {
  cpuBusyBefore = await cpuBusyPercent(2000);
});
// A trace of a thousand sessions would fill the runner's memory and slow every step.
test.use({ trace: 'off' });

test(`months without a reload: ${SESSIONS} sessions in one kiosk page, beside a bare React page`, async () => {
  test.setTimeout(120 * 60_000);
  const { launchOptions = {}, viewport = null } = test.info().project.use;
  const started = performance.now();
  const { host, stop } = await startHost(await demoConfig(), { nodeArgs: ['--inspect=127.0.0.1:0'] });
  const bareServer = await startBareReactPage();
  const hostHeap = await NodeHeap.connect(inspectorUrl(host.output()));
  const pages: SoakPage[] = [];
  try {
    const kiosk = await SoakPage.open(host.url, launchOptions, viewport);
    pages.push(kiosk);
    const bare = await SoakPage.open(bareServer.url, launchOptions, viewport);
    pages.push(bare);

    const checkpoints: Checkpoint[] = [];
    const spent = { kiosk: 0, bare: 0 };
    const measure = async (sessions: number) => {
      const checkpoint: Checkpoint = {
        sessions,
        minutes: (performance.now() - started) / 60_000,
        kiosk: { ...(await kiosk.memory()), msPerSession: spent.kiosk / MEASURE_EVERY },
        bare: { ...(await bare.memory()), msPerSession: spent.bare / MEASURE_EVERY },
        host: { heapMb: await hostHeap.heapMb(), rssMb: (await residentMemory(host.pid())).rssMb },
      };
      checkpoints.push(checkpoint);
      spent.kiosk = spent.bare = 0;
      console.log(
        `${sessions} sessions: kiosk heap ${mb(checkpoint.kiosk.heapMb)} MB, bare React ${mb(checkpoint.bare.heapMb)} MB; ` +
          `errors ${kiosk.errorCount} and ${bare.errorCount}`,
      );
    };
    const timed = async (page: SoakPage, side: keyof typeof spent) => {
      const at = performance.now();
      await walkSession(page.kiosk);
      spent[side] += performance.now() - at;
    };

    await measure(0);
    // Interleaved, session by session, so both pages meet the same machine (other work, heat, memory pressure).
    for (let session = 1; session <= SESSIONS; session++) {
      await timed(kiosk, 'kiosk');
      await timed(bare, 'bare');
      if (session % MEASURE_EVERY === 0) await measure(session);
    }
    const beforeRest = { kiosk: await kiosk.memory(), bare: await bare.memory() };
    await sleep(REST_MS);
    const rest = { minutes: REST_MS / 60_000, before: beforeRest, after: { kiosk: await kiosk.memory(), bare: await bare.memory() } };
    const minutes = (performance.now() - started) / 60_000;

    const slopes = {
      kioskHeap: perHundred(checkpoints, (c) => c.kiosk.heapMb),
      bareHeap: perHundred(checkpoints, (c) => c.bare.heapMb),
      kioskRss: perHundred(checkpoints, (c) => c.kiosk.rssMb),
      bareRss: perHundred(checkpoints, (c) => c.bare.rssMb),
      hostHeap: perHundred(checkpoints, (c) => c.host.heapMb),
      hostRss: perHundred(checkpoints, (c) => c.host.rssMb),
    };
    const machine = machineFacts(kiosk.kiosk.page.context().browser()?.version() ?? 'unknown', cpuBusyBefore);
    const errors = { kiosk: kiosk.errors, bare: bare.errors };
    const table = markdownTable(
      [
        'sessions',
        'kiosk heap (MB)',
        'bare React heap (MB)',
        'kiosk ÷ bare',
        'kiosk page RSS (MB)',
        'bare page RSS (MB)',
        'host heap (MB)',
        'host RSS (MB)',
        'kiosk / bare ms per session',
      ],
      [
        ...checkpoints.map((c) => [
          c.sessions,
          mb(c.kiosk.heapMb),
          mb(c.bare.heapMb),
          mb(c.kiosk.heapMb / c.bare.heapMb),
          c.kiosk.rssMb,
          c.bare.rssMb,
          mb(c.host.heapMb),
          c.host.rssMb,
          c.sessions === 0 ? '' : `${Math.round(c.kiosk.msPerSession)} / ${Math.round(c.bare.msPerSession)}`,
        ]),
        [
          `**slope after ${WARM_UP}**, MB per 100 sessions`,
          mb(slopes.kioskHeap, 3),
          mb(slopes.bareHeap, 3),
          '',
          mb(slopes.kioskRss, 1),
          mb(slopes.bareRss, 1),
          mb(slopes.hostHeap, 3),
          mb(slopes.hostRss, 1),
          '',
        ],
      ],
    );
    const errorLine = (name: string, page: SoakPage) =>
      `${name}: ${page.errorCount} (console ${page.errors.console}, uncaught ${page.errors.page}, ` +
      `failed requests ${page.errors.failedRequests}, API ${page.errors.api})${page.errors.first.map((e) => `\n  - ${e}`).join('')}`;
    const report = [
      `# UI soak: ${SESSIONS} sessions in one page`,
      '',
      `Each session: Welcome, the patient, four "No", the handouts, the Fever topic, a handout read and closed, "I'm done", Thank you, "I'm done". ` +
        `The kiosk (the web host, demo config) and a bare React 19 page with the same buttons (e2e/bench/bare-react-kiosk.ts), ` +
        `each in a Chromium of its own, ` +
        `driven alternately session by session by the same page object. Heap: the page's JS heap after a forced GC (CDP); ` +
        `RSS: its renderer process, which also holds DevTools' record of each request the page made ` +
        `(Playwright keeps the Network domain on; a kiosk has no DevTools), more for the kiosk, which talks to its host. ` +
        `The first ${WARM_UP} sessions are warm-up, left out of the slope.`,
      '',
      table,
      '',
      growthLine(checkpoints, slopes),
      '',
      `At rest on Welcome for ${rest.minutes} minutes after the last session (the kiosk asking the host for news every 2 s): ` +
        `kiosk heap ${mb(rest.before.kiosk.heapMb, 3)} → ${mb(rest.after.kiosk.heapMb, 3)} MB, ` +
        `bare React ${mb(rest.before.bare.heapMb, 3)} → ${mb(rest.after.bare.heapMb, 3)} MB; ` +
        `kiosk page RSS ${rest.before.kiosk.rssMb} → ${rest.after.kiosk.rssMb} MB, bare ${rest.before.bare.rssMb} → ${rest.after.bare.rssMb} MB.`,
      '',
      `Errors (must be 0): ${errorLine('kiosk', kiosk)}; ${errorLine('bare React', bare)}`,
      '',
      `${minutes.toFixed(1)} minutes on ${machine.cpus} CPUs (${machine.cpuBusyBeforePercent}% busy with other work before the run), ` +
        `Chromium ${machine.chromium}, commit ${machine.commit}, ${machine.date}.`,
      '',
    ].join('\n');
    recordRows('soak-ui', [
      {
        what: `JS heap growth after warm-up, ${SESSIONS} sessions in one page`,
        figure: round3(slopes.kioskHeap),
        unit: 'MB',
        baseline: { what: 'bare React page driven alike', figure: round3(slopes.bareHeap) },
        goal: 'flat after warm-up (per 100 sessions)',
        note: `errors ${kiosk.errorCount}`,
      },
    ]);
    writeText(resolve(RESULTS, 'soak-ui.md'), report);
    writeJson(resolve(RESULTS, 'soak-ui.json'), { machine, sessions: SESSIONS, warmUp: WARM_UP, minutes, slopesMbPer100: slopes, checkpoints, rest, errors });
    console.log(`\n${report}\nAlso in ${resolve(RESULTS, 'soak-ui.md')} and soak-ui.json\n`);

    // Numbers never fail the bench; errors are breakage.
    expect(errors.kiosk.first.concat(errors.bare.first)).toEqual([]);
  } finally {
    for (const page of pages) await page.close();
    hostHeap.close();
    await bareServer.stop();
    await stop();
  }
});
