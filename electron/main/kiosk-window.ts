import type { BrowserWindow } from 'electron';
import type { Logger } from '../services/log';
import { APP_ORIGIN } from './app-origin';
import { openSecureWindow, type WindowClass, type WindowOptions } from './secure-window';

/** Full-screen kiosk window options; its web preferences are openSecureWindow's. */
export function kioskWindowOptions(): WindowOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
  };
}

export const WELCOME_URL = `${APP_ORIGIN}/index.html`;

/**
 * Opens the kiosk window on Welcome. A crashed or killed renderer is reloaded to Welcome, and the
 * window refuses to close (Alt+F4 from the window manager, window.close()) unless the app is quitting.
 */
export function createKioskWindow(Window: WindowClass<BrowserWindow>, preload: string, log: Logger, isQuitting: () => boolean): BrowserWindow {
  const window = openSecureWindow(Window, preload, kioskWindowOptions());
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
