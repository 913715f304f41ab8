import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import { writeBigLibrary } from '../../electron/testing/big-library';
import { demoConfig, merge } from '../fixtures/kiosk-host';
import { timedBareStart, timedHostStart, type TimedStart } from './first-answer';
import { buildContentBundle, contentLoaded, otherIndexesMs, proportionalMb, residentMemory } from './host-facts';
import { commandLine, descendants, inspectorUrl, NodeHeap } from './memory';
import { cpuBusyPercent, figure, machineFacts, writeJson } from './report';
import { recordRows, writeWaitTable, type WaitRow } from './wait-table';

/**
 * `host-start`: how soon the web host answers after it is started (spawn → the first ok
 * `POST /api/kiosk:state`), with the shipped library and with 10,000 handouts in two languages
 * from a bundle, beside plain Node's http server spawned and asked the same way, interleaved;
 * the search indexes' load from the host's log; and its memory once idle (its own, its PDF
 * process's, Chromium's) beside plain Node's, with where it goes (through `--inspect`).
 * Records its rows in the wait table; never fails on a number.
 */

const RESULTS_FILE = resolve(import.meta.dirname, '..', '..', 'bench-results', 'host-start.json');
const HANDOUTS = 10_000;
/** Timed starts of each kind, interleaved, after one of each left out (files cached, code warm). */
const RUNS = 15;
/** How long a host sits idle after its PDF process has warmed before its memory is read. */
const IDLE_MS = 3_000;
/** The host warms its PDF process 2 s after it listens (serve.ts); the bare server sits as long. */
const BARE_IDLE_MS = 2_000 + IDLE_MS;
const GOALS = { shippedMs: 400, bigMs: 800, indexesMs: 150 };

let cpuBusyBefore = 0;
let library = '';

test.beforeAll(async () => {
  // Before anything starts: other work's share of the CPUs, not this run's.
  cpuBusyBefore = await cpuBusyPercent(2000);
  library = await mkdtemp(join(tmpdir(), 'kiosk-bench-library-'));
  await writeBigLibrary(library, HANDOUTS, 1000);
  await buildContentBundle(library);
});

test.afterAll(async () => {
  if (library) await rm(library, { recursive: true, force: true });
});

const shippedConfig = () => demoConfig();
const bigConfig = async () => merge(await demoConfig(), { handouts: { contentDir: library } });
const mb = (value: number) => Math.round(value * 10) / 10;

/** Each bench's rows as one file: this bench's two tests record apart, so a failed one loses only its own. */
function record(part: string, rows: WaitRow[], raw: unknown): void {
  recordRows(`host-start-${part}`, rows);
  const table = writeWaitTable();
  const file = RESULTS_FILE.replace(/\.json$/, `-${part}.json`);
  writeJson(file, { machine: machineFacts('none (no page in this bench)', cpuBusyBefore), goals: GOALS, rows, raw });
  console.log(
    `\nhost-start-${part}: ${rows.length} rows, CPUs ${cpuBusyBefore}% busy with other work before the run; the table in ${table}, everything in ${file}\n`,
  );
}

/** The `content-loaded` line of a host that answered: it must have loaded `handouts` from the bundle. */
function loadedFromBundle(start: TimedStart, handouts: number) {
  const loaded = contentLoaded(start.output());
  if (loaded.source !== 'bundle' || loaded.handouts !== handouts)
    throw new Error(`the web host should have loaded ${handouts} handouts from the bundle, not ${loaded.handouts} from the ${loaded.source}`);
  return loaded;
}

interface Runs {
  bare: { ms: number[]; cpu: number[] };
  shipped: { ms: number[]; cpu: number[] };
  big: { ms: number[]; cpu: number[]; firstIndexMs: number[]; bothIndexesMs: number[]; loadMs: number[] };
}

function keepStart(into: { ms: number[]; cpu: number[] }, start: TimedStart): void {
  into.ms.push(start.firstAnswerMs);
  into.cpu.push(start.cpuMs);
}

test('spawn to first answer: the shipped library, 10,000 handouts, bare Node', async () => {
  const runs: Runs = { bare: { ms: [], cpu: [] }, shipped: { ms: [], cpu: [] }, big: { ms: [], cpu: [], firstIndexMs: [], bothIndexesMs: [], loadMs: [] } };
  const shipped = await shippedConfig();
  const big = await bigConfig();
  for (let run = 0; run <= RUNS; run++) {
    const keep = run > 0;
    const bare = await timedBareStart();
    await bare.stop();
    if (keep) keepStart(runs.bare, bare);

    const host = await timedHostStart(shipped);
    await host.stop();
    loadedFromBundle(host, 20);
    if (keep) keepStart(runs.shipped, host);

    const bigHost = await timedHostStart(big);
    try {
      // The other language loads just after the host listens: its line follows.
      await bigHost.waitFor(/"content-indexes-loaded"/);
    } finally {
      await bigHost.stop();
    }
    const loaded = loadedFromBundle(bigHost, 2 * HANDOUTS);
    if (keep) {
      keepStart(runs.big, bigHost);
      runs.big.firstIndexMs.push(loaded.indexMs);
      runs.big.bothIndexesMs.push(loaded.indexMs + otherIndexesMs(bigHost.output()));
      runs.big.loadMs.push(loaded.loadMs);
    }
  }

  const bare = figure(runs.bare.ms);
  const bareCpu = figure(runs.bare.cpu);
  const shippedMs = figure(runs.shipped.ms);
  const bigMs = figure(runs.big.ms);
  const both = figure(runs.big.bothIndexesMs);
  const cpuNote = (cpu: number[]) => `CPU it spent by then, median ${figure(cpu).median} ms, bare Node ${bareCpu.median} ms`;
  const rows: WaitRow[] = [
    {
      what: 'web host start to first answer (spawn → POST /api/kiosk:state ok), shipped library',
      figure: shippedMs,
      unit: 'ms',
      baseline: { what: 'bare Node HTTP server, spawned and asked the same way', figure: bare },
      goal: `median ≤ ${GOALS.shippedMs} ms`,
      met: shippedMs.median <= GOALS.shippedMs,
      note: cpuNote(runs.shipped.cpu),
    },
    {
      what: `web host start to first answer, ${HANDOUTS.toLocaleString('en')} handouts × 2 languages from the bundle`,
      figure: bigMs,
      unit: 'ms',
      baseline: { what: 'bare Node HTTP server', figure: bare },
      goal: `median ≤ ${GOALS.bigMs} ms`,
      met: bigMs.median <= GOALS.bigMs,
      note: `${cpuNote(runs.big.cpu)}; the whole library load (logged loadMs) median ${figure(runs.big.loadMs).median} ms`,
    },
    {
      what: `search index load, ${HANDOUTS.toLocaleString('en')} handouts, the first language, before the host listens (logged)`,
      figure: figure(runs.big.firstIndexMs),
      unit: 'ms',
    },
    {
      what: `search index load, ${HANDOUTS.toLocaleString('en')} handouts, both languages (the second just after the host listens; logged)`,
      figure: both,
      unit: 'ms',
      goal: `median ≤ ${GOALS.indexesMs} ms`,
      met: both.median <= GOALS.indexesMs,
    },
  ];
  record('first-answer', rows, runs);
});

/** A host's memory once idle: its own RSS, its PDF process's, and Chromium's (every process of it, Pss so shared pages count once). */
async function idleMemory(start: TimedStart) {
  await start.waitFor(/"pdf-page-warm"/);
  await sleep(IDLE_MS);
  const below = await descendants(start.pid);
  const pdfProcess = (await Promise.all(below.map(async (each) => ({ ...each, args: await commandLine(each.pid) })))).find((each) =>
    each.args.some((arg) => arg.endsWith('pdf-process.cjs')),
  );
  if (!pdfProcess) throw new Error('the web host has no PDF process running, though it logged its page warm');
  const chromium = await descendants(pdfProcess.pid);
  if (chromium.length === 0) throw new Error('the PDF process has no Chromium running, though it logged its page warm');
  const chromiumPss = (await Promise.all(chromium.map((each) => proportionalMb(each.pid).catch(() => 0)))).reduce((a, b) => a + b, 0);
  return {
    hostRssMb: (await residentMemory(start.pid)).rssMb,
    pdfProcessRssMb: (await residentMemory(pdfProcess.pid)).rssMb,
    chromiumPssMb: Math.round(chromiumPss),
    chromiumProcesses: chromium.length,
  };
}

/** The same start again with `--inspect`, for where its memory goes (the inspector itself adds a little, so RSS is read without it). */
async function whereMemoryGoes(start: () => Promise<TimedStart>, idle: (started: TimedStart) => Promise<unknown>) {
  const started = await start();
  try {
    await idle(started);
    const heap = await NodeHeap.connect(inspectorUrl(started.output()));
    try {
      return await heap.usage();
    } finally {
      heap.close();
    }
  } finally {
    await started.stop();
  }
}

/** "rss 127: V8 heap used 20 of 25, external 3 (array buffers 1), the rest (code, Node itself, the allocator) 99". */
function breakdown(usage: { process: Record<string, number> }): string {
  const { rss = 0, heapTotal = 0, heapUsed = 0, external = 0, arrayBuffers = 0 } = usage.process;
  return `inspected: RSS ${rss} MB = V8 heap ${heapTotal} (used ${heapUsed}) + external ${external} (array buffers ${arrayBuffers}) + the rest ${mb(rss - heapTotal - external)}`;
}

test('memory once idle: the web host, its PDF process and Chromium, beside bare Node', async () => {
  const measured: Record<string, Awaited<ReturnType<typeof idleMemory>>> = {};
  const where: Record<string, Awaited<ReturnType<NodeHeap['usage']>>> = {};
  for (const [kind, config] of [
    ['shipped', await shippedConfig()],
    ['big', await bigConfig()],
  ] as const) {
    const host = await timedHostStart(config);
    try {
      measured[kind] = await idleMemory(host);
    } finally {
      await host.stop();
    }
    where[kind] = await whereMemoryGoes(
      () => timedHostStart(config, ['--inspect=127.0.0.1:0']),
      (started) => started.waitFor(/"pdf-page-warm"/).then(() => sleep(IDLE_MS)),
    );
  }
  const bare = await timedBareStart();
  let bareRssMb: number;
  try {
    await sleep(BARE_IDLE_MS);
    bareRssMb = (await residentMemory(bare.pid)).rssMb;
  } finally {
    await bare.stop();
  }
  where.bare = await whereMemoryGoes(
    () => timedBareStart(['--inspect=127.0.0.1:0']),
    () => sleep(BARE_IDLE_MS),
  );

  const bareNode = { what: 'bare Node HTTP server, idle', figure: bareRssMb };
  const libraries = { shipped: 'shipped library', big: `${HANDOUTS.toLocaleString('en')} handouts × 2 languages` } as const;
  const rows: WaitRow[] = (['shipped', 'big'] as const).flatMap((kind): WaitRow[] => [
    {
      what: `web host RSS once idle (its PDF process warm), ${libraries[kind]}`,
      figure: measured[kind]!.hostRssMb,
      unit: 'MB',
      baseline: bareNode,
      goal: 'say where it goes',
      note: `${breakdown(where[kind]!)}; bare Node ${breakdown(where.bare!)}`,
    },
    { what: `its PDF process (Node, playwright-core) RSS, ${libraries[kind]}`, figure: measured[kind]!.pdfProcessRssMb, unit: 'MB', baseline: bareNode },
    {
      what: `its Chromium (the warm print page), Pss summed over its ${measured[kind]!.chromiumProcesses} processes, ${libraries[kind]}`,
      figure: measured[kind]!.chromiumPssMb,
      unit: 'MB',
    },
  ]);
  record('memory', rows, { measured, bareRssMb, where });
});
