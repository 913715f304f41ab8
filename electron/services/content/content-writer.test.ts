import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeImportedContent } from './content-writer';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-writer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeImportedContent', () => {
  it('writes the handouts and merges topic labels, keeping the clinic’s own', async () => {
    await writeFile(join(dir, 'topics.json'), JSON.stringify({ fever: { en: 'Fever (our words)' } }));
    await writeImportedContent(dir, [{ id: 'hiccups', lang: 'en', text: '---\nid: hiccups\n---\n' }], {
      fever: { en: 'Fever', es: 'Fiebre' },
      'health-topics': { en: 'Health topics' },
    });
    expect(JSON.parse(await readFile(join(dir, 'topics.json'), 'utf8'))).toEqual({
      fever: { en: 'Fever (our words)', es: 'Fiebre' },
      'health-topics': { en: 'Health topics' },
    });
    expect(await readFile(join(dir, 'handouts', 'hiccups.en.md'), 'utf8')).toBe('---\nid: hiccups\n---\n');
  });

  it('starts a new content folder', async () => {
    await writeImportedContent(join(dir, 'new'), [], { fever: { en: 'Fever' } });
    expect(JSON.parse(await readFile(join(dir, 'new', 'topics.json'), 'utf8'))).toEqual({ fever: { en: 'Fever' } });
  });

  it('refuses to overwrite a topics file it cannot read as one', async () => {
    await writeFile(join(dir, 'topics.json'), '{ not json');
    await expect(writeImportedContent(dir, [], {})).rejects.toThrow('is not a valid topics file');
    expect(await readFile(join(dir, 'topics.json'), 'utf8')).toBe('{ not json');
  });
});
