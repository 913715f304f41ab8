import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importMarkdownFolder } from './markdown-import';

const SHIPPED = resolve(import.meta.dirname, '../../../content');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-md-import-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importMarkdownFolder', () => {
  it('takes every good handout of a content folder as it is', async () => {
    await cp(SHIPPED, dir, { recursive: true });
    const result = await importMarkdownFolder(dir);
    expect(result.skipped).toEqual([]);
    const shippedFiles = (await readdir(join(SHIPPED, 'handouts'))).filter((f) => f.endsWith('.md'));
    expect(result.handouts).toHaveLength(shippedFiles.length);
    expect(result.handouts.map((h) => `${h.id}.${h.lang}`)).toContain('leg-cramps-pregnancy.es');
    expect(result.topics.fever).toEqual({ en: 'Fever', es: 'Fiebre' });
  });

  it('reads a flat folder too, and lists each bad file with its reason', async () => {
    await cp(join(SHIPPED, 'topics.json'), join(dir, 'topics.json'));
    await cp(join(SHIPPED, 'handouts', 'fever.en.md'), join(dir, 'fever.en.md'));
    await writeFile(join(dir, 'notes.md'), '# not a handout');
    await writeFile(join(dir, 'README.md'), '# about this folder');
    await writeFile(join(dir, 'broken.en.md'), '---\nid: broken\nlang: en\n---\nText');
    const result = await importMarkdownFolder(dir);
    expect(result.handouts.map((h) => h.id)).toEqual(['fever']);
    expect(result.skipped).toEqual([
      { file: 'broken.en.md', reason: expect.stringContaining('title') },
      { file: 'notes.md', reason: 'file name must be <id>.<lang>.md' },
    ]);
  });

  it('needs the library’s topics.json', async () => {
    await mkdir(join(dir, 'handouts'));
    await expect(importMarkdownFolder(dir)).rejects.toThrow('a library needs its topic names');
  });
});
