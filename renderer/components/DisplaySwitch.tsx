import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { TEXT_SIZES, type TextSize } from '../flow/kiosk-machine';

/**
 * Puts the text size and contrast on <html> (every size in the stylesheet is in rem), and back to
 * normal when the screen that chose them goes, so the next person starts at normal.
 */
export function useDisplayOnPage(textSize: TextSize, highContrast: boolean): void {
  useEffect(() => {
    document.documentElement.dataset.textSize = textSize;
    document.documentElement.dataset.contrast = highContrast ? 'high' : 'normal';
  }, [textSize, highContrast]);
  useEffect(
    () => () => {
      document.documentElement.dataset.textSize = 'normal';
      document.documentElement.dataset.contrast = 'normal';
    },
    [],
  );
}

/**
 * How the screen looks, from every screen: normal, large and extra large text (an "A" drawn at
 * each size, named for screen readers) and high contrast (a half-filled circle).
 */
export function DisplaySwitch(props: { size: TextSize; onSize: (size: TextSize) => void; highContrast: boolean; onContrast: (high: boolean) => void }) {
  const { t } = useTranslation();
  return (
    <div className="display-switch" role="group" aria-label={t('display.choose')}>
      {TEXT_SIZES.map((size) => (
        <button
          key={size}
          type="button"
          className="display-button"
          data-size={size}
          aria-pressed={size === props.size}
          aria-label={t(`display.${size}`)}
          onClick={() => props.onSize(size)}
        >
          <span aria-hidden="true">A</span>
        </button>
      ))}
      <button
        type="button"
        className="display-button"
        aria-pressed={props.highContrast}
        aria-label={t('display.highContrast')}
        onClick={() => props.onContrast(!props.highContrast)}
      >
        <span aria-hidden="true">◐</span>
      </button>
    </div>
  );
}
