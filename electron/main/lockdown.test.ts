import { describe, expect, it } from 'vitest';
import type { App, HandlerDetails, HeadersReceivedResponse, Input, OnHeadersReceivedListenerDetails, PermissionRequest, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../services/static-files';
import { isBlockedShortcut, lockDownContents, setupLockdown } from './lockdown';

/** A key press as Electron reports it in before-input-event. */
function input(key: string, mods: Partial<Pick<Input, 'control' | 'meta' | 'alt' | 'shift' | 'type'>> = {}): Input {
  return {
    type: 'keyDown',
    key,
    code: '',
    isAutoRepeat: false,
    isComposing: false,
    shift: false,
    control: false,
    alt: false,
    meta: false,
    location: 0,
    modifiers: [],
    ...mods,
  };
}

/** Stands in for the Electron event object: only preventDefault matters to the lockdown. */
class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type Listener = (...args: never[]) => unknown;
type WindowOpenHandler = Parameters<WebContents['setWindowOpenHandler']>[0];

/** The parts of WebContents the lockdown touches; `emit` plays what Electron would send. */
class FakeWebContents {
  private readonly listeners = new Map<string, Listener[]>();
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly zoomLimits: Array<[number, number]> = [];

  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }

  setVisualZoomLevelLimits(minimumLevel: number, maximumLevel: number): Promise<void> {
    this.zoomLimits.push([minimumLevel, maximumLevel]);
    return Promise.resolve();
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  /** Fires `event` with a fresh Electron-like event first, and returns that event. */
  emit(event: string, ...args: unknown[]): FakeEvent {
    const electronEvent = new FakeEvent();
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => unknown)(electronEvent, ...args);
    return electronEvent;
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

function lockedContents(): FakeWebContents {
  const contents = new FakeWebContents();
  lockDownContents(contents.asWebContents());
  return contents;
}

function openDetails(url: string): HandlerDetails {
  return { url, frameName: '', features: '', disposition: 'new-window', referrer: { url: 'app://kiosk/index.html', policy: 'no-referrer' } };
}

describe('isBlockedShortcut', () => {
  it.each([
    ['reload Ctrl+R', input('r', { control: true })],
    ['reload Ctrl+Shift+R', input('R', { control: true, shift: true })],
    ['reload Cmd+R', input('r', { meta: true })],
    ['reload F5', input('F5')],
    ['reload key', input('BrowserRefresh')],
    ['devtools F12', input('F12')],
    ['devtools Ctrl+Shift+I', input('I', { control: true, shift: true })],
    ['devtools Ctrl+Shift+J', input('J', { control: true, shift: true })],
    ['close Ctrl+W', input('w', { control: true })],
    ['close Alt+F4', input('F4', { alt: true })],
    ['quit Ctrl+Q', input('q', { control: true })],
    ['quit Cmd+Q', input('q', { meta: true })],
    ['zoom in Ctrl+=', input('=', { control: true })],
    ['zoom in Ctrl++', input('+', { control: true, shift: true })],
    ['zoom out Ctrl+-', input('-', { control: true })],
    ['zoom reset Ctrl+0', input('0', { control: true })],
    ['print Ctrl+P', input('p', { control: true })],
    ['new window Ctrl+N', input('n', { control: true })],
    ['view source Ctrl+U', input('u', { control: true })],
    ['back Alt+Left', input('ArrowLeft', { alt: true })],
    ['forward Alt+Right', input('ArrowRight', { alt: true })],
    ['home Alt+Home', input('Home', { alt: true })],
    ['back key', input('BrowserBack')],
    ['full screen F11', input('F11')],
  ])('blocks %s', (_name, key) => {
    expect(isBlockedShortcut(key)).toBe(true);
  });

  it.each([
    ['a letter', input('a')],
    ['a capital letter', input('R', { shift: true })],
    ['a digit', input('7')],
    ['zero without Ctrl', input('0')],
    ['minus without Ctrl', input('-')],
    ['Tab', input('Tab')],
    ['Shift+Tab', input('Tab', { shift: true })],
    ['Enter', input('Enter')],
    ['Space', input(' ')],
    ['Backspace', input('Backspace')],
    ['ArrowLeft', input('ArrowLeft')],
    ['ArrowRight', input('ArrowRight')],
    ['ArrowUp', input('ArrowUp')],
    ['ArrowDown', input('ArrowDown')],
    ['Escape', input('Escape')],
    ['Ctrl+A (select all)', input('a', { control: true })],
  ])('allows %s', (_name, key) => {
    expect(isBlockedShortcut(key)).toBe(false);
  });

  it('lets keyUp events through, even of blocked shortcuts (the keyDown was already stopped)', () => {
    expect(isBlockedShortcut(input('F5', { type: 'keyUp' }))).toBe(false);
    expect(isBlockedShortcut(input('r', { type: 'keyUp', control: true }))).toBe(false);
  });
});

describe('lockDownContents', () => {
  it('registers its listeners once each', () => {
    const contents = lockedContents();
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview', 'before-input-event', 'did-finish-load']) {
      expect(contents.listenerCount(event), event).toBe(1);
    }
  });

  it.each([
    'https://evil.example',
    'https://evil.example/index.html',
    'app://kiosk.evil/',
    'app://evil/index.html',
    'file:///etc/passwd',
    'http://127.0.0.1:4300/',
    'not a url',
  ])('prevents navigation to %s', (url) => {
    const contents = lockedContents();
    expect(contents.emit('will-navigate', url).defaultPrevented).toBe(true);
    expect(contents.emit('will-redirect', url).defaultPrevented).toBe(true);
  });

  it.each(['app://kiosk/index.html', 'app://kiosk/', 'app://kiosk/print.html?kind=phone-slip&lang=en'])('allows navigation to %s', (url) => {
    const contents = lockedContents();
    expect(contents.emit('will-navigate', url).defaultPrevented).toBe(false);
    expect(contents.emit('will-redirect', url).defaultPrevented).toBe(false);
  });

  it('denies every new window, even one of its own origin', () => {
    const contents = lockedContents();
    const handler = contents.windowOpenHandler;
    expect(handler).not.toBeNull();
    expect(handler?.(openDetails('https://evil.example/'))).toEqual({ action: 'deny' });
    expect(handler?.(openDetails('app://kiosk/index.html'))).toEqual({ action: 'deny' });
  });

  it('refuses to attach a webview', () => {
    expect(lockedContents().emit('will-attach-webview', {}, {}).defaultPrevented).toBe(true);
  });

  it('stops blocked shortcuts before the page and menu see them, and lets typing through', () => {
    const contents = lockedContents();
    expect(contents.emit('before-input-event', input('r', { control: true })).defaultPrevented).toBe(true);
    expect(contents.emit('before-input-event', input('F12')).defaultPrevented).toBe(true);
    expect(contents.emit('before-input-event', input('ArrowLeft', { alt: true })).defaultPrevented).toBe(true);
    expect(contents.emit('before-input-event', input('5')).defaultPrevented).toBe(false);
    expect(contents.emit('before-input-event', input('Enter')).defaultPrevented).toBe(false);
  });

  it('pins the pinch zoom to 1 after every load', () => {
    const contents = lockedContents();
    expect(contents.zoomLimits).toEqual([]);
    contents.emit('did-finish-load');
    contents.emit('did-finish-load');
    expect(contents.zoomLimits).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('does not let a failing zoom limit escape as an unhandled rejection', async () => {
    const contents = new FakeWebContents();
    let rejected = 0;
    contents.setVisualZoomLevelLimits = () => {
      rejected++;
      return Promise.reject(new Error('render frame was disposed'));
    };
    lockDownContents(contents.asWebContents());
    contents.emit('did-finish-load');
    // An unhandled rejection would fail the test run; give the rejection a turn to surface.
    await Promise.resolve();
    expect(rejected).toBe(1);
  });
});

type RequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];

type HeadersListener = (details: OnHeadersReceivedListenerDetails, callback: (response: HeadersReceivedResponse) => void) => void;

class FakeSession {
  requestHandler: RequestHandler = null;
  checkHandler: CheckHandler = null;
  headersListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (listener: HeadersListener | null) => void (this.headersListener = listener),
  } as unknown as Session['webRequest'];
  setPermissionRequestHandler(handler: RequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler): void {
    this.checkHandler = handler;
  }
}

class FakeApp {
  readonly listeners = new Map<string, Listener>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, listener);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    (this.listeners.get(event) as ((...a: unknown[]) => unknown) | undefined)?.(new FakeEvent(), ...args);
  }
}

function setUp(): { app: FakeApp; session: FakeSession } {
  const app = new FakeApp();
  const session = new FakeSession();
  setupLockdown(app as unknown as Pick<App, 'on'>, session as unknown as Parameters<typeof setupLockdown>[1]);
  return { app, session };
}

/** What the session's header hook makes of a response with these headers. */
function headersAfterHook(session: FakeSession, responseHeaders: Record<string, string[]>): Record<string, string[]> | undefined {
  let answered: HeadersReceivedResponse | undefined;
  const details = { responseHeaders, url: 'https://example.test/', statusCode: 200 } as unknown as OnHeadersReceivedListenerDetails;
  session.headersListener?.(details, (response) => (answered = response));
  return answered?.responseHeaders as Record<string, string[]> | undefined;
}

describe('setupLockdown', () => {
  it('locks down every webContents created later', () => {
    const { app } = setUp();
    const contents = new FakeWebContents();
    app.emit('web-contents-created', contents.asWebContents());
    expect(contents.emit('will-navigate', 'https://evil.example').defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler?.(openDetails('https://evil.example/'))).toEqual({ action: 'deny' });
  });

  it.each(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read'] as const)('refuses the %s permission request', (permission) => {
    const { session } = setUp();
    const answers: boolean[] = [];
    const details: PermissionRequest = { requestingUrl: 'app://kiosk/index.html', isMainFrame: true };
    session.requestHandler?.(new FakeWebContents().asWebContents(), permission, (granted) => answers.push(granted), details);
    expect(answers).toEqual([false]);
  });

  it('gives every response the session receives the kiosk’s one CSP, keeping its other headers', () => {
    const { session } = setUp();
    expect(headersAfterHook(session, { 'Content-Type': ['text/html'] })).toEqual({
      'Content-Type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    // A response's own, laxer policy cannot replace it.
    expect(headersAfterHook(session, { 'Content-Security-Policy': ['default-src *'] })?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });

  it('answers every permission check with false, for its own origin too', () => {
    const { session } = setUp();
    expect(session.checkHandler).not.toBeNull();
    expect(session.checkHandler?.(null, 'media', 'app://kiosk', { isMainFrame: true })).toBe(false);
    expect(
      session.checkHandler?.(new FakeWebContents().asWebContents(), 'geolocation', 'app://kiosk', {
        isMainFrame: true,
        requestingUrl: 'app://kiosk/index.html',
      }),
    ).toBe(false);
  });
});
