import { describe, expect, it } from 'vitest';
import { PSEUDO_LANGUAGES } from '../electron/contract/config';
import type { Language } from '../electron/contract/config';
import type { StringsTree } from './locales/pseudo-locale';
import { FILE_LANGUAGES, languagePart, loadStrings, UI_LANGUAGES, type UiStrings } from './strings';

/** Every language's strings, each loaded as the kiosk loads it. */
const STRINGS: Record<Language, UiStrings> = Object.fromEntries(await Promise.all(UI_LANGUAGES.map(async (lang) => [lang, await loadStrings(lang)])));

/** Every string's key path and text. */
function leaves(tree: StringsTree, path = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    return typeof value === 'string' ? [[at, value] as [string, string]] : leaves(value, at);
  });
}

/** i18next's plural forms: a language has the ones its grammar needs (_one, _other; Arabic has six). */
const PLURAL = /_(zero|one|two|few|many|other)$/;
const keysOf = (tree: StringsTree) => [...new Set(leaves(tree).map(([key]) => key.replace(PLURAL, '')))].sort();
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();

const english = STRINGS.en as StringsTree;

describe('the strings files', () => {
  it('are found by file name: English, Spanish and any other file in locales/', () => {
    expect(FILE_LANGUAGES).toEqual(expect.arrayContaining(['en', 'es']));
  });

  it.each(FILE_LANGUAGES)('%s has every string English has, and no other', (lang) => {
    expect(keysOf(STRINGS[lang] as StringsTree)).toEqual(keysOf(english));
  });

  it.each(FILE_LANGUAGES)("%s gives every plural form its language's rules use (or i18next would show the key)", (lang) => {
    const keys = new Set(leaves(STRINGS[lang] as StringsTree).map(([key]) => key));
    const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
    const bases = new Set(leaves(english).flatMap(([key]) => (PLURAL.test(key) ? [key.replace(PLURAL, '')] : [])));
    for (const base of bases) for (const form of forms) expect(keys.has(`${base}_${form}`), `${lang} ${base}_${form}`).toBe(true);
  });

  it.each(FILE_LANGUAGES)('%s fills the same {{placeholders}} as English in every string, and leaves none empty', (lang) => {
    const englishPlaceholders = new Map(leaves(english).map(([key, text]) => [key.replace(PLURAL, ''), placeholders(text)]));
    for (const [key, text] of leaves(STRINGS[lang] as StringsTree)) {
      expect(text.trim(), key).not.toBe('');
      // A plural form may leave out {{count}} ("one try left"), and nothing else.
      const expected = englishPlaceholders.get(key.replace(PLURAL, ''))?.filter((name) => !(PLURAL.test(key) && name === 'count'));
      expect(
        placeholders(text).filter((name) => !(PLURAL.test(key) && name === 'count')),
        `${lang} ${key}`,
      ).toEqual(expected);
    }
  });
});

describe('loading the strings', () => {
  it("gives each language's `language` part at hand, the same as its whole file's, pseudo-locales too", () => {
    for (const lang of UI_LANGUAGES) expect(languagePart(lang), lang).toEqual(STRINGS[lang]!.language);
  });

  it('loads each language once, and refuses one without a strings file', async () => {
    expect(await loadStrings('es')).toBe(STRINGS.es);
    await expect(loadStrings('xx')).rejects.toThrow('no strings file for xx');
  });
});

describe('the pseudo-locales', () => {
  it.each(PSEUDO_LANGUAGES)('%s changes every English string but the keyboard letters, keeping its placeholders', (lang) => {
    const pseudo = new Map(leaves(STRINGS[lang] as StringsTree));
    for (const [key, text] of leaves(english)) {
      const changed = pseudo.get(key)!;
      if (key === 'language.keyboard') expect(changed).toBe(text);
      else expect(changed, key).not.toBe(text);
      expect(placeholders(changed), key).toEqual(placeholders(text));
    }
  });
});
