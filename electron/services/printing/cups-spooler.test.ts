import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CupsSpooler } from './cups-spooler';
import type { PrintDocument } from './print-spooler';
import { makePdf } from '../../testing/make-pdf';

// CupsSpooler without a CUPS: missing commands, bad input, and faults a test machine cannot
// make for real (no paper to run out of), replayed through stand-in commands that print what
// CUPS prints. With a real CUPS: cups-spooler-cups.test.ts.

/** A document as the print service hands it over. */
function doc(pdf: Uint8Array, overrides: Partial<PrintDocument> = {}): PrintDocument {
  return { pdf, pagePath: '/print.html?kind=test', title: 'Kiosk print', copies: 1, paper: 'Letter', key: 'f00df00df00df00df00df00d', ...overrides };
}
const sent = async (): Promise<void> => {};

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
    const job = await spooler.submit(doc(makePdf({ text: 'x' })), sent);
    expect(job.state).toBe('failed');
    expect(job.id).toMatch(/^none-\d+$/);
    expect(job.reason).toContain('lp not found');
    expect(await spooler.check()).toEqual({ ready: false, printer: 'nowhere', reason: 'lpstat not found' });
    // A job it cannot ask about is not failed: it may still print.
    expect(await spooler.status('nowhere-1')).toMatchObject({ state: 'unknown', settles: true, reason: expect.stringContaining('lpstat not found') });
    expect(await spooler.printers()).toEqual([]);
    await expect(spooler.cancel('nowhere-1')).resolves.toBe(false);
  });

  it('gives up on an lp that hangs, and never records a job from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-cups-test-'));
    try {
      const slowLp = join(dir, 'lp');
      await writeFile(slowLp, '#!/bin/sh\nexec sleep 5\n');
      await chmod(slowLp, 0o755);
      const spooler = new CupsSpooler('nowhere', { lpPath: slowLp, lpstatPath: '/nonexistent/lpstat', timeoutMs: 300 });
      const recorded: string[] = [];
      const job = await spooler.submit(doc(makePdf({ text: 'x' })), async (id) => void recorded.push(id));
      expect(job.state).toBe('failed');
      expect(job.reason).toContain('did not answer');
      expect(recorded).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses bad job ids, bad copies and empty documents', async () => {
    const spooler = new CupsSpooler('kiosk', { lpPath: '/nonexistent/lp', lpstatPath: '/nonexistent/lpstat', cancelPath: '/nonexistent/cancel' });
    for (const id of ['kiosk', 'kiosk-', 'kiosk-1x', '-1', 'kiosk-1 ; x', 'a b-1']) {
      expect(await spooler.status(id)).toEqual({ id, state: 'failed', reason: 'Invalid job id' });
      // Not a CUPS job id: nothing of it can be printing anywhere.
      await expect(spooler.cancel(id)).resolves.toBe(true);
    }
    // Another queue's job (sent before the config named this printer) is still followed, not refused.
    expect(await spooler.status('other-1')).toMatchObject({ state: 'unknown', settles: true });
    expect((await spooler.status('none-3')).state).toBe('failed');
    for (const copies of [0, -1, 1.5, 1000]) {
      const job = await spooler.submit(doc(makePdf({ text: 'x' }), { copies }), sent);
      expect(job.state).toBe('failed');
      expect(job.reason).toContain('copies');
    }
    const empty = await spooler.submit(doc(new Uint8Array()), sent);
    expect(empty).toMatchObject({ state: 'failed', reason: 'Cannot print: the document is empty' });
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
      '  "-l -o") cat "$D/active.txt" ;;',
      '  "-l -p "*) cat "$D/printer.txt" ;;',
      '  "-a "*) cat "$D/accepting.txt" ;;',
      '  "-v "*) cat "$D/device.txt" ;;',
      '  "-l -W completed -o") cat "$D/completed.txt" ;;',
      '  "-r") echo "scheduler is running" ;;',
      '  "-e") printf "office\\nkiosk-pdf\\n" ;;',
      '  *) echo "lpstat: unexpected $*" >&2; exit 1 ;;',
      'esac',
    ].join('\n');
    await writeFile(join(dir, 'lpstat'), `${lpstat}\n`);
    await writeFile(join(dir, 'cancel'), `#!/bin/sh\necho "$*" >> '${dir}/cancel.log'\n`);
    await writeFile(join(dir, 'lp'), `#!/bin/sh\necho "$*" >> '${dir}/lp.log'\n`);
    await chmod(join(dir, 'lp'), 0o755);
    await chmod(join(dir, 'lpstat'), 0o755);
    await chmod(join(dir, 'cancel'), 0o755);
    await writeFile(join(dir, 'accepting.txt'), 'office accepting requests since Sat Nov 28 05:35:30 2026\n');
    await writeFile(join(dir, 'completed.txt'), '');
    await writeFile(join(dir, 'device.txt'), 'device for office: usb://Brother/HL?serial=1\n');
    await writeFile(join(dir, 'active.txt'), 'office-7   kiosk   48128   Sat Nov 28 05:39:55 2026\n\tAlerts: none\n\tqueued for office\n');
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const spooler = (options: { connectGraceMs?: number } = {}) =>
    new CupsSpooler('office', { lpPath: join(dir, 'lp'), lpstatPath: join(dir, 'lpstat'), cancelPath: join(dir, 'cancel'), ipptoolPath: null, ...options });
  const cancelled = async (): Promise<string[]> => (await readFile(join(dir, 'cancel.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
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

  it('lets a held job go: one the kiosk sent (lp -H hold) but whose go-ahead never arrived', async () => {
    await rm(join(dir, 'lp.log'), { force: true });
    await writeFile(join(dir, 'active.txt'), 'office-8   kiosk   1024   Thu Dec  3 14:13:15 2026\n\tAlerts: job-hold-until-specified\n\tqueued for office\n');
    try {
      expect(await spooler().status('office-8')).toEqual({ id: 'office-8', state: 'queued' });
      expect(await readFile(join(dir, 'lp.log'), 'utf8')).toBe('-i office-8 -H resume\n');
    } finally {
      await writeFile(join(dir, 'active.txt'), 'office-7   kiosk   48128   Sat Nov 28 05:39:55 2026\n\tAlerts: none\n\tqueued for office\n');
    }
  });

  it('keeps a job that cannot print but cannot be taken out of the queue unknown, not failed, until it can', async () => {
    await printer('is idle.  enabled since Sat Nov 28 05:35:30 2026', 'media-empty-error', 'Media empty');
    const stuck = new CupsSpooler('office', { lpstatPath: join(dir, 'lpstat'), cancelPath: '/bin/false', ipptoolPath: null });
    expect(await stuck.status('office-7')).toEqual({
      id: 'office-7',
      state: 'unknown',
      settles: true,
      reason:
        'Printer office is out of paper, and the kiosk could not take the job out of the print queue yet: the job may still print; the kiosk will ask again',
    });
    expect(await stuck.cancel('office-7')).toBe(false);
  });

  it('says a device that cannot be asked is not ready after a job failed to reach it, until a print gets through', async () => {
    await rm(join(dir, 'cancel.log'), { force: true });
    await printer('now printing office-7.  enabled since Sat Nov 28 05:35:30 2026', 'none', 'Unable to connect to printer; will retry in 30 seconds.');
    const cups = spooler();
    expect(await cups.status('office-7')).toMatchObject({ state: 'failed', reason: 'Printer office is offline or unreachable' });
    // CUPS calls the queue idle again, but the kiosk remembers why the last print failed.
    await printer('is idle.  enabled since Sat Nov 28 05:35:30 2026', 'none');
    expect(await cups.check()).toEqual({
      ready: false,
      printer: 'office',
      reason: 'Printer office is offline or unreachable: the last print could not reach it (print a test page to check)',
    });
    // A job that printed (the test page) clears it.
    await writeFile(join(dir, 'active.txt'), '');
    await writeFile(join(dir, 'completed.txt'), 'office-9   kiosk   1024   Sat Nov 28 05:41:00 2026\n\tAlerts: processing-to-stop-point\n');
    try {
      expect(await cups.status('office-9')).toEqual({ id: 'office-9', state: 'done' });
      expect(await cups.check()).toEqual({ ready: true, printer: 'office' });
    } finally {
      await writeFile(join(dir, 'completed.txt'), '');
      await writeFile(join(dir, 'active.txt'), 'office-7   kiosk   48128   Sat Nov 28 05:39:55 2026\n\tAlerts: none\n\tqueued for office\n');
    }
  });
});
