import { describe, expect, it, vi } from 'vitest';
import { printServiceTests, ScriptedSpooler } from '../../testing/print-fixture';

// The print service's side of "exactly once": what it says while the printer system cannot be
// asked, what it lets staff do then, and what a crash in the middle of sending leaves. The same
// faults on a real CUPS are in cups-spooler-cups.test.ts and e2e/specs/print-faults.spec.ts.

const fever = { kind: 'handouts' as const, lang: 'en' as const, ids: ['fever'] };
const CANNOT_ASK = 'CUPS is not running: the job may still print; the kiosk will ask again';

const { setup } = await printServiceTests('print-truth');

describe('PrintService: a printer system that cannot be asked', () => {
  it('calls the job unknown, not failed, offers no retry, and learns the truth when CUPS answers', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued', { unknown: CANNOT_ASK });
    const { service, counts, failures, log } = await setup({ spooler });
    const job = await service.submit(fever);

    expect(await service.status(job.id)).toMatchObject({ state: 'unknown' });
    const [listed] = await service.list();
    expect(listed).toMatchObject({ state: 'unknown', reason: CANNOT_ASK, canRetry: false, canCancel: true });
    await expect(service.retry(job.id)).rejects.toMatchObject({ code: 'bad-request', message: expect.stringContaining('cannot tell yet') });
    expect(spooler.submitted).toHaveLength(1);
    expect(failures()).toBe(0);
    expect(log.lines.filter((l) => l.event === 'print-unknown')).toEqual([
      { level: 'warn', event: 'print-unknown', details: { spooler: 'cups', reason: CANNOT_ASK } },
    ]);

    // CUPS is back and printed it: one copy, counted once, and nothing was sent again.
    spooler.set('spool-1', 'done');
    expect(await service.status(job.id)).toMatchObject({ state: 'done' });
    expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);
    expect(spooler.submitted).toHaveLength(1);
  });

  it('follows a job under way by itself, so its end is recorded without anyone asking', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued', { unknown: CANNOT_ASK }, 'printing', 'done');
    const { service, counts, storedFile } = await setup({ spooler, followUpMs: 5 });
    const job = await service.submit(fever);
    await vi.waitFor(() => expect(counts.lastDays(1)[0]!.handoutsPrinted).toBe(1));
    expect(await service.status(job.id)).toMatchObject({ state: 'done' });
    expect(await storedFile()).toEqual([]);
    expect(spooler.statusAsked.length).toBeGreaterThanOrEqual(3);
    // Nothing left to follow: it stops asking.
    const asked = spooler.statusAsked.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(spooler.statusAsked).toHaveLength(asked);
  });

  it('lets staff retry a job no one can ever know about (its record is gone), after they check the tray', async () => {
    const gone = 'CUPS no longer has a record of job spool-1: it may have printed. Check the tray before printing it again';
    const spooler = new ScriptedSpooler().willAnswer('queued', { unknown: gone, settles: false });
    const { service, failures } = await setup({ spooler });
    const job = await service.submit(fever);
    expect(await service.list()).toEqual([expect.objectContaining({ id: job.id, state: 'unknown', reason: gone, canRetry: true })]);
    expect(failures()).toBe(0);
    // Not asked again: it can never be known.
    const asked = spooler.statusAsked.length;
    await service.list();
    expect(spooler.statusAsked).toHaveLength(asked);

    expect(await service.retry(job.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(spooler.submitted).toHaveLength(2);
  });
});

describe('PrintService: a crash in the middle of sending', () => {
  it('recovers a document whose id never reached the record: unknown until the spooler knows, then failed, then retried once', async () => {
    const spooler = new ScriptedSpooler();
    const { service, restart, storedFile } = await setup({ spooler });
    // The host dies after handing the document over and before recording its id.
    spooler.submit = async (document) => {
      spooler.submitted.push(document);
      return new Promise(() => {});
    };
    void service.submit(fever);
    await vi.waitFor(() => expect(spooler.submitted).toHaveLength(1));
    expect((await storedFile())[0]?.documents[0]).toMatchObject({ state: 'sending' });
    const key = spooler.submitted[0]!.key;
    service.close();
    spooler.submit = ScriptedSpooler.prototype.submit.bind(spooler);

    // After the restart the spooler cannot tell yet whether it holds it: not failed, no retry.
    spooler.recovers.set(key, 'not-yet');
    const after = await restart();
    await after.service.resume();
    const [waiting] = await after.service.list();
    expect(waiting).toMatchObject({ state: 'unknown', canRetry: false, reason: expect.stringContaining('restarted while sending') });

    // The spooler has taken back whatever it held of it: nothing of it can print, so a retry is safe.
    spooler.recovers.set(key, 'never');
    const [known] = await after.service.list();
    expect(known).toMatchObject({ state: 'failed', canRetry: true, reason: expect.stringContaining('nothing of it printed') });
    expect(await after.service.retry(known!.id)).toMatchObject({ state: 'done', attempts: 2 });
    expect(spooler.submitted).toHaveLength(2);
    expect(await storedFile()).toEqual([]);
  });

  it('takes a recovered document as the spooler found it: printed is printed, and not sent again', async () => {
    const spooler = new ScriptedSpooler();
    const { service, restart, storedFile, counts } = await setup({ spooler });
    spooler.submit = async (document) => {
      spooler.submitted.push(document);
      return new Promise(() => {});
    };
    void service.submit(fever);
    await vi.waitFor(() => expect(spooler.submitted).toHaveLength(1));
    expect((await storedFile())[0]?.documents[0]).toMatchObject({ state: 'sending' });
    service.close();
    spooler.recovers.set(spooler.submitted[0]!.key, { id: 'spool-9', state: 'done' });

    const after = await restart();
    await after.service.resume();
    expect(await after.service.list()).toEqual([expect.objectContaining({ state: 'done', canRetry: false })]);
    expect(after.counts.lastDays(1)[0]!.handoutsPrinted).toBe(1);
    expect(counts).not.toBe(after.counts);
    expect(spooler.submitted).toHaveLength(1);
  });
});

describe('PrintService: what stays at rest', () => {
  it('keeps a failed job for staff until its day ends, then lets it go', async () => {
    const spooler = new ScriptedSpooler().willAnswer({ failed: 'Printer Front-Desk is stopped' });
    const { service, advance, storedFile } = await setup({ spooler });
    const job = await service.submit(fever);
    expect(await storedFile()).toEqual([expect.objectContaining({ id: job.id, state: 'failed' })]);

    advance(14 * 3600_000); // 9:30 in the morning to 23:30
    expect(await service.list()).toEqual([expect.objectContaining({ id: job.id, canRetry: true })]);
    advance(3600_000); // past midnight
    expect(await service.list()).toEqual([]);
    expect(await storedFile()).toEqual([]);
    await expect(service.retry(job.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('keeps printing when the data folder cannot be written, and says so in the log', async () => {
    const spooler = new ScriptedSpooler();
    const { service, jobs, log } = await setup({ spooler });
    jobs.save = async () => {
      throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
    };
    expect(await service.submit(fever)).toMatchObject({ state: 'done' });
    expect(log.lines).toContainEqual({ level: 'error', event: 'print-jobs-not-saved', details: { cause: 'EROFS' } });
    // Unsaved, the spooler is not told to forget: after a crash the job could still be found.
    expect(spooler.forgotten).toEqual([]);
  });
});
