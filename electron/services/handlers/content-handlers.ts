import type { ApiHandlers } from '../api-router';
import type { ConfigLifecycle } from '../config/config-lifecycle';
import { KioskError } from '../kiosk-error';

/** The health library: lists, search as you type, "Suggested for you", one handout. */
export function contentHandlers(config: ConfigLifecycle): Pick<ApiHandlers, 'content:list' | 'content:search' | 'content:suggest' | 'content:get'> {
  return {
    'content:list': ({ lang }) => config.inLanguage(lang).library.list(lang),
    'content:search': ({ lang, query }) => ({ handouts: config.inLanguage(lang).search.search(lang, query) }),
    'content:suggest': ({ lang, ...visit }) => ({ handouts: config.inLanguage(lang).suggestions.suggest(visit, lang) }),
    'content:get': ({ id, lang }) => {
      const handout = config.inLanguage(lang).library.get(id, lang);
      if (!handout) throw new KioskError('not-found', `no handout "${id}" in ${lang}`);
      return handout;
    },
  };
}
