import { LanguageSchema, PSEUDO_LANGUAGES, type Language } from '../../contract/config';
import type { ConfigProblem } from '../../contract/channels';

/** Set when the host is built (build-host.mjs) or tested (vitest.config.ts): renderer/locales' files. */
declare const KIOSK_STRINGS_FILES: readonly string[];

/** The languages the touch UI has strings for: a file in renderer/locales, or a pseudo-locale. */
export const UI_LANGUAGES: readonly Language[] = [...KIOSK_STRINGS_FILES, ...PSEUDO_LANGUAGES];

/**
 * A config language with no UI strings would show a blank kiosk: each one is a problem for IT.
 * Takes the config's `languages` as written, so this is reported beside the schema's problems
 * (texts missing in that language, say) rather than only after they are fixed.
 */
export function languagesWithoutStrings(languages: unknown, known: readonly Language[] = UI_LANGUAGES): ConfigProblem[] {
  if (!Array.isArray(languages)) return [];
  return languages.flatMap((lang: unknown, i) =>
    !LanguageSchema.safeParse(lang).success || known.includes(lang as Language)
      ? []
      : [
          {
            path: `languages.${i}`,
            message:
              `no UI strings for "${lang as string}": add renderer/locales/${lang as string}.json and rebuild ` +
              `(languages with strings: ${known.join(', ')})`,
          },
        ],
  );
}
