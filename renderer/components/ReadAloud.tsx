import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../electron/contract/config';
import { kioskApi } from '../api/kiosk-client';
import { screenText, type ReadableElement } from '../speech/screen-text';
import { VOLUMES, type Speaker } from '../speech/speaker';
import './read-aloud.css';

/** How long an engine may take to list its voices before a language is called voiceless (speech-dispatcher takes about 5 s). */
const VOICES_SETTLE_MS = 10_000;
/** Languages already reported voiceless: once per language per page load, however often the kiosk remounts. */
const reported = new Set<string>();

/**
 * Once the voices have had time to arrive, tells the host's log which of the kiosk's languages
 * "Read to me" cannot speak, and why (IT can install a voice; nothing about the person is sent).
 */
export function useVoiceReport(speaker: Speaker, languages: readonly Language[]): void {
  useEffect(() => {
    const timer = window.setTimeout(() => {
      for (const lang of languages) {
        const choice = speaker.voiceFor(lang);
        if (choice.ok || reported.has(lang)) continue;
        reported.add(lang);
        void kioskApi['speech:unavailable']({ lang, reason: choice.reason });
      }
    }, VOICES_SETTLE_MS);
    return () => window.clearTimeout(timer);
  }, [speaker, languages]);
}

/**
 * How many dialogs the screen has open (a handout over the list): opening or closing one is a new
 * view to read, like a new screen. The idle warning is the kiosk's, not the screen's: not counted.
 */
export function useScreenDialogs(): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    const view = document.querySelector('.kiosk-view');
    if (!view) return;
    const recount = () => setCount(view.querySelectorAll('main [aria-modal="true"]').length);
    const observer = new MutationObserver(recount);
    observer.observe(view, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
  return count;
}

/**
 * Reads what is in front of the person in the session's language: an open dialog (a handout,
 * "Are you still there?") if there is one, else the screen's main part; never the header.
 */
export function useReadCurrentView(speaker: Speaker, lang: Language): () => void {
  const { t } = useTranslation();
  return useCallback(() => {
    const dialogs = document.querySelectorAll('.kiosk [aria-modal="true"]');
    const view = dialogs[dialogs.length - 1] ?? document.querySelector('.kiosk main');
    if (!view) return;
    // The page knows what stands on its own line: its computed display, not the tag.
    const isBlock = (element: ReadableElement) => !getComputedStyle(element as Element).display.startsWith('inline');
    speaker.speak(screenText(view, { button: (name) => t('readAloud.button', { name }), labelOnly: '.osk', isBlock }), lang);
  }, [speaker, lang, t]);
}

/**
 * "Read to me" in the header: reads the screen aloud on a touch (never on its own), then offers
 * "Stop reading" while it speaks and "Read again" after; quieter and louder in three steps.
 * Hidden where there is no voice for the language. Remounted for each new screen (`key`), so a
 * new screen offers "Read to me" again.
 */
export function ReadAloud({ speaker, lang, onRead }: { speaker: Speaker; lang: Language; onRead: () => void }) {
  const { t } = useTranslation();
  const { speaking, volumeLevel } = useSyncExternalStore(speaker.subscribe, speaker.snapshot);
  const [readHere, setReadHere] = useState(false);
  const readCurrentView = useReadCurrentView(speaker, lang);
  if (!speaker.voiceFor(lang).ok) return null;

  const read = () => {
    readCurrentView();
    setReadHere(true);
    onRead();
  };
  const label = speaking ? t('readAloud.stop') : readHere ? t('readAloud.repeat') : t('readAloud.read');
  return (
    <div className="read-aloud">
      <button type="button" className="read-aloud-button" data-speaking={speaking} onClick={speaking ? () => speaker.stop() : read}>
        <svg className="read-aloud-icon" viewBox="0 0 24 24" aria-hidden="true">
          <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
          {speaking ? (
            <rect x="15" y="8" width="7" height="8" rx="1" fill="currentColor" />
          ) : (
            <path d="M16 8.5a5 5 0 010 7M18.5 6a8.5 8.5 0 010 12" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          )}
        </svg>
        {label}
      </button>
      <div className="read-aloud-volume" role="group" aria-label={t('readAloud.level', { level: volumeLevel + 1, count: VOLUMES.length })}>
        <button
          type="button"
          className="read-aloud-step"
          aria-label={t('readAloud.quieter')}
          disabled={volumeLevel === 0}
          onClick={() => speaker.setVolumeLevel(volumeLevel - 1)}
        >
          <span aria-hidden="true">−</span>
        </button>
        <span className="read-aloud-level" aria-hidden="true">
          {VOLUMES.map((_, level) => (
            <span key={level} className="read-aloud-bar" data-on={level <= volumeLevel} />
          ))}
        </span>
        <button
          type="button"
          className="read-aloud-step"
          aria-label={t('readAloud.louder')}
          disabled={volumeLevel === VOLUMES.length - 1}
          onClick={() => speaker.setVolumeLevel(volumeLevel + 1)}
        >
          <span aria-hidden="true">+</span>
        </button>
      </div>
    </div>
  );
}
