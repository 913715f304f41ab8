import { access, stat } from 'node:fs/promises';
import { constants } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { makeFolder } from '../fs/make-folder';
import type { PrintDocument, PrintSpooler, PrinterCheck, SpoolJob } from './print-spooler';

const MAX_SLUG_LENGTH = 60;

/**
 * "Prints" by saving each PDF into a folder (a shared folder watched by a print server, or a
 * kiosk without a printer during setup and tests).
 *
 * File names are `YYYY-MM-DD_HHMMSS_<slug-of-title>_<n>.pdf` in local time. `copies` is ignored:
 * a folder holds one copy of each document, whoever prints from it chooses the count.
 */
export class FolderSpooler implements PrintSpooler {
  readonly kind = 'folder' as const;
  /** Grows per submit so two PDFs in the same second never share a name in this process. */
  private sequence = 0;

  constructor(
    private readonly folder: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async submit(document: PrintDocument): Promise<SpoolJob> {
    const stem = `${timestamp(this.now())}_${slugify(document.title)}`;
    try {
      // Skip names already on disk (files left by an earlier run in the same second).
      let name = `${stem}_${++this.sequence}.pdf`;
      while (await exists(join(this.folder, name))) name = `${stem}_${++this.sequence}.pdf`;
      await writeFileAtomic(join(this.folder, name), document.pdf);
      return { id: name, state: 'done' };
    } catch (error) {
      return { id: `none-${this.sequence}`, state: 'failed', reason: this.cannotWrite(error) };
    }
  }

  async status(jobId: string): Promise<SpoolJob> {
    if (!isPlainFileName(jobId)) return { id: jobId, state: 'failed', reason: 'Invalid job id' };
    if (await exists(join(this.folder, jobId))) return { id: jobId, state: 'done' };
    return { id: jobId, state: 'failed', reason: `File ${jobId} is not in folder ${this.folder}` };
  }

  /** A file in a folder is finished the moment it is written: nothing to take back. */
  async cancel(): Promise<void> {}

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

  private cannotWrite(error: unknown): string {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return `Cannot write to folder ${this.folder}: ${code}`;
  }
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

function timestamp(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}_` +
    `${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`
  );
}

/** ASCII-only so the name survives any file system and share (SMB, FAT USB sticks). */
function slugify(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
  return slug || 'document';
}
