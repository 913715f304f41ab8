import { describe, expect, it } from 'vitest';
import type { App, Settings } from 'electron';
import { RecordingLogger } from '../testing/recording-logger';
import { describeFailure, enableSystemSpeech, isSupervised, loginItemArgs, setupCrashRelaunch, setupStartAtLogin, type CrashSource } from './start-up';

/** The App parts start-up uses, with a record of every call in order. */
class FakeApp implements Pick<App, 'isPackaged' | 'setLoginItemSettings' | 'relaunch' | 'exit'> {
  readonly calls: string[] = [];
  readonly loginItems: Settings[] = [];
  constructor(readonly isPackaged = true) {}
  setLoginItemSettings(settings: Settings): void {
    this.loginItems.push(settings);
  }
  relaunch(): void {
    this.calls.push('relaunch');
  }
  exit(exitCode?: number): void {
    this.calls.push(`exit ${exitCode}`);
  }
}

/** Stands in for `process`: keeps the listeners so a test can play an uncaught failure. */
class FakeProcess implements CrashSource {
  private readonly listeners = new Map<string, Array<(value: never) => void>>();
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (value: never) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: 'uncaughtException' | 'unhandledRejection', value: unknown): void {
    for (const listener of this.listeners.get(event) ?? []) listener(value as never);
  }
  count(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

describe('setupStartAtLogin', () => {
  it('registers a login item on Windows, with the arguments, when packaged', () => {
    const app = new FakeApp();
    expect(setupStartAtLogin(app, 'win32', ['--config', '"C:\\Kiosk\\config.json"'])).toBe(true);
    expect(app.loginItems).toEqual([{ openAtLogin: true, args: ['--config', '"C:\\Kiosk\\config.json"'] }]);
  });

  it('registers a login item on macOS, without arguments (macOS takes none)', () => {
    const app = new FakeApp();
    expect(setupStartAtLogin(app, 'darwin', ['--config', '"/x"'])).toBe(true);
    expect(app.loginItems).toEqual([{ openAtLogin: true }]);
  });

  it('does nothing on Linux: the systemd user unit starts the kiosk', () => {
    const app = new FakeApp();
    expect(setupStartAtLogin(app, 'linux')).toBe(false);
    expect(app.loginItems).toEqual([]);
  });

  it('never registers a development checkout', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const app = new FakeApp(false);
      expect(setupStartAtLogin(app, platform)).toBe(false);
      expect(app.loginItems).toEqual([]);
    }
  });
});

describe('loginItemArgs', () => {
  it('quotes the config path, which may have spaces', () => {
    expect(loginItemArgs('C:\\Clinic Kiosk\\config.json')).toEqual(['--config', '"C:\\Clinic Kiosk\\config.json"']);
    expect(loginItemArgs(undefined)).toEqual([]);
  });
});

describe('setupCrashRelaunch', () => {
  function setup(options?: { supervised?: boolean }) {
    const app = new FakeApp();
    const proc = new FakeProcess();
    const log = new RecordingLogger();
    setupCrashRelaunch(app, proc, log, options);
    return { app, proc, log };
  }

  it('listens for both kinds of uncaught failure', () => {
    const { proc } = setup();
    expect([proc.count('uncaughtException'), proc.count('unhandledRejection')]).toEqual([1, 1]);
  });

  it('logs an uncaught exception, then relaunches and exits with a failure', () => {
    const { app, proc, log } = setup();
    proc.emit('uncaughtException', new TypeError('printer is not a function'));
    expect(app.calls).toEqual(['relaunch', 'exit 1']);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toMatchObject({
      level: 'error',
      event: 'main-process-failure',
      details: { kind: 'uncaught-exception', name: 'TypeError', message: 'printer is not a function', action: 'relaunch' },
    });
    expect(log.lines[0]!.details!.at).toMatch(/^at .*start-up\.test\.ts/);
  });

  it('does the same for an unhandled rejection', () => {
    const { app, proc, log } = setup();
    proc.emit('unhandledRejection', new Error('spooler went away'));
    expect(app.calls).toEqual(['relaunch', 'exit 1']);
    expect(log.lines[0]!.details).toMatchObject({ kind: 'unhandled-rejection', name: 'Error', message: 'spooler went away' });
  });

  it('never logs the value of something thrown that is not an Error', () => {
    const { app, proc, log } = setup();
    proc.emit('unhandledRejection', 'Maria Lopez, cough: yes');
    expect(app.calls).toEqual(['relaunch', 'exit 1']);
    expect(log.lines[0]!.details).toMatchObject({ kind: 'unhandled-rejection', name: 'string', message: '(not an Error)' });
    expect(JSON.stringify(log.lines)).not.toContain('Maria');
  });

  it('acts on the first failure only; a second one while exiting is logged', () => {
    const { app, proc, log } = setup();
    proc.emit('uncaughtException', new Error('first'));
    proc.emit('unhandledRejection', new Error('second'));
    expect(app.calls).toEqual(['relaunch', 'exit 1']);
    expect(log.lines.map((line) => line.details?.action)).toEqual(['relaunch', 'already-exiting']);
  });

  it('under systemd exits with a failure and leaves the restart to the unit', () => {
    const { app, proc, log } = setup({ supervised: true });
    proc.emit('uncaughtException', new Error('boom'));
    expect(app.calls).toEqual(['exit 1']);
    expect(log.lines[0]!.details!.action).toBe('exit-for-systemd');
  });
});

describe('isSupervised', () => {
  it('is true only when the systemd unit says so', () => {
    expect(isSupervised({ KIOSK_SUPERVISOR: 'systemd' })).toBe(true);
    expect(isSupervised({})).toBe(false);
    expect(isSupervised({ INVOCATION_ID: 'abc' })).toBe(false);
  });
});

describe('describeFailure', () => {
  it('keeps the first line of the message and the first stack frame, both short', () => {
    const error = new Error(`line one ${'x'.repeat(400)}\nline two`);
    const described = describeFailure(error);
    expect(described.message.startsWith('line one')).toBe(true);
    expect(described.message).not.toContain('line two');
    expect(described.message.length).toBe(300);
    expect(described.at).toMatch(/^at /);
  });
});

describe('enableSystemSpeech', () => {
  it("asks Chromium for the system's voices on Linux only (Windows and macOS have theirs built in)", () => {
    const switches: Record<string, string[]> = { linux: [], win32: [], darwin: [] };
    for (const platform of ['linux', 'win32', 'darwin'] as const) enableSystemSpeech({ appendSwitch: (name) => void switches[platform]!.push(name) }, platform);
    expect(switches).toEqual({ linux: ['enable-speech-dispatcher'], win32: [], darwin: [] });
  });
});
