import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintDocument, PrintSpooler, PrinterCheck, SpoolJob } from './print-spooler';

/** CUPS allows more, but this set needs no quoting anywhere and cannot look like an option. */
const PRINTER_NAME = /^(?!-)[A-Za-z0-9_.-]{1,127}$/;
const MAX_TITLE_LENGTH = 100;
const MAX_COPIES = 999;
/** Jobs whose failure (or cancellation) this spooler remembers, oldest forgotten first. */
const MAX_REMEMBERED = 1000;

/**
 * What backends and CUPS say when the printer cannot be reached. Seen on Debian 12 / CUPS 2.4:
 * the socket backend to a closed port says "The printer may not exist or is unavailable at this
 * time."; the ipp backend "Unable to connect to printer; will retry in 30 seconds."; usb
 * "Waiting for printer to become available." is a busy printer, not an offline one.
 */
const OFFLINE_MESSAGE =
  /unable to connect|not responding|may not exist or is unavailable|connection refused|not connected|unable to locate printer|host is down|no route to host|network is unreachable|printer is offline|is unreachable/i;
/** Messages CUPS itself puts on a stopped or rejecting queue: they explain nothing. */
const EMPTY_MESSAGES = new Set(['reason unknown', 'paused', 'rejecting jobs']);

/** Options for {@link CupsSpooler}; the defaults suit a standard Linux CUPS install. */
export interface CupsSpoolerOptions {
  /** `lp` command (default `lp`, found on PATH). */
  lpPath?: string;
  /** `lpstat` command (default `lpstat`, found on PATH). */
  lpstatPath?: string;
  /** `cancel` command (default `cancel`, found on PATH). */
  cancelPath?: string;
  /**
   * `ipptool` command (default `ipptool`, from Debian's cups-ipp-utils), used only to tell a job
   * cancelled or aborted inside CUPS from a printed one; `null` to never use it. Without it those
   * jobs report `done` (lpstat lists them all as "completed").
   */
  ipptoolPath?: string | null;
  /** Parent folder for the short-lived copy of each PDF (default `os.tmpdir()`). */
  tempDir?: string;
  /** Time limit for each command (default 10 000 ms). */
  timeoutMs?: number;
  /**
   * How long a job may stay at "connecting to device" before the printer counts as offline
   * (default 20 000 ms). Every network job shows it briefly, so it alone is not a fault.
   */
  connectGraceMs?: number;
}

/** What a command did; `code` is the exit status, or an error code such as `ENOENT` or `ETIMEDOUT`. */
interface RunResult {
  stdout: string;
  stderr: string;
  code: number | string;
}

/** A printer as `lpstat -l -p PRINTER` shows it. */
export interface PrinterStatus {
  state: 'idle' | 'printing' | 'stopped' | 'holding' | 'unknown';
  /** The job being printed (e.g. `kiosk-pdf-12`) when `state` is `printing`. */
  job?: string;
  /** printer-state-message: the last words of CUPS or the backend; '' when none or meaningless. */
  message: string;
  /** printer-state-reasons from the "Alerts:" line (empty for "none"). */
  reasons: string[];
}

/** A job as `lpstat [-l] -o` or `lpstat [-l] -W completed -o` shows it. */
export interface JobEntry {
  id: string;
  /** job-printer-state-message (the "Status:" line of `-l`), '' when none. */
  message: string;
  /** job-state-reasons (the "Alerts:" line of `-l`), empty for "none" or without `-l`. */
  reasons: string[];
}

/** Whether a queue takes new jobs, as `lpstat -a PRINTER` shows it. */
export interface AcceptingStatus {
  accepting: boolean;
  /** The reason given to `cupsreject -r`, '' when none. */
  message: string;
}

/** A job as ipptool's Get-Job-Attributes shows it. */
export interface IppJob {
  /** IPP job-state keyword: pending, pending-held, processing, processing-stopped, canceled, aborted, completed. */
  state: string;
  reasons: string[];
  message: string;
}

type Removal = 'removed' | 'gone' | 'failed';

/**
 * Prints through the local CUPS with `lp`, follows jobs with `lpstat`, takes failed jobs out of
 * the queue with `cancel` (all run without a shell, with `LANG=C` so their output can be parsed).
 *
 * When {@link status} finds a job that cannot print (printer stopped, gone, out of paper,
 * offline, or the job stopped by CUPS), it cancels the job in CUPS before saying `failed`, so a
 * printer fixed later never prints it by surprise: a retry is a new job and prints once.
 */
export class CupsSpooler implements PrintSpooler {
  readonly kind = 'cups' as const;
  private readonly lpPath: string;
  private readonly lpstatPath: string;
  private readonly cancelPath: string;
  private ipptoolPath: string | null;
  private readonly tempDir: string | undefined;
  private readonly timeoutMs: number;
  private readonly connectGraceMs: number;
  /** Numbers the ids of jobs that never reached CUPS, so each failure has its own id. */
  private failures = 0;
  /** Why each job this spooler took out of CUPS ended: CUPS only knows it as "completed". */
  private readonly ended = new Map<string, string>();
  /** When each job was first seen stuck at "connecting-to-device". */
  private readonly connectingSince = new Map<string, number>();
  /** Status looks in progress, by job id. */
  private readonly looking = new Map<string, Promise<SpoolJob>>();

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
    this.cancelPath = options.cancelPath ?? 'cancel';
    this.ipptoolPath = options.ipptoolPath === undefined ? 'ipptool' : options.ipptoolPath;
    this.tempDir = options.tempDir;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.connectGraceMs = options.connectGraceMs ?? 8_000;
  }

  async submit(document: PrintDocument): Promise<SpoolJob> {
    const { pdf, copies, paper } = document;
    if (!(pdf instanceof Uint8Array) || pdf.length === 0) return this.failed('Cannot print: the document is empty');
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
        '-t', sanitizeTitle(document.title),
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
      return this.failed(`Cannot print: ${(error as Error).message.split('\n')[0]}`);
    } finally {
      // lp has sent the data to the CUPS spool by the time it exits: the copy is not needed.
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  async status(jobId: string): Promise<SpoolJob> {
    // Callers poll: share one look (and at most one cancel) between overlapping calls.
    const pending = this.looking.get(jobId);
    if (pending) return pending;
    const look = this.look(jobId)
      .catch((): SpoolJob => ({ id: jobId, state: 'failed', reason: 'Cannot read the job state from CUPS' }))
      .finally(() => this.looking.delete(jobId));
    this.looking.set(jobId, look);
    return look;
  }

  private async look(jobId: string): Promise<SpoolJob> {
    if (/^none-\d+$/.test(jobId)) return { id: jobId, state: 'failed', reason: 'The job never reached CUPS' };
    if (!this.isJobId(jobId)) return { id: jobId, state: 'failed', reason: 'Invalid job id' };
    const ended = this.ended.get(jobId);
    if (ended) return { id: jobId, state: 'failed', reason: ended };

    // Active list first: a job that finishes between the two calls then shows in the completed one.
    const active = await this.run(this.lpstatPath, ['-l', '-o', this.printer]);
    if (active.code !== 0) return this.jobFailed(jobId, await this.lpstatFailure(active, 'gone'));
    const job = findJob(active.stdout, jobId);
    if (job) {
      const verdict = await this.activeVerdict(job);
      if (verdict.state !== 'failed') return verdict;
      // CUPS still holds the job: take it out first, so that fixing the printer does not print
      // it by surprise after staff have retried it.
      const removal = await this.remove(jobId);
      if (removal === 'removed') {
        this.remember(jobId, verdict.reason ?? 'The job could not print');
        return verdict;
      }
      if (removal === 'failed') {
        // Not remembered: the next status call tries to cancel it again.
        return this.jobFailed(jobId, `${verdict.reason}; it could not be taken out of the print queue, so cancel it in CUPS before printing again`);
      }
      // 'gone': it finished between the two calls; the completed list says how.
    }
    return this.finishedVerdict(jobId);
  }

  async cancel(jobId: string): Promise<void> {
    try {
      if (!this.isJobId(jobId)) return;
      const removal = await this.remove(jobId);
      if (removal === 'removed' && !this.ended.has(jobId)) this.remember(jobId, 'The job was cancelled');
    } catch {
      // Best effort by contract: cancel never throws.
    }
  }

  async check(): Promise<PrinterCheck> {
    const printer = this.printer;
    const [details, accepting] = await Promise.all([
      this.run(this.lpstatPath, ['-l', '-p', printer]),
      this.run(this.lpstatPath, ['-a', printer]),
    ]);
    if (details.code !== 0) return { ready: false, printer, reason: await this.lpstatFailure(details, 'missing') };
    if (accepting.code !== 0) return { ready: false, printer, reason: await this.lpstatFailure(accepting, 'missing') };

    const reasons: string[] = [];
    const status = parsePrinterStatus(details.stdout, printer);
    const problem = status && printerProblem(printer, status);
    if (!status || status.state === 'unknown') {
      reasons.push(`Printer ${printer} is in an unknown state: ${firstLine(details.stdout) || 'no answer'}`);
    } else if (problem) {
      reasons.push(problem);
    }
    const accepts = parseAccepting(accepting.stdout, printer);
    if (!accepts?.accepting) reasons.push(notAccepting(printer, accepts?.message ?? ''));

    return reasons.length ? { ready: false, printer, reason: reasons.join('; ') } : { ready: true, printer };
  }

  async printers(): Promise<string[]> {
    const result = await this.run(this.lpstatPath, ['-e']);
    return result.code === 0 ? parseDestinations(result.stdout) : [];
  }

  /** The state of a job CUPS still lists as active (pending, held, processing or stopped). */
  private async activeVerdict(job: JobEntry): Promise<SpoolJob> {
    const id = job.id;
    const details = await this.run(this.lpstatPath, ['-l', '-p', this.printer]);
    if (details.code !== 0) return this.jobFailed(id, await this.lpstatFailure(details, 'gone'));
    const status = parsePrinterStatus(details.stdout, this.printer);
    if (!status) return this.jobFailed(id, `Printer ${this.printer} no longer exists`);
    const printingThis = status.state === 'printing' && status.job === id;

    const problem = printerProblem(this.printer, status) ?? (OFFLINE_MESSAGE.test(job.message) ? offline(this.printer) : undefined);
    if (problem) return this.jobFailed(id, problem);

    // Every network job starts at "connecting-to-device"; only a job stuck there is a fault.
    if (printingThis && status.reasons.includes('connecting-to-device')) {
      const since = this.connectingSince.get(id) ?? Date.now();
      this.connectingSince.set(id, since);
      trim(this.connectingSince);
      if (Date.now() - since >= this.connectGraceMs) return this.jobFailed(id, offline(this.printer));
    } else {
      this.connectingSince.delete(id);
    }

    if (!printingThis) {
      // A job that is not moving on a working printer may have been stopped by CUPS (a filter
      // or backend error): lpstat shows its reasons, ipptool its true state.
      const ipp = status.state === 'idle' ? await this.ippJob(id) : undefined;
      if (ipp?.state === 'processing-stopped' || job.reasons.some((r) => /^(job-completed-with-errors|job-stopped|aborted-by-system)$/.test(r))) {
        return this.jobFailed(id, couldNotPrint(this.printer, ipp?.message || job.message));
      }
    }
    return { id, state: printingThis ? 'printing' : 'queued' };
  }

  /** The state of a job CUPS no longer lists as active. */
  private async finishedVerdict(jobId: string): Promise<SpoolJob> {
    this.connectingSince.delete(jobId);
    const completed = await this.run(this.lpstatPath, ['-l', '-W', 'completed', '-o', this.printer]);
    if (completed.code !== 0) return this.jobFailed(jobId, await this.lpstatFailure(completed, 'gone'));
    const job = findJob(completed.stdout, jobId);
    if (!job) return this.jobFailed(jobId, `Job ${jobId} not found in CUPS`);

    // lpstat lists printed, cancelled and aborted jobs alike as "completed".
    const ipp = await this.ippJob(jobId);
    const state = ipp?.state ?? stateFromReasons(job.reasons);
    if (state === 'canceled') return this.jobFailed(jobId, 'The job was cancelled in CUPS before it printed');
    if (state === 'aborted') return this.jobFailed(jobId, couldNotPrint(this.printer, ipp?.message || job.message));
    return { id: jobId, state: 'done' };
  }

  /** Cancels a job in CUPS: `gone` when CUPS no longer holds it (done, cancelled, unknown). */
  private async remove(jobId: string): Promise<Removal> {
    this.connectingSince.delete(jobId);
    const result = await this.run(this.cancelPath, [jobId]);
    if (result.code === 0) return 'removed';
    const detail = `${result.stderr}\n${result.stdout}`;
    if (/already (completed|canceled|cancelled|aborted)|does not exist|not found|no such job|invalid destination/i.test(detail)) {
      return 'gone';
    }
    return 'failed';
  }

  /** The job's state from IPP, or undefined when ipptool is missing or cannot tell. */
  private async ippJob(jobId: string): Promise<IppJob | undefined> {
    if (!this.ipptoolPath) return undefined;
    const number = jobId.slice(this.printer.length + 1);
    const seconds = String(Math.max(1, Math.ceil(this.timeoutMs / 1000)));
    // The test file ships with ipptool; from "/" ipptool finds it in its own data folder.
    const result = await this.run(
      this.ipptoolPath,
      ['-tv', '-T', seconds, `ipp://${ippHost()}/jobs/${number}`, 'get-job-attributes.test'],
      '/',
    );
    if (result.code === 'ENOENT') {
      this.ipptoolPath = null;
      return undefined;
    }
    return result.code === 0 ? parseIppJob(result.stdout) : undefined;
  }

  /** Runs a command without a shell and never throws: failures come back in `code`/`stderr`. */
  private run(cmd: string, args: string[], cwd?: string): Promise<RunResult> {
    return new Promise((resolve) => {
      execFile(
        cmd,
        args,
        {
          timeout: this.timeoutMs,
          maxBuffer: 4 * 1024 * 1024,
          encoding: 'utf8',
          cwd,
          // LC_ALL would override LANG, so set both: the parsing here expects English.
          env: { ...process.env, LANG: 'C', LC_ALL: 'C' },
        },
        (error, stdout, stderr) => {
          if (!error) {
            resolve({ stdout, stderr, code: 0 });
            return;
          }
          const e = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null };
          // Exit status (number), spawn/buffer error (string), else killed by our timeout or a signal.
          const raw = e.code as number | string | null | undefined;
          const code = raw ?? (e.killed ? 'ETIMEDOUT' : (e.signal ?? 'error'));
          resolve({ stdout: stdout ?? '', stderr: stderr ?? '', code });
        },
      );
    });
  }

  private async schedulerRunning(): Promise<boolean> {
    const result = await this.run(this.lpstatPath, ['-r']);
    return result.code === 0 && result.stdout.includes('scheduler is running');
  }

  /** Staff-facing reason for a failed `lp`. */
  private async lpFailure(result: RunResult): Promise<string> {
    if (result.code === 'ENOENT') return 'Cannot print: lp not found (is CUPS installed?)';
    if (result.code === 'ETIMEDOUT') return `Cannot print: lp did not answer within ${this.seconds()} s`;
    const detail = firstLine(result.stderr).replace(/^lp:\s*/, '') || `lp exited with ${result.code}`;
    // With no scheduler lp claims the printer does not exist: say what is really wrong.
    if (!(await this.schedulerRunning())) return `Cannot print: CUPS is not running (${detail})`;
    if (/not accepting jobs/i.test(detail)) {
      const accepting = await this.run(this.lpstatPath, ['-a', this.printer]);
      return notAccepting(this.printer, parseAccepting(accepting.stdout, this.printer)?.message ?? '');
    }
    if (/does not exist|unknown destination|invalid destination/i.test(detail)) return `Printer ${this.printer} does not exist`;
    return `Cannot print to ${this.printer}: ${detail}`;
  }

  /**
   * Staff-facing reason for a failed `lpstat` about this printer. `gone` is for jobs: their
   * printer existed when they were queued.
   */
  private async lpstatFailure(result: RunResult, missing: 'missing' | 'gone'): Promise<string> {
    if (result.code === 'ENOENT') return 'lpstat not found';
    if (result.code === 'ETIMEDOUT') return `CUPS did not answer within ${this.seconds()} s`;
    const detail = firstLine(result.stderr);
    // lpstat says "Invalid destination" both for a missing printer and for an unreachable
    // scheduler, so ask the scheduler before blaming the printer.
    if (/unable to connect|scheduler is not running|connection refused/i.test(detail) || !(await this.schedulerRunning())) {
      return 'CUPS is not running';
    }
    if (/invalid destination|does not exist|unknown destination/i.test(detail)) {
      return missing === 'gone' ? `Printer ${this.printer} no longer exists` : `Printer ${this.printer} does not exist`;
    }
    return `Printer ${this.printer}: ${detail.replace(/^lpstat:\s*/, '') || `lpstat exited with ${result.code}`}`;
  }

  private remember(jobId: string, reason: string): void {
    this.ended.set(jobId, reason);
    trim(this.ended);
  }

  private jobFailed(id: string, reason: string): SpoolJob {
    return { id, state: 'failed', reason };
  }

  private failed(reason: string): SpoolJob {
    return { id: `none-${++this.failures}`, state: 'failed', reason };
  }

  private isJobId(id: string): boolean {
    return id.startsWith(`${this.printer}-`) && /^\d{1,10}$/.test(id.slice(this.printer.length + 1));
  }

  private seconds(): number {
    return Math.round(this.timeoutMs / 100) / 10;
  }
}

/**
 * Parses `lpstat -l -p PRINTER` (or `lpstat -p PRINTER`, then without reasons): the state line,
 * the indented message after it, and the "Alerts:" line. Undefined when the printer is not listed.
 */
export function parsePrinterStatus(stdout: string, printer: string): PrinterStatus | undefined {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`printer ${printer} `));
  if (start < 0) return undefined;
  const head = lines[start]!.slice(`printer ${printer} `.length);
  const block = indentedBlock(lines, start);

  const status: PrinterStatus = { state: 'unknown', message: '', reasons: [] };
  const printing = /^now printing (\S+)\.(\s|$)/.exec(head);
  if (printing) {
    status.state = 'printing';
    status.job = printing[1];
  } else if (/^is idle\./.test(head)) {
    status.state = 'idle';
  } else if (/^is holding new jobs\./.test(head)) {
    status.state = 'holding';
  } else if (/^disabled since /.test(head)) {
    status.state = 'stopped';
  }
  // lpstat prints the message (if any) first, then the -l fields "Form mounted:", ... "Alerts:".
  const first = block[0];
  if (first !== undefined && !/^(Form mounted|Content types|Printer types|Description|Alerts|Location|Connection|Interface):/.test(first)) {
    status.message = meaningful(first);
  }
  const alerts = block.find((line) => line.startsWith('Alerts:'));
  if (alerts) status.reasons = words(alerts.slice('Alerts:'.length));
  return status;
}

/** Finds a job in `lpstat [-l] -o` or `lpstat [-l] -W completed -o` output. */
export function findJob(stdout: string, jobId: string): JobEntry | undefined {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => /^(\S+)/.exec(line)?.[1] === jobId);
  if (start < 0) return undefined;
  const block = indentedBlock(lines, start);
  const field = (name: string): string | undefined =>
    block.find((line) => line.startsWith(`${name}:`))?.slice(name.length + 1).trim();
  return { id: jobId, message: field('Status') ?? '', reasons: words(field('Alerts') ?? '') };
}

/** Parses `lpstat -a PRINTER`. Undefined when the printer is not listed. */
export function parseAccepting(stdout: string, printer: string): AcceptingStatus | undefined {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${printer} `));
  if (start < 0) return undefined;
  const head = lines[start]!.slice(printer.length + 1);
  const accepting = /^accepting requests/.test(head);
  const message = accepting ? '' : meaningful(indentedBlock(lines, start)[0] ?? '');
  return { accepting, message };
}

/** Parses `ipptool -tv URI get-job-attributes.test`. Undefined without a job-state. */
export function parseIppJob(stdout: string): IppJob | undefined {
  const attribute = (name: string): string | undefined =>
    new RegExp(`^\\s*${name} \\([^)]*\\) = (.*)$`, 'm').exec(stdout)?.[1]?.trim();
  const state = attribute('job-state');
  if (!state) return undefined;
  return {
    state,
    reasons: (attribute('job-state-reasons') ?? '').split(',').map((r) => r.trim()).filter((r) => r && r !== 'none'),
    message: attribute('job-printer-state-message') ?? '',
  };
}

/** Queue names from `lpstat -e`, skipping instances ("name/instance") and names this spooler refuses. */
export function parseDestinations(stdout: string): string[] {
  const names = stdout.split('\n').map((line) => line.trim()).filter((name) => PRINTER_NAME.test(name));
  return [...new Set(names)];
}

/**
 * Why the printer cannot print now, in words staff can act on, or undefined when nothing in its
 * status says so. A message about the connection counts only while the printer is printing:
 * an idle printer may keep the words of a job long gone.
 */
export function printerProblem(printer: string, status: PrinterStatus): string | undefined {
  const has = (pattern: RegExp): boolean => status.reasons.some((reason) => pattern.test(reason));
  if (status.state === 'stopped') return `Printer ${printer} is stopped${status.message ? ` (${status.message})` : ''}`;
  if (has(/^(media-empty|media-needed)(-error|-warning|-report)?$/)) return `Printer ${printer} is out of paper`;
  if (has(/^media-jam(-error|-warning|-report)?$/)) return `Printer ${printer} has a paper jam`;
  if (has(/^offline(-report|-error|-warning)?$/) || (status.state === 'printing' && OFFLINE_MESSAGE.test(status.message))) {
    return offline(printer);
  }
  if (status.state === 'holding') return `Printer ${printer} is holding new jobs`;
  return undefined;
}

function offline(printer: string): string {
  return `Printer ${printer} is offline or unreachable`;
}

function notAccepting(printer: string, message: string): string {
  return `Printer ${printer} is not accepting jobs${message ? ` (${message})` : ''}`;
}

function couldNotPrint(printer: string, message: string): string {
  const detail = meaningful(message).slice(0, 160);
  return `Printer ${printer} could not print the job${detail ? ` (${detail})` : ''}`;
}

/** Without ipptool: what lpstat's job reasons say about a "completed" job, when they say it. */
function stateFromReasons(reasons: string[]): string {
  if (reasons.some((r) => /^job-canceled-/.test(r))) return 'canceled';
  if (reasons.some((r) => /^(aborted-by-system|job-aborted-)/.test(r))) return 'aborted';
  return 'completed';
}

/** Where ipptool finds CUPS: $CUPS_SERVER when set (a socket path or host[:port]), else localhost. */
function ippHost(): string {
  const server = process.env.CUPS_SERVER?.trim();
  if (server?.startsWith('/')) return encodeURIComponent(server);
  if (server && /^[A-Za-z0-9.-]+(:\d+)?$/.test(server)) return server;
  return 'localhost';
}

/** The indented lines after `lines[start]`, trimmed. */
function indentedBlock(lines: string[], start: number): string[] {
  const block: string[] = [];
  for (let i = start + 1; i < lines.length && /^\s/.test(lines[i]!); i++) block.push(lines[i]!.trim());
  return block;
}

function meaningful(message: string): string {
  const text = message.trim();
  return EMPTY_MESSAGES.has(text.toLowerCase()) ? '' : text;
}

function words(text: string): string[] {
  return text.split(/[\s,]+/).filter((word) => word && word !== 'none');
}

function trim(map: Map<string, unknown>): void {
  while (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
}

/** Control characters could break the queue listing; CUPS titles are short anyway. */
function sanitizeTitle(title: string): string {
  const clean = String(title)
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return [...clean].slice(0, MAX_TITLE_LENGTH).join('').trim() || 'Kiosk print';
}

function firstLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}
