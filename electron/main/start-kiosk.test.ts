import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Session, BrowserWindowConstructorOptions, IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result, StaffStatus } from '../contract/channels';
import { SmallDisk, whyNoSmallDisk } from '../testing/small-disk';
import { WAITING_SCRIPT } from '../contract/print-page-api';
import { WELCOME_URL } from './kiosk-window';
import { startKiosk, type ElectronParts } from './start-kiosk';
import type { CrashSource } from './start-up';

// The Electron kiosk's start-up, through its injected parts: small fakes for the Electron
// objects, the real services on a real data folder (read-only, full, or left by a kill).

const noSmallDisk = await whyNoSmallDisk();
const CONTENT = resolve(import.meta.dirname, '../../content');

type Listener = (...args: unknown[]) => unknown;

/** Records listeners so a test can play an app or process event. */
class Emitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) listener(...args);
  }
}

class FakeApp extends Emitter {
  readonly isPackaged = false;
  readonly calls: string[] = [];
  constructor(private readonly paths: { userData: string | Error; logs: string | Error }) {
    super();
  }
  getPath(name: string): string {
    const path = name === 'userData' ? this.paths.userData : name === 'logs' ? this.paths.logs : undefined;
    if (path instanceof Error) throw path;
    if (path === undefined) throw new Error(`no path ${name} in this test`);
    return path;
  }
  getVersion(): string {
    return '9.9.9';
  }
  setLoginItemSettings(): void {}
  relaunch(): void {
    this.calls.push('relaunch');
  }
  exit(code?: number): void {
    this.calls.push(`exit ${code}`);
  }
}

/** The kiosk window: what it was asked to load. */
class FakeWindow extends Emitter {
  static made: FakeWindow[] = [];
  /** As the page loaded answers: the print page says it is waiting for a document. */
  readonly webContents = Object.assign(new Emitter(), {
    executeJavaScript: async (script: string) => script === WAITING_SCRIPT && this.loaded.at(-1) === 'app://kiosk/print.html',
    isCrashed: () => false,
  });
  readonly loaded: string[] = [];
  destroyed = false;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeWindow.made.push(this);
  }
  static getAllWindows(): FakeWindow[] {
    return FakeWindow.made;
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {}
  focus(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

type InvokeListener = Parameters<IpcMain['handle']>[1];

class FakeIpcMain {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    this.handlers.set(channel, listener);
  }
  /** Calls a channel as the kiosk's own page does. */
  async invoke<T>(channel: string, payload: unknown = {}): Promise<Result<T>> {
    const event = { senderFrame: { url: WELCOME_URL } as WebFrameMain } as IpcMainInvokeEvent;
    return (await this.handlers.get(channel)!(event, payload)) as Result<T>;
  }
}

let dir: string;
const disks: SmallDisk[] = [];
const running: FakeApp[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-start-'));
  FakeWindow.made = [];
});
afterEach(async () => {
  for (const app of running.splice(0)) app.emit('will-quit');
  for (const disk of disks.splice(0)) await disk.unmount();
  await rm(dir, { recursive: true, force: true });
});

/** Starts the kiosk as `index.ts` does, with fakes for Electron; everything it echoed to stderr is in `echoed`. */
async function start(paths: { userData: string | Error; logs?: string | Error }) {
  const app = new FakeApp({ userData: paths.userData, logs: paths.logs ?? join(String(paths.userData), 'logs') });
  const proc = new Emitter();
  const ipcMain = new FakeIpcMain();
  const echoed: string[] = [];
  const parts = {
    app,
    process: proc as unknown as CrashSource,
    BrowserWindow: FakeWindow,
    ipcMain,
    Menu: { setApplicationMenu: () => {} },
    powerSaveBlocker: { start: () => 1 },
    protocol: { handle: () => {} },
    session: {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      webRequest: { onHeadersReceived: () => {} } as unknown as Session['webRequest'],
      clearStorageData: async () => {},
      clearCache: async () => {},
    },
  } as unknown as ElectronParts;
  running.push(app);
  const started = startKiosk(parts, {
    contentDir: CONTENT,
    rendererDir: join(dir, 'renderer'),
    preload: join(dir, 'preload.cjs'),
    printPreload: join(dir, 'print-preload.cjs'),
    platform: 'linux',
    env: {},
    echo: (line) => echoed.push(line),
  });
  return { app, proc, ipcMain, echoed, started };
}

/**
 * Waits for start-up, then checks it ended with one kiosk window on Welcome, the print page
 * warming in a hidden window of its own, and the crash handler in place.
 */
async function startedKiosk(paths: { userData: string; logs?: string | Error }) {
  const kiosk = await start(paths);
  await kiosk.started;
  const withPreload = (preload: string) => FakeWindow.made.filter((window) => window.options.webPreferences?.preload === join(dir, preload));
  expect(withPreload('preload.cjs').map((window) => window.loaded)).toEqual([[WELCOME_URL]]);
  await vi.waitFor(() => {
    expect(withPreload('print-preload.cjs').map((window) => [window.loaded, window.options.show])).toEqual([[['app://kiosk/print.html'], false]]);
  });
  expect(FakeWindow.made).toHaveLength(2);
  expect([...kiosk.proc.listeners.keys()].sort()).toEqual(['uncaughtException', 'unhandledRejection']);
  return kiosk;
}

async function staffStatus(ipcMain: FakeIpcMain): Promise<{ token: string; status: StaffStatus }> {
  const unlocked = await ipcMain.invoke<{ unlocked: boolean; token: string }>('staff:unlock', { pin: '1234' });
  if (!unlocked.ok || !unlocked.value.unlocked) throw new Error('the demo PIN did not unlock');
  const token = unlocked.value.token;
  const status = await ipcMain.invoke<StaffStatus>('staff:status', { token });
  if (!status.ok) throw new Error(status.message);
  return { token, status: status.value };
}

/** A patient's session through IPC: every call answers. */
async function servePatient(ipcMain: FakeIpcMain): Promise<void> {
  expect(await ipcMain.invoke('kiosk:state', { resting: true })).toMatchObject({ ok: true, value: { status: 'ready' } });
  expect(await ipcMain.invoke('session:record', { event: 'session-start' })).toEqual({ ok: true, value: {} });
  expect(await ipcMain.invoke('session:record', { event: 'stay-out' })).toEqual({ ok: true, value: {} });
  expect(await ipcMain.invoke('session:end', {})).toEqual({ ok: true, value: {} });
}

const lines = (echoed: string[]) => echoed.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('startKiosk on a data folder it cannot write', () => {
  it('read-only: the window opens, patients are served, stderr says why, staff are told, a service change is refused', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const userData = join(dir, 'userData');
    await mkdir(userData);
    const disk = await SmallDisk.mount(userData);
    disks.push(disk);
    await disk.readOnly();

    const { ipcMain, echoed } = await startedKiosk({ userData });
    await servePatient(ipcMain);
    expect(lines(echoed)[0]).toMatchObject({ event: 'log-file-unwritable', file: join(userData, 'logs', 'kiosk.log'), code: 'EROFS' });
    expect(lines(echoed)).toContainEqual(expect.objectContaining({ event: 'data-folder-unwritable', folder: userData, code: 'EROFS' }));
    expect(lines(echoed)).toContainEqual(expect.objectContaining({ event: 'electron-ready' }));

    const { token, status } = await staffStatus(ipcMain);
    expect(status.saveProblems).toMatchObject([
      { place: 'data', folder: userData, cause: 'read-only' },
      { place: 'logs', folder: join(userData, 'logs'), cause: 'read-only' },
    ]);
    expect(status.days[0]).toMatchObject({ sessions: 1, stayOut: 1 });
    expect(await ipcMain.invoke('staff:set-service', { token, inService: false })).toEqual({
      ok: false,
      code: 'internal',
      message: `The kiosk could not save this change, so nothing changed: its data folder ${userData} is read-only. Ask IT.`,
    });
    expect(await ipcMain.invoke('kiosk:state', {})).toMatchObject({ ok: true, value: { status: 'ready' } });
  });

  it('a full disk: the window opens, patients are served, staff are told it is full', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const userData = join(dir, 'userData');
    await mkdir(userData);
    const disk = await SmallDisk.mount(userData);
    disks.push(disk);
    await disk.fill();

    const { ipcMain, echoed } = await startedKiosk({ userData });
    await servePatient(ipcMain);
    const { status } = await staffStatus(ipcMain);
    expect(status.saveProblems).toMatchObject([{ place: 'data', folder: userData, cause: 'full', code: 'ENOSPC' }, { place: 'logs' }]);
    expect(lines(echoed)).toContainEqual(expect.objectContaining({ event: 'data-folder-unwritable', code: 'ENOSPC' }));
  });

  it('a file where the logs folder should be: logs go to stderr, the data folder works', async () => {
    const userData = join(dir, 'userData');
    await mkdir(userData);
    await writeFile(join(userData, 'logs'), 'not a folder');

    const { ipcMain, echoed } = await startedKiosk({ userData });
    await servePatient(ipcMain);
    expect(lines(echoed)[0]).toMatchObject({ event: 'log-file-unwritable', code: 'EEXIST', action: 'logging to stderr only' });
    const { status } = await staffStatus(ipcMain);
    expect(status.saveProblems).toMatchObject([{ place: 'logs', folder: join(userData, 'logs'), cause: 'in-the-way' }]);
    expect(Object.values(JSON.parse(await readFile(join(userData, 'counts.json'), 'utf8')) as object)).toEqual([
      expect.objectContaining({ sessions: 1, stayOut: 1 }),
    ]);
  });

  it('Electron cannot give a logs folder at all: logs go to stderr, saying why, and the kiosk starts', async () => {
    const userData = join(dir, 'userData');
    const { ipcMain, echoed } = await startedKiosk({ userData, logs: new Error("Failed to get 'logs' path") });
    await servePatient(ipcMain);
    expect(lines(echoed)[0]).toMatchObject({
      level: 'error',
      event: 'log-file-unwritable',
      cause: "Failed to get 'logs' path",
      action: 'logging to stderr only',
    });
  });
});

describe('startKiosk after a kill mid-write', () => {
  it('starts from the last good files and clears what the killed writes left', async () => {
    const userData = join(dir, 'userData');
    await mkdir(userData);
    await writeFile(join(userData, 'service.json'), JSON.stringify({ inService: false }));
    await writeFile(join(userData, '.service.json.00aa11bb22cc.tmp'), '{"inSer');
    await writeFile(join(userData, '.counts.json.00aa11bb22cc.tmp'), '{"20');

    const { ipcMain } = await startedKiosk({ userData });
    expect(await ipcMain.invoke('kiosk:state', {})).toMatchObject({ ok: true, value: { status: 'staff-out-of-service' } });
    const { token } = await staffStatus(ipcMain);
    expect(await ipcMain.invoke('staff:set-service', { token, inService: true })).toEqual({ ok: true, value: {} });
    expect((await readdir(userData)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse(await readFile(join(userData, 'service.json'), 'utf8'))).toEqual({ inService: true });
  });
});

describe('startKiosk and the crash handler', () => {
  it('is in place before anything that can fail: a start-up that throws relaunches the kiosk', async () => {
    // Electron fails after the log is open: here it cannot give the user data folder.
    const { app, proc, started } = await start({ userData: new Error("Failed to get 'userData' path"), logs: join(dir, 'logs') });
    const failure = await started.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    // index.ts leaves the rejection unhandled; the process reports it to the handler.
    proc.emit('unhandledRejection', failure);
    expect(app.calls).toEqual(['relaunch', 'exit 1']);
  });
});
