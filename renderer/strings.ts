import { PSEUDO_LANGUAGES, type Language } from '../electron/contract/config';
import type en from './locales/en.json';
import { pseudoLocale } from './locales/pseudo-locale';

/** A strings file's shape: English's. Every other file is checked against it (strings.test.ts). */
export type UiStrings = typeof en;

const files = import.meta.glob<UiStrings>('./locales/*.json', { eager: true, import: 'default' });

/**
 * The languages with a strings file: locales/<code>.json. Adding a language is adding its file
 * (the host finds the same files when it is built, see electron/services/config/ui-languages.ts).
 */
export const FILE_LANGUAGES: Language[] = Object.keys(files)
  .map((path) => path.replace(/^\.\/locales\/(.+)\.json$/, '$1'))
  .sort();

const english = files['./locales/en.json']!;

/** Every language's UI strings: the files, and the pseudo-locales made from English. */
export const STRINGS: Record<Language, UiStrings> = {
  ...Object.fromEntries(FILE_LANGUAGES.map((lang) => [lang, files[`./locales/${lang}.json`]!])),
  ...Object.fromEntries(PSEUDO_LANGUAGES.map((lang) => [lang, pseudoLocale(lang, english) as UiStrings])),
};
