import { afterAll, afterEach, beforeAll } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '../contract/config';
import { printPagePath } from '../contract/print-page';
import { parseConfig } from '../services/config/config-loader';
import { HandoutLibrary } from '../services/content/handout-library';
import { CountsStore } from '../services/counts/counts-store';
import { FolderSpooler } from '../services/printing/folder-spooler';
import { JobStore } from '../services/printing/job-store';
import type { PdfRenderer } from '../services/printing/pdf-renderer';
import type { PrintDocument, PrinterCheck, PrintSpooler, Recovered, SpoolJob } from '../services/printing/print-spooler';
import { PrintService } from '../services/printing/print-service';
import { makePdf } from './make-pdf';
import { RecordingLogger } from './recording-logger';

/** For tests: stands in for Chromium, hands back a PDF and remembers what it was asked to lay out. */
export class FakeRenderer implements PdfRenderer {
  readonly asked: Array<{ path: string; paper: string }> = [];
  constructor(
    public failOn: (path: string) => boolean = () => false,
    private readonly pages: (path: string) => number = () => 1,
    /** Waits this long before answering (a real layout takes time; a burst piles up behind it). */
    private readonly delayMs = 0,
  ) {}
  async render(path: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    this.asked.push({ path, paper });
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    // Worded like a browser error, which quotes the script it ran, page address and all.
    if (this.failOn(path)) throw new Error(`page.evaluate: Target crashed while running window.kioskPrintPage.show(${JSON.stringify(path)})`);
    return makePdf({ pages: this.pages(path) });
  }
  async warm(): Promise<void> {}
  async close(): Promise<void> {}
}

/** What the scripted spooler answers once: a state, a failure, or a fate not known. */
export type Step = 'queued' | 'printing' | 'done' | { failed: string } | { unknown: string; settles?: boolean };
type Plan = [Step, ...Step[]];
const toSpoolJob = (id: string, step: Step): SpoolJob => {
  if (typeof step === 'string') return { id, state: step };
  if ('failed' in step) return { id, state: 'failed', reason: step.failed };
  return { id, state: 'unknown', reason: step.unknown, settles: step.settles ?? true };
};

/**
 * For tests: a print queue the test scripts, for the states a folder cannot produce. Each submit
 * takes the next plan given to `willAnswer` (or "done"): its first step is the submit's answer, the
 * rest are answered by successive `status` calls, the last one repeating. Like a real spooler, it
 * hands the id to `sent` before anything can print (unless the submit itself fails).
 */
export class ScriptedSpooler implements PrintSpooler {
  readonly kind = 'cups' as const;
  readonly submitted: PrintDocument[] = [];
  readonly statusAsked: string[] = [];
  readonly cancelled: string[] = [];
  readonly forgotten: string[] = [];
  /** What `recover` answers, per key (default: 'never'). */
  readonly recovers = new Map<string, Recovered>();
  /** False: the printer system cannot be reached to cancel. */
  canCancel = true;
  /** Called inside `sent`, after the print service recorded the id (to look at what it stored). */
  onSent: (id: string) => Promise<void> = async () => {};
  private readonly plans: Plan[] = [];
  private readonly jobs = new Map<string, Step[]>();
  private nextStatusGate: Promise<void> | undefined;

  constructor(public printer = 'Front-Desk') {}

  willAnswer(...steps: Plan): this {
    this.plans.push(steps);
    return this;
  }

  /** From now on `status(id)` answers these steps (the printer moved on, or the host restarted). */
  set(id: string, ...steps: Plan): void {
    this.jobs.set(id, steps);
  }

  paths(): string[] {
    return this.submitted.map((d) => d.pagePath);
  }

  async submit(document: PrintDocument, sent: (id: string) => Promise<void>): Promise<SpoolJob> {
    this.submitted.push(document);
    const id = `spool-${this.submitted.length}`;
    const plan: Plan = this.plans.shift() ?? ['done'];
    const [first, ...rest] = plan;
    this.jobs.set(id, rest.length > 0 ? rest : [first]);
    if (typeof first === 'string' || !('failed' in first)) {
      await sent(id);
      await this.onSent(id);
    }
    return toSpoolJob(id, first);
  }

  /** The next status call waits until `release` is called (a slow `lpstat`). */
  holdNextStatus(): () => void {
    let release = () => {};
    this.nextStatusGate = new Promise<void>((resolve) => (release = resolve));
    return release;
  }

  async status(id: string): Promise<SpoolJob> {
    const gate = this.nextStatusGate;
    this.nextStatusGate = undefined;
    if (gate) await gate;
    this.statusAsked.push(id);
    const steps = this.jobs.get(id);
    if (!steps) return { id, state: 'failed', reason: 'No such job' };
    return toSpoolJob(id, steps.length > 1 ? steps.shift()! : steps[0]!);
  }

  async recover(key: string): Promise<Recovered> {
    return this.recovers.get(key) ?? 'never';
  }

  async cancel(id: string): Promise<boolean> {
    if (!this.canCancel) return false;
    this.cancelled.push(id);
    if (this.jobs.has(id)) this.jobs.set(id, [{ failed: 'The job was cancelled' }]);
    return true;
  }

  async forget(id: string): Promise<void> {
    this.forgotten.push(id);
  }

  async check(): Promise<PrinterCheck> {
    return { ready: true, printer: this.printer };
  }

  async printers(): Promise<string[]> {
    return [this.printer];
  }
}

/** For tests: the print page of a handout. */
export const handoutPath = (id: string, lang: 'en' | 'es' = 'en') => printPagePath({ kind: 'handout', lang, id });
/** For tests: a print of these handouts in English. */
export const handouts = (...ids: string[]) => ({ kind: 'handouts' as const, lang: 'en' as const, ids });

const CONTENT = join(import.meta.dirname, '..', '..', 'content');

/** For tests: the shipped library and the demo config, parsed as the kiosk parses it. */
export async function loadDemo(): Promise<{ library: HandoutLibrary; demo: KioskConfig }> {
  const loaded = parseConfig(JSON.parse(await readFile(join(CONTENT, 'demo-config.json'), 'utf8')), 'demo');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return { library: await HandoutLibrary.load(CONTENT), demo: loaded.config };
}

export interface PrintSetupOptions {
  renderer?: FakeRenderer;
  spooler?: PrintSpooler;
  followUpMs?: number;
  /** How long after `prepare` handouts are laid out ahead (default: an hour, so only tests that ask see it). */
  aheadDelayMs?: number;
}

/**
 * For tests: a print service on a data folder of its own under `dir`, with its store, counts and
 * log; `restart()` makes the host anew on the same folder, as after a crash.
 */
export async function printSetup(dir: string, library: HandoutLibrary, config: () => KioskConfig, options: PrintSetupOptions = {}) {
  const folder = join(dir, 'printed');
  const jobsFile = join(dir, 'print-jobs.json');
  let time = new Date(2026, 2, 5, 9, 30, 0).getTime();
  const now = () => new Date(time);
  const renderer = options.renderer ?? new FakeRenderer();
  const spooler = options.spooler ?? new FolderSpooler(folder);
  const log = new RecordingLogger();
  let failures = 0;
  const services: PrintService[] = [];

  async function host() {
    const jobs = await JobStore.open(jobsFile, now);
    const counts = await CountsStore.open(join(dir, 'counts.json'), now);
    const service = new PrintService({
      config,
      library: () => library,
      renderer,
      spooler: () => spooler,
      counts,
      jobs,
      log,
      now,
      onFailure: () => (failures += 1),
      // Long unless a test asks: tests step through states themselves.
      followUpMs: options.followUpMs ?? 3_600_000,
      firstFollowUpMs: options.followUpMs ?? 3_600_000,
      aheadDelayMs: options.aheadDelayMs ?? 3_600_000,
    });
    services.push(service);
    return { service, jobs, counts };
  }

  const first = await host();
  return {
    ...first,
    renderer,
    spooler,
    log,
    folder,
    jobsFile,
    restart: host,
    advance: (ms: number) => (time += ms),
    failures: () => failures,
    printedFiles: async () => (await readdir(folder).catch(() => [] as string[])).sort(),
    storedFile: async () => JSON.parse(await readFile(jobsFile, 'utf8')) as Array<Record<string, unknown> & { documents: Array<Record<string, unknown>> }>,
    close: () => services.forEach((s) => s.close()),
  };
}

/**
 * For a print service test file (call it at the top): the shipped library and demo config, and
 * `setup`, a print service on a folder of its own in a temporary folder for the file, closed after
 * each test (the folder is removed after the file). `scratch` names another fresh path there;
 * `withLimits` is the demo config with other print limits or paper.
 */
export async function printServiceTests(name: string) {
  const { library, demo } = await loadDemo();
  let root = '';
  let counter = 0;
  const closers: Array<() => void> = [];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), `kiosk-${name}-`));
  });
  afterEach(() => closers.splice(0).forEach((close) => close()));
  afterAll(() => rm(root, { recursive: true, force: true }));

  const scratch = (what: string) => join(root, `${what}-${++counter}`);
  async function setup(options: PrintSetupOptions & { config?: KioskConfig | (() => KioskConfig) } = {}) {
    const { config = demo } = options;
    const made = await printSetup(scratch('case'), library, typeof config === 'function' ? config : () => config, options);
    closers.push(made.close);
    return made;
  }
  function withLimits(limits: Partial<KioskConfig['print']['limits']>, paper: KioskConfig['print']['paper'] = 'Letter'): KioskConfig {
    return { ...demo, print: { ...demo.print, paper, limits: { ...demo.print.limits, ...limits } } };
  }
  return { library, demo, setup, scratch, withLimits };
}
