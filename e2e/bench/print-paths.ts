import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from '@playwright/test';
import type { ChannelName } from '../../electron/contract/channel-names';
import type { KioskApi, Req, Res, Result } from '../../electron/contract/channels';
import type { PrivateCups } from '../../electron/testing/private-cups';
import { printViaApi } from '../../renderer/flow/print-via-api';
import type { KioskPage } from '../pages/kiosk-page';
import type { CupsJobLog } from './cups-job-log';

/** Wall-clock time (epoch ms, to the microsecond), comparable with the cupsd log's. */
const wallNow = () => performance.timeOrigin + performance.now();

/** A print through the host's API, as the touch UI makes it: print:submit, then print:status with changedFrom until the job ends. */
export interface ApiPrint {
  /** print:submit answered (the PDF made or kept, the job handed to CUPS): round trip, and the host's own time (Server-Timing). */
  submitMs: number;
  submitHostMs: number;
  /** The outcome as the screen would learn it (`printViaApi`, the touch UI's own code). */
  learnedMs: number;
  /** CUPS's own "Job completed", from its log. */
  completedMs: number;
}

/** Calls a channel of the web host's API (POST /api/<channel>), with its Server-Timing. */
async function call<C extends ChannelName>(url: string, channel: C, request: Req<C>): Promise<{ result: Result<Res<C>>; hostMs: number }> {
  const response = await fetch(`${url}/api/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
  const hostMs = Number(/dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1] ?? NaN);
  return { result: (await response.json()) as Result<Res<C>>, hostMs };
}

/** One handout printed through the API to the end, timed from the print:submit call. Throws when it does not print. */
export async function printHandout(url: string, jobs: CupsJobLog, lang: 'en' | 'es', id: string): Promise<ApiPrint> {
  await jobs.mark();
  let submit = { ms: 0, hostMs: 0 };
  const api: Pick<KioskApi, 'print:submit' | 'print:status'> = {
    'print:submit': async (request) => {
      const at = performance.now();
      const { result, hostMs } = await call(url, 'print:submit', request);
      submit = { ms: performance.now() - at, hostMs };
      return result;
    },
    'print:status': async (request) => (await call(url, 'print:status', request)).result,
  };
  const startedWall = wallNow();
  const started = performance.now();
  const outcome = await printViaApi(api)({ kind: 'handouts', lang, ids: [id] });
  const learnedMs = performance.now() - started;
  if (outcome !== 'done') throw new Error(`the print of ${lang}/${id} ended ${outcome}, not done`);
  const completed = await jobs.nextCompleted();
  return { submitMs: submit.ms, submitHostMs: submit.hostMs, learnedMs, completedMs: completed.at - startedWall };
}

/** The baseline: `lp` of a PDF (on its standard input, as the kiosk sends it) to the same queue, to CUPS's "Job completed". */
export async function lpToCompleted(cups: PrivateCups, queue: string, jobs: CupsJobLog, pdf: Uint8Array): Promise<{ answeredMs: number; completedMs: number }> {
  await jobs.mark();
  const startedWall = wallNow();
  const started = performance.now();
  const lp = spawn('lp', ['-d', queue, '-t', 'Kiosk print', '-o', 'media=Letter'], { env: cups.env(), stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  lp.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  lp.stdin.end(pdf);
  const code = await new Promise<number | null>((resolve) => lp.once('exit', resolve));
  const answeredMs = performance.now() - started;
  if (code !== 0) throw new Error(`lp failed (${code}): ${stderr}`);
  const completed = await jobs.nextCompleted();
  return { answeredMs, completedMs: completed.at - startedWall };
}

/** One session on the real touch UI that prints a handout; times from the Print tap. */
export interface ScreenPrint {
  /** Whether the handout was among the suggestions laid out ahead (else one not printed before, laid out at Print). */
  ahead: boolean;
  /** Print tapped → the "printed" screen painted (tap-probe.ts). */
  screenMs: number;
  /** Print tapped → CUPS's "Job completed". */
  completedMs: number;
  /** Where the time went: Print tapped → print:submit sent, → answered, and the host's own time for it (Server-Timing). */
  submit: { sentMs: number; answeredMs: number; hostMs: number };
}

/**
 * Welcome to Print and back on the real touch UI (the tap probe installed): the patient, four
 * "No", the handouts (Skip), then either the first suggestion (laid out ahead) or, from All
 * topics, a handout not in `used` and not among the suggestions laid out ahead. The person reads
 * for `readMs` after the suggestions show before tapping Print, as a person would.
 */
export async function printOnScreen(kiosk: KioskPage, jobs: CupsJobLog, ahead: boolean, used: Set<string>, readMs: number): Promise<ScreenPrint> {
  const { page } = kiosk;
  await kiosk.button('Touch to start').click();
  await kiosk.choose('I am the patient');
  for (let question = 0; question < 4; question++) await kiosk.button('No').click();
  await kiosk.button('Health handouts for you').click();
  await kiosk.button('Skip').click();
  const cards = kiosk.screen('handouts').locator('[data-handout]');
  await cards.first().waitFor();
  const shownAt = performance.now();
  const suggested = await cards.evaluateAll((all) => all.map((card) => card.getAttribute('data-handout')!));
  let id = suggested[0]!;
  if (!ahead) {
    await kiosk.button('All topics').click();
    await expect(cards).not.toHaveCount(suggested.length);
    // Prepared ahead: as many suggestions as one person may print (handouts.maxPerSession, 3 in the demo).
    const fresh = (await cards.evaluateAll((all) => all.map((card) => card.getAttribute('data-handout')!))).filter(
      (candidate) => !suggested.slice(0, 3).includes(candidate) && !used.has(candidate),
    );
    if (fresh.length === 0) throw new Error('no handout left that was neither suggested nor printed before');
    id = fresh[0]!;
  }
  used.add(id);
  await kiosk
    .screen('handouts')
    .locator(`[data-handout="${id}"]`)
    .getByRole('button', { name: /^Add to my pages: / })
    .click();
  await sleep(Math.max(0, shownAt + readMs - performance.now()));

  await jobs.mark();
  await page.evaluate(() => window.tapProbe!.arm({ screen: 'printed-done' }));
  const tapWall = page.evaluate(
    () =>
      new Promise<number>((resolve) =>
        window.addEventListener('click', (event) => resolve(performance.timeOrigin + event.timeStamp), { capture: true, once: true }),
      ),
  );
  const submitted = page.waitForResponse((response) => new URL(response.url()).pathname === '/api/print:submit');
  await kiosk.button(/^Print my handouts/).click();
  const { screen } = await page.evaluate(() => window.tapProbe!.read());
  const completed = await jobs.nextCompleted();
  const tapAt = await tapWall;
  const response = await submitted;
  const timing = response.request().timing();
  const result = {
    ahead,
    screenMs: screen.painted,
    completedMs: completed.at - tapAt,
    submit: {
      sentMs: timing.startTime - tapAt,
      answeredMs: timing.startTime + timing.responseEnd - tapAt,
      hostMs: Number(/dur=([\d.]+)/.exec((await response.allHeaders())['server-timing'] ?? '')?.[1] ?? NaN),
    },
  };

  await kiosk.button('Continue').click();
  await kiosk.button("I'm done").click();
  await kiosk.expectScreen('welcome');
  return result;
}
