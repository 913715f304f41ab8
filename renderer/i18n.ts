import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';
import type { Language, LocalizedText } from '../electron/contract/config';

/** UI strings per language; adding a language is one more file here and in the config schema. */
export const resources = { en: { translation: en }, es: { translation: es } } as const;

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };

/** Picks config text in the session's language (config validation guarantees it is there). */
export function localized(text: LocalizedText, lang: Language): string {
  return text[lang] ?? '';
}
