import { describe, expect, it } from 'vitest';
import { IdleTimer, type Clock } from './idle-timer';

/** A clock moved by hand: timeouts and intervals fire in time order as `advance` passes them. */
class FakeClock implements Clock {
  private now = 0;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void; every?: number }>();

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  setInterval(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, fn, every: ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** How many timers are waiting: 0 means nothing will ever fire. */
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      const [id, timer] = due;
      this.now = timer.at;
      if (timer.every) timer.at += timer.every;
      else this.timers.delete(id);
      timer.fn();
    }
    this.now = end;
  }
}

function setup(warnAfterMs = 45_000, countdownMs = 20_000) {
  const clock = new FakeClock();
  const calls: string[] = [];
  const timer = new IdleTimer(
    {
      warnAfterMs,
      countdownMs,
      onWarn: (s) => calls.push(`warn ${s}`),
      onTick: (s) => calls.push(`tick ${s}`),
      onExpire: () => calls.push('expire'),
    },
    clock,
  );
  return { clock, calls, timer };
}

describe('IdleTimer', () => {
  it('does nothing until started', () => {
    const { clock, calls } = setup();
    clock.advance(600_000);
    expect(calls).toEqual([]);
  });

  it('warns after the quiet time, counts down each second, then expires once', () => {
    const { clock, calls, timer } = setup(45_000, 5_000);
    timer.activity();
    clock.advance(44_999);
    expect(calls).toEqual([]);
    clock.advance(1);
    expect(calls).toEqual(['warn 5']);
    clock.advance(1000);
    expect(calls).toEqual(['warn 5', 'tick 4']);
    clock.advance(3000);
    expect(calls).toEqual(['warn 5', 'tick 4', 'tick 3', 'tick 2', 'tick 1']);
    clock.advance(999);
    expect(calls).not.toContain('expire');
    clock.advance(1);
    expect(calls).toEqual(['warn 5', 'tick 4', 'tick 3', 'tick 2', 'tick 1', 'expire']);

    clock.advance(600_000);
    expect(calls.filter((c) => c === 'expire')).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('counts down the configured 20 seconds', () => {
    const { clock, calls, timer } = setup(45_000, 20_000);
    timer.activity();
    clock.advance(45_000 + 20_000);
    expect(calls[0]).toBe('warn 20');
    expect(calls.slice(1, -1)).toEqual(Array.from({ length: 19 }, (_, i) => `tick ${19 - i}`));
    expect(calls.at(-1)).toBe('expire');
  });

  it('rounds a countdown that is not whole seconds up', () => {
    const { clock, calls, timer } = setup(1000, 2500);
    timer.activity();
    clock.advance(1000);
    expect(calls).toEqual(['warn 3']);
  });

  it('starts the quiet time over on activity before the warning', () => {
    const { clock, calls, timer } = setup(45_000, 20_000);
    timer.activity();
    clock.advance(40_000);
    timer.activity();
    clock.advance(40_000);
    expect(calls).toEqual([]);
    clock.advance(5_000);
    expect(calls).toEqual(['warn 20']);
  });

  it('cancels the countdown on activity and starts over from the full quiet time', () => {
    const { clock, calls, timer } = setup(45_000, 20_000);
    timer.activity();
    clock.advance(45_000 + 3_000);
    expect(calls).toEqual(['warn 20', 'tick 19', 'tick 18', 'tick 17']);

    timer.activity(); // "I need more time"
    calls.length = 0;
    clock.advance(44_999);
    expect(calls).toEqual([]);
    expect(clock.pending).toBe(1);
    clock.advance(1);
    expect(calls).toEqual(['warn 20']);
    clock.advance(20_000);
    expect(calls.at(-1)).toBe('expire');
    expect(calls.filter((c) => c === 'expire')).toHaveLength(1);
  });

  it('stop() cancels the quiet time and the countdown', () => {
    const { clock, calls, timer } = setup(45_000, 20_000);
    timer.activity();
    timer.stop();
    clock.advance(600_000);
    expect(calls).toEqual([]);

    timer.activity();
    clock.advance(46_000);
    expect(calls).toEqual(['warn 20', 'tick 19']);
    timer.stop();
    expect(clock.pending).toBe(0);
    clock.advance(600_000);
    expect(calls).toEqual(['warn 20', 'tick 19']);
  });

  it('keeps one timer however often activity comes', () => {
    const { clock, timer } = setup();
    for (let i = 0; i < 50; i++) timer.activity();
    expect(clock.pending).toBe(1);
  });

  it('waits while held, however long, and gives the full quiet time again after release', () => {
    const { clock, calls, timer } = setup(45_000, 20_000);
    timer.activity();
    clock.advance(40_000);
    timer.hold();
    expect(clock.pending).toBe(0);
    clock.advance(600_000);
    expect(calls).toEqual([]);

    timer.release();
    clock.advance(44_999);
    expect(calls).toEqual([]);
    clock.advance(1);
    expect(calls).toEqual(['warn 20']);
  });

  it('a hold during the countdown cancels it; activity while held starts nothing', () => {
    const { clock, calls, timer } = setup(45_000, 5_000);
    timer.activity();
    clock.advance(46_000);
    expect(calls).toEqual(['warn 5', 'tick 4']);
    timer.hold();
    timer.activity();
    expect(clock.pending).toBe(0);
    clock.advance(600_000);
    expect(calls).toEqual(['warn 5', 'tick 4']);
    timer.release();
    expect(clock.pending).toBe(1);
  });

  it('release does not start a timer that was stopped (Welcome, staff) or never started', () => {
    const { clock, calls, timer } = setup(1_000, 1_000);
    timer.hold();
    timer.release();
    expect(clock.pending).toBe(0);

    timer.activity();
    timer.hold();
    timer.stop();
    timer.release();
    clock.advance(600_000);
    expect(calls).toEqual([]);
  });

  it('release without a hold changes nothing', () => {
    const { clock, calls, timer } = setup(45_000, 20_000);
    timer.activity();
    clock.advance(40_000);
    timer.release();
    clock.advance(5_000);
    expect(calls).toEqual(['warn 20']);
  });
});
