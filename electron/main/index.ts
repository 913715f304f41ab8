import { app, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import { join, resolve } from 'node:path';
import { chooseConfigPath, defaultConfigPath } from '../services/config/config-location';
import { APP_SCHEME_PRIVILEGES } from './app-protocol';
import { startKiosk } from './start-kiosk';
import { enableSystemSpeech } from './start-up';

/** Packaged: content ships as an extra resource; in development it is beside dist/. */
const appRoot = resolve(__dirname, '..', '..');
const contentDir = app.isPackaged ? join(process.resourcesPath, 'content') : join(appRoot, 'content');
const rendererDir = join(appRoot, 'dist', 'renderer');
const preload = join(__dirname, 'preload.cjs');
const printPreload = join(__dirname, 'print-preload.cjs');

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
  void app
    .whenReady()
    .then(() =>
      startKiosk(
        { app, process, BrowserWindow, ipcMain, Menu, powerSaveBlocker, protocol, session: session.defaultSession },
        { contentDir, rendererDir, preload, printPreload, configPath, configChoice, platform: process.platform, env: process.env },
      ),
    );
  app.on('window-all-closed', () => app.quit());
}
