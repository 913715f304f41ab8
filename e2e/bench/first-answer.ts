import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const root = resolve(import.meta.dirname, '..', '..');
/** How often a starting process is asked; a refused connection costs it nothing. */
const POLL_MS = 5;
const START_TIMEOUT_MS = 30_000;

/**
 * The baseline for a host's start: plain Node's http server, answering any POST with an ok
 * Result once it has read the body, as the web host's API does. Nothing else loaded.
 */
const BARE_SERVER = `const http = require('node:http');
http
  .createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end('{"ok":true,"value":{}}');
    });
  })
  // Spawned as "bare-server.cjs --port PORT", like the host.
  .listen(Number(process.argv[3]), '127.0.0.1');
`;

/** A port nothing listens on now (the kernel's pick, let go at once). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as { port: number };
  await new Promise((closed) => server.close(closed));
  return port;
}

/** POST /api/kiosk:state as the touch UI sends it: true only for a 200 with an ok Result. */
function answersOk(port: number): Promise<boolean> {
  return new Promise((answered) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/kiosk:state', method: 'POST', agent: false, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => answered(res.statusCode === 200 && (JSON.parse(body) as { ok?: boolean }).ok === true));
        res.on('error', () => answered(false));
      },
    );
    req.on('error', () => answered(false));
    req.end('{"resting":true}');
  });
}

/** CPU time a process has spent so far (user + system, /proc/PID/stat), in ms (10 ms steps). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export interface TimedStart {
  /** Spawn → the first ok answer to POST /api/kiosk:state. */
  firstAnswerMs: number;
  /** CPU the process had spent by then: less swayed than the wall clock by other work on the machine. */
  cpuMs: number;
  pid: number;
  /** What it wrote to stdout and stderr so far. */
  output: () => string;
  /** Waits (up to 30 s) for its output to match `pattern`. */
  waitFor: (pattern: RegExp) => Promise<void>;
  stop: () => Promise<void>;
}

/** Spawns `node [nodeArgs] script --port PORT ...args` and times it to its first ok answer, asking every few ms. */
async function timedSpawn(script: string, args: string[], nodeArgs: string[], cleanUp: () => Promise<void>): Promise<TimedStart> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script, '--port', String(port), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const collect = (chunk: Buffer) => void (text += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((gone) => child.once('exit', () => gone()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    await cleanUp();
  };
  const waitFor = async (pattern: RegExp) => {
    for (const until = performance.now() + START_TIMEOUT_MS; !pattern.test(text); await sleep(20)) {
      if (child.exitCode !== null || performance.now() > until) throw new Error(`${script} wrote no ${pattern}:\n${text.slice(-3000)}`);
    }
  };
  try {
    while (!(await answersOk(port))) {
      if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode} before it answered:\n${text.slice(-3000)}`);
      if (performance.now() - started > START_TIMEOUT_MS) throw new Error(`${script} did not answer within ${START_TIMEOUT_MS} ms:\n${text.slice(-3000)}`);
      await sleep(POLL_MS);
    }
    const firstAnswerMs = Math.round(performance.now() - started);
    return { firstAnswerMs, cpuMs: await cpuMs(child.pid!), pid: child.pid!, output: () => text, waitFor, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts `node dist/electron/serve.cjs` with this config and a data folder of its own, timed to its first answer. */
export async function timedHostStart(config: unknown, nodeArgs: string[] = []): Promise<TimedStart> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-start-'));
  const configFile = join(dir, 'config.json');
  await writeFile(configFile, JSON.stringify(config));
  const args = ['--config', configFile, '--data-dir', join(dir, 'data')];
  return timedSpawn(join(root, 'dist/electron/serve.cjs'), args, nodeArgs, () => rm(dir, { recursive: true, force: true }));
}

/** Starts the bare Node server (the baseline), spawned and asked the same way. */
export async function timedBareStart(nodeArgs: string[] = []): Promise<TimedStart> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-bench-bare-'));
  const script = join(dir, 'bare-server.cjs');
  await writeFile(script, BARE_SERVER);
  return timedSpawn(script, [], nodeArgs, () => rm(dir, { recursive: true, force: true }));
}
