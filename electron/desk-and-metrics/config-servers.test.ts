import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '../contract/config';
import { createDispatcher } from '../services/api-router';
import type { MetricsSnapshot } from '../services/metrics/metrics-snapshot';
import { handlersWith } from '../testing/handlers';
import { rawExchange } from '../testing/raw-http';
import { RecordingLogger } from '../testing/recording-logger';
import { startConfigServers, type ConfigServers } from './config-servers';
import { makeSelfSignedCert } from '../testing/self-signed-cert';
import { freePort } from '../testing/free-port';

const DESK = '<!doctype html><title>Front desk</title>';
const SNAPSHOT: MetricsSnapshot = {
  version: '0.1.0',
  contentVersion: 'v1',
  outOfService: null,
  saveFailing: { data: false, logs: false },
  printerReady: true,
  jobs: { queued: 0, printing: 0, done: 0, failed: 0, unknown: 0, cancelled: 0 },
  counters: { sessions: 7, comeIn: 0, stayOut: 0, turnedAway: 0, handoutsPrinted: 0, configLoadErrors: 0 },
};

type Sections = Pick<KioskConfig, 'remoteStaff' | 'metrics'>;

let root: string;
let rendererDir: string;
let tls: { cert: string; key: string };
let log: RecordingLogger;
let running: ConfigServers | undefined;

/** The kiosk as config-servers sees it: a config in force that the test changes, and the news of it. */
function fakeKiosk(initial: Sections | undefined) {
  let config = initial;
  const listeners: Array<() => void> = [];
  return {
    services: {
      config: () => config as KioskConfig | undefined,
      onConfigApplied: (listener: () => void) => void listeners.push(listener),
      metrics: () => SNAPSHOT,
    },
    /** Applies a new config, as the kiosk does after an edit to the file. */
    apply(next: Sections | undefined) {
      config = next;
      for (const listener of listeners) listener();
    },
  };
}

function start(initial: Sections | undefined) {
  const kiosk = fakeKiosk(initial);
  log = new RecordingLogger();
  running = startConfigServers({ services: kiosk.services, dispatch: createDispatcher(handlersWith({}), log), rendererDir, log });
  return { ...kiosk, servers: running };
}

/** GET over http or https (trusting the test certificate): the status and body, or the connection error's code. */
function get(url: string): Promise<{ status: number; body: string } | string> {
  const { protocol, port, pathname } = new URL(url);
  return rawExchange({ port: Number(port), method: 'GET', path: pathname, tls: protocol === 'https:' }).then(
    ({ status, body }) => ({ status, body }),
    (error: NodeJS.ErrnoException) => error.code ?? error.message,
  );
}

const events = (name: string) => log.lines.filter((line) => line.event === name);
const local = (port: number) => ({ host: '127.0.0.1', port });

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-config-servers-'));
  rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'desk.html'), DESK);
  tls = await makeSelfSignedCert(root);
});
afterEach(async () => {
  await running?.close();
  running = undefined;
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('startConfigServers', () => {
  it('starts nothing when the config has neither section, or while there is no config in force', async () => {
    const { servers, apply } = start({});
    await servers.settled();
    apply(undefined);
    await servers.settled();
    expect(servers.urls()).toEqual({});
    expect(log.lines).toEqual([]);
  });

  it('starts both from the config in force and logs where each listens', async () => {
    const [staffPort, metricsPort] = [await freePort(), await freePort()];
    const { servers } = start({ remoteStaff: { listen: local(staffPort), allow: ['127.0.0.1'] }, metrics: { listen: local(metricsPort) } });
    await servers.settled();
    expect(servers.urls()).toEqual({ remoteStaff: `http://127.0.0.1:${staffPort}`, metrics: `http://127.0.0.1:${metricsPort}` });
    expect(events('remote-staff-listening')).toEqual([{ level: 'info', event: 'remote-staff-listening', details: { url: `http://127.0.0.1:${staffPort}` } }]);
    expect(events('metrics-listening')).toEqual([{ level: 'info', event: 'metrics-listening', details: { url: `http://127.0.0.1:${metricsPort}` } }]);
    expect(await get(`http://127.0.0.1:${staffPort}/`)).toEqual({ status: 200, body: DESK });
    const scrape = await get(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(scrape).toMatchObject({ status: 200 });
    expect((scrape as { body: string }).body).toContain('kiosk_sessions_total 7');
  });

  it('restarts the server whose section changed, leaves the other alone, and stops one whose section is gone', async () => {
    const [staffPort, metricsPort, newPort] = [await freePort(), await freePort(), await freePort()];
    const remoteStaff = { listen: local(staffPort), allow: ['127.0.0.1'] };
    const { servers, apply } = start({ remoteStaff, metrics: { listen: local(metricsPort) } });
    await servers.settled();

    apply({ remoteStaff: { ...remoteStaff, allow: ['127.0.0.1'] }, metrics: { listen: local(newPort) } });
    await servers.settled();
    expect(await get(`http://127.0.0.1:${metricsPort}/metrics`)).toBe('ECONNREFUSED');
    expect(await get(`http://127.0.0.1:${newPort}/metrics`)).toMatchObject({ status: 200 });
    expect(events('metrics-stopped')).toEqual([{ level: 'info', event: 'metrics-stopped', details: { url: `http://127.0.0.1:${metricsPort}` } }]);
    expect(events('metrics-listening')).toHaveLength(2);
    // The desk's section is the same: its server was not touched.
    expect(events('remote-staff-listening')).toHaveLength(1);
    expect(events('remote-staff-stopped')).toEqual([]);

    apply({ remoteStaff: { ...remoteStaff, allow: ['10.0.0.0/8'] } });
    await servers.settled();
    expect(await get(`http://127.0.0.1:${newPort}/metrics`)).toBe('ECONNREFUSED');
    // The new allow list is in force: this client is now disconnected as it connects.
    expect(await get(`http://127.0.0.1:${staffPort}/`)).toBe('ECONNRESET');
    expect(servers.urls()).toEqual({ remoteStaff: `http://127.0.0.1:${staffPort}` });
  });

  it('says clearly when a port is in use, starts the other server anyway, and tries again with the next config', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const taken = (blocker.address() as AddressInfo).port;
    const staffPort = await freePort();
    const sections: Sections = { remoteStaff: { listen: local(staffPort), allow: ['127.0.0.1'] }, metrics: { listen: local(taken) } };
    const { servers, apply } = start(sections);
    await servers.settled();
    expect(events('metrics-not-started')).toEqual([
      {
        level: 'error',
        event: 'metrics-not-started',
        details: {
          reason: `port ${taken} on 127.0.0.1 is already in use by another program: choose another metrics.listen.port, or stop that program`,
          whatNow: 'the kiosk keeps running without it; fix the config and save it again',
        },
      },
    ]);
    expect(servers.urls()).toEqual({ remoteStaff: `http://127.0.0.1:${staffPort}` });

    await new Promise((resolve) => blocker.close(resolve));
    apply(sections);
    await servers.settled();
    expect(servers.urls().metrics).toBe(`http://127.0.0.1:${taken}`);
    expect(events('remote-staff-listening')).toHaveLength(1);
  });

  it('names the certificate file it cannot read and leaves the desk page off', async () => {
    const missing = join(root, 'no-such-cert.pem');
    const { servers } = start({ remoteStaff: { listen: local(await freePort()), allow: ['127.0.0.1'], tls: { cert: missing, key: tls.key } } });
    await servers.settled();
    expect(events('remote-staff-not-started')).toMatchObject([
      { level: 'error', details: { reason: `cannot read remoteStaff.tls.cert "${missing}": there is no such file` } },
    ]);
    expect(servers.urls()).toEqual({});
  });

  it('says so when the key is not PEM or not the certificate’s', async () => {
    const garbage = join(root, 'garbage.pem');
    await writeFile(garbage, 'not a key');
    const { servers } = start({ remoteStaff: { listen: local(await freePort()), allow: ['127.0.0.1'], tls: { cert: tls.cert, key: garbage } } });
    await servers.settled();
    const [line] = events('remote-staff-not-started');
    expect(line?.details?.reason).toMatch(/^remoteStaff\.tls: the certificate or key is not usable \(.+\): give a PEM certificate and its own private key$/);
  });

  it('serves the desk page over HTTPS with the configured certificate', async () => {
    const port = await freePort();
    const { servers } = start({ remoteStaff: { listen: local(port), allow: ['127.0.0.1'], tls } });
    await servers.settled();
    expect(servers.urls()).toEqual({ remoteStaff: `https://127.0.0.1:${port}` });
    expect(await get(`https://127.0.0.1:${port}/`)).toEqual({ status: 200, body: DESK });
  });

  it('close() stops both for good, even when a config arrives later', async () => {
    const [staffPort, metricsPort] = [await freePort(), await freePort()];
    const sections: Sections = { remoteStaff: { listen: local(staffPort), allow: ['127.0.0.1'] }, metrics: { listen: local(metricsPort) } };
    const { servers, apply } = start(sections);
    await servers.settled();
    await servers.close();
    apply({ metrics: { listen: local(metricsPort) } });
    await servers.settled();
    expect(await get(`http://127.0.0.1:${staffPort}/`)).toBe('ECONNREFUSED');
    expect(await get(`http://127.0.0.1:${metricsPort}/metrics`)).toBe('ECONNREFUSED');
    expect(servers.urls()).toEqual({});
  });
});
