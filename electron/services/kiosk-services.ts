import { join } from 'node:path';
import { JobStateSchema, type JobState, type KioskState } from '../contract/channels';
import type { KioskConfig } from '../contract/config';
import type { ApiHandlers } from './api-router';
import { ConfigLifecycle } from './config/config-lifecycle';
import { toPublicConfig } from './config/config-loader';
import type { KioskLoadOptions } from './config/kiosk-load';
import { CountsStore } from './counts/counts-store';
import { checkFolder, SaveProblems } from './fs/save-problems';
import { contentHandlers } from './handlers/content-handlers';
import { printHandlers } from './handlers/print-handlers';
import { sessionHandlers } from './handlers/session-handlers';
import { staffHandlers } from './handlers/staff-handlers';
import type { Logger } from './log';
import { foldRepeats } from './log-folding';
import type { MetricsSnapshot } from './metrics/metrics-snapshot';
import { JobStore } from './printing/job-store';
import type { PdfRenderer } from './printing/pdf-renderer';
import { PrintService } from './printing/print-service';
import { PrinterMonitor } from './printing/printer-monitor';
import { ServiceSwitch } from './staff/service-switch';
import { StaffAuth } from './staff/staff-auth';
import { StaffEventLog } from './staff/staff-event-log';

export interface KioskServicesOptions extends KioskLoadOptions {
  pdfRenderer: PdfRenderer;
  log: Logger;
  /** The app's version, shown to staff and on the test page. */
  version: string;
  /** Host-specific clean-up at the end of a session (Electron clears storage and cache). */
  onSessionEnd?: () => Promise<void>;
  /** The clock for `loadedAt` and the staff event log (tests). */
  now?: () => Date;
  /** The host's, so staff see a log folder that cannot be written beside the data folder. */
  saveProblems?: SaveProblems;
}

export interface KioskServices {
  handlers: ApiHandlers;
  state: () => KioskState;
  /** For fleet monitoring (/metrics). */
  metrics: () => MetricsSnapshot;
  /** The config in force, or undefined while out of service for config or content. */
  config: () => KioskConfig | undefined;
  /** Called after a config is applied, or saved again unchanged (hosts restart the servers whose settings changed or that failed). */
  onConfigApplied: (listener: () => void) => void;
  close: () => void;
}

/**
 * Lines any caller of the API can cause once per request (a loopback process as easily as the
 * touch screen): folded (log-folding.ts), so no caller can flush the kept log.
 */
const PER_REQUEST_EVENTS: ReadonlySet<string> = new Set(['session-reset', 'speech-unavailable', 'print-limit']);

/**
 * Everything the kiosk does, independent of the host: the parts, wired. The config's life is in
 * `ConfigLifecycle`, each channel's answer in `handlers/`, printing in `printing/`.
 */
export async function createKioskServices(options: KioskServicesOptions): Promise<KioskServices> {
  const { version } = options;
  const now = options.now ?? (() => new Date());
  const events = new StaffEventLog(options.log, now);
  // A missing voice is news once per language (the language is one the config offers: checked there).
  const log = foldRepeats(events, { only: PER_REQUEST_EVENTS, byDetail: { 'speech-unavailable': 'lang' } });

  // A data folder that cannot be written leaves the kiosk up: staff are told, counts and jobs live in memory.
  const saveProblems = options.saveProblems ?? new SaveProblems(now);
  const data = { dir: options.dataDir, watcher: saveProblems.watch('data', log) };
  const file = (name: string) => join(options.dataDir, name);
  const counts = await CountsStore.open(file('counts.json'), now, (message) => log.warn('counts-reset', { message }), data.watcher);
  const jobs = await JobStore.open(file('print-jobs.json'), now, (message) => log.warn('print-jobs-reset', { message }), data.watcher);
  const service = await ServiceSwitch.open(file('service.json'), log, data.watcher);
  await checkFolder(options.dataDir, data.watcher);

  const config: ConfigLifecycle = await ConfigLifecycle.start({
    load: options,
    log,
    now,
    inService: () => service.inService,
    onApply: (next, previous) => {
      if (next.ok && previous.ok && next.config.staff.pinHash !== previous.config.staff.pinHash) staff.lockAll();
      startPrinting();
    },
  });
  const staff = new StaffAuth(
    () => config.ready().config.staff.pinHash,
    Date.now,
    (event, lockedForSeconds) => log.info(event, { lockedForSeconds }),
  );
  // Every printer check also asks after the jobs under way and lets go of what is no longer kept.
  const monitor = new PrinterMonitor(
    () => config.ready().spooler,
    log,
    undefined,
    () => void printing.reconcile(),
  );
  const printing: PrintService = new PrintService({
    config: () => config.ready().config,
    library: () => config.ready().library,
    spooler: () => config.ready().spooler,
    renderer: options.pdfRenderer,
    counts,
    jobs,
    log,
    now,
    onFailure: () => void monitor.check(),
  });

  let resumed = false;
  /**
   * Starts printer checks for the config in force; jobs from before a restart resume once, not
   * waited for: a CUPS that hangs must not keep the kiosk from opening its door.
   */
  function startPrinting(): void {
    monitor.stop();
    if (!config.current.ok) return;
    monitor.start(config.current.config.print.checkEverySeconds);
    if (!resumed) {
      resumed = true;
      printing.resume().catch((error: Error) => log.error('print-resume-failed', { cause: error.message }));
    }
  }
  startPrinting();

  /** Sessions ended from the front-desk page; the touch UI resets when it sees this grow. */
  let resets = 0;
  const state = (): KioskState => {
    const { current, loadedAt } = config;
    if (!current.ok) return current.state;
    if (!service.inService) return { status: 'staff-out-of-service', languages: current.config.languages, loadedAt: loadedAt.toISOString() };
    return {
      status: 'ready',
      config: toPublicConfig(current.config),
      reasons: current.contentRules.value.reasons,
      version,
      contentVersion: current.library.version,
      loadedAt: loadedAt.toISOString(),
      resets,
    };
  };

  const metrics = (): MetricsSnapshot => {
    const { current } = config;
    const byState = Object.fromEntries(JobStateSchema.options.map((s) => [s, 0])) as Record<JobState, number>;
    for (const job of jobs.all()) byState[job.state] += 1;
    const { sessions } = counts.sinceStart();
    const { comeIn, stayOut, turnedAway, handoutsPrinted } = counts.beforeToday();
    return {
      version,
      contentVersion: current.ok ? current.library.version : null,
      outOfService: !current.ok ? current.state.reason : service.inService ? null : 'staff',
      saveFailing: { data: saveProblems.has('data'), logs: saveProblems.has('logs') },
      printerReady: current.ok ? (monitor.latest()?.ready ?? null) : null,
      jobs: byState,
      counters: { sessions, comeIn, stayOut, turnedAway, handoutsPrinted, configLoadErrors: config.loadErrors },
    };
  };

  const handlers: ApiHandlers = {
    ...sessionHandlers({ config, counts, log, state, onSessionEnd: options.onSessionEnd }),
    ...contentHandlers(config, printing),
    ...printHandlers(config, printing, monitor),
    ...staffHandlers({ config, staff, service, printing, monitor, counts, events, saveProblems, data, version, resetSession: () => (resets += 1) }),
  };
  return {
    handlers,
    state,
    metrics,
    config: () => (config.current.ok ? config.current.config : undefined),
    onConfigApplied: (listener) => config.onApplied(listener),
    close: () => {
      config.close();
      monitor.stop();
      printing.close();
      log.flush();
    },
  };
}
