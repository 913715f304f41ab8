import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../testing/recording-logger';
import { SmallDisk, whyNoSmallDisk } from '../../testing/small-disk';
import { cannotSaveMessage, checkFolder, saveCause, SaveProblems } from './save-problems';

const noSmallDisk = await whyNoSmallDisk();
const errno = (code: string) => Object.assign(new Error(`${code}: something, open '/data/counts.json'`), { code });
const at = (minute: number) => () => new Date(Date.UTC(2026, 10, 28, 9, minute));

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-save-problems-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saveCause', () => {
  it('puts the system errors in the words staff see', () => {
    expect(['EROFS', 'ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EISDIR', 'EIO'].map((code) => saveCause(errno(code)))).toEqual([
      'read-only',
      'full',
      'full',
      'no-permission',
      'no-permission',
      'in-the-way',
      'in-the-way',
      'in-the-way',
      'other',
    ]);
    expect(saveCause(new Error('no code'))).toBe('other');
  });
});

describe('cannotSaveMessage', () => {
  it('says nothing changed, which folder, why, and to ask IT', () => {
    expect(cannotSaveMessage('/data/service.json', errno('EROFS'))).toBe(
      'The kiosk could not save this change, so nothing changed: its data folder /data is read-only. Ask IT.',
    );
    expect(cannotSaveMessage('/data/service.json', errno('ENOSPC'))).toContain('/data is on a full disk');
    expect(cannotSaveMessage('/data/service.json', errno('EIO'))).toContain('/data could not be written (EIO)');
  });
});

describe('SaveProblems', () => {
  it('marks a folder on a failed save, logs it once, and clears it on the next save there that works', () => {
    const log = new RecordingLogger();
    const problems = new SaveProblems(at(5));
    const data = problems.watch('data', log);
    data.failed('/data/counts.json', errno('EROFS'));
    data.failed('/data/print-jobs.json', errno('EROFS'));
    expect(problems.list()).toEqual([{ place: 'data', folder: '/data', cause: 'read-only', code: 'EROFS', since: '2026-11-28T09:05:00.000Z' }]);
    expect(problems.has('data')).toBe(true);
    expect(problems.has('logs')).toBe(false);
    expect(log.lines).toEqual([
      {
        level: 'error',
        event: 'data-folder-unwritable',
        details: { folder: '/data', file: '/data/counts.json', code: 'EROFS', cause: "EROFS: something, open '/data/counts.json'" },
      },
    ]);

    data.saved('/data/counts.json');
    data.saved('/data/counts.json');
    expect(problems.list()).toEqual([]);
    expect(log.lines.slice(1)).toEqual([{ level: 'info', event: 'data-folder-writable', details: { folder: '/data' } }]);
  });

  it('keeps each folder apart, data first; a watcher without a log only records', () => {
    const log = new RecordingLogger();
    const problems = new SaveProblems(at(0));
    problems.watch('logs').failed('/data/logs/kiosk.log', errno('ENOSPC'));
    problems.watch('data', log).failed('/data/counts.json', errno('ENOSPC'));
    expect(problems.list().map((problem) => [problem.place, problem.folder, problem.cause])).toEqual([
      ['data', '/data', 'full'],
      ['logs', '/data/logs', 'full'],
    ]);
    expect(log.lines.map((line) => line.event)).toEqual(['data-folder-unwritable']);
  });
});

describe('checkFolder', () => {
  it('saves and removes a small file, and tells the watcher it worked', async () => {
    const problems = new SaveProblems();
    const watcher = problems.watch('data');
    watcher.failed(join(dir, 'counts.json'), errno('EROFS'));
    expect(await checkFolder(dir, watcher)).toBe(true);
    expect(problems.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('clears what a check cut off by a kill left', async () => {
    await writeFile(join(dir, '..save-check.0123456789ab.tmp'), 'The kiosk ch');
    await writeFile(join(dir, '.save-check'), 'The kiosk checks that it can save here.\n');
    expect(await checkFolder(dir, new SaveProblems().watch('data'))).toBe(true);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports a file where the folder should be', async () => {
    const blocked = join(dir, 'data');
    await writeFile(blocked, 'a file');
    const problems = new SaveProblems();
    expect(await checkFolder(blocked, problems.watch('data'))).toBe(false);
    expect(problems.list()).toMatchObject([{ folder: blocked, cause: 'in-the-way' }]);
  });

  it('reports a full disk, which an empty file would not show', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const mountPoint = join(dir, 'small');
    await mkdir(mountPoint);
    const disk = await SmallDisk.mount(mountPoint);
    try {
      await disk.fill();
      const problems = new SaveProblems();
      expect(await checkFolder(mountPoint, problems.watch('data'))).toBe(false);
      expect(problems.list()).toMatchObject([{ folder: mountPoint, cause: 'full', code: 'ENOSPC' }]);
      expect(await readdir(mountPoint)).toEqual(['.filler']);
    } finally {
      await disk.unmount();
    }
  });
});
