import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { CHANNEL_NAMES } from '../contract/channel-names';
import type { Result } from '../contract/channels';
import { createDispatcher, type ApiHandlers, type Dispatch } from '../services/api-router';
import { KioskError } from '../services/kiosk-error';
import { handlersWith } from '../testing/handlers';
import { RecordingLogger } from '../testing/recording-logger';
import { isTrustedSender, setupIpcRouter } from './ipc-router';

type InvokeListener = Parameters<IpcMain['handle']>[1];

/** Records what the router registers, and lets a test invoke a channel as a page would. */
class FakeIpcMain implements Pick<IpcMain, 'handle'> {
  readonly handlers = new Map<string, InvokeListener>();
  readonly registered: string[] = [];

  handle(channel: string, listener: InvokeListener): void {
    this.registered.push(channel);
    this.handlers.set(channel, listener);
  }

  async invoke(channel: string, senderUrl: string | null, payload: unknown): Promise<Result<unknown>> {
    const listener = this.handlers.get(channel);
    if (!listener) throw new Error(`nothing handles ${channel}`);
    const senderFrame = senderUrl === null ? null : ({ url: senderUrl } as WebFrameMain);
    return (await listener({ senderFrame } as IpcMainInvokeEvent, payload)) as Result<unknown>;
  }
}

const handlers: ApiHandlers = handlersWith({
  'kiosk:state': () => ({ status: 'out-of-service', reason: 'config', source: 'test', problems: [] }),
  'content:list': () => ({ topics: [], handouts: [] }),
  'content:get': ({ id }) => {
    throw new KioskError('not-found', `no handout ${id}`);
  },
  'print:submit': () => ({ id: 'job-1', state: 'queued', pages: 1 }),
  'print:status': ({ id }) => ({ id, state: 'done', pages: 1 }),
  'session:record': () => ({}),
  'session:end': () => ({}),
  'staff:unlock': ({ pin }) => (pin === '2468' ? { unlocked: true, token: 'a'.repeat(64) } : { unlocked: false, triesLeft: 2, lockedForSeconds: 0 }),
});

function setUp(): { ipc: FakeIpcMain; calls: Array<[string, unknown]>; log: RecordingLogger } {
  const log = new RecordingLogger();
  const real = createDispatcher(handlers, log);
  const calls: Array<[string, unknown]> = [];
  const dispatch: Dispatch = (channel, payload) => {
    calls.push([channel, payload]);
    return real(channel, payload);
  };
  const ipc = new FakeIpcMain();
  setupIpcRouter(ipc, dispatch, log);
  return { ipc, calls, log };
}

const KIOSK_PAGE = 'app://kiosk/index.html';

describe('setupIpcRouter', () => {
  it('registers exactly one handler per channel of the contract', () => {
    const { ipc } = setUp();
    expect(ipc.registered).toEqual([...CHANNEL_NAMES]);
    expect(new Set(ipc.registered).size).toBe(CHANNEL_NAMES.length);
  });

  it.each([
    ['no frame (navigated away or destroyed)', null],
    ['a foreign web page', 'https://evil.example/'],
    ['a local file', 'file:///etc/passwd'],
    ['a look-alike app host', 'app://kiosk.evil/index.html'],
    ['the web host', 'http://127.0.0.1:4300/'],
    ['an empty url', ''],
  ])('refuses a call from %s before it reaches the dispatcher', async (_name, senderUrl) => {
    const { ipc, calls, log } = setUp();
    for (const channel of CHANNEL_NAMES) {
      expect(await ipc.invoke(channel, senderUrl, { pin: '2468' })).toEqual({ ok: false, code: 'forbidden', message: expect.any(String) });
    }
    expect(calls).toEqual([]);
    // What was wrong, never the page's address; the repeats are folded into a count (log-folding.ts).
    expect(log.lines).toEqual([
      {
        level: 'warn',
        event: 'ipc-sender-refused',
        details: { channel: CHANNEL_NAMES[0], why: senderUrl === null ? 'the calling frame is gone' : 'the page is not the kiosk page (app://kiosk)' },
      },
    ]);
  });

  it('passes a call from the kiosk page to the dispatcher with its channel and payload', async () => {
    const { ipc, calls, log } = setUp();
    expect(await ipc.invoke('staff:unlock', KIOSK_PAGE, { pin: '2468' })).toEqual({ ok: true, value: { unlocked: true, token: 'a'.repeat(64) } });
    expect(await ipc.invoke('print:status', 'app://kiosk/print.html?kind=phone-slip', { id: 'job-7' })).toEqual({
      ok: true,
      value: { id: 'job-7', state: 'done', pages: 1 },
    });
    expect(calls).toEqual([
      ['staff:unlock', { pin: '2468' }],
      ['print:status', { id: 'job-7' }],
    ]);
    expect(log.lines).toEqual([]);
  });

  it('answers a bad payload from the kiosk page with bad-request, not an exception', async () => {
    const { ipc, calls } = setUp();
    const wrongPin = await ipc.invoke('staff:unlock', KIOSK_PAGE, { pin: 'abcd' });
    expect(wrongPin).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await ipc.invoke('session:record', KIOSK_PAGE, { event: 'session-start', answers: ['yes'] })).toMatchObject({ ok: false, code: 'bad-request' });
    expect(await ipc.invoke('kiosk:state', KIOSK_PAGE, 'not an object')).toMatchObject({ ok: false, code: 'bad-request' });
    expect(calls.map(([channel]) => channel)).toEqual(['staff:unlock', 'session:record', 'kiosk:state']);
  });

  it('turns a service KioskError into its code', async () => {
    const { ipc } = setUp();
    expect(await ipc.invoke('content:get', KIOSK_PAGE, { lang: 'en', id: 'fever' })).toEqual({ ok: false, code: 'not-found', message: 'no handout fever' });
  });
});

describe('isTrustedSender', () => {
  it('trusts only frames of app://kiosk', () => {
    const event = (url: string | null): Pick<IpcMainInvokeEvent, 'senderFrame'> => ({ senderFrame: url === null ? null : ({ url } as WebFrameMain) });
    expect(isTrustedSender(event(KIOSK_PAGE))).toBe(true);
    expect(isTrustedSender(event('app://kiosk/'))).toBe(true);
    expect(isTrustedSender(event(null))).toBe(false);
    expect(isTrustedSender(event('app://kiosk.evil/'))).toBe(false);
    expect(isTrustedSender(event('https://kiosk/'))).toBe(false);
    expect(isTrustedSender(event('about:blank'))).toBe(false);
  });
});
