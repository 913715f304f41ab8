import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';

/** The `<Policy default>` block of CUPS's shipped cupsd.conf; an open policy where that file is missing. */
function defaultPolicy(): string {
  try {
    const shipped = readFileSync('/usr/share/cups/cupsd.conf.default', 'utf8');
    const policy = /<Policy default>[\s\S]*?<\/Policy>/.exec(shipped)?.[0];
    if (policy) return policy;
  } catch {
    // not installed: below
  }
  return '<Policy default>\n  <Limit All>\n    Order deny,allow\n  </Limit>\n</Policy>';
}

/** Why a private CUPS cannot run here (it needs root, cupsd and cups-pdf), or undefined when it can. */
export function privateCupsUnavailable(): string | undefined {
  if (process.getuid?.() !== 0) return 'a private cupsd runs as root only';
  if (!existsSync('/usr/sbin/cupsd')) return 'cupsd is not installed';
  if (!existsSync('/usr/lib/cups/backend/cups-pdf')) return 'the cups-pdf backend is not installed';
  return undefined;
}

/**
 * For tests: a CUPS scheduler of the test's own (its own config, spool and socket in a temp
 * folder), with cups-pdf queues that write into folders of their own. A test may stop it,
 * restart it and break its queues without touching the machine's CUPS or any other test.
 * Point CUPS commands at it with {@link env} (`CUPS_SERVER`).
 */
export class PrivateCups {
  readonly socket: string;
  private daemon: ChildProcess | undefined;
  private readonly queues = new Set<string>();

  private constructor(readonly dir: string) {
    this.socket = join(dir, 'cups.sock');
  }

  /**
   * @param logJobs log each job's steps, with microsecond times, to {@link errorLog} (a bench
   * reads when each job completed); otherwise warnings only.
   */
  static async start({ logJobs = false }: { logJobs?: boolean } = {}): Promise<PrivateCups> {
    const dir = await mkdtemp(join(tmpdir(), 'kiosk-cups-'));
    // Other users may reach the socket (a test may run CUPS commands as an ordinary user).
    await chmod(dir, 0o711);
    for (const sub of ['spool/tmp', 'cache', 'state', 'log', 'ppd', 'ssl', 'out']) await mkdir(join(dir, sub), { recursive: true });
    const cups = new PrivateCups(dir);
    await writeFile(
      join(dir, 'cupsd.conf'),
      [
        `Listen ${cups.socket}`,
        ...(logJobs ? ['LogLevel info', 'LogTimeFormat usecs'] : ['LogLevel warn']),
        // Debian's own setting: a device that does not answer retries the job later.
        'ErrorPolicy retry-job',
        'Browsing No',
        'WebInterface No',
        '<Location />\n  Order allow,deny\n  Allow all\n</Location>',
        // CUPS's own default policy, as a clinic's CUPS has it: what an ordinary user may do is real.
        defaultPolicy(),
        '',
      ].join('\n'),
    );
    await writeFile(
      join(dir, 'cups-files.conf'),
      [
        `ServerRoot ${dir}`,
        `RequestRoot ${dir}/spool`,
        `TempDir ${dir}/spool/tmp`,
        `CacheDir ${dir}/cache`,
        `StateDir ${dir}/state`,
        `ErrorLog ${dir}/log/error_log`,
        `AccessLog ${dir}/log/access_log`,
        `PageLog ${dir}/log/page_log`,
        `ServerKeychain ${dir}/ssl`,
        'SystemGroup root',
        '',
      ].join('\n'),
    );
    await cups.startDaemon();
    return cups;
  }

  /** The scheduler's log (see `start`'s `logJobs`). */
  get errorLog(): string {
    return join(this.dir, 'log', 'error_log');
  }

  /** The scheduler's process id while it runs. */
  get pid(): number | undefined {
    return this.daemon?.exitCode === null ? this.daemon.pid : undefined;
  }

  /** `CUPS_SERVER` for commands that should talk to this scheduler. */
  env(): NodeJS.ProcessEnv {
    return { ...process.env, CUPS_SERVER: this.socket, LANG: 'C', LC_ALL: 'C' };
  }

  /** Runs a CUPS command against this scheduler; its standard output. */
  async cmd(command: string, args: string[]): Promise<string> {
    return (await run(command, args, { env: this.env(), timeout: 20_000 })).stdout;
  }

  /** A cups-pdf queue, enabled and accepting, writing into `outDir(name)`. */
  async addPdfQueue(name = `kiosk-q-${randomBytes(3).toString('hex')}`): Promise<string> {
    await mkdir(this.outDir(name), { recursive: true, mode: 0o1777 });
    // cups-pdf reads /etc/cups/cups-pdf-<name>.conf for the device cups-pdf:/<name>.
    await writeFile(`/etc/cups/cups-pdf-${name}.conf`, `Out ${this.outDir(name)}\n`);
    this.queues.add(name);
    // pdftocairo keeps the text of Chromium's fonts readable to pdftotext (see .ci/setup-cups.sh).
    await this.cmd('lpadmin', ['-p', name, '-v', `cups-pdf:/${name}`, '-E', '-m', PPD, '-o', 'pdftops-renderer-default=pdftocairo']);
    return name;
  }

  outDir(queue: string): string {
    return join(this.dir, 'out', queue);
  }

  /** The PDFs a queue has written so far. */
  async pdfs(queue: string): Promise<string[]> {
    const names = await readdir(this.outDir(queue)).catch(() => [] as string[]);
    return names.filter((name) => name.endsWith('.pdf')).map((name) => join(this.outDir(queue), name));
  }

  /** Stops the scheduler, as a crash or a restart of CUPS would: its jobs stay in its spool. */
  async stop(): Promise<void> {
    const daemon = this.daemon;
    this.daemon = undefined;
    if (!daemon || daemon.exitCode !== null) return;
    const exited = new Promise((resolve) => daemon.once('exit', resolve));
    daemon.kill('SIGTERM');
    await exited;
  }

  /** Starts the scheduler again on the same spool: held and waiting jobs come back. */
  async restart(): Promise<void> {
    await this.stop();
    await this.startDaemon();
  }

  async dispose(): Promise<void> {
    await this.stop();
    for (const queue of this.queues) await rm(`/etc/cups/cups-pdf-${queue}.conf`, { force: true });
    await rm(this.dir, { recursive: true, force: true });
  }

  private async startDaemon(): Promise<void> {
    // -f: in the foreground, so this process owns it and can stop it.
    this.daemon = spawn('/usr/sbin/cupsd', ['-f', '-c', join(this.dir, 'cupsd.conf'), '-s', join(this.dir, 'cups-files.conf')], { stdio: 'ignore' });
    for (let tries = 0; tries < 100; tries++) {
      try {
        if ((await this.cmd('lpstat', ['-r'])).includes('scheduler is running')) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`the private cupsd did not start (see ${this.errorLog})`);
  }
}
