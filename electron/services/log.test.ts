import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from './log';

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

  it('keeps running when the log file cannot be written', async () => {
    const file = join(dir, 'kiosk.log');
    const echoed: string[] = [];
    const log = createLogger(file, (line) => echoed.push(line));
    await mkdir(file); // a folder where the file should be: every append fails
    expect(() => log.error('still-here')).not.toThrow();
    expect(echoed.at(-1)).toContain('still-here');
  });
});
