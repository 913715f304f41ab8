import { useTranslation } from 'react-i18next';
import type { HandoutSummary } from '../../../electron/contract/content';
import { BigButton } from '../../components/BigButton';

/** Where a card sits in a virtualized list: its place in the whole list, and where to draw it. */
export interface CardPlacement {
  index: number;
  setSize: number;
  top: number;
  measure: (element: HTMLElement | null) => void;
}

/** One handout in a list (browse or search): title, summary, Read, and Add to my pages when printing works. */
export function HandoutCard({
  handout,
  chosen,
  canChoose,
  canPrint,
  onRead,
  onToggle,
  placement,
}: {
  handout: HandoutSummary;
  chosen: boolean;
  canChoose: boolean;
  canPrint: boolean;
  onRead: () => void;
  onToggle: () => void;
  placement?: CardPlacement;
}) {
  const { t } = useTranslation();
  return (
    <li
      className="handout-card"
      data-handout={handout.id}
      data-chosen={chosen}
      {...(placement && {
        ref: placement.measure,
        'data-index': placement.index,
        'aria-posinset': placement.index + 1,
        'aria-setsize': placement.setSize,
        style: { position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${placement.top}px)` },
      })}
    >
      <h2 className="handout-card-title">{handout.title}</h2>
      <p className="handout-card-summary">{handout.summary}</p>
      <div className="handout-card-actions">
        <BigButton variant="secondary" onClick={onRead} aria-label={`${t('handouts.read')}: ${handout.title}`}>
          {t('handouts.read')}
        </BigButton>
        {canPrint && (
          <BigButton
            variant={chosen ? 'primary' : 'secondary'}
            aria-pressed={chosen}
            disabled={!chosen && !canChoose}
            onClick={onToggle}
            aria-label={`${chosen ? t('handouts.remove') : t('handouts.add')}: ${handout.title}`}
          >
            {chosen ? `✓ ${t('handouts.selected')}` : t('handouts.add')}
          </BigButton>
        )}
      </div>
    </li>
  );
}
