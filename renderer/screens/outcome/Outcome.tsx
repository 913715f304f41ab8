import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { Icon } from '../../components/Icon';
import { PhoneNumber } from '../../components/PhoneNumber';
import { Screen } from '../../components/Screen';
import type { FlowScreenProps } from '../screen-props';

/** Come in, or stay out and call the nurse: in words and an icon, never by color alone. */
export function Outcome({ context, send, config }: FlowScreenProps) {
  const { t } = useTranslation();
  const stayOut = context.outcome === 'stay-out';
  const visitor = context.party === 'visitor';
  const next = (
    <>
      <BigButton onClick={() => send({ type: 'NEXT' })}>{t('outcome.handouts')}</BigButton>
      <BigButton variant="quiet" onClick={() => send({ type: 'FINISH' })}>
        {t('common.finish')}
      </BigButton>
    </>
  );
  if (!stayOut) {
    return (
      <Screen
        name="come-in"
        title={
          <>
            <Icon name="check" /> {t('outcome.comeIn.title')}
          </>
        }
        actions={next}
      >
        <p className="lead">{t('outcome.comeIn.body')}</p>
      </Screen>
    );
  }
  return (
    <Screen
      name="stay-out"
      title={
        <>
          <Icon name="stop" /> {t(visitor ? 'outcome.stayOut.visitorTitle' : 'outcome.stayOut.title')}
        </>
      }
      actions={
        <>
          {!context.slipPrinted && (
            <BigButton variant="secondary" onClick={() => send({ type: 'PRINT_SLIP' })}>
              {t('outcome.printSlip')}
            </BigButton>
          )}
          {next}
        </>
      }
    >
      <p className="lead">{t(visitor ? 'outcome.stayOut.visitorBody' : 'outcome.stayOut.body')}</p>
      <p className="phone-label">{t('outcome.stayOut.call')}</p>
      <p className="phone-number" data-testid="office-phone">
        <PhoneNumber clinic={config.clinic} />
      </p>
    </Screen>
  );
}
