/** One press on the on-screen keyboard. */
export type KeyPress = { type: 'letter'; letter: string } | { type: 'space' } | { type: 'backspace' } | { type: 'clear' };

/** The longest query the host accepts (content:search). */
export const MAX_QUERY_LENGTH = 100;

/**
 * A language's letter rows, from its strings file's `language.keyboard`: rows separated by
 * spaces, such as "qwertyuiop asdfghjklñ zxcvbnm" (QWERTY, which people know from phones, with
 * ñ where Spanish keyboards have it). No accented keys are needed: the search ignores accents.
 */
export function keyboardRows(letters: string): string[][] {
  return letters
    .split(' ')
    .filter(Boolean)
    .map((row) => [...row]);
}

/** Whether a typed character (a physical keyboard's `event.key`) is one of `letters`. */
export function isLetterKey(letters: string, key: string): boolean {
  return [...key].length === 1 && key !== ' ' && letters.includes(key.toLowerCase());
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
