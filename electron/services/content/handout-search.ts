import MiniSearch, { type AsPlainObject, type SearchOptions } from 'minisearch';
import { LanguageSchema, type Language } from '../../contract/config';
import { SEARCH_MIN_LETTERS, type HandoutSummary } from '../../contract/content';
import type { HandoutLibrary } from './handout-library';

/** What one handout contributes to its language's index. */
interface SearchDocument {
  id: string;
  title: string;
  keywords: string;
  summary: string;
  topics: string;
}

/**
 * Lowercase without accents, so "coágulo" and "coagulo", "Calambre" and "cálambre" are one
 * term (NFD splits "á" into "a" and a combining mark, which is dropped). "ñ" becomes "n" too:
 * harmless, since the query goes through the same step.
 */
export function foldTerm(term: string): string {
  return term.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** Words that say nothing about a topic: dropped from a query unless it is the word being typed. */
const STOP_WORDS: Record<Language, ReadonlySet<string>> = {
  en: new Set(['a', 'an', 'and', 'the', 'of', 'in', 'on', 'for', 'to', 'with', 'my', 'i', 'is', 'it', 'or', 'at', 'about', 'how', 'what']),
  es: new Set(['a', 'de', 'del', 'la', 'el', 'los', 'las', 'en', 'y', 'o', 'un', 'una', 'con', 'por', 'para', 'que', 'mi', 'al', 'se', 'como']),
};

/** The index's own word splitter (spaces and punctuation), for the query too. */
const SPLIT = /[\n\r\p{Z}\p{P}]+/u;

const SEARCH_OPTIONS: SearchOptions = {
  // "pre" finds "pregnancy", and every word typed so far narrows as the person types.
  prefix: true,
  // One slip in 4-7 letters, two from 8 ("fevr", "blod", "calambers"); 3 letters or fewer only
  // prefix-match, or "flu" would also find "fly" and "flue" and "cold" "hold".
  fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
  // A lay word or the title says what the handout is about.
  boost: { title: 3, keywords: 3, topics: 1.5, summary: 1.5 },
};

/** The index's settings: a saved index loads only with the options it was built with. */
const INDEX_OPTIONS = {
  fields: ['title', 'keywords', 'summary', 'topics'],
  processTerm: (term: string) => foldTerm(term) || null,
  searchOptions: SEARCH_OPTIONS,
};

/** Each language's index as plain data, for a content bundle. */
export type SavedIndexes = Partial<Record<Language, AsPlainObject>>;

interface LanguageIndex {
  index: MiniSearch<SearchDocument>;
  summaries: Map<string, HandoutSummary>;
}

/**
 * Search as you type over the health library: one MiniSearch index per language over title,
 * keywords (the lay words and synonyms in each handout's front matter), summary and topic
 * labels. Typo-tolerant, prefix-matching and accent-insensitive. Built once per library (or
 * loaded from a bundle), not per query. The body and warning box are left out on purpose: the
 * keywords carry the lay words, a word a warning mentions ("chest pain") is not what the
 * handout is about, and for 10,000 handouts the index loaded in about half the time without them.
 */
export class HandoutSearch {
  private constructor(private readonly indexes: Map<Language, LanguageIndex>) {}

  /** Indexes every handout of `library` (about 275 ms per 2,000 handouts: a bundle saves it). */
  static build(library: HandoutLibrary): HandoutSearch {
    const indexes = new Map<Language, LanguageIndex>();
    for (const lang of LanguageSchema.options) {
      const { topics, handouts } = library.list(lang);
      const topicLabel = new Map(topics.map((t) => [t.id, t.label]));
      const index = new MiniSearch<SearchDocument>(INDEX_OPTIONS);
      for (const summary of handouts) {
        const handout = library.get(summary.id, lang);
        if (!handout) continue;
        index.add({
          id: handout.id,
          title: handout.title,
          // Comma-separated, so a multi-word keyword ("charley horse") stays whole words in order.
          keywords: handout.keywords.join(', '),
          summary: handout.summary,
          topics: handout.topics.map((t) => topicLabel.get(t) ?? t).join(', '),
        });
      }
      indexes.set(lang, { index, summaries: summariesOf(library, lang) });
    }
    return new HandoutSearch(indexes);
  }

  /** The indexes saved by `save()` for this same library. Throws if one is not a MiniSearch index. */
  static load(library: HandoutLibrary, saved: SavedIndexes): HandoutSearch {
    const indexes = new Map<Language, LanguageIndex>();
    for (const lang of LanguageSchema.options) {
      const plain = saved[lang];
      if (!plain) throw new Error(`the bundle has no ${lang} search index`);
      indexes.set(lang, { index: MiniSearch.loadJS<SearchDocument>(plain, INDEX_OPTIONS), summaries: summariesOf(library, lang) });
    }
    return new HandoutSearch(indexes);
  }

  save(): SavedIndexes {
    return Object.fromEntries([...this.indexes].map(([lang, { index }]) => [lang, index.toJSON()]));
  }

  /**
   * Handouts in `lang` that match `query`, best first. Every word must match (as a prefix, or
   * with a slip); when no handout has them all, handouts with any of them, so one extra word
   * ("charley horse at night") does not empty the list. Only spaces, single letters or nothing: [].
   */
  search(lang: Language, query: string, limit = 50): HandoutSummary[] {
    const entry = this.indexes.get(lang);
    if (!entry) return [];
    const words = query.split(SPLIT).map(foldTerm).filter(Boolean);
    // A single letter matches the start of nearly every word (30 ms over 10,000 handouts) and says
    // nothing yet: it waits for the next key, so "swelling a" still shows what "swelling" did.
    // Filler words go too, unless one is all there is ("de" may be the start of "deshidratación").
    const typed = words.filter((w) => w.length >= SEARCH_MIN_LETTERS);
    const terms = typed.length === 1 ? typed : typed.filter((w) => !STOP_WORDS[lang].has(w));
    if (terms.length === 0) return [];
    const text = terms.join(' ');
    let results = entry.index.search(text, { combineWith: 'AND' });
    if (results.length === 0 && terms.length > 1) results = entry.index.search(text, { combineWith: 'OR' });
    return results.slice(0, limit).flatMap((r) => {
      const summary = entry.summaries.get(r.id as string);
      return summary ? [summary] : [];
    });
  }
}

function summariesOf(library: HandoutLibrary, lang: Language): Map<string, HandoutSummary> {
  return new Map(library.list(lang).handouts.map((h) => [h.id, h]));
}
