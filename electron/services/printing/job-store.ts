import { z } from 'zod';
import { JobStateSchema, type StaffJob } from '../../contract/channels';
import { JsonFileWriter, readJsonFile } from '../fs/json-file';
import type { SaveWatcher } from '../fs/save-problems';
import { localDay } from '../local-day';

const DocumentSchema = z.object({
  /** Print page address: which handout (or slip, or test page) and language. Dropped once printed. */
  pagePath: z.string().optional(),
  /** Random, unique to one sending: how the spooler finds a document a crash interrupted. */
  key: z.string().optional(),
  /** When its sending began (set with `key`, before the spooler is called). */
  sentAt: z.iso.datetime().optional(),
  spoolId: z.string().optional(),
  /**
   * `pending`: not yet sent. `sending`: handed to the spooler, its id not yet on record.
   * `unknown`: may still print; `settles` says whether the kiosk can still find out.
   */
  state: z.enum(['pending', 'sending', 'queued', 'printing', 'done', 'failed', 'unknown', 'cancelled']),
  reason: z.string().optional(),
  settles: z.boolean().optional(),
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

/** Finished jobs stay in memory an hour: the patient's screen asks after them, and the hourly limits count them. */
const KEEP_FINISHED_MS = 3600_000;

/**
 * The print jobs. Only what a restart must not lose is written to the data folder
 * (`print-jobs.json`): jobs still under way, and failed ones waiting for staff, until the day they
 * were made ends. A printed or cancelled job is never written: at rest nothing says who printed
 * what. Jobs whose fate is not known yet are kept until it is.
 */
export class JobStore {
  private jobs = new Map<string, JobRecord>();
  private readonly writer: JsonFileWriter;
  /** What is in the file now, so a change to a job that is not written costs no write. */
  private written = '[]';

  private constructor(
    file: string,
    private readonly now: () => Date,
    watcher?: SaveWatcher,
  ) {
    this.writer = new JsonFileWriter(file, watcher);
  }

  /** Saves that fail are told to `watcher` as well as to the caller. */
  static async open(
    file: string,
    now: () => Date = () => new Date(),
    onProblem: (message: string) => void = () => {},
    watcher?: SaveWatcher,
  ): Promise<JobStore> {
    const store = new JobStore(file, now, watcher);
    const stored = (await readJsonFile(file, JobsFileSchema, onProblem)) ?? [];
    for (const job of stored) store.jobs.set(job.id, job);
    store.written = JSON.stringify(stored);
    return store;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id);
  }

  /** Newest first; jobs of the same minute, the last made first. */
  all(): JobRecord[] {
    return [...this.jobs.values()].reverse().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Jobs of `kind` made in the last `ms`, reserved ones included (for the kiosk's hourly limits). */
  countSince(ms: number, kind: JobRecord['kind']): number {
    const since = this.now().getTime() - ms;
    return [...this.jobs.values()].filter((j) => j.kind === kind && Date.parse(j.createdAt) >= since).length;
  }

  /** Holds a place for a job being laid out, in memory: the next request already counts it. */
  /** The spooler ids of every document on record: what the spooler may hold of this kiosk's and is known. */
  spoolIds(): Set<string> {
    return new Set(this.all().flatMap((job) => job.documents.flatMap((doc) => (doc.spoolId ? [doc.spoolId] : []))));
  }

  reserve(job: JobRecord): void {
    this.jobs.set(job.id, job);
  }

  /** Forgets a reserved job that was refused before anything of it was sent. */
  drop(id: string): Promise<void> {
    this.jobs.delete(id);
    return this.write();
  }

  /** Stores a new or changed job, and writes the file when what it must hold changed. */
  save(job: JobRecord): Promise<void> {
    this.jobs.set(job.id, job);
    return this.write();
  }

  /** Lets go of what is no longer needed (see the class comment); the ids of jobs dropped. */
  async prune(): Promise<string[]> {
    const dropped = this.expired();
    for (const id of dropped) this.jobs.delete(id);
    await this.write();
    return dropped;
  }

  private expired(): string[] {
    const now = this.now();
    const today = localDay(now);
    return [...this.jobs.values()]
      .filter((job) => {
        if (isFinished(job)) return now.getTime() - Date.parse(job.createdAt) > KEEP_FINISHED_MS;
        // A job waiting for staff (failed, or fate never to be known) is kept until its day ends;
        // one that may still print, until the kiosk knows.
        const waitingForStaff = (job.state === 'failed' || job.state === 'unknown') && !job.documents.some(isOpen);
        return waitingForStaff && localDay(new Date(job.createdAt)) !== today;
      })
      .map((job) => job.id);
  }

  private write(): Promise<void> {
    const expired = new Set(this.expired());
    const kept = [...this.jobs.values()].filter((job) => !isFinished(job) && !expired.has(job.id));
    const text = JSON.stringify(kept);
    if (text === this.written) return Promise.resolve();
    this.written = text;
    return this.writer.save(kept);
  }
}

function isFinished(job: JobRecord): boolean {
  return job.state === 'done' || job.state === 'cancelled';
}

/** A document whose fate the kiosk is still following. */
export function isOpen(doc: JobDocument): boolean {
  return doc.state === 'sending' || doc.state === 'queued' || doc.state === 'printing' || (doc.state === 'unknown' && doc.settles !== false);
}

/** A document staff may send again: nothing of it can print, or no one can ever tell (staff check the tray). */
export function isRetryable(doc: JobDocument): boolean {
  return doc.pagePath !== undefined && (doc.state === 'failed' || (doc.state === 'unknown' && doc.settles === false));
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
    canRetry: job.documents.some(isRetryable),
    canCancel: !isFinished(job),
  };
}
