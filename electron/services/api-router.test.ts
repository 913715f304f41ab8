import { afterEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../contract/channels';
import { createDispatcher, describeProblems, isChannel } from './api-router';
import { KioskError } from './kiosk-error';
import { handlersWith } from '../testing/handlers';
import { RecordingLogger } from '../testing/recording-logger';

/** Handlers that fail loudly if called; each test replaces the ones it uses. */
const handlers = (overrides: Parameters<typeof handlersWith>[0] = {}) => handlersWith(overrides);

describe('createDispatcher', () => {
  it('passes the parsed request to the handler and wraps its value', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatcher(
      handlers({
        'content:get': async (req) => {
          seen.push(req);
          return {
            id: req.id,
            lang: req.lang,
            title: 'Fever',
            summary: 's',
            topics: [],
            keywords: [],
            related: [],
            credits: { author: 'a', reviewers: [] },
            currentAsOf: '2026-01-01',
            review: 'sample',
            warning: { title: 't', body: 'b' },
            codes: { icd10cm: [], snomedct: [] },
            body: 'x',
          };
        },
      }),
      new RecordingLogger(),
    );
    const result = await dispatch('content:get', { lang: 'es', id: 'fever' });
    expect(result).toMatchObject({ ok: true, value: { id: 'fever', lang: 'es', title: 'Fever' } });
    expect(seen).toEqual([{ lang: 'es', id: 'fever' }]);
  });

  it('treats a missing payload as an empty request', async () => {
    const dispatch = createDispatcher(handlers({ 'session:end': () => ({}) }), new RecordingLogger());
    expect(await dispatch('session:end', undefined)).toEqual({ ok: true, value: {} });
  });

  it('refuses an unknown channel as a bad request', async () => {
    const log = new RecordingLogger();
    const dispatch = createDispatcher(handlers(), log);
    for (const channel of ['fs:read', '__proto__', 'constructor', '']) {
      const result = await dispatch(channel, {});
      expect(result).toMatchObject({ ok: false, code: 'bad-request' });
    }
    expect(isChannel('print:submit')).toBe(true);
    expect(isChannel('toString')).toBe(false);
  });

  it('refuses a bad payload, names the field, and never calls the handler', async () => {
    const log = new RecordingLogger();
    const dispatch = createDispatcher(handlers(), log);

    const badPin = await dispatch('staff:unlock', { pin: '12' });
    expect(badPin.ok).toBe(false);
    if (badPin.ok) return;
    expect(badPin.code).toBe('bad-request');
    expect(badPin.message).toContain('pin');
    expect(badPin.message).toContain('a PIN is 4 to 12 digits');

    const badIds = await dispatch('print:submit', { kind: 'handouts', lang: 'en', ids: ['../x'] });
    expect(badIds).toMatchObject({ ok: false, code: 'bad-request' });
    expect(!badIds.ok && badIds.message).toContain('ids.0');

    expect(await dispatch('content:list', 'en')).toMatchObject({ ok: false, code: 'bad-request' });
    expect(log.lines.filter((l) => l.event === 'api-bad-request')).toEqual([
      { level: 'warn', event: 'api-bad-request', details: { channel: 'staff:unlock', problem: badPin.message } },
    ]);
    // The refused PIN itself is never logged.
    expect(JSON.stringify(log.lines)).not.toContain('"12"');
  });

  describe('a caller repeating bad requests', () => {
    afterEach(() => void vi.useRealTimers());

    it('gets one line, then one count a window, however many it sends', async () => {
      vi.useFakeTimers();
      const log = new RecordingLogger();
      const dispatch = createDispatcher(handlers(), log);
      for (let i = 0; i < 500; i++) await dispatch('content:list', { lang: 'en', [`key${i}`]: i });
      expect(log.lines.map((l) => l.event)).toEqual(['api-bad-request']);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(log.lines.at(-1)).toEqual({ level: 'warn', event: 'log-folded', details: { kind: 'api-bad-request', folded: 499, seconds: 60 } });
      expect(JSON.stringify(log.lines)).not.toContain('key1');
    });
  });

  it('gives a KioskError its own code and message', async () => {
    const dispatch = createDispatcher(
      handlers({
        'print:status': () => {
          throw new KioskError('not-found', 'no print job job-abc');
        },
        'print:submit': async () => {
          throw new KioskError('limit', 'at most 3 handouts per person');
        },
      }),
      new RecordingLogger(),
    );
    expect(await dispatch('print:status', { id: 'job-abc' })).toEqual({ ok: false, code: 'not-found', message: 'no print job job-abc' });
    expect(await dispatch('print:submit', { kind: 'phone-slip', lang: 'en' })).toEqual({
      ok: false,
      code: 'limit',
      message: 'at most 3 handouts per person',
    });
  });

  it('turns any other error into "internal" without the stack, and logs the cause', async () => {
    const log = new RecordingLogger();
    const dispatch = createDispatcher(
      handlers({
        'content:list': async () => {
          throw new Error('EACCES: permission denied, open /srv/content/topics.json');
        },
      }),
      log,
    );
    const result = await dispatch('content:list', { lang: 'en' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('internal');
    expect(result.message).not.toContain('EACCES');
    expect(result.message).not.toContain('/srv/content');
    expect(result.message).not.toMatch(/\bat\s.+:\d+:\d+/);

    const logged = log.lines.filter((l) => l.level === 'error');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.event).toBe('api-handler-failed');
    expect(logged[0]!.details?.channel).toBe('content:list');
    expect(logged[0]!.details?.cause).toContain('EACCES: permission denied');
    expect(logged[0]!.details?.cause).toContain('api-router.test.ts');
  });

  it('copes with a handler that throws something that is not an Error', async () => {
    const log = new RecordingLogger();
    const dispatch = createDispatcher(
      handlers({
        'kiosk:state': () => {
          throw 'plain string';
        },
      }),
      log,
    );
    expect(await dispatch('kiosk:state', {})).toMatchObject({ ok: false, code: 'internal' });
    expect(log.lines.at(-1)!.details?.cause).toBe('plain string');
  });
});

describe('describeProblems', () => {
  const problemsOf = (channel: keyof typeof channels, payload: unknown) => {
    const parsed = channels[channel].req.safeParse(payload);
    if (parsed.success) throw new Error('expected the payload to be refused');
    return describeProblems(parsed.error.issues);
  };

  it('counts unknown fields and never names them', () => {
    const sneaky = 'x'.repeat(5000);
    const problem = problemsOf('content:list', { lang: 'en', [sneaky]: 1, 'rm -rf /': 2 });
    expect(problem).toBe('request: 2 unknown fields');
    expect(problemsOf('content:list', { lang: 'en', extra: 1 })).toBe('request: 1 unknown field');
  });

  it('names each field by its path in the schema, with the schema’s words for the problem', () => {
    expect(problemsOf('staff:unlock', { pin: 12 })).toMatch(/^pin: /);
    expect(problemsOf('print:submit', { kind: 'handouts', lang: 'en', ids: ['ok-id', '../x'] })).toMatch(/^ids\.1: /);
  });

  it('describes at most three problems, and says how many more there were', () => {
    const problem = problemsOf('print:submit', { kind: 'handouts', lang: 'en', ids: Array.from({ length: 10 }, () => '../x') });
    expect(problem.split('; ')).toHaveLength(4);
    expect(problem).toMatch(/; and 7 more$/);
  });

  it('stays short whatever the request held', () => {
    const values = Array.from({ length: 2000 }, (_, i) => [`k${i}`, 'v'.repeat(30)]);
    const problem = problemsOf('print:submit', {
      kind: 'handouts',
      lang: 'en',
      ids: Array.from({ length: 2000 }, () => '#'.repeat(100)),
      ...Object.fromEntries(values),
    });
    expect(problem.length).toBeLessThan(600);
    expect(problem).not.toContain('###');
    expect(problem).not.toContain('vvv');
  });
});
