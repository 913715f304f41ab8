import { describe, expect, it } from 'vitest';
import { RecordingLogger } from '../../testing/recording-logger';
import { StaffEventLog } from './staff-event-log';

describe('StaffEventLog', () => {
  it('passes every line to the real log and keeps only what staff need, newest first', () => {
    const inner = new RecordingLogger();
    const log = new StaffEventLog(inner, () => new Date('2026-11-28T10:00:00Z'));
    log.info('print-submitted', { job: 'job-1' });
    log.warn('printer-not-ready', { spooler: 'cups', printer: 'front', reason: 'out of paper' });
    log.info('session-reset', { reason: 'idle' });
    log.error('config-reload-refused', { file: '/etc/x.json', problem: 'clinic.phone: digits only' });

    expect(inner.lines.map((l) => l.event)).toEqual(['print-submitted', 'printer-not-ready', 'session-reset', 'config-reload-refused']);
    expect(log.list()).toEqual([
      { time: '2026-11-28T10:00:00.000Z', event: 'config-refused', detail: 'clinic.phone: digits only' },
      { time: '2026-11-28T10:00:00.000Z', event: 'session-reset', detail: 'idle' },
      { time: '2026-11-28T10:00:00.000Z', event: 'printer-fault', detail: 'out of paper' },
    ]);
  });

  it('keeps the last 50 lines', () => {
    const log = new StaffEventLog(new RecordingLogger());
    for (let i = 0; i < 60; i++) log.info('staff-locked', { lockedForSeconds: i });
    const events = log.list();
    expect(events).toHaveLength(50);
    expect(events[0]!.detail).toBe('59');
    expect(events.at(-1)!.detail).toBe('10');
  });
});
