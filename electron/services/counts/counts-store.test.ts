import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CountsStore } from './counts-store';

const ZERO = { sessions: 0, comeIn: 0, stayOut: 0, turnedAway: 0, handoutsPrinted: 0 };
const COUNT_KEYS = Object.keys(ZERO).sort();

/** A clock the test moves by hand. Local time, as the store counts by local day. */
function clockAt(date: Date) {
  let now = date;
  return { now: () => now, set: (next: Date) => (now = next) };
}

/** Today's counts without the day's name. */
function today(store: CountsStore) {
  const { day: _day, ...counts } = store.lastDays(1)[0]!;
  return counts;
}

let root: string;
let counter = 0;
const freshFile = (): string => join(root, `data-${++counter}`, 'counts.json');
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-counts-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('CountsStore', () => {
  it('starts at zero and adds to today', async () => {
    const problems: string[] = [];
    const clock = clockAt(new Date(2026, 2, 5, 10, 0, 0));
    const store = await CountsStore.open(freshFile(), clock.now, (m) => problems.push(m));
    expect(today(store)).toEqual(ZERO);

    await store.add('sessions');
    await store.add('comeIn');
    await store.add('handoutsPrinted', 3);
    expect(today(store)).toEqual({ ...ZERO, sessions: 1, comeIn: 1, handoutsPrinted: 3 });
    // A missing file is the normal first start, not a problem.
    expect(problems).toEqual([]);
  });

  it('hands out copies: changing what lastDays() or sinceStart() returned changes nothing', async () => {
    const store = await CountsStore.open(freshFile(), clockAt(new Date(2026, 2, 5, 10)).now);
    await store.add('sessions');
    store.lastDays(1)[0]!.sessions = 99;
    store.sinceStart().sessions = 99;
    expect(store.sinceStart().sessions).toBe(1);
    expect(today(store).sessions).toBe(1);
  });

  it('keeps the counts across a restart', async () => {
    const file = freshFile();
    const clock = clockAt(new Date(2026, 2, 5, 10, 0, 0));
    const first = await CountsStore.open(file, clock.now);
    await first.add('sessions', 2);
    await first.add('stayOut');
    await first.add('turnedAway');

    const reopened = await CountsStore.open(file, clock.now);
    expect(today(reopened)).toEqual({ ...ZERO, sessions: 2, stayOut: 1, turnedAway: 1 });
    await reopened.add('sessions');
    expect(today(await CountsStore.open(file, clock.now)).sessions).toBe(3);
  });

  it('counts every one of many adds made at once', async () => {
    const file = freshFile();
    const clock = clockAt(new Date(2026, 2, 5, 10, 0, 0));
    const store = await CountsStore.open(file, clock.now);
    await Promise.all([...Array.from({ length: 20 }, () => store.add('sessions')), ...Array.from({ length: 7 }, () => store.add('handoutsPrinted', 2))]);
    expect(today(store)).toEqual({ ...ZERO, sessions: 20, handoutsPrinted: 14 });
    expect(today(await CountsStore.open(file, clock.now))).toEqual({ ...ZERO, sessions: 20, handoutsPrinted: 14 });
    // The atomic writes leave no temp files behind.
    expect(await readdir(join(file, '..'))).toEqual(['counts.json']);
  });

  it('writes nothing but dated counts to the file', async () => {
    const file = freshFile();
    const clock = clockAt(new Date(2026, 2, 5, 10, 0, 0));
    const store = await CountsStore.open(file, clock.now);
    await store.add('sessions');
    await store.add('stayOut');

    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(saved)).toEqual(['2026-03-05']);
    const day = saved['2026-03-05']!;
    expect(Object.keys(day).sort()).toEqual(COUNT_KEYS);
    for (const value of Object.values(day)) expect(typeof value).toBe('number');
    expect(day).toEqual({ ...ZERO, sessions: 1, stayOut: 1 });
  });

  it('starts a new day at local midnight', async () => {
    const file = freshFile();
    const clock = clockAt(new Date(2026, 2, 5, 23, 59, 59, 999));
    const store = await CountsStore.open(file, clock.now);
    await store.add('sessions', 4);

    clock.set(new Date(2026, 2, 6, 0, 0, 0, 0));
    expect(today(store)).toEqual(ZERO);
    await store.add('sessions');
    expect(today(store)).toEqual({ ...ZERO, sessions: 1 });

    const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, { sessions: number }>;
    expect(Object.keys(saved).sort()).toEqual(['2026-03-05', '2026-03-06']);
    expect(saved['2026-03-05']!.sessions).toBe(4);
    expect(saved['2026-03-06']!.sessions).toBe(1);

    clock.set(new Date(2026, 2, 5, 12, 0, 0));
    expect(today(store).sessions).toBe(4);
  });

  it('counts by the local day, not the UTC day', async () => {
    const savedTz = process.env.TZ;
    process.env.TZ = 'America/Chicago'; // UTC-6 in March: 23:30 local is already tomorrow in UTC
    try {
      const file = freshFile();
      const lateEvening = new Date(2026, 2, 5, 23, 30);
      expect(lateEvening.toISOString().slice(0, 10)).toBe('2026-03-06');
      const store = await CountsStore.open(file, () => lateEvening);
      await store.add('sessions');
      expect(Object.keys(JSON.parse(await readFile(file, 'utf8')) as object)).toEqual(['2026-03-05']);
    } finally {
      if (savedTz === undefined) delete process.env.TZ;
      else process.env.TZ = savedTz;
    }
  });

  it('starts empty from a damaged file and says so', async () => {
    const file = freshFile();
    const clock = clockAt(new Date(2026, 2, 5, 10, 0, 0));
    await (await CountsStore.open(file, clock.now)).add('sessions', 5);
    await writeFile(file, '{"2026-03-05": {"sessions": 5, "comeIn": 1'); // cut off mid-write by an old version

    const problems: string[] = [];
    const store = await CountsStore.open(file, clock.now, (m) => problems.push(m));
    expect(today(store)).toEqual(ZERO);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(file);
    expect(problems[0]).toContain('is damaged; starting fresh');

    // It keeps working and replaces the damaged file.
    await store.add('comeIn');
    expect(today(await CountsStore.open(file, clock.now, (m) => problems.push(m)))).toEqual({ ...ZERO, comeIn: 1 });
    expect(problems).toHaveLength(1);
  });

  it('starts empty from a file that is JSON but not counts', async () => {
    const file = freshFile();
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify({ '2026-03-05': { sessions: -3 }, visitor: 'Jane Doe' }));
    const problems: string[] = [];
    const store = await CountsStore.open(file, clockAt(new Date(2026, 2, 5, 10)).now, (m) => problems.push(m));
    expect(today(store)).toEqual(ZERO);
    expect(problems).toEqual([`${file} is damaged; starting fresh`]);
  });

  it('keeps 400 days and drops the oldest', async () => {
    const file = freshFile();
    const days: Record<string, typeof ZERO> = {};
    const start = new Date(2025, 0, 1, 12);
    const dayName = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    for (let i = 0; i < 400; i++) {
      days[dayName(new Date(start.getFullYear(), start.getMonth(), start.getDate() + i, 12))] = { ...ZERO, sessions: 1 };
    }
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, JSON.stringify(days));

    const next = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 400, 12);
    const store = await CountsStore.open(file, () => next);
    await store.add('sessions');
    const saved = Object.keys(JSON.parse(await readFile(file, 'utf8')) as object).sort();
    expect(saved).toHaveLength(400);
    expect(saved[0]).toBe(dayName(new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1, 12)));
    expect(saved.at(-1)).toBe(dayName(next));
  });

  it('lists the last 7 days newest first, across a month end, with zeros for days without use', async () => {
    const clock = clockAt(new Date(2026, 2, 30, 9));
    const store = await CountsStore.open(freshFile(), clock.now);
    await store.add('stayOut');
    clock.set(new Date(2026, 3, 2, 9));
    await store.add('sessions', 2);
    const days = store.lastDays(7);
    expect(days.map((d) => d.day)).toEqual(['2026-04-02', '2026-04-01', '2026-03-31', '2026-03-30', '2026-03-29', '2026-03-28', '2026-03-27']);
    expect(days[0]).toEqual({ day: '2026-04-02', ...ZERO, sessions: 2 });
    expect(days[3]).toEqual({ day: '2026-03-30', ...ZERO, stayOut: 1 });
    expect(days[1]).toEqual({ day: '2026-04-01', ...ZERO });
  });

  it('counts what happened since it opened apart from what the file already had', async () => {
    const file = freshFile();
    const clock = clockAt(new Date(2026, 2, 5, 10));
    await (await CountsStore.open(file, clock.now)).add('sessions', 5);
    const store = await CountsStore.open(file, clock.now);
    expect(store.sinceStart()).toEqual(ZERO);
    await store.add('sessions');
    await store.add('handoutsPrinted', 2);
    expect(store.sinceStart()).toEqual({ ...ZERO, sessions: 1, handoutsPrinted: 2 });
    expect(today(store).sessions).toBe(6);
  });

  it('adds up only the days that have ended, so nothing counted today shows until midnight', async () => {
    const clock = clockAt(new Date(2026, 2, 5, 10));
    const store = await CountsStore.open(freshFile(), clock.now);
    await store.add('stayOut');
    await store.add('handoutsPrinted', 2);
    expect(store.beforeToday()).toEqual(ZERO);
    clock.set(new Date(2026, 2, 6, 9));
    await store.add('comeIn');
    expect(store.beforeToday()).toEqual({ ...ZERO, stayOut: 1, handoutsPrinted: 2 });
    clock.set(new Date(2026, 2, 7, 0, 0, 1));
    expect(store.beforeToday()).toEqual({ ...ZERO, stayOut: 1, comeIn: 1, handoutsPrinted: 2 });
  });

  it('a save that fails is told to the watcher, not the caller; the count is kept and saved with the next one', async () => {
    const file = freshFile();
    const clock = clockAt(new Date(2026, 2, 5, 10, 0, 0));
    const seen: string[] = [];
    const store = await CountsStore.open(file, clock.now, undefined, {
      saved: () => seen.push('saved'),
      failed: (_file, error) => seen.push((error as NodeJS.ErrnoException).code!),
    });
    // A file where the data folder should be: the save cannot make it.
    await writeFile(dirname(file), 'in the way');
    await expect(store.add('sessions')).resolves.toBeUndefined();
    expect(today(store).sessions).toBe(1);
    expect(seen).toEqual(['EEXIST']);

    await rm(dirname(file));
    await store.add('comeIn');
    expect(seen).toEqual(['EEXIST', 'saved']);
    expect(today(await CountsStore.open(file, clock.now))).toEqual({ ...ZERO, sessions: 1, comeIn: 1 });
  });
});
