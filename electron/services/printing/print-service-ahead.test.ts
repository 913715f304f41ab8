import { describe, expect, it, vi } from 'vitest';
import type { KioskConfig } from '../../contract/config';
import { printPagePath } from '../../contract/print-page';
import type { HandoutLibrary } from '../content/handout-library';
import { FakeRenderer, handoutPath, printServiceTests, ScriptedSpooler } from '../../testing/print-fixture';
import { FollowUps } from './follow-ups';
import { pdfKey } from './print-documents';

// Handouts laid out once and kept (in memory) for the day, laid out ahead while a person reads,
// and the patient's screen told of a print's end when it happens.

const { library, demo, setup } = await printServiceTests('print-ahead');

const handout = handoutPath;
const asked = (renderer: FakeRenderer) => renderer.asked.map((a) => a.path);

describe('PrintService: PDFs kept', () => {
  it('lays out a handout once: printed again the same day, it is not laid out again', async () => {
    const { service, renderer, printedFiles } = await setup();
    await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] });
    await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever', 'flu-vaccine'] });
    await service.submit({ kind: 'handouts', lang: 'es', ids: ['fever'] });
    expect(asked(renderer)).toEqual([handout('fever'), handout('flu-vaccine'), handout('fever', 'es')]);
    expect(await printedFiles()).toHaveLength(4);
  });

  it('lays it out again on another day, paper or clinic', async () => {
    let config = demo;
    const { service, renderer, advance } = await setup({ config: () => config });
    const fever = { kind: 'handouts' as const, lang: 'en' as const, ids: ['fever'] };
    await service.submit(fever);
    advance(24 * 3600_000);
    await service.submit(fever);
    config = { ...demo, print: { ...demo.print, paper: 'A4' } };
    await service.submit(fever);
    config = { ...config, clinic: { ...config.clinic, phone: '+1 555 0100' } };
    await service.submit(fever);
    expect(renderer.asked).toEqual([
      { path: handout('fever'), paper: 'Letter' },
      { path: handout('fever'), paper: 'Letter' },
      { path: handout('fever'), paper: 'A4' },
      { path: handout('fever'), paper: 'A4' },
    ]);
  });

  it('lays out the phone slip and the test page every time: they print the time', async () => {
    const { service, renderer } = await setup();
    await service.submit({ kind: 'phone-slip', lang: 'en' });
    await service.submit({ kind: 'phone-slip', lang: 'en' });
    await service.testPage();
    await service.testPage();
    expect(renderer.asked).toHaveLength(4);
  });

  it('keys a PDF by everything it shows: handout and language, paper, library version, clinic, day', () => {
    const day = new Date(2026, 2, 5, 9, 30);
    const key = (path: string, config: KioskConfig, lib: Pick<HandoutLibrary, 'version'> = library, at = day) =>
      pdfKey(path, config, lib as HandoutLibrary, at);
    const base = key(handout('fever'), demo);
    expect(key(handout('fever'), demo, library, new Date(2026, 2, 5, 18, 0))).toBe(base);
    for (const other of [
      key(handout('fever', 'es'), demo),
      key(handout('flu-vaccine'), demo),
      key(handout('fever'), { ...demo, print: { ...demo.print, paper: 'A4' } }),
      key(handout('fever'), { ...demo, clinic: { ...demo.clinic, name: { en: 'Another clinic', es: 'Otra clínica' } } }),
      key(handout('fever'), demo, { version: '000000000000' }),
      key(handout('fever'), demo, library, new Date(2026, 2, 6, 9, 30)),
    ]) {
      expect(other).not.toBe(base);
    }
    expect(key(printPagePath({ kind: 'phone-slip', lang: 'en' }), demo)).toBeUndefined();
    expect(key(printPagePath({ kind: 'test-page', lang: 'en', printer: 'kiosk-pdf' }), demo)).toBeUndefined();
  });
});

describe('PrintService: laying out ahead', () => {
  it("lays out a person's suggestions after a moment, as many as they may print, and Print then waits for none", async () => {
    const { service, renderer } = await setup({ aheadDelayMs: 20 });
    service.prepare('en', ['no-such-handout', 'fever', 'flu-vaccine', 'dvt-blood-clots', 'cough-cold']);
    expect(renderer.asked).toEqual([]);
    await vi.waitFor(() => expect(renderer.asked).toHaveLength(3));
    expect(asked(renderer)).toEqual([handout('fever'), handout('flu-vaccine'), handout('dvt-blood-clots')]);

    expect(await service.submit({ kind: 'handouts', lang: 'en', ids: ['flu-vaccine', 'fever'] })).toMatchObject({ state: 'done', pages: 2 });
    expect(renderer.asked).toHaveLength(3);
  });

  it("a person's print waits for no more than the one handout being laid out ahead", async () => {
    const renderer = new FakeRenderer(undefined, undefined, 200);
    const { service } = await setup({ renderer, aheadDelayMs: 0 });
    service.prepare('en', ['fever', 'flu-vaccine', 'dvt-blood-clots']);
    await vi.waitFor(() => expect(renderer.asked).toHaveLength(1));
    await service.submit({ kind: 'phone-slip', lang: 'en' });
    await vi.waitFor(() => expect(renderer.asked).toHaveLength(4), { timeout: 5_000 });
    expect(asked(renderer)).toEqual([handout('fever'), printPagePath({ kind: 'phone-slip', lang: 'en' }), handout('flu-vaccine'), handout('dvt-blood-clots')]);
  });

  it('a print of the handout being laid out ahead shares it', async () => {
    const renderer = new FakeRenderer(undefined, undefined, 200);
    const { service } = await setup({ renderer, aheadDelayMs: 0 });
    service.prepare('en', ['fever']);
    await vi.waitFor(() => expect(renderer.asked).toHaveLength(1));
    expect(await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] })).toMatchObject({ state: 'done' });
    expect(renderer.asked).toHaveLength(1);
  });

  it('a print that joined work ahead which then failed lays the handout out once more itself', async () => {
    let calls = 0;
    const renderer = new FakeRenderer(() => ++calls === 1, undefined, 200);
    const { service } = await setup({ renderer, aheadDelayMs: 0 });
    service.prepare('en', ['fever']);
    await vi.waitFor(() => expect(renderer.asked).toHaveLength(1));
    expect(await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] })).toMatchObject({ state: 'done' });
    expect(asked(renderer)).toEqual([handout('fever'), handout('fever')]);
  });

  it('what a new person is suggested replaces what was still waiting', async () => {
    const renderer = new FakeRenderer(undefined, undefined, 200);
    const { service } = await setup({ renderer, aheadDelayMs: 0 });
    service.prepare('en', ['fever', 'flu-vaccine', 'dvt-blood-clots']);
    await vi.waitFor(() => expect(renderer.asked).toHaveLength(1));
    service.prepare('es', ['fever']);
    await vi.waitFor(() => expect(renderer.asked).toHaveLength(2), { timeout: 5_000 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(asked(renderer)).toEqual([handout('fever'), handout('fever', 'es')]);
  });

  it('a handout that cannot be laid out ahead is logged without its address, and its print lays it out again', async () => {
    const renderer = new FakeRenderer((path) => path.includes('fever'));
    const { service, log } = await setup({ renderer, aheadDelayMs: 0 });
    service.prepare('en', ['fever']);
    await vi.waitFor(() => expect(log.lines.map((line) => line.event)).toContain('print-ahead-failed'));
    const line = log.lines.find((l) => l.event === 'print-ahead-failed')!;
    expect(line).toMatchObject({ level: 'warn', details: { cause: expect.stringContaining('(print page)') } });
    expect(JSON.stringify(line)).not.toContain('fever');
    renderer.failOn = () => false;
    expect(await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] })).toMatchObject({ state: 'done' });
    expect(renderer.asked).toHaveLength(2);
  });
});

describe('PrintService: status that waits for a change', () => {
  it('answers when the follow-up learns the job ended, not after the wait', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued', 'queued', 'printing', 'done');
    const { service } = await setup({ spooler, followUpMs: 20 });
    const job = await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] });
    expect(job.state).toBe('queued');
    // Were it to wait the whole 15 s, the test would time out first.
    const printing = await service.status(job.id, 'queued', 15_000);
    expect(printing.state).toBe('printing');
    expect(await service.status(job.id, 'printing', 15_000)).toMatchObject({ state: 'done' });
  }, 5_000);

  it('answers at once when the state already differs from the one given', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued');
    const { service } = await setup({ spooler });
    const job = await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] });
    expect(await service.status(job.id, 'printing', 15_000)).toMatchObject({ state: 'queued' });
  }, 5_000);

  it('answers with the state unchanged once the wait is over, and when the host closes', async () => {
    const spooler = new ScriptedSpooler().willAnswer('queued');
    const { service } = await setup({ spooler });
    const job = await service.submit({ kind: 'handouts', lang: 'en', ids: ['fever'] });
    expect(await service.status(job.id, 'queued', 30)).toMatchObject({ state: 'queued' });
    const waiting = service.status(job.id, 'queued', 15_000);
    setTimeout(() => service.close(), 20);
    expect(await waiting).toMatchObject({ state: 'queued' });
  }, 5_000);

  it('refuses a job it does not know, without waiting', async () => {
    const { service } = await setup();
    await expect(service.status('job-nope', 'queued', 15_000)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('FollowUps', () => {
  it('asks soon after a change, then twice as long each time, up to the most', () => {
    vi.useFakeTimers();
    try {
      const runs: number[] = [];
      const followUps = new FollowUps(() => runs.push(Date.now()), 100, 1_000);
      const start = Date.now();
      for (let i = 0; i < 6; i++) {
        followUps.plan();
        followUps.plan(); // one at a time
        vi.runOnlyPendingTimers();
      }
      expect(runs.map((at) => at - start)).toEqual([100, 300, 700, 1_500, 2_500, 3_500]);
      followUps.soon();
      followUps.plan();
      vi.runOnlyPendingTimers();
      expect(runs.at(-1)! - start).toBe(3_600);
      // Planned 2 s off (the gap has grown); a change brings it to 100 ms from now.
      for (let i = 0; i < 5; i++) {
        followUps.plan();
        vi.runOnlyPendingTimers();
      }
      followUps.plan();
      const changedAt = Date.now();
      vi.advanceTimersByTime(50);
      followUps.soon();
      vi.runOnlyPendingTimers();
      expect(runs.at(-1)! - changedAt).toBe(150);
      expect(runs).toHaveLength(13);
      followUps.stop();
      followUps.plan();
      vi.runOnlyPendingTimers();
      expect(runs).toHaveLength(13);
    } finally {
      vi.useRealTimers();
    }
  });
});
