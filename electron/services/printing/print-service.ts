import { randomBytes } from 'node:crypto';
import type { JobState, PrintJob, PrintRequest, StaffJob } from '../../contract/channels';
import type { KioskConfig, Language } from '../../contract/config';
import { printPagePath } from '../../contract/print-page';
import type { HandoutLibrary } from '../content/handout-library';
import type { CountsStore } from '../counts/counts-store';
import { KioskError } from '../kiosk-error';
import type { Logger } from '../log';
import { isOpen, isRetryable, toStaffJob, type JobDocument, type JobRecord, type JobStore } from './job-store';
import { JobChanges } from './job-changes';
import { JobTurns } from './job-turns';
import { afterRestart, jobState, newJob, readyForRetry } from './job-state';
import { FollowUps } from './follow-ups';
import { countPdfPages, type PdfRenderer } from './pdf-renderer';
import { JOB_TITLE, pdfKey, requestPaths, toPatientJob, withoutAddress } from './print-documents';
import type { PrintSpooler, SpoolJob } from './print-spooler';
import { RenderedPdfs } from './rendered-pdfs';

const HOUR_MS = 3600_000;
/** Jobs under way are asked after this soon after a change, then at most this far apart (see {@link FollowUps}). */
const FIRST_FOLLOW_UP_MS = 100;
const FOLLOW_UP_MS = 2_000;
/** How long a `print:status` with `changedFrom` waits for a change by default. */
const STATUS_WAIT_MS = 10_000;
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
  /** The longest gap between follow-ups of jobs under way (default 2 s; tests make it short, or long to step states themselves). */
  followUpMs?: number;
  /** The first follow-up after a change (default 100 ms, at most `followUpMs`); the gap then doubles. */
  firstFollowUpMs?: number;
  /** How long after a `prepare` the handouts are laid out ahead (default 1 s). */
  aheadDelayMs?: number;
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
 * - Nothing printed stays at rest: see {@link JobStore}. Handouts' PDFs are kept in memory only
 *   ({@link RenderedPdfs}), by handout, never by who printed them.
 */
export class PrintService {
  private readonly turns = new JobTurns(() => this.scheduleFollowUp());
  private readonly now: () => Date;
  private readonly followUps: FollowUps;
  private closed = false;
  /** Jobs this process made (a resume leaves them alone). */
  private readonly made = new Set<string>();
  /** Spooler ids of documents that ended, per job: the spooler forgets them once the job is saved. */
  private readonly toForget = new Map<string, string[]>();
  private readonly changes = new JobChanges();
  private readonly rendered: RenderedPdfs;

  constructor(private readonly deps: PrintServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.followUps = new FollowUps(() => void this.reconcile(), deps.firstFollowUpMs ?? FIRST_FOLLOW_UP_MS, deps.followUpMs ?? FOLLOW_UP_MS);
    this.rendered = new RenderedPdfs(deps.renderer, {
      paper: () => deps.config().print.paper,
      keyOf: (path) => pdfKey(path, deps.config(), deps.library(), this.now()),
      aheadDelayMs: deps.aheadDelayMs,
      onAheadFailed: (error) => deps.log.warn('print-ahead-failed', { cause: withoutAddress(error), then: 'laying it out again when it is printed' }),
    });
  }

  /** A patient's print: handouts or the phone slip, within the kiosk's limits. */
  async submit(request: PrintRequest): Promise<PrintJob> {
    const config = this.deps.config();
    const pagePaths = requestPaths(request, config, this.deps.library());
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

  /**
   * The job's state now; with `changedFrom`, once it is no longer that (or after `waitMs`, when it
   * is still the same): the patient's screen learns "printed" when the kiosk does.
   */
  async status(id: string, changedFrom?: JobState, waitMs = STATUS_WAIT_MS): Promise<PrintJob> {
    this.find(id);
    const job = await this.turns.run(id, () => this.refresh(this.find(id)));
    if (changedFrom === undefined || job.state !== changedFrom) return toPatientJob(job);
    return toPatientJob(
      await this.changes.until(
        id,
        waitMs,
        () => this.deps.jobs.get(id) ?? job,
        (now) => now.state !== changedFrom,
      ),
    );
  }

  /**
   * Lays out ahead, in the background, handouts a person is likely to print (their suggestions,
   * as many as one person may print), so that Print need not wait for them. Kept in memory only.
   */
  prepare(lang: Language, ids: string[]): void {
    const library = this.deps.library();
    const wanted = ids.filter((id) => library.has(id, lang)).slice(0, this.deps.config().handouts.maxPerSession);
    this.rendered.prepare(wanted.map((id) => printPagePath({ kind: 'handout', lang, id })));
  }

  /** Every job, newest first, with the state of unfinished ones asked anew. */
  async list(): Promise<StaffJob[]> {
    await this.reconcile();
    return this.deps.jobs.all().map(toStaffJob);
  }

  /** Prints again what cannot print any more (never what may still come out), so nothing comes out twice. */
  async retry(id: string): Promise<StaffJob> {
    this.find(id);
    return this.turns.run(id, async () => {
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
      again.forEach(readyForRetry);
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
    return this.turns.run(id, async () => {
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
      await this.turns.run(job.id, () => {
        const before = JSON.stringify(job);
        job.documents.forEach(afterRestart);
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
    await Promise.all(open.map((job) => this.turns.run(job.id, () => this.refresh(this.find(job.id)))));
    await this.deps
      .spooler()
      .recover('', new Date(0), this.deps.jobs.spoolIds())
      .catch(() => undefined);
    for (const id of await this.deps.jobs.prune().catch(() => [])) {
      this.turns.forget(id);
      this.made.delete(id);
    }
  }

  /** Stops following jobs up and drops the PDFs kept (the host is closing). */
  close(): void {
    this.closed = true;
    this.followUps.stop();
    this.changes.close();
    this.rendered.clear();
  }

  private find(id: string): JobRecord {
    const job = this.deps.jobs.get(id);
    if (!job) throw new KioskError('not-found', `no print job ${id}`);
    return job;
  }

  /** Reserves the job, lays out every document, checks the page limit, records it, then spools it. */
  private async create(kind: JobRecord['kind'], pagePaths: string[]): Promise<JobRecord> {
    const job = newJob(kind, pagePaths, this.now());
    this.deps.jobs.reserve(job);
    this.made.add(job.id);
    return this.turns.run(job.id, async () => {
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
        pdfs.set(doc.pagePath!, await this.rendered.get(doc.pagePath!));
      } catch (error) {
        this.deps.log.error('print-render-failed', { cause: withoutAddress(error) });
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
      const document = {
        pdf: pdfs.get(doc.pagePath!)!,
        pagePath: doc.pagePath!,
        title: JOB_TITLE,
        copies: job.copies,
        paper: config.print.paper,
        key: doc.key!,
      };
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
    const found = await this.deps
      .spooler()
      .recover(doc.key ?? '', new Date(doc.sentAt ?? 0), this.deps.jobs.spoolIds())
      .catch(() => 'not-yet' as const);
    if (found === 'not-yet') return found;
    if (found === 'never')
      Object.assign(doc, { state: 'failed', reason: 'The kiosk restarted before this page reached the printer; nothing of it printed', settles: undefined });
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
    // Something moved: the next follow-up comes soon again.
    if (state !== job.state || before === undefined) this.followUps.soon();
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
    } finally {
      this.changes.changed(job.id);
    }
    const ids = this.toForget.get(job.id) ?? [];
    this.toForget.delete(job.id);
    for (const id of ids) await this.deps.spooler().forget(id);
  }

  /** While a job is under way it is asked after (see {@link FollowUps}), so its end is known, recorded and told soon. */
  private scheduleFollowUp(): void {
    if (this.closed || this.turns.busy()) return;
    if (this.deps.jobs.all().some((job) => job.documents.some(isOpen))) this.followUps.plan();
  }
}
