import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import { PARTIES } from '../../../electron/contract/plain-values';
import { localized } from '../../i18n';
import type { FlowScreenProps } from '../screen-props';

/** The visitor policy in large type, then who is coming in. */
export function Policy({ context, send, config }: FlowScreenProps) {
  const { t } = useTranslation();
  return (
    <Screen
      name="policy"
      title={t('policy.title')}
      actions={
        <>
          <h2 className="actions-question">{t('policy.who')}</h2>
          {PARTIES.map((party) => (
            <BigButton key={party} variant="secondary" onClick={() => send({ type: 'CHOOSE', party })}>
              {t(`policy.party.${party}`)}
            </BigButton>
          ))}
          <BigButton variant="quiet" onClick={() => send({ type: 'BACK' })}>
            {t('common.back')}
          </BigButton>
        </>
      }
    >
      <p className="policy-text">{localized(config.visitorPolicy.text, context.lang)}</p>
    </Screen>
  );
}
