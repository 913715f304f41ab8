import type { App, BrowserWindow, BrowserWindowConstructorOptions, IpcMain, Menu, PowerSaveBlocker, Protocol, Session } from 'electron';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../services/api-router';
import type { ConfigChoice } from '../services/config/config-location';
import { errorCode, SaveProblems } from '../services/fs/save-problems';
import { createKioskServices, type KioskServices } from '../services/kiosk-services';
import { createLogger, type Logger } from '../services/log';
import { LOG_FILE_NAME } from '../services/paths';
import { ElectronSpooler, type ElectronJob } from '../services/printing/electron-spooler';
import { startConfigServers } from '../desk-and-metrics/config-servers';
import { APP_ORIGIN } from './app-origin';
import { setupAppProtocol } from './app-protocol';
import { setupIpcRouter } from './ipc-router';
import { createKioskWindow } from './kiosk-window';
import { openSecureWindow } from './secure-window';
import { setupLockdown } from './lockdown';
import { isSupervised, loginItemArgs, setupCrashRelaunch, setupStartAtLogin, type CrashSource } from './start-up';
import { WindowPdfRenderer } from './window-pdf-renderer';

/** The Electron objects the kiosk starts with: `index.ts` gives the real ones, tests small fakes. */
export interface ElectronParts {
  app: Pick<App, 'getPath' | 'getVersion' | 'isPackaged' | 'setLoginItemSettings' | 'relaunch' | 'exit' | 'on'>;
  process: CrashSource;
  BrowserWindow: (new (options: BrowserWindowConstructorOptions) => BrowserWindow) & { getAllWindows(): BrowserWindow[] };
  ipcMain: Pick<IpcMain, 'handle'>;
  Menu: Pick<typeof Menu, 'setApplicationMenu'>;
  powerSaveBlocker: Pick<PowerSaveBlocker, 'start'>;
  protocol: Pick<Protocol, 'handle'>;
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest' | 'clearStorageData' | 'clearCache'>;
}

/** Where the kiosk's parts are, and how it was started. */
export interface KioskPlaces {
  contentDir: string;
  rendererDir: string;
  /** The kiosk window's preload (every channel). */
  preload: string;
  /** The hidden print windows' preload (only the print page's channels). */
  printPreload: string;
  /** The config file; undefined runs the demo config (a development checkout). */
  configPath?: string;
  configChoice?: ConfigChoice;
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** Where every log line goes besides the file (stderr unless a test keeps them). */
  echo?: (line: string) => void;
}

/**
 * The log file in Electron's logs folder. Electron makes that folder when asked for it and throws
 * when it cannot: the kiosk then logs to stderr alone, and says why there.
 */
export function openLog(logsFolder: () => string, saveProblems: SaveProblems, echo?: (line: string) => void): Logger {
  let file: string | undefined;
  let problem: unknown;
  try {
    file = join(logsFolder(), LOG_FILE_NAME);
  } catch (error) {
    problem = error;
  }
  const log = createLogger(file, echo, undefined, saveProblems.watch('logs'));
  if (problem !== undefined) {
    log.error('log-file-unwritable', { code: errorCode(problem), cause: (problem as Error).message?.split('\n')[0], action: 'logging to stderr only' });
  }
  return log;
}

/**
 * Starts the Electron kiosk once the app is ready. The crash handler comes first, right after a
 * log that cannot fail, so anything that throws later relaunches the kiosk instead of leaving
 * the door dark. A data or log folder that cannot be written does not stop it: the window opens,
 * patients are served, and the staff screen says what cannot be saved.
 */
export async function startKiosk(parts: ElectronParts, places: KioskPlaces): Promise<{ services: KioskServices; dispatch: Dispatch; log: Logger }> {
  const { app } = parts;
  const saveProblems = new SaveProblems();
  const log = openLog(() => app.getPath('logs'), saveProblems, places.echo);
  setupCrashRelaunch(app, parts.process, log, { supervised: isSupervised(places.env) });
  // A kiosk started with --config starts with the same file at the next login.
  const { configChoice } = places;
  setupStartAtLogin(app, places.platform, loginItemArgs(configChoice?.from === '--config' ? configChoice.path : undefined));
  setupLockdown(app, parts.session);
  setupAppProtocol(parts.protocol, places.rendererDir);

  const { BrowserWindow } = parts;
  const { preload, printPreload } = places;
  // One record of print jobs for every Electron spooler: a new printer in the config still follows the old one's jobs.
  const electronJobs = new Map<string, ElectronJob>();
  const pdfRenderer = new WindowPdfRenderer(BrowserWindow, printPreload, log);
  const services = await createKioskServices({
    configPath: places.configPath,
    contentDir: places.contentDir,
    dataDir: app.getPath('userData'),
    pdfRenderer,
    log,
    version: app.getVersion(),
    saveProblems,
    electronSpooler: (printer) =>
      new ElectronSpooler({
        printer,
        origin: APP_ORIGIN,
        openWindow: () => openSecureWindow(BrowserWindow, printPreload, { show: false }),
        jobs: electronJobs,
      }),
    // A session leaves nothing behind: storage, cache and service workers of the page are wiped.
    onSessionEnd: async () => {
      await parts.session.clearStorageData();
      await parts.session.clearCache();
    },
  });
  const dispatch = createDispatcher(services.handlers, log);
  setupIpcRouter(parts.ipcMain, dispatch, log);
  // The front-desk page and /metrics, when the config asks for them.
  const configServers = startConfigServers({ services, dispatch, rendererDir: places.rendererDir, log });
  app.on('will-quit', () => {
    services.close();
    void configServers.close();
    void pdfRenderer.close();
  });

  parts.powerSaveBlocker.start('prevent-display-sleep');
  let quitting = false;
  app.on('before-quit', () => (quitting = true));
  parts.Menu.setApplicationMenu(null);
  const openWindow = () => createKioskWindow(BrowserWindow, preload, log, () => quitting);
  let window = openWindow();
  // The print page loads while the first person walks up, not when they press Print.
  void pdfRenderer.warm();
  app.on('second-instance', () => window.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = openWindow();
  });
  log.info('electron-ready', { version: app.getVersion(), config: places.configPath ?? '(demo)', from: configChoice?.from ?? 'none given' });
  return { services, dispatch, log };
}
