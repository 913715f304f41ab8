import { describe, expect, it } from 'vitest';
import { kioskVersion, parsePrintTarget } from './print-target';

const parse = (query: string) => parsePrintTarget(new URLSearchParams(query));

describe('parsePrintTarget', () => {
  it('reads a handout, the phone slip and the test page', () => {
    expect(parse('kind=handout&lang=en&id=fever')).toEqual({ kind: 'handout', lang: 'en', id: 'fever' });
    expect(parse('kind=phone-slip&lang=es')).toEqual({ kind: 'phone-slip', lang: 'es' });
    expect(parse('kind=test-page&lang=en&printer=kiosk-pdf')).toEqual({ kind: 'test-page', lang: 'en', printer: 'kiosk-pdf' });
  });

  it.each(['kind=handout&lang=en', 'kind=handout&lang=French&id=fever', 'kind=handout&lang=en&id=../etc', 'lang=en&id=fever', 'kind=poster&lang=en'])(
    'refuses %s',
    (query) => {
      expect(() => parse(query)).toThrow();
    },
  );

  it('shows printer names as staff know them: CUPS queues, Windows shares, folders', () => {
    for (const name of ['HP_LaserJet_M404', '\\\\frontdesk\\HP LaserJet (Room 2)', '/var/spool/kiosk', 'Impresora recepción']) {
      expect(parse(`kind=test-page&lang=en&printer=${encodeURIComponent(name)}`)).toMatchObject({ printer: name });
    }
  });

  it.each([
    ['missing', ''],
    ['empty', '&printer='],
    ['blank', '&printer=%20%20'],
    ['a line break', `&printer=${encodeURIComponent('a\nb')}`],
    ['a control character', `&printer=${encodeURIComponent('a\u0007b')}`],
    ['a bidi override', `&printer=${encodeURIComponent('abc\u202edcba')}`],
    ['128 characters', `&printer=${'p'.repeat(128)}`],
  ])('leaves out a printer name that is %s (the page says "unknown")', (_, printer) => {
    expect(parse(`kind=test-page&lang=en${printer}`)).toEqual({ kind: 'test-page', lang: 'en', printer: undefined });
  });

  it('accepts a 127-character name and trims spaces', () => {
    expect(parse(`kind=test-page&lang=en&printer=${'p'.repeat(127)}`)).toMatchObject({ printer: 'p'.repeat(127) });
    expect(parse('kind=test-page&lang=en&printer=%20lp0%20')).toMatchObject({ printer: 'lp0' });
  });
});

describe('kioskVersion', () => {
  it('reads the version when the host sends one, and nothing otherwise', () => {
    expect(kioskVersion({ version: '0.2.0' })).toBe('0.2.0');
    expect(kioskVersion({})).toBeUndefined();
    expect(kioskVersion({ version: '' })).toBeUndefined();
    expect(kioskVersion({ version: 7 })).toBeUndefined();
  });
});
