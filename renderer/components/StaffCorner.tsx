import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

export const STAFF_HOLD_MS = 3000;

/**
 * The hidden top-left corner: pressing and holding it for 3 seconds opens the staff PIN pad.
 * A tap does nothing, so patients do not stumble into it.
 */
export function StaffCorner({ onHeld }: { onHeld: () => void }) {
  const { t } = useTranslation();
  const timer = useRef<number | undefined>(undefined);
  const cancel = () => window.clearTimeout(timer.current);
  return (
    <button
      type="button"
      className="staff-corner"
      aria-label={t('staff.hold')}
      tabIndex={-1}
      onPointerDown={() => {
        cancel();
        timer.current = window.setTimeout(onHeld, STAFF_HOLD_MS);
      }}
      onPointerUp={cancel}
      onPointerLeave={cancel}
      onPointerCancel={cancel}
      onContextMenu={(event) => event.preventDefault()}
    />
  );
}
