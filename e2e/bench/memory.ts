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

/** Every process below `pid` (Linux /proc), with its CPU time so far (clock ticks). */
export async function descendants(pid: number): Promise<Array<{ pid: number; cpu: number }>> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
  const stats = new Map<number, { ppid: number; cpu: number }>();
  for (const each of pids) {
    const stat = await processStat(each);
    if (stat) stats.set(each, stat);
  }
  const below = (each: number): boolean => {
    for (let at = stats.get(each)?.ppid; at; at = stats.get(at)?.ppid) if (at === pid) return true;
    return false;
  };
  return [...stats].filter(([each]) => below(each)).map(([each, { cpu }]) => ({ pid: each, cpu }));
}

/** A process's command line (Chromium rewrites its processes' titles: arguments joined by spaces, not NULs). */
export async function commandLine(pid: number): Promise<string[]> {
  return (await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split(/[\0 ]/).filter(Boolean);
}

/**
 * The renderer process of a browser's one page (Linux /proc): among the browser's descendants
 * started with `--type=renderer`, the one that has done the most work. A browser also keeps a
 * spare renderer and its own UI's, which sit idle. Call it once the page has been used.
 */
export async function pageRendererPid(browserPid: number): Promise<number> {
  let busiest: { pid: number; cpu: number } | null = null;
  for (const each of await descendants(browserPid)) {
    const args = await commandLine(each.pid);
    if (!args.includes('--type=renderer') || args.includes('--top-chrome-webui')) continue;
    if (!busiest || each.cpu > busiest.cpu) busiest = each;
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

  private send<T>(method: string, params?: object): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** The heap in MB after a forced full garbage collection. */
  async heapMb(): Promise<number> {
    await this.send('HeapProfiler.collectGarbage');
    await this.send('HeapProfiler.collectGarbage');
    return (await this.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize / MB;
  }

  /**
   * Where the process's memory goes, in MB after a forced full garbage collection: Node's
   * `process.memoryUsage()` (rss, heapTotal, heapUsed, external, arrayBuffers) and each V8 heap
   * space's used size (new, old, code, large objects...). Only for a CommonJS main module (it
   * reaches `v8` through `process.mainModule`), as the web host's is.
   */
  async usage(): Promise<{ process: Record<string, number>; heapSpaces: Record<string, number> }> {
    await this.heapMb();
    const expression = `JSON.stringify({
      process: process.memoryUsage(),
      heapSpaces: Object.fromEntries(process.mainModule.require('v8').getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size])),
    })`;
    const answer = await this.send<{ result: { value?: string }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
      expression,
      returnByValue: true,
    });
    if (answer.exceptionDetails || typeof answer.result.value !== 'string')
      throw new Error(`inspector: could not read the memory figures (${answer.exceptionDetails?.text})`);
    const figures = JSON.parse(answer.result.value) as { process: Record<string, number>; heapSpaces: Record<string, number> };
    const inMb = (values: Record<string, number>) =>
      Object.fromEntries(Object.entries(values).map(([key, bytes]) => [key, Math.round((bytes / MB) * 10) / 10]));
    return { process: inMb(figures.process), heapSpaces: inMb(figures.heapSpaces) };
  }

  close(): void {
    this.socket.close();
  }
}
