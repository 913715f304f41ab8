import { useTranslation } from 'react-i18next';
import { BigButton } from '../../components/BigButton';
import { Screen } from '../../components/Screen';
import type { FlowScreenProps } from '../screen-props';

/** While the host lays out and spools the pages. */
export function Printing() {
  const { t } = useTranslation();
  return (
    <Screen name="printing" title={t('printing.busy')}>
      <div className="spinner" role="progressbar" aria-label={t('printing.busy')} />
    </Screen>
  );
}

/** How printing ended, in words a patient can act on. */
export function Printed({ context, send }: FlowScreenProps) {
  const { t } = useTranslation();
  const outcome = context.printOutcome ?? 'failed';
  // A phone slip that did not print: the number is still on the screen to write down.
  const message = context.printKind === 'phone-slip' && outcome !== 'done' ? 'printing.slipFailed' : `printing.${outcome}`;
  return (
    <Screen
      name={`printed-${outcome}`}
      title={<span role="status">{t(message)}</span>}
      actions={<BigButton onClick={() => send({ type: 'NEXT' })}>{t('common.continue')}</BigButton>}
    />
  );
}
