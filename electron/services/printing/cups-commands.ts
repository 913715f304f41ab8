import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firstLine, notAccepting, parseAccepting } from './cups-output';

/**
 * IPP Cancel-Job with purge-job of one job, as an ipptool test file: its file and its history go.
 * CUPS lets a job's owner do this for a finished job (Purge-Jobs needs an administrator).
 */
const PURGE_TEST = `{
  NAME "Purge a kiosk job"
  OPERATION Cancel-Job
  GROUP operation-attributes-tag
  ATTR charset attributes-charset utf-8
  ATTR naturalLanguage attributes-natural-language en
  ATTR uri job-uri $uri
  ATTR name requesting-user-name $user
  ATTR boolean purge-job true
  STATUS successful-ok
}
`;

/** Where the CUPS commands are and which server they ask; the defaults suit a standard Linux CUPS install. */
export interface CupsCommandPaths {
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
}

/** What a command did; `code` is the exit status, or an error code such as `ENOENT` or `ETIMEDOUT`. */
export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | string;
}

/**
 * CUPS's commands for one printer, run without a shell and with `LANG=C` (their output is parsed),
 * and what their failures mean in words staff can act on. Never throws: failures come back in
 * `code` and `stderr`.
 */
export class CupsCommands {
  readonly lpPath: string;
  readonly lpstatPath: string;
  readonly cancelPath: string;
  /** Null once ipptool turned out to be missing. */
  ipptoolPath: string | null;
  private readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;

  constructor(
    private readonly printer: string,
    paths: CupsCommandPaths = {},
  ) {
    this.lpPath = paths.lpPath ?? 'lp';
    this.lpstatPath = paths.lpstatPath ?? 'lpstat';
    this.cancelPath = paths.cancelPath ?? 'cancel';
    this.ipptoolPath = paths.ipptoolPath === undefined ? 'ipptool' : paths.ipptoolPath;
    // LC_ALL would override LANG, so set both: the parsing expects English.
    this.env = { ...process.env, LANG: 'C', LC_ALL: 'C', ...(paths.server && { CUPS_SERVER: paths.server }) };
    this.timeoutMs = paths.timeoutMs ?? 10_000;
  }

  lp(args: string[], input?: Uint8Array): Promise<RunResult> {
    return this.run(this.lpPath, args, input);
  }

  lpstat(args: string[]): Promise<RunResult> {
    return this.run(this.lpstatPath, args);
  }

  cancel(jobId: string): Promise<RunResult> {
    return this.run(this.cancelPath, [jobId]);
  }

  /** ipptool with `args`, run from `/` so it finds its own test files; undefined when it is not installed. */
  async ipptool(args: string[]): Promise<RunResult | undefined> {
    if (!this.ipptoolPath) return undefined;
    const result = await this.run(this.ipptoolPath, args, undefined, '/');
    if (result.code === 'ENOENT') {
      this.ipptoolPath = null;
      return undefined;
    }
    return result;
  }

  /** Purges job `number` from CUPS: its file and its history. Undefined without ipptool. */
  async purge(number: string): Promise<RunResult | undefined> {
    // ipptool reads its request from a file (not a pipe): a short-lived one, the same for every job.
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-purge-'));
    try {
      // Readable by ipptool whoever it runs as: the request is the same for every job, nothing secret.
      await chmod(dir, 0o755);
      await writeFile(join(dir, 'purge.test'), PURGE_TEST, { mode: 0o644 });
      return await this.ipptool(['-t', '-T', this.seconds(), `ipp://${this.ippHost()}/jobs/${number}`, join(dir, 'purge.test')]);
    } catch (error) {
      return { stdout: '', stderr: (error as Error).message, code: 'error' };
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Where ipptool finds CUPS: the server given, else $CUPS_SERVER (a socket path or host[:port]), else localhost. */
  ippHost(): string {
    const server = this.env.CUPS_SERVER?.trim();
    if (server?.startsWith('/')) return encodeURIComponent(server);
    if (server && /^[A-Za-z0-9.-]+(:\d+)?$/.test(server)) return server;
    return 'localhost';
  }

  /** The time limit in whole seconds, for ipptool's `-T`. */
  seconds(): string {
    return String(Math.max(1, Math.ceil(this.timeoutMs / 1000)));
  }

  /** Staff-facing reason for a failed `lp`. */
  async lpFailure(result: RunResult): Promise<string> {
    if (result.code === 'ENOENT') return 'Cannot print: lp not found (is CUPS installed?)';
    if (result.code === 'ETIMEDOUT') return `Cannot print: lp did not answer within ${this.seconds()} s`;
    const detail = firstLine(result.stderr).replace(/^lp:\s*/, '') || `lp exited with ${result.code}`;
    // With no scheduler lp claims the printer does not exist: say what is really wrong.
    if (!(await this.schedulerRunning())) return `Cannot print: CUPS is not running (${detail})`;
    if (/not accepting jobs/i.test(detail)) {
      const accepting = await this.lpstat(['-a', this.printer]);
      return notAccepting(this.printer, parseAccepting(accepting.stdout, this.printer)?.message ?? '');
    }
    if (/does not exist|unknown destination|invalid destination/i.test(detail)) return `Printer ${this.printer} does not exist`;
    return `Cannot print to ${this.printer}: ${detail}`;
  }

  /**
   * Staff-facing reason for a failed `lpstat` about this printer. `gone` is for jobs: their
   * printer existed when they were queued.
   */
  async lpstatFailure(result: RunResult, missing: 'missing' | 'gone', printer = this.printer): Promise<string> {
    if (result.code === 'ENOENT') return 'lpstat not found';
    if (result.code === 'ETIMEDOUT') return `CUPS did not answer within ${this.seconds()} s`;
    const detail = firstLine(result.stderr);
    // lpstat says "Invalid destination" both for a missing printer and for an unreachable
    // scheduler, so ask the scheduler before blaming the printer.
    if (/unable to connect|scheduler is not running|connection refused/i.test(detail) || !(await this.schedulerRunning())) {
      return 'CUPS is not running';
    }
    if (/invalid destination|does not exist|unknown destination/i.test(detail)) {
      return missing === 'gone' ? `Printer ${printer} no longer exists` : `Printer ${printer} does not exist`;
    }
    return `Printer ${printer}: ${detail.replace(/^lpstat:\s*/, '') || `lpstat exited with ${result.code}`}`;
  }

  private async schedulerRunning(): Promise<boolean> {
    const result = await this.lpstat(['-r']);
    return result.code === 0 && result.stdout.includes('scheduler is running');
  }

  private run(cmd: string, args: string[], input?: Uint8Array, cwd?: string): Promise<RunResult> {
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
}

/** Why a TCP connection to host:port does not open within `timeoutMs`, or undefined when it does. */
export function connectionProblem(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
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
