import { use } from 'react';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language, LocalizedText } from '../electron/contract/config';
import { ENGLISH, languagePart, loadStrings, UI_LANGUAGES } from './strings';

// English whole; every other language's `language` part only (the language switch names each in
// itself) until loadLanguage brings the rest.
void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(UI_LANGUAGES.map((lang) => [lang, { translation: lang === 'en' ? ENGLISH : { language: languagePart(lang) } }])),
  lng: 'en',
  // English is always here: a language whose strings could not be fetched shows English, never keys.
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };

/** The languages whose strings i18next has whole. */
const loadedLanguages = new Set<Language>(['en']);

/** Puts a language's strings into i18next, once; rejects (logged) when they cannot be fetched, to be tried again later. */
export function loadLanguage(lang: Language): Promise<void> {
  if (loadedLanguages.has(lang)) return Promise.resolve();
  return loadStrings(lang).then(
    (strings) => {
      i18next.addResourceBundle(lang, 'translation', strings, true, true);
      loadedLanguages.add(lang);
    },
    (error: Error) => {
      console.error(`the strings for ${lang} could not be loaded: ${error.message}`);
      throw error;
    },
  );
}

/**
 * Switches the UI strings, once loaded, and tells the page its language and direction (ar, he,
 * fa: right to left). The page keeps the language it shows until the new one is there; when its
 * strings cannot be fetched this rejects and nothing changes (the print page then fails the
 * document rather than print it in another language).
 */
export async function showLanguage(lang: Language): Promise<unknown> {
  await loadLanguage(lang);
  document.documentElement.lang = lang;
  document.documentElement.dir = i18next.dir(lang);
  return i18next.changeLanguage(lang);
}

const loadingSets = new Map<string, Promise<void>>();

/**
 * For a component that speaks these languages (`t(key, { lng })`): suspends it (React's `use`)
 * until their strings are loaded, which is at once for English and for any loaded before.
 */
export function useLanguagesLoaded(languages: readonly Language[]): void {
  if (languages.every((lang) => loadedLanguages.has(lang))) return;
  const key = languages.join(' ');
  let loaded = loadingSets.get(key);
  if (!loaded) {
    // Strings that cannot be fetched show in English (fallbackLng), and are asked for again next time.
    loaded = Promise.all(languages.map(loadLanguage)).then(
      () => undefined,
      () => void loadingSets.delete(key),
    );
    loadingSets.set(key, loaded);
  }
  use(loaded);
}

/** Picks config text in the session's language (config validation guarantees it is there). */
export function localized(text: LocalizedText, lang: Language): string {
  return text[lang] ?? '';
}
