import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from '../services/log';
import { APP_ORIGIN } from './app-origin';

/** The renderer's security settings, shared by the kiosk window and the hidden print window. */
export function securePreferences(preload: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    spellcheck: false,
    devTools: false,
    navigateOnDragDrop: false,
  };
}

/** Full-screen kiosk window options. */
export function kioskWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: securePreferences(preload),
  };
}

export const WELCOME_URL = `${APP_ORIGIN}/index.html`;

/**
 * Opens the kiosk window on Welcome. A crashed or killed renderer is reloaded to Welcome, and the
 * window refuses to close (Alt+F4 from the window manager, window.close()) unless the app is quitting.
 */
export function createKioskWindow(
  Window: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  preload: string,
  log: Logger,
  isQuitting: () => boolean,
): BrowserWindow {
  const window = new Window(kioskWindowOptions(preload));
  window.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    log.warn('window-close-refused');
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer-gone', { reason: details.reason, exitCode: details.exitCode });
    void window.loadURL(WELCOME_URL);
  });
  window.webContents.on('unresponsive', () => {
    log.error('renderer-unresponsive');
    window.webContents.forcefullyCrashRenderer();
  });
  void window.loadURL(WELCOME_URL);
  return window;
}
