import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskServices, type KioskServices } from './kiosk-services';
import { RecordingLogger } from '../testing/recording-logger';
import { makePdf } from '../testing/make-pdf';
import { SmallDisk, whyNoSmallDisk } from '../testing/small-disk';

// The kiosk on a data folder it cannot write: it comes up, serves patients, keeps counts in
// memory, tells staff, and changes nothing it cannot save.

const CONTENT = resolve(import.meta.dirname, '../../content');
const demo = JSON.parse(await readFile(join(CONTENT, 'demo-config.json'), 'utf8')) as Record<string, unknown>;
const noSmallDisk = await whyNoSmallDisk();

let dir: string;
let dataDir: string;
let log: RecordingLogger;
const open: KioskServices[] = [];
const disks: SmallDisk[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-services-disk-'));
  dataDir = join(dir, 'data');
  log = new RecordingLogger();
  // Printed PDFs go to a folder beside the config, not into the data folder under test.
  await writeFile(join(dir, 'config.json'), JSON.stringify({ ...demo, $schema: undefined, print: { spooler: { type: 'folder', folder: 'printed' } } }));
});
afterEach(async () => {
  for (const services of open.splice(0)) services.close();
  for (const disk of disks.splice(0)) await disk.unmount();
  await rm(dir, { recursive: true, force: true });
});

async function start(): Promise<KioskServices> {
  const services = await createKioskServices({
    configPath: join(dir, 'config.json'),
    contentDir: CONTENT,
    dataDir,
    pdfRenderer: { warm: async () => {}, render: async () => makePdf(), close: async () => {} },
    log,
    version: '9.9.9',
  });
  open.push(services);
  return services;
}

async function mountData(): Promise<SmallDisk> {
  await mkdir(dataDir);
  const disk = await SmallDisk.mount(dataDir);
  disks.push(disk);
  return disk;
}

async function staffStatus(services: KioskServices) {
  const unlocked = await services.handlers['staff:unlock']({ pin: '1234' });
  if (!unlocked.unlocked) throw new Error('the demo PIN did not unlock');
  return { token: unlocked.token, status: await services.handlers['staff:status']({ token: unlocked.token }) };
}

/** A patient from Welcome to "come in", and a handout printed. */
async function servePatient(services: KioskServices) {
  expect((await services.handlers['kiosk:state']({ resting: true })).status).toBe('ready');
  await services.handlers['session:record']({ event: 'session-start' });
  await services.handlers['session:record']({ event: 'come-in' });
  const job = await services.handlers['print:submit']({ kind: 'handouts', lang: 'en', ids: ['fever'] });
  await vi.waitFor(async () => expect((await services.handlers['print:status']({ id: job.id })).state).toBe('done'));
}

const events = () => log.lines.map((line) => line.event);

describe('a read-only data folder', () => {
  it('the kiosk starts and serves patients; staff are told; a service change is refused and nothing changes', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const disk = await mountData();
    await writeFile(join(dataDir, 'counts.json'), JSON.stringify({ '2020-01-01': { sessions: 3 } }));
    await disk.readOnly();

    const services = await start();
    await servePatient(services);
    expect(services.metrics()).toMatchObject({ outOfService: null, saveFailing: { data: true, logs: false }, counters: { sessions: 1 } });
    const { token, status } = await staffStatus(services);
    expect(status.saveProblems).toEqual([{ place: 'data', folder: dataDir, cause: 'read-only', code: 'EROFS', since: expect.any(String) }]);
    expect(status.days[0]).toMatchObject({ sessions: 1, comeIn: 1, handoutsPrinted: 1 });
    expect(log.lines.filter((line) => line.event === 'data-folder-unwritable')).toEqual([
      { level: 'error', event: 'data-folder-unwritable', details: expect.objectContaining({ folder: dataDir, code: 'EROFS' }) },
    ]);

    await expect(services.handlers['staff:set-service']({ token, inService: false })).rejects.toMatchObject({
      code: 'internal',
      message: `The kiosk could not save this change, so nothing changed: its data folder ${dataDir} is read-only. Ask IT.`,
    });
    expect(services.state().status).toBe('ready');
    expect(services.metrics().outOfService).toBeNull();
    expect(events()).not.toContain('staff-out-of-service');

    // IT makes the folder writable: the staff screen's next look finds it so, and saving works.
    await disk.writable();
    expect((await services.handlers['staff:status']({ token })).saveProblems).toEqual([]);
    expect(events()).toContain('data-folder-writable');
    await services.handlers['staff:set-service']({ token, inService: false });
    expect(services.state().status).toBe('staff-out-of-service');
    expect(JSON.parse(await readFile(join(dataDir, 'service.json'), 'utf8'))).toEqual({ inService: false });
  });
});

describe('a full disk', () => {
  it('patients are served and counted in memory; the counts reach the disk once there is room', async (context) => {
    context.skip(noSmallDisk !== undefined, noSmallDisk);
    const disk = await mountData();
    await disk.fill();

    const services = await start();
    await servePatient(services);
    const { status } = await staffStatus(services);
    expect(status.saveProblems).toMatchObject([{ place: 'data', folder: dataDir, cause: 'full', code: 'ENOSPC' }]);
    expect(await readdir(dataDir)).toEqual(['.filler']);

    await disk.free();
    await services.handlers['session:record']({ event: 'session-start' });
    expect(services.metrics().saveFailing.data).toBe(false);
    const saved = JSON.parse(await readFile(join(dataDir, 'counts.json'), 'utf8')) as Record<string, { sessions: number; comeIn: number }>;
    expect(Object.values(saved)).toEqual([expect.objectContaining({ sessions: 2, comeIn: 1, handoutsPrinted: 1 })]);
    // Nothing half-written was left behind while the disk was full.
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe('something in the way', () => {
  it('a file where the data folder should be: the kiosk starts, and staff are told', async () => {
    await writeFile(dataDir, 'not a folder');
    const services = await start();
    // Known from the check at start, before anything needed saving.
    expect(services.metrics().saveFailing).toEqual({ data: true, logs: false });
    await servePatient(services);
    const { status } = await staffStatus(services);
    expect(status.saveProblems).toMatchObject([{ place: 'data', folder: dataDir, cause: 'in-the-way' }]);
  });

  it('a folder where service.json should be: taking the kiosk out of service is refused, also after a restart', async () => {
    await mkdir(join(dataDir, 'service.json'), { recursive: true });
    const services = await start();
    const { token } = await staffStatus(services);
    await expect(services.handlers['staff:set-service']({ token, inService: false })).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining(`its data folder ${dataDir} has a file or folder in the way`),
    });
    expect(services.state().status).toBe('ready');
    services.close();
    expect((await start()).state().status).toBe('ready');
  });
});

describe('after a kill mid-write', () => {
  it('the kiosk starts from the last good files and clears what the killed writes left', async () => {
    await mkdir(dataDir);
    const today = new Date();
    const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    await writeFile(join(dataDir, 'counts.json'), JSON.stringify({ [day]: { sessions: 5, comeIn: 4 } }));
    await writeFile(join(dataDir, 'service.json'), JSON.stringify({ inService: true }));
    // What a kill leaves: a temp file cut off mid-write, beside the whole last good file.
    await writeFile(join(dataDir, '.counts.json.0a1b2c3d4e5f.tmp'), `{"${day}": {"sessions": 6, "com`);
    await writeFile(join(dataDir, '.service.json.0a1b2c3d4e5f.tmp'), '{"inServ');
    await writeFile(join(dataDir, '.print-jobs.json.0a1b2c3d4e5f.tmp'), '[{"id": "job-');

    const services = await start();
    expect(services.state().status).toBe('ready');
    const { status } = await staffStatus(services);
    expect(status.days[0]).toMatchObject({ day, sessions: 5, comeIn: 4 });
    expect(status.saveProblems).toEqual([]);
    await vi.waitFor(async () => expect((await readdir(dataDir)).sort()).toEqual(['counts.json', 'service.json']));
    await services.handlers['session:record']({ event: 'session-start' });
    expect(JSON.parse(await readFile(join(dataDir, 'counts.json'), 'utf8'))).toEqual({ [day]: expect.objectContaining({ sessions: 6, comeIn: 4 }) });
  });
});
