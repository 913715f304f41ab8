import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { FolderSpooler } from './folder-spooler';
import type { PrintDocument } from './print-spooler';

const PDF = new TextEncoder().encode('%PDF-1.4\n% not a real document, the folder spooler does not care\n%%EOF\n');
const newKey = () => randomBytes(12).toString('hex');
const document = (overrides: Partial<PrintDocument> = {}): PrintDocument => ({
  pdf: PDF,
  pagePath: '/print.html?kind=handout&lang=en&id=flu',
  title: 'Kiosk print',
  copies: 1,
  paper: 'Letter',
  key: newKey(),
  ...overrides,
});
/** Records the ids the spooler hands over, as the print service does before anything prints. */
function recorder() {
  const ids: string[] = [];
  return { ids, sent: async (id: string) => void ids.push(id) };
}

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
  it('writes the PDF named by its random key alone, with the id on record first, and reports it done', async () => {
    const folder = freshFolder();
    const spooler = new FolderSpooler(folder);
    expect(spooler.kind).toBe('folder');
    const { ids, sent } = recorder();
    const doc = document();

    const job = await spooler.submit(doc, async (id) => {
      // On record before the file exists: the file is the print.
      expect(existsSync(join(folder, id))).toBe(false);
      await sent(id);
    });
    expect(job).toEqual({ id: `kiosk-print-${doc.key}.pdf`, state: 'done' });
    expect(ids).toEqual([job.id]);
    expect(new Uint8Array(await readFile(join(folder, job.id)))).toEqual(PDF);
    // The atomic write leaves no temp file behind, and the name says nothing of when or what.
    expect(await readdir(folder)).toEqual([job.id]);
    expect(job.id).toMatch(/^kiosk-print-[0-9a-f]{24}\.pdf$/);
    expect(await spooler.status(job.id)).toEqual({ id: job.id, state: 'done' });
  });

  it('writes one file whatever the number of copies, and a file per document', async () => {
    const folder = freshFolder();
    const spooler = new FolderSpooler(folder);
    const jobs = await Promise.all([spooler.submit(document({ copies: 3 }), recorder().sent), spooler.submit(document(), recorder().sent)]);
    expect(jobs.map((j) => j.state)).toEqual(['done', 'done']);
    expect((await readdir(folder)).sort()).toEqual(jobs.map((j) => j.id).sort());
  });

  it('recovers a document a crash caught: written is printed, absent never was', async () => {
    const folder = freshFolder();
    const spooler = new FolderSpooler(folder);
    const written = document();
    const job = await spooler.submit(written, recorder().sent);
    const known = new Set<string>();
    expect(await spooler.recover(written.key, new Date(), known)).toEqual({ id: job.id, state: 'done' });
    expect(await spooler.recover(newKey(), new Date(), known)).toBe('never');
    expect(await spooler.recover('../../etc', new Date(), known)).toBe('never');
  });

  it('clears the half-written PDFs a killed kiosk left, and only those', async () => {
    const folder = freshFolder();
    await mkdir(folder);
    const leftover = '.kiosk-print-0123456789abcdef01234567.pdf.a1b2c3d4e5f6.tmp';
    await writeFile(join(folder, leftover), '%PDF-1.4 half');
    await writeFile(join(folder, '.other.json.a1b2c3d4e5f6.tmp'), '{');
    await writeFile(join(folder, 'kiosk-print-00000000aaaaaaaa.pdf'), PDF);
    const spooler = new FolderSpooler(folder);
    await spooler.submit(document(), recorder().sent);
    const names = await readdir(folder);
    expect(names).not.toContain(leftover);
    expect(names).toEqual(expect.arrayContaining(['.other.json.a1b2c3d4e5f6.tmp', 'kiosk-print-00000000aaaaaaaa.pdf']));
  });

  it('creates a missing folder', async () => {
    const folder = join(freshFolder(), 'deeper', 'still');
    const spooler = new FolderSpooler(folder);
    expect(await spooler.check()).toEqual({ ready: true, printer: folder });
    expect(await spooler.printers()).toEqual([folder]);
    expect(existsSync(folder)).toBe(true);
    expect((await spooler.submit(document(), recorder().sent)).state).toBe('done');
  });

  it('reports an unwritable folder without throwing: nothing was written, so the job failed', async () => {
    // chmod does not stop root: a folder under a regular file fails for everyone (ENOTDIR).
    const file = join(root, 'afile');
    await writeFile(file, 'not a folder');
    const folder = join(file, 'sub');
    const spooler = new FolderSpooler(folder);

    const job = await spooler.submit(document(), recorder().sent);
    expect(job.state).toBe('failed');
    expect(job.reason).toBe(`Cannot write to folder ${folder}: ENOTDIR`);
    expect(await spooler.check()).toEqual({ ready: false, printer: folder, reason: `Cannot write to folder ${folder}: ENOTDIR` });
  });

  it('refuses a document without a proper key', async () => {
    const folder = freshFolder();
    await mkdir(folder);
    for (const key of ['', '../x', 'A'.repeat(20)]) {
      expect(await new FolderSpooler(folder).submit(document({ key }), recorder().sent)).toMatchObject({ state: 'failed' });
    }
    expect(await readdir(folder)).toEqual([]);
  });

  it('cannot tell a file taken by a print server from one never written, and rejects ids that are not plain file names', async () => {
    const folder = freshFolder();
    const spooler = new FolderSpooler(folder);
    await writeFile(join(root, 'outside.pdf'), 'x');

    const missing = await spooler.status('kiosk-print-0123456789abcdef01234567.pdf');
    expect(missing).toMatchObject({ state: 'unknown', settles: false });
    expect(missing.reason).toContain('not in folder');

    for (const id of ['../outside.pdf', '..', 'a/b.pdf', 'a\\b.pdf', `${root}/outside.pdf`, '', '.', 'x..pdf']) {
      expect(await spooler.status(id)).toEqual({ id, state: 'failed', reason: 'Invalid job id' });
    }
  });
});
