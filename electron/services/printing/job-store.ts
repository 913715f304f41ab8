import { z } from 'zod';
import { JobStateSchema, type StaffJob } from '../../contract/channels';
import { JsonFileWriter, readJsonFile } from '../fs/json-file';
import type { SaveWatcher } from '../fs/save-problems';

const DocumentSchema = z.object({
  /** Print page address: says which handout (or slip, or test page) and language, nothing of the person. */
  pagePath: z.string(),
  spoolId: z.string().optional(),
  state: z.enum(['pending', 'queued', 'printing', 'done', 'failed', 'cancelled']),
  reason: z.string().optional(),
});
export type JobDocument = z.infer<typeof DocumentSchema>;

const JobRecordSchema = z.object({
  id: z.string(),
  createdAt: z.iso.datetime(),
  kind: z.enum(['handouts', 'phone-slip', 'test-page']),
  copies: z.number().int().positive(),
  pages: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  state: JobStateSchema,
  reason: z.string().optional(),
  documents: z.array(DocumentSchema),
});
/** A print job as the host keeps it: handout pages and counts, never anything about the person. */
export type JobRecord = z.infer<typeof JobRecordSchema>;

const JobsFileSchema = z.array(JobRecordSchema);

/** Finished jobs are forgotten after an hour (enough for the hourly limit); unfinished ones after a week. */
const KEEP_FINISHED_MS = 3600_000;
const KEEP_ANY_MS = 7 * 24 * 3600_000;

/**
 * The print jobs, kept in the data folder so a restart loses none: staff still see a failed job
 * and its reason, and can retry it.
 */
export class JobStore {
  private jobs = new Map<string, JobRecord>();
  private readonly writer: JsonFileWriter;

  private constructor(
    file: string,
    private readonly now: () => Date,
    watcher?: SaveWatcher,
  ) {
    this.writer = new JsonFileWriter(file, watcher);
  }

  /** Saves that fail are told to `watcher`. */
  static async open(file: string, now: () => Date = () => new Date(), onProblem: (message: string) => void = () => {}, watcher?: SaveWatcher): Promise<JobStore> {
    const store = new JobStore(file, now, watcher);
    for (const job of (await readJsonFile(file, JobsFileSchema, onProblem)) ?? []) store.jobs.set(job.id, job);
    return store;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** Newest first. */
  all(): JobRecord[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Patient jobs made in the last `ms` (for the kiosk's hourly limit; staff test pages do not count). */
  countSince(ms: number): number {
    const since = this.now().getTime() - ms;
    return [...this.jobs.values()].filter((j) => j.kind !== 'test-page' && Date.parse(j.createdAt) >= since).length;
  }

  /**
   * Stores a new or changed job and saves the list. A save that fails goes to the watcher, not to
   * the caller: the job is kept in memory and the patient's print goes on.
   */
  save(job: JobRecord): Promise<void> {
    this.jobs.set(job.id, job);
    this.prune();
    return this.writer.save([...this.jobs.values()]).catch(() => {});
  }

  private prune(): void {
    const now = this.now().getTime();
    for (const job of this.jobs.values()) {
      const age = now - Date.parse(job.createdAt);
      const finished = job.state === 'done' || job.state === 'cancelled';
      if (age > KEEP_ANY_MS || (finished && age > KEEP_FINISHED_MS)) this.jobs.delete(job.id);
    }
  }
}

/** What staff see of a job. */
export function toStaffJob(job: JobRecord): StaffJob {
  return {
    id: job.id,
    state: job.state,
    pages: job.pages,
    createdAt: job.createdAt,
    kind: job.kind,
    documents: job.documents.length,
    copies: job.copies,
    attempts: job.attempts,
    ...(job.reason && { reason: job.reason }),
  };
}
