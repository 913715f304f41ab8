import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionReset } from '../electron/contract/channels';
import { takeFirstState } from './api/first-state';
import { kioskApi } from './api/kiosk-client';
import { Kiosk } from './Kiosk';
import type { KioskActor } from './flow/kiosk-machine';
import { followView, type View } from './flow/next-view';
import { OutOfService } from './screens/out-of-service/OutOfService';
import { StaffAccess } from './screens/staff/StaffAccess';

/** How often the touch UI asks the host for news: out of service, a desk reset, a new config. */
const POLL_MS = 2000;
/**
 * Asks the host whether the kiosk may run, and keeps asking: staff may take it out of service
 * (here or from the desk), end the session from the desk, or IT may change the config, which
 * the host applies only while the kiosk is resting (no one using it). Until the host answers,
 * or if it cannot, a calm out-of-service screen.
 */
export function App() {
  const [view, setView] = useState<View>('loading');
  /** The running kiosk's flow, while there is one: staff and the desk end its session. */
  const kiosk = useRef<KioskActor>(null);
  const resting = useRef(true);
  const failures = useRef(0);
  const lastResets = useRef<{ loadedAt: string; resets: number } | null>(null);
  // Only news reaches setView: a poll that changes nothing must not queue an update (see followView).
  const [follow] = useState(() => followView(setView));

  const ask = useCallback(async () => {
    const result = await (takeFirstState() ?? kioskApi['kiosk:state']({ resting: resting.current }));
    failures.current = result.ok ? 0 : failures.current + 1;
    follow(result.ok ? result.value : 'unreachable', resting.current, failures.current);
  }, [follow]);

  useEffect(() => {
    void ask();
    const timer = window.setInterval(() => void ask(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [ask]);

  // A desk reset shows as `resets` going up under the same config.
  useEffect(() => {
    if (typeof view !== 'object' || view.status !== 'ready') return;
    const seen = lastResets.current;
    if (seen && seen.loadedAt === view.loadedAt && view.resets > seen.resets) {
      kiosk.current?.send({ type: 'END_SESSION', reason: 'remote' });
    }
    lastResets.current = { loadedAt: view.loadedAt, resets: view.resets };
  }, [view]);

  const endSession = useCallback((reason: SessionReset) => kiosk.current?.send({ type: 'END_SESSION', reason }), []);
  const onResting = useCallback((now: boolean) => {
    resting.current = now;
  }, []);

  if (view === 'loading') return <main className="screen" aria-busy="true" />;
  // The host is not answering (yet): out of service, asking again every few seconds.
  if (view === 'unreachable') return <OutOfService />;
  if (view.status === 'out-of-service') return <OutOfService details={view} />;
  const inService = view.status === 'ready';
  return (
    <StaffAccess inService={inService} onEndSession={endSession} onServiceChanged={() => void ask()}>
      {(staff) =>
        inService ? (
          <Kiosk ref={kiosk} key={view.loadedAt} config={view.config} reasons={view.reasons} staff={staff} onResting={onResting} />
        ) : (
          <OutOfService languages={view.languages} staff={staff} />
        )
      }
    </StaffAccess>
  );
}
