import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, PrintRequestSchema, StaffUnlockSchema } from './channels';

const ok = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;

describe('channels', () => {
  it('has a request and a response schema for every channel name, and nothing else', () => {
    expect(Object.keys(channels).sort()).toEqual([...CHANNEL_NAMES].sort());
  });
});

describe('PrintRequest', () => {
  const req = channels['print:submit'].req;

  it('accepts handouts with one to ten ids, and a phone slip', () => {
    expect(req).toBe(PrintRequestSchema);
    expect(ok(req, { kind: 'handouts', lang: 'en', ids: ['fever'] })).toBe(true);
    expect(ok(req, { kind: 'handouts', lang: 'es', ids: Array.from({ length: 10 }, (_, i) => `handout-${i}`) })).toBe(true);
    expect(ok(req, { kind: 'phone-slip', lang: 'es' })).toBe(true);
  });

  it('rejects an unknown kind', () => {
    expect(ok(req, { kind: 'poster', lang: 'en', ids: ['fever'] })).toBe(false);
    expect(ok(req, { lang: 'en', ids: ['fever'] })).toBe(false);
  });

  it('rejects a language that is not a language code (whether the kiosk offers it is checked by the host)', () => {
    expect(ok(req, { kind: 'phone-slip', lang: 'French' })).toBe(false);
    expect(ok(req, { kind: 'phone-slip', lang: '../en' })).toBe(false);
    expect(ok(req, { kind: 'phone-slip', lang: 'pt-BR' })).toBe(true);
  });

  it('rejects ids with uppercase letters or path parts', () => {
    for (const id of ['Fever', '../fever', '../../etc/passwd', 'fever/x', 'fever.en', '', '-fever', 'fever--x']) {
      expect(ok(req, { kind: 'handouts', lang: 'en', ids: [id] }), id).toBe(false);
    }
  });

  it('rejects no ids and more than ten ids', () => {
    expect(ok(req, { kind: 'handouts', lang: 'en', ids: [] })).toBe(false);
    expect(ok(req, { kind: 'handouts', lang: 'en', ids: Array.from({ length: 11 }, (_, i) => `handout-${i}`) })).toBe(false);
  });

  it('rejects extra keys', () => {
    expect(ok(req, { kind: 'handouts', lang: 'en', ids: ['fever'], copies: 50 })).toBe(false);
    expect(ok(req, { kind: 'phone-slip', lang: 'en', ids: ['fever'] })).toBe(false);
    expect(ok(req, { kind: 'phone-slip', lang: 'en', printer: 'other' })).toBe(false);
  });
});

describe('staff:unlock', () => {
  const req = channels['staff:unlock'].req;

  it('takes a PIN of 4 to 12 digits', () => {
    for (const pin of ['1234', '000000', '123456789012']) expect(ok(req, { pin }), pin).toBe(true);
  });

  it('refuses anything else, with a plain message', () => {
    for (const pin of ['123', '1234567890123', '12a4', ' 1234', '1234\n', '١٢٣٤', '']) {
      expect(ok(req, { pin }), JSON.stringify(pin)).toBe(false);
    }
    expect(ok(req, { pin: 1234 })).toBe(false);
    expect(ok(req, { pin: '1234', remember: true })).toBe(false);
    const result = req.safeParse({ pin: '12' });
    expect(result.success ? '' : result.error.issues[0]!.message).toBe('a PIN is 4 to 12 digits');
  });
});

describe('print:status', () => {
  const req = channels['print:status'].req;

  it('takes a job id as the print service makes them', () => {
    expect(ok(req, { id: 'job-0b7f6a52-3c1e-4d2a-9f3e-2a1b0c9d8e7f' })).toBe(true);
  });

  it('refuses other ids', () => {
    for (const id of ['0b7f6a52', 'job-', 'job-ABC', 'job-../../x', 'job-a/b', `job-${'a'.repeat(65)}`, 'xjob-a']) {
      expect(ok(req, { id }), id).toBe(false);
    }
    expect(ok(req, { id: 'job-a', extra: 1 })).toBe(false);
  });
});

describe('requests without data', () => {
  it('take an empty object only', () => {
    for (const name of ['kiosk:state', 'session:end', 'print:availability'] as const) {
      expect(ok(channels[name].req, {})).toBe(true);
      expect(ok(channels[name].req, { x: 1 })).toBe(false);
    }
  });

  it('session:record takes only the known events', () => {
    const req = channels['session:record'].req;
    for (const event of ['session-start', 'come-in', 'stay-out', 'turned-away']) expect(ok(req, { event })).toBe(true);
    expect(ok(req, { event: 'answered-yes' })).toBe(false);
    expect(ok(req, { event: 'come-in', answers: [true] })).toBe(false);
  });
});

describe('speech:unavailable', () => {
  const req = channels['speech:unavailable'].req;

  it('takes a language code and one of the known reasons, nothing else', () => {
    for (const reason of ['no-speech-api', 'no-voices', 'no-voice-for-language', 'network-voices-only'])
      expect(ok(req, { lang: 'es', reason }), reason).toBe(true);
    expect(ok(req, { lang: 'es', reason: 'engine exploded' })).toBe(false);
    expect(ok(req, { lang: 'not a language', reason: 'no-voices' })).toBe(false);
    expect(ok(req, { reason: 'no-voices' })).toBe(false);
    // Free text could carry what was on screen: the request has no room for it.
    expect(ok(req, { lang: 'es', reason: 'no-voices', text: 'Do you have a fever?' })).toBe(false);
  });
});

describe('staff channels', () => {
  const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90'.repeat(2);
  const JOB = 'job-0b7f6a52-3c1e-4d2a-9f3e-2a1b0c9d8e7f';
  const BAD_TOKENS = ['', 'a'.repeat(63), 'a'.repeat(65), TOKEN.toUpperCase(), 'g'.repeat(64), ` ${TOKEN}`.slice(0, 64), `${TOKEN}\n`, 1234, null];

  it('staff:status, staff:test-page and staff:lock take a well-formed token and nothing else', () => {
    for (const name of ['staff:status', 'staff:test-page', 'staff:lock'] as const) {
      const req = channels[name].req;
      expect(ok(req, { token: TOKEN }), name).toBe(true);
      expect(ok(req, {}), name).toBe(false);
      for (const token of BAD_TOKENS) expect(ok(req, { token }), `${name} ${JSON.stringify(token)}`).toBe(false);
      expect(ok(req, { token: TOKEN, printer: 'other' }), name).toBe(false);
    }
    const result = channels['staff:status'].req.safeParse({ token: 'nope' });
    expect(result.success ? '' : result.error.issues[0]!.message).toBe('not a staff token');
  });

  it('staff:job-retry and staff:job-cancel take a token and a job id', () => {
    for (const name of ['staff:job-retry', 'staff:job-cancel'] as const) {
      const req = channels[name].req;
      expect(ok(req, { token: TOKEN, id: JOB }), name).toBe(true);
      expect(ok(req, { id: JOB }), name).toBe(false);
      expect(ok(req, { token: TOKEN }), name).toBe(false);
      for (const token of BAD_TOKENS) expect(ok(req, { token, id: JOB }), `${name} ${JSON.stringify(token)}`).toBe(false);
      for (const id of ['job-../x', 'job-ABC', '0b7f6a52', 'job-']) expect(ok(req, { token: TOKEN, id }), `${name} ${id}`).toBe(false);
      expect(ok(req, { token: TOKEN, id: JOB, copies: 5 }), name).toBe(false);
    }
  });

  it('staff:unlock answers a token when unlocked, and tries left when not', () => {
    expect(channels['staff:unlock'].res).toBe(StaffUnlockSchema);
    expect(ok(StaffUnlockSchema, { unlocked: true, token: TOKEN })).toBe(true);
    expect(ok(StaffUnlockSchema, { unlocked: true })).toBe(false);
    expect(ok(StaffUnlockSchema, { unlocked: true, token: 'short' })).toBe(false);
    expect(ok(StaffUnlockSchema, { unlocked: false, triesLeft: 3, lockedForSeconds: 0 })).toBe(true);
    expect(ok(StaffUnlockSchema, { unlocked: false })).toBe(false);
  });

  it('print:availability answers whether printing is available', () => {
    const res = channels['print:availability'].res;
    expect(ok(res, { available: true })).toBe(true);
    expect(ok(res, { available: 'yes' })).toBe(false);
    expect(ok(res, {})).toBe(false);
  });
});
