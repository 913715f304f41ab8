import { useEffect, useState } from 'react';
import type { KioskState } from '../electron/contract/channels';
import { kioskApi } from './api/kiosk-client';
import { Kiosk } from './Kiosk';
import { OutOfService } from './screens/out-of-service/OutOfService';

const RETRY_MS = 5000;

/** Asks the host whether the kiosk may run; until it answers, or if it cannot, a calm screen. */
export function App() {
  const [state, setState] = useState<KioskState | 'loading' | 'unreachable'>('loading');

  useEffect(() => {
    let timer: number | undefined;
    const ask = () =>
      void kioskApi['kiosk:state']({}).then((result) => {
        if (result.ok) return setState(result.value);
        setState('unreachable');
        timer = window.setTimeout(ask, RETRY_MS);
      });
    ask();
    return () => window.clearTimeout(timer);
  }, []);

  if (state === 'loading') return <main className="screen" aria-busy="true" />;
  // The host is not answering (yet): out of service, asking again every few seconds.
  if (state === 'unreachable') return <OutOfService />;
  if (state.status === 'out-of-service') return <OutOfService details={state} />;
  return <Kiosk config={state.config} />;
}
