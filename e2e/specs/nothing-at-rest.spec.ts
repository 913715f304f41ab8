import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { freePort } from '../../electron/testing/free-port';
import { expect, test } from '../fixtures/kiosk-host';
import type { KioskPage } from '../pages/kiosk-page';
import { pdfsIn, waitForNewPdfs } from '../support/pdf';

// The kiosk's promise: once a session is over, nothing it keeps (data folder, log, what the host
// wrote to stdout and stderr, /metrics, its jobs in CUPS) tells, finer than the day, what a person
// answered, which language they used, why they came or what they printed. The one exception is a
// failed print waiting for staff, kept until it is retried, cancelled or the day ends.

const metricsPort = await freePort();
test.use({
  useTestQueue: true,
  kioskConfig: { metrics: { listen: { host: '127.0.0.1', port: metricsPort } }, idle: { warnAfterSeconds: 12, countdownSeconds: 3 } },
});

/** What a person did that must not be found at rest: handouts, reasons, the slip, the language of the pages. */
const TRACES = [
  /leg-cramps/i,
  /\bfever\b/i,
  /respiratory-illness/i,
  /cover-coughs/i,
  /pregnancy/i,
  /print\.html/,
  /kind=/,
  /phone-slip/,
  /lang=/,
  /"pages"/,
  /"documents"/,
  /"kind"/,
  /"job"/,
];
/** A time of day: at rest the kiosk keeps nothing finer than the day (log lines' own `time` aside). */
const TIME_OF_DAY = /\d{2}:\d{2}(:\d{2})?|T\d{2}\d{2}\d{2}|_\d{6}_/;

/** Every file under `dir`, with its text. */
async function filesIn(dir: string): Promise<Array<{ path: string; text: string }>> {
  const out: Array<{ path: string; text: string }> = [];
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry);
    if ((await stat(path)).isFile()) out.push({ path: relative(dir, path), text: await readFile(path, 'utf8') });
  }
  return out;
}

/** The log's lines, each parsed; `time` (when the line was written) is the only time a line may carry. */
function logLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function comeInAndPrint(kiosk: KioskPage, queueDir: string): Promise<void> {
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false, false, false, false]);
  await kiosk.button('Health handouts for you').click();
  await kiosk.button('Pregnancy').click(); // why they came: must not be kept
  await kiosk.expectScreen('handouts');
  const before = await pdfsIn(queueDir);
  await kiosk.button(/^Add to my pages: Leg cramps/).click();
  await kiosk.button('Print my handouts (1)').click();
  await expect(kiosk.page.getByRole('status')).toHaveText(/Your pages are printing/);
  await waitForNewPdfs(queueDir, before, 1);
  await kiosk.button('Continue').click();
  await kiosk.button("I'm done").click();
  await kiosk.expectScreen('welcome');
}

async function stayOutInSpanishWithSlip(kiosk: KioskPage, queueDir: string): Promise<void> {
  await kiosk.chooseLanguage('Español');
  await kiosk.start();
  await kiosk.choose('Un paciente con su padre, madre o tutor');
  await kiosk.answer([false, true, false, false, false, false, false, false], 'Sí', 'No');
  await kiosk.expectScreen('stay-out');
  const before = await pdfsIn(queueDir);
  await kiosk.button('Imprimir este número de teléfono').click();
  await waitForNewPdfs(queueDir, before, 1);
  await kiosk.button('Continuar').click();
  await kiosk.button('Terminé').click();
  await kiosk.expectScreen('welcome');
}

test('after sessions of every outcome, nothing at rest says what anyone answered, used, came for or printed', async ({ kiosk, host, queue, page }) => {
  test.setTimeout(180_000);
  const queueDir = queue!.outDir;

  await comeInAndPrint(kiosk, queueDir);
  await stayOutInSpanishWithSlip(kiosk, queueDir);
  // A visitor turned away.
  await kiosk.start();
  await kiosk.choose('I am a visitor');
  await kiosk.button('OK').click();
  // Someone who walks away mid-screening: the idle reset.
  await kiosk.start();
  await kiosk.choose('I am the patient');
  await kiosk.answer([false]);
  await expect(kiosk.screen('welcome')).toBeVisible({ timeout: 30_000 });

  // A print that fails: kept for staff, with what it was, until staff deal with it.
  await queue!.stop();
  await kiosk.toHandouts();
  await kiosk.button('All topics').click();
  await kiosk.button('Add to my pages: Fever').click();
  await kiosk.button('Print my handouts (1)').click();
  await kiosk.expectScreen('printed-failed');
  await kiosk.button('Continue').click();
  await kiosk.button("I'm done").click();
  await kiosk.expectScreen('welcome');
  const waiting = JSON.parse(await readFile(join(host.dataDir, 'print-jobs.json'), 'utf8')) as Array<{
    state: string;
    documents: Array<{ pagePath?: string }>;
  }>;
  expect(waiting).toEqual([expect.objectContaining({ state: 'failed' })]);
  expect(waiting[0]!.documents[0]!.pagePath).toContain('id=fever');
  // Even that record keeps no exact time and no key: the minute it was made, and what it was.
  expect(JSON.stringify(waiting)).not.toMatch(/sentAt|"key"|T\d\d:\d\d:(?!00\.000Z)\d\d\.\d{3}/);
  const staff = await kiosk.openStaff();
  const job = staff.locator('[data-job][data-state="failed"]');
  const id = await job.getAttribute('data-job');
  await job.getByRole('button', { name: 'Cancel' }).click();
  await expect(staff.locator(`[data-job="${id}"]`)).toHaveAttribute('data-state', 'cancelled');
  await staff.getByRole('button', { name: 'Back to the kiosk' }).click();
  await page.reload();

  // The sweep. The data folder: counts by day, no jobs, nothing of anyone.
  const files = await filesIn(host.dataDir);
  expect(files.map((f) => f.path).sort()).toEqual(['counts.json', 'logs/kiosk.log', 'print-jobs.json']);
  const byName = new Map(files.map((f) => [f.path, f.text]));
  expect(JSON.parse(byName.get('print-jobs.json')!)).toEqual([]);
  expect(Object.keys(JSON.parse(byName.get('counts.json')!) as object)).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);
  for (const file of files.filter((f) => f.path !== 'logs/kiosk.log')) {
    for (const trace of [...TRACES, TIME_OF_DAY]) expect(file.text, `${file.path} has ${trace}`).not.toMatch(trace);
  }

  // The log, and everything the host wrote to stdout and stderr (what a journal would keep).
  for (const [where, text] of [
    ['kiosk.log', byName.get('logs/kiosk.log')!],
    ['stdout and stderr', host.output()],
  ] as const) {
    let started = false;
    for (const line of logLines(text)) {
      const { time: _time, ...rest } = line;
      const said = JSON.stringify(rest);
      for (const trace of TRACES) expect(said, `${where}: ${said}`).not.toMatch(trace);
      expect(said, `${where}: ${said}`).not.toMatch(TIME_OF_DAY);
      // Once people are served, a language appears only where the kiosk says, at page load, which of
      // all its languages has no voice: not tied to anyone's choice. (Start-up lines name the config's.)
      if (started && line.event !== 'speech-unavailable') expect(said, `${where}: ${said}`).not.toMatch(/"lang"|"es"|"en"/);
      if (line.event === 'web-host-listening') started = true;
    }
  }

  // CUPS: the kiosk took its jobs (their files and history) back out.
  expect(await queue!.jobsKnown()).toEqual([]);
  const spool = await readdir(join(queue!.cups.dir, 'spool'));
  expect(spool.filter((name) => /^[cd]\d+/.test(name))).toEqual([]);

  // /metrics: outcomes and prints show once their day has ended, never as they happen.
  const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
  for (const outcome of ['come_in', 'stay_out', 'turned_away']) expect(metrics).toContain(`kiosk_outcomes_total{outcome="${outcome}"} 0`);
  expect(metrics).toMatch(/^kiosk_handouts_printed_total 0$/m);
  expect(metrics).toMatch(/^kiosk_sessions_total [1-9]/m);
});
