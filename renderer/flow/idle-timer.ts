/** Timer functions, injectable so tests can drive time. */
export interface Clock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface IdleTimerOptions {
  warnAfterMs: number;
  countdownMs: number;
  /** The warning shows; `secondsLeft` counts down each second until `onExpire`. */
  onWarn: (secondsLeft: number) => void;
  onTick: (secondsLeft: number) => void;
  onExpire: () => void;
}

const browserClock: Clock = {
  setTimeout: (fn, ms) => window.setTimeout(fn, ms),
  clearTimeout: (h) => window.clearTimeout(h as number),
  setInterval: (fn, ms) => window.setInterval(fn, ms),
  clearInterval: (h) => window.clearInterval(h as number),
};

/**
 * "Are you still there?": after `warnAfterMs` without activity it warns, counts down for
 * `countdownMs`, then expires. Any activity (or "I need more time") starts over. While held (the
 * kiosk is reading the screen aloud: the person is listening, not gone) it waits.
 */
export class IdleTimer {
  private warnHandle: unknown;
  private tickHandle: unknown;
  private secondsLeft = 0;
  /** Started by `activity()` and not stopped since: what `release()` goes back to. */
  private running = false;
  private held = false;

  constructor(
    private readonly options: IdleTimerOptions,
    private readonly clock: Clock = browserClock,
  ) {}

  /** Starts (or restarts) the quiet period. Call on every touch, key or "more time". */
  activity(): void {
    this.clear();
    this.running = true;
    if (!this.held) this.warnHandle = this.clock.setTimeout(() => this.warn(), this.options.warnAfterMs);
  }

  stop(): void {
    this.clear();
    this.running = false;
  }

  /** Waits (no warning, no countdown) until `release()`, e.g. while the screen is read aloud. */
  hold(): void {
    this.held = true;
    this.clear();
  }

  /** Ends a hold: a running timer starts its full quiet time over, since the person was listening. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    if (this.running) this.activity();
  }

  private clear(): void {
    this.clock.clearTimeout(this.warnHandle);
    this.clock.clearInterval(this.tickHandle);
    this.warnHandle = this.tickHandle = undefined;
  }

  private warn(): void {
    this.secondsLeft = Math.ceil(this.options.countdownMs / 1000);
    this.options.onWarn(this.secondsLeft);
    this.tickHandle = this.clock.setInterval(() => {
      this.secondsLeft -= 1;
      if (this.secondsLeft > 0) return this.options.onTick(this.secondsLeft);
      this.stop();
      this.options.onExpire();
    }, 1000);
  }
}
