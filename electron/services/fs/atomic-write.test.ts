import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SmallDisk, whyNoSmallDisk } from '../../testing/small-disk';
import { removeLeftoverTemps, writeFileAtomic } from './atomic-write';
import { JsonFileWriter } from './json-file';

const noSmallDisk = await whyNoSmallDisk();

let root: string;
let counter = 0;
const disks: SmallDisk[] = [];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-atomic-write-'));
});
afterEach(async () => {
  for (const disk of disks.splice(0)) await disk.unmount();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function freshDir(): Promise<string> {
  const dir = join(root, `case-${++counter}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function smallDisk(): Promise<SmallDisk> {
  const disk = await SmallDisk.mount(await freshDir());
  disks.push(disk);
  return disk;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (error: NodeJS.ErrnoException) => error.code,
  );

describe('writeFileAtomic', () => {
  it('writes the file, making its folder, private to the kiosk unless asked otherwise', async () => {
    const dir = await freshDir();
    await writeFileAtomic(join(dir, 'a', 'data.json'), '{"n":1}');
    await writeFileAtomic(join(dir, 'content.md'), '# Fever', 0o644);
    expect(await readFile(join(dir, 'a', 'data.json'), 'utf8')).toBe('{"n":1}');
    expect((await stat(join(dir, 'a', 'data.json'))).mode & 0o777).toBe(0o640);
    expect((await stat(join(dir, 'content.md'))).mode & 0o777).toBe(0o644);
    expect(await readdir(dir)).toEqual(['a', 'content.md']);
  });

  it('leaves the old file whole, and no temp file, when something is in the way of the rename', async () => {
    const dir = await freshDir();
    // A folder where the file should be: the temp file is written, the rename over it fails.
    await mkdir(join(dir, 'data.json'));
    expect(await failure(writeFileAtomic(join(dir, 'data.json'), '{}'))).toBe('EISDIR');
    expect(await readdir(dir)).toEqual(['data.json']);
  });

  it('on a full disk: fails with ENOSPC, the last good file whole, no temp file', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const disk = await smallDisk();
    const file = join(disk.dir, 'data.json');
    await writeFileAtomic(file, JSON.stringify({ version: 1 }));
    await disk.fill();
    expect(await failure(writeFileAtomic(file, JSON.stringify({ version: 2, padding: 'x'.repeat(8000) })))).toBe('ENOSPC');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1 });
    expect((await readdir(disk.dir)).sort()).toEqual(['.filler', 'data.json']);
  });

  it('on a read-only disk: fails with EROFS, also when it has a folder to make (Node alone would say ENOENT)', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const disk = await smallDisk();
    const file = join(disk.dir, 'data.json');
    await writeFileAtomic(file, JSON.stringify({ version: 1 }));
    await disk.readOnly();
    expect(await failure(writeFileAtomic(file, '{}'))).toBe('EROFS');
    expect(await failure(writeFileAtomic(join(disk.dir, 'logs', 'more', 'x.json'), '{}'))).toBe('EROFS');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ version: 1 });
  });
});

describe('removeLeftoverTemps', () => {
  it("removes only the file's own temp files", async () => {
    const dir = await freshDir();
    const names = [
      'counts.json',
      '.counts.json.0123456789ab.tmp',
      '.counts.json.ffffffffffff.tmp',
      '.print-jobs.json.0123456789ab.tmp',
      '.counts.json.not-ours.tmp',
      'counts.json.tmp',
    ];
    for (const name of names) await writeFile(join(dir, name), '{"half');
    await removeLeftoverTemps(join(dir, 'counts.json'));
    expect((await readdir(dir)).sort()).toEqual(['.counts.json.not-ours.tmp', '.print-jobs.json.0123456789ab.tmp', 'counts.json', 'counts.json.tmp']);
  });

  it('does nothing, and does not fail, where the folder cannot be read', async () => {
    await expect(removeLeftoverTemps(join(await freshDir(), 'missing', 'counts.json'))).resolves.toBeUndefined();
  });
});

const SavedSchema = z.object({ version: z.number().int(), padding: z.string(), check: z.number().int() });

/** Runs the save loop until its first save, lets it run `ms` more, kills it; gives the last version it said was saved. */
async function killMidway(script: string, file: string, ms: number): Promise<number> {
  const child = spawn(process.execPath, [script, file, String(256 * 1024)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  await new Promise<void>((started, failed) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) started();
    });
    void exited.then(() => failed(new Error(`the save loop stopped by itself: ${errors}`)));
  });
  await new Promise((wait) => setTimeout(wait, ms));
  child.kill('SIGKILL');
  await exited;
  const confirmed = [...output.matchAll(/saved (\d+)\n/g)].map((match) => Number(match[1]));
  return Math.max(...confirmed);
}

describe('a kill at any moment', () => {
  it('leaves the last good file whole and every finished save in it; the next writer clears what the killed one left', async () => {
    const dir = await freshDir();
    const script = join(dir, 'save-loop.cjs');
    await build({
      entryPoints: [resolve(import.meta.dirname, '../../testing/save-loop.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      outfile: script,
      logLevel: 'warning',
    });
    const data = join(dir, 'data');
    const file = join(data, 'data.json');
    let before = 0;
    let killedMidWrite = 0;
    for (let round = 0; round < 25; round++) {
      const confirmed = await killMidway(script, file, randomInt(0, 40));
      const saved = SavedSchema.parse(JSON.parse(await readFile(file, 'utf8')));
      // One whole version: its parts agree.
      expect(saved.check, `round ${round}`).toBe(saved.version * 7 + saved.padding.length);
      // Every save that had finished is on disk, and nothing went back to an older version.
      expect(saved.version, `round ${round}`).toBeGreaterThanOrEqual(Math.max(confirmed, before));
      before = saved.version;
      // At most the write the kill interrupted: each new writer cleared the one before it.
      const temps = (await readdir(data)).filter((name) => name !== 'data.json');
      expect(temps.length, `round ${round}: ${temps.join(', ')}`).toBeLessThanOrEqual(1);
      if (temps.length === 1) {
        expect(temps[0]).toMatch(/^\.data\.json\.[0-9a-f]{12}\.tmp$/);
        killedMidWrite += 1;
      }
    }
    // The test did what it says: some kills landed in the middle of a write.
    expect(killedMidWrite).toBeGreaterThan(0);

    await new JsonFileWriter(file).save({ version: before + 1, padding: '', check: (before + 1) * 7 });
    expect(await readdir(data)).toEqual(['data.json']);
  });
});
