import { z } from 'zod';
import { DayCountsSchema, type DayCounts } from '../../contract/channels';
import { JsonFileWriter, readJsonFile } from '../fs/json-file';
import { localDay } from '../local-day';
import type { SaveWatcher } from '../fs/save-problems';

export type CountName = keyof DayCounts;

const CountsFileSchema = z.record(z.iso.date(), DayCountsSchema);

/** Days of counts kept; older days are dropped on write. */
const KEEP_DAYS = 400;

/**
 * Aggregate counts per day: the only thing the kiosk keeps about its use. No answers, no times
 * of single visits, nothing that identifies a person.
 */
export class CountsStore {
  private days: Record<string, DayCounts> = {};
  /** Counted since this process started, for monitoring (Prometheus counters). */
  private readonly sinceStartCounts: DayCounts = DayCountsSchema.parse({});
  private readonly writer: JsonFileWriter;

  private constructor(
    file: string,
    private readonly now: () => Date,
    watcher?: SaveWatcher,
  ) {
    this.writer = new JsonFileWriter(file, watcher);
  }

  /**
   * Opens the counts file; a missing or damaged file starts empty (and says so through `onProblem`).
   * Saves that fail are told to `watcher`.
   */
  static async open(
    file: string,
    now: () => Date = () => new Date(),
    onProblem: (message: string) => void = () => {},
    watcher?: SaveWatcher,
  ): Promise<CountsStore> {
    const store = new CountsStore(file, now, watcher);
    store.days = (await readJsonFile(file, CountsFileSchema, onProblem)) ?? {};
    return store;
  }

  /**
   * Adds to today's count and saves. Writes are serialized so none is lost. A save that fails
   * goes to the watcher, not to the caller: a patient's session never fails for a count, and the
   * count is still kept in memory (and saved with the next one that works).
   */
  add(name: CountName, amount = 1): Promise<void> {
    const day = localDay(this.now());
    const counts = (this.days[day] ??= DayCountsSchema.parse({}));
    counts[name] += amount;
    this.sinceStartCounts[name] += amount;
    this.prune();
    return this.writer.save(this.days).catch(() => {});
  }

  /** Today and the days before it, newest first; days without use count zero. */
  lastDays(count: number): Array<DayCounts & { day: string }> {
    const today = this.now();
    return Array.from({ length: count }, (_, back) => {
      const day = localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - back));
      return { day, ...(this.days[day] ?? DayCountsSchema.parse({})) };
    });
  }

  sinceStart(): DayCounts {
    return { ...this.sinceStartCounts };
  }

  /**
   * Every kept day before today, added up: what monitoring may see of outcomes and prints. A day
   * joins it when it ends, so a count that changed during the day cannot be matched to a person.
   */
  beforeToday(): DayCounts {
    const today = localDay(this.now());
    const total = DayCountsSchema.parse({});
    for (const [day, counts] of Object.entries(this.days)) {
      if (day >= today) continue;
      for (const name of Object.keys(total) as CountName[]) total[name] += counts[name];
    }
    return total;
  }

  private prune(): void {
    const days = Object.keys(this.days).sort();
    for (const day of days.slice(0, Math.max(0, days.length - KEEP_DAYS))) delete this.days[day];
  }
}
