import { describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { channels, StaffJobSchema } from '../../contract/channels';
import { KioskError } from '../kiosk-error';
import { FakeRenderer, handoutPath, handouts, printServiceTests, ScriptedSpooler } from '../../testing/print-fixture';
import { FolderSpooler } from './folder-spooler';

// A page that cannot be laid out, a printer that fails: what staff are told, and what a retry sends.

const { setup, scratch } = await printServiceTests('print-failures');

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
    expect(logged?.details).toEqual({ cause: expect.stringContaining('Target crashed') });
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
    const blocker = scratch('blocker');
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
