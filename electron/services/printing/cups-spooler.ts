import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PrintSpooler, PrinterCheck, SpoolJob, SpoolOptions } from './print-spooler';

const execFileAsync = promisify(execFile);

/** CUPS allows more, but this set needs no quoting anywhere and cannot look like an option. */
const PRINTER_NAME = /^(?!-)[A-Za-z0-9_.-]{1,127}$/;
const MAX_TITLE_LENGTH = 100;
const MAX_COPIES = 999;

/** Options for {@link CupsSpooler}; the defaults suit a standard Linux CUPS install. */
export interface CupsSpoolerOptions {
  /** `lp` command (default `lp`, found on PATH). */
  lpPath?: string;
  /** `lpstat` command (default `lpstat`, found on PATH). */
  lpstatPath?: string;
  /** Parent folder for the short-lived copy of each PDF (default `os.tmpdir()`). */
  tempDir?: string;
  /** Time limit for each `lp`/`lpstat` run (default 10 000 ms). */
  timeoutMs?: number;
}

/** What a command did; `code` is the exit status, or an error code such as `ENOENT` or `ETIMEDOUT`. */
interface RunResult {
  stdout: string;
  stderr: string;
  code: number | string;
}

/**
 * Prints through the local CUPS with the `lp` and `lpstat` commands (run without a shell, with
 * `LANG=C` so their output can be parsed).
 *
 * Limit: `lpstat -W completed` lists cancelled and aborted jobs too, and does not say which, so
 * a job cancelled by staff reports `done`.
 */
export class CupsSpooler implements PrintSpooler {
  readonly kind = 'cups' as const;
  private readonly lpPath: string;
  private readonly lpstatPath: string;
  private readonly tempDir: string | undefined;
  private readonly timeoutMs: number;
  /** Numbers the ids of jobs that never reached CUPS, so each failure has its own id. */
  private failures = 0;

  /** @throws Error when `printer` is not a valid CUPS queue name. */
  constructor(
    private readonly printer: string,
    options: CupsSpoolerOptions = {},
  ) {
    if (!PRINTER_NAME.test(printer)) {
      throw new Error(
        `Invalid CUPS printer name ${JSON.stringify(printer)}: use 1-127 letters, digits, "_", "." or "-", not starting with "-"`,
      );
    }
    this.lpPath = options.lpPath ?? 'lp';
    this.lpstatPath = options.lpstatPath ?? 'lpstat';
    this.tempDir = options.tempDir;
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async submit(pdf: Uint8Array, options: SpoolOptions): Promise<SpoolJob> {
    const { copies, paper } = options;
    if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
      return this.failed(`Cannot print: copies must be a whole number from 1 to ${MAX_COPIES}`);
    }
    if (paper !== 'Letter' && paper !== 'A4') return this.failed('Cannot print: paper must be Letter or A4');

    let dir: string;
    try {
      dir = await mkdtemp(join(this.tempDir ?? tmpdir(), 'kiosk-print-'));
    } catch (error) {
      return this.failed(`Cannot print: no temporary folder (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      const file = join(dir, 'document.pdf');
      await writeFile(file, pdf, { mode: 0o600 });
      const result = await this.run(this.lpPath, [
        '-d', this.printer,
        '-n', String(copies),
        '-t', sanitizeTitle(options.title),
        '-o', `media=${paper}`,
        '--', file,
      ]);
      if (result.code !== 0) return this.failed(await this.lpFailure(result));
      const id = /request id is (\S+)/.exec(result.stdout)?.[1];
      if (!id || !this.isJobId(id)) {
        return this.failed(`Cannot print to ${this.printer}: lp gave no job id (${firstLine(result.stdout) || 'no output'})`);
      }
      return { id, state: 'queued' };
    } catch (error) {
      return this.failed(`Cannot print: ${(error as Error).message}`);
    } finally {
      // lp has sent the data to the CUPS spool by the time it exits: the copy is not needed.
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  async status(jobId: string): Promise<SpoolJob> {
    if (/^none-\d+$/.test(jobId)) return { id: jobId, state: 'failed', reason: 'job never reached CUPS' };
    if (!this.isJobId(jobId)) return { id: jobId, state: 'failed', reason: 'Invalid job id' };

    // Active list first: a job that finishes between the two calls then shows in the completed one.
    const active = await this.run(this.lpstatPath, ['-o', this.printer]);
    if (active.code !== 0) return { id: jobId, state: 'failed', reason: await this.lpstatFailure(active) };
    if (listsJob(active.stdout, jobId)) {
      const printer = await this.run(this.lpstatPath, ['-p', this.printer]);
      const line = printerLine(printer.stdout, this.printer);
      if (/\bdisabled\b/.test(line)) {
        return { id: jobId, state: 'failed', reason: `Printer ${this.printer} is stopped (disabled)` };
      }
      return { id: jobId, state: line.includes(`now printing ${jobId}.`) ? 'printing' : 'queued' };
    }

    const completed = await this.run(this.lpstatPath, ['-W', 'completed', '-o', this.printer]);
    if (completed.code !== 0) return { id: jobId, state: 'failed', reason: await this.lpstatFailure(completed) };
    if (listsJob(completed.stdout, jobId)) return { id: jobId, state: 'done' };
    return { id: jobId, state: 'failed', reason: 'job not found' };
  }

  async check(): Promise<PrinterCheck> {
    const [printer, accepting] = await Promise.all([
      this.run(this.lpstatPath, ['-p', this.printer]),
      this.run(this.lpstatPath, ['-a', this.printer]),
    ]);
    if (printer.code !== 0) return { ready: false, reason: await this.lpstatFailure(printer) };
    if (accepting.code !== 0) return { ready: false, reason: await this.lpstatFailure(accepting) };

    const reasons: string[] = [];
    const state = printerLine(printer.stdout, this.printer);
    if (/\bdisabled\b/.test(state)) {
      // cupsdisable -r or the backend leaves its message on the next, indented line.
      const message = detailLine(printer.stdout, this.printer);
      reasons.push(`Printer ${this.printer} is stopped${message ? ` (${message})` : ''}`);
    } else if (!/\b(is idle|now printing)\b/.test(state)) {
      reasons.push(`Printer ${this.printer} is in an unknown state: ${state || 'no answer'}`);
    }
    const accepts = firstLineStarting(accepting.stdout, `${this.printer} `);
    if (!/^\S+ accepting requests/.test(accepts)) reasons.push(`Printer ${this.printer} is not accepting jobs`);

    return reasons.length ? { ready: false, reason: reasons.join('; ') } : { ready: true };
  }

  /** Runs a command without a shell and never throws: failures come back in `code`/`stderr`. */
  private async run(cmd: string, args: string[]): Promise<RunResult> {
    try {
      const { stdout, stderr } = await execFileAsync(cmd, args, {
        timeout: this.timeoutMs,
        maxBuffer: 1024 * 1024,
        encoding: 'utf8',
        // LC_ALL would override LANG, so set both: the parsing below expects English.
        env: { ...process.env, LANG: 'C', LC_ALL: 'C' },
      });
      return { stdout, stderr, code: 0 };
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string; killed?: boolean; signal?: string };
      // Exit status (number), spawn/buffer error (string), else killed by our timeout or a signal.
      const raw = e.code as number | string | null | undefined;
      const code = raw ?? (e.killed ? 'ETIMEDOUT' : (e.signal ?? 'error'));
      return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', code };
    }
  }

  private async schedulerRunning(): Promise<boolean> {
    const result = await this.run(this.lpstatPath, ['-r']);
    return result.code === 0 && result.stdout.includes('scheduler is running');
  }

  /** Staff-facing reason for a failed `lp`. */
  private async lpFailure(result: RunResult): Promise<string> {
    if (result.code === 'ENOENT') return 'Cannot print: lp not found (is CUPS installed?)';
    if (result.code === 'ETIMEDOUT') return `Cannot print: lp did not answer within ${this.seconds()} s`;
    const detail = firstLine(result.stderr) || `lp exited with ${result.code}`;
    // With no scheduler lp claims the printer does not exist: say what is really wrong.
    if (!(await this.schedulerRunning())) return `Cannot print: CUPS is not running (${detail})`;
    return `Cannot print to ${this.printer}: ${detail}`;
  }

  /** Staff-facing reason for a failed `lpstat` about this printer. */
  private async lpstatFailure(result: RunResult): Promise<string> {
    if (result.code === 'ENOENT') return 'lpstat not found';
    if (result.code === 'ETIMEDOUT') return `CUPS did not answer within ${this.seconds()} s`;
    const detail = firstLine(result.stderr);
    // lpstat says "Invalid destination" both for a missing printer and for an unreachable
    // scheduler, so ask the scheduler before blaming the printer.
    if (/unable to connect|scheduler is not running|connection refused/i.test(detail) || !(await this.schedulerRunning())) {
      return 'CUPS is not running';
    }
    if (/invalid destination|does not exist|unknown destination/i.test(detail)) {
      return `Printer ${this.printer} does not exist`;
    }
    return `Printer ${this.printer}: ${detail || `lpstat exited with ${result.code}`}`;
  }

  private failed(reason: string): SpoolJob {
    return { id: `none-${++this.failures}`, state: 'failed', reason };
  }

  private isJobId(id: string): boolean {
    return id.startsWith(`${this.printer}-`) && /^\d+$/.test(id.slice(this.printer.length + 1));
  }

  private seconds(): number {
    return Math.round(this.timeoutMs / 100) / 10;
  }
}

/** Control characters could break the queue listing; CUPS titles are short anyway. */
function sanitizeTitle(title: string): string {
  const clean = title
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...clean].slice(0, MAX_TITLE_LENGTH).join('').trim() || 'Kiosk print';
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}

/** lpstat job lines start with the job id then whitespace; detail lines start with whitespace. */
function listsJob(stdout: string, jobId: string): boolean {
  return stdout.split('\n').some((line) => /^(\S+)\s/.exec(line)?.[1] === jobId || line.trim() === jobId);
}

function firstLineStarting(stdout: string, prefix: string): string {
  return stdout.split('\n').find((line) => line.startsWith(prefix)) ?? '';
}

/** The `printer NAME ...` line of `lpstat -p NAME`. */
function printerLine(stdout: string, printer: string): string {
  return firstLineStarting(stdout, `printer ${printer} `);
}

/** The indented message after the `printer NAME ...` line, if any. */
function detailLine(stdout: string, printer: string): string {
  const lines = stdout.split('\n');
  const index = lines.findIndex((line) => line.startsWith(`printer ${printer} `));
  const next = index >= 0 ? lines[index + 1] : undefined;
  return next && /^\s/.test(next) ? next.trim() : '';
}
