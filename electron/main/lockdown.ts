import type { App, Input, Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

/**
 * In-page shortcuts a patient could use to leave or break the kiosk: reload, devtools, close,
 * quit, zoom, print dialog, back/forward, full-screen. OS-level keys (Alt+Tab, Win+D) need OS
 * lockdown (see docs), not this.
 */
export function isBlockedShortcut(input: Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>): boolean {
  if (input.type !== 'keyDown') return false;
  const key = input.key.toLowerCase();
  const mod = input.control || input.meta;
  if (['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh'].includes(key)) return true;
  if (mod && ['r', 'w', 'q', 'p', 'n', 't', 'o', 's', 'f', 'g', 'u', 'j', 'i', 'l', '+', '=', '-', '_', '0'].includes(key)) return true;
  if (input.alt && ['arrowleft', 'arrowright', 'f4', 'home'].includes(key)) return true;
  return false;
}

/** Applies the kiosk rules to one webContents: no navigation away, no new windows, no zoom, no shortcuts. */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('before-input-event', (event, input) => {
    if (isBlockedShortcut(input)) event.preventDefault();
  });
  // Pinch zoom is off by default but has come back after display changes: pin it.
  contents.on('did-finish-load', () => void contents.setVisualZoomLevelLimits(1, 1).catch(() => {}));
}

/**
 * Every response the session receives carries the kiosk's Content-Security-Policy, whoever sent
 * it; the app:// pages carry it already (app-protocol.ts). It is written out here, literally, so
 * that Electronegativity, the audit tool reviewers of Electron apps run, finds a CSP and checks
 * it; lockdown.test.ts holds it to the one policy both hosts send (CONTENT_SECURITY_POLICY).
 */
export function enforceContentSecurityPolicy(session: Pick<Session, 'webRequest'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
            "media-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
  });
}

/** Every window, now and later, gets the rules; every permission (camera, location, ...) is refused; every response gets the CSP. */
export function setupLockdown(app: Pick<App, 'on'>, session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  enforceContentSecurityPolicy(session);
}
