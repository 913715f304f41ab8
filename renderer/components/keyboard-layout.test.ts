import { describe, expect, it } from 'vitest';
import { applyKey, isLetterKey, keyboardRows, MAX_QUERY_LENGTH, type KeyPress } from './keyboard-layout';

const type = (presses: KeyPress[], from = '') => presses.reduce(applyKey, from);
const letters = (text: string): KeyPress[] => [...text].map((c) => (c === ' ' ? { type: 'space' } : { type: 'letter', letter: c }));

describe('keyboardRows', () => {
  it('has the 26 letters in English and adds ñ in Spanish', () => {
    const en = keyboardRows('en').flat();
    const es = keyboardRows('es').flat();
    expect([...en].sort().join('')).toBe('abcdefghijklmnopqrstuvwxyz');
    expect(es).toHaveLength(27);
    expect(es).toContain('ñ');
    expect(en).not.toContain('ñ');
  });

  it('keeps no row longer than ten keys, so keys stay wide on a portrait screen', () => {
    for (const lang of ['en', 'es'] as const) for (const row of keyboardRows(lang)) expect(row.length).toBeLessThanOrEqual(10);
  });
});

describe('isLetterKey', () => {
  it('takes the letters of the language, in either case', () => {
    expect(isLetterKey('en', 'a')).toBe(true);
    expect(isLetterKey('en', 'A')).toBe(true);
    expect(isLetterKey('es', 'ñ')).toBe(true);
    expect(isLetterKey('en', 'ñ')).toBe(false);
    for (const key of ['1', ' ', 'Enter', 'Backspace', '', '.']) expect(isLetterKey('en', key), key).toBe(false);
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
