import { useTranslation } from 'react-i18next';
import type { ConfigProblem } from '../../../electron/contract/channels';
import type { Language } from '../../../electron/contract/config';
import { resources } from '../../i18n';

/**
 * Shown when the kiosk cannot run safely (bad config or content, or the host not answering): a
 * calm message in every language the kiosk knows, and for staff, every problem with its field.
 */
export function OutOfService({ details }: { details?: { source: string; problems: ConfigProblem[] } }) {
  const { t } = useTranslation();
  const languages = Object.keys(resources) as Language[];
  return (
    <main className="screen out-of-service" data-screen="out-of-service">
      <div className="screen-body">
        {languages.map((lng) => (
          <section key={lng} lang={lng}>
            <h1 className="screen-title">{t('outOfService.title', { lng })}</h1>
            <p className="lead">{t('outOfService.body', { lng })}</p>
          </section>
        ))}
        {details && (
          <section className="staff-problems" lang="en" aria-labelledby="problems-title">
            <h2 id="problems-title">{t('outOfService.staffHeading', { lng: 'en' })}</h2>
            <p>{t('outOfService.staffSource', { lng: 'en', source: details.source })}</p>
            <ul>
              {details.problems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  <code>{p.path}</code>: {p.message}
                </li>
              ))}
            </ul>
            <p>{t('outOfService.staffWhat', { lng: 'en' })}</p>
          </section>
        )}
      </div>
    </main>
  );
}
