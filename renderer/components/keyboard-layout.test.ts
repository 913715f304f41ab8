import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import es from '../locales/es.json';
import { languagePart, UI_LANGUAGES } from '../strings';
import { applyKey, isLetterKey, keyboardRows, MAX_QUERY_LENGTH, type KeyPress } from './keyboard-layout';

const type = (presses: KeyPress[], from = '') => presses.reduce(applyKey, from);
const letters = (text: string): KeyPress[] => [...text].map((c) => (c === ' ' ? { type: 'space' } : { type: 'letter', letter: c }));

const EN = en.language.keyboard;
const ES = es.language.keyboard;

describe('keyboardRows', () => {
  it('has the 26 letters in English and adds ñ in Spanish', () => {
    const enKeys = keyboardRows(EN).flat();
    const esKeys = keyboardRows(ES).flat();
    expect([...enKeys].sort().join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(esKeys).toHaveLength(27);
    expect(esKeys).toContain('ñ');
    expect(enKeys).not.toContain('ñ');
  });

  it.each(UI_LANGUAGES)('gives %s no row longer than ten keys, so keys stay wide on a portrait screen, and no key twice', (lang) => {
    const rows = keyboardRows(languagePart(lang)!.keyboard);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(10);
    expect(new Set(rows.flat()).size).toBe(rows.flat().length);
  });
});

describe('isLetterKey', () => {
  it('takes the letters of the language, in either case', () => {
    expect(isLetterKey(EN, 'a')).toBe(true);
    expect(isLetterKey(EN, 'A')).toBe(true);
    expect(isLetterKey(ES, 'ñ')).toBe(true);
    expect(isLetterKey(EN, 'ñ')).toBe(false);
    for (const key of ['1', ' ', 'Enter', 'Backspace', '', '.']) expect(isLetterKey(EN, key), key).toBe(false);
  });
});

describe('applyKey', () => {
  it('types letters in lowercase and spaces between words', () => {
    expect(type(letters('Charley horse'))).toBe('charley horse');
  });

  it('never starts with a space or doubles one', () => {
    expect(type([{ type: 'space' }, ...letters('flu'), { type: 'space' }, { type: 'space' }])).toBe('flu ');
  });

  it('deletes the last character, and clears everything', () => {
    expect(type([{ type: 'backspace' }], 'calambres')).toBe('calambre');
    expect(type([{ type: 'backspace' }], 'niñ')).toBe('ni');
    expect(type([{ type: 'backspace' }], '')).toBe('');
    expect(type([{ type: 'clear' }], 'blood clot')).toBe('');
  });

  it('stops at the longest query the host takes', () => {
    const full = 'a'.repeat(MAX_QUERY_LENGTH);
    expect(type(letters('b'), full)).toBe(full);
    expect(type([{ type: 'space' }], full)).toBe(full);
  });
});
