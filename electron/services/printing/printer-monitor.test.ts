import { afterEach, describe, expect, it, vi } from 'vitest';
import { PrinterStatusSchema } from '../../contract/channels';
import { RecordingLogger } from '../../testing/recording-logger';
import type { PrinterCheck, PrintSpooler } from './print-spooler';
import { PrinterMonitor } from './printer-monitor';

const AT = new Date(Date.UTC(2026, 2, 5, 9, 0, 0));

/** A spooler whose `check` answers what the test says next, and can be held until released. */
class CheckingSpooler implements Pick<PrintSpooler, 'kind' | 'check'> {
  readonly kind = 'cups' as const;
  checks = 0;
  answer: PrinterCheck | Error = { ready: true, printer: 'Front-Desk' };
  private gate: Promise<void> | undefined;

  /** Holds every check until `release` is called (a slow `lpstat`). */
  hold(): () => void {
    let release = () => {};
    this.gate = new Promise<void>((resolve) => (release = resolve));
    return () => {
      this.gate = undefined;
      release();
    };
  }

  async check(): Promise<PrinterCheck> {
    this.checks += 1;
    if (this.gate) await this.gate;
    if (this.answer instanceof Error) throw this.answer;
    return { ...this.answer };
  }
}

function setup() {
  const spooler = new CheckingSpooler();
  const log = new RecordingLogger();
  let time = AT.getTime();
  const monitor = new PrinterMonitor(
    () => spooler,
    log,
    () => new Date(time),
  );
  return { spooler, log, monitor, advance: (ms: number) => (time += ms) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PrinterMonitor', () => {
  it('checks on the first status() and then answers from the last check', async () => {
    const { spooler, monitor, advance } = setup();
    const status = await monitor.status();
    expect(status).toEqual({ spooler: 'cups', printer: 'Front-Desk', ready: true, checkedAt: AT.toISOString() });
    expect(PrinterStatusSchema.safeParse(status).success).toBe(true);

    spooler.answer = { ready: false, printer: 'Front-Desk', reason: 'Printer Front-Desk is stopped' };
    advance(5000);
    expect(await monitor.status()).toEqual(status);
    expect(spooler.checks).toBe(1);

    // check() asks again, and status() then answers with that.
    const checked = await monitor.check();
    expect(checked).toEqual({
      spooler: 'cups',
      printer: 'Front-Desk',
      ready: false,
      reason: 'Printer Front-Desk is stopped',
      checkedAt: new Date(AT.getTime() + 5000).toISOString(),
    });
    expect(await monitor.status()).toEqual(checked);
    expect(spooler.checks).toBe(2);
  });

  it('shares a check that is running with everyone who asks meanwhile', async () => {
    const { spooler, monitor } = setup();
    const release = spooler.hold();
    const first = monitor.check();
    const second = monitor.check();
    const third = monitor.status();
    expect(second).toBe(first);
    release();
    const results = await Promise.all([first, second, third]);
    expect(spooler.checks).toBe(1);
    expect(results[2]).toEqual(results[0]);

    // Once it has finished, the next check asks the spooler again.
    await monitor.check();
    expect(spooler.checks).toBe(2);
  });

  it('logs only changes: ready, not ready, not ready again is two lines', async () => {
    const { spooler, monitor, log } = setup();
    await monitor.check();
    spooler.answer = { ready: false, printer: 'Front-Desk', reason: 'Printer Front-Desk is out of paper' };
    await monitor.check();
    await monitor.check();
    expect(log.lines).toEqual([
      { level: 'info', event: 'printer-ready', details: { spooler: 'cups', printer: 'Front-Desk' } },
      { level: 'warn', event: 'printer-not-ready', details: { spooler: 'cups', printer: 'Front-Desk', reason: 'Printer Front-Desk is out of paper' } },
    ]);

    // A new reason is a change; ready again is a change.
    spooler.answer = { ready: false, printer: 'Front-Desk', reason: 'Printer Front-Desk is offline' };
    await monitor.check();
    spooler.answer = { ready: true, printer: 'Front-Desk' };
    await monitor.check();
    await monitor.check();
    expect(log.lines.slice(2).map((l) => [l.event, l.details?.reason])).toEqual([
      ['printer-not-ready', 'Printer Front-Desk is offline'],
      ['printer-ready', undefined],
    ]);
  });

  it('reports a check that throws as not ready, with the reason', async () => {
    const { spooler, monitor, log } = setup();
    spooler.answer = new Error('spawn lpstat ENOENT');
    const status = await monitor.check();
    expect(status).toMatchObject({ spooler: 'cups', ready: false, reason: 'check failed: spawn lpstat ENOENT' });
    expect(PrinterStatusSchema.safeParse(status).success).toBe(true);
    expect(log.lines).toEqual([
      { level: 'warn', event: 'printer-not-ready', details: { spooler: 'cups', printer: '', reason: 'check failed: spawn lpstat ENOENT' } },
    ]);

    // It keeps checking: the next check can find the printer ready.
    spooler.answer = { ready: true, printer: 'Front-Desk' };
    expect(await monitor.check()).toMatchObject({ ready: true });
  });

  it('checks at start and every N seconds, until stopped', async () => {
    vi.useFakeTimers();
    const { spooler, monitor } = setup();
    monitor.start(180);
    expect(spooler.checks).toBe(1);

    await vi.advanceTimersByTimeAsync(179_000);
    expect(spooler.checks).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(spooler.checks).toBe(2);
    spooler.answer = { ready: false, printer: 'Front-Desk', reason: 'Printer Front-Desk is stopped' };
    await vi.advanceTimersByTimeAsync(180_000);
    expect(spooler.checks).toBe(3);
    expect(await monitor.status()).toMatchObject({ ready: false, reason: 'Printer Front-Desk is stopped' });

    monitor.stop();
    await vi.advanceTimersByTimeAsync(10 * 180_000);
    expect(spooler.checks).toBe(3);
    expect(vi.getTimerCount()).toBe(0);
  });
});
