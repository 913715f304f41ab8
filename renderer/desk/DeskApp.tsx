import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../electron/contract/config';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { showLanguage } from '../i18n';
import { FILE_LANGUAGES } from '../strings';
import { PinEntry } from '../screens/staff/PinPad';
import { DeskStatus } from './DeskStatus';

/** The desk browser's own language when the kiosk has strings for it (pt-BR, else pt), else English. */
function browserLanguage(): Language {
  const wanted = navigator.languages.flatMap((tag) => [tag, tag.split('-')[0]!]);
  return wanted.find((tag) => FILE_LANGUAGES.includes(tag)) ?? 'en';
}

/** Locked (the PIN, with why it locked), or unlocked with the staff token; the token lives only in memory. */
type Access = { locked: true; note: string; times: number } | { locked: false; token: string };

/**
 * The front-desk page, opened in the desk's browser from the kiosk's staff host: the staff PIN
 * (the kiosk's own lockout), then the kiosk's state and what the desk may do about it.
 */
export function DeskApp() {
  const { t } = useTranslation();
  const [lang, setLang] = useState<Language>(browserLanguage);
  const [access, setAccess] = useState<Access>({ locked: true, note: '', times: 0 });

  useEffect(() => {
    showLanguage(lang).catch(() => undefined);
  }, [lang]);
  // Apart from the effect above: a language change gives a new `t`, which must not change the language again.
  useEffect(() => {
    document.title = t('desk.title');
  }, [t]);

  const onUnlocked = useCallback((token: string) => setAccess({ locked: false, token }), []);
  const onLocked = useCallback((note: string) => setAccess((now) => ({ locked: true, note, times: now.locked ? now.times + 1 : 1 })), []);

  return (
    <div className="desk">
      <header className="desk-header">
        <h1>{t('desk.title')}</h1>
        <LanguageSwitch languages={FILE_LANGUAGES} current={lang} onChange={setLang} />
      </header>
      {access.locked ? (
        // A new key each time it locks: the PIN pad starts empty, with the note of why.
        <DeskPin key={access.times} note={access.note} onUnlocked={onUnlocked} />
      ) : (
        <DeskStatus token={access.token} onLocked={onLocked} />
      )}
    </div>
  );
}

function DeskPin({ note, onUnlocked }: { note: string; onUnlocked: (token: string) => void }) {
  const { t } = useTranslation();
  return (
    <main className="desk-card desk-pin" data-screen="desk-pin" aria-labelledby="desk-pin-title">
      <h2 id="desk-pin-title">{t('staff.pinTitle')}</h2>
      <p className="desk-intro">{t('desk.pinIntro')}</p>
      <PinEntry onUnlocked={onUnlocked} initialMessage={note} keyboard />
    </main>
  );
}
