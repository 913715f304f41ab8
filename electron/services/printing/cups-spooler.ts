import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import {
  couldNotPrint,
  findJob,
  firstLine,
  notAccepting,
  offline,
  OFFLINE_MESSAGE,
  parseAccepting,
  parseDestinations,
  parseIppJob,
  parseJobs,
  parseNetworkDevice,
  parsePrinterStatus,
  printerProblem,
  PRINTER_NAME,
  stateFromReasons,
  type IppJob,
  type JobEntry,
} from './cups-output';
import type { PrintDocument, PrintSpooler, PrinterCheck, Recovered, SpoolJob } from './print-spooler';

const MAX_TITLE_LENGTH = 100;
const MAX_COPIES = 999;
/** Jobs whose failure (or cancellation) this spooler remembers, oldest forgotten first. */
const MAX_REMEMBERED = 1000;
const HELD = 'job-hold-until-specified';
/** IPP Purge-Jobs of one job (its file and its history), as an ipptool test file. */
const PURGE_TEST = `{
  NAME "Purge a kiosk job"
  OPERATION Purge-Jobs
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri printer-uri $uri
  ATTR name requesting-user-name $user
  ATTR integer job-ids $job
  STATUS successful-ok
}
`;

/** Options for {@link CupsSpooler}; the defaults suit a standard Linux CUPS install. */
export interface CupsSpoolerOptions {
  /** `lp` command (default `lp`, found on PATH). */
  lpPath?: string;
  /** `lpstat` command (default `lpstat`, found on PATH). */
  lpstatPath?: string;
  /** `cancel` command (default `cancel`, found on PATH). */
  cancelPath?: string;
  /**
   * `ipptool` command (default `ipptool`, from Debian's cups-ipp-utils): tells a job cancelled or
   * aborted inside CUPS from a printed one, and purges a finished job from CUPS. `null` to never
   * use it. Without it those jobs report `done` (lpstat lists them all as "completed").
   */
  ipptoolPath?: string | null;
  /** The CUPS server (a socket path or host[:port]) instead of $CUPS_SERVER or the local one. */
  server?: string;
  /** Time limit for each command (default 10 000 ms). */
  timeoutMs?: number;
  /**
   * How long a job may stay at "connecting to device" before the printer counts as offline
   * (default 8 000 ms). Every network job shows it briefly, so it alone is not a fault.
   */
  connectGraceMs?: number;
  /**
   * How old a held job of this kiosk's, unknown to it, must be before it counts as left by a crash
   * and is taken back (default 30 000 ms). A live kiosk holds a job only for the moment it takes
   * to record its id.
   */
  orphanAgeMs?: number;
  /** Told once when CUPS keeps a finished job that the kiosk could not purge (a privacy matter for IT). */
  onKeptJobs?: (detail: string) => void;
  now?: () => number;
}

/** What a command did; `code` is the exit status, or an error code such as `ENOENT` or `ETIMEDOUT`. */
interface RunResult {
  stdout: string;
  stderr: string;
  code: number | string;
}

type Removal = 'removed' | 'gone' | 'failed';

/**
 * Prints through CUPS with `lp`, follows jobs with `lpstat`, takes failed jobs out of the queue
 * with `cancel` (all run without a shell, with `LANG=C` so their output can be parsed).
 *
 * Exactly once: each job is sent held (`lp -H hold`, the PDF on standard input, no temp file), its
 * id recorded through `submit`'s `sent`, and only then released. A crash before the id is
 * recorded leaves a held job that never prints, which {@link recover} takes back. A job is
 * `failed` only when CUPS can no longer print it (refused, or cancelled here first, so a printer
 * fixed later never prints it by surprise); when CUPS cannot be asked, it is `unknown` and asked
 * again. Finished jobs are purged from CUPS (their file and history) where CUPS allows it.
 */
export class CupsSpooler implements PrintSpooler {
  readonly kind = 'cups' as const;
  private readonly lpPath: string;
  private readonly lpstatPath: string;
  private readonly cancelPath: string;
  private ipptoolPath: string | null;
  private readonly env: NodeJS.ProcessEnv;
  private readonly timeoutMs: number;
  private readonly connectGraceMs: number;
  private readonly orphanAgeMs: number;
  private readonly now: () => number;
  /** Numbers the ids of jobs that never reached CUPS, so each failure has its own id. */
  private failures = 0;
  /** Why each job this spooler took out of CUPS ended: CUPS only knows it as "completed". */
  private readonly ended = new Map<string, string>();
  /** When each job was first seen stuck at "connecting-to-device". */
  private readonly connectingSince = new Map<string, number>();
  /** Status looks in progress, by job id. */
  private readonly looking = new Map<string, Promise<SpoolJob>>();
  /** The last job failed because the device did not answer: kept until a job prints (for devices that cannot be probed). */
  private unreachableDevice: string | undefined;
  private keptJobsReported = false;

  /** @throws Error when `printer` is not a valid CUPS queue name. */
  constructor(
    private readonly printer: string,
    private readonly options: CupsSpoolerOptions = {},
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
    // LC_ALL would override LANG, so set both: the parsing expects English.
    this.env = { ...process.env, LANG: 'C', LC_ALL: 'C', ...(options.server && { CUPS_SERVER: options.server }) };
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.connectGraceMs = options.connectGraceMs ?? 8_000;
    this.orphanAgeMs = options.orphanAgeMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  async submit(document: PrintDocument, sent: (id: string) => Promise<void>): Promise<SpoolJob> {
    const { pdf, copies, paper } = document;
    if (!(pdf instanceof Uint8Array) || pdf.length === 0) return this.failed('Cannot print: the document is empty');
    if (!Number.isInteger(copies) || copies < 1 || copies > MAX_COPIES) {
      return this.failed(`Cannot print: copies must be a whole number from 1 to ${MAX_COPIES}`);
    }
    if (paper !== 'Letter' && paper !== 'A4') return this.failed('Cannot print: paper must be Letter or A4');

    // Whatever lp hands CUPS stays held until released below, so every failure here is final:
    // a job lp made before it failed (a timeout) never prints, and recover() takes it back.
    const args = ['-d', this.printer, '-n', String(copies), '-t', sanitizeTitle(document.title), '-o', `media=${paper}`, '-H', 'hold'];
    const result = await this.run(this.lpPath, args, pdf);
    if (result.code !== 0) return this.failed(await this.lpFailure(result));
    const id = /request id is (\S+)/.exec(result.stdout)?.[1];
    if (!id || !this.isJobId(id)) {
      return this.failed(`Cannot print to ${this.printer}: lp gave no job id (${firstLine(result.stdout) || 'no output'})`);
    }
    await sent(id);
    if (!(await this.release(id))) {
      return { id, state: 'unknown', settles: true, reason: `CUPS did not take the go-ahead for job ${id}; the kiosk will ask again` };
    }
    return { id, state: 'queued' };
  }

  async status(jobId: string): Promise<SpoolJob> {
    // Callers poll: share one look (and at most one cancel) between overlapping calls.
    const pending = this.looking.get(jobId);
    if (pending) return pending;
    const look = this.look(jobId)
      .catch((error: Error): SpoolJob => ({ id: jobId, state: 'unknown', settles: true, reason: `Cannot read the job state from CUPS (${error.message})` }))
      .finally(() => this.looking.delete(jobId));
    this.looking.set(jobId, look);
    return look;
  }

  private async look(jobId: string): Promise<SpoolJob> {
    if (/^none-\d+$/.test(jobId)) return { id: jobId, state: 'failed', reason: 'The job never reached CUPS' };
    if (!this.isJobId(jobId)) return { id: jobId, state: 'failed', reason: 'Invalid job id' };
    const ended = this.ended.get(jobId);
    if (ended) return { id: jobId, state: 'failed', reason: ended };

    // Every printer's jobs, so a job is still found after its queue is gone. Active list first: a
    // job that finishes between the two calls then shows in the completed one.
    const active = await this.run(this.lpstatPath, ['-l', '-o']);
    if (active.code !== 0) return this.cannotAsk(jobId, await this.lpstatFailure(active, 'gone'));
    const job = findJob(active.stdout, jobId);
    if (job) {
      // Held only between lp and the record of its id: a release that did not arrive (CUPS went
      // away in that moment) is given now.
      if (job.reasons.includes(HELD)) {
        return (await this.release(jobId)) ? { id: jobId, state: 'queued' } : this.cannotAsk(jobId, 'CUPS did not take the go-ahead');
      }
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
        return this.cannotAsk(jobId, `${verdict.reason}, and the kiosk could not take the job out of the print queue yet`);
      }
      // 'gone': it finished between the two calls; the completed list says how.
    }
    return this.finishedVerdict(jobId);
  }

  async recover(_key: string, since: Date, known: ReadonlySet<string>): Promise<Recovered> {
    const now = this.now();
    // A held job is taken back only once no live kiosk could still be about to release it.
    if (now - since.getTime() < this.orphanAgeMs + 2_000) return 'not-yet';
    const active = await this.run(this.lpstatPath, ['-l', '-o', this.printer]);
    if (active.code !== 0) {
      // A queue that is gone holds nothing: whatever it held was cancelled with it.
      return (await this.lpstatFailure(active, 'gone')).endsWith('no longer exists') ? 'never' : 'not-yet';
    }
    const user = userInfo().username;
    const orphans = parseJobs(active.stdout).filter(
      (job) => job.user === user && job.reasons.includes(HELD) && !known.has(job.id) && now - job.createdAt >= this.orphanAgeMs,
    );
    for (const orphan of orphans) {
      if ((await this.remove(orphan.id)) === 'failed') return 'not-yet';
      await this.forget(orphan.id);
    }
    return 'never';
  }

  async cancel(jobId: string): Promise<boolean> {
    if (!this.isJobId(jobId)) return true; // never reached CUPS
    try {
      const removal = await this.remove(jobId);
      if (removal === 'removed' && !this.ended.has(jobId)) this.remember(jobId, 'The job was cancelled');
      return removal !== 'failed';
    } catch {
      return false;
    }
  }

  async forget(jobId: string): Promise<void> {
    if (!this.isJobId(jobId)) return;
    if (!this.ipptoolPath) return this.reportKept(jobId, 'ipptool (cups-ipp-utils) is not installed');
    const number = jobId.slice(this.printer.length + 1);
    // ipptool reads its request from a file (not a pipe): a short-lived one, the same for every job.
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-purge-'));
    let result: RunResult;
    try {
      await writeFile(join(dir, 'purge.test'), PURGE_TEST);
      result = await this.run(this.ipptoolPath, ['-t', '-T', this.seconds(), '-d', `job=${number}`, `ipp://${this.ippHost()}/printers/${this.printer}`, join(dir, 'purge.test')]);
    } catch (error) {
      result = { stdout: '', stderr: (error as Error).message, code: 'error' };
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
    if (result.code === 0 || /does not exist/.test(result.stdout)) return;
    await this.reportKept(jobId, /forbidden|not-authorized|not-authenticated|Unauthorized/i.test(result.stdout) ? 'CUPS does not let this user purge jobs' : firstLine(result.stderr) || 'purge failed');
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
    } else if (status.state === 'idle') {
      // CUPS says idle even when the device is gone (it retries later): ask the device itself.
      const device = await this.deviceProblem();
      if (device) reasons.push(device);
    }
    const accepts = parseAccepting(accepting.stdout, printer);
    if (!accepts?.accepting) reasons.push(notAccepting(printer, accepts?.message ?? ''));

    return reasons.length ? { ready: false, printer, reason: reasons.join('; ') } : { ready: true, printer };
  }

  async printers(): Promise<string[]> {
    const result = await this.run(this.lpstatPath, ['-e']);
    return result.code === 0 ? parseDestinations(result.stdout) : [];
  }

  /** The state of a job CUPS still lists as active (pending, processing or stopped). */
  private async activeVerdict(job: JobEntry): Promise<SpoolJob> {
    const id = job.id;
    const details = await this.run(this.lpstatPath, ['-l', '-p', this.printer]);
    if (details.code !== 0) {
      const reason = await this.lpstatFailure(details, 'gone');
      // A queue removed under an active job cancels the job with it.
      return reason.endsWith('no longer exists') ? this.jobFailed(id, reason) : this.cannotAsk(id, reason);
    }
    const status = parsePrinterStatus(details.stdout, this.printer);
    if (!status) return this.jobFailed(id, `Printer ${this.printer} no longer exists`);
    const printingThis = status.state === 'printing' && status.job === id;

    const problem = printerProblem(this.printer, status) ?? (OFFLINE_MESSAGE.test(job.message) ? offline(this.printer) : undefined);
    if (problem) return this.jobFailed(id, problem);

    // Every network job starts at "connecting-to-device"; only a job stuck there is a fault.
    if (printingThis && status.reasons.includes('connecting-to-device')) {
      const since = this.connectingSince.get(id) ?? this.now();
      this.connectingSince.set(id, since);
      trim(this.connectingSince);
      if (this.now() - since >= this.connectGraceMs) return this.jobFailed(id, offline(this.printer));
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
    const completed = await this.run(this.lpstatPath, ['-l', '-W', 'completed', '-o']);
    if (completed.code !== 0) return this.cannotAsk(jobId, await this.lpstatFailure(completed, 'gone'));
    const job = findJob(completed.stdout, jobId);
    if (!job) {
      // Deleting a queue deletes its history too, and CUPS may be set to keep none.
      return {
        id: jobId,
        state: 'unknown',
        settles: false,
        reason: `CUPS no longer has a record of job ${jobId} (its printer was removed, or CUPS keeps no job history): it may have printed. Check the tray before printing it again`,
      };
    }
    // lpstat lists printed, cancelled and aborted jobs alike as "completed".
    const ipp = await this.ippJob(jobId);
    const state = ipp?.state ?? stateFromReasons(job.reasons);
    if (state === 'canceled') return this.jobFailed(jobId, 'The job was cancelled in CUPS before it printed');
    if (state === 'aborted') return this.jobFailed(jobId, couldNotPrint(this.printer, ipp?.message || job.message));
    this.unreachableDevice = undefined;
    return { id: jobId, state: 'done' };
  }

  /** Lets a held job print: `lp -i ID -H resume`. False when CUPS did not take it. */
  private async release(jobId: string): Promise<boolean> {
    return (await this.run(this.lpPath, ['-i', jobId, '-H', 'resume'])).code === 0;
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

  /** Why the queue's device cannot be reached, for a network device that does not answer a connection. */
  private async deviceProblem(): Promise<string | undefined> {
    const uri = await this.run(this.lpstatPath, ['-v', this.printer]);
    const device = uri.code === 0 ? parseNetworkDevice(uri.stdout, this.printer) : undefined;
    if (!device) return this.unreachableDevice;
    const refused = await connectionProblem(device.host, device.port, Math.min(this.timeoutMs, 3_000));
    if (!refused) {
      this.unreachableDevice = undefined;
      return undefined;
    }
    return `${offline(this.printer)}: nothing answers at ${device.host}:${device.port} (${refused})`;
  }

  /** The job's state from IPP, or undefined when ipptool is missing or cannot tell. */
  private async ippJob(jobId: string): Promise<IppJob | undefined> {
    if (!this.ipptoolPath) return undefined;
    const number = jobId.slice(this.printer.length + 1);
    // The test file ships with ipptool; from "/" ipptool finds it in its own data folder.
    const result = await this.run(this.ipptoolPath, ['-tv', '-T', this.seconds(), `ipp://${this.ippHost()}/jobs/${number}`, 'get-job-attributes.test'], undefined, '/');
    if (result.code === 'ENOENT') {
      this.ipptoolPath = null;
      return undefined;
    }
    return result.code === 0 ? parseIppJob(result.stdout) : undefined;
  }

  /** Tells once that CUPS keeps the kiosk's finished jobs, when it really does. */
  private async reportKept(jobId: string, why: string): Promise<void> {
    if (this.keptJobsReported || !this.options.onKeptJobs) return;
    const completed = await this.run(this.lpstatPath, ['-W', 'completed', '-o']);
    if (completed.code !== 0 || !findJob(completed.stdout, jobId)) return;
    this.keptJobsReported = true;
    this.options.onKeptJobs(`CUPS keeps the kiosk's finished print jobs and the kiosk cannot remove them (${why}): set "PreserveJobFiles No" and "PreserveJobHistory 300" in cupsd.conf`);
  }

  /** Runs a command without a shell and never throws: failures come back in `code`/`stderr`. */
  private run(cmd: string, args: string[], input?: Uint8Array | string, cwd?: string): Promise<RunResult> {
    return new Promise((resolve) => {
      const child = execFile(
        cmd,
        args,
        { timeout: this.timeoutMs, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8', cwd, env: this.env },
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
      // A command that exits before reading all its input is reported by its exit status.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(input);
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
    if (reason === offline(this.printer)) this.unreachableDevice = `${reason}: the last print could not reach it (print a test page to check)`;
    return { id, state: 'failed', reason };
  }

  /** CUPS cannot be asked now: the job may still print, so it is not failed. */
  private cannotAsk(id: string, reason: string): SpoolJob {
    return { id, state: 'unknown', settles: true, reason: `${reason}: the job may still print; the kiosk will ask again` };
  }

  private failed(reason: string): SpoolJob {
    return { id: `none-${++this.failures}`, state: 'failed', reason };
  }

  private isJobId(id: string): boolean {
    return id.startsWith(`${this.printer}-`) && /^\d{1,10}$/.test(id.slice(this.printer.length + 1));
  }

  /** Where ipptool finds CUPS: the server given, else $CUPS_SERVER (a socket path or host[:port]), else localhost. */
  private ippHost(): string {
    const server = this.env.CUPS_SERVER?.trim();
    if (server?.startsWith('/')) return encodeURIComponent(server);
    if (server && /^[A-Za-z0-9.-]+(:\d+)?$/.test(server)) return server;
    return 'localhost';
  }

  private seconds(): string {
    return String(Math.max(1, Math.ceil(this.timeoutMs / 1000)));
  }
}

/** Why a TCP connection to host:port does not open within `timeoutMs`, or undefined when it does. */
function connectionProblem(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (problem: string | undefined) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => done('no answer'));
    socket.once('connect', () => done(undefined));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? 'error'));
  });
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
