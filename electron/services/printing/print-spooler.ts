/** Where a print job stands, as the kiosk tells it to the patient and to staff. */
export type SpoolState = 'queued' | 'printing' | 'done' | 'failed';

/** One PDF handed to a spooler. `reason` is for staff and logs: plain words, never patient data. */
export interface SpoolJob {
  id: string;
  state: SpoolState;
  reason?: string;
}

export interface SpoolOptions {
  /** Job title shown in the print queue: handout titles only, never anything about the person. */
  title: string;
  copies: number;
  paper: 'Letter' | 'A4';
}

/** Whether the printer can take a job now, and if not, why (for staff and logs). */
export interface PrinterCheck {
  ready: boolean;
  reason?: string;
}

/** Sends finished PDFs to paper (or to a folder). Implementations: `cups`, `folder`. */
export interface PrintSpooler {
  readonly kind: 'cups' | 'folder';
  /** Queues the PDF. Never throws for printer faults: returns a `failed` job with the reason. */
  submit(pdf: Uint8Array, options: SpoolOptions): Promise<SpoolJob>;
  /** The job's current state; unknown ids come back `failed` with a reason. */
  status(jobId: string): Promise<SpoolJob>;
  check(): Promise<PrinterCheck>;
}
