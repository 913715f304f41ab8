import type { App } from 'electron';
import type { Logger } from '../services/log';

/**
 * Arguments for the login item, so a kiosk started with `--config FILE` starts with the same file
 * at the next login. Windows joins them into one command line, hence the quotes.
 */
export function loginItemArgs(configPath: string | undefined): string[] {
  return configPath ? ['--config', `"${configPath}"`] : [];
}

/**
 * Starts the kiosk when the kiosk user logs in. Windows and macOS: a login item, re-registered at
 * every start so it follows the installed executable. Linux: nothing here; the deb's systemd user
 * unit starts it and restarts it. A development checkout never registers itself.
 * Returns whether it registered the login item.
 */
export function setupStartAtLogin(app: Pick<App, 'isPackaged' | 'setLoginItemSettings'>, platform: NodeJS.Platform, args: string[] = []): boolean {
  if (!app.isPackaged) return false;
  if (platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: true, args });
    return true;
  }
  if (platform === 'darwin') {
    app.setLoginItemSettings({ openAtLogin: true }); // macOS takes no arguments for a login item
    return true;
  }
  return false;
}

/** The part of `process` that reports failures nobody caught. `process` itself fits. */
export interface CrashSource {
  on(event: 'uncaughtException', listener: (error: Error) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/** The systemd unit sets KIOSK_SUPERVISOR=systemd: it restarts the kiosk itself. */
export function isSupervised(env: NodeJS.ProcessEnv): boolean {
  return env.KIOSK_SUPERVISOR === 'systemd';
}

/** What may be logged about a failure: its kind, message and where it was thrown; no values. */
export function describeFailure(reason: unknown): { name: string; message: string; at: string } {
  if (!(reason instanceof Error)) return { name: typeof reason, message: '(not an Error)', at: '' };
  const at =
    (reason.stack ?? '')
      .split('\n')
      .find((line) => line.trimStart().startsWith('at '))
      ?.trim() ?? '';
  return { name: reason.name, message: reason.message.split('\n')[0]!.slice(0, 300), at: at.slice(0, 300) };
}

/**
 * An exception or rejection that nobody caught in the main process leaves the kiosk in an unknown
 * state: log it and start over, so the door is back on Welcome within seconds. Under systemd the
 * kiosk only exits with a failure and the unit restarts it (`Restart=on-failure`); relaunching as
 * well would race systemd, which kills what is left of the old process when it exits.
 * Only the first failure acts: a second one while exiting is logged and ignored.
 */
export function setupCrashRelaunch(app: Pick<App, 'relaunch' | 'exit'>, source: CrashSource, log: Logger, options: { supervised?: boolean } = {}): void {
  let exiting = false;
  const fail = (kind: 'uncaught-exception' | 'unhandled-rejection', reason: unknown) => {
    log.error('main-process-failure', {
      kind,
      ...describeFailure(reason),
      action: exiting ? 'already-exiting' : options.supervised ? 'exit-for-systemd' : 'relaunch',
    });
    if (exiting) return;
    exiting = true;
    if (!options.supervised) app.relaunch();
    app.exit(1);
  };
  source.on('uncaughtException', (error) => fail('uncaught-exception', error));
  source.on('unhandledRejection', (reason) => fail('unhandled-rejection', reason));
}

/**
 * "Read to me" on Linux: Chromium reaches the system's voices (speech-dispatcher) only when asked
 * to, and lists none otherwise. Before the app is ready, as every Chromium switch must be.
 */
export function enableSystemSpeech(commandLine: Pick<App['commandLine'], 'appendSwitch'>, platform: NodeJS.Platform): void {
  if (platform === 'linux') commandLine.appendSwitch('enable-speech-dispatcher');
}
