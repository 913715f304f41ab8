import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { removeLeftoverTemps, writeFileAtomic } from './atomic-write';
import type { SaveWatcher } from './save-problems';

/**
 * Reads a JSON data file the kiosk wrote earlier. A missing file is `undefined`; a damaged or
 * unreadable one is `undefined` too, with the reason passed to `onProblem` (the kiosk starts
 * fresh rather than stopping).
 */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S, onProblem: (message: string) => void): Promise<z.infer<S> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') onProblem(`${file} could not be read (${code ?? (error as Error).message}); starting fresh`);
    return undefined;
  }
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: reported below like any other damage
  }
  onProblem(`${file} is damaged; starting fresh`);
  return undefined;
}

/**
 * Saves snapshots of a JSON value atomically, one write at a time and in order, so the file on
 * disk always ends as the latest snapshot and no write is lost. Before its first write it clears
 * the temp files an earlier process left when killed mid-write. Each save's outcome goes to
 * `watcher` as well as to the caller.
 */
export class JsonFileWriter {
  private writes: Promise<void>;

  constructor(
    private readonly file: string,
    private readonly watcher?: SaveWatcher,
  ) {
    this.writes = removeLeftoverTemps(file);
  }

  save(value: unknown): Promise<void> {
    const snapshot = JSON.stringify(value, null, 1);
    this.writes = this.writes
      .catch(() => {})
      .then(() => writeFileAtomic(this.file, snapshot))
      .then(
        () => this.watcher?.saved(this.file),
        (error: unknown) => {
          this.watcher?.failed(this.file, error);
          throw error;
        },
      );
    return this.writes;
  }
}
