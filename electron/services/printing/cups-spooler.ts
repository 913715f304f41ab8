import { userInfo } from 'node:os';
import { connectionProblem, CupsCommands, type CupsCommandPaths } from './cups-commands';
import {
  couldNotPrint,
  findJob,
  firstLine,
  jobNumber,
  keptJobFiles,
  mediaProblem,
  noRecordOf,
  notAccepting,
  offline,
  OFFLINE_MESSAGE,
  parseAccepting,
  parseDestinations,
  parseIppJob,
  parseJobs,
  parseNetworkDevice,
  parseQueueState,
  printerProblem,
  PRINTER_NAME,
  queueOf,
  sanitizeTitle,
  stateFromReasons,
  type IppJob,
  type JobEntry,
} from './cups-output';
import type { PrintDocument, PrintSpooler, PrinterCheck, Recovered, SpoolJob } from './print-spooler';

const MAX_COPIES = 999;
/** Jobs whose failure (or cancellation) this spooler remembers, oldest forgotten first. */
const MAX_REMEMBERED = 1000;
const HELD = 'job-hold-until-specified';

/** Options for {@link CupsSpooler}: where its commands are (see {@link CupsCommandPaths}), and its patience. */
export interface CupsSpoolerOptions extends CupsCommandPaths {
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
  private readonly commands: CupsCommands;
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
  /** A held job may be in CUPS without a record (left by a crash or a failed lp): sweep at the next chance. */
  private sweepNeeded = true;
  private keptJobsReported = false;

  /** @throws Error when `printer` is not a valid CUPS queue name. */
  constructor(
    private readonly printer: string,
    private readonly options: CupsSpoolerOptions = {},
  ) {
    if (!PRINTER_NAME.test(printer)) {
      throw new Error(`Invalid CUPS printer name ${JSON.stringify(printer)}: use 1-127 letters, digits, "_", "." or "-", not starting with "-"`);
    }
    this.commands = new CupsCommands(printer, options);
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
    const result = await this.commands.lp(args, pdf);
    const id = /request id is (\S+)/.exec(result.stdout)?.[1];
    if (result.code !== 0 || !id || !this.isJobId(id)) {
      // lp may have left CUPS a held job before it failed: the next sweep takes it back.
      this.sweepNeeded = true;
      if (result.code !== 0) return this.failed(await this.commands.lpFailure(result));
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
    const active = await this.commands.lpstat(['-l', '-o']);
    if (active.code !== 0) return this.cannotAsk(jobId, await this.commands.lpstatFailure(active, 'gone'));
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

  /**
   * Takes back the held jobs of this user that the kiosk has no record of (`known`), once they are
   * too old for a live kiosk to still release. With a `key` (a document a crash interrupted, sent
   * at `since`): `never` once no such job is left, `not-yet` while one could still be it. Without
   * one: a sweep, done when an `lp` may have left such a job, or at the first call.
   */
  async recover(key: string, since: Date, known: ReadonlySet<string>): Promise<Recovered> {
    if (!key && !this.sweepNeeded) return 'never';
    const now = this.now();
    // Its job, if CUPS made one, cannot be called an orphan before the orphan age has passed.
    if (key && now - since.getTime() < this.orphanAgeMs) return 'not-yet';
    const active = await this.commands.lpstat(['-l', '-o', this.printer]);
    if (active.code !== 0) {
      // A queue that is gone holds nothing: whatever it held was cancelled with it.
      return (await this.commands.lpstatFailure(active, 'gone')).endsWith('no longer exists') ? 'never' : 'not-yet';
    }
    const user = userInfo().username;
    const held = parseJobs(active.stdout).filter((job) => job.user === user && job.reasons.includes(HELD) && !known.has(job.id));
    for (const orphan of held.filter((job) => now - job.createdAt >= this.orphanAgeMs)) {
      if ((await this.remove(orphan.id)) === 'failed') return 'not-yet';
      await this.forget(orphan.id);
    }
    // A younger one may be the document asked about, or one a live kiosk is about to release.
    const young = held.some((job) => now - job.createdAt < this.orphanAgeMs);
    this.sweepNeeded = young;
    return young ? 'not-yet' : 'never';
  }

  async cancel(jobId: string): Promise<boolean> {
    if (!this.isJobId(jobId)) return true; // never reached CUPS (a none-N id)
    try {
      const removal = await this.remove(jobId);
      if (removal === 'removed' && !this.ended.has(jobId)) this.remember(jobId, 'The job was cancelled');
      return removal !== 'failed';
    } catch {
      return false;
    }
  }

  async forget(jobId: string): Promise<void> {
    const number = jobNumber(jobId);
    if (number === undefined) return;
    const result = await this.commands.purge(number);
    if (!result) return this.reportKept(jobId, 'ipptool (cups-ipp-utils) is not installed');
    if (result.code === 0 || /does not exist/.test(result.stdout)) return;
    await this.reportKept(
      jobId,
      /forbidden|not-authorized|not-authenticated|Unauthorized/i.test(result.stdout)
        ? 'CUPS does not let this user purge jobs'
        : firstLine(result.stderr) || 'purge failed',
    );
  }

  async check(): Promise<PrinterCheck> {
    const printer = this.printer;
    const [details, accepting] = await Promise.all([this.commands.lpstat(['-l', '-p', printer]), this.commands.lpstat(['-a', printer])]);
    if (details.code !== 0) return { ready: false, printer, reason: await this.commands.lpstatFailure(details, 'missing') };
    if (accepting.code !== 0) return { ready: false, printer, reason: await this.commands.lpstatFailure(accepting, 'missing') };

    const reasons: string[] = [];
    const status = parseQueueState(details.stdout, printer);
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
    const result = await this.commands.lpstat(['-e']);
    return result.code === 0 ? parseDestinations(result.stdout) : [];
  }

  /** The state of a job CUPS still lists as active (pending, processing or stopped). */
  private async activeVerdict(job: JobEntry): Promise<SpoolJob> {
    const id = job.id;
    const queue = queueOf(id);
    const details = await this.commands.lpstat(['-l', '-p', queue]);
    if (details.code !== 0) {
      const reason = await this.commands.lpstatFailure(details, 'gone', queue);
      // A queue removed under an active job cancels the job with it.
      return reason.endsWith('no longer exists') ? this.jobFailed(id, reason) : this.cannotAsk(id, reason);
    }
    const status = parseQueueState(details.stdout, queue);
    if (!status) return this.jobFailed(id, `Printer ${queue} no longer exists`);
    const printingThis = status.state === 'printing' && status.job === id;

    const problem = printerProblem(queue, status) ?? (OFFLINE_MESSAGE.test(job.message) ? offline(queue) : undefined);
    // Out of paper or jammed halfway through: taking the job out would make a retry print its
    // first pages twice; it goes on by itself once the printer is fixed.
    if (problem && printingThis && mediaProblem(status.reasons)) return this.cannotAsk(id, `${problem}: the job goes on once it is fixed`);
    if (problem) return this.jobFailed(id, problem);

    // Every network job starts at "connecting-to-device"; only a job stuck there is a fault.
    if (printingThis && status.reasons.includes('connecting-to-device')) {
      const since = this.connectingSince.get(id) ?? this.now();
      this.connectingSince.set(id, since);
      trim(this.connectingSince);
      if (this.now() - since >= this.connectGraceMs) return this.jobFailed(id, offline(queue));
    } else {
      this.connectingSince.delete(id);
    }

    if (!printingThis) {
      // A job that is not moving on a working printer may have been stopped by CUPS (a filter
      // or backend error): lpstat shows its reasons, ipptool its true state.
      const ipp = status.state === 'idle' ? await this.ippJob(id) : undefined;
      if (ipp?.state === 'processing-stopped' || job.reasons.some((r) => /^(job-completed-with-errors|job-stopped|aborted-by-system)$/.test(r))) {
        return this.jobFailed(id, couldNotPrint(queue, ipp?.message || job.message));
      }
    }
    return { id, state: printingThis ? 'printing' : 'queued' };
  }

  /** The state of a job CUPS no longer lists as active. */
  private async finishedVerdict(jobId: string): Promise<SpoolJob> {
    this.connectingSince.delete(jobId);
    const completed = await this.commands.lpstat(['-l', '-W', 'completed', '-o']);
    if (completed.code !== 0) return this.cannotAsk(jobId, await this.commands.lpstatFailure(completed, 'gone'));
    const job = findJob(completed.stdout, jobId);
    if (!job) {
      // Deleting a queue deletes its history too, and CUPS may be set to keep none.
      return {
        id: jobId,
        state: 'unknown',
        settles: false,
        reason: noRecordOf(jobId),
      };
    }
    // lpstat lists printed, cancelled and aborted jobs alike as "completed".
    const ipp = await this.ippJob(jobId);
    const state = ipp?.state ?? stateFromReasons(job.reasons);
    if (state === 'canceled') return this.jobFailed(jobId, 'The job was cancelled in CUPS before it printed');
    if (state === 'aborted') return this.jobFailed(jobId, couldNotPrint(queueOf(jobId), ipp?.message || job.message));
    if (queueOf(jobId) === this.printer) this.unreachableDevice = undefined;
    return { id: jobId, state: 'done' };
  }

  /** Lets a held job print: `lp -i ID -H resume`. False when CUPS did not take it. */
  private async release(jobId: string): Promise<boolean> {
    return (await this.commands.lp(['-i', jobId, '-H', 'resume'])).code === 0;
  }

  /** Cancels a job in CUPS: `gone` when CUPS no longer holds it (done, cancelled, unknown). */
  private async remove(jobId: string): Promise<Removal> {
    this.connectingSince.delete(jobId);
    const result = await this.commands.cancel(jobId);
    if (result.code === 0) return 'removed';
    const detail = `${result.stderr}\n${result.stdout}`;
    if (/already (completed|canceled|cancelled|aborted)|does not exist|not found|no such job|invalid destination/i.test(detail)) {
      return 'gone';
    }
    return 'failed';
  }

  /** Why the queue's device cannot be reached, for a network device that does not answer a connection. */
  private async deviceProblem(): Promise<string | undefined> {
    const uri = await this.commands.lpstat(['-v', this.printer]);
    const device = uri.code === 0 ? parseNetworkDevice(uri.stdout, this.printer) : undefined;
    if (!device) return this.unreachableDevice;
    const refused = await connectionProblem(device.host, device.port, Math.min(this.commands.timeoutMs, 3_000));
    if (!refused) {
      this.unreachableDevice = undefined;
      return undefined;
    }
    return `${offline(this.printer)}: nothing answers at ${device.host}:${device.port} (${refused})`;
  }

  /** The job's state from IPP, or undefined when ipptool is missing or cannot tell. */
  private async ippJob(jobId: string): Promise<IppJob | undefined> {
    const number = jobNumber(jobId)!;
    // The test file ships with ipptool, which finds it in its own data folder.
    const result = await this.commands.ipptool([
      '-tv',
      '-T',
      this.commands.seconds(),
      `ipp://${this.commands.ippHost()}/jobs/${number}`,
      'get-job-attributes.test',
    ]);
    return result?.code === 0 ? parseIppJob(result.stdout) : undefined;
  }

  /** Tells once that CUPS keeps the kiosk's finished jobs, when it really does. */
  private async reportKept(jobId: string, why: string): Promise<void> {
    if (this.keptJobsReported || !this.options.onKeptJobs) return;
    // What matters is the document itself kept (job-preserved); a short history is what IT is told to keep.
    const ipp = await this.ippJob(jobId);
    if (ipp ? !ipp.preserved : !findJob((await this.commands.lpstat(['-W', 'completed', '-o'])).stdout, jobId)) return;
    this.keptJobsReported = true;
    this.options.onKeptJobs(keptJobFiles(why));
  }

  private remember(jobId: string, reason: string): void {
    this.ended.set(jobId, reason);
    trim(this.ended);
  }

  private jobFailed(id: string, reason: string): SpoolJob {
    if (reason === offline(this.printer) && queueOf(id) === this.printer)
      this.unreachableDevice = `${reason}: the last print could not reach it (print a test page to check)`;
    return { id, state: 'failed', reason };
  }

  /** CUPS cannot be asked now: the job may still print, so it is not failed. */
  private cannotAsk(id: string, reason: string): SpoolJob {
    return { id, state: 'unknown', settles: true, reason: `${reason}: the job may still print; the kiosk will ask again` };
  }

  private failed(reason: string): SpoolJob {
    return { id: `none-${++this.failures}`, state: 'failed', reason };
  }

  /** A CUPS job id, of this queue or another (a job sent before the config named a new printer is still followed). */
  private isJobId(id: string): boolean {
    return jobNumber(id) !== undefined;
  }
}

function trim(map: Map<string, unknown>): void {
  while (map.size > MAX_REMEMBERED) map.delete(map.keys().next().value as string);
}
