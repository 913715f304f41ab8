import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language, LocalizedText } from '../electron/contract/config';
import { STRINGS } from './strings';

void i18next.use(initReactI18next).init({
  resources: Object.fromEntries(Object.entries(STRINGS).map(([lang, translation]) => [lang, { translation }])),
  lng: 'en',
  fallbackLng: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18next };

/** Switches the UI strings and tells the page its language and direction (ar, he, fa: right to left). */
export function showLanguage(lang: Language): Promise<unknown> {
  document.documentElement.lang = lang;
  document.documentElement.dir = i18next.dir(lang);
  return i18next.changeLanguage(lang);
}

/** Picks config text in the session's language (config validation guarantees it is there). */
export function localized(text: LocalizedText, lang: Language): string {
  return text[lang] ?? '';
}
