/** Where a spooled document stands. `reason` says why it failed, in words staff can act on. */
export type SpoolState = 'queued' | 'printing' | 'done' | 'failed';

/** One document handed to a spooler. `reason` is for staff and logs: plain words, never patient data. */
export interface SpoolJob {
  id: string;
  state: SpoolState;
  reason?: string;
}

/** A laid-out document: its PDF, and the print page it was made from (the Electron spooler prints the page itself). */
export interface PrintDocument {
  pdf: Uint8Array;
  /** Print page address inside the app, e.g. `/print.html?kind=handout&lang=en&id=fever`. */
  pagePath: string;
  /** Job title in the print queue: always neutral ("Kiosk print"), never a handout name. */
  title: string;
  copies: number;
  paper: 'Letter' | 'A4';
}

/** Whether the printer can take a job now, and if not, why (for staff, logs and the patient's screen). */
export interface PrinterCheck {
  ready: boolean;
  /** The printer as staff know it (queue name, device name, or folder). */
  printer: string;
  reason?: string;
}

/** Sends documents to paper (or to a folder). Implementations: `cups`, `folder`, `electron`. */
export interface PrintSpooler {
  readonly kind: 'cups' | 'folder' | 'electron';
  /** Queues the document. Never throws for printer faults: returns a `failed` job with the reason. */
  submit(document: PrintDocument): Promise<SpoolJob>;
  /** The job's state now; unknown ids come back `failed` with a reason. */
  status(jobId: string): Promise<SpoolJob>;
  /**
   * Takes a job out of the printer's queue so it can never print later (after a failure, or
   * when staff cancel). Best effort, never throws: a job already gone is fine.
   */
  cancel(jobId: string): Promise<void>;
  check(): Promise<PrinterCheck>;
  /** Printer names this spooler could use, for the staff screen. */
  printers(): Promise<string[]>;
}
