import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { channels } from '../../contract/channels';
import { parsePrintPagePath } from '../../contract/print-page';
import { handoutPath, handouts, printServiceTests, ScriptedSpooler } from '../../testing/print-fixture';
import { countPdfPages } from './pdf-renderer';
import { JOB_TITLE } from './print-documents';
import { makePdf } from '../../testing/make-pdf';

// What a print does: the documents laid out and sent, what is kept and counted, what is logged.
// Limits, failures and staff actions are in the print-service-*.test.ts files beside this one.

const { setup, withLimits } = await printServiceTests('print-service');

describe('PrintService: printing', () => {
  it('prints each handout as its own document with a neutral title, and counts them', async () => {
    const { service, renderer, counts, printedFiles, folder } = await setup();
    const job = await service.submit(handouts('fever', 'flu-vaccine'));

    expect(job).toEqual({ id: expect.stringMatching(/^job-/), state: 'done', pages: 2 });
    expect(channels['print:submit'].res.safeParse(job).success).toBe(true);
    expect(channels['print:status'].req.safeParse({ id: job.id }).success).toBe(true);
    expect(renderer.asked).toEqual([
      { path: handoutPath('fever'), paper: 'Letter' },
      { path: handoutPath('flu-vaccine'), paper: 'Letter' },
    ]);
    const files = await printedFiles();
    expect(files).toHaveLength(2);
    // A file's name is a random key: no handout, no time.
    expect(files.every((f) => /^kiosk-print-[0-9a-f]{24}\.pdf$/.test(f))).toBe(true);
    expect(new Uint8Array(await readFile(join(folder, files[0]!)))).toEqual(makePdf({ pages: 1 }));

    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(2);
    expect(await service.status(job.id)).toEqual(job);
  });

  it('passes the spooler one document per handout, titled "Kiosk print", one copy, on the configured paper', async () => {
    const spooler = new ScriptedSpooler();
    const { service } = await setup({ spooler, config: withLimits({}, 'A4') });
    await service.submit({ kind: 'handouts', lang: 'es', ids: ['fever', 'flu-vaccine'] });
    expect(JOB_TITLE).toBe('Kiosk print');
    expect(spooler.submitted.map(({ pagePath, title, copies, paper }) => ({ pagePath, title, copies, paper }))).toEqual([
      { pagePath: handoutPath('fever', 'es'), title: 'Kiosk print', copies: 1, paper: 'A4' },
      { pagePath: handoutPath('flu-vaccine', 'es'), title: 'Kiosk print', copies: 1, paper: 'A4' },
    ]);
    expect(spooler.submitted.map((d) => countPdfPages(d.pdf))).toEqual([1, 1]);
    // Each sending has its own random key, the spooler's way to find it after a crash.
    expect(spooler.submitted.map((d) => d.key)).toEqual([expect.stringMatching(/^[0-9a-f]{24}$/), expect.stringMatching(/^[0-9a-f]{24}$/)]);
    expect(new Set(spooler.submitted.map((d) => d.key)).size).toBe(2);
  });

  it('records each document before the spooler gets it, and its spooler id before it can print', async () => {
    const spooler = new ScriptedSpooler();
    const { service, storedFile } = await setup({ spooler });
    const seen: unknown[] = [];
    spooler.onSent = async () => void seen.push(structuredClone(await storedFile()));
    await service.submit(handouts('fever', 'staying-hydrated'));

    // When the first document's id reached the spooler, the file held it, and the second waiting.
    const [first] = seen as Array<Array<{ documents: Array<Record<string, unknown>> }>>;
    expect(first![0]!.documents).toEqual([
      // The key and the exact time are gone once the id is on record.
      { pagePath: handoutPath('fever'), state: 'queued', spoolId: 'spool-1' },
      { pagePath: handoutPath('staying-hydrated'), state: 'pending' },
    ]);
    const record = first![0] as Record<string, unknown>;
    expect(Object.keys(record).sort()).toEqual(['attempts', 'copies', 'createdAt', 'documents', 'id', 'kind', 'pages', 'state']);
  });

  it('keeps nothing at rest once the job has printed, and tells the spooler to forget it', async () => {
    const spooler = new ScriptedSpooler();
    const { service, storedFile, jobsFile } = await setup({ spooler });
    const job = await service.submit(handouts('fever', 'staying-hydrated'));
    expect(job.state).toBe('done');
    expect(await storedFile()).toEqual([]);
    expect(await readFile(jobsFile, 'utf8')).not.toMatch(/fever|hydrated|lang|kind=/);
    expect(spooler.forgotten).toEqual(['spool-1', 'spool-2']);
    // The patient's screen can still ask after it, from memory.
    expect(await service.status(job.id)).toEqual(job);
  });

  it('prints a handout asked for twice only once', async () => {
    const { service, renderer, counts } = await setup();
    const job = await service.submit({ kind: 'handouts', lang: 'es', ids: ['fever', 'fever'] });
    expect(job.state).toBe('done');
    expect(renderer.asked.map((a) => a.path)).toEqual([handoutPath('fever', 'es')]);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);
  });

  it('prints the phone slip as one document, not counted as a handout', async () => {
    const { service, renderer, counts, printedFiles } = await setup();
    const job = await service.submit({ kind: 'phone-slip', lang: 'es' });
    expect(job).toMatchObject({ state: 'done', pages: 1 });
    expect(renderer.asked).toEqual([{ path: '/print.html?kind=phone-slip&lang=es', paper: 'Letter' }]);
    expect(await printedFiles()).toHaveLength(1);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);
  });

  it('counts a handout when it reaches paper later, through status, and never twice', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued', 'printing', 'done');
    const { service, counts } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));
    expect(job.state).toBe('queued');
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);

    expect(await service.status(job.id)).toMatchObject({ state: 'printing' });
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);
    expect(await service.status(job.id)).toMatchObject({ state: 'done' });
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);

    const asked = spooler.statusAsked.length;
    expect((await service.list()).map((j) => j.state)).toEqual(['done']);
    expect(await service.status(job.id)).toMatchObject({ state: 'done' });
    // A finished document is not asked about again, and not counted again.
    expect(spooler.statusAsked).toHaveLength(asked);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);
  });

  it('logs that something was printed, and nothing that could tell what or by whom', async () => {
    const { service, log } = await setup();
    await service.submit(handouts('fever', 'flu-vaccine'));
    await service.submit({ kind: 'phone-slip', lang: 'es' });
    // A slip and two handouts log alike: no kind, no ids, no page or document counts.
    expect(log.lines).toEqual([
      { level: 'info', event: 'print-submitted', details: undefined },
      { level: 'info', event: 'print-submitted', details: undefined },
    ]);
  });

  it('answers not-found for a job it does not know', async () => {
    const { service } = await setup();
    const id = 'job-00000000-0000-0000-0000-000000000000';
    await expect(service.status(id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.retry(id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.cancel(id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('PrintService: test page', () => {
  it('lays out a test page naming the printer the spooler checks, URL-encoded', async () => {
    const spooler = new ScriptedSpooler('Front Desk #2 & Co/é');
    const { service, renderer, counts } = await setup({ spooler });
    const job = await service.testPage();
    expect(job).toMatchObject({ kind: 'test-page', state: 'done', documents: 1, attempts: 1 });
    expect(renderer.asked.map((a) => a.path)).toEqual(['/print.html?kind=test-page&lang=en&printer=Front+Desk+%232+%26+Co%2F%C3%A9']);
    expect(parsePrintPagePath(renderer.asked[0]!.path)).toEqual({ kind: 'test-page', lang: 'en', printer: 'Front Desk #2 & Co/é' });
    expect(spooler.submitted.map((d) => d.title)).toEqual(['Kiosk print']);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);
  });
});
