import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { homedir, tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CupsSpooler } from './cups-spooler';

// Real CUPS with a cups-pdf queue: set up with `.ci/setup-cups.sh` (as root).

const env = { ...process.env, LANG: 'C', LC_ALL: 'C' };
const sh = (cmd: string, args: string[]): string =>
  execFileSync(cmd, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 15_000 });

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

/** A one-page PDF showing `text` in Helvetica, built by hand with an exact xref table. */
function makePdf(text: string): Uint8Array {
  const content = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body); // ASCII only, so string offsets are byte offsets
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

const options = { title: 'Kiosk spooler test', copies: 1, paper: 'Letter' as const };
const tag = randomBytes(4).toString('hex');

describe('CupsSpooler without CUPS', () => {
  it('rejects printer names that are not CUPS queue names', () => {
    for (const name of ['', '-d', 'a b', 'a/b', 'ok;rm', 'x'.repeat(128), 'é']) {
      expect(() => new CupsSpooler(name)).toThrow(/Invalid CUPS printer name/);
    }
    expect(new CupsSpooler('Office_Printer-2.1').kind).toBe('cups');
    expect(() => new CupsSpooler('x'.repeat(127))).not.toThrow();
  });

  it('says lp and lpstat are missing instead of throwing', async () => {
    const spooler = new CupsSpooler('nowhere', { lpPath: '/nonexistent/lp', lpstatPath: '/nonexistent/lpstat' });
    const job = await spooler.submit(makePdf('x'), options);
    expect(job.state).toBe('failed');
    expect(job.id).toMatch(/^none-\d+$/);
    expect(job.reason).toContain('lp not found');
    expect(await spooler.check()).toEqual({ ready: false, reason: 'lpstat not found' });
    expect((await spooler.status('nowhere-1')).reason).toBe('lpstat not found');
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
      const job = await spooler.submit(makePdf('x'), options);
      expect(job.state).toBe('failed');
      expect(job.reason).toContain('did not answer');
      expect(await readdir(temp)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad job ids and bad copies', async () => {
    const spooler = new CupsSpooler('kiosk', { lpPath: '/nonexistent/lp', lpstatPath: '/nonexistent/lpstat' });
    for (const id of ['kiosk', 'kiosk-', 'kiosk-1x', 'other-1', '-1', 'kiosk-1 ; x']) {
      expect(await spooler.status(id)).toEqual({ id, state: 'failed', reason: 'Invalid job id' });
    }
    expect((await spooler.status('none-3')).state).toBe('failed');
    for (const copies of [0, -1, 1.5, 1000]) {
      const job = await spooler.submit(makePdf('x'), { ...options, copies });
      expect(job.state).toBe('failed');
      expect(job.reason).toContain('copies');
    }
  });
});

const unavailable = cupsUnavailable();
if (unavailable && !process.env.CI) {
  console.warn(`Skipping the real-CUPS tests: ${unavailable}. Run .ci/setup-cups.sh as root to set up CUPS.`);
}
const realCups = unavailable && !process.env.CI ? describe.skip : describe;

realCups('CupsSpooler with a real CUPS and cups-pdf', () => {
  const queues = {
    ok: `kiosk-test-${tag}`,
    disabled: `kiosk-test-${tag}-off`,
    rejecting: `kiosk-test-${tag}-rej`,
  };
  const outDir = cupsPdfOut();
  let tempDir: string;
  let wrapperDir: string;

  beforeAll(async () => {
    // In CI CUPS is part of the setup: its absence is a failure, not a reason to skip.
    if (unavailable) throw new Error(`CI needs CUPS for these tests: ${unavailable}`);
    for (const queue of Object.values(queues)) {
      sh('lpadmin', ['-p', queue, '-v', 'cups-pdf:/', '-E', '-m', 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd']);
    }
    sh('cupsdisable', ['-r', 'kiosk test stop', queues.disabled]);
    sh('cupsreject', ['-r', 'kiosk test reject', queues.rejecting]);
    tempDir = await mkdtemp(join(tmpdir(), 'kiosk-cups-spool-'));
    // lp/lpstat that talk to a server that is not there: the real "CUPS is down" output.
    wrapperDir = await mkdtemp(join(tmpdir(), 'kiosk-cups-down-'));
    for (const cmd of ['lp', 'lpstat']) {
      const path = join(wrapperDir, cmd);
      await writeFile(path, `#!/bin/sh\nCUPS_SERVER=${join(wrapperDir, 'no-cups.sock')} exec ${cmd} "$@"\n`);
      await chmod(path, 0o755);
    }
  }, 30_000);

  afterAll(async () => {
    for (const queue of Object.values(queues)) {
      try {
        sh('lpadmin', ['-x', queue]); // also drops the queue's jobs
      } catch {
        // the queue was never made
      }
    }
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
    if (wrapperDir) await rm(wrapperDir, { recursive: true, force: true });
  });

  it('prints a PDF that cups-pdf writes out with its text', async () => {
    const spooler = new CupsSpooler(queues.ok, { tempDir });
    expect(await spooler.check()).toEqual({ ready: true });

    const marker = `Kiosk spooler test ${tag}${randomBytes(3).toString('hex')}`;
    const pdf = makePdf(marker);
    // The test's own PDF must be sound before blaming the spooler.
    const local = join(tempDir, 'source.pdf');
    await writeFile(local, pdf);
    expect(sh('pdftotext', [local, '-'])).toContain(marker);
    await rm(local);

    const startedAt = Date.now() - 1000;
    const job = await spooler.submit(pdf, { title: `Flu\u0007 and\ncolds ${tag}`, copies: 1, paper: 'Letter' });
    expect(job.state, job.reason).toBe('queued');
    expect(job.id).toMatch(new RegExp(`^${queues.ok}-\\d+$`));
    expect(await readdir(tempDir)).toEqual([]); // the temp copy is gone once lp returns

    const finished = await waitFor('the job to finish', async () => {
      const s = await spooler.status(job.id);
      expect(['queued', 'printing', 'done'], s.reason).toContain(s.state);
      return s.state === 'done' ? s : undefined;
    });
    expect(finished).toEqual({ id: job.id, state: 'done' });

    const output = await waitFor(`a PDF with "${marker}" in ${outDir}`, async () => {
      const names = existsSync(outDir) ? await readdir(outDir) : [];
      for (const name of names.filter((n) => n.endsWith('.pdf'))) {
        const path = join(outDir, name);
        if ((await stat(path)).mtimeMs < startedAt) continue;
        try {
          if (sh('pdftotext', [path, '-']).includes(marker)) return path;
        } catch {
          // still being written
        }
      }
      return undefined;
    });
    await rm(output, { force: true });
  }, 90_000);

  it('says a job it does not know was not found', async () => {
    const spooler = new CupsSpooler(queues.ok);
    expect(await spooler.status(`${queues.ok}-999999999`)).toEqual({
      id: `${queues.ok}-999999999`,
      state: 'failed',
      reason: 'job not found',
    });
  });

  it('reports a printer that does not exist', async () => {
    const name = `kiosk-nosuch-${tag}`;
    const spooler = new CupsSpooler(name, { tempDir });
    const job = await spooler.submit(makePdf('x'), options);
    expect(job.state).toBe('failed');
    expect(job.id).toMatch(/^none-\d+$/);
    expect(job.reason).toContain('The printer or class does not exist');
    expect(await spooler.check()).toEqual({ ready: false, reason: `Printer ${name} does not exist` });
    expect((await spooler.status(`${name}-1`)).reason).toBe(`Printer ${name} does not exist`);
    expect(await readdir(tempDir)).toEqual([]);
  });

  it('reports a stopped printer, and its waiting jobs as failed', async () => {
    const spooler = new CupsSpooler(queues.disabled, { tempDir });
    const check = await spooler.check();
    expect(check.ready).toBe(false);
    expect(check.reason).toContain(`Printer ${queues.disabled} is stopped`);

    const job = await spooler.submit(makePdf('x'), options);
    expect(job.state, job.reason).toBe('queued'); // a stopped queue still accepts jobs
    expect(await spooler.status(job.id)).toEqual({
      id: job.id,
      state: 'failed',
      reason: `Printer ${queues.disabled} is stopped (disabled)`,
    });
  });

  it('reports a queue that rejects jobs', async () => {
    const spooler = new CupsSpooler(queues.rejecting, { tempDir });
    expect(await spooler.check()).toEqual({ ready: false, reason: `Printer ${queues.rejecting} is not accepting jobs` });
    const job = await spooler.submit(makePdf('x'), options);
    expect(job.state).toBe('failed');
    expect(job.reason).toContain('not accepting jobs');
  });

  it('says CUPS is not running when the scheduler cannot be reached', async () => {
    const spooler = new CupsSpooler(queues.ok, {
      lpPath: join(wrapperDir, 'lp'),
      lpstatPath: join(wrapperDir, 'lpstat'),
      tempDir,
    });
    expect(await spooler.check()).toEqual({ ready: false, reason: 'CUPS is not running' });
    expect((await spooler.status(`${queues.ok}-1`)).reason).toBe('CUPS is not running');
    const job = await spooler.submit(makePdf('x'), options);
    expect(job.state).toBe('failed');
    expect(job.reason).toContain('CUPS is not running');
  });
});
