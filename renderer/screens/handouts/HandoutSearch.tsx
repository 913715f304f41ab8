import { useCallback, useMemo, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/config';
import type { HandoutSummary, Topic } from '../../../electron/contract/content';
import { SEARCH_MIN_LETTERS } from '../../../electron/contract/plain-values';
import { kioskApi } from '../../api/kiosk-client';
import { applyKey, type KeyPress } from '../../components/keyboard-layout';
import { OnScreenKeyboard } from '../../components/OnScreenKeyboard';
import { useHostCall } from '../../hooks/use-host-call';
import './handout-search.css';

type Results = { query: string; handouts: HandoutSummary[] } | 'unavailable';

/**
 * Search as you type: a read-only search field (never a real text input, which would pop up the
 * OS keyboard), the on-screen keyboard, and the matching handouts in the session's language.
 * No match: a kind word and the topics instead, never a blank screen.
 */
export function HandoutSearch({
  lang,
  topics,
  renderCard,
  onTopic,
  query,
  setQuery,
}: {
  lang: Language;
  topics: Topic[];
  renderCard: (handout: HandoutSummary) => ReactNode;
  onTopic: (topic: string) => void;
  /** Kept by the handouts screen, so a topic visited or a language switched to does not lose it. */
  query: string;
  setQuery: Dispatch<SetStateAction<string>>;
}) {
  const { t } = useTranslation();
  const [results, setResults] = useState<Results>({ query: '', handouts: [] });
  const trimmed = query.trim();
  // One letter is not searched (the host would find nothing yet): the hint stays until the second.
  const searchable = trimmed.length >= SEARCH_MIN_LETTERS;

  // Asked on every key, at once: the host answers in well under a millisecond, so waiting for
  // typing to pause would only keep the person waiting. Only the answer to what the field says
  // now is shown (useHostCall drops an older query's, however late it comes). Nothing to search
  // shows the hint (below), whatever the last answer was.
  useHostCall(
    searchable ? [trimmed, lang] : null,
    () => kioskApi['content:search']({ lang, query: trimmed }),
    (result) => setResults(result.ok ? { query: trimmed, handouts: result.value.handouts } : 'unavailable'),
  );

  const onKey = useCallback((press: KeyPress) => setQuery((q) => applyKey(q, press)), [setQuery]);
  // Each key re-renders this screen; the cards change only when an answer comes. One argument
  // only: map's index would be taken for a card's place in a long list (and drawn at the top).
  const cards = useMemo(() => (results === 'unavailable' ? [] : results.handouts.map((handout) => renderCard(handout))), [results, renderCard]);

  return (
    <section className="handout-search" aria-label={t('search.open')} data-testid="handout-search">
      <div className="search-field" role="searchbox" aria-readonly="true" aria-label={t('search.label')} data-testid="search-field" data-empty={query === ''}>
        {query === '' ? <span className="search-placeholder">{t('search.placeholder')}</span> : <span className="search-text">{query}</span>}
        <span className="search-caret" aria-hidden="true" />
      </div>
      <div className="search-results" data-testid="search-results">
        {results === 'unavailable' ? (
          <p className="lead" role="alert">
            {t('handouts.unavailable')}
          </p>
        ) : !searchable || results.query === '' ? (
          <p className="lead search-hint">{t('search.hint')}</p>
        ) : results.handouts.length === 0 ? (
          <div className="search-none" role="status" data-testid="search-none">
            <p className="lead">{t('search.noResults', { query: results.query })}</p>
            <div className="topic-chips">
              {topics.map((topic) => (
                <button key={topic.id} type="button" className="chip" onClick={() => onTopic(topic.id)}>
                  {topic.label}
                </button>
              ))}
            </div>
          </div>
        ) : (
          <>
            <p className="search-count" role="status">
              {t('search.found', { count: results.handouts.length })}
            </p>
            <ul className="handout-list">{cards}</ul>
          </>
        )}
      </div>
      <OnScreenKeyboard lang={lang} onKey={onKey} />
    </section>
  );
}

/** A magnifying glass, drawn (no emoji font needed), for the Search entry. */
export function SearchIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <path d="M15 15l6 6" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
    </svg>
  );
}
