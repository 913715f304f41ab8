import { describe, expect, it } from 'vitest';
import { CHANNEL_NAMES, channels, PrintRequestSchema } from './channels';

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

  it('rejects an unknown language', () => {
    expect(ok(req, { kind: 'phone-slip', lang: 'fr' })).toBe(false);
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
    for (const name of ['kiosk:state', 'session:end'] as const) {
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
