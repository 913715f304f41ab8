import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StaffJobSchema } from '../../contract/channels';
import { JobStore, toStaffJob, type JobRecord } from './job-store';

const HOUR = 3600_000;
/** Noon, local time: the day ends 12 hours later. */
const T0 = new Date(2026, 2, 5, 12, 0, 0).getTime();

let root: string;
let counter = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-job-store-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const freshFile = () => join(root, `case-${++counter}`, 'print-jobs.json');

function clock(start = T0) {
  let time = start;
  return { now: () => new Date(time), advance: (ms: number) => (time += ms) };
}

/** A job made `ageMs` before T0. */
function job(name: string, ageMs: number, state: JobRecord['state'] = 'done', extra: Partial<JobRecord> = {}): JobRecord {
  return {
    id: `job-${name}`,
    createdAt: new Date(T0 - ageMs).toISOString(),
    kind: 'handouts',
    copies: 1,
    pages: 1,
    attempts: 1,
    state,
    documents: [{ pagePath: '/print.html?kind=handout&lang=en&id=fever', state: state === 'failed' ? 'failed' : 'done', spoolId: '42' }],
    ...extra,
  };
}

describe('JobStore', () => {
  it('gets jobs by id and lists them newest first, whatever order they were saved in', async () => {
    const { now } = clock();
    const store = await JobStore.open(freshFile(), now);
    expect(store.all()).toEqual([]);
    const middle = job('middle', 2 * 60_000);
    const newest = job('newest', 60_000, 'queued');
    const oldest = job('oldest', 3 * 60_000, 'failed', { reason: 'Printer is out of paper' });
    for (const j of [middle, newest, oldest]) await store.save(j);

    expect(store.all().map((j) => j.id)).toEqual(['job-newest', 'job-middle', 'job-oldest']);
    // Made in the same minute (times are kept to the minute): the one made last comes first.
    await store.save(job('same-minute-a', 60_000, 'queued'));
    await store.save(job('same-minute-b', 60_000, 'queued'));
    expect(
      store
        .all()
        .slice(0, 3)
        .map((j) => j.id),
    ).toEqual(['job-same-minute-b', 'job-same-minute-a', 'job-newest']);
    await store.drop('job-same-minute-a');
    await store.drop('job-same-minute-b');
    expect(store.get('job-oldest')).toEqual(oldest);
    expect(store.get('job-none')).toBeUndefined();

    // Saving a changed job replaces it, it does not add one.
    await store.save({ ...newest, state: 'done' });
    expect(store.all()).toHaveLength(3);
    expect(store.get('job-newest')?.state).toBe('done');
  });

  it('keeps across a restart what a restart must not lose: jobs under way and failed ones', async () => {
    const file = freshFile();
    const { now } = clock();
    const store = await JobStore.open(file, now);
    const jobs = [job('a', 60_000, 'failed', { reason: 'Printer is stopped', attempts: 2 }), job('b', 0, 'queued')];
    for (const j of jobs) await store.save(j);

    const problems: string[] = [];
    const reopened = await JobStore.open(file, now, (message) => problems.push(message));
    expect(reopened.all()).toEqual([jobs[1], jobs[0]]);
    expect(problems).toEqual([]);
    // On disk: a plain JSON list of the records.
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(jobs);
  });

  it('never writes a printed or cancelled job: at rest nothing says what someone printed', async () => {
    const file = freshFile();
    const { now } = clock();
    const store = await JobStore.open(file, now);
    await store.save(job('printing', 0, 'printing'));
    expect(JSON.parse(await readFile(file, 'utf8')).map((j: JobRecord) => j.id)).toEqual(['job-printing']);
    // The same job printed: gone from the file at once, still in memory for the patient's screen.
    await store.save(job('printing', 0, 'done'));
    await store.save(job('cancelled', 0, 'cancelled'));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual([]);
    expect(
      store
        .all()
        .map((j) => j.id)
        .sort(),
    ).toEqual(['job-cancelled', 'job-printing']);
    expect((await JobStore.open(file, now)).all()).toEqual([]);
  });

  it('starts empty, and says why, when the file is damaged or not a job list', async () => {
    for (const content of ['{"half": ', JSON.stringify([{ id: 'job-a', state: 'lost' }]), JSON.stringify({ jobs: [] })]) {
      const file = freshFile();
      await mkdir(join(file, '..'), { recursive: true });
      await writeFile(file, content);
      const problems: string[] = [];
      const store = await JobStore.open(file, clock().now, (message) => problems.push(message));
      expect(store.all(), content).toEqual([]);
      expect(problems, content).toEqual([`${file} is damaged; starting fresh`]);

      // The next save replaces the damaged file with a good one.
      await store.save(job('new', 0, 'queued'));
      expect((await JobStore.open(file, clock().now)).all().map((j) => j.id)).toEqual(['job-new']);
    }
  });

  it('starts empty without a problem when there is no file yet', async () => {
    const problems: string[] = [];
    const store = await JobStore.open(freshFile(), clock().now, (message) => problems.push(message));
    expect(store.all()).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('lets finished jobs go after an hour, and failed ones when their day ends, but not one that may still print', async () => {
    const file = freshFile();
    const { now, advance } = clock();
    const store = await JobStore.open(file, now);
    const open = { documents: [{ pagePath: '/print.html?kind=phone-slip&lang=en', state: 'unknown' as const, settles: true, spoolId: 'q-1' }] };
    const jobs = [
      job('done-54min', 0.9 * HOUR, 'done'),
      job('done-66min', 1.1 * HOUR, 'done'),
      job('cancelled-66min', 1.1 * HOUR, 'cancelled'),
      job('failed-this-morning', 3 * HOUR, 'failed'),
      job('failed-yesterday', 25 * HOUR, 'failed'),
      job('unknown-yesterday', 25 * HOUR, 'unknown', open),
      job('queued-yesterday', 25 * HOUR, 'queued', { documents: [{ pagePath: '/print.html?kind=phone-slip&lang=en', state: 'queued', spoolId: 'q-2' }] }),
    ];
    for (const j of jobs) await store.save(j);
    expect(await store.prune()).toEqual(['job-done-66min', 'job-cancelled-66min', 'job-failed-yesterday']);
    const kept = ['job-done-54min', 'job-failed-this-morning', 'job-unknown-yesterday', 'job-queued-yesterday'];
    expect(
      store
        .all()
        .map((j) => j.id)
        .sort(),
    ).toEqual([...kept].sort());
    expect(
      (await JobStore.open(file, now))
        .all()
        .map((j) => j.id)
        .sort(),
    ).toEqual(kept.filter((id) => id !== 'job-done-54min').sort());

    // Midnight: this morning's failed job goes too.
    advance(12 * HOUR + 1);
    expect(await store.prune()).toEqual(['job-done-54min', 'job-failed-this-morning']);
  });

  it('counts the jobs of a kind made in the last hour, reserved ones too', async () => {
    const { now, advance } = clock();
    const store = await JobStore.open(freshFile(), now);
    await store.save(job('just-now', 0, 'done'));
    await store.save(job('59-min', 59 * 60_000, 'failed'));
    await store.save(job('exactly-1h', HOUR, 'done'));
    await store.save(job('61-min', 61 * 60_000, 'done'));
    await store.save(job('test-page', 60_000, 'done', { kind: 'test-page' }));
    await store.save(job('slip', 30 * 60_000, 'done', { kind: 'phone-slip' }));
    store.reserve(job('reserved', 0, 'queued'));

    expect(store.countSince(HOUR, 'handouts')).toBe(4);
    expect(store.countSince(HOUR, 'phone-slip')).toBe(1);
    expect(store.countSince(10 * 60_000, 'handouts')).toBe(2);
    await store.drop('job-reserved');
    expect(store.countSince(10 * 60_000, 'handouts')).toBe(1);
    // Half an hour later only the job of just now counts, and the slip (exactly an hour old then).
    advance(30 * 60_000);
    expect(store.countSince(HOUR, 'handouts')).toBe(1);
    expect(store.countSince(HOUR, 'phone-slip')).toBe(1);
    advance(2 * HOUR);
    expect(store.countSince(HOUR, 'handouts')).toBe(0);
  });
});

describe('toStaffJob', () => {
  it('gives staff what the job was and why it failed, in the channel schema', () => {
    const record = job('a', 0, 'failed', { reason: 'Printer is out of paper', attempts: 2, pages: 3 });
    const staffJob = toStaffJob(record);
    expect(staffJob).toEqual({
      id: 'job-a',
      state: 'failed',
      pages: 3,
      createdAt: record.createdAt,
      kind: 'handouts',
      documents: 1,
      copies: 1,
      attempts: 2,
      reason: 'Printer is out of paper',
      canRetry: true,
      canCancel: true,
    });
    expect(StaffJobSchema.safeParse(staffJob).success).toBe(true);
    expect(toStaffJob(job('b', 0))).toMatchObject({ canRetry: false, canCancel: false });
    expect(Object.keys(toStaffJob(job('b', 0)))).not.toContain('reason');
  });

  it('offers a retry only for what cannot print any more, or what no one can ever tell about', () => {
    const withDocs = (...documents: JobRecord['documents']) => toStaffJob(job('x', 0, 'unknown', { documents }));
    const path = '/print.html?kind=phone-slip&lang=en';
    expect(withDocs({ pagePath: path, state: 'unknown', settles: true, spoolId: 'q-1' }).canRetry).toBe(false);
    expect(withDocs({ pagePath: path, state: 'unknown', settles: false, spoolId: 'q-1' }).canRetry).toBe(true);
    expect(withDocs({ pagePath: path, state: 'queued', spoolId: 'q-1' }).canRetry).toBe(false);
    expect(withDocs({ state: 'done', spoolId: 'q-1' }, { pagePath: path, state: 'failed', spoolId: 'q-2' }).canRetry).toBe(true);
  });
});
