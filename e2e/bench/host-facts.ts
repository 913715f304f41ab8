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
  /** The search index's load (from a bundle) or build (from Markdown). */
  indexMs: number;
}

/** The `content-loaded` event in a host's JSON log lines. */
export function contentLoaded(output: string): ContentLoaded {
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue;
    const entry = JSON.parse(line) as { event?: string } & ContentLoaded;
    if (entry.event === 'content-loaded') return { source: entry.source, handouts: entry.handouts, loadMs: entry.loadMs, indexMs: entry.indexMs };
  }
  throw new Error(`the web host logged no content-loaded event:\n${output}`);
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

/** `content build DIR`: compiles DIR into DIR/library.bundle.json, which the host then loads instead of the Markdown. */
export async function buildContentBundle(dir: string): Promise<void> {
  await run(process.execPath, [cli, 'content', 'build', dir]);
}
