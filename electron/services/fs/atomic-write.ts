import { open, readdir, rename, rm } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { makeFolder } from './make-folder';

/** `.counts.json.<12 hex>.tmp`: hidden, beside its file, and known for what it is after a crash. */
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes a file so that a reader, a kill or a power cut finds either the old content or the new,
 * never half of it: a temp file beside it, flushed to disk, renamed over the target, and the
 * folder flushed so the rename itself is on disk. A write that fails removes its temp file; one
 * killed midway leaves it, for `removeLeftoverTemps` to clear. The kiosk's own data is not for
 * other users (`mode` 0o640); content files, which any user may read, are written 0o644.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o640): Promise<void> {
  makeFolder(dirname(path));
  const temp = tempName(path);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(dirname(path));
}

/**
 * Flushes a folder's entries (the rename just made) to disk. Best effort: the new file is already
 * in place, so a file system that cannot flush a folder is no reason to call the write failed.
 * Windows cannot open a folder this way at all.
 */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // not flushed: see above
  }
}

/**
 * Removes temp files that `writeFileAtomic(path)` left when the process was killed mid-write.
 * Only while nothing else is writing `path` (a writer calls it before its own first write). A
 * folder that cannot be read or changed is left as it is: the next write reports the problem.
 */
export function removeLeftoverTemps(path: string): Promise<void> {
  return removeLeftoverTempsIn(dirname(path), (name) => name === basename(path));
}

/** The same for every file in `folder` whose name `owns` accepts (a spooler's printed files). */
export async function removeLeftoverTempsIn(folder: string, owns: (fileName: string) => boolean): Promise<void> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return;
  }
  const leftovers = names.filter((name) => {
    const file = /^\.(.+)\.[0-9a-f]{12}\.tmp$/.exec(name)?.[1];
    return file !== undefined && owns(file);
  });
  await Promise.all(leftovers.map((name) => rm(join(folder, name), { force: true }).catch(() => undefined)));
}
