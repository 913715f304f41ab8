import type { ApiHandlers } from '../api-router';
import type { ConfigLifecycle } from '../config/config-lifecycle';
import type { CountsStore } from '../counts/counts-store';
import { checkFolder, type SaveProblems, type SaveWatcher } from '../fs/save-problems';
import type { PrintService } from '../printing/print-service';
import type { PrinterMonitor } from '../printing/printer-monitor';
import type { ServiceSwitch } from '../staff/service-switch';
import type { StaffAuth } from '../staff/staff-auth';
import type { StaffEventLog } from '../staff/staff-event-log';

export interface StaffHandlerDeps {
  config: ConfigLifecycle;
  staff: StaffAuth;
  service: ServiceSwitch;
  printing: PrintService;
  monitor: PrinterMonitor;
  counts: CountsStore;
  events: StaffEventLog;
  saveProblems: SaveProblems;
  data: { dir: string; watcher: SaveWatcher };
  version: string;
  /** Counts a session ended from the front-desk page (the touch UI resets when it sees the count grow). */
  resetSession: () => void;
}

type StaffChannel =
  'staff:unlock' | 'staff:status' | 'staff:set-service' | 'staff:reset-session' | 'staff:job-retry' | 'staff:job-cancel' | 'staff:test-page' | 'staff:lock';

/**
 * The staff screen and the front-desk page: PIN, status, service, ending a session, print jobs,
 * test page. Every channel but unlock needs a fresh staff token.
 */
export function staffHandlers(deps: StaffHandlerDeps): Pick<ApiHandlers, StaffChannel> {
  const { config, staff, service, printing, monitor, counts, events, saveProblems, data, version } = deps;
  const asStaff = <R>(token: string, run: () => R): R => {
    staff.verify(token);
    return run();
  };
  return {
    'staff:unlock': ({ pin }) => staff.unlock(pin),
    'staff:status': ({ token }) =>
      asStaff(token, async () => {
        const { spooler, library, contentRules, source } = config.ready();
        // Checked again while it fails, so Refresh shows when IT has fixed the folder.
        if (saveProblems.has('data')) await checkFolder(data.dir, data.watcher);
        // Jobs first: what they just learned (a print that got through) is part of the printer's state.
        const jobs = await printing.list();
        const [printer, printers] = await Promise.all([monitor.check(), spooler.printers()]);
        return {
          inService: service.inService,
          printer,
          printers,
          jobs,
          days: counts.lastDays(7),
          version,
          contentVersion: library.version,
          config: { path: source, loadedAt: config.loadedAt.toISOString(), pending: config.pending !== undefined },
          events: events.list(),
          contentProblems: [...library.problems, ...contentRules.problems],
          saveProblems: saveProblems.list(),
        };
      }),
    'staff:set-service': ({ token, inService }) =>
      asStaff(token, async () => {
        // No one can be mid-session while out of service: a waiting config applies now.
        if ((await service.set(inService)) && !inService) config.resting();
        return {};
      }),
    'staff:reset-session': ({ token }) =>
      asStaff(token, () => {
        deps.resetSession();
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
}
