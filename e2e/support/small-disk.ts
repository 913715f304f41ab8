import { mkdir } from 'node:fs/promises';
import { test } from '@playwright/test';
import { SmallDisk, whyNoSmallDisk } from '../../electron/testing/small-disk';
import type { PrepareDataDir } from '../fixtures/kiosk-host';

/**
 * A data folder on a small disk of its own (a tmpfs: read-only or full for real), readied by
 * `ready`, unmounted once the host has stopped. Where no disk can be mounted (not root), the
 * test is skipped with the reason.
 */
export function onSmallDisk(ready: (disk: SmallDisk) => Promise<void>): PrepareDataDir {
  return async (dataDir) => {
    const reason = await whyNoSmallDisk();
    test.skip(reason !== undefined, reason);
    await mkdir(dataDir);
    const disk = await SmallDisk.mount(dataDir);
    await ready(disk);
    return () => disk.unmount();
  };
}
