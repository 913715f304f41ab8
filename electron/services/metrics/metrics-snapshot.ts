import type { JobState } from '../../contract/channels';

/**
 * What the kiosk tells a fleet's monitoring, taken fresh for each scrape. Aggregate numbers and
 * states only: nothing about a person, a handout or an answer.
 */
export interface MetricsSnapshot {
  version: string;
  /** The loaded library's version; null while out of service for config or content. */
  contentVersion: string | null;
  /** Why the kiosk is not taking people, or null when it is. */
  outOfService: null | 'config' | 'content' | 'staff';
  /** Whether the kiosk cannot save to its data folder (counts, print jobs) or its log folder right now. */
  saveFailing: { data: boolean; logs: boolean };
  /** The last printer check; null when no check has run (out of service for config). */
  printerReady: boolean | null;
  /** Print jobs the kiosk still tracks (finished ones are kept an hour), by state. */
  jobs: Record<JobState, number>;
  /**
   * Sessions and refused configs: since this process started (Prometheus counters may reset on
   * restart). Outcomes and handouts printed: every kept day that has ended, so none moves while
   * a person is at the kiosk and no answer or print can be timed by scraping.
   */
  counters: {
    sessions: number;
    comeIn: number;
    stayOut: number;
    turnedAway: number;
    handoutsPrinted: number;
    /** Config files (at start or on a watched edit) that were refused. */
    configLoadErrors: number;
  };
}
