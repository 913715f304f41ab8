import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import { join, resolve } from 'node:path';
import { createDispatcher } from '../services/api-router';
import { createKioskServices } from '../services/kiosk-services';
import { createLogger } from '../services/log';
import { logFile } from '../services/paths';
import { APP_SCHEME_PRIVILEGES, setupAppProtocol } from './app-protocol';
import { setupIpcRouter } from './ipc-router';
import { createKioskWindow, securePreferences } from './kiosk-window';
import { APP_ORIGIN } from './app-origin';
import { ElectronSpooler } from '../services/printing/electron-spooler';
import { setupLockdown } from './lockdown';
import { WindowPdfRenderer } from './window-pdf-renderer';

/** Packaged: content ships as an extra resource; in development it is beside dist/. */
const appRoot = resolve(__dirname, '..', '..');
const contentDir = app.isPackaged ? join(process.resourcesPath, 'content') : join(appRoot, 'content');
const rendererDir = join(appRoot, 'dist', 'renderer');
const preload = join(__dirname, 'preload.cjs');

/** `--config FILE` on the command line, else KIOSK_CONFIG. */
function configPath(argv: string[]): string | undefined {
  const at = argv.indexOf('--config');
  const value = at >= 0 ? argv[at + 1] : argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  return value ? resolve(value) : process.env.KIOSK_CONFIG;
}

protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(async () => {
    const dataDir = app.getPath('userData');
    const log = createLogger(logFile(dataDir));
    setupLockdown(app, session.defaultSession);
    setupAppProtocol(protocol, rendererDir);

    const services = await createKioskServices({
      configPath: configPath(process.argv),
      contentDir,
      dataDir,
      pdfRenderer: new WindowPdfRenderer(BrowserWindow, preload),
      log,
      version: app.getVersion(),
      electronSpooler: (printer) =>
        new ElectronSpooler({ printer, origin: APP_ORIGIN, openWindow: () => new BrowserWindow({ show: false, webPreferences: securePreferences(preload) }) }),
      // A session leaves nothing behind: storage, cache and service workers of the page are wiped.
      onSessionEnd: async () => {
        await session.defaultSession.clearStorageData();
        await session.defaultSession.clearCache();
      },
    });
    setupIpcRouter(ipcMain, createDispatcher(services.handlers, log), log);

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
    log.info('electron-ready', { version: app.getVersion() });
  });
  app.on('window-all-closed', () => app.quit());
}
