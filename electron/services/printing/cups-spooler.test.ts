import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  CupsSpooler,
  findJob,
  parseAccepting,
  parseDestinations,
  parseIppJob,
  parsePrinterStatus,
  printerProblem,
} from './cups-spooler';
import type { PrintDocument } from './print-spooler';
import { makePdf } from '../testing/make-pdf';

// Real CUPS with a cups-pdf queue: set up with `.ci/setup-cups.sh` (as root).

const env = { ...process.env, LANG: 'C', LC_ALL: 'C' };
const sh = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 });

/** Like {@link sh}, but returns stdout and stderr together and never throws. */
function shAll(cmd: string, args: string[]): string {
  try {
    return sh(cmd, args);
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  }
}

/** Why the real-CUPS suite cannot run here, or undefined when it can. */
function cupsUnavailable(): string | undefined {
  let answer: string;
  try {
    answer = sh('lpstat', ['-r']);
  } catch (error) {
    return `lpstat failed (${(error as Error).message.split('\n')[0]})`;
  }
  if (!answer.includes('scheduler is running')) return `CUPS is not reachable (lpstat -r: ${answer.trim()})`;
  if (!existsSync('/usr/lib/cups/backend/cups-pdf')) return 'the cups-pdf backend is not installed';
  try {
    sh('pdftotext', ['-v']);
  } catch {
    return 'pdftotext (poppler-utils) is not installed';
  }
  return undefined;
}

function hasIpptool(): boolean {
  try {
    execFileSync('ipptool', ['--version'], { stdio: 'ignore', timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where cups-pdf writes: $CUPS_PDF_OUT, else the `Out` line of cups-pdf.conf (which
 * setup-cups.sh sets to /var/spool/cups-pdf/out; Debian's default `${HOME}/PDF` means /root/PDF
 * for jobs submitted as root).
 */
function cupsPdfOut(): string {
  if (process.env.CUPS_PDF_OUT) return process.env.CUPS_PDF_OUT;
  try {
    const out = /^Out\s+(.+)$/m.exec(readFileSync('/etc/cups/cups-pdf.conf', 'utf8'))?.[1]?.trim();
    if (out) return out.replace(/\$\{HOME\}/g, homedir()).replace(/\$\{USER\}/g, userInfo().username);
  } catch {
    // unreadable conf: fall back to the setup script's folder
  }
  return '/var/spool/cups-pdf/out';
}

/** A document as the print service hands it over. */
function doc(pdf: Uint8Array, overrides: Partial<PrintDocument> = {}): PrintDocument {
  return { pdf, pagePath: '/print.html?kind=test', title: `Spooler test ${tag}`, copies: 1, paper: 'Letter', ...overrides };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * A local TCP port that refuses connections. Below 1024, so no outgoing connection can ever use
 * it as its source port (a socket to a free ephemeral port can, rarely, connect to itself).
 */
async function refusedPort(): Promise<number> {
  for (const port of [9, 1, 7, 13, 19, 37, 79, 113, 119, 444, 666, 999]) {
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.setTimeout(2000);
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
    });
    if (refused) return port;
  }
  throw new Error('no local port refuses connections');
}

const tag = randomBytes(4).toString('hex');
const marker = (what: string): string => `Kiosk ${what} ${tag}${randomBytes(3).toString('hex')}`;

describe('CupsSpooler without CUPS', () => {
  it('rejects printer names that are not CUPS queue names', () => {
    for (const name of ['', '-d', 'a b', 'a/b', 'ok;rm', 'x'.repeat(128), 'é']) {
      expect(() => new CupsSpooler(name)).toThrow(/Invalid CUPS printer name/);
    }
    expect(new CupsSpooler('Office_Printer-2.1').kind).toBe('cups');
    expect(() => new CupsSpooler('x'.repeat(127))).not.toThrow();
  });

  it('says lp and lpstat are missing instead of throwing', async () => {
    const spooler = new CupsSpooler('nowhere', {
      lpPath: '/nonexistent/lp',
      lpstatPath: '/nonexistent/lpstat',
      cancelPath: '/nonexistent/cancel',
      ipptoolPath: '/nonexistent/ipptool',
    });
    const job = await spooler.submit(doc(makePdf({ text: 'x' })));
    expect(job.state).toBe('failed');
    expect(job.id).toMatch(/^none-\d+$/);
    expect(job.reason).toContain('lp not found');
    expect(await spooler.check()).toEqual({ ready: false, printer: 'nowhere', reason: 'lpstat not found' });
    expect((await spooler.status('nowhere-1')).reason).toBe('lpstat not found');
    expect(await spooler.printers()).toEqual([]);
    await expect(spooler.cancel('nowhere-1')).resolves.toBeUndefined();
  });

  it('gives up on an lp that hangs, and removes its temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-cups-test-'));
    try {
      const slowLp = join(dir, 'lp');
      await writeFile(slowLp, '#!/bin/sh\nexec sleep 5\n');
      await chmod(slowLp, 0o755);
      const temp = join(dir, 'tmp');
      await mkdir(temp);
      const spooler = new CupsSpooler('nowhere', { lpPath: slowLp, lpstatPath: '/nonexistent/lpstat', tempDir: temp, timeoutMs: 300 });
      const job = await spooler.submit(doc(makePdf({ text: 'x' })));
      expect(job.state).toBe('failed');
      expect(job.reason).toContain('did not answer');
      expect(await readdir(temp)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad job ids, bad copies and empty documents', async () => {
    const spooler = new CupsSpooler('kiosk', { lpPath: '/nonexistent/lp', lpstatPath: '/nonexistent/lpstat', cancelPath: '/nonexistent/cancel' });
    for (const id of ['kiosk', 'kiosk-', 'kiosk-1x', 'other-1', '-1', 'kiosk-1 ; x']) {
      expect(await spooler.status(id)).toEqual({ id, state: 'failed', reason: 'Invalid job id' });
      await expect(spooler.cancel(id)).resolves.toBeUndefined();
    }
    expect((await spooler.status('none-3')).state).toBe('failed');
    for (const copies of [0, -1, 1.5, 1000]) {
      const job = await spooler.submit(doc(makePdf({ text: 'x' }), { copies }));
      expect(job.state).toBe('failed');
      expect(job.reason).toContain('copies');
    }
    const empty = await spooler.submit(doc(new Uint8Array()));
    expect(empty).toMatchObject({ state: 'failed', reason: 'Cannot print: the document is empty' });
  });
});

describe('lpstat and ipptool parsing', () => {
  it('reads an idle, a printing and a stopped printer', () => {
    expect(parsePrinterStatus('printer kiosk-pdf is idle.  enabled since Sat Nov 28 05:35:30 2026\n', 'kiosk-pdf')).toEqual({
      state: 'idle',
      message: '',
      reasons: [],
    });
    const printing = parsePrinterStatus(
      [
        'printer q.2 now printing q.2-43.  enabled since Sat Nov 28 05:40:44 2026',
        '\tThe printer may not exist or is unavailable at this time.',
        '\tForm mounted:',
        '\tContent types: any',
        '\tAlerts: none',
        '\tLocation: ',
      ].join('\n'),
      'q.2',
    );
    expect(printing).toEqual({
      state: 'printing',
      job: 'q.2-43',
      message: 'The printer may not exist or is unavailable at this time.',
      reasons: [],
    });
    expect(printerProblem('q.2', printing!)).toBe('Printer q.2 is offline or unreachable');
    // The same words on an idle printer belong to a job long gone.
    expect(printerProblem('q.2', { ...printing!, state: 'idle', job: undefined })).toBeUndefined();

    const stopped = parsePrinterStatus(
      'printer q disabled since Sat Nov 28 05:40:41 2026 -\n\treason unknown\n\tForm mounted:\n\tAlerts: paused\n\tLocation: \n',
      'q',
    );
    expect(stopped).toEqual({ state: 'stopped', message: '', reasons: ['paused'] });
    expect(printerProblem('q', stopped!)).toBe('Printer q is stopped');
    const stoppedWithWords = parsePrinterStatus('printer q disabled since Sat Nov 28 2026 -\n\tUnable to connect to printer\n', 'q');
    expect(printerProblem('q', stoppedWithWords!)).toBe('Printer q is stopped (Unable to connect to printer)');
    // Only this printer's lines count.
    expect(parsePrinterStatus('printer q2 is idle.  enabled since x\n', 'q')).toBeUndefined();
  });

  it('reads out-of-paper, jam, offline and holding printers from the Alerts line', () => {
    const status = (head: string, alerts: string) =>
      parsePrinterStatus(`printer office ${head}\n\tMedia empty\n\tForm mounted:\n\tDescription: office\n\tAlerts: ${alerts}\n\tLocation: Desk\n`, 'office')!;
    const paper = status('is idle.  enabled since Sat Nov 28 05:35:30 2026', 'media-empty-error media-needed-error');
    expect(paper).toMatchObject({ state: 'idle', message: 'Media empty', reasons: ['media-empty-error', 'media-needed-error'] });
    expect(printerProblem('office', paper)).toBe('Printer office is out of paper');
    expect(printerProblem('office', status('now printing office-3.  enabled since x', 'media-needed'))).toBe('Printer office is out of paper');
    expect(printerProblem('office', status('is idle.  enabled since x', 'media-low-report'))).toBeUndefined();
    expect(printerProblem('office', status('is idle.  enabled since x', 'media-jam-error'))).toBe('Printer office has a paper jam');
    expect(printerProblem('office', status('is idle.  enabled since x', 'offline-report'))).toBe('Printer office is offline or unreachable');
    // Every network job shows connecting-to-device for a moment: not a fault by itself.
    expect(printerProblem('office', status('now printing office-3.  enabled since x', 'connecting-to-device'))).toBeUndefined();
    expect(printerProblem('office', status('is holding new jobs.  enabled since x', 'hold-new-jobs'))).toBe('Printer office is holding new jobs');
  });

  it('finds jobs, acceptance, IPP job states and destinations', () => {
    const jobs = [
      'q-39                root              1024   Sat Nov 28 05:39:55 2026',
      '\tStatus: The printer may not exist or is unavailable at this time.',
      '\tAlerts: job-printing',
      '\tqueued for q',
      'q-40                root              1024   Sat Nov 28 05:39:56 2026',
      '\tAlerts: none',
      '\tqueued for q',
      'q-400               root              1024   Sat Nov 28 05:39:56 2026',
    ].join('\n');
    expect(findJob(jobs, 'q-39')).toEqual({
      id: 'q-39',
      message: 'The printer may not exist or is unavailable at this time.',
      reasons: ['job-printing'],
    });
    expect(findJob(jobs, 'q-40')).toEqual({ id: 'q-40', message: '', reasons: [] });
    expect(findJob(jobs, 'q-4')).toBeUndefined();
    expect(findJob('q-7   root  1024  Sat Nov 28\n', 'q-7')).toEqual({ id: 'q-7', message: '', reasons: [] });

    expect(parseAccepting('q accepting requests since Sat Nov 28 05:39:55 2026\n', 'q')).toEqual({ accepting: true, message: '' });
    expect(parseAccepting('q not accepting requests since Sat Nov 28 05:40:41 2026 -\n\tkiosk test reject\n', 'q')).toEqual({
      accepting: false,
      message: 'kiosk test reject',
    });
    expect(parseAccepting('q not accepting requests since x -\n\tRejecting Jobs\n', 'q')).toEqual({ accepting: false, message: '' });

    const ipp = [
      '    Get job info with get-job-attributes                                 [PASS]',
      '        status-code = successful-ok (successful-ok)',
      '        job-state (enum) = processing-stopped',
      '        job-state-reasons (keyword) = job-completed-with-errors',
      '        job-printer-state-message (textWithoutLanguage) = loadFilename failed: damaged file',
    ].join('\n');
    expect(parseIppJob(ipp)).toEqual({ state: 'processing-stopped', reasons: ['job-completed-with-errors'], message: 'loadFilename failed: damaged file' });
    expect(parseIppJob('        job-state (enum) = canceled\n        job-state-reasons (1setOf keyword) = job-canceled-by-user,processing-to-stop-point\n')).toEqual({
      state: 'canceled',
      reasons: ['job-canceled-by-user', 'processing-to-stop-point'],
      message: '',
    });
    expect(parseIppJob('status-code = client-error-not-found (Job #9 does not exist.)\n')).toBeUndefined();

    expect(parseDestinations('kiosk-pdf\nOffice_2\nOffice_2/duplex\n\n-odd\nkiosk-pdf\n')).toEqual(['kiosk-pdf', 'Office_2']);
  });
});

describe('CupsSpooler with scripted lpstat output', () => {
  // Faults a test machine cannot produce for real (no paper to run out of), replayed through
  // stand-in commands that print what CUPS prints.
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-cups-fake-'));
    const lpstat = [
      '#!/bin/sh',
      `D='${dir}'`,
      'case "$*" in',
      '  "-l -o "*) cat "$D/active.txt" ;;',
      '  "-l -p "*) cat "$D/printer.txt" ;;',
      '  "-a "*) cat "$D/accepting.txt" ;;',
      '  "-l -W completed -o "*) cat "$D/completed.txt" ;;',
      '  "-r") echo "scheduler is running" ;;',
      '  "-e") printf "office\\nkiosk-pdf\\n" ;;',
      '  *) echo "lpstat: unexpected $*" >&2; exit 1 ;;',
      'esac',
    ].join('\n');
    await writeFile(join(dir, 'lpstat'), `${lpstat}\n`);
    await writeFile(join(dir, 'cancel'), `#!/bin/sh\necho "$*" >> '${dir}/cancel.log'\n`);
    await chmod(join(dir, 'lpstat'), 0o755);
    await chmod(join(dir, 'cancel'), 0o755);
    await writeFile(join(dir, 'accepting.txt'), 'office accepting requests since Sat Nov 28 05:35:30 2026\n');
    await writeFile(join(dir, 'completed.txt'), '');
    await writeFile(join(dir, 'active.txt'), 'office-7   kiosk   48128   Sat Nov 28 05:39:55 2026\n\tAlerts: none\n\tqueued for office\n');
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const spooler = (options: { connectGraceMs?: number } = {}) =>
    new CupsSpooler('office', { lpstatPath: join(dir, 'lpstat'), cancelPath: join(dir, 'cancel'), ipptoolPath: null, ...options });
  const cancelled = async (): Promise<string[]> =>
    (await readFile(join(dir, 'cancel.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const printer = (head: string, alerts: string, message = '') =>
    writeFile(
      join(dir, 'printer.txt'),
      `printer office ${head}\n${message ? `\t${message}\n` : ''}\tForm mounted:\n\tDescription: office\n\tAlerts: ${alerts}\n\tLocation: \n`,
    );

  it('fails a job when the printer is out of paper, and cancels it in CUPS first', async () => {
    await rm(join(dir, 'cancel.log'), { force: true });
    await printer('is idle.  enabled since Sat Nov 28 05:35:30 2026', 'media-empty-error media-needed-error', 'Media empty');
    const cups = spooler();
    expect(await cups.check()).toEqual({ ready: false, printer: 'office', reason: 'Printer office is out of paper' });
    expect(await cups.status('office-7')).toEqual({ id: 'office-7', state: 'failed', reason: 'Printer office is out of paper' });
    expect(await cancelled()).toEqual(['office-7']);
    // Overlapping polls share one look, so the job is cancelled once.
    await rm(join(dir, 'cancel.log'), { force: true });
    const fresh = spooler();
    const [a, b] = await Promise.all([fresh.status('office-7'), fresh.status('office-7')]);
    expect(a).toEqual(b);
    expect(await cancelled()).toEqual(['office-7']);
    // Asked again, the job stays failed for the same reason, and is not cancelled twice.
    expect(await cups.status('office-7')).toEqual({ id: 'office-7', state: 'failed', reason: 'Printer office is out of paper' });
    expect(await cancelled()).toEqual(['office-7']);
  });

  it('waits before calling a printer stuck at connecting-to-device offline', async () => {
    await rm(join(dir, 'cancel.log'), { force: true });
    await printer('now printing office-7.  enabled since Sat Nov 28 05:35:30 2026', 'connecting-to-device');
    expect(await spooler().check()).toEqual({ ready: true, printer: 'office' });
    expect(await spooler().status('office-7')).toEqual({ id: 'office-7', state: 'printing' });
    expect(await cancelled()).toEqual([]);
    expect(await spooler({ connectGraceMs: 0 }).status('office-7')).toEqual({
      id: 'office-7',
      state: 'failed',
      reason: 'Printer office is offline or unreachable',
    });
    expect(await cancelled()).toEqual(['office-7']);
  });

  it('reports queued and printing jobs on a working printer, and lists printers', async () => {
    await rm(join(dir, 'cancel.log'), { force: true });
    await printer('now printing office-6.  enabled since Sat Nov 28 05:35:30 2026', 'none');
    expect(await spooler().status('office-7')).toEqual({ id: 'office-7', state: 'queued' });
    await printer('now printing office-7.  enabled since Sat Nov 28 05:35:30 2026', 'none');
    expect(await spooler().status('office-7')).toEqual({ id: 'office-7', state: 'printing' });
    expect(await cancelled()).toEqual([]);
    expect(await spooler().printers()).toEqual(['office', 'kiosk-pdf']);
  });
});

const unavailable = cupsUnavailable();
if (unavailable && !process.env.CI) {
  console.warn(`Skipping the real-CUPS tests: ${unavailable}. Run .ci/setup-cups.sh as root to set up CUPS.`);
}
const realCups = unavailable && !process.env.CI ? describe.skip : describe;

realCups('CupsSpooler with a real CUPS and cups-pdf', () => {
  const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';
  const okQueue = `kiosk-test-${tag}`;
  const made = new Set<string>();
  const outDir = cupsPdfOut();
  let tempDir: string;
  let wrapperDir: string;

  /** A throwaway queue, enabled and accepting, deleted after the suite. */
  function makeQueue(name: string, device = 'cups-pdf:/'): string {
    made.add(name);
    sh('lpadmin', ['-p', name, '-v', device, '-E', '-m', PPD]);
    return name;
  }

  /** Whether CUPS still holds the job (pending, held, processing or stopped). */
  function active(queue: string, jobId: string): boolean {
    return shAll('lpstat', ['-o', queue]).split('\n').some((line) => line.split(/\s/)[0] === jobId);
  }

  async function waitUntilGone(queue: string, jobId: string): Promise<void> {
    await waitFor(`CUPS to drop ${jobId}`, async () => (active(queue, jobId) ? undefined : true), 10_000);
  }

  /** cups-pdf output files written since `since` whose text contains `text`. */
  async function pdfsWith(text: string, since: number): Promise<string[]> {
    const names = existsSync(outDir) ? await readdir(outDir) : [];
    const found: string[] = [];
    for (const name of names.filter((n) => n.endsWith('.pdf'))) {
      const path = join(outDir, name);
      try {
        if ((await stat(path)).mtimeMs < since) continue;
        if (sh('pdftotext', [path, '-']).includes(text)) found.push(path);
      } catch {
        // still being written, or removed meanwhile
      }
    }
    return found;
  }

  /** Fails if a PDF with `text` shows up within `ms`. */
  async function expectNoPdf(text: string, since: number, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      expect(await pdfsWith(text, since), `a PDF with "${text}" was printed`).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /**
   * Submits `text`, waits for `done`, and checks exactly one PDF with it came out. Counts every
   * PDF seen over time, since other tests sharing the output folder may clean it up meanwhile.
   */
  async function printsOnce(spooler: CupsSpooler, text: string): Promise<void> {
    const since = Date.now() - 1000;
    const job = await spooler.submit(doc(makePdf({ text })));
    expect(job.state, job.reason).toBe('queued');
    await waitFor(`${job.id} to finish`, async () => {
      const s = await spooler.status(job.id);
      expect(['queued', 'printing', 'done'], `${s.state}: ${s.reason}`).toContain(s.state);
      return s.state === 'done' ? s : undefined;
    });
    const seen = new Set<string>();
    const look = async () => (await pdfsWith(text, since)).forEach((path) => seen.add(path));
    await waitFor(`a PDF with "${text}" in ${outDir}`, async () => {
      await look();
      return seen.size ? true : undefined;
    });
    // Give a second copy time to appear before counting.
    for (const deadline = Date.now() + 2000; Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await look();
    }
    expect([...seen]).toHaveLength(1);
    await Promise.all([...seen].map((path) => rm(path, { force: true })));
  }

  beforeAll(async () => {
    // In CI CUPS is part of the setup: its absence is a failure, not a reason to skip.
    if (unavailable) throw new Error(`CI needs CUPS for these tests: ${unavailable}`);
    makeQueue(okQueue);
    tempDir = await mkdtemp(join(tmpdir(), 'kiosk-cups-spool-'));
    // Commands that talk to a server that is not there: the real "CUPS is down" output.
    wrapperDir = await mkdtemp(join(tmpdir(), 'kiosk-cups-down-'));
    for (const cmd of ['lp', 'lpstat', 'cancel']) {
      const path = join(wrapperDir, cmd);
      await writeFile(path, `#!/bin/sh\nCUPS_SERVER=${join(wrapperDir, 'no-cups.sock')} exec ${cmd} "$@"\n`);
      await chmod(path, 0o755);
    }
  }, 30_000);

  afterAll(async () => {
    for (const queue of made) {
      try {
        sh('lpadmin', ['-x', queue]); // also drops the queue's jobs
      } catch {
        // already deleted by its test
      }
    }
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    if (wrapperDir) await rm(wrapperDir, { recursive: true, force: true });
  });

  it('prints a PDF that cups-pdf writes out with its text', async () => {
    const spooler = new CupsSpooler(okQueue, { tempDir });
    expect(await spooler.check()).toEqual({ ready: true, printer: okQueue });

    const text = marker('spooler test');
    const pdf = makePdf({ text });
    // The test's own PDF must be sound before blaming the spooler.
    const local = join(tempDir, 'source.pdf');
    await writeFile(local, pdf);
    expect(sh('pdftotext', [local, '-'])).toContain(text);
    await rm(local);

    const since = Date.now() - 1000;
    const job = await spooler.submit(doc(pdf, { title: `Kiosk\u0007 print\n${tag}` }));
    expect(job.state, job.reason).toBe('queued');
    expect(job.id).toMatch(new RegExp(`^${okQueue}-\\d+$`));
    expect(await readdir(tempDir)).toEqual([]); // the temp copy is gone once lp returns

    const finished = await waitFor('the job to finish', async () => {
      const s = await spooler.status(job.id);
      expect(['queued', 'printing', 'done'], `${s.state}: ${s.reason}`).toContain(s.state);
      return s.state === 'done' ? s : undefined;
    });
    expect(finished).toEqual({ id: job.id, state: 'done' });
    // A new spooler (a host restart) sees the same.
    expect(await new CupsSpooler(okQueue).status(job.id)).toEqual({ id: job.id, state: 'done' });
    expect(await new CupsSpooler(okQueue, { ipptoolPath: null }).status(job.id)).toEqual({ id: job.id, state: 'done' });

    const output = await waitFor(`a PDF with "${text}" in ${outDir}`, async () => (await pdfsWith(text, since))[0]);
    await rm(output, { force: true });
  }, 90_000);

  it('lists the CUPS queues', async () => {
    const names = await new CupsSpooler(okQueue).printers();
    expect(names).toContain(okQueue);
    expect(names.every((name) => !name.includes('/'))).toBe(true);
  });

  it('says a job it does not know was not found', async () => {
    const spooler = new CupsSpooler(okQueue);
    const id = `${okQueue}-999999999`;
    expect(await spooler.status(id)).toEqual({ id, state: 'failed', reason: `Job ${id} not found in CUPS` });
    await expect(spooler.cancel(id)).resolves.toBeUndefined();
  });

  it('reports a printer that does not exist', async () => {
    const name = `kiosk-nosuch-${tag}`;
    const spooler = new CupsSpooler(name, { tempDir });
    const job = await spooler.submit(doc(makePdf({ text: 'x' })));
    expect(job.state).toBe('failed');
    expect(job.id).toMatch(/^none-\d+$/);
    expect(job.reason).toBe(`Printer ${name} does not exist`);
    expect(await spooler.check()).toEqual({ ready: false, printer: name, reason: `Printer ${name} does not exist` });
    expect((await spooler.status(`${name}-1`)).reason).toBe(`Printer ${name} no longer exists`);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('fails a job on a stopped queue, cancels it, and prints only the retry once the queue is enabled', async () => {
    const queue = makeQueue(`kiosk-test-${tag}-off`);
    sh('cupsdisable', ['-r', 'kiosk test stop', queue]);
    const spooler = new CupsSpooler(queue, { tempDir });
    expect(await spooler.check()).toEqual({ ready: false, printer: queue, reason: `Printer ${queue} is stopped (kiosk test stop)` });

    const since = Date.now() - 1000;
    const lost = marker('stopped');
    const job = await spooler.submit(doc(makePdf({ text: lost })));
    expect(job.state, job.reason).toBe('queued'); // a stopped queue still accepts jobs
    const reason = `Printer ${queue} is stopped (kiosk test stop)`;
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason });
    await waitUntilGone(queue, job.id);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason });
    // After a host restart the spooler no longer remembers why, but CUPS knows it did not print.
    if (hasIpptool()) {
      expect(await new CupsSpooler(queue).status(job.id)).toEqual({
        id: job.id,
        state: 'failed',
        reason: 'The job was cancelled in CUPS before it printed',
      });
    }

    sh('cupsenable', [queue]);
    expect(await spooler.check()).toEqual({ ready: true, printer: queue });
    await expectNoPdf(lost, since);
    await printsOnce(spooler, marker('stopped retry'));
  }, 90_000);

  it('fails a submit to a queue that rejects jobs', async () => {
    const queue = makeQueue(`kiosk-test-${tag}-rej`);
    sh('cupsreject', ['-r', 'kiosk test reject', queue]);
    const spooler = new CupsSpooler(queue, { tempDir });
    const reason = `Printer ${queue} is not accepting jobs (kiosk test reject)`;
    expect(await spooler.check()).toEqual({ ready: false, printer: queue, reason });
    const job = await spooler.submit(doc(makePdf({ text: 'x' })));
    expect(job).toMatchObject({ state: 'failed', reason });
    expect(job.id).toMatch(/^none-\d+$/);
    expect(await readdir(tempDir)).toEqual([]);

    sh('cupsaccept', [queue]);
    await printsOnce(spooler, marker('rejecting retry'));
  }, 90_000);

  it('fails a job whose queue was deleted', async () => {
    const queue = makeQueue(`kiosk-test-${tag}-del`);
    sh('cupsdisable', [queue]);
    const spooler = new CupsSpooler(queue, { tempDir });
    const job = await spooler.submit(doc(makePdf({ text: marker('deleted') })));
    expect(job.state, job.reason).toBe('queued');
    sh('lpadmin', ['-x', queue]);
    made.delete(queue);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: `Printer ${queue} no longer exists` });
    expect(shAll('lpstat', ['-o'])).not.toContain(job.id);
    expect(await spooler.check()).toEqual({ ready: false, printer: queue, reason: `Printer ${queue} does not exist` });
    await expect(spooler.cancel(job.id)).resolves.toBeUndefined();
    expect(await spooler.printers()).not.toContain(queue);
  });

  it('fails a job whose printer cannot be reached, cancels it, and prints only the retry once fixed', async () => {
    const port = await refusedPort();
    const queue = makeQueue(`kiosk-test-${tag}-sock`, `socket://127.0.0.1:${port}`);
    const spooler = new CupsSpooler(queue, { tempDir });
    const since = Date.now() - 1000;
    const lost = marker('offline');
    const job = await spooler.submit(doc(makePdf({ text: lost })));
    expect(job.state, job.reason).toBe('queued');

    const failed = await waitFor(
      `${job.id} to fail`,
      async () => {
        const s = await spooler.status(job.id);
        if (s.state === 'failed') return s;
        expect(['queued', 'printing'], `${s.state}: ${s.reason}`).toContain(s.state);
        return undefined;
      },
      30_000,
    );
    expect(failed).toEqual({ id: job.id, state: 'failed', reason: `Printer ${queue} is offline or unreachable` });
    await waitUntilGone(queue, job.id);

    // The fix: point the queue at a working device.
    sh('lpadmin', ['-p', queue, '-v', 'cups-pdf:/']);
    sh('cupsenable', [queue]);
    await printsOnce(spooler, marker('offline retry'));
    await expectNoPdf(lost, since, 2_000);
  }, 120_000);

  it('fails a job that CUPS stops with an error, and takes it out of the queue', async () => {
    const queue = makeQueue(`kiosk-test-${tag}-bad`);
    const spooler = new CupsSpooler(queue, { tempDir });
    const job = await spooler.submit(doc(new TextEncoder().encode('%PDF-1.4\nnot really a PDF\n')));
    expect(job.state, job.reason).toBe('queued');
    const failed = await waitFor(`${job.id} to fail`, async () => {
      const s = await spooler.status(job.id);
      if (s.state === 'failed') return s;
      expect(['queued', 'printing'], `${s.state}: ${s.reason}`).toContain(s.state);
      return undefined;
    });
    expect(failed.reason).toMatch(new RegExp(`^Printer ${queue} could not print the job`));
    await waitUntilGone(queue, job.id);
    expect(await spooler.check()).toEqual({ ready: true, printer: queue });
  }, 60_000);

  it('cancels a waiting job so it never prints', async () => {
    const queue = makeQueue(`kiosk-test-${tag}-can`);
    sh('cupsdisable', [queue]);
    const spooler = new CupsSpooler(queue, { tempDir });
    const since = Date.now() - 1000;
    const text = marker('cancelled');
    const job = await spooler.submit(doc(makePdf({ text })));
    expect(job.state, job.reason).toBe('queued');
    expect(active(queue, job.id)).toBe(true);

    await spooler.cancel(job.id);
    await waitUntilGone(queue, job.id);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'failed', reason: 'The job was cancelled' });
    await expect(spooler.cancel(job.id)).resolves.toBeUndefined(); // already cancelled: fine
    sh('cupsenable', [queue]);
    await expectNoPdf(text, since, 3_000);
  }, 60_000);

  it.skipIf(!hasIpptool())('reports a job cancelled in CUPS by someone else as not printed', async () => {
    const queue = makeQueue(`kiosk-test-${tag}-ext`);
    sh('cupsdisable', [queue]);
    const spooler = new CupsSpooler(queue, { tempDir });
    const job = await spooler.submit(doc(makePdf({ text: marker('external') })));
    expect(job.state, job.reason).toBe('queued');
    sh('cancel', [job.id]);
    await waitUntilGone(queue, job.id);
    expect(await spooler.status(job.id)).toEqual({
      id: job.id,
      state: 'failed',
      reason: 'The job was cancelled in CUPS before it printed',
    });
  });

  it('says CUPS is not running when the scheduler cannot be reached', async () => {
    const spooler = new CupsSpooler(okQueue, {
      lpPath: join(wrapperDir, 'lp'),
      lpstatPath: join(wrapperDir, 'lpstat'),
      cancelPath: join(wrapperDir, 'cancel'),
      tempDir,
    });
    expect(await spooler.check()).toEqual({ ready: false, printer: okQueue, reason: 'CUPS is not running' });
    expect((await spooler.status(`${okQueue}-1`)).reason).toBe('CUPS is not running');
    expect(await spooler.printers()).toEqual([]);
    await expect(spooler.cancel(`${okQueue}-1`)).resolves.toBeUndefined();
    const job = await spooler.submit(doc(makePdf({ text: 'x' })));
    expect(job.state).toBe('failed');
    expect(job.reason).toContain('CUPS is not running');
  });
});
