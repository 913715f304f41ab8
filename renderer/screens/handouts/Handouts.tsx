import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/config';
import type { HandoutSummary } from '../../../electron/contract/content';
import { kioskApi } from '../../api/kiosk-client';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import { useHostCall } from '../../hooks/use-host-call';
import type { FlowScreenProps } from '../screen-props';
import { HandoutCard, type CardPlacement } from './HandoutCard';
import { HandoutList } from './HandoutList';
import { HandoutPreview } from './HandoutPreview';
import { HandoutSearch, SearchIcon } from './HandoutSearch';

type Filter = 'suggested' | 'all' | 'search' | { topic: string };

/** Suggested handouts for this visit, browse by topic, read one, choose up to the limit, print. */
export function Handouts({ context, send, config }: FlowScreenProps) {
  const { t } = useTranslation();
  // The flow asks for the library in the session's language, and lets go of a chosen handout that language lacks.
  const { library } = context;
  /** "Suggested for you", once the host has answered; each answer keeps the language it is in. */
  const [suggestedAnswer, setSuggested] = useState<{ lang: Language; handouts: HandoutSummary[] | 'unavailable' } | null>(null);
  const suggested = suggestedAnswer?.lang === context.lang ? suggestedAnswer.handouts : null;
  const [filter, setFilter] = useState<Filter>('suggested');
  const [previewId, setPreviewId] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  // Asked before the patient chooses: a printer that is down is said up front, not after "Print".
  const [canPrint, setCanPrint] = useState(true);
  const max = config.handouts.maxPerSession;

  useHostCall(
    [],
    () => kioskApi['print:availability']({}),
    (result) => setCanPrint(result.ok && result.value.available),
  );

  // The host keeps the rules. The visit goes only into this request: never stored, logged or counted.
  const { outcome, party, reason } = context;
  const { lang } = context;
  useHostCall(
    [lang, outcome, party, reason],
    () => kioskApi['content:suggest']({ lang, outcome: outcome ?? 'come-in', party: party ?? 'patient', reason }),
    (result) => setSuggested({ lang, handouts: result.ok ? result.value.handouts : 'unavailable' }),
  );

  // "Suggested for you" shows as soon as it is answered: it does not wait for the whole library,
  // which can be thousands of handouts (the topic chips join when it comes).
  const shown =
    filter === 'suggested'
      ? Array.isArray(suggested)
        ? suggested
        : []
      : typeof library === 'string' || filter === 'search'
        ? []
        : filter === 'all'
          ? library.handouts
          : library.handouts.filter((h) => h.topics.includes(filter.topic));
  const topics = typeof library === 'string' ? [] : library.topics;
  const topicCounts = useMemo(() => {
    const counts = new Map<string, number>();
    if (typeof library !== 'string') for (const h of library.handouts) for (const topic of h.topics) counts.set(topic, (counts.get(topic) ?? 0) + 1);
    return counts;
  }, [library]);
  const toggle = (id: string) => send({ type: 'TOGGLE_HANDOUT', id });

  const chosen = context.selected.length;
  const card = (h: HandoutSummary, placement?: CardPlacement) => (
    <HandoutCard
      key={h.id}
      placement={placement}
      handout={h}
      chosen={context.selected.includes(h.id)}
      canChoose={chosen < max}
      canPrint={canPrint}
      onRead={() => setPreviewId(h.id)}
      onToggle={() => toggle(h.id)}
    />
  );

  return (
    <Screen
      name="handouts"
      title={t('handouts.title')}
      actions={
        <>
          {canPrint ? (
            <>
              <p className="chosen-count" aria-live="polite">
                {t('handouts.chosen', { count: chosen, max })}
                {chosen >= max && <span className="limit-note"> · {t('handouts.limit', { max })}</span>}
              </p>
              <BigButton onClick={() => send({ type: 'PRINT_HANDOUTS' })} disabled={chosen === 0}>
                {t('handouts.print', { count: chosen })}
              </BigButton>
            </>
          ) : (
            <p className="printing-unavailable" role="status" data-testid="printing-unavailable">
              {t('handouts.printingUnavailable')}
            </p>
          )}
          <BigButton variant="quiet" onClick={() => send({ type: 'FINISH' })}>
            {t('common.finish')}
          </BigButton>
        </>
      }
    >
      {library === 'unavailable' && (
        <p className="lead" role="alert">
          {t('handouts.unavailable')}
        </p>
      )}
      {library !== 'unavailable' && (
        <>
          <div className="topic-chips" role="group" aria-label={t('handouts.browse')}>
            <button type="button" className="chip" aria-pressed={filter === 'search'} onClick={() => setFilter('search')}>
              <SearchIcon /> {t('search.open')}
            </button>
            <button type="button" className="chip" aria-pressed={filter === 'suggested'} onClick={() => setFilter('suggested')}>
              {t('handouts.suggested')}
            </button>
            <button type="button" className="chip" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
              {t('handouts.allTopics')}
            </button>
            {topics.map((topic) => (
              <button
                key={topic.id}
                type="button"
                className="chip"
                aria-pressed={typeof filter === 'object' && filter.topic === topic.id}
                onClick={() => setFilter({ topic: topic.id })}
              >
                {t('handouts.topicWithCount', { topic: topic.label, count: topicCounts.get(topic.id) ?? 0 })}
              </button>
            ))}
          </div>
          {filter === 'search' ? (
            <HandoutSearch lang={context.lang} topics={topics} renderCard={card} onTopic={(topic) => setFilter({ topic })} query={query} setQuery={setQuery} />
          ) : (
            <>
              {filter === 'suggested' && suggested === 'unavailable' ? (
                <p className="lead" role="alert">
                  {t('handouts.unavailable')}
                </p>
              ) : (
                shown.length === 0 && (filter === 'suggested' ? suggested !== null : library !== 'loading') && <p className="lead">{t('handouts.none')}</p>
              )}
              <HandoutList key={JSON.stringify(filter)} handouts={shown} card={card} />
            </>
          )}
        </>
      )}
      {previewId && (
        <HandoutPreview
          id={previewId}
          lang={context.lang}
          chosen={context.selected.includes(previewId)}
          canChoose={chosen < max}
          canPrint={canPrint}
          onToggle={() => toggle(previewId)}
          onClose={() => setPreviewId(null)}
        />
      )}
    </Screen>
  );
}
