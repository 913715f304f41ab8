import type { PrinterStatus } from '../../contract/channels';
import type { Logger } from '../log';
import type { PrintSpooler } from './print-spooler';

/**
 * Checks the printer when the kiosk starts, every few minutes, and right after a failed print,
 * so the handouts screen can say printing is unavailable before a patient chooses, and staff
 * see why. Logs only changes.
 */
export class PrinterMonitor {
  private last: PrinterStatus | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private checking: Promise<PrinterStatus> | undefined;

  constructor(
    private readonly spooler: () => Pick<PrintSpooler, 'kind' | 'check'>,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
    /** Called after every check, whatever it found. */
    private readonly afterCheck: (status: PrinterStatus) => void = () => {},
  ) {}

  /** Checks now and then every `seconds`. */
  start(seconds: number): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), seconds * 1000);
    this.timer.unref?.();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The last result without asking again; undefined before the first check ends. */
  latest(): PrinterStatus | undefined {
    return this.last;
  }

  /** The last result, checking first if there is none yet. */
  async status(): Promise<PrinterStatus> {
    return this.last ?? this.check();
  }

  /** Asks the spooler now; calls made while a check runs share it. */
  check(): Promise<PrinterStatus> {
    this.checking ??= this.run().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async run(): Promise<PrinterStatus> {
    const spooler = this.spooler();
    const result = await spooler.check().catch((error: Error) => ({ ready: false, printer: '', reason: `check failed: ${error.message}` }));
    const status: PrinterStatus = { spooler: spooler.kind, ...result, checkedAt: this.now().toISOString() };
    if (this.last?.ready !== status.ready || this.last?.reason !== status.reason) {
      if (status.ready) this.log.info('printer-ready', { spooler: status.spooler, printer: status.printer });
      else this.log.warn('printer-not-ready', { spooler: status.spooler, printer: status.printer, reason: status.reason });
    }
    this.last = status;
    this.afterCheck(status);
    return status;
  }
}
