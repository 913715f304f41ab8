import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = join(resolve(import.meta.dirname, '..', '..'), 'dist/electron/cli.cjs');

/** The host's `content-loaded` log line: where the library came from and how long loading it took. */
export interface ContentLoaded {
  source: 'bundle' | 'markdown';
  handouts: number;
  /** The whole library load. */
  loadMs: number;
  /** The search index's load (from a bundle: the first language's, before the kiosk is ready) or build (from Markdown: every language). */
  indexMs: number;
}

/** The first `event` in a host's JSON log lines. */
function logged<T>(output: string, event: string): T {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { event?: string } & T;
    if (entry.event === event) return entry;
  }
  throw new Error(`the web host logged no ${event} event:\n${output}`);
}

/** The `content-loaded` event: from a bundle, `indexMs` is the first language's index only. */
export function contentLoaded(output: string): ContentLoaded {
  const { source, handouts, loadMs, indexMs } = logged<ContentLoaded>(output, 'content-loaded');
  return { source, handouts, loadMs, indexMs };
}

/** From a bundle: how long the other languages' indexes took to load, just after start. */
export function otherIndexesMs(output: string): number {
  return logged<{ ms: number }>(output, 'content-indexes-loaded').ms;
}

/** A process's resident memory now and at its peak (Linux: /proc/PID/status), in MB. */
export async function residentMemory(pid: number): Promise<{ rssMb: number; peakRssMb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) => {
    const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
    if (!kb) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Math.round(Number(kb) / 1024);
  };
  return { rssMb: mb('VmRSS'), peakRssMb: mb('VmHWM') };
}

/**
 * A process's proportional share of memory (Linux /proc/PID/smaps_rollup Pss), in MB: pages it
 * shares with others counted in part, so the figures of a process tree (Chromium's) add up.
 */
export async function proportionalMb(pid: number): Promise<number> {
  const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = /^Pss:\s+(\d+) kB/m.exec(rollup)?.[1];
  if (!kb) throw new Error(`/proc/${pid}/smaps_rollup has no Pss`);
  return Number(kb) / 1024;
}

/** `content build DIR`: compiles DIR into DIR/library.bundle.json, which the host then loads instead of the Markdown. */
export async function buildContentBundle(dir: string): Promise<void> {
  await run(process.execPath, [cli, 'content', 'build', dir]);
}
