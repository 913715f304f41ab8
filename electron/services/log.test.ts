import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './log';
import { SmallDisk, whyNoSmallDisk } from '../testing/small-disk';

const noSmallDisk = await whyNoSmallDisk();

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const quiet = () => {};
const events = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { event: string }).event);

describe('createLogger', () => {
  it('writes one JSON object per line, to the file and to the echo', async () => {
    const file = join(dir, 'logs', 'kiosk.log');
    const echoed: string[] = [];
    const log = createLogger(file, (line) => echoed.push(line));
    log.warn('printer-not-ready', { reason: 'out of paper', attempts: 2 });
    const [line] = (await readFile(file, 'utf8')).trim().split('\n');
    expect(JSON.parse(line!)).toEqual({ time: expect.any(String), level: 'warn', event: 'printer-not-ready', reason: 'out of paper', attempts: 2 });
    expect(echoed).toEqual([line]);
  });

  it('rotates by size and keeps the newest old files', async () => {
    const file = join(dir, 'kiosk.log');
    const log = createLogger(file, quiet, { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 12; i++) log.info(`event-${String(i).padStart(2, '0')}`, { padding: 'x'.repeat(40) });
    expect((await readdir(dir)).sort()).toEqual(['kiosk.1.log', 'kiosk.2.log', 'kiosk.log']);
    const newest = await events(file);
    expect(newest.at(-1)).toBe('event-11');
    const older = [...(await events(join(dir, 'kiosk.2.log'))), ...(await events(join(dir, 'kiosk.1.log'))), ...newest];
    // Nothing is lost between the files kept, and they are in order.
    expect(older).toEqual(older.slice().sort());
    expect(older.length).toBeGreaterThan(newest.length);
  });

  it('counts what the file already had when the kiosk restarts', async () => {
    const file = join(dir, 'kiosk.log');
    await writeFile(file, 'x'.repeat(190) + '\n');
    createLogger(file, quiet, { maxBytes: 200, keep: 2 }).info('after-restart');
    expect(await events(file)).toEqual(['after-restart']);
    expect((await readFile(join(dir, 'kiosk.1.log'), 'utf8')).length).toBe(191);
  });

  it('keeps the old files and goes on logging when the live file disappears', async () => {
    const file = join(dir, 'kiosk.log');
    const log = createLogger(file, quiet, { maxBytes: 400, keep: 2 });
    for (let i = 0; i < 12; i++) log.info(`before-${i}`, { padding: 'x'.repeat(60) });
    const oldFiles = (await readdir(dir)).filter((name) => name !== 'kiosk.log').sort();
    expect(oldFiles).toEqual(['kiosk.1.log', 'kiosk.2.log']);
    const kept = await Promise.all(oldFiles.map((name) => readFile(join(dir, name), 'utf8')));

    await rm(file); // IT deleted the live log while the kiosk runs
    for (let i = 0; i < 3; i++) log.info(`after-${i}`);
    expect(await events(file)).toEqual(['after-0', 'after-1', 'after-2']);
    expect(await Promise.all(oldFiles.map((name) => readFile(join(dir, name), 'utf8')))).toEqual(kept);
  });

  it('keeps running when the log file cannot be written, and says why once', async () => {
    const file = join(dir, 'kiosk.log');
    const echoed: string[] = [];
    const log = createLogger(file, (line) => echoed.push(line));
    await mkdir(file); // a folder where the file should be: every append fails
    expect(() => log.error('still-here')).not.toThrow();
    log.info('and-here');
    expect(echoed.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({ event: 'still-here' }),
      expect.objectContaining({ level: 'error', event: 'log-file-unwritable', file, code: 'EISDIR', action: 'logging to stderr only' }),
      expect.objectContaining({ event: 'and-here' }),
    ]);
  });
});

describe('createLogger with a log folder it cannot make', () => {
  /** Every attempt the logger reports, in order. */
  const watching = () => {
    const seen: string[] = [];
    return {
      seen,
      watcher: {
        saved: (file: string) => seen.push(`saved ${file}`),
        failed: (file: string, error: unknown) => seen.push(`failed ${file} ${(error as NodeJS.ErrnoException).code}`),
      },
    };
  };

  it('starts with a file where its folder should be, logs to stderr alone, and writes the file again once the folder can be made', async () => {
    const blocker = join(dir, 'logs');
    await writeFile(blocker, 'not a folder');
    const file = join(blocker, 'kiosk.log');
    const echoed: string[] = [];
    const { seen, watcher } = watching();

    const log = createLogger(file, (line) => echoed.push(line), undefined, watcher);
    log.info('kiosk-loaded');
    const lines = echoed.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines[0]).toMatchObject({ level: 'error', event: 'log-file-unwritable', file, code: 'EEXIST' });
    expect(lines[1]).toMatchObject({ event: 'kiosk-loaded' });
    expect(seen).toEqual([`failed ${file} EEXIST`, `failed ${file} EEXIST`]);

    await rm(blocker); // IT moved the file away
    log.info('after-fix');
    expect(await events(file)).toEqual(['after-fix', 'log-file-writable']);
    expect(seen.slice(2)).toEqual([`saved ${file}`, `saved ${file}`]);
    expect(echoed.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual([
      'log-file-unwritable',
      'kiosk-loaded',
      'after-fix',
      'log-file-writable',
    ]);
  });

  it('starts in a read-only folder (a mounted read-only disk), to stderr', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const mountPoint = join(dir, 'ro');
    await mkdir(mountPoint);
    const disk = await SmallDisk.mount(mountPoint);
    try {
      await disk.readOnly();
      const file = join(mountPoint, 'logs', 'kiosk.log');
      const echoed: string[] = [];
      const { seen, watcher } = watching();
      const log = createLogger(file, (line) => echoed.push(line), undefined, watcher);
      log.warn('printer-not-ready', { reason: 'out of paper' });
      expect(echoed.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
        expect.objectContaining({ event: 'log-file-unwritable', file, code: 'EROFS' }),
        expect.objectContaining({ event: 'printer-not-ready', reason: 'out of paper' }),
      ]);
      expect(seen).toEqual([`failed ${file} EROFS`, `failed ${file} EROFS`]);
    } finally {
      await disk.unmount();
    }
  });

  it('goes on to stderr on a full disk, and back to the file when there is room', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const disk = await SmallDisk.mount(await mkdir(join(dir, 'small'), { recursive: true }).then(() => join(dir, 'small')));
    try {
      const file = join(disk.dir, 'kiosk.log');
      const echoed: string[] = [];
      const { seen, watcher } = watching();
      const log = createLogger(file, (line) => echoed.push(line), undefined, watcher);
      log.info('before');
      await disk.fill();
      // The log's own last page may still take a few lines: write until it is really full.
      for (let i = 0; i < 200 && !seen.at(-1)?.startsWith('failed'); i++) log.info('filling', { padding: 'x'.repeat(100) });
      expect(seen.at(-1)).toBe(`failed ${file} ENOSPC`);
      expect(echoed.filter((line) => line.includes('"log-file-unwritable"'))).toHaveLength(1);

      await disk.free();
      log.info('room-again');
      expect((await events(file)).slice(-2)).toEqual(['room-again', 'log-file-writable']);
    } finally {
      await disk.unmount();
    }
  });
});
