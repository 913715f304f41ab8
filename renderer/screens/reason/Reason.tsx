import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/config';
import type { VisitReason } from '../../../electron/contract/content';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import type { FlowScreenProps } from '../screen-props';

/** A reason's label in the session's language; `content check` warns when one is missing, and then another shows. */
function labelOf(reason: VisitReason, lang: Language, fallback: Language): string {
  return reason.label[lang] ?? reason.label[fallback] ?? Object.values(reason.label)[0] ?? reason.id;
}

/**
 * "What brings you in today?": one big button per reason the content offers, and Skip. The
 * answer only picks the suggested handouts; it is kept in memory for this session and no more.
 */
export function Reason({ context, send, config, reasons }: FlowScreenProps) {
  const { t } = useTranslation();
  return (
    <Screen
      name="reason"
      title={t('reason.title')}
      actions={
        <>
          {reasons.map((reason) => (
            <BigButton key={reason.id} variant="secondary" onClick={() => send({ type: 'CHOOSE_REASON', reason: reason.id })}>
              {labelOf(reason, context.lang, config.defaultLanguage)}
            </BigButton>
          ))}
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
