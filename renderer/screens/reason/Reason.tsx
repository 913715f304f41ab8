import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import type { FlowScreenProps } from '../screen-props';

/**
 * "What brings you in today?": one big button per reason the content offers, and Skip. The
 * answer only picks the suggested handouts; it is kept in memory for this session and no more.
 */
export function Reason({ context, send, reasons }: FlowScreenProps) {
  const { t } = useTranslation();
  return (
    <Screen
      name="reason"
      title={t('reason.title')}
      actions={
        <>
          {reasons.flatMap((reason) => {
            // A reason without a label in this language is left out (`content check` warns): never another language.
            const label = reason.label[context.lang];
            return label
              ? [
                  <BigButton key={reason.id} variant="secondary" onClick={() => send({ type: 'CHOOSE_REASON', reason: reason.id })}>
                    {label}
                  </BigButton>,
                ]
              : [];
          })}
          <BigButton variant="quiet" onClick={() => send({ type: 'SKIP' })}>
            {t('reason.skip')}
          </BigButton>
        </>
      }
    >
      <p className="lead">{t('reason.lead')}</p>
    </Screen>
  );
}
