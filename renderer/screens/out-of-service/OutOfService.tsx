import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConfigProblem } from '../../../electron/contract/channels';
import type { Language } from '../../../electron/contract/config';
import { DisplaySwitch, useDisplayOnPage } from '../../components/DisplaySwitch';
import type { TextSize } from '../../flow/kiosk-machine';
import { i18next, useLanguagesLoaded } from '../../i18n';
import { FILE_LANGUAGES } from '../../strings';
import type { StaffHandle } from '../staff/StaffAccess';

/** Text size and contrast for the out-of-service screen: its own, at normal each time it shows. */
function useDisplay() {
  const [textSize, setTextSize] = useState<TextSize>('normal');
  const [highContrast, setHighContrast] = useState(false);
  useDisplayOnPage(textSize, highContrast);
  return { textSize, setTextSize, highContrast, setHighContrast };
}

/**
 * Shown when the kiosk is not taking people: staff took it out of service (in the kiosk's
 * languages, with the staff corner to put it back), or it cannot run safely (bad config or
 * content, or the host not answering: in every language the kiosk knows, and for staff, every
 * problem with its field). Text size and contrast can be changed here too, as on every screen.
 */
export function OutOfService({
  details,
  languages = FILE_LANGUAGES,
  staff,
}: {
  details?: { source: string; problems: ConfigProblem[] };
  languages?: Language[];
  staff?: StaffHandle;
}) {
  useLanguagesLoaded(languages);
  const { t } = useTranslation();
  const display = useDisplay();
  return (
    <div className="kiosk">
      <header className="kiosk-header out-of-service-header">
        {staff?.corner}
        <DisplaySwitch size={display.textSize} onSize={display.setTextSize} highContrast={display.highContrast} onContrast={display.setHighContrast} />
      </header>
      <main className="screen out-of-service" data-screen="out-of-service">
        <div className="screen-body">
          {languages.map((lng) => (
            <section key={lng} lang={lng} dir={i18next.dir(lng)}>
              <h1 className="screen-title">{t('outOfService.title', { lng })}</h1>
              <p className="lead">{t('outOfService.body', { lng })}</p>
            </section>
          ))}
          {details && (
            <section className="staff-problems" lang="en" dir="ltr" aria-labelledby="problems-title">
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
    </div>
  );
}
