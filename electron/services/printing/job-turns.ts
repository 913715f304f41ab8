/**
 * Per job, the operation running on it. Everything that reads and then writes a job waits its
 * turn, so no answer overwrites a newer one: a second retry sees the first one's result instead
 * of printing again, and a cancel cannot be undone.
 */
export class JobTurns {
  private readonly turns = new Map<string, Promise<unknown>>();

  /** `afterEach` runs once each operation has ended (the print service then plans its follow-up). */
  constructor(private readonly afterEach: () => void) {}

  /** Runs `work` on job `id` after whatever is already running on it. */
  run<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(id) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    const settled = next.catch(() => {});
    this.turns.set(id, settled);
    void settled.then(() => {
      if (this.turns.get(id) === settled) this.turns.delete(id);
      this.afterEach();
    });
    return next;
  }

  /** Whether an operation is running on any job. */
  busy(): boolean {
    return this.turns.size > 0;
  }

  /** Lets go of a job no longer kept. */
  forget(id: string): void {
    this.turns.delete(id);
  }
}
