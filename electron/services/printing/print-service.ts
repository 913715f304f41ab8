import { randomUUID } from 'node:crypto';
import type { PrintJob, PrintRequest } from '../../contract/channels';
import type { KioskConfig } from '../../contract/config';
import type { HandoutLibrary } from '../content/handout-library';
import type { CountsStore } from '../counts/counts-store';
import { KioskError } from '../kiosk-error';
import type { Logger } from '../log';
import { countPdfPages, type PdfRenderer } from './pdf-renderer';
import type { PrintSpooler, SpoolJob } from './print-spooler';

/**
 * Every job has the same title in the print queue and in file names: a title naming a handout,
 * or "phone slip", next to a time would say something about the person who printed it.
 */
export const JOB_TITLE = 'Kiosk print';

interface TrackedJob {
  id: string;
  pages: number;
  spoolJobs: SpoolJob[];
}

/** Jobs remembered for status questions; older ones are forgotten (they are long finished). */
const MAX_TRACKED_JOBS = 200;

/**
 * Prints handouts and the phone slip: each handout becomes one PDF (its own disclaimer, credits
 * and date on every page) and one spooler job; the kiosk job groups them for the patient.
 */
export class PrintService {
  private readonly jobs = new Map<string, TrackedJob>();

  constructor(
    private readonly deps: {
      config: () => KioskConfig;
      library: () => HandoutLibrary;
      renderer: PdfRenderer;
      spooler: () => PrintSpooler;
      counts: CountsStore;
      log: Logger;
    },
  ) {}

  async submit(request: PrintRequest): Promise<PrintJob> {
    const config = this.deps.config();
    const pages = this.pagesFor(request, config);
    const job: TrackedJob = { id: `job-${randomUUID()}`, pages: 0, spoolJobs: [] };
    this.track(job);

    for (const path of pages) {
      let pdf: Uint8Array;
      try {
        pdf = await this.deps.renderer.render(path, config.print.paper);
      } catch (error) {
        this.deps.log.error('print-render-failed', { job: job.id, cause: (error as Error).message });
        job.spoolJobs.push({ id: 'not-rendered', state: 'failed', reason: 'the page could not be laid out' });
        break;
      }
      job.pages += countPdfPages(pdf);
      const spooled = await this.deps.spooler().submit(pdf, { title: JOB_TITLE, copies: 1, paper: config.print.paper });
      job.spoolJobs.push(spooled);
      if (spooled.state === 'failed') {
        this.deps.log.error('print-spool-failed', { job: job.id, spooler: this.deps.spooler().kind, reason: spooled.reason });
        break;
      }
    }
    const printedHandouts = request.kind === 'handouts' ? job.spoolJobs.filter((s) => s.state !== 'failed').length : 0;
    if (printedHandouts > 0) await this.deps.counts.add('handoutsPrinted', printedHandouts);
    this.deps.log.info('print-submitted', { job: job.id, documents: pages.length, pages: job.pages });
    return this.summarize(job);
  }

  /** The job's state now, asking the spooler about parts still under way. */
  async status(id: string): Promise<PrintJob> {
    const job = this.jobs.get(id);
    if (!job) throw new KioskError('not-found', `no print job ${id}`);
    job.spoolJobs = await Promise.all(
      job.spoolJobs.map((s) => (s.state === 'done' || s.state === 'failed' ? s : this.deps.spooler().status(s.id))),
    );
    return this.summarize(job);
  }

  /** The print page address of each document to print. */
  private pagesFor(request: PrintRequest, config: KioskConfig): string[] {
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

  private summarize(job: TrackedJob): PrintJob {
    const states = job.spoolJobs.map((s) => s.state);
    const state = states.includes('failed')
      ? 'failed'
      : states.every((s) => s === 'done')
        ? 'done'
        : states.some((s) => s === 'printing' || s === 'done')
          ? 'printing'
          : 'queued';
    return { id: job.id, state, pages: job.pages };
  }

  private track(job: TrackedJob): void {
    this.jobs.set(job.id, job);
    if (this.jobs.size > MAX_TRACKED_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
  }
}
