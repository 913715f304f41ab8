import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kioskApi } from '../../api/kiosk-client';
import { BigButton } from '../../components/BigButton';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const withDigit = (digit: string) => (pin: string) => (pin.length < 12 ? pin + digit : pin);
const withoutLast = (pin: string) => pin.slice(0, -1);

/**
 * Entering the staff PIN: the dots, the message (wrong PIN, tries left, lockout) and the keypad.
 * The host checks the PIN and keeps the lockout, so a reload does not reset it. With `keyboard`
 * (the desk page), digits, Backspace and Enter typed on a keyboard work too; the kiosk has none.
 */
export function PinEntry({
  onUnlocked,
  initialMessage = '',
  keyboard = false,
}: {
  onUnlocked: (token: string) => void;
  initialMessage?: string;
  keyboard?: boolean;
}) {
  const { t } = useTranslation();
  const [pin, setPin] = useState('');
  const [message, setMessage] = useState(initialMessage);
  const [busy, setBusy] = useState(false);

  const submit = useCallback(async () => {
    if (pin.length < 4 || busy) return;
    setBusy(true);
    const result = await kioskApi['staff:unlock']({ pin });
    setBusy(false);
    setPin('');
    if (!result.ok) return setMessage(t('common.error'));
    if (result.value.unlocked) return onUnlocked(result.value.token);
    const { lockedForSeconds, triesLeft } = result.value;
    setMessage(lockedForSeconds > 0 ? t('staff.locked', { minutes: Math.ceil(lockedForSeconds / 60) }) : t('staff.wrong', { count: triesLeft }));
  }, [pin, busy, onUnlocked, t]);

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (/^[0-9]$/.test(event.key)) setPin(withDigit(event.key));
      else if (event.key === 'Backspace') setPin(withoutLast);
      // Enter on a focused button presses that button, as it always does.
      else if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) void submit();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [keyboard, submit]);

  return (
    <>
      <output className="pin-dots" aria-label={t('staff.pinLabel')} data-testid="pin-dots">
        {'●'.repeat(pin.length) || '\u00a0'}
      </output>
      <p className="pin-message" role="alert">
        {message}
      </p>
      <div className="keypad">
        {DIGITS.map((d) => (
          <button key={d} type="button" className="key" onClick={() => setPin(withDigit(d))} aria-label={t('staff.digit', { digit: d })}>
            {d}
          </button>
        ))}
        <button type="button" className="key key--small" onClick={() => setPin(withoutLast)}>
          {t('staff.delete')}
        </button>
        <button type="button" className="key" onClick={() => setPin(withDigit('0'))} aria-label={t('staff.digit', { digit: '0' })}>
          0
        </button>
        <button type="button" className="key key--small key--enter" onClick={() => void submit()} disabled={pin.length < 4 || busy}>
          {t('staff.enter')}
        </button>
      </div>
    </>
  );
}

/** The staff PIN pad on the kiosk, over the current screen. */
export function PinPad({ onUnlocked, onCancel, lapsed = false }: { onUnlocked: (token: string) => void; onCancel: () => void; lapsed?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="pin-title" data-screen="staff-pin">
      <div className="dialog pin-pad">
        <h2 id="pin-title">{t('staff.pinTitle')}</h2>
        <PinEntry onUnlocked={onUnlocked} initialMessage={lapsed ? t('staff.sessionLapsed') : ''} />
        <BigButton variant="secondary" onClick={onCancel}>
          {t('staff.cancel')}
        </BigButton>
      </div>
    </div>
  );
}
