import { Suspense, useEffect, useImperativeHandle, useMemo, useSyncExternalStore, type Ref } from 'react';
import { useMachine } from '@xstate/react';
import type { Language, PublicConfig } from '../electron/contract/config';
import type { VisitReason } from '../electron/contract/content';
import { call, kioskApi } from './api/kiosk-client';
import { LanguageSwitch } from './components/LanguageSwitch';
import { DisplaySwitch, useDisplayOnPage } from './components/DisplaySwitch';
import { RetryOnError } from './components/RetryOnError';
import { ReadAloud, useReadCurrentView, useScreenDialogs, useVoiceReport } from './components/ReadAloud';
import { createKioskMachine, type FlowSettings, type KioskActor } from './flow/kiosk-machine';
import { printViaApi } from './flow/print-via-api';
import { useActivity } from './hooks/use-activity';
import { Speaker } from './speech/speaker';
import { localized, showLanguage, useLanguagesLoaded } from './i18n';
import { IdleWarning } from './screens/idle/IdleWarning';
import { Done, Handouts, Outcome, Policy, preloadWhenIdle, Printed, Printing, Question, Reason, TurnedAway } from './screens/lazy-screens';
import type { FlowScreenProps } from './screens/screen-props';
import type { StaffHandle } from './screens/staff/StaffAccess';
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
    warnAfterSeconds: config.idle.warnAfterSeconds,
    countdownSeconds: config.idle.countdownSeconds,
    askReason: config.handouts.askReason && reasons.length > 0,
  };
}

/**
 * The running kiosk: the flow (its rules, idle time included, are in `kiosk-machine.ts`), the
 * staff corner, "Read to me" and the language switch. `ref` is the running flow, which the app
 * sends END_SESSION (staff here or at the desk); `onResting` tells the host side when no one is
 * using the kiosk, so a new config may be applied.
 */
export function Kiosk({
  config,
  reasons,
  staff,
  onResting,
  ref,
}: {
  config: PublicConfig;
  reasons: VisitReason[];
  staff: StaffHandle;
  onResting: (resting: boolean) => void;
  ref?: Ref<KioskActor>;
}) {
  // Welcome is drawn in the default language's strings, and is all that loads before it: the
  // other screens and languages come once it is up.
  useLanguagesLoaded([config.defaultLanguage]);
  useEffect(() => preloadWhenIdle(config.languages), [config.languages]);
  const speaker = useMemo(() => new Speaker('speechSynthesis' in window ? window.speechSynthesis : undefined), []);
  const machine = useMemo(
    () =>
      createKioskMachine({
        print: printViaApi(kioskApi),
        listHandouts: (lang) => call('content:list', { lang }),
        // The host wipes the page's storage; the next person hears nothing of the last, at the usual volume.
        endSession: (request) => {
          speaker.reset();
          return kioskApi['session:end'](request);
        },
      }),
    [speaker],
  );
  const [snapshot, send, actor] = useMachine(machine, { input: settingsFrom(config, reasons) });
  useImperativeHandle(ref, () => actor, [actor]);
  const screen = snapshot.value.flow;
  const lang = snapshot.context.lang;
  const { speaking } = useSyncExternalStore(speaker.subscribe, speaker.snapshot);
  useVoiceReport(speaker, config.languages);
  const readCurrentView = useReadCurrentView(speaker, lang);

  useEffect(() => {
    const subscription = actor.on('record', ({ event }) => void kioskApi['session:record']({ event }));
    return () => subscription.unsubscribe();
  }, [actor]);

  useEffect(() => {
    // The screen keeps the language it shows until the new one's strings are there (a failure is logged).
    showLanguage(lang).catch(() => undefined);
    document.title = localized(config.clinic.name, lang);
  }, [lang, config]);

  const { textSize, highContrast } = snapshot.context;
  useDisplayOnPage(textSize, highContrast);

  const resting = snapshot.matches({ idle: 'resting' });
  useEffect(() => {
    onResting(resting);
  }, [resting, onResting]);

  // What the idle rules need to know from outside the flow: staff in, the voice speaking, a touch or a key.
  useEffect(() => actor.send({ type: staff.open ? 'STAFF_OPENED' : 'STAFF_CLOSED' }), [actor, staff.open]);
  useEffect(() => actor.send({ type: 'SPEAKING', speaking }), [actor, speaking]);
  useActivity(() => actor.send({ type: 'ACTIVITY' }), snapshot.matches({ idle: 'watching' }));

  // A new screen, question, dialog or language stops the reading (as does leaving); the person presses Read again there.
  const { personIndex, questionIndex } = snapshot.context;
  const dialogs = useScreenDialogs();
  const view = `${screen}:${personIndex}:${questionIndex}:${dialogs}:${lang}`;
  useEffect(() => () => speaker.stop(), [view, speaker]);

  // Someone who asked for "Read to me" hears "Are you still there?" too.
  const warned = snapshot.matches({ idle: { watching: 'warning' } });
  const { readAloud } = snapshot.context;
  useEffect(() => {
    if (!warned || !readAloud) return;
    readCurrentView();
    return () => speaker.stop();
  }, [warned, readAloud, speaker, readCurrentView]);

  // A session's end always comes back to Welcome, so every screen of it unmounts with its state.
  const Current = SCREENS[screen];
  return (
    <div className="kiosk" data-state={screen}>
      <header className="kiosk-header">
        {staff.corner}
        <span className="clinic-name">{localized(config.clinic.name, lang)}</span>
        <ReadAloud key={view} speaker={speaker} lang={lang} onRead={() => send({ type: 'READ_ALOUD' })} />
        <DisplaySwitch
          size={textSize}
          onSize={(size) => send({ type: 'SET_TEXT_SIZE', size })}
          highContrast={highContrast}
          onContrast={(high) => send({ type: 'SET_CONTRAST', high })}
        />
        <LanguageSwitch languages={config.languages} current={lang} onChange={(l: Language) => send({ type: 'SET_LANG', lang: l })} />
      </header>
      {/* The screen and its dialogs (a handout, "Are you still there?"): a dialog covers the
          screen, never the header, so text size, language and "Read to me" work on it too. */}
      <div className="kiosk-view">
        <RetryOnError>
          <Suspense fallback={null}>
            <Current context={snapshot.context} send={send} config={config} reasons={reasons} />
          </Suspense>
        </RetryOnError>
        {warned && <IdleWarning secondsLeft={snapshot.context.secondsLeft} onMoreTime={() => send({ type: 'MORE_TIME' })} />}
      </div>
    </div>
  );
}
