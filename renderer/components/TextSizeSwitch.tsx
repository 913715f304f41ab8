import { useTranslation } from 'react-i18next';
import { TEXT_SIZES, type TextSize } from '../flow/kiosk-machine';

/** Normal, large and extra large text, from every screen: an "A" drawn at each size, named for screen readers. */
export function TextSizeSwitch({ current, onChange }: { current: TextSize; onChange: (size: TextSize) => void }) {
  const { t } = useTranslation();
  return (
    <div className="text-size-switch" role="group" aria-label={t('textSize.choose')}>
      {TEXT_SIZES.map((size) => (
        <button key={size} type="button" className="text-size-button" data-size={size} aria-pressed={size === current} aria-label={t(`textSize.${size}`)} onClick={() => onChange(size)}>
          <span aria-hidden="true">A</span>
        </button>
      ))}
    </div>
  );
}
