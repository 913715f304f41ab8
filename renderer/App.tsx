import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskState } from '../electron/contract/channels';
import { kioskApi } from './api/kiosk-client';
import { Kiosk } from './Kiosk';
import { OutOfService } from './screens/out-of-service/OutOfService';

const RETRY_MS = 5000;

/** Asks the host whether the kiosk may run; until it answers, or if it cannot, a calm screen. */
export function App() {
  const { t } = useTranslation();
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
  if (state === 'unreachable') {
    return (
      <main className="screen" data-screen="unreachable">
        <div className="screen-body">
          <h1 className="screen-title">{t('outOfService.title')}</h1>
          <p className="lead">{t('outOfService.body')}</p>
        </div>
      </main>
    );
  }
  if (state.status === 'out-of-service') return <OutOfService source={state.source} problems={state.problems} />;
  return <Kiosk config={state.config} contentVersion={state.contentVersion} />;
}
