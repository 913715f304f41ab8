import type { Language } from '../../electron/contract/config';

/** One press on the on-screen keyboard. */
export type KeyPress = { type: 'letter'; letter: string } | { type: 'space' } | { type: 'backspace' } | { type: 'clear' };

/** The longest query the host accepts (content:search). */
export const MAX_QUERY_LENGTH = 100;

/**
 * Letter rows per language: QWERTY, which people know from phones; Spanish adds ñ where Spanish
 * keyboards have it. No accented keys: the search ignores accents ("coagulo" finds "coágulo").
 */
const ROWS: Record<Language, readonly string[]> = {
  en: ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'],
  es: ['qwertyuiop', 'asdfghjklñ', 'zxcvbnm'],
};

export function keyboardRows(lang: Language): string[][] {
  return ROWS[lang].map((row) => [...row]);
}

/** Whether a typed character (a physical keyboard's `event.key`) is a letter key of `lang`. */
export function isLetterKey(lang: Language, key: string): boolean {
  return key.length === 1 && ROWS[lang].some((row) => row.includes(key.toLowerCase()));
}

/**
 * The query after one press. A space never starts the query or follows another space (it would
 * search for nothing new); the query stops growing at MAX_QUERY_LENGTH.
 */
export function applyKey(query: string, press: KeyPress): string {
  switch (press.type) {
    case 'letter':
      return query.length < MAX_QUERY_LENGTH ? query + press.letter.toLowerCase() : query;
    case 'space':
      return query === '' || query.endsWith(' ') || query.length >= MAX_QUERY_LENGTH ? query : `${query} `;
    case 'backspace':
      return [...query].slice(0, -1).join('');
    case 'clear':
      return '';
  }
}
