import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingHttpHeaders, Server } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type ApiHandlers, type Dispatch } from '../services/api-router';
import { CONTENT_SECURITY_POLICY } from '../services/static-files';
import { KioskError } from '../services/kiosk-error';
import { handlersWith } from '../testing/handlers';
import { rawExchange, type RawReply } from '../testing/raw-http';
import { RecordingLogger } from '../testing/recording-logger';
import { DESK_CHANNEL_NAMES } from '../contract/channel-names';
import { createAllowList, createRemoteStaffHost, type RemoteStaffHostOptions } from './remote-staff-host';
import { makeSelfSignedCert } from '../testing/self-signed-cert';

const DESK = '<!doctype html><title>Front desk</title>';
const KIOSK = '<!doctype html><title>Kiosk</title>';
const DESK_JS = 'console.log("desk");';
const TOKEN = 'b'.repeat(64);

const handlers: ApiHandlers = handlersWith({
  'staff:unlock': ({ pin }) => (pin === '2468' ? { unlocked: true, token: TOKEN } : { unlocked: false, triesLeft: 4, lockedForSeconds: 0 }),
  'staff:reset-session': () => ({}),
  'staff:set-service': ({ token }) => {
    if (token !== TOKEN) throw new KioskError('forbidden', 'the staff screen is locked: enter the PIN again');
    return {};
  },
  'staff:lock': () => ({}),
});

let root: string;
let rendererDir: string;
const log = new RecordingLogger();
const dispatched: Array<[string, unknown]> = [];
const servers: Array<Server | HttpsServer> = [];

const real = createDispatcher(handlers, log);
const dispatch: Dispatch = (channel, payload) => {
  dispatched.push([channel, payload]);
  return real(channel, payload);
};

/** Starts a desk host for these options on `host` and returns its port. */
async function start(options: Partial<RemoteStaffHostOptions> & Pick<RemoteStaffHostOptions, 'allow'>, host = '127.0.0.1'): Promise<number> {
  const server = createRemoteStaffHost({ dispatch, rendererDir, log, ...options });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-remote-staff-'));
  rendererDir = join(root, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'desk.html'), DESK);
  await writeFile(join(rendererDir, 'index.html'), KIOSK);
  await writeFile(join(rendererDir, 'print.html'), KIOSK);
  await writeFile(join(rendererDir, 'assets', 'desk.js'), DESK_JS);
  await writeFile(join(root, 'package.json'), '{"secret":true}');
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await rm(root, { recursive: true, force: true });
});

type Reply = RawReply;
const exchange = rawExchange;

/** A POST as the desk page itself would send it, from its own origin. */
function post(port: number, channel: string, payload: unknown, headers: OutgoingHttpHeaders = {}, tls = false): Promise<Reply> {
  const origin = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return exchange({
    port,
    tls,
    method: 'POST',
    path: `/api/${channel}`,
    headers: { Origin: origin, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

async function dispatchedDuring(act: () => Promise<unknown>): Promise<Array<[string, unknown]>> {
  const before = dispatched.length;
  await act();
  return dispatched.slice(before);
}

describe('createRemoteStaffHost: an allowed desk (plain HTTP on loopback)', () => {
  let port: number;
  beforeAll(async () => {
    port = await start({ allow: ['127.0.0.1'] });
  });
  const get = (path: string, headers: OutgoingHttpHeaders = {}) => exchange({ port, method: 'GET', path, headers });

  it('serves the desk page on / with the same CSP and security headers as the web host', async () => {
    const reply = await get('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(DESK);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(reply.headers['cache-control']).toBe('no-store');
  });

  it('serves its assets', async () => {
    const reply = await get('/assets/desk.js');
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(DESK_JS);
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    '/index.html',
    '/print.html',
    '/desk.html',
    '/package.json',
    '/assets/../index.html',
    '/assets/%2e%2e/index.html',
    '/assets/..%2findex.html',
    '/assets/..%2f..%2fpackage.json',
    '/assets',
    '/assets/',
  ])('serves nothing else: %s is 404', async (path) => {
    const reply = await get(path);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('Kiosk');
    expect(reply.body).not.toContain('secret');
  });

  it('answers a wrong Host with 421 under plain HTTP (DNS rebinding)', async () => {
    const page = await get('/', { Host: `evil.example:${port}` });
    expect(page.status).toBe(421);
    const calls = await dispatchedDuring(async () => {
      expect((await post(port, 'staff:unlock', { pin: '2468' }, { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` })).status).toBe(421);
    });
    expect(calls).toEqual([]);
  });

  it('answers the desk channels through the dispatcher', async () => {
    const calls = await dispatchedDuring(async () => {
      const reply = await post(port, 'staff:unlock', { pin: '2468' });
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { unlocked: true, token: TOKEN } });
      expect(JSON.parse((await post(port, 'staff:reset-session', { token: TOKEN })).body)).toEqual({ ok: true, value: {} });
    });
    expect(calls).toEqual([
      ['staff:unlock', { pin: '2468' }],
      ['staff:reset-session', { token: TOKEN }],
    ]);
  });

  it('answers a token that is wrong or has lapsed with 403 and the forbidden Result', async () => {
    const lapsed = await post(port, 'staff:set-service', { token: 'c'.repeat(64), inService: false });
    expect(lapsed.status).toBe(403);
    expect(JSON.parse(lapsed.body)).toEqual({ ok: false, code: 'forbidden', message: 'the staff screen is locked: enter the PIN again' });
    expect((await post(port, 'staff:set-service', { token: TOKEN, inService: false })).status).toBe(200);
  });

  it('offers exactly the five desk channels', () => {
    expect([...DESK_CHANNEL_NAMES].sort()).toEqual(['staff:lock', 'staff:reset-session', 'staff:set-service', 'staff:status', 'staff:unlock']);
  });

  it.each(['content:list', 'kiosk:state', 'print:submit', 'session:end', 'staff:job-retry', 'staff:test-page', 'shell:exec', 'staff%3Aunlock%00'])(
    'answers %s with 404 without dispatching it',
    async (channel) => {
      const calls = await dispatchedDuring(async () => {
        const reply = await post(port, channel, { lang: 'en' });
        expect(reply.status).toBe(404);
        expect(JSON.parse(reply.body)).toMatchObject({ ok: false, code: 'not-found' });
      });
      expect(calls).toEqual([]);
    },
  );

  it.each([
    ['a foreign Origin', { Origin: 'https://evil.example' }],
    ['the web host on another port', { Origin: 'http://127.0.0.1:4300' }],
    ['the right address over the other scheme', { Origin: 'https://127.0.0.1:PORT' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
  ])('refuses a POST with %s (403)', async (_name, headers) => {
    const calls = await dispatchedDuring(async () => {
      const withPort = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v.replace('PORT', String(port))]));
      expect((await post(port, 'staff:unlock', { pin: '2468' }, withPort)).status).toBe(403);
    });
    expect(calls).toEqual([]);
  });

  it('refuses a form post (415) and a GET on the API (405)', async () => {
    const calls = await dispatchedDuring(async () => {
      expect((await post(port, 'staff:unlock', 'pin=2468', { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
      const get = await exchange({ port, method: 'GET', path: '/api/staff:status' });
      expect(get.status).toBe(405);
      expect(get.headers.allow).toBe('POST');
    });
    expect(calls).toEqual([]);
  });

  it('refuses a body over 4 KiB: a PIN or a token never needs more', async () => {
    const calls = await dispatchedDuring(async () => {
      const outcome = await post(port, 'staff:unlock', { pin: '2468', padding: 'x'.repeat(5000) }).then(
        (reply) => reply.status,
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );
      expect([413, 'ECONNRESET', 'EPIPE']).toContain(outcome);
    });
    expect(calls).toEqual([]);
  });

  it('refuses other methods on the page', async () => {
    expect((await exchange({ port, method: 'DELETE', path: '/' })).status).toBe(405);
  });
});

/** What a refused client sees: the connection's error code, or the status if it was answered after all. */
const outcomeOf = (reply: Promise<Reply>) =>
  reply.then(
    (answered) => answered.status,
    (error: NodeJS.ErrnoException) => error.code ?? error.message,
  );

describe('createRemoteStaffHost: the allow list', () => {
  it('disconnects a client from 127.0.0.1 when allow is 10.0.0.0/8, before a byte is answered (logged once, nothing dispatched)', async () => {
    const port = await start({ allow: ['10.0.0.0/8'] });
    log.lines.splice(0);
    const calls = await dispatchedDuring(async () => {
      expect(await outcomeOf(exchange({ port, method: 'GET', path: '/' }))).toBe('ECONNRESET');
      expect(await outcomeOf(post(port, 'staff:unlock', { pin: '2468' }))).toBe('ECONNRESET');
      expect(await outcomeOf(exchange({ port, method: 'GET', path: '/assets/desk.js' }))).toBe('ECONNRESET');
    });
    expect(calls).toEqual([]);
    // One line, however often it knocks: the repeats are folded into a count (log-folding.ts).
    expect(log.lines.filter((line) => line.event === 'remote-staff-refused')).toEqual([
      { level: 'warn', event: 'remote-staff-refused', details: { address: '127.0.0.1', why: 'not in remoteStaff.allow' } },
    ]);
  });

  it('disconnects a refused client over HTTPS before the TLS handshake', async () => {
    const { cert, key } = await makeSelfSignedCert(root);
    const port = await start({ allow: ['10.0.0.0/8'], tls: { cert: await readFile(cert), key: await readFile(key) } });
    const outcome = await outcomeOf(exchange({ port, tls: true, method: 'GET', path: '/' }));
    expect(outcome).toBe('ECONNRESET');
  });

  it('checks IPv4 clients of a server on :: (seen as ::ffff:127.0.0.1) against IPv4 entries', async (context) => {
    let port: number;
    try {
      port = await start({ allow: ['127.0.0.1/32'] }, '::');
    } catch {
      return context.skip('no IPv6 on this machine');
    }
    log.lines.splice(0);
    const reply = await exchange({ port, method: 'GET', path: '/', headers: { Host: `127.0.0.1:${port}` } });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(DESK);

    const refusing = await start({ allow: ['10.0.0.0/8'] }, '::');
    expect(await outcomeOf(exchange({ port: refusing, method: 'GET', path: '/', headers: { Host: `127.0.0.1:${refusing}` } }))).toBe('ECONNRESET');
    expect(log.lines).toContainEqual({
      level: 'warn',
      event: 'remote-staff-refused',
      details: { address: '::ffff:127.0.0.1', why: 'not in remoteStaff.allow' },
    });
  });
});

describe('createAllowList', () => {
  const allowed = createAllowList(['10.0.0.0/8', '192.168.10.5', 'fd00:1::/32', '::1']);

  it.each(['10.0.0.5', '10.255.255.255', '::ffff:10.0.0.5', '::FFFF:10.1.2.3', '192.168.10.5', '::ffff:192.168.10.5', 'fd00:1::7', 'fd00:1:ffff::1', '::1'])(
    'lets %s in',
    (address) => {
      expect(allowed(address)).toBe(true);
    },
  );

  it.each(['11.0.0.1', '127.0.0.1', '::ffff:127.0.0.1', '192.168.10.6', '::ffff:192.168.10.6', 'fd00:2::1', '::2', '', 'not-an-address', '10.0.0.5/8'])(
    'keeps %s out',
    (address) => {
      expect(allowed(address)).toBe(false);
    },
  );

  it('refuses an entry that is not an address (the config schema checks first)', () => {
    expect(() => createAllowList(['desk-pc'])).toThrow('"desk-pc" is not an IP address or range');
  });
});

describe('createRemoteStaffHost: HTTPS', () => {
  let port: number;
  beforeAll(async () => {
    const { cert, key } = await makeSelfSignedCert(root);
    port = await start({ allow: ['127.0.0.0/8'], tls: { cert: await readFile(cert), key: await readFile(key) } });
  });

  it('serves the desk page over TLS', async () => {
    const reply = await exchange({ port, tls: true, method: 'GET', path: '/' });
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(DESK);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('takes API calls from its own https origin and refuses the same address over http', async () => {
    const ok = await post(port, 'staff:unlock', { pin: '1111' }, {}, true);
    expect(JSON.parse(ok.body)).toEqual({ ok: true, value: { unlocked: false, triesLeft: 4, lockedForSeconds: 0 } });
    expect((await post(port, 'staff:unlock', { pin: '1111' }, { Origin: `http://127.0.0.1:${port}` }, true)).status).toBe(403);
    expect((await post(port, 'content:list', { lang: 'en' }, {}, true)).status).toBe(404);
  });

  it('does not answer plain HTTP on its port', async () => {
    const outcome = await exchange({ port, method: 'GET', path: '/' }).then(
      (reply) => reply.status,
      (error: NodeJS.ErrnoException) => error.code ?? error.message,
    );
    expect(outcome).not.toBe(200);
  });
});
