import { describe, expect, it, vi } from 'vitest';
import { StaffJobSchema } from '../../contract/channels';
import { FakeRenderer, handoutPath, handouts, printServiceTests, ScriptedSpooler } from '../../testing/print-fixture';
import { FolderSpooler } from './folder-spooler';

// What staff do with jobs: cancel them, list them (also after a restart), and act on one at once.

const { setup } = await printServiceTests('print-staff');

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
