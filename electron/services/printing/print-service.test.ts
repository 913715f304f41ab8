import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { channels, StaffJobSchema } from '../../contract/channels';
import type { KioskConfig } from '../../contract/config';
import { parsePrintPagePath, printPagePath } from '../../contract/print-page';
import type { HandoutLibrary } from '../content/handout-library';
import { KioskError } from '../kiosk-error';
import { FakeRenderer, loadDemo, printSetup, ScriptedSpooler, type PrintSetupOptions } from '../../testing/print-fixture';
import { FolderSpooler } from './folder-spooler';
import { countPdfPages } from './pdf-renderer';
import { JOB_TITLE } from './print-service';
import { makePdf } from '../../testing/make-pdf';

const handoutPath = (id: string, lang: 'en' | 'es' = 'en') => printPagePath({ kind: 'handout', lang, id });

let root: string;
let library: HandoutLibrary;
let demo: KioskConfig;
let counter = 0;
const closers: Array<() => void> = [];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-print-service-'));
  ({ library, demo } = await loadDemo());
});
afterEach(() => closers.splice(0).forEach((close) => close()));
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function withLimits(limits: Partial<KioskConfig['print']['limits']>, paper: KioskConfig['print']['paper'] = 'Letter'): KioskConfig {
  return { ...demo, print: { ...demo.print, paper, limits: { ...demo.print.limits, ...limits } } };
}

async function setup(options: PrintSetupOptions & { config?: KioskConfig } = {}) {
  const config = options.config ?? demo;
  const made = await printSetup(join(root, `case-${++counter}`), library, () => config, options);
  closers.push(made.close);
  return made;
}

const handouts = (...ids: string[]) => ({ kind: 'handouts' as const, lang: 'en' as const, ids });

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

describe('PrintService: limits', () => {
  it('refuses more handouts than one person may print, before laying out or storing any', async () => {
    const { service, renderer, counts, printedFiles, jobs, jobsFile } = await setup();
    expect(demo.handouts.maxPerSession).toBe(3);
    const submitting = service.submit(handouts('fever', 'flu-vaccine', 'visitor-policy', 'dvt-blood-clots'));
    await expect(submitting).rejects.toBeInstanceOf(KioskError);
    await expect(submitting).rejects.toMatchObject({ code: 'limit' });
    expect(renderer.asked).toEqual([]);
    expect(await printedFiles()).toEqual([]);
    expect(jobs.all()).toEqual([]);
    expect(existsSync(jobsFile)).toBe(false);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);
  });

  it('refuses an unknown handout, or one missing in the language, before laying out any', async () => {
    const { service, renderer, counts, jobs } = await setup();
    await expect(service.submit(handouts('fever', 'no-such-handout'))).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('no-such-handout'),
    });
    expect(renderer.asked).toEqual([]);
    expect(jobs.all()).toEqual([]);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);
  });

  it('refuses a job with more pages than allowed: nothing spooled, nothing stored', async () => {
    const renderer = new FakeRenderer(undefined, () => 3);
    const spooler = new ScriptedSpooler();
    const { service, jobs, jobsFile, log, counts } = await setup({ renderer, spooler, config: withLimits({ pagesPerJob: 5 }) });

    const submitting = service.submit(handouts('fever', 'flu-vaccine'));
    await expect(submitting).rejects.toBeInstanceOf(KioskError);
    await expect(submitting).rejects.toMatchObject({ code: 'limit' });
    expect(spooler.submitted).toEqual([]);
    expect(jobs.all()).toEqual([]);
    expect(JSON.parse(await readFile(jobsFile, 'utf8'))).toEqual([]);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);
    expect(log.lines).toContainEqual({ level: 'warn', event: 'print-limit', details: { limit: 'pages' } });

    // Up to the limit is fine.
    const job = await service.submit(handouts('fever'));
    expect(job).toMatchObject({ state: 'done', pages: 3 });
  });

  it('refuses more jobs per hour than allowed, for the whole kiosk, until the hour has passed', async () => {
    const { service, advance, log, printedFiles } = await setup({ config: withLimits({ jobsPerHour: 2 }) });
    await service.submit(handouts('fever'));
    advance(30 * 60_000);
    await service.submit(handouts('fever'));

    await expect(service.submit(handouts('flu-vaccine'))).rejects.toMatchObject({ code: 'limit' });
    expect(log.lines.filter((l) => l.event === 'print-limit')).toEqual([{ level: 'warn', event: 'print-limit', details: { limit: 'hourly' } }]);
    expect(await printedFiles()).toHaveLength(2);

    // The first job is more than an hour old now: one more may print.
    advance(30 * 60_000 + 1);
    expect(await service.submit(handouts('flu-vaccine'))).toMatchObject({ state: 'done' });
    await expect(service.submit(handouts('fever'))).rejects.toMatchObject({ code: 'limit' });
  });

  it('limits phone slips on their own: handouts used up never stop a slip, and slips without end are refused', async () => {
    const { service, log } = await setup({ config: withLimits({ jobsPerHour: 1, slipsPerHour: 2 }) });
    await service.submit(handouts('fever'));
    await expect(service.submit(handouts('flu-vaccine'))).rejects.toMatchObject({ code: 'limit' });
    expect(await service.submit({ kind: 'phone-slip', lang: 'es' })).toMatchObject({ state: 'done' });
    expect(await service.submit({ kind: 'phone-slip', lang: 'en' })).toMatchObject({ state: 'done' });
    await expect(service.submit({ kind: 'phone-slip', lang: 'en' })).rejects.toMatchObject({ code: 'limit' });
    // The log cannot tell a refused slip from refused handouts: a slip would date a "stay out".
    expect(log.lines.filter((l) => l.event === 'print-limit').map((l) => l.details)).toEqual([{ limit: 'hourly' }, { limit: 'hourly' }]);
  });

  it('holds the limit under a burst: prints sent at once reserve their place before any is laid out', async () => {
    const renderer = new FakeRenderer(undefined, undefined, 20);
    const { service, printedFiles } = await setup({ renderer, config: withLimits({ jobsPerHour: 4, slipsPerHour: 3 }) });
    const burst = await Promise.allSettled([
      ...Array.from({ length: 8 }, () => service.submit(handouts('fever'))),
      ...Array.from({ length: 6 }, () => service.submit({ kind: 'phone-slip', lang: 'en' })),
    ]);
    const outcomes = burst.map((r) => (r.status === 'fulfilled' ? r.value.state : (r.reason as KioskError).code));
    expect(outcomes.slice(0, 8).sort()).toEqual(['done', 'done', 'done', 'done', 'limit', 'limit', 'limit', 'limit']);
    expect(outcomes.slice(8).sort()).toEqual(['done', 'done', 'done', 'limit', 'limit', 'limit']);
    // The handout is laid out once for its four prints; each slip prints its time, so each is laid out.
    expect(renderer.asked.map((a) => a.path)).toEqual([
      handoutPath('fever'),
      ...Array.from({ length: 3 }, () => printPagePath({ kind: 'phone-slip', lang: 'en' })),
    ]);
    expect(await printedFiles()).toHaveLength(7);
  });

  it('gives back the place of a job refused for its pages', async () => {
    const renderer = new FakeRenderer(undefined, (path) => (path.includes('fever') ? 30 : 1));
    const { service } = await setup({ renderer, config: withLimits({ jobsPerHour: 1 }) });
    await expect(service.submit(handouts('fever'))).rejects.toMatchObject({ code: 'limit' });
    expect(await service.submit(handouts('flu-vaccine'))).toMatchObject({ state: 'done' });
  });

  it('always prints the staff test page, which does not use up the hourly limit', async () => {
    const { service } = await setup({ config: withLimits({ jobsPerHour: 1 }) });
    expect(await service.testPage()).toMatchObject({ kind: 'test-page', state: 'done' });
    // The test page did not count: a patient may still print.
    expect(await service.submit(handouts('fever'))).toMatchObject({ state: 'done' });
    await expect(service.submit(handouts('fever'))).rejects.toMatchObject({ code: 'limit' });
    expect(await service.testPage()).toMatchObject({ kind: 'test-page', state: 'done' });
  });
});

describe('PrintService: failures', () => {
  it('fails the job when a page cannot be laid out, with a reason staff can act on', async () => {
    const renderer = new FakeRenderer(() => true);
    const { service, counts, log, printedFiles, failures } = await setup({ renderer });
    const job = await service.submit(handouts('fever', 'flu-vaccine'));
    expect(job).toMatchObject({ state: 'failed', pages: 0 });
    // It stops at the first failure.
    expect(renderer.asked).toHaveLength(1);
    expect(await printedFiles()).toEqual([]);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);
    const logged = log.lines.find((l) => l.event === 'print-render-failed');
    expect(logged?.details).toEqual({ cause: expect.stringContaining('data-print-ready') });
    // The log says why, but not which handout: the page address is left out.
    expect(String(logged?.details?.cause)).toContain('(print page)');
    expect(String(logged?.details?.cause)).not.toMatch(/fever|id=/);
    expect(await service.status(job.id)).toMatchObject({ state: 'failed' });
    expect(await service.list()).toEqual([expect.objectContaining({ id: job.id, state: 'failed', reason: 'The kiosk could not lay out the page' })]);
    expect(failures()).toBe(1);

    // Once the page can be laid out, a retry prints it.
    renderer.failOn = () => false;
    expect(await service.retry(job.id)).toMatchObject({ state: 'done', attempts: 2, pages: 0 });
    expect(await printedFiles()).toHaveLength(2);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(2);
  });

  it('fails the job when the folder cannot be written, and counts nothing', async () => {
    // A folder under a regular file cannot be made, whoever runs the test (root included).
    const blocker = join(root, `blocker-${++counter}`);
    await writeFile(blocker, 'a file, not a folder');
    const spooler = new FolderSpooler(join(blocker, 'printed'));
    const { service, counts, log } = await setup({ spooler });

    const job = await service.submit(handouts('fever', 'flu-vaccine'));
    expect(job.state).toBe('failed');
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(0);
    const logged = log.lines.filter((l) => l.event === 'print-failed');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.details).toEqual({ spooler: 'folder', reason: expect.stringContaining('ENOTDIR') });
    expect((await service.list())[0]!.reason).toMatch(/^Cannot write to folder .*ENOTDIR/);
  });

  it('stops at a spooler failure on document 2 of 3, and a retry prints only documents 2 and 3', async () => {
    const spooler = new ScriptedSpooler().willAnswer('done').willAnswer({ failed: 'Printer Front-Desk is out of paper' });
    const { service, renderer, counts, failures } = await setup({ spooler });
    const job = await service.submit(handouts('fever', 'flu-vaccine', 'dvt-blood-clots'));

    expect(job).toMatchObject({ state: 'failed', pages: 3 });
    expect(spooler.paths()).toEqual([handoutPath('fever'), handoutPath('flu-vaccine')]);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);
    expect(failures()).toBe(1);
    const [listed] = await service.list();
    expect(listed).toMatchObject({ id: job.id, state: 'failed', attempts: 1, documents: 3, reason: 'Printer Front-Desk is out of paper' });
    expect(StaffJobSchema.safeParse(listed).success).toBe(true);

    renderer.asked.length = 0;
    const retried = await service.retry(job.id);
    expect(retried).toMatchObject({ id: job.id, state: 'done', attempts: 2 });
    expect(retried.reason).toBeUndefined();
    expect(channels['staff:job-retry'].res.safeParse(retried).success).toBe(true);
    expect(spooler.paths()).toEqual([handoutPath('fever'), handoutPath('flu-vaccine'), handoutPath('flu-vaccine'), handoutPath('dvt-blood-clots')]);
    expect(spooler.paths().filter((p) => p === handoutPath('fever'))).toHaveLength(1);
    // Their PDFs were kept from the first attempt.
    expect(renderer.asked).toEqual([]);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(3);
    expect(failures()).toBe(1);

    await expect(service.retry(job.id)).rejects.toMatchObject({ code: 'bad-request' });
    expect(spooler.submitted).toHaveLength(4);
  });

  it('on retry, leaves a document still in the printer queue there instead of sending it again', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued').willAnswer({ failed: 'Printer Front-Desk is out of paper' });
    const { service, counts } = await setup({ spooler });
    const job = await service.submit(handouts('fever', 'flu-vaccine'));
    // Not failed while a document is still on its way, but the failed one can be sent again.
    expect(job.state).toBe('queued');
    expect((await service.list())[0]).toMatchObject({ state: 'queued', canRetry: true, reason: 'Printer Front-Desk is out of paper' });

    expect(await service.retry(job.id)).toMatchObject({ state: 'printing', attempts: 2 });
    expect(spooler.paths()).toEqual([handoutPath('fever'), handoutPath('flu-vaccine'), handoutPath('flu-vaccine')]);

    spooler.set('spool-1', 'done');
    expect((await service.list())[0]).toMatchObject({ state: 'done' });
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(2);
  });

  it('calls onFailure again when a retry fails again', async () => {
    const spooler = new ScriptedSpooler().willAnswer({ failed: 'Printer Front-Desk is stopped' }).willAnswer({ failed: 'Printer Front-Desk is still stopped' });
    const { service, failures } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));
    expect(failures()).toBe(1);
    expect(await service.retry(job.id)).toMatchObject({ state: 'failed', attempts: 2, reason: 'Printer Front-Desk is still stopped' });
    expect(failures()).toBe(2);
    // Asking again about a failed job does not report it again.
    await service.list();
    await service.status(job.id);
    expect(failures()).toBe(2);
  });

  it('calls onFailure once when a job fails later, through status', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued', { failed: 'Printer Front-Desk is offline' });
    const { service, failures, log } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));
    expect(failures()).toBe(0);
    expect(await service.status(job.id)).toMatchObject({ state: 'failed' });
    expect(failures()).toBe(1);
    await service.list();
    await service.status(job.id);
    expect(failures()).toBe(1);
    expect(log.lines.filter((l) => l.event === 'print-failed')).toEqual([
      { level: 'error', event: 'print-failed', details: { spooler: 'cups', reason: 'Printer Front-Desk is offline' } },
    ]);
  });

  it('refuses to retry a job that is done or still queued', async () => {
    const spooler = new ScriptedSpooler().willAnswer('done').willAnswer('queued');
    const { service } = await setup({ spooler });
    const done = await service.submit(handouts('fever'));
    const queued = await service.submit(handouts('flu-vaccine'));
    for (const id of [done.id, queued.id]) {
      const retrying = service.retry(id);
      await expect(retrying).rejects.toBeInstanceOf(KioskError);
      await expect(retrying).rejects.toMatchObject({ code: 'bad-request' });
    }
    expect(spooler.submitted).toHaveLength(2);
  });

  it('prints a job once when two retries of it arrive together', async () => {
    const spooler = new ScriptedSpooler().willAnswer('done').willAnswer({ failed: 'Printer Front-Desk is stopped' });
    const { service, counts } = await setup({ spooler });
    const job = await service.submit(handouts('fever', 'flu-vaccine', 'dvt-blood-clots'));

    const results = await Promise.allSettled([service.retry(job.id), service.retry(job.id)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'bad-request' });
    expect(spooler.paths().slice(2)).toEqual([handoutPath('flu-vaccine'), handoutPath('dvt-blood-clots')]);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(3);
    expect(await service.status(job.id)).toMatchObject({ state: 'done' });
  });
});

describe('PrintService: cancel', () => {
  it('takes the documents still in the queue out of it, and the job stays cancelled', async () => {
    const spooler = new ScriptedSpooler().willAnswer('done').willAnswer('queued').willAnswer('printing');
    const { service, counts, log } = await setup({ spooler });
    const job = await service.submit(handouts('fever', 'flu-vaccine', 'dvt-blood-clots'));
    expect(job.state).toBe('printing');

    const cancelled = await service.cancel(job.id);
    expect(cancelled).toMatchObject({ id: job.id, state: 'cancelled' });
    expect(spooler.cancelled).toEqual(['spool-2', 'spool-3']);
    expect(log.lines.at(-1)).toEqual({ level: 'info', event: 'print-cancelled', details: undefined });

    // Even if the printer says a document finished after all, the job stays cancelled, asked or not.
    spooler.set('spool-2', 'done');
    const asked = spooler.statusAsked.length;
    expect((await service.list())[0]).toMatchObject({ state: 'cancelled' });
    expect(await service.status(job.id)).toMatchObject({ state: 'cancelled' });
    expect(spooler.statusAsked).toHaveLength(asked);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);
    await expect(service.retry(job.id)).rejects.toMatchObject({ code: 'bad-request' });
    expect(spooler.submitted).toHaveLength(3);
  });

  it('cancels a queued job, and after a restart nothing of it is kept or sent again', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued');
    const { service, restart } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));
    expect(job.state).toBe('queued');
    expect(await service.cancel(job.id)).toMatchObject({ state: 'cancelled', canRetry: false, canCancel: false });
    expect(spooler.cancelled).toEqual(['spool-1']);
    expect(spooler.forgotten).toEqual(['spool-1']);

    const after = await restart();
    await after.service.resume();
    expect(await after.service.list()).toEqual([]);
    expect(spooler.submitted).toHaveLength(1);
  });

  it('refuses to cancel, changing nothing, when the printer system cannot be reached to take it back', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued');
    const { service } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));
    spooler.canCancel = false;
    await expect(service.cancel(job.id)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('try again in a minute') });
    expect(await service.list()).toEqual([expect.objectContaining({ id: job.id, state: 'queued', canCancel: true })]);
    spooler.canCancel = true;
    expect(await service.cancel(job.id)).toMatchObject({ state: 'cancelled' });
  });

  it('cancelling a failed job takes its document out of the printer queue too', async () => {
    const spooler = new ScriptedSpooler().willAnswer({ failed: 'Printer Front-Desk is stopped' });
    const { service } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));
    expect(job.state).toBe('failed');
    expect(await service.cancel(job.id)).toMatchObject({ state: 'cancelled' });
    expect(spooler.cancelled).toEqual(['spool-1']);
  });

  it('leaves a done job done, and takes nothing out of the queue', async () => {
    const spooler = new ScriptedSpooler();
    const { service } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));
    expect(await service.cancel(job.id)).toMatchObject({ state: 'done' });
    expect(spooler.cancelled).toEqual([]);
    expect(await service.status(job.id)).toMatchObject({ state: 'done' });
  });
});

describe('PrintService: the job list', () => {
  it('lists jobs newest first, asking the spooler about unfinished ones', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued').willAnswer('done').willAnswer('printing');
    const { service, advance, counts } = await setup({ spooler });
    const first = await service.submit(handouts('fever'));
    advance(60_000);
    const second = await service.submit({ kind: 'phone-slip', lang: 'en' });
    advance(60_000);
    const third = await service.submit(handouts('flu-vaccine'));

    const listed = await service.list();
    expect(listed.map((j) => j.id)).toEqual([third.id, second.id, first.id]);
    expect(listed.map((j) => j.state)).toEqual(['printing', 'done', 'queued']);
    for (const job of listed) expect(StaffJobSchema.safeParse(job).success, JSON.stringify(job)).toBe(true);
    expect(listed[2]).toMatchObject({ kind: 'handouts', documents: 1, copies: 1, attempts: 1, createdAt: new Date(2026, 2, 5, 9, 30, 0).toISOString() });

    spooler.set('spool-1', 'done');
    spooler.set('spool-3', { failed: 'Printer Front-Desk jammed' });
    const again = await service.list();
    expect(again.map((j) => [j.state, j.reason])).toEqual([
      ['failed', 'Printer Front-Desk jammed'],
      ['done', undefined],
      ['done', undefined],
    ]);
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);
  });

  it('after a host restart, still lists a job that was queued, with its true state', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued').willAnswer('queued');
    const { service, restart, failures } = await setup({ spooler });
    const printed = await service.submit(handouts('fever'));
    const stuck = await service.submit(handouts('flu-vaccine'));
    expect([printed.state, stuck.state]).toEqual(['queued', 'queued']);

    // While the host was down, the printer printed one and gave up on the other.
    spooler.set('spool-1', 'done');
    spooler.set('spool-2', { failed: 'Printer Front-Desk is not accepting jobs' });
    const after = await restart();
    await after.service.resume();
    expect(spooler.statusAsked).toEqual(expect.arrayContaining(['spool-1', 'spool-2']));
    expect(after.jobs.get(printed.id)?.state).toBe('done');
    expect(after.jobs.get(stuck.id)).toMatchObject({ state: 'failed', reason: 'Printer Front-Desk is not accepting jobs' });
    expect(after.counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);
    expect(failures()).toBe(1);

    const listed = await after.service.list();
    expect(listed.map((j) => j.id).sort()).toEqual([printed.id, stuck.id].sort());
    // And staff can retry the failed one from the new host.
    expect(await after.service.retry(stuck.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(spooler.paths()).toEqual([handoutPath('fever'), handoutPath('flu-vaccine'), handoutPath('flu-vaccine')]);
  });

  it('after a host restart, shows a job as done on the first list, without resume', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued');
    const { service, restart } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));
    spooler.set('spool-1', 'done');
    const after = await restart();
    expect(await after.service.list()).toEqual([expect.objectContaining({ id: job.id, state: 'done' })]);
    expect(await after.service.status(job.id)).toEqual({ id: job.id, state: 'done', pages: 1 });
  });
});

describe('PrintService: operations on one job take turns', () => {
  it('prints a job once when a second retry arrives while the first is asking the printer', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued').willAnswer({ failed: 'Printer Front-Desk is out of paper' });
    const { service } = await setup({ spooler });
    const job = await service.submit(handouts('fever', 'flu-vaccine', 'dvt-blood-clots'));

    const release = spooler.holdNextStatus();
    const first = service.retry(job.id);
    const second = service.retry(job.id);
    release();
    await first;
    await expect(second).rejects.toMatchObject({ code: 'bad-request' });
    expect(spooler.paths().slice(2)).toEqual([handoutPath('flu-vaccine'), handoutPath('dvt-blood-clots')]);
  });

  it('keeps a job cancelled when a refresh that began before the cancel ends after it', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued');
    const { service } = await setup({ spooler });
    const job = await service.submit(handouts('fever'));

    const release = spooler.holdNextStatus();
    const listing = service.list();
    const cancelling = service.cancel(job.id);
    release();
    await listing;
    expect(await cancelling).toMatchObject({ state: 'cancelled' });
    expect(await service.status(job.id)).toMatchObject({ state: 'cancelled' });
  });

  it('after a restart, lets staff retry a job the old host stored but never sent to the printer', async () => {
    const renderer = new FakeRenderer();
    const { service, storedFile, restart, spooler } = await setup({ renderer });
    const render = renderer.render.bind(renderer);
    renderer.render = () => new Promise<Uint8Array>(() => {}); // the host dies while laying out
    void service.submit(handouts('fever'));
    await vi.waitFor(async () => expect(await storedFile().catch(() => [])).toHaveLength(1));
    renderer.render = render;

    const after = await restart();
    await after.service.resume();
    const [listed] = await after.service.list();
    expect(listed).toMatchObject({ state: 'failed', reason: 'The kiosk restarted before this page went to the printer', canRetry: true });
    expect(await after.service.retry(listed!.id)).toMatchObject({ state: 'done' });
    expect(spooler).toBeInstanceOf(FolderSpooler);
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

describe('countPdfPages', () => {
  it('counts the pages of a 2-page PDF, not the page tree', () => {
    expect(countPdfPages(makePdf({ pages: 2 }))).toBe(2);
    expect(countPdfPages(makePdf({ pages: 1 }))).toBe(1);
  });

  it('reads the compact form Chromium writes, and says 0 for something that is not a PDF', () => {
    const compact = new TextEncoder().encode(
      '%PDF-1.4\n1 0 obj<</Type/Pages/Count 3>>endobj 2 0 obj<</Type/Page>>endobj 3 0 obj<</Type/Page/Parent 1 0 R>>endobj 4 0 obj<</Type /Page>>endobj',
    );
    expect(countPdfPages(compact)).toBe(3);
    expect(countPdfPages(new TextEncoder().encode('<html>not a pdf</html>'))).toBe(0);
  });
});
