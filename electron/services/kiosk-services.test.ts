import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskServices, type KioskServices } from './kiosk-services';
import { hashPin } from './staff/pin-hash';
import { RecordingLogger } from '../testing/recording-logger';
import { BUNDLE_FILE, buildBundle } from './content/library-bundle';

const CONTENT = resolve(import.meta.dirname, '../../content');
const demo = JSON.parse(await readFile(join(CONTENT, 'demo-config.json'), 'utf8')) as Record<string, unknown> & { clinic: { phone: string } };
const DEMO_PIN = '1234';

let dir: string;
let configPath: string;
let log: RecordingLogger;
const open: KioskServices[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kiosk-services-'));
  configPath = join(dir, 'config.json');
  log = new RecordingLogger();
});
afterEach(async () => {
  for (const services of open.splice(0)) services.close();
  await rm(dir, { recursive: true, force: true });
});

const writeConfig = (changes: Record<string, unknown> = {}) =>
  writeFile(configPath, JSON.stringify({ ...demo, $schema: undefined, print: { spooler: { type: 'folder', folder: 'printed' } }, ...changes }));

/** The services' clock: a minute later at each reading, so every `loadedAt` differs. */
let minutes = 0;
const clock = () => new Date(Date.UTC(2026, 10, 28, 9, minutes++));

async function start(): Promise<KioskServices> {
  const services = await createKioskServices({
    now: clock,
    configPath,
    contentDir: CONTENT,
    dataDir: join(dir, 'data'),
    pdfRenderer: { warm: async () => {}, render: () => Promise.reject(new Error('no PDFs in these tests')), close: () => Promise.resolve() },
    log,
    version: '9.9.9',
  });
  open.push(services);
  return services;
}

async function unlock(services: KioskServices): Promise<string> {
  const result = await services.handlers['staff:unlock']({ pin: DEMO_PIN });
  if (!result.unlocked) throw new Error('the demo PIN did not unlock');
  return result.token;
}

const phoneOf = (services: KioskServices) => {
  const state = services.state();
  return state.status === 'ready' ? state.config.clinic.phone : state.status;
};
const logged = (event: string) => vi.waitFor(() => expect(log.lines.map((l) => l.event)).toContain(event), { timeout: 5000 });

describe('config edits while the kiosk runs', () => {
  it('holds a valid edit until the touch UI says it is resting, then applies it', async () => {
    await writeConfig();
    const services = await start();
    const before = services.state();
    await writeConfig({ clinic: { ...demo.clinic, phone: '(555) 010-0222' } });
    await logged('config-reload-pending');

    // Mid-session the old config stays in force.
    expect(await services.handlers['kiosk:state']({ resting: false })).toEqual(before);
    expect(phoneOf(services)).toBe(demo.clinic.phone);

    const after = await services.handlers['kiosk:state']({ resting: true });
    expect(after.status === 'ready' && after.config.clinic.phone).toBe('(555) 010-0222');
    expect(after.status === 'ready' && before.status === 'ready' && after.loadedAt > before.loadedAt).toBe(true);
    expect(log.lines.map((l) => l.event)).toContain('config-reloaded');
  });

  it('refuses an invalid edit, logs every problem, counts it, and keeps the last good config', async () => {
    await writeConfig();
    const services = await start();
    await writeConfig({ clinic: { ...demo.clinic, phone: 'call us' } });
    await logged('config-reload-refused');

    expect(await services.handlers['kiosk:state']({ resting: true })).toMatchObject({ status: 'ready', config: { clinic: { phone: demo.clinic.phone } } });
    expect(log.lines).toContainEqual({
      level: 'error',
      event: 'config-invalid',
      details: { file: configPath, field: 'clinic.phone', problem: expect.any(String) },
    });
    expect(services.metrics().counters.configLoadErrors).toBe(1);
    const status = await services.handlers['staff:status']({ token: await unlock(services) });
    expect(status.events).toContainEqual(expect.objectContaining({ event: 'config-refused', detail: expect.stringContaining('clinic.phone') }));
    expect(status.config).toMatchObject({ path: configPath, pending: false });
  });

  it('applies a fixed config at once when the kiosk was out of service for it', async () => {
    await writeConfig({ clinic: { ...demo.clinic, phone: 'call us' } });
    const services = await start();
    expect(services.state()).toMatchObject({ status: 'out-of-service', reason: 'config', problems: [{ path: 'clinic.phone' }] });
    expect(services.metrics()).toMatchObject({ outOfService: 'config', printerReady: null, contentVersion: null });

    await writeConfig();
    await vi.waitFor(() => expect(services.state().status).toBe('ready'), { timeout: 5000 });
  });

  it('a save that changes nothing applies nothing, but tells the hosts (to retry a server that failed)', async () => {
    await writeConfig();
    const services = await start();
    const before = services.state();
    const heard = vi.fn();
    services.onConfigApplied(heard);
    await writeConfig();
    await vi.waitFor(() => expect(heard).toHaveBeenCalled(), { timeout: 5000 });
    expect(log.lines.map((l) => l.event)).not.toContain('config-reload-pending');
    expect(await services.handlers['kiosk:state']({ resting: true })).toEqual(before);
  });

  it('an edit saved back to the config in force cancels the waiting one', async () => {
    await writeConfig();
    const services = await start();
    await writeConfig({ clinic: { ...demo.clinic, phone: '(555) 010-0444' } });
    await logged('config-reload-pending');
    const heard = vi.fn();
    services.onConfigApplied(heard);
    await writeConfig();
    await vi.waitFor(() => expect(heard).toHaveBeenCalled(), { timeout: 5000 });
    await services.handlers['kiosk:state']({ resting: true });
    expect(phoneOf(services)).toBe(demo.clinic.phone);
    expect((await services.handlers['staff:status']({ token: await unlock(services) })).config.pending).toBe(false);
  });

  it('a refused edit while out of service for config shows the new problems, and is not logged as reloaded', async () => {
    await writeConfig({ clinic: { ...demo.clinic, phone: 'call us' } });
    const services = await start();
    await writeConfig({ clinic: { ...demo.clinic, phone: '(555) 010-0199' }, idle: { warnAfterSeconds: 1 } });
    await logged('config-reload-refused');
    expect(services.state()).toMatchObject({ status: 'out-of-service', problems: [{ path: 'idle.warnAfterSeconds' }] });
    expect(log.lines.map((l) => l.event)).not.toContain('config-reloaded');
  });
});

describe('staff', () => {
  it('take the kiosk out of service and back, and it stays out across a restart', async () => {
    await writeConfig();
    const services = await start();
    const token = await unlock(services);
    await services.handlers['staff:set-service']({ token, inService: false });
    expect(services.state()).toEqual({ status: 'staff-out-of-service', languages: ['en', 'es'], loadedAt: expect.any(String) });
    expect(services.metrics().outOfService).toBe('staff');
    services.close();

    const restarted = await start();
    expect(restarted.state().status).toBe('staff-out-of-service');
    const again = await unlock(restarted);
    expect((await restarted.handlers['staff:status']({ token: again })).inService).toBe(false);
    await restarted.handlers['staff:set-service']({ token: again, inService: true });
    expect(restarted.state().status).toBe('ready');
    expect((await restarted.handlers['staff:status']({ token: again })).events.map((e) => e.event)).toEqual(['in-service', 'staff-unlock', 'printer-ready']);
  });

  it('two quick presses take the kiosk out of service once (it is saved before it is applied)', async () => {
    await writeConfig();
    const services = await start();
    const token = await unlock(services);
    await Promise.all([
      services.handlers['staff:set-service']({ token, inService: false }),
      services.handlers['staff:set-service']({ token, inService: false }),
    ]);
    expect(services.state().status).toBe('staff-out-of-service');
    expect(log.lines.filter((line) => line.event === 'staff-out-of-service')).toHaveLength(1);
  });

  it('end the session from the desk: the count the touch UI watches goes up', async () => {
    await writeConfig();
    const services = await start();
    const token = await unlock(services);
    expect(services.state()).toMatchObject({ resets: 0 });
    await services.handlers['staff:reset-session']({ token });
    expect(services.state()).toMatchObject({ resets: 1 });
  });

  it('see 7 days of counts, the config file and versions; nothing without a fresh token', async () => {
    await writeConfig();
    const services = await start();
    await services.handlers['session:record']({ event: 'session-start' });
    await services.handlers['session:record']({ event: 'stay-out' });
    await services.handlers['session:end']({ reset: 'idle' });
    const status = await services.handlers['staff:status']({ token: await unlock(services) });
    expect(status.days).toHaveLength(7);
    expect(status.days[0]).toMatchObject({ sessions: 1, stayOut: 1, comeIn: 0 });
    expect(status.days.slice(1).every((d) => d.sessions === 0)).toBe(true);
    expect(status).toMatchObject({ inService: true, version: '9.9.9', config: { path: configPath, pending: false } });
    expect(status.events.map((e) => e.event)).toContain('session-reset');
    // Monitoring sees sessions at once, but an outcome only once its day has ended.
    expect(services.metrics().counters).toMatchObject({ sessions: 1, stayOut: 0, comeIn: 0 });
    minutes += 24 * 60;
    expect(services.metrics().counters).toMatchObject({ sessions: 1, stayOut: 1, comeIn: 0 });

    await expect(async () => services.handlers['staff:set-service']({ token: 'f'.repeat(64), inService: false })).rejects.toMatchObject({ code: 'forbidden' });
    expect(services.state().status).toBe('ready');
  });

  it('log a test language in the config, and a language the content has no handouts in', async () => {
    // Every {en, es} text of the demo config gets an en-XA text too.
    const withTest = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(withTest)
        : value && typeof value === 'object'
          ? { ...Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTest(v)])), ...('en' in value && 'es' in value && { 'en-XA': '[test]' }) }
          : value;
    await writeConfig({
      ...(withTest(demo) as object),
      $schema: undefined,
      print: { spooler: { type: 'folder', folder: 'printed' } },
      languages: ['en', 'en-XA'],
    });
    const services = await start();
    expect(services.state().status).toBe('ready');
    const warnings = log.lines.filter((l) => l.level === 'warn').map((l) => [l.event, l.details?.lang]);
    expect(warnings).toContainEqual(['config-test-language', 'en-XA']);
    expect(warnings.filter(([event]) => event === 'content-language-missing')).toEqual([['content-language-missing', 'en-XA']]);
  });

  it('give content and print only in a language the config offers', async () => {
    await writeConfig({ languages: ['en'] });
    const services = await start();
    expect((await services.handlers['content:list']({ lang: 'en' })).handouts.length).toBeGreaterThan(0);
    // Spanish handouts exist, but this kiosk does not offer Spanish.
    for (const call of [
      () => services.handlers['content:list']({ lang: 'es' }),
      () => services.handlers['content:search']({ lang: 'es', query: 'fiebre' }),
      () => services.handlers['content:get']({ lang: 'es', id: 'fever' }),
      () => services.handlers['print:submit']({ kind: 'phone-slip', lang: 'es' }),
    ]) {
      await expect(async () => call()).rejects.toMatchObject({ code: 'bad-request', message: '"es" is not a language of this kiosk (en)' });
    }
  });

  it('see a broken handout in the content folder, while patients still get the others', async () => {
    const contentDir = join(dir, 'content');
    // Copied in without "content build": the kiosk reads the Markdown and finds the broken file.
    await cp(CONTENT, contentDir, { recursive: true, filter: (source) => !source.endsWith(BUNDLE_FILE) });
    await writeFile(join(contentDir, 'handouts', 'broken.en.md'), '---\nid: broken\nlang: en\ntitle: [not closed\n---\n\n## Overview\n\nText.\n');
    await writeConfig({ handouts: { ...(demo.handouts as object), contentDir } });
    const services = await start();
    const status = await services.handlers['staff:status']({ token: await unlock(services) });
    expect(status.contentProblems).toEqual([{ file: 'broken.en.md', message: expect.any(String) }]);
    const { handouts } = await services.handlers['content:list']({ lang: 'en' });
    expect(handouts.map((h) => h.id)).toContain('fever');
    expect(handouts.map((h) => h.id)).not.toContain('broken');
  });

  it('see a bundle older than its files, and patients get the files as they are once the kiosk rests', async () => {
    const contentDir = join(dir, 'content');
    await cp(CONTENT, contentDir, { recursive: true, filter: (source) => !source.endsWith(BUNDLE_FILE) });
    await buildBundle(contentDir);
    // Corrected after the bundle was built, and "content build" forgotten.
    const fever = join(contentDir, 'handouts', 'fever.en.md');
    await writeFile(fever, (await readFile(fever, 'utf8')).replace('title: Fever', 'title: Fever (corrected)'));
    await writeConfig({ handouts: { ...(demo.handouts as object), contentDir } });
    const services = await start();
    expect((await services.handlers['content:get']({ lang: 'en', id: 'fever' })).title).toBe('Fever');

    await logged('content-bundle-stale');
    await logged('config-reload-pending');
    const token = await unlock(services);
    expect((await services.handlers['staff:status']({ token })).contentProblems).toEqual([
      { file: BUNDLE_FILE, message: expect.stringContaining('content build') },
    ]);
    await services.handlers['kiosk:state']({ resting: true });
    expect((await services.handlers['content:get']({ lang: 'en', id: 'fever' })).title).toBe('Fever (corrected)');
    expect(log.lines).toContainEqual(expect.objectContaining({ event: 'content-loaded', details: expect.objectContaining({ source: 'markdown' }) }));
    expect((await services.handlers['staff:status']({ token: await unlock(services) })).contentProblems).toEqual([
      { file: BUNDLE_FILE, message: expect.stringContaining('out of date') },
    ]);
  });

  it('a new PIN ends the staff sessions the old one opened', async () => {
    await writeConfig();
    const services = await start();
    const token = await unlock(services);
    await writeConfig({ staff: { pinHash: await hashPin('97531') } });
    await logged('config-reload-pending');
    await services.handlers['kiosk:state']({ resting: true });
    await expect(async () => services.handlers['staff:status']({ token })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await services.handlers['staff:unlock']({ pin: '97531' })).unlocked).toBe(true);
  });

  it('taking the kiosk out of service applies a waiting config, since no one is mid-session', async () => {
    await writeConfig();
    const services = await start();
    const token = await unlock(services);
    await writeConfig({ clinic: { ...demo.clinic, phone: '(555) 010-0333' } });
    await logged('config-reload-pending');
    expect((await services.handlers['staff:status']({ token })).config.pending).toBe(true);
    await services.handlers['staff:set-service']({ token, inService: false });
    await services.handlers['staff:set-service']({ token, inService: true });
    expect(phoneOf(services)).toBe('(555) 010-0333');
  });
});

describe('speech', () => {
  it('logs that "Read to me" is unavailable in a language, with the reason and nothing more', async () => {
    await writeConfig();
    const services = await start();
    expect(await services.handlers['speech:unavailable']({ lang: 'es', reason: 'no-voice-for-language' })).toEqual({});
    expect(log.lines).toContainEqual({ level: 'warn', event: 'speech-unavailable', details: { lang: 'es', reason: 'no-voice-for-language' } });
    // Each of the kiosk's languages is news; a language it does not offer is refused, not logged.
    await services.handlers['speech:unavailable']({ lang: 'en', reason: 'no-voices' });
    expect(log.lines).toContainEqual({ level: 'warn', event: 'speech-unavailable', details: { lang: 'en', reason: 'no-voices' } });
    expect(() => services.handlers['speech:unavailable']({ lang: 'fr', reason: 'no-voices' })).toThrow(/not a language of this kiosk/);
  });
});

describe('suggestions', () => {
  const patient = { lang: 'en', outcome: 'come-in', party: 'patient', reason: null } as const;
  const suggested = async (services: KioskServices, visit: Partial<Parameters<KioskServices['handlers']['content:suggest']>[0]> = {}) =>
    (await services.handlers['content:suggest']({ ...patient, ...visit })).handouts.map((h) => h.id);

  it("come from the shipped rules.json, with the config's own rules first; the reasons reach the touch UI", async () => {
    await writeConfig({ handouts: { ...(demo.handouts as object), rules: [{ when: { reason: 'pregnancy' }, suggest: { handouts: ['dvt-blood-clots'] } }] } });
    const services = await start();
    expect(await suggested(services, { outcome: 'stay-out' })).toEqual(['respiratory-illness-home-care', 'cover-coughs-clean-hands', 'fever']);
    expect(await suggested(services, { reason: 'pregnancy' })).toEqual(['dvt-blood-clots', 'leg-cramps-pregnancy', 'cover-coughs-clean-hands', 'flu-vaccine']);
    expect(await suggested(services, { party: 'patient-with-guardian' })).toEqual(['fever', 'cover-coughs-clean-hands', 'flu-vaccine']);
    const state = services.state();
    expect(state.status === 'ready' && state.reasons.map((r) => r.id)).toEqual([
      'pregnancy',
      'child-visit',
      'cold-or-flu',
      'long-term-condition',
      'something-else',
    ]);
    expect(state.status === 'ready' && state.config.handouts).toEqual({ maxPerSession: 3, askReason: true });
    // Every id the shipped rules name exists, in both languages.
    expect(log.lines.map((l) => l.event)).not.toContain('suggestion-rule-unknown');
    expect(log.lines.map((l) => l.event)).not.toContain('content-rules-invalid');
  });

  it('a bad rules.json leaves the kiosk up on the config rules alone, and staff see why', async () => {
    const contentDir = join(dir, 'content');
    await cp(CONTENT, contentDir, { recursive: true });
    await writeFile(join(contentDir, 'rules.json'), JSON.stringify({ rules: [{ when: { outcome: 'come-in' } }] }));
    await writeConfig({
      handouts: {
        ...(demo.handouts as object),
        contentDir,
        rules: [{ when: { outcome: 'come-in' }, suggest: { handouts: ['staying-hydrated', 'no-such-handout'] } }],
      },
    });
    const services = await start();
    expect(services.state()).toMatchObject({ status: 'ready', reasons: [] });
    expect(await suggested(services)).toEqual(['staying-hydrated']);
    expect(await suggested(services, { outcome: 'stay-out' })).toEqual([]);
    const status = await services.handlers['staff:status']({ token: await unlock(services) });
    expect(status.contentProblems).toContainEqual({ file: 'rules.json', message: expect.stringContaining('rules[0].suggest') });
    expect(log.lines).toContainEqual({
      level: 'error',
      event: 'content-rules-invalid',
      details: { file: 'rules.json', problem: expect.stringContaining('rules[0].suggest') },
    });
    expect(log.lines).toContainEqual({
      level: 'warn',
      event: 'suggestion-rule-unknown',
      details: { rule: 'handouts.rules[0].suggest.handouts', problem: 'unknown handout "no-such-handout"' },
    });
  });

  it('a content folder without rules.json suggests from the config alone and asks no reason', async () => {
    const contentDir = join(dir, 'content');
    await cp(CONTENT, contentDir, { recursive: true });
    await rm(join(contentDir, 'rules.json'));
    await writeConfig({ handouts: { ...(demo.handouts as object), contentDir } });
    const services = await start();
    expect(services.state()).toMatchObject({ status: 'ready', reasons: [] });
    expect(await suggested(services, { reason: 'pregnancy' })).toEqual([]);
    expect(log.lines.map((l) => l.event)).not.toContain('content-rules-invalid');
  });
});
