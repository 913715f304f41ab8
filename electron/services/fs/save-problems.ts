import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SaveCause, SaveProblem } from '../../contract/channels';
import type { Logger } from '../log';
import { removeLeftoverTemps, writeFileAtomic } from './atomic-write';

/** Hears how each save of a file went: the kiosk's files report through one of these. */
export interface SaveWatcher {
  saved(file: string): void;
  failed(file: string, error: unknown): void;
}

/** What went wrong, in the words staff are shown (the log keeps the exact code and message). */
export function saveCause(error: unknown): SaveCause {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EROFS':
      return 'read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'full';
    case 'EACCES':
    case 'EPERM':
      return 'no-permission';
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
      return 'in-the-way';
    default:
      return 'other';
  }
}

/** The error's code (EROFS, ENOSPC...) or, without one, its first line. */
export function errorCode(error: unknown): string {
  return (
    (error as NodeJS.ErrnoException).code ??
    String((error as Error).message ?? error)
      .split('\n')[0]!
      .slice(0, 200)
  );
}

/** A plain sentence for staff: why a change could not be saved, and what to do. */
export function cannotSaveMessage(file: string, error: unknown): string {
  const why: Record<SaveCause, string> = {
    'read-only': 'is read-only',
    full: 'is on a full disk',
    'no-permission': 'may not be written by the kiosk',
    'in-the-way': 'has a file or folder in the way',
    other: `could not be written (${errorCode(error)})`,
  };
  return `The kiosk could not save this change, so nothing changed: its data folder ${dirname(file)} ${why[saveCause(error)]}. Ask IT.`;
}

/**
 * The folders the kiosk cannot save to right now, and why: its data folder (counts, print jobs,
 * the out-of-service switch) and its log folder. A failed save marks its folder; a later save
 * there that works clears it. Staff see the list on the staff screen, IT in /metrics; the log
 * says each change once, with the exact cause.
 */
export class SaveProblems {
  private readonly problems = new Map<string, SaveProblem>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * A watcher for the files of one place. With `log`, it logs each change of its folders'
   * state (the logger's own watcher has none: a logger says for itself that it cannot write).
   */
  watch(place: SaveProblem['place'], log?: Logger): SaveWatcher {
    return {
      saved: (file) => {
        const folder = dirname(file);
        if (!this.problems.delete(folder)) return;
        log?.info(`${place}-folder-writable`, { folder });
      },
      failed: (file, error) => {
        const folder = dirname(file);
        if (this.problems.has(folder)) return;
        this.problems.set(folder, { place, folder, cause: saveCause(error), code: errorCode(error), since: this.now().toISOString() });
        log?.error(`${place}-folder-unwritable`, { folder, file, code: errorCode(error), cause: (error as Error).message?.split('\n')[0] });
      },
    };
  }

  /** Data folder problems first, then logs; each folder once. */
  list(): SaveProblem[] {
    return [...this.problems.values()].sort((a, b) => (a.place === b.place ? 0 : a.place === 'data' ? -1 : 1));
  }

  has(place: SaveProblem['place']): boolean {
    return [...this.problems.values()].some((problem) => problem.place === place);
  }
}

/**
 * Saves a small file into `folder` and removes it: the start-up check that the kiosk can keep
 * its data there, through the same atomic path as every real save, reported to `watcher`. A few
 * bytes, so a full disk (which may still take an empty file) shows too.
 */
export async function checkFolder(folder: string, watcher: SaveWatcher): Promise<boolean> {
  const file = join(folder, '.save-check');
  try {
    await removeLeftoverTemps(file); // of a check cut off by a kill
    await writeFileAtomic(file, 'The kiosk checks that it can save here.\n');
    await rm(file, { force: true });
  } catch (error) {
    watcher.failed(file, error);
    return false;
  }
  watcher.saved(file);
  return true;
}
