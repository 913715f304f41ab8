import { useTranslation } from 'react-i18next';
import type { Language } from '../../electron/contract/config';

/** One button per enabled language, each labelled in its own language. */
export function LanguageSwitch({ languages, current, onChange }: { languages: Language[]; current: Language; onChange: (lang: Language) => void }) {
  const { t } = useTranslation();
  if (languages.length < 2) return null;
  return (
    <nav className="language-switch" aria-label={t('language.choose')}>
      {languages.map((lang) => (
        <button key={lang} type="button" lang={lang} className="language-button" aria-pressed={lang === current} onClick={() => onChange(lang)}>
          {t('language.name', { lng: lang })}
        </button>
      ))}
    </nav>
  );
}
