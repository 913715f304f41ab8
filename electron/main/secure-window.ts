import type { BrowserWindowConstructorOptions } from 'electron';

/** A window's options apart from its web preferences, which only openSecureWindow sets. */
export type WindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

/** Electron's BrowserWindow, or a test's fake of it. */
export type WindowClass<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Opens every window the app has (the kiosk window, the hidden windows that lay out and print
 * pages) with the one set of renderer security settings: sandboxed, context-isolated, no Node,
 * no devtools, no webviews, and no middle click (`Auxclick`, which could open a link's target
 * elsewhere). They are written out in the `new BrowserWindow` call itself, last, so no caller can
 * change them and Electronegativity, the audit tool reviewers of Electron apps run, reads them
 * where it looks (it does not follow a helper's return value).
 */
export function openSecureWindow<W>(BrowserWindow: WindowClass<W>, preload: string, options: WindowOptions): W {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      // Reviewed for Electronegativity's PRELOAD_JS_CHECK (it asks for a review of any preload):
      // preload/index.ts gives the page one function per channel through contextBridge, no ipcRenderer.
      preload, // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      devTools: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
