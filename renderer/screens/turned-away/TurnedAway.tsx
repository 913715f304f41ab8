import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import type { FlowScreenProps } from '../screen-props';

/** A visitor under a no-visitors policy: why, and what they can do instead. */
export function TurnedAway({ send }: FlowScreenProps) {
  const { t } = useTranslation();
  return (
    <Screen name="turned-away" title={t('turnedAway.title')} actions={<BigButton onClick={() => send({ type: 'FINISH' })}>{t('turnedAway.ok')}</BigButton>}>
      <p className="lead">{t('turnedAway.why')}</p>
      <p className="lead">{t('turnedAway.what')}</p>
    </Screen>
  );
}
