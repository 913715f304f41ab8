import { describe, expect, it } from 'vitest';
import { parsePrintPagePath, printPagePath, type PrintTarget } from './print-page';
import { PRINT_PAGE, showScript } from './print-page-api';

const parse = (query: string) => parsePrintPagePath(`${PRINT_PAGE}?${query}`);

describe('printPagePath and parsePrintPagePath', () => {
  it('build the address of a handout, the phone slip and the test page, and read it back', () => {
    const targets: PrintTarget[] = [
      { kind: 'handout', lang: 'en', id: 'fever' },
      { kind: 'phone-slip', lang: 'es' },
      { kind: 'test-page', lang: 'en', printer: 'kiosk-pdf' },
    ];
    expect(targets.map(printPagePath)).toEqual([
      '/print.html?kind=handout&lang=en&id=fever',
      '/print.html?kind=phone-slip&lang=es',
      '/print.html?kind=test-page&lang=en&printer=kiosk-pdf',
    ]);
    for (const target of targets) expect(parsePrintPagePath(printPagePath(target))).toEqual(target);
  });

  it('read the query alone too', () => {
    expect(parsePrintPagePath('?kind=phone-slip&lang=es')).toEqual({ kind: 'phone-slip', lang: 'es' });
  });

  it.each([
    'kind=handout&lang=en',
    'kind=handout&lang=French&id=fever',
    'kind=handout&lang=en&id=../etc',
    'lang=en&id=fever',
    'kind=poster&lang=en',
    'kind=phone-slip&lang=en&id=fever',
  ])('refuse %s', (query) => {
    expect(() => parse(query)).toThrow();
  });

  it('refuse to build an address the page would refuse', () => {
    expect(() => printPagePath({ kind: 'handout', lang: 'en', id: '../etc' })).toThrow();
    expect(() => printPagePath({ kind: 'handouts', lang: 'en', ids: ['fever'] } as never)).toThrow();
  });

  it('carry printer names as staff know them: CUPS queues, Windows shares, folders', () => {
    for (const name of ['HP_LaserJet_M404', '\\\\frontdesk\\HP LaserJet (Room 2)', '/var/spool/kiosk', 'Impresora recepción', 'Front Desk #2 & Co/é']) {
      const path = printPagePath({ kind: 'test-page', lang: 'en', printer: name });
      expect(new URLSearchParams(path.split('?')[1]).get('printer')).toBe(name);
      expect(parsePrintPagePath(path)).toMatchObject({ printer: name });
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
  ])('leave out a printer name that is %s (the page says "unknown")', (_, printer) => {
    expect(parse(`kind=test-page&lang=en${printer}`)).toEqual({ kind: 'test-page', lang: 'en' });
    expect(printPagePath({ kind: 'test-page', lang: 'en', printer: decodeURIComponent(printer.replace('&printer=', '')) || undefined })).toBe(
      '/print.html?kind=test-page&lang=en',
    );
  });

  it('accept a 127-character name and trim spaces', () => {
    expect(parse(`kind=test-page&lang=en&printer=${'p'.repeat(127)}`)).toMatchObject({ printer: 'p'.repeat(127) });
    expect(parse('kind=test-page&lang=en&printer=%20lp0%20')).toMatchObject({ printer: 'lp0' });
  });
});

describe('showScript', () => {
  it('hands the page its address as a JSON string, whatever it holds', () => {
    expect(showScript('/print.html?kind=test-page&lang=en&printer=a%22b')).toBe(
      'window.kioskPrintPage.show("/print.html?kind=test-page&lang=en&printer=a%22b")',
    );
    expect(showScript('"); alert(1); ("')).toBe('window.kioskPrintPage.show("\\"); alert(1); (\\"")');
  });
});
