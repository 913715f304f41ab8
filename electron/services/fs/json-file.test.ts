import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { JsonFileWriter, readJsonFile } from './json-file';

const Schema = z.object({ count: z.number().int(), tags: z.array(z.string()).default([]) });

let root: string;
let counter = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-json-file-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function freshDir(): Promise<string> {
  const dir = join(root, `case-${++counter}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function read(file: string) {
  const problems: string[] = [];
  const value = await readJsonFile(file, Schema, (message) => problems.push(message));
  return { value, problems };
}

describe('readJsonFile', () => {
  it('reads a file that matches the schema, with its defaults filled in', async () => {
    const file = join(await freshDir(), 'data.json');
    await writeFile(file, JSON.stringify({ count: 3 }));
    expect(await read(file)).toEqual({ value: { count: 3, tags: [] }, problems: [] });
  });

  it('gives undefined, and no problem, for a file that is not there yet', async () => {
    expect(await read(join(await freshDir(), 'missing.json'))).toEqual({ value: undefined, problems: [] });
  });

  it('gives undefined and says so for a file that is not JSON', async () => {
    const file = join(await freshDir(), 'data.json');
    await writeFile(file, '{"count": 3, ');
    expect(await read(file)).toEqual({ value: undefined, problems: [`${file} is damaged; starting fresh`] });
  });

  it('gives undefined and says so for JSON that does not match the schema', async () => {
    const file = join(await freshDir(), 'data.json');
    for (const value of [{ count: 'three' }, { count: 1.5 }, [], null]) {
      await writeFile(file, JSON.stringify(value));
      expect(await read(file), JSON.stringify(value)).toEqual({ value: undefined, problems: [`${file} is damaged; starting fresh`] });
    }
  });

  it('gives undefined and names the error for a file that cannot be read', async () => {
    const dir = await freshDir();
    // A folder where the file should be: reading it fails with EISDIR, for root too.
    const file = join(dir, 'data.json');
    await mkdir(file);
    expect(await read(file)).toEqual({ value: undefined, problems: [`${file} could not be read (EISDIR); starting fresh`] });
  });
});

describe('JsonFileWriter', () => {
  it('writes the value as JSON', async () => {
    const file = join(await freshDir(), 'nested', 'data.json');
    await new JsonFileWriter(file).save({ count: 1, tags: ['a'] });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ count: 1, tags: ['a'] });
    expect((await read(file)).value).toEqual({ count: 1, tags: ['a'] });
  });

  it('ends with the last of many quick saves, and leaves no temp files', async () => {
    const dir = await freshDir();
    const file = join(dir, 'data.json');
    const writer = new JsonFileWriter(file);
    const value = { count: 0, tags: [] as string[] };
    const saves: Array<Promise<void>> = [];
    for (let i = 1; i <= 50; i++) {
      value.count = i;
      value.tags.push(`t${i}`);
      saves.push(writer.save(value));
    }
    // Each save is a snapshot of the value when save() was called, not when the write ran.
    value.count = 999;
    await Promise.all(saves);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ count: 50, tags: expect.arrayContaining(['t1', 't50']) });
    expect(await readdir(dir)).toEqual(['data.json']);
  });

  it('keeps saving after a save that failed', async () => {
    const dir = await freshDir();
    // The data folder is a file for now: the first save cannot make it.
    const blocker = join(dir, 'data');
    await writeFile(blocker, 'not a folder');
    const file = join(blocker, 'data.json');
    const writer = new JsonFileWriter(file);
    await expect(writer.save({ count: 1 })).rejects.toMatchObject({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) });

    await rm(blocker);
    await writer.save({ count: 2 });
    expect((await read(file)).value).toEqual({ count: 2, tags: [] });
  });

  it('tells its watcher how each save went, and still fails the save for the caller', async () => {
    const dir = await freshDir();
    const file = join(dir, 'data.json');
    const seen: string[] = [];
    const writer = new JsonFileWriter(file, {
      saved: (f) => seen.push(`saved ${f}`),
      failed: (f, error) => seen.push(`failed ${f} ${(error as NodeJS.ErrnoException).code}`),
    });
    await writer.save({ count: 1 });
    await rm(file);
    await mkdir(file); // a folder where the file should be
    await expect(writer.save({ count: 2 })).rejects.toMatchObject({ code: 'EISDIR' });
    expect(seen).toEqual([`saved ${file}`, `failed ${file} EISDIR`]);
  });

  it("clears the temp files a killed process left, before its first save, and no one else's", async () => {
    const dir = await freshDir();
    const file = join(dir, 'data.json');
    await writeFile(file, JSON.stringify({ count: 4 }));
    await writeFile(join(dir, '.data.json.00112233aabb.tmp'), '{"count": 5, "ta');
    await writeFile(join(dir, '.other.json.00112233aabb.tmp'), '{');
    const writer = new JsonFileWriter(file);
    expect((await read(file)).value).toEqual({ count: 4, tags: [] });
    await writer.save({ count: 5 });
    expect((await readdir(dir)).sort()).toEqual(['.other.json.00112233aabb.tmp', 'data.json']);
  });
});
