import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { CupsSpooler, type CupsSpoolerOptions } from './cups-spooler';
import type { PrintDocument, SpoolJob } from './print-spooler';
import { makePdf } from '../../testing/make-pdf';
import { PrivateCups, privateCupsUnavailable } from '../../testing/private-cups';

// CupsSpooler against a real CUPS of the tests' own (a private cupsd with cups-pdf queues), so
// CUPS itself can be stopped and restarted, and queues broken, deleted and cancelled in.
// Every fault ends with one copy on paper at most, and a truthful state at each step.

const unavailable = privateCupsUnavailable();
if (unavailable && process.env.CI) throw new Error(`CI needs CUPS for these tests: ${unavailable}`);

let cups: PrivateCups;
const marker = (what: string): string => `Kiosk ${what} ${randomBytes(4).toString('hex')}`;
const sent = async (): Promise<void> => {};

function doc(pdf: Uint8Array): PrintDocument {
  return { pdf, pagePath: '/print.html?kind=test', title: 'Kiosk print', copies: 1, paper: 'Letter', key: randomBytes(12).toString('hex') };
}

function spoolerFor(queue: string, options: CupsSpoolerOptions = {}): CupsSpooler {
  return new CupsSpooler(queue, { server: cups.socket, ...options });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Follows a job to its end as the print service does, checking it never claims `failed` on the way. */
function untilSettled(spooler: CupsSpooler, id: string, end: SpoolJob['state']): Promise<SpoolJob> {
  return waitFor(`${id} to be ${end}`, async () => {
    const status = await spooler.status(id);
    if (status.state === end) return status;
    expect(['queued', 'printing', 'unknown'], `${status.state}: ${status.reason}`).toContain(status.state);
    return undefined;
  });
}

/** The text of every PDF a queue wrote, once each is whole. */
async function printed(queue: string): Promise<string[]> {
  const texts: string[] = [];
  for (const file of await cups.pdfs(queue)) {
    try {
      texts.push(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
    } catch {
      // still being written
    }
  }
  return texts;
}

/** Waits for `text` on paper, then a while longer, and checks it came out exactly once. */
async function printedOnce(queue: string, text: string): Promise<void> {
  await waitFor(`"${text}" on paper`, async () => ((await printed(queue)).some((t) => t.includes(text)) ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect((await printed(queue)).filter((t) => t.includes(text))).toHaveLength(1);
}

async function neverPrinted(queue: string, text: string, ms = 3000): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  expect((await printed(queue)).filter((t) => t.includes(text))).toEqual([]);
}

/** Whether CUPS still knows the job at all (active or in its history). */
async function cupsKnows(id: string): Promise<boolean> {
  const all = await cups.cmd('lpstat', ['-W', 'all', '-o']);
  return all.split('\n').some((line) => line.split(/\s/)[0] === id);
}

/** A stand-in network printer: takes connections on a local port. */
async function listeningPrinter(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => socket.resume().on('end', () => socket.end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

beforeAll(async () => {
  if (!unavailable) cups = await PrivateCups.start();
}, 30_000);
afterAll(async () => {
  await cups?.dispose();
});

describe.skipIf(unavailable)(`CupsSpooler with a real CUPS${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('prints from standard input, holds the job until its id is on record, and purges it from CUPS once done', async () => {
    const queue = await cups.addPdfQueue();
    const spooler = spoolerFor(queue);
    expect(await spooler.check()).toEqual({ ready: true, printer: queue });
    const text = marker('printed');

    let heldWhileRecording = '';
    const job = await spooler.submit(doc(makePdf({ text })), async (id) => {
      heldWhileRecording = await cups.cmd('lpstat', ['-l', '-o', queue]);
      expect(id).toMatch(new RegExp(`^${queue}-\\d+$`));
    });
    expect(job).toEqual({ id: expect.stringMatching(new RegExp(`^${queue}-\\d+$`)), state: 'queued' });
    // While its id was being recorded, CUPS held it: nothing could print yet.
    expect(heldWhileRecording).toContain(job.id);
    expect(heldWhileRecording).toContain('job-hold-until-specified');

    expect(await untilSettled(spooler, job.id, 'done')).toEqual({ id: job.id, state: 'done' });
    await printedOnce(queue, text);
    // A new spooler (a host restart) sees the same.
    expect(await spoolerFor(queue).status(job.id)).toEqual({ id: job.id, state: 'done' });

    expect(await cupsKnows(job.id)).toBe(true);
    await spooler.forget(job.id);
    expect(await cupsKnows(job.id)).toBe(false);
    const spool = await readdir(join(cups.dir, 'spool'));
    expect(
      spool.filter((name) => name.endsWith(job.id.split('-').pop()!.padStart(5, '0')) || name.includes(`${job.id.split('-').pop()!.padStart(5, '0')}-`)),
    ).toEqual([]);
  }, 60_000);

  it('running as an ordinary user, as IT is told to run it, still purges its own finished jobs from CUPS', async () => {
    const queue = await cups.addPdfQueue();
    // Every CUPS command as `nobody`, against CUPS's own default policy.
    const bin = await mkdtemp(join(tmpdir(), 'kiosk-as-nobody-'));
    await chmod(bin, 0o755);
    const as = async (command: string) => {
      const path = join(bin, command);
      await writeFile(path, `#!/bin/sh\nexec runuser -u nobody -- env CUPS_SERVER=${cups.socket} ${command} "$@"\n`, { mode: 0o755 });
      return path;
    };
    const kept: string[] = [];
    const spooler = spoolerFor(queue, {
      lpPath: await as('lp'),
      lpstatPath: await as('lpstat'),
      cancelPath: await as('cancel'),
      ipptoolPath: await as('ipptool'),
      onKeptJobs: (detail) => kept.push(detail),
    });
    try {
      const job = await spooler.submit(doc(makePdf({ text: marker('as nobody') })), sent);
      expect((await cups.cmd('lpstat', ['-W', 'all', '-o', queue])).split(/\s+/)).toContain('nobody');
      await untilSettled(spooler, job.id, 'done');
      await spooler.forget(job.id);
      expect(await cupsKnows(job.id)).toBe(false);
      expect(kept).toEqual([]);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  }, 60_000);

  it('tells IT once when CUPS keeps a finished job it cannot purge (here: no ipptool)', async () => {
    const queue = await cups.addPdfQueue();
    const kept: string[] = [];
    const spooler = spoolerFor(queue, { ipptoolPath: null, onKeptJobs: (detail) => kept.push(detail) });
    const first = await spooler.submit(doc(makePdf({ text: marker('kept') })), sent);
    await untilSettled(spooler, first.id, 'done');
    await spooler.forget(first.id);
    await spooler.forget(first.id);
    expect(kept).toEqual([expect.stringContaining('PreserveJobFiles No')]);
    expect(await cupsKnows(first.id)).toBe(true);
  }, 60_000);

  it('CUPS restarting between sending and the go-ahead: unknown, never failed, then printed once', async () => {
    const queue = await cups.addPdfQueue();
    const spooler = spoolerFor(queue);
    const text = marker('restart');
    // CUPS goes away just after it took the job, before the kiosk could let it print.
    const job = await spooler.submit(doc(makePdf({ text })), () => cups.stop());
    expect(job).toMatchObject({ state: 'unknown', settles: true });
    const down = await spooler.status(job.id);
    expect(down).toMatchObject({ state: 'unknown', settles: true, reason: expect.stringContaining('CUPS is not running') });
    expect(await spooler.cancel(job.id)).toBe(false);

    await cups.restart();
    expect(await untilSettled(spooler, job.id, 'done')).toEqual({ id: job.id, state: 'done' });
    await printedOnce(queue, text);
  }, 60_000);

  it('CUPS down: the printer is not ready, a print fails at once (nothing sent), a job under way is unknown', async () => {
    const queue = await cups.addPdfQueue();
    const spooler = spoolerFor(queue);
    await cups.cmd('cupsdisable', [queue]); // a job waits in CUPS while it goes down
    const waiting = await spooler.submit(doc(makePdf({ text: marker('waiting') })), sent);
    expect(waiting.state).toBe('queued');
    await cups.stop();
    try {
      expect(await spooler.check()).toEqual({ ready: false, printer: queue, reason: 'CUPS is not running' });
      const recorded: string[] = [];
      const refused = await spooler.submit(doc(makePdf({ text: marker('refused') })), async (id) => void recorded.push(id));
      expect(refused).toMatchObject({ state: 'failed', reason: expect.stringContaining('CUPS is not running') });
      expect(recorded).toEqual([]);
      expect(await spooler.status(waiting.id)).toMatchObject({ state: 'unknown', settles: true });
      expect(await spooler.printers()).toEqual([]);
    } finally {
      await cups.restart();
    }
    // Back: the stopped queue is the truth, and the job is taken out before it is called failed.
    expect(await spooler.status(waiting.id)).toMatchObject({ state: 'failed', reason: `Printer ${queue} is stopped` });
    expect(await cups.cmd('lpstat', ['-o', queue])).toBe('');
  }, 60_000);

  it('a crash between sending and recording the id: the held job is taken back, and never prints', async () => {
    const queue = await cups.addPdfQueue();
    const text = marker('orphan');
    const since = new Date();
    // The host dies while recording: the go-ahead never comes.
    void spoolerFor(queue).submit(doc(makePdf({ text })), () => new Promise(() => {}));
    const held = await waitFor('the held job', async () => (await cups.cmd('lpstat', ['-l', '-o', queue])).match(new RegExp(`^(${queue}-\\d+)`, 'm'))?.[1]);

    // After the restart: not yet (a live kiosk could still be about to let it go), then taken back.
    const restarted = spoolerFor(queue, { orphanAgeMs: 1_500 });
    expect(await restarted.recover('any', since, new Set())).toBe('not-yet');
    // A job the kiosk has on record is never taken for an orphan.
    await new Promise((resolve) => setTimeout(resolve, 3_600));
    expect(await restarted.recover('any', since, new Set([held]))).toBe('never');
    expect(await cups.cmd('lpstat', ['-o', queue])).toContain(held);
    expect(await restarted.recover('any', since, new Set())).toBe('never');
    expect(await cupsKnows(held)).toBe(false);
    await neverPrinted(queue, text);
  }, 60_000);

  it('a queue deleted after the job printed: never called failed; its record is gone, so staff check the tray', async () => {
    const queue = await cups.addPdfQueue();
    const spooler = spoolerFor(queue);
    const job = await spooler.submit(doc(makePdf({ text: marker('deleted after') })), sent);
    await untilSettled(spooler, job.id, 'done');
    await cups.cmd('lpadmin', ['-x', queue]);
    expect(await spoolerFor(queue).status(job.id)).toMatchObject({ state: 'unknown', settles: false, reason: expect.stringContaining('Check the tray') });
  }, 60_000);

  it('a queue deleted while the job waited: failed (CUPS cancelled it with the queue)', async () => {
    const queue = await cups.addPdfQueue();
    await cups.cmd('cupsdisable', [queue]);
    const spooler = spoolerFor(queue);
    const job = await spooler.submit(doc(makePdf({ text: marker('deleted') })), sent);
    expect(job.state).toBe('queued');
    expect(await spooler.status(job.id)).toMatchObject({ state: 'failed' });
    await cups.cmd('lpadmin', ['-x', queue]);
    expect(await spooler.check()).toEqual({ ready: false, printer: queue, reason: `Printer ${queue} does not exist` });
    expect(await spooler.cancel(job.id)).toBe(true);
    expect(await spooler.printers()).not.toContain(queue);
  }, 60_000);

  it('a stopped queue: failed and taken out, so enabling it prints nothing; the retry prints once', async () => {
    const queue = await cups.addPdfQueue();
    await cups.cmd('cupsdisable', ['-r', 'kiosk test stop', queue]);
    const spooler = spoolerFor(queue);
    const reason = `Printer ${queue} is stopped (kiosk test stop)`;
    expect(await spooler.check()).toEqual({ ready: false, printer: queue, reason });
    const lost = marker('stopped');
    const job = await spooler.submit(doc(makePdf({ text: lost })), sent);
    expect(job.state).toBe('queued'); // a stopped queue still takes jobs
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason });
    expect(await cups.cmd('lpstat', ['-o', queue])).toBe('');
    // After a host restart the spooler no longer remembers why, but CUPS knows it did not print.
    expect(await spoolerFor(queue).status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The job was cancelled in CUPS before it printed' });

    await cups.cmd('cupsenable', [queue]);
    expect(await spooler.check()).toEqual({ ready: true, printer: queue });
    const retry = marker('stopped retry');
    const again = await spooler.submit(doc(makePdf({ text: retry })), sent);
    await untilSettled(spooler, again.id, 'done');
    await printedOnce(queue, retry);
    await neverPrinted(queue, lost, 500);
  }, 60_000);

  it('a queue that rejects jobs: the print fails with why, nothing is recorded', async () => {
    const queue = await cups.addPdfQueue();
    await cups.cmd('cupsreject', ['-r', 'kiosk test reject', queue]);
    const spooler = spoolerFor(queue);
    const reason = `Printer ${queue} is not accepting jobs (kiosk test reject)`;
    expect(await spooler.check()).toEqual({ ready: false, printer: queue, reason });
    const recorded: string[] = [];
    expect(await spooler.submit(doc(makePdf({ text: 'x' })), async (id) => void recorded.push(id))).toMatchObject({ state: 'failed', reason });
    expect(recorded).toEqual([]);
  }, 30_000);

  it('a dead device: the job fails as offline and is taken out, and the printer check says not ready until it answers', async () => {
    const { server, port } = await listeningPrinter();
    server.close(); // nothing listens there any more
    const queue = await cups.addPdfQueue();
    await cups.cmd('lpadmin', ['-p', queue, '-v', `socket://127.0.0.1:${port}`]);
    const spooler = spoolerFor(queue);
    const lost = marker('offline');
    const job = await spooler.submit(doc(makePdf({ text: lost })), sent);
    expect(job.state).toBe('queued');
    expect(await untilSettled(spooler, job.id, 'failed')).toEqual({ id: job.id, state: 'failed', reason: `Printer ${queue} is offline or unreachable` });
    await waitFor('the job out of the queue', async () => ((await cups.cmd('lpstat', ['-o', queue])) === '' ? true : undefined));

    // CUPS calls the queue idle again; the kiosk asks the device itself.
    const check = await waitFor('the check after the failure', async () => {
      const result = await spooler.check();
      return result.reason?.includes('stopped') ? undefined : result;
    });
    expect(check).toEqual({
      ready: false,
      printer: queue,
      reason: `Printer ${queue} is offline or unreachable: nothing answers at 127.0.0.1:${port} (ECONNREFUSED)`,
    });

    // The printer is back on the network: ready again.
    const { server: back, port: backPort } = await listeningPrinter();
    try {
      await cups.cmd('lpadmin', ['-p', queue, '-v', `socket://127.0.0.1:${backPort}`]);
      await cups.cmd('cupsenable', [queue]);
      expect(await spooler.check()).toEqual({ ready: true, printer: queue });
    } finally {
      back.close();
    }
  }, 90_000);

  it('a document CUPS cannot print: failed with why, and out of the queue', async () => {
    const queue = await cups.addPdfQueue();
    const spooler = spoolerFor(queue);
    const job = await spooler.submit(doc(new TextEncoder().encode('%PDF-1.4\nnot really a PDF\n')), sent);
    expect(job.state).toBe('queued');
    const failed = await untilSettled(spooler, job.id, 'failed');
    expect(failed.reason).toMatch(new RegExp(`^Printer ${queue} could not print the job`));
    expect(await cups.cmd('lpstat', ['-o', queue])).toBe('');
    expect(await spooler.check()).toEqual({ ready: true, printer: queue });
  }, 60_000);

  it('cancels a waiting job so it never prints, and a job cancelled by someone else is not printed either', async () => {
    const queue = await cups.addPdfQueue();
    await cups.cmd('cupsdisable', [queue]);
    const spooler = spoolerFor(queue);
    const ours = marker('cancelled');
    const job = await spooler.submit(doc(makePdf({ text: ours })), sent);
    expect(await spooler.cancel(job.id)).toBe(true);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The job was cancelled' });
    expect(await spooler.cancel(job.id)).toBe(true); // already cancelled: fine

    const theirs = await spooler.submit(doc(makePdf({ text: marker('external') })), sent);
    await cups.cmd('cancel', [theirs.id]);
    expect(await spooler.status(theirs.id)).toEqual({ id: theirs.id, state: 'failed', reason: 'The job was cancelled in CUPS before it printed' });
    await cups.cmd('cupsenable', [queue]);
    await neverPrinted(queue, ours);
  }, 60_000);

  it('lists the queues, and says a job it never heard of has no record', async () => {
    const queue = await cups.addPdfQueue();
    const spooler = spoolerFor(queue);
    expect(await spooler.printers()).toContain(queue);
    const id = `${queue}-999999`;
    expect(await spooler.status(id)).toMatchObject({ state: 'unknown', settles: false });
  }, 30_000);
});
