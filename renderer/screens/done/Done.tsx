import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import type { FlowScreenProps } from '../screen-props';

/** Thank you; the flow returns to Welcome by itself after a few seconds. */
export function Done({ send }: FlowScreenProps) {
  const { t } = useTranslation();
  return (
    <Screen name="done" title={t('done.title')} actions={<BigButton onClick={() => send({ type: 'FINISH' })}>{t('common.finish')}</BigButton>}>
      <p className="lead">{t('done.body')}</p>
    </Screen>
  );
}
