import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';

/** "Are you still there?" with the seconds left, read out by screen readers as they change. */
export function IdleWarning({ secondsLeft, onMoreTime }: { secondsLeft: number; onMoreTime: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="overlay" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-countdown" data-screen="idle">
      <div className="dialog">
        <h2 id="idle-title">{t('idle.title')}</h2>
        <p id="idle-countdown" className="countdown" aria-live="polite">
          <span className="countdown-number" data-testid="idle-seconds">
            {secondsLeft}
          </span>
          <br />
          {t('idle.countdown', { seconds: secondsLeft })}
        </p>
        <BigButton onClick={onMoreTime} autoFocus>
          {t('idle.more')}
        </BigButton>
      </div>
    </div>
  );
}
