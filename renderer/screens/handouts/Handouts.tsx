import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoutSummary, Topic } from '../../../electron/contract/content';
import { kioskApi } from '../../api/kiosk-client';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import type { FlowScreenProps } from '../screen-props';
import { HandoutPreview } from './HandoutPreview';

type Filter = 'suggested' | 'all' | { topic: string };
type Library = { topics: Topic[]; handouts: HandoutSummary[] } | 'loading' | 'unavailable';

/** Suggested handouts for this outcome, browse by topic, read one, choose up to the limit, print. */
export function Handouts({ context, send, config }: FlowScreenProps) {
  const { t } = useTranslation();
  const [library, setLibrary] = useState<Library>('loading');
  const [filter, setFilter] = useState<Filter>('suggested');
  const [previewId, setPreviewId] = useState<string | null>(null);
  // Asked before the patient chooses: a printer that is down is said up front, not after "Print".
  const [canPrint, setCanPrint] = useState(true);
  const max = config.handouts.maxPerSession;

  useEffect(() => {
    let current = true;
    void kioskApi['print:availability']({}).then((result) => {
      if (current) setCanPrint(result.ok && result.value.available);
    });
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    let current = true;
    void kioskApi['content:list']({ lang: context.lang }).then((result) => {
      if (current) setLibrary(result.ok ? result.value : 'unavailable');
    });
    return () => {
      current = false;
    };
  }, [context.lang]);

  const suggestedIds = config.handouts.suggested[context.outcome ?? 'come-in'];
  const shown =
    typeof library === 'string'
      ? []
      : filter === 'suggested'
        ? suggestedIds.flatMap((id) => library.handouts.filter((h) => h.id === id))
        : filter === 'all'
          ? library.handouts
          : library.handouts.filter((h) => h.topics.includes(filter.topic));
  const toggle = (id: string) => send({ type: 'TOGGLE_HANDOUT', id });
  const chosen = context.selected.length;

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
      {library === 'unavailable' && <p className="lead" role="alert">{t('handouts.unavailable')}</p>}
      {typeof library !== 'string' && (
        <>
          <div className="topic-chips" role="group" aria-label={t('handouts.browse')}>
            <button type="button" className="chip" aria-pressed={filter === 'suggested'} onClick={() => setFilter('suggested')}>
              {t('handouts.suggested')}
            </button>
            <button type="button" className="chip" aria-pressed={filter === 'all'} onClick={() => setFilter('all')}>
              {t('handouts.allTopics')}
            </button>
            {library.topics.map((topic) => (
              <button
                key={topic.id}
                type="button"
                className="chip"
                aria-pressed={typeof filter === 'object' && filter.topic === topic.id}
                onClick={() => setFilter({ topic: topic.id })}
              >
                {topic.label}
              </button>
            ))}
          </div>
          {shown.length === 0 && <p className="lead">{t('handouts.none')}</p>}
          <ul className="handout-list">
            {shown.map((h) => {
              const isChosen = context.selected.includes(h.id);
              return (
                <li key={h.id} className="handout-card" data-handout={h.id} data-chosen={isChosen}>
                  <h2 className="handout-card-title">{h.title}</h2>
                  <p className="handout-card-summary">{h.summary}</p>
                  <div className="handout-card-actions">
                    <BigButton variant="secondary" onClick={() => setPreviewId(h.id)} aria-label={`${t('handouts.read')}: ${h.title}`}>
                      {t('handouts.read')}
                    </BigButton>
                    {canPrint && (
                    <BigButton
                      variant={isChosen ? 'primary' : 'secondary'}
                      aria-pressed={isChosen}
                      disabled={!isChosen && chosen >= max}
                      onClick={() => toggle(h.id)}
                      aria-label={`${isChosen ? t('handouts.remove') : t('handouts.add')}: ${h.title}`}
                    >
                      {isChosen ? `✓ ${t('handouts.selected')}` : t('handouts.add')}
                    </BigButton>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
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
