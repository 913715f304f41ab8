import type { StaffEvent } from '../../contract/channels';
import type { LogDetails, Logger } from '../log';

/** Log events staff see on the staff screen, each with the one detail worth showing. */
const SHOWN: Record<string, { as: StaffEvent['event']; detail?: string }> = {
  'session-reset': { as: 'session-reset', detail: 'reason' },
  'staff-unlock': { as: 'staff-unlock' },
  'staff-pin-wrong': { as: 'staff-pin-wrong' },
  'staff-locked': { as: 'staff-locked', detail: 'lockedForSeconds' },
  'printer-not-ready': { as: 'printer-fault', detail: 'reason' },
  'printer-ready': { as: 'printer-ready', detail: 'printer' },
  'config-reloaded': { as: 'config-reloaded' },
  'config-reload-refused': { as: 'config-refused', detail: 'problem' },
  'staff-out-of-service': { as: 'out-of-service' },
  'staff-in-service': { as: 'in-service' },
};

/** Lines kept: enough for a shift, small enough to read at a glance. */
const KEEP = 50;

/**
 * The staff screen's event log: a logger that passes every line on to the real log and keeps the
 * last few that matter to the front desk (resets, unlocks, wrong PINs, printer faults, config
 * reloads, service changes). In memory only: the log file has the full story.
 */
export class StaffEventLog implements Logger {
  private readonly events: StaffEvent[] = [];

  constructor(
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  info(event: string, details?: LogDetails): void {
    this.log.info(event, details);
    this.keep(event, details);
  }

  warn(event: string, details?: LogDetails): void {
    this.log.warn(event, details);
    this.keep(event, details);
  }

  error(event: string, details?: LogDetails): void {
    this.log.error(event, details);
    this.keep(event, details);
  }

  /** Newest first. */
  list(): StaffEvent[] {
    return [...this.events].reverse();
  }

  private keep(event: string, details: LogDetails = {}): void {
    const shown = SHOWN[event];
    if (!shown) return;
    const detail = shown.detail === undefined ? undefined : details[shown.detail];
    this.events.push({ time: this.now().toISOString(), event: shown.as, ...(detail !== undefined && { detail: String(detail) }) });
    if (this.events.length > KEEP) this.events.shift();
  }
}
