import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * For tests only: a small tmpfs mounted on a folder, to be a full disk or a read-only folder for
 * real (chmod does not stop root, who runs the tests here and in CI). Needs root and `mount`.
 */
export class SmallDisk {
  private constructor(readonly dir: string) {}

  /** Mounts a `sizeKb` tmpfs on `dir` (an existing, empty folder). */
  static async mount(dir: string, sizeKb = 64): Promise<SmallDisk> {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0755`, 'tmpfs', dir]);
    return new SmallDisk(dir);
  }

  async readOnly(): Promise<void> {
    await run('mount', ['-o', 'remount,ro', this.dir]);
  }

  async writable(): Promise<void> {
    await run('mount', ['-o', 'remount,rw', this.dir]);
  }

  /** Fills the disk to the last byte with `.filler`: a new file then fails with ENOSPC. */
  async fill(): Promise<void> {
    const chunk = Buffer.alloc(1024);
    for (;;) {
      try {
        await appendFile(join(this.dir, '.filler'), chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return;
        throw error;
      }
    }
  }

  /** Makes room again. */
  async free(): Promise<void> {
    await rm(join(this.dir, '.filler'), { force: true });
  }

  /** Lazily, so a file still open in a process being killed cannot keep the mount. */
  async unmount(): Promise<void> {
    await run('umount', ['-l', this.dir]);
  }
}

/** Why a SmallDisk cannot be mounted on this machine (not root, no mount), or undefined when it can. */
export async function whyNoSmallDisk(): Promise<string | undefined> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-small-disk-'));
  try {
    await (await SmallDisk.mount(dir, 16)).unmount();
    return undefined;
  } catch (error) {
    return `cannot mount a tmpfs here (needs root and mount): ${String((error as Error).message).split('\n')[0]}`;
  } finally {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
  }
}
