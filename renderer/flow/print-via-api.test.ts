import { describe, expect, it } from 'vitest';
import type { KioskApi, PrintJob, PrintRequest, PrintStatusRequest, Result } from '../../electron/contract/channels';
import { printViaApi } from './print-via-api';

const request: PrintRequest = { kind: 'handouts', lang: 'en', ids: ['fever', 'flu-vaccine'] };
const JOB_ID = 'job-1234abcd';
const job = (state: PrintJob['state']): Result<PrintJob> => ({ ok: true, value: { id: JOB_ID, state, pages: 2 } });

/**
 * A host that answers the submit with `submitted`, then each status question with the next of
 * `answers` (the last one repeats), each after `afterMs` of the test's clock (the host waiting for
 * a change). Records every status question.
 */
function fakeHost(submitted: Result<PrintJob>, answers: Array<{ afterMs: number; result: Result<PrintJob> }> = []) {
  let time = 0;
  const submits: PrintRequest[] = [];
  const asked: PrintStatusRequest[] = [];
  const api: Pick<KioskApi, 'print:submit' | 'print:status'> = {
    'print:submit': async (req) => {
      submits.push(req);
      return submitted;
    },
    'print:status': async (req) => {
      asked.push(req as PrintStatusRequest);
      const answer = answers[Math.min(asked.length - 1, answers.length - 1)]!;
      time += Math.min(answer.afterMs, req.waitMs ?? Infinity);
      return answer.result;
    },
  };
  return { print: printViaApi(api, () => time), submits, asked, now: () => time };
}
/** The host answers when the job changes, `afterMs` after the question. */
const changes = (afterMs: number, ...results: Array<Result<PrintJob>>) => results.map((result) => ({ afterMs, result }));

describe('printViaApi', () => {
  it('asks to be told when the job leaves the state the screen knows, until it is done', async () => {
    const host = fakeHost(job('queued'), changes(300, job('printing'), job('done')));
    expect(await host.print(request)).toBe('done');
    expect(host.submits).toEqual([request]);
    expect(host.asked).toEqual([
      { id: JOB_ID, changedFrom: 'queued', waitMs: 12_000 },
      { id: JOB_ID, changedFrom: 'printing', waitMs: 11_700 },
    ]);
    // Told the moment the host knew, not on a next poll.
    expect(host.now()).toBe(600);
  });

  it('does not ask after a job that is done at once', async () => {
    const host = fakeHost(job('done'));
    expect(await host.print(request)).toBe('done');
    expect(host.asked).toEqual([]);
  });

  it('reports a job that failed at once, or later', async () => {
    const atOnce = fakeHost(job('failed'));
    expect(await atOnce.print(request)).toBe('failed');
    expect(atOnce.asked).toEqual([]);

    const later = fakeHost(job('queued'), changes(200, job('printing'), job('failed')));
    expect(await later.print(request)).toBe('failed');
    expect(later.asked).toHaveLength(2);
  });

  it('turns a limit refusal into its own outcome', async () => {
    const host = fakeHost({ ok: false, code: 'limit', message: 'at most 3 handouts per person' });
    expect(await host.print(request)).toBe('limit');
    expect(host.asked).toEqual([]);
  });

  it('turns any other refusal into a failed print', async () => {
    for (const code of ['unavailable', 'bad-request', 'not-found', 'internal'] as const) {
      const host = fakeHost({ ok: false, code, message: 'no' });
      expect(await host.print(request), code).toBe('failed');
    }
  });

  it('fails when the host loses the job while it is followed', async () => {
    const host = fakeHost(job('queued'), changes(100, job('printing'), { ok: false, code: 'not-found', message: `no print job ${JOB_ID}` }));
    expect(await host.print(request)).toBe('failed');
    expect(host.asked).toHaveLength(2);
  });

  it('lets the patient go on after 12 seconds with a job still under way: slow, not failed', async () => {
    const host = fakeHost(job('queued'), [{ afterMs: 20_000, result: job('queued') }]);
    expect(await host.print(request)).toBe('slow');
    expect(host.asked).toEqual([{ id: JOB_ID, changedFrom: 'queued', waitMs: 12_000 }]);
    expect(host.now()).toBe(12_000);
  });

  it('never tells a patient "failed" for a job that may still print: unknown keeps following, then slow', async () => {
    const host = fakeHost(job('queued'), [
      { afterMs: 1_000, result: job('unknown') },
      { afterMs: 20_000, result: job('unknown') },
    ]);
    expect(await host.print(request)).toBe('slow');
    expect(host.asked.map((q) => q.changedFrom)).toEqual(['queued', 'unknown']);
    const known = fakeHost(job('unknown'), changes(500, job('done')));
    expect(await known.print(request)).toBe('done');
  });

  it('still counts a job that finishes on the very last moment', async () => {
    const host = fakeHost(job('queued'), [{ afterMs: 12_000, result: job('done') }]);
    expect(await host.print(request)).toBe('done');
  });

  it('tells a cancelled job as failed', async () => {
    const host = fakeHost(job('queued'), changes(100, job('cancelled')));
    expect(await host.print(request)).toBe('failed');
  });

  it('passes the phone slip request through unchanged', async () => {
    const host = fakeHost(job('done'));
    expect(await host.print({ kind: 'phone-slip', lang: 'es' })).toBe('done');
    expect(host.submits).toEqual([{ kind: 'phone-slip', lang: 'es' }]);
  });
});
