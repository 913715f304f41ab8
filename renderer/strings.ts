import type { Language } from '../electron/contract/config';
import { PSEUDO_LANGUAGES, type PseudoLanguage } from '../electron/contract/plain-values';
import english from './locales/en.json';
import { pseudoLocale } from './locales/pseudo-locale';

/** A strings file's shape: English's. Every other file is checked against it (strings.test.ts). */
export type UiStrings = typeof english;

/** English's strings, always at hand. */
export const ENGLISH: UiStrings = english;

/**
 * Every strings file but English's, each loaded (a chunk of its own) when its language is first
 * needed: Welcome needs the default language only. English is always there: the pseudo-locales
 * are made from it, and staff read their problems in it. As text (`?raw`, parsed here): a module
 * apart from the file's `language` part below, which the bundler can then keep alone.
 */
const files = import.meta.glob<string>(['./locales/*.json', '!./locales/en.json'], { query: '?raw', import: 'default' });

/**
 * Each file's `language` part alone (its own name, "choose your language" in it, its keyboard),
 * from the start: the language switch on Welcome names every language in itself.
 */
const languageParts = import.meta.glob<UiStrings['language']>('./locales/*.json', { eager: true, import: 'language' });

const codeOf = (path: string) => path.replace(/^\.\/locales\/(.+)\.json$/, '$1');

/**
 * The languages with a strings file: locales/<code>.json. Adding a language is adding its file
 * (the host finds the same files when it is built, see electron/services/config/ui-languages.ts).
 */
export const FILE_LANGUAGES: Language[] = Object.keys(languageParts).map(codeOf).sort();

const isPseudo = (lang: Language): lang is PseudoLanguage => (PSEUDO_LANGUAGES as readonly string[]).includes(lang);

/** Every language the renderer has strings for: the files, and the pseudo-locales made from English. */
export const UI_LANGUAGES: Language[] = [...FILE_LANGUAGES, ...PSEUDO_LANGUAGES];

/** A language's `language` part, at hand without loading its strings (undefined: no such language). */
export function languagePart(lang: Language): UiStrings['language'] | undefined {
  if (isPseudo(lang)) return (pseudoLocale(lang, { language: english.language }) as Pick<UiStrings, 'language'>).language;
  return languageParts[`./locales/${lang}.json`];
}

const loading = new Map<Language, Promise<UiStrings>>();

/** A language's UI strings, loaded once: English at hand, a pseudo-locale made from it, any other file fetched. */
export function loadStrings(lang: Language): Promise<UiStrings> {
  let strings = loading.get(lang);
  if (!strings) {
    const file = files[`./locales/${lang}.json`];
    strings =
      lang === 'en'
        ? Promise.resolve(english)
        : isPseudo(lang)
          ? Promise.resolve(pseudoLocale(lang, english) as UiStrings)
          : file
            ? file().then((text) => JSON.parse(text) as UiStrings)
            : Promise.reject(new Error(`no strings file for ${lang}`));
    // A failed fetch may be tried again.
    strings.catch(() => loading.delete(lang));
    loading.set(lang, strings);
  }
  return strings;
}
