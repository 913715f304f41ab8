import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigProblem } from '../../contract/channels';
import { loadConfigFile, parseConfig, toPublicConfig, type ConfigLoad } from './config-loader';

const DEMO_CONFIG = join(import.meta.dirname, '..', '..', '..', 'content', 'demo-config.json');
const PIN_HASH = 'scrypt$32768$8$1$mEL47N36e1BO0H8xryFlwg==$rXsw2GV7wEWOussQJ9K8I/tc1uTPuujFn2kUFlB8heI=';

/** A small valid config, without any of the fields that have defaults. */
function minimalConfig(): Record<string, unknown> {
  return {
    clinic: { name: { en: 'Test Clinic', es: 'Clínica de Prueba' }, phone: '(555) 010-0100' },
    visitorPolicy: { mode: 'open', text: { en: 'Visitors welcome.', es: 'Se permiten visitas.' } },
    screening: {
      questions: [
        { id: 'fever', text: { en: 'Do you have a fever?', es: '¿Tiene fiebre?' } },
        { id: 'cough', text: { en: 'Do you have a new cough?', es: '¿Tiene tos nueva?' } },
      ],
    },
    staff: { pinHash: PIN_HASH },
  };
}

function problemsOf(result: ConfigLoad): ConfigProblem[] {
  if (result.ok) throw new Error('expected the config to be refused');
  return result.problems;
}

describe('ConfigSchema via parseConfig', () => {
  it('accepts the shipped demo config', async () => {
    const result = parseConfig(JSON.parse(await readFile(DEMO_CONFIG, 'utf8')), 'demo');
    expect(result).toMatchObject({ ok: true, source: 'demo' });
    if (!result.ok) return;
    expect(result.config.languages).toEqual(['en', 'es']);
    expect(result.config.screening.questions.map((q) => q.id)).toEqual(['fever', 'cough', 'upper-respiratory', 'flu-like']);
  });

  it('fills in the defaults', () => {
    const result = parseConfig(minimalConfig(), 'test');
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { config } = result;
    expect(config.idle).toEqual({ warnAfterSeconds: 45, countdownSeconds: 20, doneSeconds: 8 });
    expect(config.handouts.maxPerSession).toBe(3);
    expect(config.handouts.rules).toEqual([]);
    expect(config.handouts.askReason).toBe(true);
    expect(config.print.paper).toBe('Letter');
    expect(config.print.spooler).toBeUndefined();
    expect(config.languages).toEqual(['en', 'es']);
    expect(config.defaultLanguage).toBe('en');
  });

  it('takes suggestion rules, and names what is wrong with one by its path', () => {
    const rules = [
      { when: { outcome: 'stay-out' }, suggest: { handouts: ['fever'], codes: { icd10cm: ['R50'] } } },
      { when: {}, suggest: { topics: ['colds'] } },
      { when: { party: 'patient' }, suggest: { codes: { snomedct: ['12'] } }, why: 'x' },
    ];
    const result = parseConfig({ ...minimalConfig(), handouts: { rules } }, 'test');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { path: 'handouts.rules.1.when', message: 'say when the rule applies: outcome, party or reason' },
      { path: 'handouts.rules.2.suggest.codes.snomedct.0', message: 'a SNOMED CT concept id (6 to 18 digits)' },
      { path: 'handouts.rules.2', message: expect.stringContaining('"why"') },
    ]);
    expect(parseConfig({ ...minimalConfig(), handouts: { rules: rules.slice(0, 1), askReason: false } }, 'test')).toMatchObject({ ok: true });
  });

  it('names the missing Spanish text of a question by its path', () => {
    const config = minimalConfig();
    (config.screening as { questions: Array<{ text: Record<string, string> }> }).questions[1]!.text = { en: 'Do you have a new cough?' };
    expect(problemsOf(parseConfig(config, 'test'))).toEqual([{ path: 'screening.questions.1.text.es', message: 'missing the "es" text' }]);
  });

  it('does not ask for Spanish when Spanish is not offered', () => {
    const config = { ...minimalConfig(), languages: ['en'] } as Record<string, unknown>;
    (config.screening as { questions: Array<{ text: Record<string, string> }> }).questions[1]!.text = { en: 'Do you have a new cough?' };
    expect(parseConfig(config, 'test').ok).toBe(true);
  });

  it('refuses a default language that is not offered', () => {
    const problems = problemsOf(parseConfig({ ...minimalConfig(), languages: ['en'], defaultLanguage: 'es' }, 'test'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('defaultLanguage');
    expect(problems[0]!.message).toContain('must be one of languages (en)');
  });

  it('refuses a language with no UI strings file, and one that is not a language code', () => {
    const withFrench = { ...minimalConfig(), languages: ['en', 'fr'] };
    expect(problemsOf(parseConfig(withFrench, 'test'))).toEqual([
      { path: 'languages.1', message: expect.stringContaining('no UI strings for "fr": add renderer/locales/fr.json') },
      // Reported at once, so IT learns both what to add and what to write.
      ...['clinic.name.fr', 'visitorPolicy.text.fr', 'screening.questions.0.text.fr', 'screening.questions.1.text.fr'].map((path) => ({
        path,
        message: 'missing the "fr" text',
      })),
    ]);
    expect(problemsOf(parseConfig({ ...minimalConfig(), languages: ['en', 'Spanish'] }, 'test'))[0]).toEqual({
      path: 'languages.1',
      message: 'a language code such as en, es, fr or pt-BR',
    });
  });

  it('takes the pseudo-locales, whose strings are made from English, when each text has them', () => {
    const pseudo = (text: Record<string, string>) => ({ ...text, 'en-XA': `[${text.en}]`, 'ar-XB': `<${text.en}>` });
    const base = minimalConfig() as {
      clinic: { name: Record<string, string>; phone: string };
      visitorPolicy: { mode: string; text: Record<string, string> };
      screening: { questions: Array<{ id: string; text: Record<string, string> }> };
    };
    const config = {
      ...base,
      languages: ['en', 'en-XA', 'ar-XB'],
      clinic: { ...base.clinic, name: pseudo(base.clinic.name) },
      visitorPolicy: { ...base.visitorPolicy, text: pseudo(base.visitorPolicy.text) },
      screening: { questions: base.screening.questions.map((q) => ({ ...q, text: pseudo(q.text) })) },
    };
    expect(parseConfig(config, 'test')).toMatchObject({ ok: true, config: { languages: ['en', 'en-XA', 'ar-XB'] } });
  });

  it('refuses duplicate question ids', () => {
    const config = minimalConfig();
    (config.screening as { questions: Array<{ id: string }> }).questions[1]!.id = 'fever';
    expect(problemsOf(parseConfig(config, 'test'))).toEqual([{ path: 'screening.questions.1.id', message: 'duplicate id "fever"' }]);
  });

  it('refuses an unknown top-level key', () => {
    const problems = problemsOf(parseConfig({ ...minimalConfig(), printer: 'office' }, 'test'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('(top level)');
    expect(problems[0]!.message).toContain('printer');
  });

  it("reads the phone number in the clinic's country (US unless given), and refuses one without its area code", () => {
    const result = parseConfig(minimalConfig(), 'test');
    expect(result.ok && result.config.clinic.country).toBe('US');
    const clinic = (minimalConfig() as { clinic: object }).clinic;
    expect(problemsOf(parseConfig({ ...minimalConfig(), clinic: { ...clinic, phone: '010-0100' } }, 'test'))).toEqual([
      { path: 'clinic.phone', message: 'not a whole phone number in US: give it with its area code' },
    ]);
    expect(parseConfig({ ...minimalConfig(), clinic: { ...clinic, phone: '55 1234 5678', country: 'MX' } }, 'test').ok).toBe(true);
    expect(problemsOf(parseConfig({ ...minimalConfig(), clinic: { ...clinic, country: 'Mexico' } }, 'test'))).toEqual([
      { path: 'clinic.country', message: 'a two-letter country code in capitals, such as US, MX or CA' },
    ]);
  });

  it('refuses a phone number with letters', () => {
    const config = minimalConfig();
    config.clinic = { name: { en: 'Test Clinic', es: 'Clínica' }, phone: 'call us' };
    expect(problemsOf(parseConfig(config, 'test'))).toEqual([{ path: 'clinic.phone', message: 'digits, spaces and + ( ) - . only' }]);
  });

  it('refuses an scrypt hash whose cost scrypt itself would refuse', () => {
    const problems = problemsOf(parseConfig({ ...minimalConfig(), staff: { pinHash: 'scrypt$1000$0$1$c2FsdA==$aGFzaA==' } }, 'test'));
    expect(problems).toEqual([{ path: 'staff.pinHash', message: expect.stringContaining('power of 2') }]);
  });

  it('refuses a PIN hash that is not an scrypt hash, and a PIN in the clear', () => {
    for (const pinHash of ['1234', 'bcrypt$10$abc', 'scrypt$32768$8$1$salt']) {
      const problems = problemsOf(parseConfig({ ...minimalConfig(), staff: { pinHash } }, 'test'));
      expect(problems).toEqual([{ path: 'staff.pinHash', message: 'make one with `npm run hash-pin`' }]);
    }
  });

  it('refuses a CUPS printer name with a space, accepts a plain one', () => {
    const withPrinter = (printer: string) => ({ ...minimalConfig(), print: { spooler: { type: 'cups', printer } } });
    const problems = problemsOf(parseConfig(withPrinter('Front Desk'), 'test'));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('print.spooler.printer');
    expect(problems[0]!.message).toContain('CUPS queue name');

    const ok = parseConfig(withPrinter('Front_Desk-2'), 'test');
    expect(ok.ok && ok.config.print.spooler).toEqual({ type: 'cups', printer: 'Front_Desk-2' });
  });
});

describe('loadConfigFile', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiosk-config-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads and checks a file', async () => {
    const file = join(dir, 'good.json');
    await writeFile(file, JSON.stringify(minimalConfig()));
    const result = await loadConfigFile(file);
    expect(result).toMatchObject({ ok: true, source: file, config: { clinic: { phone: '(555) 010-0100' } } });
  });

  it('reports a missing file as a problem with the file, not an exception', async () => {
    const file = join(dir, 'missing.json');
    const result = await loadConfigFile(file);
    expect(result.source).toBe(file);
    const problems = problemsOf(result);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('(file)');
    expect(problems[0]!.message).toContain('ENOENT');
  });

  it('reads a file saved with a byte-order mark, as Windows PowerShell writes it', async () => {
    const file = join(dir, 'bom.json');
    await writeFile(file, '\uFEFF' + JSON.stringify(minimalConfig()));
    expect((await loadConfigFile(file)).ok).toBe(true);
  });

  it('reports a file that is not JSON', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ "clinic": { "name": ');
    const problems = problemsOf(await loadConfigFile(file));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe('(file)');
    expect(problems[0]!.message).toContain('not valid JSON');
  });

  it('reports schema problems of a readable file with their field paths', async () => {
    const file = join(dir, 'bad-phone.json');
    await writeFile(file, JSON.stringify({ ...minimalConfig(), clinic: { name: { en: 'A', es: 'B' }, phone: 'x' } }));
    expect(problemsOf(await loadConfigFile(file)).map((p) => p.path)).toEqual(['clinic.phone']);
  });

  it('reads folders in the config relative to the config file, and keeps absolute ones', async () => {
    const sub = join(dir, 'clinic');
    await mkdir(sub, { recursive: true });
    const file = join(sub, 'kiosk.json');
    await writeFile(
      file,
      JSON.stringify({ ...minimalConfig(), handouts: { contentDir: 'our-content' }, print: { spooler: { type: 'folder', folder: '../pdfs' } } }),
    );
    const result = await loadConfigFile(file);
    if (!result.ok) throw new Error('expected a valid config');
    expect(result.config.handouts.contentDir).toBe(join(sub, 'our-content'));
    expect(result.config.print.spooler).toEqual({ type: 'folder', folder: join(dir, 'pdfs') });

    await writeFile(file, JSON.stringify({ ...minimalConfig(), print: { spooler: { type: 'folder', folder: '/srv/kiosk-pdfs' } } }));
    const absolute = await loadConfigFile(file);
    expect(absolute.ok && absolute.config.print.spooler).toEqual({ type: 'folder', folder: '/srv/kiosk-pdfs' });

    const remoteStaff = { listen: { host: '0.0.0.0', port: 4301 }, allow: ['10.0.0.0/24'], tls: { cert: 'desk.crt', key: '/etc/ssl/desk.key' } };
    await writeFile(file, JSON.stringify({ ...minimalConfig(), remoteStaff }));
    const withTls = await loadConfigFile(file);
    expect(withTls.ok && withTls.config.remoteStaff?.tls).toEqual({ cert: join(sub, 'desk.crt'), key: '/etc/ssl/desk.key' });
  });
});

describe('remote staff and metrics config', () => {
  const remote = (extra: object) =>
    parseConfig({ ...minimalConfig(), remoteStaff: { listen: { host: '127.0.0.1', port: 4301 }, allow: ['127.0.0.1'], ...extra } }, 'test');

  it('accepts the staff page on loopback without HTTPS, with addresses and ranges', () => {
    expect(remote({}).ok).toBe(true);
    expect(remote({ allow: ['192.168.10.5', '10.1.0.0/16', '::1', 'fd00::/8'] }).ok).toBe(true);
  });

  it('refuses the staff page beyond loopback without HTTPS', () => {
    expect(problemsOf(remote({ listen: { host: '0.0.0.0', port: 4301 } }))).toEqual([
      { path: 'remoteStaff.tls', message: expect.stringContaining('needs HTTPS') },
    ]);
    expect(remote({ listen: { host: '0.0.0.0', port: 4301 }, tls: { cert: 'a.crt', key: 'a.key' } }).ok).toBe(true);
  });

  it('refuses an allow list that is empty or holds names instead of addresses', () => {
    expect(problemsOf(remote({ allow: [] })).map((p) => p.path)).toEqual(['remoteStaff.allow']);
    expect(problemsOf(remote({ allow: ['front-desk.local'] })).map((p) => p.path)).toEqual(['remoteStaff.allow.0']);
  });

  it('takes a metrics address and refuses a bad port', () => {
    expect(parseConfig({ ...minimalConfig(), metrics: { listen: { host: '0.0.0.0', port: 9464 } } }, 'test').ok).toBe(true);
    expect(problemsOf(parseConfig({ ...minimalConfig(), metrics: { listen: { host: '0.0.0.0', port: 70000 } } }, 'test')).map((p) => p.path)).toEqual([
      'metrics.listen.port',
    ]);
  });
});

describe('toPublicConfig', () => {
  it('leaves out the staff PIN hash and the spooler (host paths, printer names)', () => {
    const result = parseConfig(
      {
        ...minimalConfig(),
        print: { paper: 'A4', spooler: { type: 'folder', folder: '/srv/kiosk/secret-share' } },
        handouts: { rules: [{ when: { outcome: 'come-in' }, suggest: { topics: ['host-only'] } }] },
      },
      'test',
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const pub = toPublicConfig(result.config);
    expect(pub).not.toHaveProperty('staff');
    expect(pub).not.toHaveProperty('print');
    expect(pub.paper).toBe('A4');
    expect(pub.handouts).toEqual({ maxPerSession: 3, askReason: true });
    const text = JSON.stringify(pub);
    expect(text).not.toContain('scrypt');
    expect(text).not.toContain('secret-share');
    expect(text).not.toContain('spooler');
    // Rules are answered by the host (content:suggest); the touch UI needs only whether to ask.
    expect(text).not.toContain('host-only');
  });
});
