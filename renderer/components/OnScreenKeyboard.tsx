import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../electron/contract/config';
import { isLetterKey, keyboardRows, type KeyPress } from './keyboard-layout';
import './on-screen-keyboard.css';

/**
 * The kiosk's own keyboard: OS touch keyboards do not open reliably over a kiosk window, and a
 * real text field would try to open one. Big keys (real buttons: Tab and Enter work), letters of
 * the session's language, space, delete and clear. A physical keyboard, where there is one,
 * types too.
 */
export function OnScreenKeyboard({ lang, onKey }: { lang: Language; onKey: (press: KeyPress) => void }) {
  const { t } = useTranslation();
  const letters = t('language.keyboard', { lng: lang });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A dialog over the search (a handout being read, the staff PIN pad) has the keys to itself.
      if (event.ctrlKey || event.metaKey || event.altKey || document.querySelector('[aria-modal="true"]')) return;
      // Space and Enter on a focused button press that button, as they always do.
      const onButton = event.target instanceof HTMLButtonElement;
      if (isLetterKey(letters, event.key)) onKey({ type: 'letter', letter: event.key });
      else if (event.key === 'Backspace') onKey({ type: 'backspace' });
      else if (event.key === ' ' && !onButton) onKey({ type: 'space' });
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [letters, onKey]);

  return (
    <div className="osk" role="group" aria-label={t('search.keyboard')} data-testid="on-screen-keyboard">
      {keyboardRows(letters).map((row) => (
        <div className="osk-row" key={row.join('')}>
          {row.map((letter) => (
            <button
              key={letter}
              type="button"
              className="osk-key"
              aria-label={t('search.letter', { letter })}
              onClick={() => onKey({ type: 'letter', letter })}
            >
              {letter.toLocaleUpperCase(lang)}
            </button>
          ))}
        </div>
      ))}
      <div className="osk-row">
        <button type="button" className="osk-key osk-key--wide" onClick={() => onKey({ type: 'clear' })}>
          {t('search.clear')}
        </button>
        <button type="button" className="osk-key osk-key--space" onClick={() => onKey({ type: 'space' })}>
          {t('search.space')}
        </button>
        <button type="button" className="osk-key osk-key--wide" aria-label={t('search.backspace')} onClick={() => onKey({ type: 'backspace' })}>
          <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 5h11v14H9l-6-7z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
            <path d="M12 9l5 6M17 9l-5 6" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>{' '}
          {t('search.backspace')}
        </button>
      </div>
    </div>
  );
}
