import { useTranslation } from 'react-i18next';
import type { ConfigProblem } from '../../../electron/contract/channels';
import type { Language } from '../../../electron/contract/config';
import { resources } from '../../i18n';
import type { StaffHandle } from '../staff/StaffAccess';

/**
 * Shown when the kiosk is not taking people: staff took it out of service (in the kiosk's
 * languages, with the staff corner to put it back), or it cannot run safely (bad config or
 * content, or the host not answering: in every language the kiosk knows, and for staff, every
 * problem with its field).
 */
export function OutOfService({
  details,
  languages = Object.keys(resources) as Language[],
  staff,
}: {
  details?: { source: string; problems: ConfigProblem[] };
  languages?: Language[];
  staff?: StaffHandle;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen out-of-service" data-screen="out-of-service">
      {staff?.corner}
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
