import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import { join, resolve } from 'node:path';
import { createDispatcher } from '../services/api-router';
import { createKioskServices } from '../services/kiosk-services';
import { chooseConfigPath, defaultConfigPath } from '../services/config/config-location';
import { createLogger } from '../services/log';
import { LOG_FILE_NAME } from '../services/paths';
import { startConfigServers } from '../server/config-servers';
import { APP_SCHEME_PRIVILEGES, setupAppProtocol } from './app-protocol';
import { setupIpcRouter } from './ipc-router';
import { createKioskWindow } from './kiosk-window';
import { openSecureWindow } from './secure-window';
import { APP_ORIGIN } from './app-origin';
import { ElectronSpooler } from '../services/printing/electron-spooler';
import { setupLockdown } from './lockdown';
import { enableSystemSpeech, isSupervised, loginItemArgs, setupCrashRelaunch, setupStartAtLogin } from './start-up';
import { WindowPdfRenderer } from './window-pdf-renderer';

/** Packaged: content ships as an extra resource; in development it is beside dist/. */
const appRoot = resolve(__dirname, '..', '..');
const contentDir = app.isPackaged ? join(process.resourcesPath, 'content') : join(appRoot, 'content');
const rendererDir = join(appRoot, 'dist', 'renderer');
const preload = join(__dirname, 'preload.cjs');

/**
 * `--config FILE`, else KIOSK_CONFIG, else the OS's config location. An installed kiosk without
 * a config file is out of service, naming the file it looked for: never the demo config and its
 * well-known PIN. A development checkout falls back to the demo config.
 */
const configChoice = chooseConfigPath(process.argv);
const configPath = configChoice?.path ?? (app.isPackaged ? defaultConfigPath(process.platform, process.env) : undefined);

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
enableSystemSpeech(app.commandLine, process.platform);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    const log = createLogger(join(app.getPath('logs'), LOG_FILE_NAME));
    setupCrashRelaunch(app, process, log, { supervised: isSupervised(process.env) });
    // A kiosk started with --config starts with the same file at the next login.
    setupStartAtLogin(app, process.platform, loginItemArgs(configChoice?.from === '--config' ? configChoice.path : undefined));
    setupLockdown(app, session.defaultSession);
    setupAppProtocol(protocol, rendererDir);

    const services = await createKioskServices({
      configPath,
      contentDir,
      dataDir,
      pdfRenderer: new WindowPdfRenderer(BrowserWindow, preload),
      log,
      version: app.getVersion(),
      electronSpooler: (printer) =>
        new ElectronSpooler({ printer, origin: APP_ORIGIN, openWindow: () => openSecureWindow(BrowserWindow, preload, { show: false }) }),
      // A session leaves nothing behind: storage, cache and service workers of the page are wiped.
      onSessionEnd: async () => {
        await session.defaultSession.clearStorageData();
        await session.defaultSession.clearCache();
      },
    });
    const dispatch = createDispatcher(services.handlers, log);
    setupIpcRouter(ipcMain, dispatch, log);
    // The front-desk page and /metrics, when the config asks for them.
    const configServers = startConfigServers({ services, dispatch, rendererDir, log });
    app.on('will-quit', () => {
      services.close();
      void configServers.close();
    });

    powerSaveBlocker.start('prevent-display-sleep');
    let quitting = false;
    app.on('before-quit', () => (quitting = true));
    Menu.setApplicationMenu(null);
    const openWindow = () => createKioskWindow(BrowserWindow, preload, log, () => quitting);
    let window = openWindow();
    app.on('second-instance', () => window.focus());
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) window = openWindow();
    });
    log.info('electron-ready', { version: app.getVersion(), config: configPath ?? '(demo)', from: configChoice?.from ?? 'none given' });
  });
  app.on('window-all-closed', () => app.quit());
}
