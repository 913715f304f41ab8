import { useTranslation } from 'react-i18next';
import { localized } from '../../i18n';
import type { FlowScreenProps } from '../screen-props';

/** The resting screen: the whole screen is the start button. */
export function Welcome({ context, send, config }: FlowScreenProps) {
  const { t } = useTranslation();
  return (
    <main className="screen welcome" data-screen="welcome" aria-labelledby="welcome-title">
      <div className="screen-body">
        <h1 id="welcome-title" className="screen-title welcome-title">
          {t('welcome.title', { clinic: localized(config.clinic.name, context.lang) })}
        </h1>
        <p className="lead">{t('welcome.intro')}</p>
      </div>
      <div className="screen-actions">
        <button type="button" className="big-button big-button--primary start-button" onClick={() => send({ type: 'START' })}>
          {t('welcome.start')}
        </button>
      </div>
    </main>
  );
}
