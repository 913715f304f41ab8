import { PrivateCups } from '../../electron/testing/private-cups';

/**
 * A throwaway cups-pdf queue for one test, on a CUPS scheduler of the test's own
 * (`PrivateCups`), so the faults it injects (stop, reject, delete, a dead device, CUPS itself
 * down) touch nothing else, and tests that print can run side by side. Its PDFs land in a folder
 * of its own. The kiosk host talks to it through `env()` (`CUPS_SERVER`).
 */
export class TestQueue {
  private constructor(
    readonly cups: PrivateCups,
    readonly name: string,
  ) {}

  static async create(): Promise<TestQueue> {
    const cups = await PrivateCups.start();
    return new TestQueue(cups, await cups.addPdfQueue());
  }

  get outDir(): string {
    return this.cups.outDir(this.name);
  }

  /** For the kiosk host's process: where its CUPS is. */
  env(): NodeJS.ProcessEnv {
    return { CUPS_SERVER: this.cups.socket };
  }

  private lpadmin = (...args: string[]) => this.cups.cmd('lpadmin', ['-p', this.name, ...args]);
  /** `cupsdisable`: the queue stops (jobs wait). */
  stop = () => this.cups.cmd('cupsdisable', [this.name]);
  /** `cupsenable`. */
  start = () => this.cups.cmd('cupsenable', [this.name]);
  /** `cupsreject`: the queue refuses new jobs. */
  reject = () => this.cups.cmd('cupsreject', [this.name]);
  accept = () => this.cups.cmd('cupsaccept', [this.name]);
  /** Points the queue at a device that is not there (a closed local port). */
  breakDevice = () => this.lpadmin('-v', 'socket://127.0.0.1:9');
  /** Points the queue back at its cups-pdf device and enables it (CUPS stops a queue whose device failed). */
  async repairDevice(): Promise<void> {
    await this.lpadmin('-v', `cups-pdf:/${this.name}`);
    await this.start();
  }
  /** `lpadmin -x`: the queue is gone (its folder stays). */
  remove = () => this.cups.cmd('lpadmin', ['-x', this.name]).catch(() => undefined);
  /** The queue again, after `remove`. */
  recreate = () => this.cups.addPdfQueue(this.name);
  /** CUPS itself goes down (its jobs stay in its spool), and comes back. */
  cupsDown = () => this.cups.stop();
  cupsUp = () => this.cups.restart();
  /** Every job CUPS still knows of on this queue, active or in its history (`lpstat -W all -o`). */
  jobsKnown = async (): Promise<string[]> =>
    (await this.cups.cmd('lpstat', ['-W', 'all', '-o', this.name]).catch(() => '')).split('\n').filter((line) => line.startsWith(`${this.name}-`));

  dispose = () => this.cups.dispose();
}
