import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/config';
import type { Handout } from '../../../electron/contract/content';
import { kioskApi } from '../../api/kiosk-client';
import { BigButton } from '../../components/BigButton';
import { HandoutBody } from '../../components/HandoutBody';
import { qrCodeDataUrl } from '../../components/qr-code';
import { useHostCall } from '../../hooks/use-host-call';

/** A handout on screen, as it will print, with add/remove and close at the bottom. */
export function HandoutPreview(props: {
  id: string;
  lang: Language;
  chosen: boolean;
  canChoose: boolean;
  canPrint: boolean;
  onToggle: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [handout, setHandout] = useState<Handout | 'loading' | 'unavailable'>('loading');
  // When the printer is down, a handout with an online address can go home on the patient's phone.
  const [qrCode, setQrCode] = useState<string | null>(null);
  const { canPrint } = props;
  useHostCall(
    [props.id, props.lang, canPrint],
    async () => {
      const result = await kioskApi['content:get']({ id: props.id, lang: props.lang });
      const value = result.ok ? result.value : ('unavailable' as const);
      return { value, qr: typeof value === 'object' && value.url && !canPrint ? await qrCodeDataUrl(value.url) : null };
    },
    ({ value, qr }) => {
      setHandout(value);
      setQrCode(qr);
    },
  );

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="preview-title" data-screen="handout-preview">
      <div className="dialog preview">
        {/* Focusable, so a keyboard or switch user can scroll a long handout with the arrow keys. */}
        <div className="preview-scroll" tabIndex={0} role="region" aria-labelledby="preview-title">
          {handout === 'unavailable' && <p role="alert">{t('handouts.unavailable')}</p>}
          {typeof handout === 'object' && (
            <article>
              <h2 id="preview-title">{handout.title}</h2>
              {qrCode && (
                <figure className="send-to-phone">
                  <img src={qrCode} alt="" width={160} height={160} />
                  <figcaption>{t('handouts.scanToRead')}</figcaption>
                </figure>
              )}
              <HandoutBody handout={handout} headingLevel={3} />
            </article>
          )}
        </div>
        <div className="preview-actions">
          {props.canPrint && (
            <BigButton
              variant={props.chosen ? 'primary' : 'secondary'}
              aria-pressed={props.chosen}
              disabled={!props.chosen && !props.canChoose}
              onClick={props.onToggle}
            >
              {props.chosen ? t('handouts.remove') : t('handouts.add')}
            </BigButton>
          )}
          <BigButton variant="quiet" onClick={props.onClose} autoFocus>
            {t('common.close')}
          </BigButton>
        </div>
      </div>
    </div>
  );
}
