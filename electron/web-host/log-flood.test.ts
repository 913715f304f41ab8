import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDispatcher } from '../services/api-router';
import { createKioskServices, type KioskServices } from '../services/kiosk-services';
import { createLogger } from '../services/log';
import { flushFoldedLogs } from '../services/log-folding';
import { logFile } from '../services/paths';
import { rawExchange, type RawRequest } from '../testing/raw-http';
import { createHttpHost } from './http-host';
import { createRemoteStaffHost } from '../desk-and-metrics/remote-staff-host';

/**
 * Thousands of hostile requests, over real HTTP, to the web host and to an allowed desk, with the
 * real services and the real log file: the log stays a few lines, never rotates, and holds nothing
 * the callers sent.
 */

const CONTENT = resolve(import.meta.dirname, '../../content');
/** Small rotation, so that an unfolded flood would have rotated both old files away many times. */
const ROTATION = { maxBytes: 16 * 1024, keep: 2 };
/** Every caller-sent string below carries this, so the log can be searched for any of it. */
const MARK = 'EVIL';

let root: string;
let file: string;
let services: KioskServices;
let web: Server;
let desk: Server;
let before: string;

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}
const close = (server: Server) => new Promise<void>((done) => server.close(() => done()));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kiosk-log-flood-'));
  const dataDir = join(root, 'data');
  file = logFile(dataDir);
  await mkdir(join(dataDir, 'logs'), { recursive: true });
  // Last week's logs, which a flood must not push out.
  await writeFile(file.replace(/\.log$/, '.1.log'), '{"event":"older-1"}\n');
  await writeFile(file.replace(/\.log$/, '.2.log'), '{"event":"older-2"}\n');
  const demo = JSON.parse(await readFile(join(CONTENT, 'demo-config.json'), 'utf8')) as Record<string, unknown>;
  const configPath = join(root, 'config.json');
  await writeFile(configPath, JSON.stringify({ ...demo, $schema: undefined, print: { spooler: { type: 'folder', folder: 'printed' } } }));
  const rendererDir = join(root, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'desk.html'), '<!doctype html><title>Desk</title>');

  const log = createLogger(file, () => {}, ROTATION);
  services = await createKioskServices({
    configPath,
    contentDir: CONTENT,
    dataDir,
    pdfRenderer: { warm: async () => {}, render: () => Promise.reject(new Error('no PDFs here')), close: () => Promise.resolve() },
    log,
    version: '9.9.9',
  });
  const dispatch = createDispatcher(services.handlers, log);
  web = createHttpHost({ dispatch, rendererDir, log });
  desk = createRemoteStaffHost({ dispatch, rendererDir, log, allow: ['127.0.0.1'] }) as Server;
  before = await readFile(file, 'utf8');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Runs `requests` a dozen at a time; returns the status of each. */
async function flood(requests: RawRequest[]): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) statuses.push((await rawExchange(requests[next++]!)).status);
  };
  await Promise.all(Array.from({ length: 12 }, worker));
  return statuses;
}

describe('a flood of hostile requests', () => {
  const sent = { badPayload: 0, crossOrigin: 0, resets: 0, speech: 0, unknownChannel: 0, deskBadPayload: 0 };

  it('is answered, each with its status', async () => {
    const webPort = await listen(web);
    const deskPort = await listen(desk);
    const host = `127.0.0.1:${webPort}`;
    const json = { Host: host, 'Content-Type': 'application/json' };
    // Unknown keys, long ones: zod would have quoted every one of them into the log.
    const unknownKeys = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`${MARK}-key-${i}-${'x'.repeat(100)}`, 1]));
    const requests: RawRequest[] = [];
    for (let i = 0; i < 400; i++) {
      requests.push({ port: webPort, method: 'POST', path: '/api/content:list', headers: json, body: JSON.stringify({ lang: 'en', ...unknownKeys }) });
      requests.push({
        port: webPort,
        method: 'POST',
        path: '/api/kiosk:state',
        headers: { ...json, Origin: `https://${MARK}.example/${'o'.repeat(2000)}` },
        body: '{}',
      });
      requests.push({ port: webPort, method: 'POST', path: '/api/session:end', headers: json, body: '{"reset":"idle"}' });
      requests.push({ port: webPort, method: 'POST', path: '/api/speech:unavailable', headers: json, body: '{"lang":"en","reason":"no-voices"}' });
      requests.push({ port: webPort, method: 'POST', path: `/api/${MARK}-${'c'.repeat(1000)}`, headers: json, body: '{}' });
    }
    // The desk reads 4 KiB at most: fewer unknown keys, still quoted into the log before.
    const deskKeys = Object.fromEntries(Object.entries(unknownKeys).slice(0, 25));
    const deskRequests: RawRequest[] = Array.from({ length: 1200 }, () => ({
      port: deskPort,
      method: 'POST',
      path: '/api/staff:unlock',
      headers: { 'Content-Type': 'application/json', Origin: `http://127.0.0.1:${deskPort}` },
      body: JSON.stringify({ pin: '1234', ...deskKeys }),
    }));
    Object.assign(sent, { badPayload: 400, crossOrigin: 400, resets: 400, speech: 400, unknownChannel: 400, deskBadPayload: 1200 });

    const statuses = [...(await flood(requests)), ...(await flood(deskRequests))];
    const tally = (status: number) => statuses.filter((s) => s === status).length;
    expect({ 200: tally(200), 400: tally(400), 403: tally(403), 404: tally(404) }).toEqual({ 200: 800, 400: 1600, 403: 400, 404: 400 });

    services.close();
    await Promise.all([close(web), close(desk)]);
    // The dispatcher's count, which the process writes as it exits.
    flushFoldedLogs();
  });

  it('leaves the log a few lines, with nothing the callers sent', async () => {
    const written = (await readFile(file, 'utf8')).slice(before.length);
    const lines = written
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(written).not.toContain(MARK);
    expect(written).not.toContain('xxxxxxxx');
    // Every request is accounted for: the first line of each kind, and the count of the rest.
    const accounted = (event: string) =>
      lines.filter((l) => l.event === event).length +
      lines.filter((l) => l.event === 'log-folded' && l.kind === event).reduce((sum, l) => sum + Number(l.folded), 0);
    expect(accounted('api-bad-request')).toBe(sent.badPayload + sent.deskBadPayload);
    expect(accounted('http-cross-origin-refused')).toBe(sent.crossOrigin);
    expect(accounted('session-reset')).toBe(sent.resets);
    expect(accounted('speech-unavailable')).toBe(sent.speech);
    // What the first lines say: what was wrong, in the project's words.
    expect(lines.find((l) => l.event === 'api-bad-request')).toMatchObject({ channel: 'content:list', problem: 'request: 100 unknown fields' });
    expect(lines.find((l) => l.event === 'http-cross-origin-refused')).toMatchObject({ channel: 'kiosk:state', why: 'Origin is not this page' });
  });

  it('never rotates the older log files away', async () => {
    expect(await readFile(file.replace(/\.log$/, '.1.log'), 'utf8')).toBe('{"event":"older-1"}\n');
    expect(await readFile(file.replace(/\.log$/, '.2.log'), 'utf8')).toBe('{"event":"older-2"}\n');
    // Unfolded, even lines as short as the first one would have filled the log and both old files.
    const oneLine = (await readFile(file, 'utf8')).split('\n').find((line) => line.includes('"api-bad-request"'))!;
    expect(Buffer.byteLength(oneLine) * 3600).toBeGreaterThan(ROTATION.maxBytes * (ROTATION.keep + 1));
  });
});
