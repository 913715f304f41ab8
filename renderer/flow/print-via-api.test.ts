import { describe, expect, it } from 'vitest';
import type { KioskApi, PrintJob, PrintRequest, Result } from '../../electron/contract/channels';
import { printViaApi } from './print-via-api';

const request: PrintRequest = { kind: 'handouts', lang: 'en', ids: ['fever', 'flu-vaccine'] };
const JOB_ID = 'job-1234abcd';
const job = (state: PrintJob['state']): Result<PrintJob> => ({ ok: true, value: { id: JOB_ID, state, pages: 2 } });

/**
 * A host that answers the submit with `submitted`, then each status question with the next of
 * `statuses` (the last one repeats). Records what it was asked and how long the client waited.
 */
function fakeHost(submitted: Result<PrintJob>, statuses: Array<Result<PrintJob>> = []) {
  const submits: PrintRequest[] = [];
  const statusIds: string[] = [];
  const slept: number[] = [];
  const api: Pick<KioskApi, 'print:submit' | 'print:status'> = {
    'print:submit': async (req) => {
      submits.push(req);
      return submitted;
    },
    'print:status': async ({ id }) => {
      statusIds.push(id);
      return statuses[Math.min(statusIds.length - 1, statuses.length - 1)]!;
    },
  };
  const sleep = async (ms: number) => {
    slept.push(ms);
  };
  return { print: printViaApi(api, sleep), submits, statusIds, slept };
}

describe('printViaApi', () => {
  it('follows the job until it is done', async () => {
    const host = fakeHost(job('queued'), [job('queued'), job('printing'), job('done')]);
    expect(await host.print(request)).toBe('done');
    expect(host.submits).toEqual([request]);
    expect(host.statusIds).toEqual([JOB_ID, JOB_ID, JOB_ID]);
    // It waits a second before each status question.
    expect(host.slept).toEqual([1000, 1000, 1000]);
  });

  it('does not poll a job that is done at once', async () => {
    const host = fakeHost(job('done'));
    expect(await host.print(request)).toBe('done');
    expect(host.statusIds).toEqual([]);
    expect(host.slept).toEqual([]);
  });

  it('reports a job that failed at once, or later', async () => {
    const atOnce = fakeHost(job('failed'));
    expect(await atOnce.print(request)).toBe('failed');
    expect(atOnce.statusIds).toEqual([]);

    const later = fakeHost(job('queued'), [job('printing'), job('failed')]);
    expect(await later.print(request)).toBe('failed');
    expect(later.statusIds).toHaveLength(2);
  });

  it('turns a limit refusal into its own outcome', async () => {
    const host = fakeHost({ ok: false, code: 'limit', message: 'at most 3 handouts per person' });
    expect(await host.print(request)).toBe('limit');
    expect(host.statusIds).toEqual([]);
  });

  it('turns any other refusal into a failed print', async () => {
    for (const code of ['unavailable', 'bad-request', 'not-found', 'internal'] as const) {
      const host = fakeHost({ ok: false, code, message: 'no' });
      expect(await host.print(request), code).toBe('failed');
    }
  });

  it('fails when the host loses the job while it is followed', async () => {
    const host = fakeHost(job('queued'), [job('printing'), { ok: false, code: 'not-found', message: `no print job ${JOB_ID}` }]);
    expect(await host.print(request)).toBe('failed');
    expect(host.statusIds).toHaveLength(2);
  });

  it('lets the patient go on after 12 seconds with a job still under way: slow, not failed', async () => {
    const host = fakeHost(job('queued'), [job('queued')]);
    expect(await host.print(request)).toBe('slow');
    expect(host.slept.reduce((a, b) => a + b, 0)).toBe(12_000);
    expect(host.statusIds).toHaveLength(12);
  });

  it('never tells a patient "failed" for a job that may still print: unknown keeps following, then slow', async () => {
    const host = fakeHost(job('queued'), [job('unknown')]);
    expect(await host.print(request)).toBe('slow');
    expect(host.statusIds).toHaveLength(12);
    const known = fakeHost(job('unknown'), [job('unknown'), job('done')]);
    expect(await known.print(request)).toBe('done');
  });

  it('still counts a job that finishes on the very last look', async () => {
    const statuses = [...Array.from({ length: 11 }, () => job('printing')), job('done')];
    const host = fakeHost(job('queued'), statuses);
    expect(await host.print(request)).toBe('done');
    expect(host.statusIds).toHaveLength(12);
  });

  it('tells a cancelled job as failed', async () => {
    const host = fakeHost(job('queued'), [job('cancelled')]);
    expect(await host.print(request)).toBe('failed');
  });

  it('passes the phone slip request through unchanged', async () => {
    const host = fakeHost(job('done'));
    expect(await host.print({ kind: 'phone-slip', lang: 'es' })).toBe('done');
    expect(host.submits).toEqual([{ kind: 'phone-slip', lang: 'es' }]);
  });
});
