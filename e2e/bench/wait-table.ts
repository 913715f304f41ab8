import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where every bench leaves its rows, and where the one table of them is written. */
export const RESULTS_DIR = resolve(import.meta.dirname, '..', '..', 'bench-results');
const ROWS_DIR = join(RESULTS_DIR, 'rows');

/** A figure: one number, or min / median / p95 of many. */
export type Figure = number | { min: number; median: number; p95: number };

/**
 * One row of "where a person waits": a figure measured in this run beside its baseline measured
 * in the same run (interleaved where it can be), the goal, and whether it was met. Benches never
 * fail on a row: they record it.
 */
export interface WaitRow {
  /** What a person waits for, in plain words ("tap to next screen, come-in path"). */
  what: string;
  figure: Figure;
  unit: 'ms' | 'KB' | 'MB';
  baseline?: { what: string; figure: Figure };
  /** The goal in words ("p95 <= 33 ms"), and whether this run met it. */
  goal?: string;
  met?: boolean;
  note?: string;
}

/** Forgets every bench's rows: the table then holds only what this run measured. */
export function clearRows(): void {
  rmSync(ROWS_DIR, { recursive: true, force: true });
}

/** Saves a bench's rows (replacing its earlier ones), for `writeWaitTable`. */
export function recordRows(bench: string, rows: WaitRow[]): void {
  mkdirSync(ROWS_DIR, { recursive: true });
  writeFileSync(join(ROWS_DIR, `${bench}.json`), JSON.stringify({ bench, at: new Date().toISOString(), rows }, null, 2) + '\n');
}

const show = (figure: Figure, unit: string): string =>
  typeof figure === 'number' ? `${figure} ${unit}` : `${figure.min} / ${figure.median} / ${figure.p95} ${unit}`;
/** The ratio of medians (or of the numbers), when both are there. */
const ratio = (figure: Figure, baseline?: Figure): string => {
  if (baseline === undefined) return '';
  const mid = (f: Figure) => (typeof f === 'number' ? f : f.median);
  return mid(baseline) > 0 ? `${(mid(figure) / mid(baseline)).toFixed(2)}x` : '';
};

/** Every bench's rows as one Markdown table (min / median / p95 where a figure has many). */
export function waitTable(): string {
  const files = (() => {
    try {
      return readdirSync(ROWS_DIR)
        .filter((name) => name.endsWith('.json'))
        .sort();
    } catch {
      return [];
    }
  })();
  const lines = ['| bench | what | this run | baseline (same run) | ratio | goal | met? |', '|---|---|---|---|---|---|---|'];
  for (const file of files) {
    const { bench, rows } = JSON.parse(readFileSync(join(ROWS_DIR, file), 'utf8')) as { bench: string; rows: WaitRow[] };
    for (const row of rows) {
      const baseline = row.baseline ? `${row.baseline.what}: ${show(row.baseline.figure, row.unit)}` : '';
      const met = row.met === undefined ? '' : row.met ? 'yes' : 'NO';
      lines.push(
        `| ${bench} | ${row.what}${row.note ? ` (${row.note})` : ''} | ${show(row.figure, row.unit)} | ${baseline} | ` +
          `${ratio(row.figure, row.baseline?.figure)} | ${row.goal ?? ''} | ${met} |`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

/** Writes the table to bench-results/where-people-wait.md and returns its path. */
export function writeWaitTable(): string {
  const file = join(RESULTS_DIR, 'where-people-wait.md');
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(file, `# Where a person waits\n\nmin / median / p95 where a figure has many; ratios of medians.\n\n${waitTable()}`);
  return file;
}
