import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `I [03/Dec/2026:17:53:39.182236 +0000] [Job 1] Job completed.` (LogLevel info, LogTimeFormat usecs). */
const COMPLETED = /^\w \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})\.(\d{6}) ([+-])(\d{2})(\d{2})\] \[Job (\d+)\] Job completed\.$/;

/** Every job a cupsd log says completed, by job number, with when (epoch ms, to the microsecond). */
export function completedJobs(log: string): Map<number, number> {
  const jobs = new Map<number, number>();
  for (const line of log.split('\n')) {
    const m = COMPLETED.exec(line);
    if (!m) continue;
    const [, day, month, year, hour, minute, second, micros, sign, offsetHours, offsetMinutes, job] = m;
    const utc = Date.UTC(Number(year), MONTHS.indexOf(month!), Number(day), Number(hour), Number(minute), Number(second)) + Number(micros) / 1000;
    const offsetMs = (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000;
    jobs.set(Number(job), utc - offsetMs);
  }
  return jobs;
}

/**
 * Follows a private cupsd's log (`PrivateCups.start({ logJobs: true })`): the bench sends one job
 * at a time, so the next job to complete that was not complete before is that job. Reading the
 * log costs no CUPS request, so watching does not slow the jobs watched.
 */
export class CupsJobLog {
  private seen = new Set<number>();

  constructor(private readonly file: string) {}

  /** Marks every job completed so far as seen: the next `nextCompleted` is a job sent after this. */
  async mark(): Promise<void> {
    this.seen = new Set((await this.read()).keys());
  }

  /** When the next job (after `mark`, or the last one returned) completed, in epoch ms; throws after `timeoutMs`. */
  async nextCompleted(timeoutMs = 30_000): Promise<{ job: number; at: number }> {
    const until = performance.now() + timeoutMs;
    while (performance.now() < until) {
      for (const [job, at] of await this.read()) {
        if (this.seen.has(job)) continue;
        this.seen.add(job);
        return { job, at };
      }
      await sleep(20);
    }
    throw new Error(`no CUPS job completed within ${timeoutMs / 1000} s (see ${this.file})`);
  }

  private async read(): Promise<Map<number, number>> {
    return completedJobs(await readFile(this.file, 'utf8').catch(() => ''));
  }
}
