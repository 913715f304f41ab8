import { readdir, readFile } from 'node:fs/promises';
import type { CDPSession } from '@playwright/test';
import { WebSocket } from 'undici';

const MB = 2 ** 20;

/** The page's JS heap in MB after a forced full garbage collection (twice: the first may leave what finalizers freed). */
export async function pageHeapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize / MB;
}

/** A process's parent id and CPU time so far (clock ticks), from /proc/PID/stat; null once it is gone. */
async function processStat(pid: number): Promise<{ ppid: number; cpu: number } | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (!stat) return null;
  // After the command name in parentheses: state ppid ... utime (14th field) stime (15th).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) };
}

/**
 * The renderer process of a browser's one page (Linux /proc): among the browser's descendants
 * started with `--type=renderer`, the one that has done the most work. A browser also keeps a
 * spare renderer and its own UI's, which sit idle. Call it once the page has been used.
 */
export async function pageRendererPid(browserPid: number): Promise<number> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const pid of pids) {
    const stat = await processStat(pid);
    if (stat) stats.set(pid, stat);
  }
  const descends = (pid: number): boolean => {
    for (let at = stats.get(pid)?.ppid; at; at = stats.get(at)?.ppid) if (at === browserPid) return true;
    return false;
  };
  let busiest: { pid: number; cpu: number } | null = null;
  for (const [pid, stat] of stats) {
    if (!descends(pid)) continue;
    // Chromium rewrites its processes' titles: the arguments are joined by spaces, not NULs.
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split(/[\0 ]/);
    if (!args.includes('--type=renderer') || args.includes('--top-chrome-webui')) continue;
    if (!busiest || stat.cpu > busiest.cpu) busiest = { pid, cpu: stat.cpu };
  }
  if (!busiest) throw new Error(`the browser (pid ${browserPid}) has no renderer process`);
  return busiest.pid;
}

/** The `--inspect` address a Node process printed ("Debugger listening on ws://..."). */
export function inspectorUrl(output: string): string {
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(output)?.[1];
  if (!url) throw new Error(`the process printed no inspector address (was it started with --inspect?):\n${output.slice(0, 2000)}`);
  return url;
}

/**
 * A Node process's heap, through its inspector (the process runs with `--inspect=127.0.0.1:0`):
 * the same forced garbage collection and heap figure as the page's.
 */
export class NodeHeap {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const call = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!call) return;
      this.waiting.delete(message.id!);
      if (message.error) call.reject(new Error(`inspector: ${message.error.message}`));
      else call.resolve(message.result);
    });
    socket.addEventListener('close', () => {
      for (const call of this.waiting.values()) call.reject(new Error('the inspector connection closed'));
      this.waiting.clear();
    });
  }

  static async connect(url: string): Promise<NodeHeap> {
    const socket = new WebSocket(url);
    await new Promise((opened, failed) => {
      socket.addEventListener('open', opened, { once: true });
      socket.addEventListener('error', () => failed(new Error(`could not reach the inspector at ${url}`)), { once: true });
    });
    return new NodeHeap(socket);
  }

  private send<T>(method: string): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method }));
    });
  }

  /** The heap in MB after a forced full garbage collection. */
  async heapMb(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    return (await this.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize / MB;
  }

  close(): void {
    this.socket.close();
  }
}
