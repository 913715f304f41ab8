import MiniSearch, { type AsPlainObject, type SearchOptions } from 'minisearch';
import type { Language } from '../../contract/config';
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
 * harmless, since the query goes through the same step. Invisible format marks go too: the
 * direction marks right-to-left text carries, and zero-width joiners.
 */
export function foldTerm(term: string): string {
  return term
    .normalize('NFD')
    .replace(/[\p{M}\p{Cf}]+/gu, '')
    .toLowerCase();
}

/**
 * Words that say nothing about a topic: dropped from a query unless it is the word being typed.
 * A language without a list here still searches, only without this refinement.
 */
const STOP_WORDS: Partial<Record<Language, ReadonlySet<string>>> = {
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

/**
 * The index's settings: a saved index loads only with the options it was built with. A saved
 * index over other fields is built again (see indexOf); after changing how words are processed,
 * raise BUNDLE_FORMAT in library-bundle.ts so old bundles are not used.
 */
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
  private readonly indexes = new Map<Language, LanguageIndex>();

  private constructor(
    private readonly library: HandoutLibrary,
    /** Saved indexes not loaded yet, by language. */
    private readonly saved: SavedIndexes,
    /** Told when a saved index cannot be read and is built again from the handouts instead. */
    private readonly onRebuilt: (lang: Language, reason: string) => void,
  ) {}

  /** Indexes every handout of `library` (about 1 s for 10,000 in two languages: a bundle saves it). */
  static build(library: HandoutLibrary): HandoutSearch {
    const search = new HandoutSearch(library, {}, () => {});
    search.loadAll();
    return search;
  }

  /**
   * The indexes saved by `save()` for this same library. Only `first` is loaded now (about 150 ms
   * for 10,000 handouts): the others load on `loadAll()` after start, or on their first search.
   * Throws if a language's index is missing.
   */
  static load(library: HandoutLibrary, saved: SavedIndexes, first: Language, onRebuilt: (lang: Language, reason: string) => void): HandoutSearch {
    const missing = library.languages().find((lang) => !saved[lang]);
    if (missing) throw new Error(`the bundle has no ${missing} search index`);
    const search = new HandoutSearch(library, saved, onRebuilt);
    search.indexOf(first);
    return search;
  }

  /** Loads the indexes of `languages` (default: every language) not loaded yet. */
  loadAll(languages: Language[] = this.library.languages()): void {
    for (const lang of languages) this.indexOf(lang);
  }

  save(): SavedIndexes {
    this.loadAll();
    return Object.fromEntries([...this.indexes].map(([lang, { index }]) => [lang, index.toJSON()]));
  }

  private indexOf(lang: Language): LanguageIndex {
    let entry = this.indexes.get(lang);
    if (entry) return entry;
    const plain = this.saved[lang];
    let index: MiniSearch<SearchDocument> | undefined;
    try {
      if (plain && Object.keys(plain.fieldIds).join() !== INDEX_OPTIONS.fields.join()) {
        throw new Error(`it indexes other fields (${Object.keys(plain.fieldIds).join(', ')})`);
      }
      if (plain) index = MiniSearch.loadJS<SearchDocument>(plain, INDEX_OPTIONS);
    } catch (error) {
      // The handouts were checked; only the index is bad: build it again from them.
      this.onRebuilt(lang, (error as Error).message);
    }
    entry = { index: index ?? buildIndex(this.library, lang), summaries: summariesOf(this.library, lang) };
    this.indexes.set(lang, entry);
    // The saved form is not needed once loaded: for 10,000 handouts it held some 9 MB a language.
    delete this.saved[lang];
    return entry;
  }

  /**
   * Handouts in `lang` that match `query`, best first. Every word must match (as a prefix, or
   * with a slip); when no handout has them all, handouts with any of them, so one extra word
   * ("charley horse at night") does not empty the list. Only spaces, single letters or nothing: [].
   */
  search(lang: Language, query: string, limit = 50): HandoutSummary[] {
    const entry = this.indexOf(lang);
    const words = query.split(SPLIT).map(foldTerm).filter(Boolean);
    // A single letter being typed matches the start of nearly every word (30 ms over 10,000
    // handouts) and says nothing yet: it waits for the next key, so "swelling a" still shows what
    // "swelling" did. One that is not last stays ("b vitamins").
    const typed = words.filter((w, i) => w.length >= SEARCH_MIN_LETTERS || i < words.length - 1);
    // Filler words go too, unless one is all there is ("de" may be the start of "deshidratación").
    const terms = typed.length === 1 ? typed : typed.filter((w) => !STOP_WORDS[lang]?.has(w));
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

function buildIndex(library: HandoutLibrary, lang: Language): MiniSearch<SearchDocument> {
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
  return index;
}

function summariesOf(library: HandoutLibrary, lang: Language): Map<string, HandoutSummary> {
  return new Map(library.summaries(lang).map((h) => [h.id, h]));
}
