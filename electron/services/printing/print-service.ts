import { randomBytes, randomUUID } from 'node:crypto';
import type { PrintJob, PrintRequest, StaffJob } from '../../contract/channels';
import type { KioskConfig } from '../../contract/config';
import { printPagePath } from '../../contract/print-page';
import type { HandoutLibrary } from '../content/handout-library';
import type { CountsStore } from '../counts/counts-store';
import { KioskError } from '../kiosk-error';
import type { Logger } from '../log';
import { isOpen, isRetryable, toStaffJob, type JobDocument, type JobRecord, type JobStore } from './job-store';
import { jobState } from './job-state';
import { countPdfPages, type PdfRenderer } from './pdf-renderer';
import type { PrintSpooler, SpoolJob } from './print-spooler';

/**
 * Every job has the same title in the print queue: a title naming a handout, or "phone slip",
 * next to a time would say something about the person who printed it.
 */
export const JOB_TITLE = 'Kiosk print';
const HOUR_MS = 3600_000;
/** How often jobs under way are asked after, so their end is known (and recorded) soon. */
const FOLLOW_UP_MS = 2_000;
const CANNOT_REACH = 'The kiosk cannot reach the printer system to take this job back. Nothing was changed: try again in a minute.';

export interface PrintServiceDeps {
  config: () => KioskConfig;
  library: () => HandoutLibrary;
  renderer: PdfRenderer;
  spooler: () => PrintSpooler;
  counts: CountsStore;
  jobs: JobStore;
  log: Logger;
  now?: () => Date;
  /** Called when a print fails, so the printer check can run again at once. */
  onFailure?: () => void;
  /** How often jobs under way are followed up (default 2 s; tests make it short). */
  followUpMs?: number;
}

/**
 * Print jobs from request to paper, each page exactly once. Each handout is one document (its own
 * disclaimer, credits and date on every page) and one spooler job; the kiosk job groups them.
 *
 * - Limits reserve first: a job holds its place before it is laid out, so a burst cannot pass them.
 * - Intent before paper: a document is recorded as `sending` before the spooler gets it, and its
 *   spooler id is recorded before it can print. After a crash the spooler is asked to recover it.
 * - A document is `failed` only when nothing of it can print; when the printer system cannot be
 *   asked it is `unknown` and followed up until it can. Staff retry only what cannot print.
 * - Nothing printed stays at rest: see {@link JobStore}.
 */
export class PrintService {
  /**
   * Per job, the operation running on it. Everything that reads and then writes a job waits its
   * turn, so no answer overwrites a newer one: a second retry sees the first one's result instead
   * of printing again, and a cancel cannot be undone.
   */
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly now: () => Date;
  private followUp: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** Jobs this process made (a resume leaves them alone). */
  private readonly made = new Set<string>();
  /** Spooler ids of documents that ended, per job: the spooler forgets them once the job is saved. */
  private readonly toForget = new Map<string, string[]>();

  constructor(private readonly deps: PrintServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** A patient's print: handouts or the phone slip, within the kiosk's limits. */
  async submit(request: PrintRequest): Promise<PrintJob> {
    const config = this.deps.config();
    const pagePaths = this.pagePaths(request, config);
    const limit = request.kind === 'handouts' ? config.print.limits.jobsPerHour : config.print.limits.slipsPerHour;
    // Counted and reserved with no wait in between: prints sent at once cannot all pass.
    if (this.deps.jobs.countSince(HOUR_MS, request.kind) >= limit) {
      // Which hourly limit is left out: the slip's would say that someone was told to stay out.
      this.deps.log.warn('print-limit', { limit: 'hourly' });
      throw new KioskError('limit', 'the kiosk has printed as much as it may this hour');
    }
    return toPatientJob(await this.create(request.kind, pagePaths));
  }

  /** The staff test page: printer name, kiosk version and a ruler. Not counted against the limits. */
  async testPage(): Promise<StaffJob> {
    const check = await this.deps.spooler().check();
    const path = printPagePath({ kind: 'test-page', lang: 'en', printer: check.printer });
    return toStaffJob(await this.create('test-page', [path]));
  }

  async status(id: string): Promise<PrintJob> {
    this.find(id);
    return toPatientJob(await this.inTurn(id, () => this.refresh(this.find(id))));
  }

  /** Every job, newest first, with the state of unfinished ones asked anew. */
  async list(): Promise<StaffJob[]> {
    await this.reconcile();
    return this.deps.jobs.all().map(toStaffJob);
  }

  /** Prints again what cannot print any more (never what may still come out), so nothing comes out twice. */
  async retry(id: string): Promise<StaffJob> {
    this.find(id);
    return this.inTurn(id, async () => {
      const job = await this.refresh(this.find(id));
      const again = job.documents.filter(isRetryable);
      if (again.length === 0) {
        const why = job.state === 'unknown' ? 'the kiosk cannot tell yet whether it printed and keeps asking the printer' : `it is ${job.state}`;
        throw new KioskError('bad-request', `Job ${id} cannot be printed again now: ${why}`);
      }
      // A failed document was taken out of the printer's queue when it failed; make sure, so the
      // retry is the only copy that prints. One no one can know about is sent again on staff's
      // word that nothing came out (they checked the tray).
      for (const doc of again) {
        if (doc.state === 'failed' && doc.spoolId && !(await this.deps.spooler().cancel(doc.spoolId))) throw new KioskError('unavailable', CANNOT_REACH);
      }
      for (const doc of again) {
        doc.state = 'pending';
        for (const field of ['spoolId', 'reason', 'settles', 'key', 'sentAt'] as const) delete doc[field];
      }
      job.attempts += 1;
      // Not failed while it is retried: a retry that fails again is a new failure (onFailure).
      job.state = 'queued';
      this.deps.log.info('print-retry', { attempt: job.attempts });
      return toStaffJob(await this.spool(job, await this.renderPending(job)));
    });
  }

  /** Stops a job: parts still in the printer's queue are taken out; a finished job stays finished. */
  async cancel(id: string): Promise<StaffJob> {
    this.find(id);
    return this.inTurn(id, async () => {
      const job = await this.refresh(this.find(id));
      if (job.state === 'done' || job.state === 'cancelled') return toStaffJob(job);
      for (const doc of job.documents) {
        if (doc.state === 'done' || doc.state === 'cancelled') continue;
        const gone = await this.takeBack(job, doc);
        if (!gone) {
          await this.store(job);
          throw new KioskError('unavailable', CANNOT_REACH);
        }
        doc.state = 'cancelled';
        this.finished(job, doc);
      }
      job.state = 'cancelled';
      this.deps.log.info('print-cancelled');
      await this.store(job);
      return toStaffJob(job);
    });
  }

  /**
   * After a restart: documents never sent fail (staff can retry them); those whose sending a crash
   * interrupted are recovered from the spooler; the rest are asked after. Jobs this process made
   * are left alone (the config may only have become valid now, with patients printing).
   */
  async resume(): Promise<void> {
    for (const job of this.deps.jobs.all().filter((j) => !this.made.has(j.id))) {
      await this.inTurn(job.id, () => {
        const before = JSON.stringify(job);
        for (const doc of job.documents) {
          if (doc.state === 'pending') Object.assign(doc, { state: 'failed', reason: 'The kiosk restarted before this page went to the printer' });
          if (doc.state === 'sending') {
            Object.assign(doc, { state: 'unknown', settles: true, reason: 'The kiosk restarted while sending this page; it will know within a minute whether it reached the printer' });
          }
        }
        return this.settle(job, before);
      });
    }
    await this.reconcile();
  }

  /**
   * Asks after every job under way, takes back what the printer holds of this kiosk's that it has
   * no record of (left by a crash or a failed send), and lets go of what is no longer kept.
   */
  async reconcile(): Promise<void> {
    const open = this.deps.jobs.all().filter((job) => job.documents.some(isOpen));
    await Promise.all(open.map((job) => this.inTurn(job.id, () => this.refresh(this.find(job.id)))));
    await this.deps.spooler().recover('', new Date(0), this.knownIds()).catch(() => undefined);
    for (const id of await this.deps.jobs.prune().catch(() => [])) {
      this.turns.delete(id);
      this.made.delete(id);
    }
  }

  /** Stops following jobs up (the host is closing). */
  close(): void {
    this.closed = true;
    clearTimeout(this.followUp);
  }

  /** Runs `work` on job `id` after whatever is already running on it. */
  private inTurn<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(id) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    const settled = next.catch(() => {});
    this.turns.set(id, settled);
    void settled.then(() => {
      if (this.turns.get(id) === settled) this.turns.delete(id);
      this.scheduleFollowUp();
    });
    return next;
  }

  private find(id: string): JobRecord {
    const job = this.deps.jobs.get(id);
    if (!job) throw new KioskError('not-found', `no print job ${id}`);
    return job;
  }

  /** Reserves the job, lays out every document, checks the page limit, records it, then spools it. */
  private async create(kind: JobRecord['kind'], pagePaths: string[]): Promise<JobRecord> {
    const job: JobRecord = {
      id: `job-${randomUUID()}`,
      // To the minute: enough for staff and the hourly limit, less to match against a person.
      createdAt: new Date(Math.floor(this.now().getTime() / 60_000) * 60_000).toISOString(),
      kind,
      copies: 1,
      pages: 0,
      attempts: 1,
      state: 'queued',
      documents: pagePaths.map((pagePath) => ({ pagePath, state: 'pending' })),
    };
    this.deps.jobs.reserve(job);
    this.made.add(job.id);
    return this.inTurn(job.id, async () => {
      // On record from the start: a crash while laying out leaves a job staff can print again.
      await this.store(job);
      const pdfs = await this.renderPending(job);
      if (pdfs) {
        job.pages = [...pdfs.values()].reduce((sum, pdf) => sum + countPdfPages(pdf), 0);
        const limit = this.deps.config().print.limits.pagesPerJob;
        if (kind !== 'test-page' && job.pages > limit) {
          await this.deps.jobs.drop(job.id).catch(() => undefined);
          this.deps.log.warn('print-limit', { limit: 'pages' });
          throw new KioskError('limit', `at most ${limit} pages per print`);
        }
      }
      this.deps.log.info('print-submitted');
      return this.spool(job, pdfs);
    });
  }

  /** PDFs of the documents still to print, or null (and the job marked failed) when one cannot be laid out. */
  private async renderPending(job: JobRecord): Promise<Map<string, Uint8Array> | null> {
    const pdfs = new Map<string, Uint8Array>();
    for (const doc of job.documents.filter((d) => d.state === 'pending')) {
      try {
        pdfs.set(doc.pagePath!, await this.deps.renderer.render(doc.pagePath!, this.deps.config().print.paper));
      } catch (error) {
        // Browser errors quote the page address, which names the handout (or the slip): leave it out.
        const cause = (error as Error).message.replace(/\S*print\.html\S*/g, '(print page)');
        this.deps.log.error('print-render-failed', { cause });
        Object.assign(doc, { state: 'failed', reason: 'The kiosk could not lay out the page' });
        return null;
      }
    }
    return pdfs;
  }

  /** Sends the job's pending documents to the spooler, each on record first, stopping at the first that fails. */
  private async spool(job: JobRecord, pdfs: Map<string, Uint8Array> | null): Promise<JobRecord> {
    const spooler = this.deps.spooler();
    const config = this.deps.config();
    for (const doc of job.documents) {
      if (!pdfs || doc.state !== 'pending') continue;
      Object.assign(doc, { state: 'sending', key: randomBytes(12).toString('hex'), sentAt: this.now().toISOString() });
      await this.store(job);
      const document = { pdf: pdfs.get(doc.pagePath!)!, pagePath: doc.pagePath!, title: JOB_TITLE, copies: job.copies, paper: config.print.paper, key: doc.key! };
      const spooled = await spooler.submit(document, async (id) => {
        // With the id on record, the key and the exact time are not needed any more: not kept.
        Object.assign(doc, { state: 'queued', spoolId: id, key: undefined, sentAt: undefined });
        await this.store(job);
      });
      await this.apply(job, doc, spooled);
      if (spooled.state === 'failed') break;
    }
    return this.settle(job);
  }

  /** Asks the spooler about documents it may still print, and stores what changed. */
  private async refresh(job: JobRecord): Promise<JobRecord> {
    const open = job.documents.filter(isOpen);
    if (job.state === 'cancelled' || open.length === 0) return job;
    const before = JSON.stringify(job);
    for (const doc of open) {
      // A document in the middle of being sent belongs to the spool() that sends it.
      if (doc.state === 'sending') continue;
      if (doc.spoolId) await this.apply(job, doc, await this.deps.spooler().status(doc.spoolId));
      else await this.recover(job, doc);
    }
    return this.settle(job, before);
  }

  /**
   * Makes sure nothing more of a document can print, for a cancel: true once so. A page no one
   * can ever know about (the OS has it, or its record is gone) is let go on staff's word.
   */
  private async takeBack(job: JobRecord, doc: JobDocument): Promise<boolean> {
    if (doc.spoolId) return (await this.deps.spooler().cancel(doc.spoolId)) || (doc.state === 'unknown' && doc.settles === false);
    // Never handed over (laid out or not), or handed over but not on record: ask the spooler.
    return !doc.key || (await this.recover(job, doc)) === 'never';
  }

  /** A document a crash caught between sending and recording its id: found, never sent, or not known yet. */
  private async recover(job: JobRecord, doc: JobDocument): Promise<'found' | 'never' | 'not-yet'> {
    const found = await this.deps.spooler().recover(doc.key ?? '', new Date(doc.sentAt ?? 0), this.knownIds()).catch(() => 'not-yet' as const);
    if (found === 'not-yet') return found;
    if (found === 'never') Object.assign(doc, { state: 'failed', reason: 'The kiosk restarted before this page reached the printer; nothing of it printed', settles: undefined });
    else await this.apply(job, doc, found);
    return found === 'never' ? 'never' : 'found';
  }

  /** Records a spooler answer on a document; a handout that reached paper is counted once. */
  private async apply(job: JobRecord, doc: JobDocument, spooled: SpoolJob): Promise<void> {
    const was = doc.state;
    Object.assign(doc, {
      spoolId: spooled.id,
      state: spooled.state,
      reason: spooled.reason,
      settles: spooled.state === 'unknown' ? spooled.settles !== false : undefined,
      key: undefined,
      sentAt: undefined,
    });
    if (spooled.state === was) return;
    const spooler = this.deps.spooler().kind;
    if (spooled.state === 'failed') this.deps.log.error('print-failed', { spooler, reason: spooled.reason });
    if (spooled.state === 'unknown') this.deps.log.warn('print-unknown', { spooler, reason: spooled.reason });
    if (spooled.state === 'done' && job.kind === 'handouts') {
      await this.deps.counts.add('handoutsPrinted').catch((error: Error) => this.deps.log.error('counts-not-saved', { cause: error.message }));
    }
    if (spooled.state === 'done' || spooled.state === 'failed') this.finished(job, doc);
  }

  /** A document that will not print again: the page address goes, and the spooler lets go of it once recorded. */
  private finished(job: JobRecord, doc: JobDocument): void {
    if (doc.state === 'done' || doc.state === 'cancelled') delete doc.pagePath;
    if (doc.spoolId) this.toForget.set(job.id, [...(this.toForget.get(job.id) ?? []), doc.spoolId]);
  }

  /** The job's state follows its documents (see {@link jobState}). Stored when changed since `before`. */
  private async settle(job: JobRecord, before?: string): Promise<JobRecord> {
    const { state, reason } = jobState(job.documents);
    const failedNow = state === 'failed' && job.state !== 'failed';
    job.state = state;
    job.reason = reason;
    if (before === undefined || JSON.stringify(job) !== before) await this.store(job);
    if (failedNow) this.deps.onFailure?.();
    return job;
  }

  /**
   * Saves the job. A data folder that cannot be written never stops a print: the log says so and
   * the job goes on in memory. The spooler forgets finished jobs only once that is on record.
   */
  private async store(job: JobRecord): Promise<void> {
    try {
      await this.deps.jobs.save(job);
    } catch (error) {
      this.deps.log.error('print-jobs-not-saved', { cause: (error as NodeJS.ErrnoException).code ?? (error as Error).message });
      return;
    }
    const ids = this.toForget.get(job.id) ?? [];
    this.toForget.delete(job.id);
    for (const id of ids) await this.deps.spooler().forget(id);
  }

  /** While a job is under way, it is asked after every few seconds, so its end is known and recorded soon. */
  private scheduleFollowUp(): void {
    if (this.closed || this.followUp || this.turns.size > 0) return;
    if (!this.deps.jobs.all().some((job) => job.documents.some(isOpen))) return;
    this.followUp = setTimeout(() => {
      this.followUp = undefined;
      void this.reconcile();
    }, this.deps.followUpMs ?? FOLLOW_UP_MS);
    this.followUp.unref?.();
  }

  private knownIds(): Set<string> {
    return new Set(this.deps.jobs.all().flatMap((job) => job.documents.flatMap((doc) => (doc.spoolId ? [doc.spoolId] : []))));
  }

  /** The print page address of each document of a patient's request. */
  private pagePaths(request: PrintRequest, config: KioskConfig): string[] {
    const lang = request.lang;
    if (request.kind === 'phone-slip') return [printPagePath({ kind: 'phone-slip', lang })];
    const ids = [...new Set(request.ids)];
    if (ids.length > config.handouts.maxPerSession) {
      throw new KioskError('limit', `at most ${config.handouts.maxPerSession} handouts per person`);
    }
    return ids.map((id) => {
      if (!this.deps.library().has(id, lang)) throw new KioskError('not-found', `no handout "${id}" in ${lang}`);
      return printPagePath({ kind: 'handout', lang, id });
    });
  }
}

function toPatientJob(job: JobRecord): PrintJob {
  return { id: job.id, state: job.state, pages: job.pages };
}
