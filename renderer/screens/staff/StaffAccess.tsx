import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { STAFF_IDLE_MS } from '../../../electron/contract/channel-names';
import type { SessionReset } from '../../../electron/contract/channels';
import { kioskApi } from '../../api/kiosk-client';
import { RetryOnError } from '../../components/RetryOnError';
import { StaffCorner } from '../../components/StaffCorner';
import { useActivity } from '../../hooks/use-activity';
import { useInactivityTimeout } from '../../hooks/use-inactivity-timeout';
import { PinPad, StaffScreen } from '../lazy-screens';

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
  onEndSession: (reason: SessionReset) => void;
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

  // The PIN pad or staff screen left open and untouched closes itself. No one has touched the
  // kiosk all that time, so whatever session lies under it is over too: the next person meets Welcome.
  const open = view !== 'closed';
  const touched = useInactivityTimeout(
    STAFF_IDLE_MS,
    () => {
      setView('closed');
      onEndSession('idle');
    },
    open,
  );
  useActivity(touched, open);

  return (
    <>
      {children({ open, corner: <StaffCorner onHeld={() => setView('pin')} /> })}
      <RetryOnError>
        <Suspense fallback={null}>
          {(view === 'pin' || view === 'lapsed') && (
            <PinPad lapsed={view === 'lapsed'} onUnlocked={(t) => setView({ token: t })} onCancel={() => setView('closed')} />
          )}
          {token && (
            <StaffScreen
              token={token}
              inService={inService}
              onEndSession={() => {
                setView('closed');
                onEndSession('staff');
              }}
              onServiceChanged={onServiceChanged}
              onClose={() => setView('closed')}
              onLocked={() => setView('lapsed')}
            />
          )}
        </Suspense>
      </RetryOnError>
    </>
  );
}
