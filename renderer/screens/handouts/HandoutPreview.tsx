import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../electron/contract/config';
import type { Handout } from '../../../electron/contract/content';
import { kioskApi } from '../../api/kiosk-client';
import { BigButton } from '../../components/BigButton';
import { HandoutBody } from '../../components/HandoutBody';

/** A handout on screen, as it will print, with add/remove and close at the bottom. */
export function HandoutPreview(props: { id: string; lang: Language; chosen: boolean; canChoose: boolean; canPrint: boolean; onToggle: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [handout, setHandout] = useState<Handout | 'loading' | 'unavailable'>('loading');
  useEffect(() => {
    let current = true;
    void kioskApi['content:get']({ id: props.id, lang: props.lang }).then((result) => {
      if (current) setHandout(result.ok ? result.value : 'unavailable');
    });
    return () => {
      current = false;
    };
  }, [props.id, props.lang]);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="preview-title" data-screen="handout-preview">
      <div className="dialog preview">
        <div className="preview-scroll">
          {handout === 'unavailable' && <p role="alert">{t('handouts.unavailable')}</p>}
          {typeof handout === 'object' && (
            <article>
              <h2 id="preview-title">{handout.title}</h2>
              <HandoutBody handout={handout} headingLevel={3} />
            </article>
          )}
        </div>
        <div className="preview-actions">
          {props.canPrint && (
            <BigButton variant={props.chosen ? 'primary' : 'secondary'} aria-pressed={props.chosen} disabled={!props.chosen && !props.canChoose} onClick={props.onToggle}>
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
