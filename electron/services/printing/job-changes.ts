/**
 * Lets callers wait for a print job to change: the patient's screen asks "printed yet?" once and
 * is answered when it is, not on its next poll.
 */
export class JobChanges {
  private readonly waiting = new Map<string, Set<() => void>>();
  private closed = false;

  /** What `read()` gives once `moved` says it changed, or after `ms` (or at close) whatever it is then. */
  async until<T>(id: string, ms: number, read: () => T, moved: (value: T) => boolean): Promise<T> {
    const end = Date.now() + ms;
    let value = read();
    while (!moved(value) && !this.closed && Date.now() < end) {
      await this.next(id, end - Date.now());
      value = read();
    }
    return value;
  }

  /** Resolves at job `id`'s next change, or after `ms` (whichever comes first). */
  next(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.waiting.get(id) ?? new Set<() => void>();
      this.waiting.set(id, waiters);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.waiting.get(id) === waiters) this.waiting.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });
  }

  /** Job `id` changed: whoever waits for it is answered. */
  changed(id: string): void {
    for (const done of [...(this.waiting.get(id) ?? [])]) done();
  }

  /** Answers every caller still waiting (the host is closing). */
  close(): void {
    this.closed = true;
    for (const id of [...this.waiting.keys()]) this.changed(id);
  }
}
