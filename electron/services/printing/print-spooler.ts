/**
 * Where a spooled document stands. `failed` only when no copy of it can print any more (the
 * printer refused it, or it was taken back); `unknown` when a copy may still come out.
 */
export type SpoolState = 'queued' | 'printing' | 'done' | 'failed' | 'unknown';

/** One document handed to a spooler. `reason` is for staff and logs: plain words, never patient data. */
export interface SpoolJob {
  id: string;
  state: SpoolState;
  /** Why it failed, or why its fate is not known. */
  reason?: string;
  /**
   * For `unknown`: true while the spooler can still find out (it cannot reach the printer system
   * now, so ask again); false when no one ever will (its record is gone): staff check the tray.
   */
  settles?: boolean;
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
  /** Random and unique to this sending of the document: how a spooler finds it again after a crash. */
  key: string;
}

/** Whether the printer can take a job now, and if not, why (for staff, logs and the patient's screen). */
export interface PrinterCheck {
  ready: boolean;
  /** The printer as staff know it (queue name, device name, or folder). */
  printer: string;
  reason?: string;
}

/** What {@link PrintSpooler.recover} found of a document whose sending a crash interrupted. */
export type Recovered = SpoolJob | 'never' | 'not-yet';

/** Sends documents to paper (or to a folder). Implementations: `cups`, `folder`, `electron`. */
export interface PrintSpooler {
  readonly kind: 'cups' | 'folder' | 'electron';
  /**
   * Hands the document over. `sent(id)` is called once the spooler holds it under `id` and before
   * any paper can move, and the spooler waits for it: the id is on record before the page prints.
   * Never throws for printer faults: returns a `failed` job with the reason.
   */
  submit(document: PrintDocument, sent: (id: string) => Promise<void>): Promise<SpoolJob>;
  /** The job's state now; unknown ids come back `failed` or `unknown` with a reason. */
  status(jobId: string): Promise<SpoolJob>;
  /**
   * A document whose sending began (`key`, at `since`) but whose id was never recorded: where it
   * is, `never` once nothing of it can print (sending it anew is safe), `not-yet` while the
   * spooler cannot tell. `known` are the ids the kiosk has on record.
   */
  recover(key: string, since: Date, known: ReadonlySet<string>): Promise<Recovered>;
  /**
   * Takes a job out of the printer's queue so it can never print later (after a failure, or when
   * staff cancel). True once nothing of it can print; false when the printer system cannot be
   * reached to make sure. Never throws.
   */
  cancel(jobId: string): Promise<boolean>;
  /** Drops what the printer system keeps of a finished job (its file and history). Best effort, never throws. */
  forget(jobId: string): Promise<void>;
  check(): Promise<PrinterCheck>;
  /** Printer names this spooler could use, for the staff screen. */
  printers(): Promise<string[]>;
}
