import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * `mkdir -p` that fails with the real cause. Node's recursive mkdir says ENOENT when a folder
 * cannot be made on a read-only disk or without permission; making the first missing folder
 * alone gives the real error (EROFS, EACCES), which is what staff and the log are told.
 */
export function makeFolder(path: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let first = path;
    while (dirname(first) !== first && !existsSync(dirname(first))) first = dirname(first);
    mkdirSync(first);
    mkdirSync(path, { recursive: true });
  }
}
