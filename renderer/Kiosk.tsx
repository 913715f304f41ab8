import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useMachine } from '@xstate/react';
import type { Language, PublicConfig } from '../electron/contract/config';
import { kioskApi } from './api/kiosk-client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StaffCorner } from './components/StaffCorner';
import { IdleTimer } from './flow/idle-timer';
import { createKioskMachine, type FlowSettings } from './flow/kiosk-machine';
import { printViaApi } from './flow/print-via-api';
import { i18next, localized } from './i18n';
import { Done } from './screens/done/Done';
import { Handouts } from './screens/handouts/Handouts';
import { IdleWarning } from './screens/idle/IdleWarning';
import { Outcome } from './screens/outcome/Outcome';
import { Policy } from './screens/policy/Policy';
import { Printed, Printing } from './screens/printing/Printing';
import { Question } from './screens/screening/Question';
import type { FlowScreenProps } from './screens/screen-props';
import { PinPad } from './screens/staff/PinPad';
import { StaffScreen } from './screens/staff/StaffScreen';
import { TurnedAway } from './screens/turned-away/TurnedAway';
import { Welcome } from './screens/welcome/Welcome';

const SCREENS = {
  welcome: Welcome,
  policy: Policy,
  turnedAway: TurnedAway,
  screening: Question,
  outcome: Outcome,
  handouts: Handouts,
  printing: Printing,
  printed: Printed,
  done: Done,
} satisfies Record<string, (props: FlowScreenProps) => React.ReactNode>;

type StaffView = 'closed' | 'pin' | 'lapsed' | { token: string };

function settingsFrom(config: PublicConfig): FlowSettings {
  return {
    defaultLanguage: config.defaultLanguage,
    visitorMode: config.visitorPolicy.mode,
    questionCount: config.screening.questions.length,
    maxHandouts: config.handouts.maxPerSession,
    doneSeconds: config.idle.doneSeconds,
  };
}

/** The running kiosk: the flow, the idle timer, the staff corner and the language switch. */
export function Kiosk({ config }: { config: PublicConfig }) {
  const machine = useMemo(() => createKioskMachine(printViaApi(kioskApi)), []);
  const [snapshot, send, actor] = useMachine(machine, { input: settingsFrom(config) });
  const [idleSeconds, setIdleSeconds] = useState<number | null>(null);
  const [staff, setStaff] = useState<StaffView>('closed');
  const [session, setSession] = useState(0);
  const screen = snapshot.value as keyof typeof SCREENS;
  const lang = snapshot.context.lang;

  useEffect(() => {
    const subscription = actor.on('record', ({ event }) => void kioskApi['session:record']({ event }));
    return () => subscription.unsubscribe();
  }, [actor]);

  useEffect(() => {
    void i18next.changeLanguage(lang);
    document.documentElement.lang = lang;
    document.title = localized(config.clinic.name, lang);
  }, [lang, config]);

  /** Ends the session now (idle, staff): the flow goes back to a fresh Welcome and overlays close. */
  const reset = useCallback(() => {
    send({ type: 'RESET' });
    setStaff('closed');
    setIdleSeconds(null);
  }, [send]);

  // Whenever the flow arrives back at Welcome (reset, done, turned away), the session is over:
  // every screen remounts with no state, and the host wipes storage.
  const previous = useRef(screen);
  useEffect(() => {
    if (screen === 'welcome' && previous.current !== 'welcome') {
      setSession((n) => n + 1);
      void kioskApi['session:end']({});
    }
    previous.current = screen;
  }, [screen]);

  // However the staff screen closes (Back, End session, the idle reset), its token ends with it.
  const staffToken = typeof staff === 'object' ? staff.token : null;
  useEffect(() => {
    if (!staffToken) return;
    return () => void kioskApi['staff:lock']({ token: staffToken });
  }, [staffToken]);

  const idle = useMemo(
    () =>
      new IdleTimer({
        warnAfterMs: config.idle.warnAfterSeconds * 1000,
        countdownMs: config.idle.countdownSeconds * 1000,
        onWarn: setIdleSeconds,
        onTick: setIdleSeconds,
        onExpire: reset,
      }),
    [config, reset],
  );
  // Welcome in the default language is the resting state; a language chosen and left behind
  // on Welcome times out too, so the next person does not meet it.
  const resting = screen === 'welcome' && staff === 'closed' && lang === config.defaultLanguage;
  useEffect(() => {
    if (resting) return idle.stop();
    idle.activity();
    const onActivity = () => {
      setIdleSeconds(null);
      idle.activity();
    };
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    return () => {
      idle.stop();
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
    };
  }, [idle, resting]);

  const Current = SCREENS[screen];
  return (
    <div className="kiosk" data-state={screen}>
      <header className="kiosk-header">
        <StaffCorner onHeld={() => setStaff('pin')} />
        <span className="clinic-name">{localized(config.clinic.name, lang)}</span>
        <LanguageSwitch languages={config.languages} current={lang} onChange={(l: Language) => send({ type: 'SET_LANG', lang: l })} />
      </header>
      <Current key={session} context={snapshot.context} send={send} config={config} />
      {idleSeconds !== null && (
        <IdleWarning
          secondsLeft={idleSeconds}
          onMoreTime={() => {
            setIdleSeconds(null);
            idle.activity();
          }}
        />
      )}
      {(staff === 'pin' || staff === 'lapsed') && (
        <PinPad lapsed={staff === 'lapsed'} onUnlocked={(token) => setStaff({ token })} onCancel={() => setStaff('closed')} />
      )}
      {typeof staff === 'object' && (
        <StaffScreen token={staff.token} onEndSession={reset} onClose={() => setStaff('closed')} onLocked={() => setStaff('lapsed')} />
      )}
    </div>
  );
}
