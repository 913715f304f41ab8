import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PPD = 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd';

/**
 * A throwaway cups-pdf queue for one test, so faults injected into it (stop, reject, delete,
 * a dead device) touch nothing else. Its PDFs land in the shared cups-pdf output folder.
 */
export class TestQueue {
  readonly name = `kiosk-e2e-${randomBytes(4).toString('hex')}`;

  async create(): Promise<this> {
    await run('lpadmin', ['-p', this.name, '-v', 'cups-pdf:/', '-E', '-m', PPD, '-o', 'pdftops-renderer-default=pdftocairo']);
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
  /** Points the queue back at cups-pdf and enables it (CUPS stops a queue whose device failed). */
  async repairDevice(): Promise<void> {
    await run('lpadmin', ['-p', this.name, '-v', 'cups-pdf:/']);
    await this.start();
  }
  /** `lpadmin -x`: the queue is gone. */
  remove = () => run('lpadmin', ['-x', this.name]).catch(() => undefined);
}
