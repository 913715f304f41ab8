import { Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useMachine } from '@xstate/react';
import type { SessionReset } from '../electron/contract/channels';
import type { Language, PublicConfig } from '../electron/contract/config';
import type { VisitReason } from '../electron/contract/content';
import { kioskApi } from './api/kiosk-client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { DisplaySwitch, useDisplayOnPage } from './components/DisplaySwitch';
import { ReadAloud, useReadCurrentView, useScreenDialogs, useVoiceReport } from './components/ReadAloud';
import { IdleTimer } from './flow/idle-timer';
import { createKioskMachine, type FlowSettings } from './flow/kiosk-machine';
import { printViaApi } from './flow/print-via-api';
import { Speaker } from './speech/speaker';
import { loadLanguage, localized, showLanguage, useLanguagesLoaded } from './i18n';
import { IdleWarning } from './screens/idle/IdleWarning';
import { Done, Handouts, Outcome, Policy, preloadWhenIdle, Printed, Printing, Question, Reason, TurnedAway } from './screens/lazy-screens';
import type { FlowScreenProps } from './screens/screen-props';
import type { EndRequest, StaffHandle } from './screens/staff/StaffAccess';
import { Welcome } from './screens/welcome/Welcome';

const SCREENS = {
  welcome: Welcome,
  policy: Policy,
  turnedAway: TurnedAway,
  screening: Question,
  outcome: Outcome,
  reason: Reason,
  handouts: Handouts,
  printing: Printing,
  printed: Printed,
  done: Done,
} satisfies Record<string, (props: FlowScreenProps) => React.ReactNode>;

function settingsFrom(config: PublicConfig, reasons: VisitReason[]): FlowSettings {
  return {
    defaultLanguage: config.defaultLanguage,
    visitorMode: config.visitorPolicy.mode,
    questionCount: config.screening.questions.length,
    maxHandouts: config.handouts.maxPerSession,
    doneSeconds: config.idle.doneSeconds,
    askReason: config.handouts.askReason && reasons.length > 0,
  };
}

/**
 * The running kiosk: the flow, the idle timer, the staff corner and the language switch.
 * `endRequest` ends the session from outside (staff here or at the desk); `onResting` tells the
 * host side when no one is using the kiosk, so a new config may be applied.
 */
export function Kiosk({
  config,
  reasons,
  staff,
  endRequest,
  onResting,
}: {
  config: PublicConfig;
  reasons: VisitReason[];
  staff: StaffHandle;
  endRequest: EndRequest;
  onResting: (resting: boolean) => void;
}) {
  // Welcome is drawn in the default language's strings, and is all that loads before it: the
  // other screens and languages come once it is up.
  useLanguagesLoaded([config.defaultLanguage]);
  useEffect(() => preloadWhenIdle(config.languages), [config.languages]);
  const machine = useMemo(() => createKioskMachine(printViaApi(kioskApi)), []);
  const [snapshot, send, actor] = useMachine(machine, { input: settingsFrom(config, reasons) });
  const [idleSeconds, setIdleSeconds] = useState<number | null>(null);
  const [session, setSession] = useState(0);
  const screen = snapshot.value as keyof typeof SCREENS;
  const lang = snapshot.context.lang;
  const speaker = useMemo(() => new Speaker('speechSynthesis' in window ? window.speechSynthesis : undefined), []);
  useEffect(() => () => speaker.stop(), [speaker]);
  const { speaking } = useSyncExternalStore(speaker.subscribe, speaker.snapshot);
  /** The person pressed "Read to me" this session: "Are you still there?" is then read to them too. */
  const [listening, setListening] = useState(false);
  useVoiceReport(speaker, config.languages);
  const readCurrentView = useReadCurrentView(speaker, lang);

  useEffect(() => {
    const subscription = actor.on('record', ({ event }) => void kioskApi['session:record']({ event }));
    return () => subscription.unsubscribe();
  }, [actor]);

  useEffect(() => {
    void showLanguage(lang);
    document.title = localized(config.clinic.name, lang);
  }, [lang, config]);

  const { textSize, highContrast } = snapshot.context;
  useDisplayOnPage(textSize, highContrast);

  const previous = useRef(screen);
  /** Why the session is ending early, for the staff event log; unset for a normal end. */
  const [endReason, setEndReason] = useState<SessionReset | undefined>(undefined);

  /** Ends the session now (idle, staff, the desk): the flow goes back to a fresh Welcome. */
  const reset = useCallback(
    (reason: SessionReset) => {
      if (actor.getSnapshot().value !== 'welcome') setEndReason(reason);
      send({ type: 'RESET' });
      setIdleSeconds(null);
    },
    [actor, send],
  );

  // Whenever the flow arrives back at Welcome (reset, done, turned away), the session is over:
  // every screen remounts with no state, and the host wipes storage.
  useEffect(() => {
    if (screen === 'welcome' && previous.current !== 'welcome') {
      setSession((n) => n + 1);
      speaker.reset();
      setListening(false);
      setEndReason(undefined);
      void kioskApi['session:end'](endReason ? { reset: endReason } : {});
    }
    previous.current = screen;
  }, [screen, endReason, speaker]);

  // An end asked for from outside: each new request ends the session once.
  const handledEnd = useRef(endRequest.count);
  useEffect(() => {
    if (endRequest.count === handledEnd.current) return;
    handledEnd.current = endRequest.count;
    reset(endRequest.reason);
  }, [endRequest, reset]);

  const idle = useMemo(
    () =>
      new IdleTimer({
        warnAfterMs: config.idle.warnAfterSeconds * 1000,
        countdownMs: config.idle.countdownSeconds * 1000,
        onWarn: setIdleSeconds,
        onTick: setIdleSeconds,
        onExpire: () => reset('idle'),
      }),
    [config, reset],
  );
  // Welcome in the default language is the resting state; a language chosen and left behind
  // on Welcome times out too, so the next person does not meet it. While staff are in, their
  // own screen times out instead.
  const resting = screen === 'welcome' && !staff.open && lang === config.defaultLanguage;
  useEffect(() => {
    onResting(resting);
  }, [resting, onResting]);
  useEffect(() => {
    if (resting || staff.open) return idle.stop();
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
  }, [idle, resting, staff.open]);

  // A new screen, question, dialog or language stops the reading; the person presses Read again there.
  const { personIndex, questionIndex } = snapshot.context;
  const dialogs = useScreenDialogs();
  const view = `${session}:${screen}:${personIndex}:${questionIndex}:${dialogs}:${lang}`;
  useEffect(() => speaker.stop(), [view, speaker]);

  // The idle timer waits while the screen is read (the person is listening), but not while
  // "Are you still there?" itself is read: its countdown must go on.
  const warned = idleSeconds !== null;
  useEffect(() => {
    if (speaking && !warned) idle.hold();
    else idle.release();
  }, [speaking, warned, idle]);
  useEffect(() => {
    if (!warned || !listening) return;
    readCurrentView();
    return () => speaker.stop();
  }, [warned, listening, speaker, readCurrentView]);

  const Current = SCREENS[screen];
  return (
    <div className="kiosk" data-state={screen}>
      <header className="kiosk-header">
        {staff.corner}
        <span className="clinic-name">{localized(config.clinic.name, lang)}</span>
        <ReadAloud key={view} speaker={speaker} lang={lang} onRead={() => setListening(true)} />
        <DisplaySwitch
          size={textSize}
          onSize={(size) => send({ type: 'SET_TEXT_SIZE', size })}
          highContrast={highContrast}
          onContrast={(high) => send({ type: 'SET_CONTRAST', high })}
        />
        <LanguageSwitch languages={config.languages} current={lang} onChange={(l: Language) => void loadLanguage(l).then(() => send({ type: 'SET_LANG', lang: l }))} />
      </header>
      {/* The screen and its dialogs (a handout, "Are you still there?"): a dialog covers the
          screen, never the header, so text size, language and "Read to me" work on it too. */}
      <div className="kiosk-view">
        <Suspense fallback={null}>
          <Current key={session} context={snapshot.context} send={send} config={config} reasons={reasons} />
        </Suspense>
        {idleSeconds !== null && (
          <IdleWarning
            secondsLeft={idleSeconds}
            onMoreTime={() => {
              setIdleSeconds(null);
              idle.activity();
            }}
          />
        )}
      </div>
    </div>
  );
}
