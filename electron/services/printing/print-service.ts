import { randomUUID } from 'node:crypto';
import type { JobState, PrintJob, PrintRequest, StaffJob } from '../../contract/channels';
import type { KioskConfig } from '../../contract/config';
import type { HandoutLibrary } from '../content/handout-library';
import type { CountsStore } from '../counts/counts-store';
import { KioskError } from '../kiosk-error';
import type { Logger } from '../log';
import { toStaffJob, type JobDocument, type JobRecord, type JobStore } from './job-store';
import { countPdfPages, type PdfRenderer } from './pdf-renderer';
import type { PrintSpooler, SpoolJob } from './print-spooler';

/**
 * Every job has the same title in the print queue and in file names: a title naming a handout,
 * or "phone slip", next to a time would say something about the person who printed it.
 */
export const JOB_TITLE = 'Kiosk print';
const HOUR_MS = 3600_000;

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
}

/**
 * Print jobs from request to paper. Each handout is one document (its own disclaimer, credits
 * and date on every page) and one spooler job; the kiosk job groups them, is stored so a restart
 * loses nothing, and can be retried by staff (only the documents that did not print) or cancelled.
 */
export class PrintService {
  /**
   * Per job, the operation running on it. Everything that reads and then writes a job (create,
   * status, retry, cancel) waits its turn, so no answer overwrites a newer one: a second retry
   * sees the first one's result instead of printing again, and a cancel cannot be undone.
   */
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly now: () => Date;

  constructor(private readonly deps: PrintServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** A patient's print: handouts or the phone slip, within the kiosk's limits. */
  async submit(request: PrintRequest): Promise<PrintJob> {
    const config = this.deps.config();
    // The phone slip is never refused: it is how a person told to stay out reaches the nurse.
    if (request.kind === 'handouts' && this.deps.jobs.countSince(HOUR_MS) >= config.print.limits.jobsPerHour) {
      this.deps.log.warn('print-limit', { limit: 'jobsPerHour', value: config.print.limits.jobsPerHour });
      throw new KioskError('limit', 'the kiosk has printed as much as it may this hour');
    }
    const job = await this.create(request.kind, this.pagePaths(request, config));
    return toPatientJob(job);
  }

  /** The staff test page: printer name, kiosk version and a ruler. Not counted against the limits. */
  async testPage(): Promise<StaffJob> {
    const check = await this.deps.spooler().check();
    const path = `/print.html?kind=test-page&lang=en&printer=${encodeURIComponent(check.printer)}`;
    return toStaffJob(await this.create('test-page', [path]));
  }

  async status(id: string): Promise<PrintJob> {
    this.find(id);
    return toPatientJob(await this.inTurn(id, () => this.refresh(this.find(id))));
  }

  /** Every stored job, newest first, with the state of unfinished ones asked anew. */
  async list(): Promise<StaffJob[]> {
    const jobs = await Promise.all(this.deps.jobs.all().map((job) => this.inTurn(job.id, () => this.refresh(this.find(job.id)))));
    return jobs.map(toStaffJob);
  }

  /** Prints again what did not print (a failed job only), so nothing comes out twice. */
  async retry(id: string): Promise<StaffJob> {
    this.find(id);
    return this.inTurn(id, async () => {
      const job = await this.refresh(this.find(id));
      if (job.state !== 'failed') throw new KioskError('bad-request', `job ${id} is ${job.state}; only a failed job can be retried`);
      const retried: JobRecord = {
        ...job,
        // Not failed while it is retried: a retry that fails again is a new failure (onFailure).
        state: 'queued',
        attempts: job.attempts + 1,
        reason: undefined,
        // A document still in the printer's queue will print on its own: sending it again would print it twice.
        documents: job.documents.map((d) => (d.state === 'done' || d.state === 'queued' || d.state === 'printing' ? d : { pagePath: d.pagePath, state: 'pending' })),
      };
      // A failed document may still sit in the printer's queue (when cancelling it failed before):
      // take it out again first, so the retry is the only copy that prints.
      const spooler = this.deps.spooler();
      for (const doc of job.documents) if (doc.state === 'failed' && doc.spoolId) await spooler.cancel(doc.spoolId);
      this.deps.log.info('print-retry', { job: id, attempt: retried.attempts });
      await this.deps.jobs.save(retried);
      return toStaffJob(await this.spool(retried));
    });
  }

  /** Stops a job: parts still in the printer's queue are taken out; a finished job stays finished. */
  async cancel(id: string): Promise<StaffJob> {
    this.find(id);
    return this.inTurn(id, () => this.cancelNow(id));
  }

  private async cancelNow(id: string): Promise<StaffJob> {
    const job = await this.refresh(this.find(id));
    if (job.state === 'done' || job.state === 'cancelled') return toStaffJob(job);
    const spooler = this.deps.spooler();
    const documents = await Promise.all(
      job.documents.map(async (d): Promise<JobDocument> => {
        if (d.state === 'done') return d;
        // A failed document may still be held by the printer's queue: take it out too.
        if (d.spoolId && (d.state === 'queued' || d.state === 'printing' || d.state === 'failed')) await spooler.cancel(d.spoolId);
        return { ...d, state: 'cancelled' };
      }),
    );
    const cancelled: JobRecord = { ...job, documents, state: 'cancelled' };
    await this.deps.jobs.save(cancelled);
    this.deps.log.info('print-cancelled', { job: id });
    return toStaffJob(cancelled);
  }

  /**
   * After a restart: documents never handed to the printer are failed (staff can retry them),
   * and the spooler is asked about the ones that were.
   */
  async resume(): Promise<void> {
    const open = this.deps.jobs.all().filter((j) => j.state === 'queued' || j.state === 'printing');
    for (const job of open) {
      for (const doc of job.documents.filter((d) => d.state === 'pending')) {
        doc.state = 'failed';
        doc.reason = 'The kiosk restarted before this page went to the printer';
      }
      await this.inTurn(job.id, () => this.refresh(job).then(() => this.settle(job)));
    }
  }

  /** Runs `work` on job `id` after whatever is already running on it. */
  private inTurn<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.turns.get(id) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(work);
    const settled = next.catch(() => {});
    this.turns.set(id, settled);
    void settled.then(() => {
      if (this.turns.get(id) === settled) this.turns.delete(id);
    });
    return next;
  }

  private find(id: string): JobRecord {
    const job = this.deps.jobs.get(id);
    if (!job) throw new KioskError('not-found', `no print job ${id}`);
    return job;
  }

  /** Lays out every document, checks the page limit, stores the job, then spools it. */
  private async create(kind: JobRecord['kind'], pagePaths: string[]): Promise<JobRecord> {
    const id = `job-${randomUUID()}`;
    const job: JobRecord = {
      id,
      // To the minute: enough for staff and the hourly limit, less to match against a person.
      createdAt: new Date(Math.floor(this.now().getTime() / 60_000) * 60_000).toISOString(),
      kind,
      copies: 1,
      pages: 0,
      attempts: 1,
      state: 'queued',
      documents: pagePaths.map((pagePath) => ({ pagePath, state: 'pending' })),
    };
    return this.inTurn(id, async () => {
      const pdfs = await this.renderPending(job);
      if (pdfs) {
        job.pages = [...pdfs.values()].reduce((sum, pdf) => sum + countPdfPages(pdf), 0);
        const limit = this.deps.config().print.limits.pagesPerJob;
        if (kind !== 'test-page' && job.pages > limit) {
          this.deps.log.warn('print-limit', { limit: 'pagesPerJob', value: limit, pages: job.pages });
          throw new KioskError('limit', `at most ${limit} pages per print`);
        }
      }
      await this.deps.jobs.save(job);
      this.deps.log.info('print-submitted', { job: id, documents: job.documents.length, pages: job.pages });
      return this.spool(job, pdfs);
    });
  }

  /** PDFs of the documents still to print, or null (and the job marked failed) when one cannot be laid out. */
  private async renderPending(job: JobRecord): Promise<Map<string, Uint8Array> | null> {
    const pdfs = new Map<string, Uint8Array>();
    for (const doc of job.documents.filter((d) => d.state === 'pending')) {
      try {
        pdfs.set(doc.pagePath, await this.deps.renderer.render(doc.pagePath, this.deps.config().print.paper));
      } catch (error) {
        // Browser errors quote the page address, which names the handout (or the slip): leave it out.
        const cause = (error as Error).message.replace(/\S*print\.html\S*/g, '(print page)');
        this.deps.log.error('print-render-failed', { job: job.id, cause });
        doc.state = 'failed';
        doc.reason = 'The kiosk could not lay out the page';
        return null;
      }
    }
    return pdfs;
  }

  /** Sends the job's pending documents to the spooler, stopping at the first that fails. */
  private async spool(job: JobRecord, rendered?: Map<string, Uint8Array> | null): Promise<JobRecord> {
    const pdfs = rendered === undefined ? await this.renderPending(job) : rendered;
    const spooler = this.deps.spooler();
    const config = this.deps.config();
    for (const doc of job.documents) {
      if (!pdfs || doc.state !== 'pending') continue;
      const spooled = await spooler.submit({ pdf: pdfs.get(doc.pagePath)!, pagePath: doc.pagePath, title: JOB_TITLE, copies: job.copies, paper: config.print.paper });
      await this.apply(job, doc, spooled);
      // Saved at once: after a crash, a document already with the printer must not be sent again.
      await this.deps.jobs.save(job);
      if (spooled.state === 'failed') break;
    }
    return this.settle(job);
  }

  /** Asks the spooler about documents under way and stores what changed. */
  private async refresh(job: JobRecord): Promise<JobRecord> {
    if (job.state === 'cancelled') return job;
    const open = job.documents.filter((d) => d.spoolId && (d.state === 'queued' || d.state === 'printing'));
    if (open.length === 0) return job;
    const before = JSON.stringify(job);
    const spooler = this.deps.spooler();
    for (const doc of open) await this.apply(job, doc, await spooler.status(doc.spoolId!));
    return this.settle(job, before);
  }

  /** Records a spooler answer on a document; a handout that reached paper is counted once. */
  private async apply(job: JobRecord, doc: JobDocument, spooled: SpoolJob): Promise<void> {
    const wasDone = doc.state === 'done';
    doc.spoolId = spooled.id;
    doc.state = spooled.state;
    doc.reason = spooled.reason;
    if (spooled.state === 'failed') {
      this.deps.log.error('print-failed', { job: job.id, spooler: this.deps.spooler().kind, reason: spooled.reason });
    }
    if (!wasDone && spooled.state === 'done' && job.kind === 'handouts') await this.deps.counts.add('handoutsPrinted');
  }

  /** The job's state follows its documents: one failure fails it; all done is done. Saved when changed since `before`. */
  private async settle(job: JobRecord, before?: string): Promise<JobRecord> {
    const states = job.documents.map((d) => d.state);
    const failed = job.documents.find((d) => d.state === 'failed');
    const state: JobState = failed
      ? 'failed'
      : states.every((s) => s === 'done')
        ? 'done'
        : states.some((s) => s === 'printing' || s === 'done')
          ? 'printing'
          : 'queued';
    const changed = state !== job.state;
    job.state = state;
    job.reason = failed?.reason;
    if (before === undefined || JSON.stringify(job) !== before) await this.deps.jobs.save(job);
    if (changed && state === 'failed') this.deps.onFailure?.();
    return job;
  }

  /** The print page address of each document of a patient's request. */
  private pagePaths(request: PrintRequest, config: KioskConfig): string[] {
    const lang = request.lang;
    if (request.kind === 'phone-slip') return [`/print.html?kind=phone-slip&lang=${lang}`];
    const ids = [...new Set(request.ids)];
    if (ids.length > config.handouts.maxPerSession) {
      throw new KioskError('limit', `at most ${config.handouts.maxPerSession} handouts per person`);
    }
    return ids.map((id) => {
      if (!this.deps.library().has(id, lang)) throw new KioskError('not-found', `no handout "${id}" in ${lang}`);
      return `/print.html?kind=handout&lang=${lang}&id=${id}`;
    });
  }
}

function toPatientJob(job: JobRecord): PrintJob {
  return { id: job.id, state: job.state, pages: job.pages };
}
