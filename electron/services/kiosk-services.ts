import { join } from 'node:path';
import { z } from 'zod';
import { JobStateSchema, type JobState, type KioskState } from '../contract/channels';
import { PSEUDO_LANGUAGES, type KioskConfig, type Language } from '../contract/config';
import type { ContentRules } from '../contract/content';
import type { ApiHandlers } from './api-router';
import { loadConfigFile, toPublicConfig, type ConfigLoad } from './config/config-loader';
import { watchConfigFile } from './config/config-watcher';
import type { ContentProblem, HandoutLibrary } from './content/handout-library';
import type { HandoutSearch } from './content/handout-search';
import { loadContent, type LoadedContent } from './content/library-bundle';
import { loadContentRules, ruleWarnings, RULES_FILE, Suggestions } from './content/suggestions';
import { CountsStore } from './counts/counts-store';
import { JsonFileWriter, readJsonFile } from './fs/json-file';
import { cannotSaveMessage, checkFolder, SaveProblems } from './fs/save-problems';
import { KioskError } from './kiosk-error';
import type { Logger } from './log';
import { foldRepeats } from './log-folding';
import type { MetricsSnapshot } from './metrics/metrics-snapshot';
import { CupsSpooler } from './printing/cups-spooler';
import { FolderSpooler } from './printing/folder-spooler';
import type { PdfRenderer } from './printing/pdf-renderer';
import type { PrintSpooler } from './printing/print-spooler';
import { JobStore } from './printing/job-store';
import { PrintService } from './printing/print-service';
import { PrinterMonitor } from './printing/printer-monitor';
import { StaffAuth } from './staff/staff-auth';
import { StaffEventLog } from './staff/staff-event-log';

export interface KioskServicesOptions {
  /** The clinic's config file; without it the shipped demo config is used. */
  configPath?: string;
  /** The shipped content folder (handouts, topics, demo config). */
  contentDir: string;
  /** Where counts and default PDF output live (Electron's userData, or a folder for the web host). */
  dataDir: string;
  pdfRenderer: PdfRenderer;
  log: Logger;
  /** The app's version, shown to staff and on the test page. */
  version: string;
  /** The Electron host's `electron` spooler (webContents.print); absent in the web host. */
  electronSpooler?: (printer: string) => PrintSpooler;
  /** Host-specific clean-up at the end of a session (Electron clears storage and cache). */
  onSessionEnd?: () => Promise<void>;
  /** The clock for `loadedAt` and the staff event log (tests). */
  now?: () => Date;
  /** The host's, so staff see a log folder that cannot be written beside the data folder. */
  saveProblems?: SaveProblems;
  /** Settles once the host answers requests: loading left for after start (other languages' search indexes) waits for it. */
  started?: Promise<void>;
}

/** The config in force: a ready kiosk, or out of service with every problem named. */
type Loaded =
  | {
      ok: true;
      config: KioskConfig;
      library: HandoutLibrary;
      search: HandoutSearch;
      /** From a bundle: settles once it has been compared with the handout files. */
      afterStart: LoadedContent['afterStart'];
      /** The content's rules.json (visit reasons, rules) and what was wrong with it. */
      contentRules: { value: ContentRules; problems: ContentProblem[] };
      suggestions: Suggestions;
      spooler: PrintSpooler;
      source: string;
    }
  | { ok: false; state: Extract<KioskState, { status: 'out-of-service' }> };

/** Picks the spooler the config names; without one, PDFs go to a folder in the data folder. */
function createSpooler(config: KioskConfig, options: KioskServicesOptions): PrintSpooler {
  const spooler = config.print.spooler;
  switch (spooler?.type) {
    case 'cups':
      return new CupsSpooler(spooler.printer, { onKeptJobs: (detail) => options.log.warn('cups-keeps-jobs', { printer: spooler.printer, detail }) });
    case 'electron':
      return options.electronSpooler!(spooler.printer);
    case 'folder':
      return new FolderSpooler(spooler.folder);
    case undefined:
      return new FolderSpooler(join(options.dataDir, 'printed'));
  }
}

const ServiceFileSchema = z.object({ inService: z.boolean() });
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

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
 * Everything the kiosk does, independent of the host: loads config and content, and answers
 * every channel. The kiosk never runs on a half-valid config: a bad one at start puts it out of
 * service; a bad edit later is refused and the last good config stays. A good edit waits for
 * the touch UI to be resting (no one at the kiosk), so no session changes under a person.
 */
export async function createKioskServices(options: KioskServicesOptions): Promise<KioskServices> {
  const { version } = options;
  const now = options.now ?? (() => new Date());
  const events = new StaffEventLog(options.log, now);
  // A missing voice is news once per language (the language is one the config offers: checked below).
  const log = foldRepeats(events, { only: PER_REQUEST_EVENTS, byDetail: { 'speech-unavailable': 'lang' } });
  let current = await load(options, log);
  let pending: Loaded | undefined;
  /** A bundle found out of date after start: until a restart, loads read the handout files instead. */
  let bundleStale = false;
  let closed = false;
  let loadedAt = now();
  let configLoadErrors = current.ok ? 0 : 1;
  /** Sessions ended from the front-desk page; the touch UI resets when it sees this grow. */
  let resets = 0;
  const listeners: Array<() => void> = [];
  // A data folder that cannot be written leaves the kiosk up: staff are told, counts and jobs live in memory.
  const saveProblems = options.saveProblems ?? new SaveProblems(now);
  const dataWatcher = saveProblems.watch('data', log);
  const counts = await CountsStore.open(join(options.dataDir, 'counts.json'), now, (message) => log.warn('counts-reset', { message }), dataWatcher);
  const jobs = await JobStore.open(join(options.dataDir, 'print-jobs.json'), now, (message) => log.warn('print-jobs-reset', { message }), dataWatcher);
  const serviceFile = join(options.dataDir, 'service.json');
  const serviceWriter = new JsonFileWriter(serviceFile, dataWatcher);
  await checkFolder(options.dataDir, dataWatcher);
  // Out of service stays out of service across a restart, until staff put it back.
  let inService = (await readJsonFile(serviceFile, ServiceFileSchema, (message) => log.warn('service-state-reset', { message })))?.inService ?? true;

  const ready = () => {
    if (!current.ok) throw new KioskError('unavailable', 'the kiosk is out of service');
    return current;
  };
  /** Content in a language: one the config offers, not merely any language code. */
  const inLanguage = (lang: Language) => {
    const loaded = ready();
    if (!loaded.config.languages.includes(lang)) throw new KioskError('bad-request', `"${lang}" is not a language of this kiosk (${loaded.config.languages.join(', ')})`);
    return loaded;
  };
  const staff = new StaffAuth(
    () => ready().config.staff.pinHash,
    Date.now,
    (event, lockedForSeconds) => log.info(event, { lockedForSeconds }),
  );
  // Every printer check also asks after the jobs under way and lets go of what is no longer kept.
  const monitor = new PrinterMonitor(() => ready().spooler, log, undefined, () => void printing.reconcile());
  const printing: PrintService = new PrintService({
    config: () => ready().config,
    library: () => ready().library,
    spooler: () => ready().spooler,
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
  const startPrinting = () => {
    monitor.stop();
    if (!current.ok) return;
    monitor.start(current.config.print.checkEverySeconds);
    if (!resumed) {
      resumed = true;
      printing.resume().catch((error: Error) => log.error('print-resume-failed', { cause: error.message }));
    }
  };
  startPrinting();

  const notify = () => {
    for (const listener of listeners) listener();
  };
  const apply = (next: Loaded) => {
    if (current.ok && next.ok && next.config.staff.pinHash !== current.config.staff.pinHash) staff.lockAll();
    // The same printer keeps its spooler, so jobs under way are still followed.
    current = next.ok && current.ok && sameJson(next.config.print.spooler, current.config.print.spooler) ? { ...next, spooler: current.spooler } : next;
    pending = undefined;
    loadedAt = now();
    if (current.ok) log.info('config-reloaded', { config: current.source });
    startPrinting();
    notify();
    watchBundle();
  };
  /**
   * When the bundle in force turns out older than its files, they are read again and shown at
   * the next resting moment, like an edited config: a corrected handout must not keep printing.
   */
  const watchBundle = () => {
    if (!current.ok) return;
    const { library, afterStart } = current;
    void afterStart.then(({ bundleStale: stale }) => {
      if (!stale || bundleStale || closed || !current.ok || current.library !== library) return;
      bundleStale = true;
      reloads = reloads.then(reload);
    });
  };

  /** Reads the config file again after an edit: refused, applied now, or held for the next resting moment. */
  const reload = async () => {
    const next = await load(options, log, bundleStale);
    if (!next.ok) {
      configLoadErrors += 1;
      const first = next.state.problems[0];
      log.error('config-reload-refused', { file: next.state.source, problems: next.state.problems.length, problem: first && `${first.path}: ${first.message}` });
      // Already out of service: show staff the newest problems. Otherwise the last good config stays.
      if (!current.ok) apply(next);
      return;
    }
    if (current.ok && sameJson(next.config, current.config) && next.library.version === current.library.version && sameJson(next.contentRules, current.contentRules)) {
      // Saved back to what is in force: nothing is waiting any more. Listeners still hear of it,
      // so saving again retries a server that could not start (a port in use, a certificate).
      pending = undefined;
      return notify();
    }
    if (!current.ok || !inService) return apply(next);
    pending = next;
    log.info('config-reload-pending', { config: next.source });
  };
  let reloads = Promise.resolve();
  watchBundle();
  const stopWatching = options.configPath ? watchConfigFile(options.configPath, () => (reloads = reloads.then(reload)), log) : () => {};

  /** Staff channels need a fresh staff token (from the PIN). */
  const asStaff = <R>(token: string, run: () => R): R => {
    staff.verify(token);
    return run();
  };
  const countFor = { 'session-start': 'sessions', 'come-in': 'comeIn', 'stay-out': 'stayOut', 'turned-away': 'turnedAway' } as const;

  const state = (): KioskState => {
    if (!current.ok) return current.state;
    if (!inService) return { status: 'staff-out-of-service', languages: current.config.languages, loadedAt: loadedAt.toISOString() };
    return { status: 'ready', config: toPublicConfig(current.config), reasons: current.contentRules.value.reasons, version, contentVersion: current.library.version, loadedAt: loadedAt.toISOString(), resets };
  };

  const metrics = (): MetricsSnapshot => {
    const byState = Object.fromEntries(JobStateSchema.options.map((s) => [s, 0])) as Record<JobState, number>;
    for (const job of jobs.all()) byState[job.state] += 1;
    const { sessions } = counts.sinceStart();
    const { comeIn, stayOut, turnedAway, handoutsPrinted } = counts.beforeToday();
    return {
      version,
      contentVersion: current.ok ? current.library.version : null,
      outOfService: !current.ok ? current.state.reason : inService ? null : 'staff',
      saveFailing: { data: saveProblems.has('data'), logs: saveProblems.has('logs') },
      printerReady: current.ok ? (monitor.latest()?.ready ?? null) : null,
      jobs: byState,
      counters: { sessions, comeIn, stayOut, turnedAway, handoutsPrinted, configLoadErrors },
    };
  };

  const handlers: ApiHandlers = {
    'kiosk:state': ({ resting }) => {
      if (resting && pending) apply(pending);
      return state();
    },
    'content:list': ({ lang }) => inLanguage(lang).library.list(lang),
    'content:search': ({ lang, query }) => ({ handouts: inLanguage(lang).search.search(lang, query) }),
    'content:suggest': ({ lang, ...visit }) => {
      const handouts = inLanguage(lang).suggestions.suggest(visit, lang);
      // Laid out while the person reads, so Print need not wait (in memory only, see PrintService).
      printing.prepare(lang, handouts.map((handout) => handout.id));
      return { handouts };
    },
    'content:get': ({ id, lang }) => {
      const handout = inLanguage(lang).library.get(id, lang);
      if (!handout) throw new KioskError('not-found', `no handout "${id}" in ${lang}`);
      return handout;
    },
    'print:submit': (request) => {
      inLanguage(request.lang);
      return printing.submit(request);
    },
    'print:status': ({ id, changedFrom, waitMs }) => printing.status(id, changedFrom, waitMs),
    'print:availability': async () => ({ available: (await monitor.status()).ready }),
    'session:record': async ({ event }) => {
      await counts.add(countFor[event]);
      return {};
    },
    'session:end': async ({ reset }) => {
      if (reset) log.info('session-reset', { reason: reset });
      await options.onSessionEnd?.();
      return {};
    },
    'speech:unavailable': ({ lang, reason }) => {
      inLanguage(lang);
      log.warn('speech-unavailable', { lang, reason });
      return {};
    },
    'staff:unlock': ({ pin }) => staff.unlock(pin),
    'staff:status': ({ token }) =>
      asStaff(token, async () => {
        const { spooler, library, contentRules, source } = ready();
        // Checked again while it fails, so Refresh shows when IT has fixed the folder.
        if (saveProblems.has('data')) await checkFolder(options.dataDir, dataWatcher);
        // Jobs first: what they just learned (a print that got through) is part of the printer's state.
        const jobsNow = await printing.list();
        const [printer, printers] = await Promise.all([monitor.check(), spooler.printers()]);
        return {
          inService,
          printer,
          printers,
          jobs: jobsNow,
          days: counts.lastDays(7),
          version,
          contentVersion: library.version,
          config: { path: source, loadedAt: loadedAt.toISOString(), pending: pending !== undefined },
          events: events.list(),
          contentProblems: [...library.problems, ...contentRules.problems],
          saveProblems: saveProblems.list(),
        };
      }),
    'staff:set-service': ({ token, inService: wanted }) =>
      asStaff(token, async () => {
        if (wanted === inService) return {};
        // Saved, then applied: a change that cannot be kept across a restart is not made at all.
        await serviceWriter.save({ inService: wanted }).catch((error: unknown) => {
          throw new KioskError('internal', cannotSaveMessage(serviceFile, error));
        });
        if (wanted === inService) return {}; // a second press, applied while this one saved
        inService = wanted;
        log.info(inService ? 'staff-in-service' : 'staff-out-of-service');
        // No one can be mid-session while out of service: a waiting config applies now.
        if (!inService && pending) apply(pending);
        return {};
      }),
    'staff:reset-session': ({ token }) =>
      asStaff(token, () => {
        resets += 1;
        return {};
      }),
    'staff:job-retry': ({ token, id }) => asStaff(token, () => printing.retry(id)),
    'staff:job-cancel': ({ token, id }) => asStaff(token, () => printing.cancel(id)),
    'staff:test-page': ({ token }) => asStaff(token, () => printing.testPage()),
    'staff:lock': ({ token }) => {
      staff.lock(token);
      return {};
    },
  };
  return {
    handlers,
    state,
    metrics,
    config: () => (current.ok ? current.config : undefined),
    onConfigApplied: (listener) => listeners.push(listener),
    close: () => {
      closed = true;
      stopWatching();
      monitor.stop();
      printing.close();
      log.flush();
    },
  };
}

/** Loads the config and its content; `skipBundle` reads the handout files even where a bundle is. */
async function load(options: KioskServicesOptions, log: Logger, skipBundle = false): Promise<Loaded> {
  const result: ConfigLoad = await loadConfigFile(options.configPath ?? join(options.contentDir, 'demo-config.json'));
  if (!options.configPath) log.warn('config-demo', { message: 'no --config or KIOSK_CONFIG given: running the demo config (staff PIN 1234)' });
  if (!result.ok) {
    for (const problem of result.problems) log.error('config-invalid', { file: result.source, field: problem.path, problem: problem.message });
    return { ok: false, state: { status: 'out-of-service', reason: 'config', source: result.source, problems: result.problems } };
  }
  const config = result.config;
  const contentDir = config.handouts.contentDir ?? options.contentDir;
  let content: LoadedContent;
  try {
    content = await loadContent(contentDir, log, config.defaultLanguage, skipBundle, options.started);
  } catch (error) {
    const message = `cannot read the content folder: ${(error as Error).message}`;
    log.error('content-unreadable', { folder: contentDir, cause: message });
    return { ok: false, state: { status: 'out-of-service', reason: 'content', source: contentDir, problems: [{ path: 'handouts.contentDir', message }] } };
  }
  const { library, search, afterStart } = content;
  for (const problem of library.problems) log.warn('content-problem', { file: problem.file, problem: problem.message });
  // Allowed, but worth IT's notice: a test language patients would find odd, or one with no handouts yet.
  for (const lang of config.languages) {
    if ((PSEUDO_LANGUAGES as readonly string[]).includes(lang)) log.warn('config-test-language', { lang, message: 'a pseudo-locale made from English, for testing' });
    if (!library.languages().includes(lang)) log.warn('content-language-missing', { lang, folder: contentDir });
  }
  const contentRules = await loadContentRules(contentDir);
  for (const problem of contentRules.problems) log.error('content-rules-invalid', { file: problem.file, problem: problem.message });
  // The config's rules are read first, so a clinic's own rules come before the content's.
  const ruleSets = [
    { at: 'handouts.rules', rules: config.handouts.rules },
    { at: `${RULES_FILE}: rules`, rules: contentRules.value.rules },
  ];
  for (const warning of ruleWarnings(ruleSets, contentRules.value.reasons, library, config.languages)) {
    log.warn('suggestion-rule-unknown', { rule: warning.path, problem: warning.message });
  }
  const suggestions = new Suggestions(library, ruleSets.flatMap((set) => set.rules));
  if (config.print.spooler?.type === 'electron' && !options.electronSpooler) {
    const problem = { path: 'print.spooler.type', message: 'the "electron" spooler works only in the Electron app; use "cups" or "folder" here' };
    log.error('config-invalid', { file: result.source, field: problem.path, problem: problem.message });
    return { ok: false, state: { status: 'out-of-service', reason: 'config', source: result.source, problems: [problem] } };
  }
  if (!config.print.spooler) {
    // The demo's way to print without a printer: fine for a try-out, not at a clinic's door.
    log.warn('print-to-folder', { folder: join(options.dataDir, 'printed'), message: 'no print.spooler in the config: every print is a PDF kept in this folder until something removes it' });
  }
  log.info('kiosk-loaded', { config: result.source, content: contentDir, contentVersion: library.version });
  return { ok: true, config, library, search, afterStart, contentRules, suggestions, spooler: createSpooler(config, options), source: result.source };
}
