import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channels } from '../../contract/channels';
import type { KioskConfig } from '../../contract/config';
import { parseConfig } from '../config/config-loader';
import { HandoutLibrary } from '../content/handout-library';
import { CountsStore } from '../counts/counts-store';
import { KioskError } from '../kiosk-error';
import { RecordingLogger } from '../testing/recording-logger';
import { FolderSpooler } from './folder-spooler';
import { countPdfPages, type PdfRenderer } from './pdf-renderer';
import type { PrintSpooler } from './print-spooler';
import { PrintService } from './print-service';

const CONTENT = join(import.meta.dirname, '..', '..', '..', 'content');

/** A small but well-formed PDF (correct xref offsets) with the given number of pages. */
function makePdf(pageCount: number): Uint8Array {
  const pageIds = Array.from({ length: pageCount }, (_, i) => i + 3);
  const bodies = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageCount} >>`,
    ...pageIds.map(() => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>'),
  ];
  let text = '%PDF-1.4\n';
  const offsets: number[] = [];
  bodies.forEach((body, i) => {
    offsets.push(text.length);
    text += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = text.length;
  text += `xref\n0 ${bodies.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) text += `${String(offset).padStart(10, '0')} 00000 n \n`;
  text += `trailer\n<< /Size ${bodies.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(text);
}

/** Stands in for Chromium: hands back a one-page PDF and remembers what it was asked to lay out. */
class FakeRenderer implements PdfRenderer {
  readonly asked: Array<{ path: string; paper: string }> = [];
  constructor(private readonly failOn: (path: string) => boolean = () => false) {}
  async render(path: string, paper: 'Letter' | 'A4'): Promise<Uint8Array> {
    this.asked.push({ path, paper });
    if (this.failOn(path)) throw new Error('print page said data-print-ready="error"');
    return makePdf(1);
  }
  async close(): Promise<void> {}
}

let root: string;
let library: HandoutLibrary;
let demo: KioskConfig;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-print-service-'));
  library = await HandoutLibrary.load(CONTENT);
  const loaded = parseConfig(JSON.parse(await readFile(join(CONTENT, 'demo-config.json'), 'utf8')), 'demo');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  demo = loaded.config;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function setup(options: { renderer?: FakeRenderer; spooler?: PrintSpooler; config?: Partial<KioskConfig> } = {}) {
  const dir = join(root, `case-${++counter}`);
  const folder = join(dir, 'printed');
  const renderer = options.renderer ?? new FakeRenderer();
  const spooler = options.spooler ?? new FolderSpooler(folder, () => new Date(2026, 2, 5, 9, 30, 0));
  const counts = await CountsStore.open(join(dir, 'counts.json'), () => new Date(2026, 2, 5, 9, 30, 0));
  const log = new RecordingLogger();
  const config = { ...demo, ...options.config };
  const service = new PrintService({ config: () => config, library: () => library, renderer, spooler: () => spooler, counts, log });
  const printedFiles = async () => (await readdir(folder).catch(() => [] as string[])).sort();
  return { service, renderer, counts, log, folder, printedFiles };
}

describe('PrintService', () => {
  it('prints each handout as its own document and counts them', async () => {
    const { service, renderer, counts, printedFiles, folder } = await setup();
    const job = await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever', 'flu-vaccine'] });

    expect(job).toEqual({ id: expect.stringMatching(/^job-/), state: 'done', pages: 2 });
    expect(channels['print:status'].req.safeParse({ id: job.id }).success).toBe(true);
    expect(renderer.asked).toEqual([
      { path: '/print.html?kind=handout&lang=en&id=fever', paper: 'Letter' },
      { path: '/print.html?kind=handout&lang=en&id=flu-vaccine', paper: 'Letter' },
    ]);
    const files = await printedFiles();
    expect(files).toHaveLength(2);
    // Every job has the same neutral title: no handout name next to a time.
    expect(files.every((f) => f.includes('_kiosk-print_'))).toBe(true);
    expect(files.some((f) => /fever|flu/i.test(f))).toBe(false);
    expect(new Uint8Array(await readFile(join(folder, files[0]!)))).toEqual(makePdf(1));

    expect(counts.today().handoutsPrinted).toBe(2);
    expect(await service.status(job.id)).toEqual(job);
  });

  it('prints a handout asked for twice only once', async () => {
    const { service, renderer, counts } = await setup();
    const job = await service.submit({ kind: 'handouts', lang: 'es', ids: ['fever', 'fever'] });
    expect(job.state).toBe('done');
    expect(renderer.asked.map((a) => a.path)).toEqual(['/print.html?kind=handout&lang=es&id=fever']);
    expect(counts.today().handoutsPrinted).toBe(1);
  });

  it('uses the paper size of the config', async () => {
    const { service, renderer } = await setup({ config: { print: { paper: 'A4' } } });
    await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] });
    expect(renderer.asked.map((a) => a.paper)).toEqual(['A4']);
  });

  it('refuses more handouts than one person may print, before printing any', async () => {
    const { service, renderer, counts, printedFiles } = await setup();
    expect(demo.handouts.maxPerSession).toBe(3);
    const submitting = service.submit({ kind: 'handouts', lang: 'en', ids: ['fever', 'flu-vaccine', 'visitor-policy', 'dvt-blood-clots'] });
    await expect(submitting).rejects.toBeInstanceOf(KioskError);
    await expect(submitting).rejects.toMatchObject({ code: 'limit' });
    expect(renderer.asked).toEqual([]);
    expect(await printedFiles()).toEqual([]);
    expect(counts.today().handoutsPrinted).toBe(0);
  });

  it('refuses an unknown handout, or one missing in the language, before printing any', async () => {
    const { service, renderer, counts } = await setup();
    await expect(service.submit({ kind: 'handouts', lang: 'en', ids: ['fever', 'no-such-handout'] })).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('no-such-handout'),
    });
    expect(renderer.asked).toEqual([]);
    expect(counts.today().handoutsPrinted).toBe(0);
  });

  it('fails the job when a page cannot be laid out, and counts nothing', async () => {
    const renderer = new FakeRenderer(() => true);
    const { service, counts, log, printedFiles } = await setup({ renderer });
    const job = await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever', 'flu-vaccine'] });
    expect(job).toMatchObject({ state: 'failed', pages: 0 });
    // It stops at the first failure.
    expect(renderer.asked).toHaveLength(1);
    expect(await printedFiles()).toEqual([]);
    expect(counts.today().handoutsPrinted).toBe(0);
    const logged = log.lines.find((l) => l.event === 'print-render-failed');
    expect(logged?.details).toMatchObject({ job: job.id, cause: expect.stringContaining('data-print-ready') });
    expect(await service.status(job.id)).toMatchObject({ state: 'failed' });
  });

  it('counts the handouts that did print when a later one fails', async () => {
    const renderer = new FakeRenderer((path) => path.endsWith('id=flu-vaccine'));
    const { service, counts, printedFiles } = await setup({ renderer });
    const job = await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever', 'flu-vaccine', 'visitor-policy'] });
    expect(job).toMatchObject({ state: 'failed', pages: 1 });
    expect(renderer.asked.map((a) => a.path)).toEqual([
      '/print.html?kind=handout&lang=en&id=fever',
      '/print.html?kind=handout&lang=en&id=flu-vaccine',
    ]);
    expect(await printedFiles()).toHaveLength(1);
    expect(counts.today().handoutsPrinted).toBe(1);
  });

  it('fails the job when the spooler cannot take it, and counts nothing', async () => {
    // A folder under a regular file cannot be made, whoever runs the test (root included).
    const blocker = join(root, `blocker-${++counter}`);
    await writeFile(blocker, 'a file, not a folder');
    const spooler = new FolderSpooler(join(blocker, 'printed'));
    const { service, counts, log } = await setup({ spooler });

    const job = await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever', 'flu-vaccine'] });
    expect(job.state).toBe('failed');
    expect(counts.today().handoutsPrinted).toBe(0);
    const logged = log.lines.filter((l) => l.event === 'print-spool-failed');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toMatchObject({ job: job.id, spooler: 'folder', reason: expect.stringContaining('ENOTDIR') });
  });

  it('prints the phone slip as one document, not counted as a handout', async () => {
    const { service, renderer, counts, printedFiles } = await setup();
    const job = await service.submit({ kind: 'phone-slip', lang: 'es' });
    expect(job).toMatchObject({ state: 'done', pages: 1 });
    expect(renderer.asked).toEqual([{ path: '/print.html?kind=phone-slip&lang=es', paper: 'Letter' }]);
    expect(await printedFiles()).toHaveLength(1);
    expect(counts.today().handoutsPrinted).toBe(0);
  });

  it('answers not-found for a job it does not know', async () => {
    const { service } = await setup();
    await expect(service.status('job-00000000-0000-0000-0000-000000000000')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('logs what was printed without anything about the person', async () => {
    const { service, log } = await setup();
    const job = await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] });
    expect(log.lines).toEqual([
      { level: 'info', event: 'print-submitted', details: { job: job.id, documents: 1, pages: 1 } },
    ]);
  });
});

describe('countPdfPages', () => {
  it('counts the pages of a 2-page PDF, not the page tree', () => {
    expect(countPdfPages(makePdf(2))).toBe(2);
    expect(countPdfPages(makePdf(1))).toBe(1);
  });

  it('reads the compact form Chromium writes, and says 0 for something that is not a PDF', () => {
    const compact = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Pages/Count 3>>endobj 2 0 obj<</Type/Page>>endobj 3 0 obj<</Type/Page/Parent 1 0 R>>endobj 4 0 obj<</Type /Page>>endobj');
    expect(countPdfPages(compact)).toBe(3);
    expect(countPdfPages(new TextEncoder().encode('<html>not a pdf</html>'))).toBe(0);
  });
});
