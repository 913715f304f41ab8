import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskApi } from '../../api/kiosk-client';
import { BigButton } from '../../components/BigButton';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** The staff PIN pad. The host checks the PIN and keeps the lockout, so a reload does not reset it. */
export function PinPad({ onUnlocked, onCancel, lapsed = false }: { onUnlocked: (token: string) => void; onCancel: () => void; lapsed?: boolean }) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState(lapsed ? t('staff.sessionLapsed') : '');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (pin.length < 4 || busy) return;
    setBusy(true);
    const result = await kioskApi['staff:unlock']({ pin });
    setBusy(false);
    setPin('');
    if (!result.ok) return setMessage(t('common.error'));
    if (result.value.unlocked) return onUnlocked(result.value.token);
    const { lockedForSeconds, triesLeft } = result.value;
    setMessage(lockedForSeconds > 0 ? t('staff.locked', { minutes: Math.ceil(lockedForSeconds / 60) }) : t('staff.wrong', { count: triesLeft }));
  };
  const press = (digit: string) => setPin((p) => (p.length < 12 ? p + digit : p));

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="pin-title" data-screen="staff-pin">
      <div className="dialog pin-pad">
        <h2 id="pin-title">{t('staff.pinTitle')}</h2>
        <output className="pin-dots" aria-label={t('staff.pinLabel')} data-testid="pin-dots">
          {'●'.repeat(pin.length) || '\u00a0'}
        </output>
        <p className="pin-message" role="alert">
          {message}
        </p>
        <div className="keypad">
          {DIGITS.map((d) => (
            <button key={d} type="button" className="key" onClick={() => press(d)} aria-label={t('staff.digit', { digit: d })}>
              {d}
            </button>
          ))}
          <button type="button" className="key key--small" onClick={() => setPin((p) => p.slice(0, -1))}>
            {t('staff.delete')}
          </button>
          <button type="button" className="key" onClick={() => press('0')} aria-label={t('staff.digit', { digit: '0' })}>
            0
          </button>
          <button type="button" className="key key--small key--enter" onClick={() => void submit()} disabled={pin.length < 4 || busy}>
            {t('staff.enter')}
          </button>
        </div>
        <BigButton variant="secondary" onClick={onCancel}>
          {t('staff.cancel')}
        </BigButton>
      </div>
    </div>
  );
}
