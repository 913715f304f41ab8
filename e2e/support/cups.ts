import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';

/**
 * A throwaway cups-pdf queue for one test, so faults injected into it (stop, reject, delete,
 * a dead device) touch nothing else. It writes its PDFs into a folder of its own (cups-pdf reads
 * /etc/cups/cups-pdf-<name>.conf for the device cups-pdf:/<name>), so a test sees only its prints.
 */
export class TestQueue {
  readonly name = `kiosk-e2e-${randomBytes(4).toString('hex')}`;
  readonly outDir = `/var/spool/cups-pdf/${this.name}`;
  private readonly confFile = `/etc/cups/cups-pdf-${this.name}.conf`;
  private readonly device = `cups-pdf:/${this.name}`;

  async create(): Promise<this> {
    await mkdir(this.outDir, { recursive: true, mode: 0o1777 });
    await writeFile(this.confFile, `Out ${this.outDir}\n`);
    // pdftocairo keeps the text of Chromium's fonts readable to pdftotext (see .ci/setup-cups.sh).
    await run('lpadmin', ['-p', this.name, '-v', this.device, '-E', '-m', PPD, '-o', 'pdftops-renderer-default=pdftocairo']);
    return this;
  }
  /** `cupsdisable`: the queue stops (jobs wait). */
  stop = () => run('cupsdisable', [this.name]);
  /** `cupsenable`. */
  start = () => run('cupsenable', [this.name]);
  /** `cupsreject`: the queue refuses new jobs. */
  reject = () => run('cupsreject', [this.name]);
  accept = () => run('cupsaccept', [this.name]);
  /** Points the queue at a device that is not there (a closed local port). */
  breakDevice = () => run('lpadmin', ['-p', this.name, '-v', 'socket://127.0.0.1:9']);
  /** Points the queue back at its cups-pdf device and enables it (CUPS stops a queue whose device failed). */
  async repairDevice(): Promise<void> {
    await run('lpadmin', ['-p', this.name, '-v', this.device]);
    await this.start();
  }
  /** `lpadmin -x`: the queue is gone (its folder stays until `dispose`). */
  remove = () => run('lpadmin', ['-x', this.name]).catch(() => undefined);

  async dispose(): Promise<void> {
    await this.remove();
    await rm(this.outDir, { recursive: true, force: true });
    await rm(this.confFile, { force: true });
  }
}
