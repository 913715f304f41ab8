import { useEffect, useState, type ReactNode } from 'react';
import type { SessionReset } from '../../../electron/contract/channels';
import { kioskApi } from '../../api/kiosk-client';
import { StaffCorner } from '../../components/StaffCorner';
import { PinPad } from './PinPad';
import { StaffScreen } from './StaffScreen';

/** The staff screen closes itself after this long without a touch (the host's token lapses then too). */
export const STAFF_IDLE_MS = 2 * 60_000;

/** Asks the kiosk flow to end its session now, for a reason; `count` goes up once per request. */
export interface EndRequest {
  count: number;
  reason: SessionReset;
}

/** What a screen under the staff overlay needs: whether staff are in, and the hidden corner to place. */
export interface StaffHandle {
  open: boolean;
  corner: ReactNode;
}

type View = 'closed' | 'pin' | 'lapsed' | { token: string };

/**
 * The way in for staff, over whatever the kiosk shows (the flow, or out of service): the hidden
 * corner, the PIN pad, and the staff screen. It stays open when staff take the kiosk out of
 * service, so they can put it back without the PIN again.
 */
export function StaffAccess({
  inService,
  onEndSession,
  onServiceChanged,
  children,
}: {
  inService: boolean;
  onEndSession: () => void;
  onServiceChanged: () => void;
  children: (staff: StaffHandle) => ReactNode;
}) {
  const [view, setView] = useState<View>('closed');
  const token = typeof view === 'object' ? view.token : null;

  // However the staff screen closes (Back, End session, locking itself), its token ends with it.
  useEffect(() => {
    if (!token) return;
    return () => void kioskApi['staff:lock']({ token });
  }, [token]);

  // Left open and untouched, the staff screen closes itself, so the next patient never meets it.
  useEffect(() => {
    if (!token) return;
    let timer = window.setTimeout(() => setView('closed'), STAFF_IDLE_MS);
    const touched = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => setView('closed'), STAFF_IDLE_MS);
    };
    window.addEventListener('pointerdown', touched, true);
    window.addEventListener('keydown', touched, true);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointerdown', touched, true);
      window.removeEventListener('keydown', touched, true);
    };
  }, [token]);

  return (
    <>
      {children({ open: view !== 'closed', corner: <StaffCorner onHeld={() => setView('pin')} /> })}
      {(view === 'pin' || view === 'lapsed') && (
        <PinPad lapsed={view === 'lapsed'} onUnlocked={(t) => setView({ token: t })} onCancel={() => setView('closed')} />
      )}
      {token && (
        <StaffScreen
          token={token}
          inService={inService}
          onEndSession={() => {
            setView('closed');
            onEndSession();
          }}
          onServiceChanged={onServiceChanged}
          onClose={() => setView('closed')}
          onLocked={() => setView('lapsed')}
        />
      )}
    </>
  );
}
