import type { PseudoLanguage } from '../../electron/contract/config';

/** Strings-file text: nested objects of strings. */
export type StringsTree = { [key: string]: string | StringsTree };

/** Keys that are data, not words: `language.keyboard` is the keyboard's letters, used as keys. */
const DATA_KEYS = new Set(['language.keyboard']);

/** `{{placeholders}}`, `$t(nesting)` and `<tags>`: i18next's own syntax, left as it is. */
const SYNTAX = /(\{\{[^}]*\}\}|\$t\([^)]*\)|<[^>]*>)/;

const PLAIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ACCENTS = 'ȧƀçđéƒĝĥîĵķļɱñöþʠŕšŧüṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŦÜṼŴẊÝŽ';
const ACCENTED = new Map([...PLAIN].map((c, i) => [c, [...ACCENTS][i]!]));

/** Right-to-left override … pop: a word's Latin letters run right to left, as an RTL script's would. */
const RLO = '\u202E';
const PDF = '\u202C';

/**
 * The pseudo-locales, made from English when the app starts: every word still readable, but no
 * string the same as English, so a test can tell a string that came from the strings files from
 * one written in code. en-XA accents every letter inside ⟦ ⟧ (the brackets show where text was
 * cut off); ar-XB runs each word right to left, for testing a right-to-left layout.
 */
const TRANSFORMS: Record<PseudoLanguage, (text: string) => string> = {
  'en-XA': (text) => `⟦${[...text].map((c) => ACCENTED.get(c) ?? c).join('')}⟧`,
  // Word by word: a run of whole text inside one override would also turn the order of its words
  // about, which no right-to-left language does.
  'ar-XB': (text) => text.replace(/\S+/g, (word) => `${RLO}${word}${PDF}`),
};

/** One string in a pseudo-locale: its words changed, its i18next syntax kept. */
export function pseudoString(lang: PseudoLanguage, value: string): string {
  const pieces = value.split(SYNTAX).map((piece, i) => (i % 2 === 1 || piece === '' ? piece : TRANSFORMS[lang](piece)));
  return pieces.join('');
}

/**
 * A whole strings file in a pseudo-locale. English has two plural forms (_one, _other); a
 * pseudo-locale gets every form its language's plural rules use (Arabic has six), each from
 * English's _other, or i18next would show the key.
 */
export function pseudoLocale(lang: PseudoLanguage, strings: StringsTree, path = ''): StringsTree {
  const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
  return Object.fromEntries(
    Object.entries(strings).flatMap(([key, value]): Array<[string, string | StringsTree]> => {
      const at = path ? `${path}.${key}` : key;
      if (typeof value !== 'string') return [[key, pseudoLocale(lang, value, at)]];
      const text = DATA_KEYS.has(at) ? value : pseudoString(lang, value);
      if (!key.endsWith('_other')) return [[key, text]];
      const base = key.slice(0, -'_other'.length);
      return forms.filter((form) => form === 'other' || !(`${base}_${form}` in strings)).map((form) => [`${base}_${form}`, text]);
    }),
  );
}
