/**
 * When to ask after print jobs under way: soon after something changed (a print takes well under
 * a second on a ready printer), then twice as long each time, up to `mostMs`. One at a time.
 */
export class FollowUps {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private gap: number;
  /** When the planned follow-up runs (Date.now() clock). */
  private dueAt = 0;
  private stopped = false;

  constructor(
    private readonly run: () => void,
    private readonly firstMs: number,
    private readonly mostMs: number,
  ) {
    this.gap = Math.min(firstMs, mostMs);
  }

  /** Something changed: the next follow-up comes soon, also when one was planned further off. */
  soon(): void {
    this.gap = Math.min(this.firstMs, this.mostMs);
    if (this.timer && this.dueAt - Date.now() > this.gap) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.plan();
    }
  }

  /** Plans the next follow-up, unless one is planned already. */
  plan(): void {
    if (this.stopped || this.timer) return;
    this.dueAt = Date.now() + this.gap;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.run();
    }, this.gap);
    this.timer.unref?.();
    this.gap = Math.min(this.gap * 2, this.mostMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
