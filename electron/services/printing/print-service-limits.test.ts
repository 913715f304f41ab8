import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { printPagePath } from '../../contract/print-page';
import { KioskError } from '../kiosk-error';
import { FakeRenderer, handoutPath, handouts, printServiceTests, ScriptedSpooler } from '../../testing/print-fixture';

// What one person, and the kiosk in an hour, may print: refused before anything is laid out.

const { demo, setup, withLimits } = await printServiceTests('print-limits');

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
