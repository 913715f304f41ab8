import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { openSecureWindow, type WindowOptions } from './secure-window';

/** Stands in for BrowserWindow: keeps the options it was made with. */
class FakeWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

describe('openSecureWindow', () => {
  it('makes the window with the caller’s options and the secure web preferences', () => {
    const window = openSecureWindow(FakeWindow, '/app/preload.cjs', { show: false, kiosk: true });
    expect(window.options).toEqual({
      show: false,
      kiosk: true,
      webPreferences: {
        preload: '/app/preload.cjs',
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
  });

  it('lets no caller loosen them, even one that slips web preferences past the type', () => {
    const sneaky = { show: true, webPreferences: { sandbox: false, nodeIntegration: true, devTools: true } } as WindowOptions;
    const prefs = openSecureWindow(FakeWindow, '/app/preload.cjs', sneaky).options.webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, nodeIntegration: false, devTools: false, contextIsolation: true });
  });
});
