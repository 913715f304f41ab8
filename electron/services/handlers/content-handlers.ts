import type { ApiHandlers } from '../api-router';
import type { ConfigLifecycle } from '../config/config-lifecycle';
import { KioskError } from '../kiosk-error';
import type { PrintService } from '../printing/print-service';

/** The health library: lists, search as you type, "Suggested for you", one handout. */
export function contentHandlers(
  config: ConfigLifecycle,
  printing: PrintService,
): Pick<ApiHandlers, 'content:list' | 'content:search' | 'content:suggest' | 'content:get'> {
  return {
    'content:list': ({ lang }) => config.inLanguage(lang).library.list(lang),
    'content:search': ({ lang, query }) => ({ handouts: config.inLanguage(lang).search.search(lang, query) }),
    'content:suggest': ({ lang, ...visit }) => {
      const handouts = config.inLanguage(lang).suggestions.suggest(visit, lang);
      // Laid out while the person reads, so Print need not wait (in memory only, see PrintService).
      printing.prepare(
        lang,
        handouts.map((handout) => handout.id),
      );
      return { handouts };
    },
    'content:get': ({ id, lang }) => {
      const handout = config.inLanguage(lang).library.get(id, lang);
      if (!handout) throw new KioskError('not-found', `no handout "${id}" in ${lang}`);
      return handout;
    },
  };
}
