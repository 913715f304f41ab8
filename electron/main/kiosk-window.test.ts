import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions, RenderProcessGoneDetails } from 'electron';
import { RecordingLogger } from '../testing/recording-logger';
import { createKioskWindow, kioskWindowOptions, WELCOME_URL } from './kiosk-window';

type Listener = (...args: unknown[]) => unknown;

/** A tiny event emitter: `on`/`once` record, `emit` plays what Electron would send. */
class Emitter {
  private readonly listeners = new Map<string, Array<{ listener: Listener; once: boolean }>>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: false }]);
    return this;
  }
  once(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { listener, once: true }]);
    return this;
  }
  /** Plays an event; true when a listener called preventDefault. */
  emit(event: string, ...args: unknown[]): boolean {
    const entries = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      entries.filter((entry) => !entry.once),
    );
    let prevented = false;
    for (const { listener } of entries) listener({ preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

class FakeWebContents extends Emitter {
  crashes = 0;
  forcefullyCrashRenderer(): void {
    this.crashes++;
  }
}

/** The BrowserWindow parts createKioskWindow uses, with a record of what it did. */
class FakeKioskWindow extends Emitter {
  static made: FakeKioskWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loaded: string[] = [];
  shown = 0;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    FakeKioskWindow.made.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loaded.push(url);
  }
  show(): void {
    this.shown++;
  }
}

const AsBrowserWindow = FakeKioskWindow as unknown as new (options: BrowserWindowConstructorOptions) => BrowserWindow;

function open(quitting = { now: false }): { window: FakeKioskWindow; log: RecordingLogger } {
  FakeKioskWindow.made = [];
  const log = new RecordingLogger();
  const returned = createKioskWindow(AsBrowserWindow, '/app/preload.cjs', log, () => quitting.now);
  const window = FakeKioskWindow.made[0];
  if (!window) throw new Error('createKioskWindow made no window');
  expect(returned).toBe(window as unknown as BrowserWindow);
  return { window, log };
}

describe('kioskWindowOptions', () => {
  it('is a full-screen kiosk window, hidden until ready', () => {
    expect(kioskWindowOptions()).toMatchObject({ kiosk: true, fullscreen: true, show: false, autoHideMenuBar: true });
  });
});

describe('createKioskWindow', () => {
  it('opens one kiosk window on the welcome page', () => {
    const { window } = open();
    expect(WELCOME_URL).toBe('app://kiosk/index.html');
    expect(FakeKioskWindow.made).toHaveLength(1);
    expect(window.options).toMatchObject(kioskWindowOptions());
    expect(window.loaded).toEqual([WELCOME_URL]);
  });

  it('runs the page sandboxed, with no Node, no devtools and no middle click (secure-window.ts)', () => {
    const { window } = open();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      devTools: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('shows the window once it is ready to show, not before', () => {
    const { window } = open();
    expect(window.shown).toBe(0);
    window.emit('ready-to-show');
    expect(window.shown).toBe(1);
  });

  it('goes back to welcome and logs why when the renderer is gone', () => {
    const { window, log } = open();
    const details: RenderProcessGoneDetails = { reason: 'crashed', exitCode: 139 };
    window.webContents.emit('render-process-gone', details);
    expect(window.loaded).toEqual([WELCOME_URL, WELCOME_URL]);
    expect(log.lines).toEqual([{ level: 'error', event: 'renderer-gone', details: { reason: 'crashed', exitCode: 139 } }]);

    window.webContents.emit('render-process-gone', { reason: 'oom', exitCode: 0 } satisfies RenderProcessGoneDetails);
    expect(window.loaded).toEqual([WELCOME_URL, WELCOME_URL, WELCOME_URL]);
    expect(log.lines[1]).toEqual({ level: 'error', event: 'renderer-gone', details: { reason: 'oom', exitCode: 0 } });
  });

  it('crashes a hung renderer so that it gets reloaded', () => {
    const { window, log } = open();
    window.webContents.emit('unresponsive');
    expect(window.webContents.crashes).toBe(1);
    expect(log.lines).toEqual([{ level: 'error', event: 'renderer-unresponsive', details: undefined }]);
  });

  it('refuses to close while the app is running, and closes when it quits', () => {
    const quitting = { now: false };
    const { window, log } = open(quitting);
    expect(window.emit('close')).toBe(true);
    expect(log.lines).toEqual([{ level: 'warn', event: 'window-close-refused', details: undefined }]);
    quitting.now = true;
    expect(window.emit('close')).toBe(false);
  });
});
