import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { removeLeftoverTempsIn, writeFileAtomic } from '../fs/atomic-write';
import { makeFolder } from '../fs/make-folder';
import type { PrintDocument, PrintSpooler, PrinterCheck, Recovered, SpoolJob } from './print-spooler';

/** Every file has this name with the document's random key: nothing in it says when, what or for whom. */
const FILE_PREFIX = 'kiosk-print-';
const KEY = /^[a-z0-9]{8,64}$/;

/**
 * "Prints" by saving each PDF into a folder (a shared folder watched by a print server, or a
 * kiosk without a printer during setup and tests).
 *
 * File names are `kiosk-print-<key>.pdf`, the key random per document: no time, no title. A file
 * is printed the moment it is whole in the folder (written beside it, then renamed), so a crash
 * leaves either the whole file or none. `copies` is ignored: whoever prints from the folder
 * chooses the count.
 */
export class FolderSpooler implements PrintSpooler {
  readonly kind = 'folder' as const;
  private failures = 0;

  /** Half-written PDFs a killed kiosk left (hidden temp files) go before this spooler writes. */
  private readonly cleaned: Promise<void>;

  constructor(private readonly folder: string) {
    this.cleaned = removeLeftoverTempsIn(folder, (name) => name.startsWith(FILE_PREFIX));
  }

  async submit(document: PrintDocument, sent: (id: string) => Promise<void>): Promise<SpoolJob> {
    if (!KEY.test(document.key)) return this.failed('Cannot print: the document has no valid key');
    const name = fileName(document.key);
    await this.cleaned;
    try {
      await sent(name);
      await writeFileAtomic(join(this.folder, name), document.pdf);
      return { id: name, state: 'done' };
    } catch (error) {
      return { id: name, state: 'failed', reason: this.cannotWrite(error) };
    }
  }

  async status(jobId: string): Promise<SpoolJob> {
    if (!isPlainFileName(jobId)) return { id: jobId, state: 'failed', reason: 'Invalid job id' };
    if (await exists(join(this.folder, jobId))) return { id: jobId, state: 'done' };
    // Written and then taken by a print server, or never written: the folder cannot tell.
    return { id: jobId, state: 'unknown', settles: false, reason: `File ${jobId} is not in folder ${this.folder}: it may have been printed and removed` };
  }

  /** The file is whole or absent (written atomically): present is printed, absent never was. */
  async recover(key: string, _since: Date, _known: ReadonlySet<string>): Promise<Recovered> {
    if (!KEY.test(key)) return 'never';
    const name = fileName(key);
    return (await exists(join(this.folder, name))) ? { id: name, state: 'done' } : 'never';
  }

  /** A file in a folder is finished the moment it is written: nothing to take back. */
  async cancel(): Promise<boolean> {
    return true;
  }

  /** The file is the print itself: whoever prints from the folder removes it. */
  async forget(): Promise<void> {}

  async check(): Promise<PrinterCheck> {
    try {
      makeFolder(this.folder);
      await access(this.folder, constants.W_OK);
      return { ready: true, printer: this.folder };
    } catch (error) {
      return { ready: false, printer: this.folder, reason: this.cannotWrite(error) };
    }
  }

  async printers(): Promise<string[]> {
    return [this.folder];
  }

  private failed(reason: string): SpoolJob {
    return { id: `none-${++this.failures}`, state: 'failed', reason };
  }

  private cannotWrite(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `Cannot write to folder ${this.folder}: ${code}`;
  }
}

function fileName(key: string): string {
  return `${FILE_PREFIX}${key}.pdf`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** Ids come back from the renderer side: only a bare name may be joined to the folder. */
function isPlainFileName(id: string): boolean {
  return id.length > 0 && id !== '.' && !/[/\\\0]/.test(id) && !id.includes('..');
}
