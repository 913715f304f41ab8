import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderSpooler } from './folder-spooler';

const PDF = new TextEncoder().encode('%PDF-1.4\n% not a real document, the folder spooler does not care\n%%EOF\n');
const options = { pdf: PDF, pagePath: '/print.html?kind=handout&lang=en&id=flu', title: 'Flu and colds', copies: 1, paper: 'Letter' as const };
// Local time, as the spooler names files in local time.
const at = (): Date => new Date(2026, 2, 5, 9, 7, 3);

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-folder-spooler-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let counter = 0;
const freshFolder = (): string => join(root, `out-${++counter}`);

describe('FolderSpooler', () => {
  it('writes the PDF with a dated, slugged name and reports it done', async () => {
    const folder = freshFolder();
    const spooler = new FolderSpooler(folder, at);
    expect(spooler.kind).toBe('folder');

    const job = await spooler.submit(options);
    expect(job).toEqual({ id: '2026-03-05_090703_flu-and-colds_1.pdf', state: 'done' });
    expect(new Uint8Array(await readFile(join(folder, job.id)))).toEqual(PDF);
    // The atomic write leaves no temp file behind.
    expect(await readdir(folder)).toEqual([job.id]);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
  });

  it('strips accents and punctuation from the title and caps the slug at 60 chars', async () => {
    const spooler = new FolderSpooler(freshFolder(), at);
    const spanish = await spooler.submit({ ...options, title: 'Gripe y Resfriado: ¿Qué hacer? Niños' });
    expect(spanish.id).toBe('2026-03-05_090703_gripe-y-resfriado-que-hacer-ninos_1.pdf');

    const long = await spooler.submit({ ...options, title: `${'a'.repeat(59)} bcd` });
    const slug = long.id.replace(/^\d{4}-\d\d-\d\d_\d{6}_/, '').replace(/_\d+\.pdf$/, '');
    expect(slug).toBe('a'.repeat(59)); // cut at 60 would end in a dash, which is dropped
    expect(slug.length).toBeLessThanOrEqual(60);

    const nothing = await spooler.submit({ ...options, title: '日本語 !!' });
    expect(nothing.id).toMatch(/_document_\d+\.pdf$/);
    for (const job of [spanish, long, nothing]) expect(job.id).toMatch(/^[0-9]{4}-[0-9]{2}-[0-9]{2}_[0-9]{6}_[a-z0-9-]+_[0-9]+\.pdf$/);
  });

  it('writes one file whatever the number of copies', async () => {
    const folder = freshFolder();
    const job = await new FolderSpooler(folder, at).submit({ ...options, copies: 3 });
    expect(job.state).toBe('done');
    expect(await readdir(folder)).toEqual([job.id]);
  });

  it('never reuses a name in the same second, even across spooler instances', async () => {
    const folder = freshFolder();
    const first = new FolderSpooler(folder, at);
    const jobs = await Promise.all([first.submit(options), first.submit(options)]);
    const restarted = await new FolderSpooler(folder, at).submit(options);
    const names = [...jobs.map((j) => j.id), restarted.id];
    expect(new Set(names).size).toBe(3);
    expect((await readdir(folder)).sort()).toEqual([...names].sort());
  });

  it('creates a missing folder', async () => {
    const folder = join(freshFolder(), 'deeper', 'still');
    const spooler = new FolderSpooler(folder, at);
    expect(await spooler.check()).toEqual({ ready: true, printer: folder });
    expect(await spooler.printers()).toEqual([folder]);
    expect(existsSync(folder)).toBe(true);
    expect((await spooler.submit(options)).state).toBe('done');
  });

  it('reports an unwritable folder without throwing', async () => {
    // chmod does not stop root: a folder under a regular file fails for everyone (ENOTDIR).
    const file = join(root, 'afile');
    await writeFile(file, 'not a folder');
    const folder = join(file, 'sub');
    const spooler = new FolderSpooler(folder, at);

    const job = await spooler.submit(options);
    expect(job.state).toBe('failed');
    expect(job.reason).toBe(`Cannot write to folder ${folder}: ENOTDIR`);

    expect(await spooler.check()).toEqual({ ready: false, printer: folder, reason: `Cannot write to folder ${folder}: ENOTDIR` });
  });

  it('reports missing files and rejects ids that are not plain file names', async () => {
    const folder = freshFolder();
    const spooler = new FolderSpooler(folder, at);
    await writeFile(join(root, 'outside.pdf'), 'x');

    const missing = await spooler.status('2026-01-01_000000_nothing_1.pdf');
    expect(missing.state).toBe('failed');
    expect(missing.reason).toContain('not in folder');

    for (const id of ['../outside.pdf', '..', 'a/b.pdf', 'a\\b.pdf', `${root}/outside.pdf`, '', '.', 'x..pdf']) {
      expect(await spooler.status(id)).toEqual({ id, state: 'failed', reason: 'Invalid job id' });
    }
  });
});
