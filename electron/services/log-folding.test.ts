import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushFoldedLogs, foldRepeats } from './log-folding';
import { RecordingLogger } from '../testing/recording-logger';

const MINUTE = 60_000;

let log: RecordingLogger;
beforeEach(() => {
  vi.useFakeTimers();
  log = new RecordingLogger();
});
afterEach(() => void vi.useRealTimers());

const events = () => log.lines.map((line) => line.event);

describe('foldRepeats', () => {
  it('writes the first line of a kind with its details, and only counts the repeats', () => {
    const folding = foldRepeats(log);
    folding.warn('api-bad-request', { channel: 'content:list', problem: 'lang: wrong' });
    for (let i = 0; i < 999; i++) folding.warn('api-bad-request', { channel: 'content:list', problem: `other ${i}` });
    expect(log.lines).toEqual([{ level: 'warn', event: 'api-bad-request', details: { channel: 'content:list', problem: 'lang: wrong' } }]);
  });

  it('writes one count when the window closes, at the level of what it counts', async () => {
    const folding = foldRepeats(log);
    for (let i = 0; i < 1000; i++) folding.error('http-failed', { cause: 'aborted' });
    await vi.advanceTimersByTimeAsync(MINUTE - 1);
    expect(events()).toEqual(['http-failed']);
    await vi.advanceTimersByTimeAsync(1);
    expect(log.lines[1]).toEqual({ level: 'error', event: 'log-folded', details: { kind: 'http-failed', folded: 999, seconds: 60 } });
  });

  it('doubles the window while a flood goes on, up to the longest, so a day of it is a few dozen lines', async () => {
    const folding = foldRepeats(log);
    // One line a second for a day.
    for (let second = 0; second < 24 * 3600; second++) {
      folding.warn('remote-staff-refused', { address: '10.0.0.9' });
      await vi.advanceTimersByTimeAsync(1000);
    }
    const counts = log.lines.filter((line) => line.event === 'log-folded').map((line) => line.details);
    expect(counts.slice(0, 8).map((c) => c?.seconds)).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(log.lines.length).toBeLessThan(40);
    // Nothing is lost: the first line and the counts add up to every line given.
    const folded = counts.reduce((sum, c) => sum + Number(c?.folded), 0);
    folding.flush();
    const flushed = Number(log.lines.at(-1)?.details?.folded);
    expect(1 + folded + flushed).toBe(24 * 3600);
  });

  it('forgets a kind after a window with no repeats: the next line is written again', async () => {
    const folding = foldRepeats(log);
    folding.info('session-reset', { reason: 'idle' });
    await vi.advanceTimersByTimeAsync(MINUTE);
    folding.info('session-reset', { reason: 'staff' });
    expect(log.lines).toEqual([
      { level: 'info', event: 'session-reset', details: { reason: 'idle' } },
      { level: 'info', event: 'session-reset', details: { reason: 'staff' } },
    ]);
  });

  it('after a flood ends, writes its last count and then forgets the kind', async () => {
    const folding = foldRepeats(log);
    folding.warn('api-bad-request');
    folding.warn('api-bad-request');
    await vi.advanceTimersByTimeAsync(MINUTE);
    // The next window (two minutes) sees nothing: no line, and the kind starts afresh.
    await vi.advanceTimersByTimeAsync(2 * MINUTE);
    folding.warn('api-bad-request', { channel: 'kiosk:state' });
    expect(log.lines.map((line) => [line.event, line.details])).toEqual([
      ['api-bad-request', undefined],
      ['log-folded', { kind: 'api-bad-request', folded: 1, seconds: 60 }],
      ['api-bad-request', { channel: 'kiosk:state' }],
    ]);
  });

  it('keeps kinds apart: another event, or the same event at another level, is its own kind', () => {
    const folding = foldRepeats(log);
    folding.warn('a');
    folding.warn('b');
    folding.error('a');
    folding.warn('a');
    expect(log.lines.map((line) => `${line.level} ${line.event}`)).toEqual(['warn a', 'warn b', 'error a']);
  });

  it('with `only`, folds those events and passes every other line straight on', () => {
    const folding = foldRepeats(log, { only: new Set(['speech-unavailable']) });
    for (let i = 0; i < 3; i++) {
      folding.warn('speech-unavailable', { lang: 'es' });
      folding.info('print-submitted', { job: `job-${i}` });
    }
    expect(events()).toEqual(['speech-unavailable', 'print-submitted', 'print-submitted', 'print-submitted']);
  });

  it('with `byDetail`, folds each value of that detail apart: one line per language, repeats counted', async () => {
    const folding = foldRepeats(log, { only: new Set(['speech-unavailable']), byDetail: { 'speech-unavailable': 'lang' } });
    for (let i = 0; i < 3; i++) {
      folding.warn('speech-unavailable', { lang: 'en', reason: 'no-voices' });
      folding.warn('speech-unavailable', { lang: 'es', reason: 'no-voices' });
    }
    expect(log.lines.map((line) => line.details)).toEqual([
      { lang: 'en', reason: 'no-voices' },
      { lang: 'es', reason: 'no-voices' },
    ]);
    folding.flush();
    expect(log.lines.slice(2).map((line) => line.details)).toEqual([
      { kind: 'speech-unavailable', lang: 'en', folded: 2, seconds: 0 },
      { kind: 'speech-unavailable', lang: 'es', folded: 2, seconds: 0 },
    ]);
  });

  it('flush writes the counts still pending, and nothing for kinds with none', async () => {
    const folding = foldRepeats(log);
    folding.warn('a');
    folding.warn('b');
    folding.warn('b');
    await vi.advanceTimersByTimeAsync(10_000);
    folding.flush();
    expect(log.lines.slice(2)).toEqual([{ level: 'warn', event: 'log-folded', details: { kind: 'b', folded: 1, seconds: 10 } }]);
    // Flushed windows are closed: no timer writes anything later.
    await vi.advanceTimersByTimeAsync(10 * MINUTE);
    expect(log.lines).toHaveLength(3);
  });

  it('flushFoldedLogs writes the pending counts of every folding log (as the process does when it exits)', () => {
    const other = new RecordingLogger();
    const first = foldRepeats(log);
    const second = foldRepeats(other);
    for (let i = 0; i < 3; i++) {
      first.warn('a');
      second.error('b');
    }
    flushFoldedLogs();
    expect(log.lines.at(-1)).toMatchObject({ event: 'log-folded', details: { kind: 'a', folded: 2 } });
    expect(other.lines.at(-1)).toMatchObject({ level: 'error', event: 'log-folded', details: { kind: 'b', folded: 2 } });
    flushFoldedLogs();
    expect(log.lines).toHaveLength(2);
  });
});
