import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname } from 'node:path';

export interface Summary {
  n: number;
  median: number;
  p95: number;
  max: number;
}

/** Median, 95th percentile (nearest rank) and max, rounded to 0.1 ms. */
export function summarize(values: number[]): Summary {
  if (values.length === 0) throw new Error('nothing was measured');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const round = (v: number) => Math.round(v * 10) / 10;
  return { n: sorted.length, median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1)!) };
}

/** min / median / p95 of many, for a wait-table row (wait-table.ts Figure), rounded to 0.1. */
export function figure(values: number[]): { min: number; median: number; p95: number } {
  const { median, p95 } = summarize(values);
  return { min: Math.round(Math.min(...values) * 10) / 10, median, p95 };
}

/** How busy the CPUs were over the next `ms`, in percent (Linux /proc/stat: every CPU's time, the 4th and 5th fields idle). */
export async function cpuBusyPercent(ms: number): Promise<number> {
  const times = async () => (await readFile('/proc/stat', 'utf8')).split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const before = await times();
  await sleep(ms);
  const spent = (await times()).map((t, i) => t - before[i]!);
  const idle = spent[3]! + spent[4]!;
  return Math.round(100 * (1 - idle / spent.reduce((a, b) => a + b, 0)));
}

/** The machine and build a run was on, so two runs' numbers can be compared fairly. */
export function machineFacts(chromiumVersion: string, cpuBusyBeforePercent: number) {
  const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    // Other work's share, taken before the run: over a few percent, the tails (p95) say little.
    cpuBusyBeforePercent,
    node: process.version,
    chromium: chromiumVersion,
    // "-dirty": the working tree had changes (the built dist/ may not match any commit).
    commit: git('describe', '--always', '--dirty'),
  };
}

/** One line of the table, and its target if it has one. */
export interface Row {
  metric: string;
  value: number;
  unit: string;
  /** Met when value < target. */
  target?: number;
  /** Also a row of the wait table (wait-table.ts). */
  wait?: boolean;
}

/** The short table printed after a run: metric, value, target, met? */
export function formatTable(rows: Row[]): string {
  const cells = rows.map((r) => [
    r.metric,
    `${r.value} ${r.unit}`,
    r.target === undefined ? '' : `< ${r.target} ${r.unit}`,
    r.target === undefined ? '' : r.value < r.target ? 'yes' : 'NO',
  ]);
  const all = [['metric', 'value', 'target', 'met?'], ...cells];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function writeJson(file: string, data: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(data, null, 2) + '\n');
}

/** The least-squares slope of y over x: how fast something grows. */
export function slope(points: Array<{ x: number; y: number }>): number {
  if (points.length < 2) throw new Error('a slope needs two points');
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const mx = mean(points.map((p) => p.x));
  const my = mean(points.map((p) => p.y));
  const covariance = points.reduce((sum, p) => sum + (p.x - mx) * (p.y - my), 0);
  const variance = points.reduce((sum, p) => sum + (p.x - mx) ** 2, 0);
  return covariance / variance;
}

/** A Markdown table (a header row, then one row per line), to be read by a person. */
export function markdownTable(header: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function writeText(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}
