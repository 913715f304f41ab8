import { join } from 'node:path';
import type { KioskState } from '../contract/channels';
import type { KioskConfig } from '../contract/config';
import type { ApiHandlers } from './api-router';
import { loadConfigFile, toPublicConfig, type ConfigLoad } from './config/config-loader';
import { HandoutLibrary } from './content/handout-library';
import { CountsStore } from './counts/counts-store';
import { KioskError } from './kiosk-error';
import type { Logger } from './log';
import { CupsSpooler } from './printing/cups-spooler';
import { FolderSpooler } from './printing/folder-spooler';
import type { PdfRenderer } from './printing/pdf-renderer';
import type { PrintSpooler } from './printing/print-spooler';
import { JobStore } from './printing/job-store';
import { PrintService } from './printing/print-service';
import { PrinterMonitor } from './printing/printer-monitor';
import { StaffAuth } from './staff/staff-auth';

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
}

/** The config in force: a ready kiosk, or out of service with every problem named. */
type Loaded =
  | { ok: true; config: KioskConfig; library: HandoutLibrary; spooler: PrintSpooler; source: string }
  | { ok: false; state: Extract<KioskState, { status: 'out-of-service' }> };

/** Picks the spooler the config names; without one, PDFs go to a folder in the data folder. */
function createSpooler(config: KioskConfig, options: KioskServicesOptions): PrintSpooler {
  const spooler = config.print.spooler;
  switch (spooler?.type) {
    case 'cups':
      return new CupsSpooler(spooler.printer);
    case 'electron':
      return options.electronSpooler!(spooler.printer);
    case 'folder':
      return new FolderSpooler(spooler.folder);
    case undefined:
      return new FolderSpooler(join(options.dataDir, 'printed'));
  }
}

/**
 * Everything the kiosk does, independent of the host: loads config and content, and answers
 * every channel. The kiosk never runs on a half-valid config: a bad one puts it out of service.
 */
export async function createKioskServices(options: KioskServicesOptions): Promise<{ handlers: ApiHandlers; state: () => KioskState; close: () => void }> {
  const { log, version } = options;
  const loaded = await load(options);
  const counts = await CountsStore.open(join(options.dataDir, 'counts.json'), undefined, (message) => log.warn('counts-reset', { message }));
  const jobs = await JobStore.open(join(options.dataDir, 'print-jobs.json'), undefined, (message) => log.warn('print-jobs-reset', { message }));

  const ready = () => {
    if (!loaded.ok) throw new KioskError('unavailable', 'the kiosk is out of service');
    return loaded;
  };
  const staff = new StaffAuth(
    () => ready().config.staff.pinHash,
    Date.now,
    (event, lockedForSeconds) => log.info(event, { lockedForSeconds }),
  );
  const monitor = new PrinterMonitor(() => ready().spooler, log);
  const printing = new PrintService({
    config: () => ready().config,
    library: () => ready().library,
    spooler: () => ready().spooler,
    renderer: options.pdfRenderer,
    counts,
    jobs,
    log,
    onFailure: () => void monitor.check(),
  });
  if (loaded.ok) {
    monitor.start(loaded.config.print.checkEverySeconds);
    await printing.resume();
  }
  /** Staff channels need a fresh staff token (from the PIN). */
  const asStaff = <R>(token: string, run: () => R): R => {
    staff.verify(token);
    return run();
  };
  const countFor = { 'session-start': 'sessions', 'come-in': 'comeIn', 'stay-out': 'stayOut', 'turned-away': 'turnedAway' } as const;

  const state = (): KioskState =>
    loaded.ok
      ? { status: 'ready', config: toPublicConfig(loaded.config), version, contentVersion: loaded.library.version }
      : loaded.state;

  const handlers: ApiHandlers = {
    'kiosk:state': state,
    'content:list': ({ lang }) => ready().library.list(lang),
    'content:get': ({ id, lang }) => {
      const handout = ready().library.get(id, lang);
      if (!handout) throw new KioskError('not-found', `no handout "${id}" in ${lang}`);
      return handout;
    },
    'print:submit': (request) => printing.submit(request),
    'print:status': ({ id }) => printing.status(id),
    'print:availability': async () => ({ available: (await monitor.status()).ready }),
    'session:record': async ({ event }) => {
      await counts.add(countFor[event]);
      return {};
    },
    'session:end': async () => {
      await options.onSessionEnd?.();
      return {};
    },
    'staff:unlock': ({ pin }) => staff.unlock(pin),
    'staff:status': ({ token }) =>
      asStaff(token, async () => {
        const [printer, jobsNow] = await Promise.all([monitor.check(), printing.list()]);
        const printers = await ready().spooler.printers();
        return { printer, printers, jobs: jobsNow, version, contentVersion: ready().library.version };
      }),
    'staff:job-retry': ({ token, id }) => asStaff(token, () => printing.retry(id)),
    'staff:job-cancel': ({ token, id }) => asStaff(token, () => printing.cancel(id)),
    'staff:test-page': ({ token }) => asStaff(token, () => printing.testPage()),
    'staff:lock': ({ token }) => {
      staff.lock(token);
      return {};
    },
  };
  return { handlers, state, close: () => monitor.stop() };
}

async function load(options: KioskServicesOptions): Promise<Loaded> {
  const { log } = options;
  const result: ConfigLoad = await loadConfigFile(options.configPath ?? join(options.contentDir, 'demo-config.json'));
  if (!options.configPath) log.warn('config-demo', { message: 'no --config or KIOSK_CONFIG given: running the demo config (staff PIN 1234)' });
  if (!result.ok) {
    for (const problem of result.problems) log.error('config-invalid', { file: result.source, field: problem.path, problem: problem.message });
    return { ok: false, state: { status: 'out-of-service', reason: 'config', source: result.source, problems: result.problems } };
  }
  const config = result.config;
  const contentDir = config.handouts.contentDir ?? options.contentDir;
  let library: HandoutLibrary;
  try {
    library = await HandoutLibrary.load(contentDir);
  } catch (error) {
    const message = `cannot read the content folder: ${(error as Error).message}`;
    log.error('content-unreadable', { folder: contentDir, cause: message });
    return { ok: false, state: { status: 'out-of-service', reason: 'content', source: contentDir, problems: [{ path: 'handouts.contentDir', message }] } };
  }
  for (const problem of library.problems) log.warn('content-problem', { file: problem.file, problem: problem.message });
  for (const [outcome, ids] of Object.entries(config.handouts.suggested)) {
    for (const id of ids) {
      for (const lang of config.languages) {
        if (!library.has(id, lang)) log.warn('config-suggested-missing', { outcome, id, lang });
      }
    }
  }
  if (config.print.spooler?.type === 'electron' && !options.electronSpooler) {
    const problem = { path: 'print.spooler.type', message: 'the "electron" spooler works only in the Electron app; use "cups" or "folder" here' };
    log.error('config-invalid', { file: result.source, field: problem.path, problem: problem.message });
    return { ok: false, state: { status: 'out-of-service', reason: 'config', source: result.source, problems: [problem] } };
  }
  log.info('kiosk-loaded', { config: result.source, content: contentDir, contentVersion: library.version });
  return { ok: true, config, library, spooler: createSpooler(config, options), source: result.source };
}
