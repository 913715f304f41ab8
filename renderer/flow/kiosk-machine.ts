import { and, assign, emit, enqueueActions, fromPromise, not, raise, setup, stateIn, type ActorRefFrom } from 'xstate';
import type { Language, VisitorMode } from '../../electron/contract/config';
import type { PrintRequest, Req, Res, SessionEvent, SessionReset } from '../../electron/contract/channels';
import type { Outcome, Party } from '../../electron/contract/suggestions';

/** Whose symptoms a question is about. */
export type Person = 'patient' | 'guardian' | 'visitor';
/** The session's text size, chosen from any screen; every layout reflows to it. */
export const TEXT_SIZES = ['normal', 'large', 'x-large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];
/** The handouts there are in the session's language, and their topics. */
export type HandoutLibrary = Res<'content:list'>;
/** How a print ended, as the patient is told. */
export type PrintOutcome = 'done' | 'failed' | 'limit' | 'slow';

/** What the flow needs of the clinic's config. */
export interface FlowSettings {
  defaultLanguage: Language;
  visitorMode: VisitorMode;
  questionCount: number;
  maxHandouts: number;
  doneSeconds: number;
  /** Quiet seconds before "Are you still there?", and the seconds it then counts down. */
  warnAfterSeconds: number;
  countdownSeconds: number;
  /** Ask "What brings you in today?" after come-in: the config says so and the content has reasons. */
  askReason: boolean;
}

export interface FlowContext {
  settings: FlowSettings;
  lang: Language;
  textSize: TextSize;
  /** White and yellow on black, for the session. */
  highContrast: boolean;
  party: Party | null;
  people: Person[];
  personIndex: number;
  questionIndex: number;
  /** answers[person][question]; lives only in memory for this session, for Back. */
  answers: boolean[][];
  outcome: Outcome | null;
  /** The answer to "What brings you in today?", if any: only in memory, only to ask for suggestions. */
  reason: string | null;
  /** On the handouts screen: the library in the session's language, once the host has answered. */
  library: HandoutLibrary | 'loading' | 'unavailable';
  selected: string[];
  printKind: PrintRequest['kind'] | null;
  /** The session has been counted (once, when the person says who is coming in). */
  counted: boolean;
  /** One phone slip per session: paper is not free. */
  slipPrinted: boolean;
  printOutcome: PrintOutcome | null;
  /** The person pressed "Read to me" this session: "Are you still there?" is then read to them too. */
  readAloud: boolean;
  /** What "Are you still there?" shows while it counts down. */
  secondsLeft: number;
  /** The kiosk is reading the screen aloud. */
  speaking: boolean;
}

export type FlowEvent =
  | { type: 'START' }
  | { type: 'SET_LANG'; lang: Language }
  | { type: 'SET_TEXT_SIZE'; size: TextSize }
  | { type: 'SET_CONTRAST'; high: boolean }
  | { type: 'CHOOSE'; party: Party }
  | { type: 'ANSWER'; yes: boolean }
  | { type: 'BACK' }
  | { type: 'NEXT' }
  | { type: 'CHOOSE_REASON'; reason: string }
  | { type: 'SKIP' }
  | { type: 'TOGGLE_HANDOUT'; id: string }
  | { type: 'PRINT_HANDOUTS' }
  | { type: 'PRINT_SLIP' }
  | { type: 'FINISH' }
  /** Ends the session now, from outside the flow: staff here or at the desk, or their screen left alone. */
  | { type: 'END_SESSION'; reason: SessionReset }
  /** A touch or a key anywhere on the kiosk. */
  | { type: 'ACTIVITY' }
  /** "I need more time" on "Are you still there?" (a click may come with no touch or key before it). */
  | { type: 'MORE_TIME' }
  | { type: 'READ_ALOUD' }
  | { type: 'SPEAKING'; speaking: boolean }
  | { type: 'STAFF_OPENED' }
  | { type: 'STAFF_CLOSED' };

/** Counts the host keeps (aggregate only); emitted, so the flow itself stays pure. */
export type FlowEmitted = { type: 'record'; event: SessionEvent };

const PEOPLE: Record<Party, Person[]> = {
  patient: ['patient'],
  'patient-with-guardian': ['patient', 'guardian'],
  visitor: ['visitor'],
};

export function freshContext(settings: FlowSettings): FlowContext {
  return {
    settings,
    lang: settings.defaultLanguage,
    textSize: 'normal',
    highContrast: false,
    party: null,
    people: [],
    personIndex: 0,
    questionIndex: 0,
    answers: [],
    outcome: null,
    reason: null,
    library: 'loading',
    selected: [],
    printKind: null,
    printOutcome: null,
    counted: false,
    slipPrinted: false,
    readAloud: false,
    secondsLeft: settings.countdownSeconds,
    speaking: false,
  };
}

/** A fresh session for the next person. Whether the kiosk is speaking is the voice's, not the session's: kept. */
function nextSession(context: FlowContext): FlowContext {
  return { ...freshContext(context.settings), speaking: context.speaking };
}

/** What the flow asks of the world outside it, injected so it runs the same against IPC, HTTP or a test. */
export interface FlowServices {
  print(request: PrintRequest): Promise<PrintOutcome>;
  /** The handouts in a language; rejects when the host cannot say. */
  listHandouts(lang: Language): Promise<HandoutLibrary>;
  /**
   * The session is over: clear whatever it left outside the flow (the page's storage, the voice's
   * volume). `reset` says why it ended early; unset for a normal end.
   */
  endSession(request: Req<'session:end'>): Promise<unknown>;
}

/**
 * The kiosk, as two regions side by side. `flow`: welcome → visitor policy → screening (one
 * question per screen, per person) → outcome → (after come-in, optionally: what brings you in) →
 * handouts → printing → done, and back to a fresh welcome, which ends the session (END_SESSION
 * from anywhere). `idle`: whether anyone is there. Resting (Welcome in the default language, no
 * staff) times nothing; in use, a quiet spell brings "Are you still there?", whose countdown ends
 * the session. Staff in: their own screen times out instead. While the screen is read aloud the
 * person is listening, not gone: the quiet time waits, and starts over when the reading stops.
 */
export function createKioskMachine(services: FlowServices) {
  return setup({
    types: {
      context: {} as FlowContext,
      events: {} as FlowEvent,
      input: {} as FlowSettings,
      emitted: {} as FlowEmitted,
    },
    actors: {
      print: fromPromise<PrintOutcome, PrintRequest>(({ input }) => services.print(input)),
      listHandouts: fromPromise<HandoutLibrary, Language>(({ input }) => services.listHandouts(input)),
      // Never rejects (a failed child would stop the flow): a host that cannot be told must not keep the next person out.
      sessionEnd: fromPromise<void, Req<'session:end'>>(async ({ input }) => {
        await services.endSession(input).catch(() => undefined);
      }),
    },
    delays: {
      done: ({ context }) => context.settings.doneSeconds * 1000,
      warnAfter: ({ context }) => context.settings.warnAfterSeconds * 1000,
    },
    guards: {
      visitorsRefused: ({ context, event }) => event.type === 'CHOOSE' && event.party === 'visitor' && context.settings.visitorMode === 'no-visitors',
      lastQuestion: ({ context }) => context.questionIndex === context.settings.questionCount - 1 && context.personIndex === context.people.length - 1,
      firstQuestion: ({ context }) => context.questionIndex === 0 && context.personIndex === 0,
      hasSelection: ({ context }) => context.selected.length > 0,
      // Until the library is known in this language, a chosen handout might not print in it.
      libraryKnown: ({ context }) => context.library !== 'loading',
      otherLanguage: ({ context, event }) => event.type === 'SET_LANG' && event.lang !== context.lang,
      // Someone told to stay home is not asked why they came; a visitor is not the one being seen.
      asksReason: ({ context }) => context.settings.askReason && context.outcome === 'come-in' && context.party !== 'visitor',
      printedSlip: ({ context }) => context.printKind === 'phone-slip',
      slipNotPrinted: ({ context }) => !context.slipPrinted,
      // A language chosen and left behind on Welcome is in use too: the next person must not meet it.
      atRest: and([stateIn({ flow: 'welcome' }), ({ context }) => context.lang === context.settings.defaultLanguage]),
      speaking: ({ context }) => context.speaking,
      lastSecond: ({ context }) => context.secondsLeft <= 1,
    },
    actions: {
      reset: assign(({ context }) => nextSession(context)),
      // Back at Welcome from anywhere: the session is over, and nothing of it is left in the flow or outside.
      endSession: enqueueActions(({ context, event, enqueue }) => {
        enqueue.assign(nextSession(context));
        enqueue.spawnChild('sessionEnd', { id: 'sessionEnd', input: event.type === 'END_SESSION' ? { reset: event.reason } : {} });
      }),
      // Back to the policy and a new choice is still the same person: counted once.
      countSession: enqueueActions(({ context, enqueue }) => {
        if (context.counted) return;
        enqueue.assign({ counted: true });
        enqueue.emit({ type: 'record', event: 'session-start' });
      }),
      // Decided once, on the last answer: coming back to the outcome (after the slip) counts nothing.
      decideOutcome: enqueueActions(({ context, enqueue }) => {
        const outcome: Outcome = context.answers.flat().some(Boolean) ? 'stay-out' : 'come-in';
        enqueue.assign({ outcome });
        enqueue.emit({ type: 'record', event: outcome });
      }),
      recordAnswer: assign(({ context, event }) => {
        if (event.type !== 'ANSWER') return {};
        const answers = context.answers.map((row) => [...row]);
        answers[context.personIndex]![context.questionIndex] = event.yes;
        return { answers };
      }),
      nextQuestion: assign(({ context }) =>
        context.questionIndex < context.settings.questionCount - 1
          ? { questionIndex: context.questionIndex + 1 }
          : { personIndex: context.personIndex + 1, questionIndex: 0 },
      ),
      previousQuestion: assign(({ context }) =>
        context.questionIndex > 0
          ? { questionIndex: context.questionIndex - 1 }
          : { personIndex: context.personIndex - 1, questionIndex: context.settings.questionCount - 1 },
      ),
    },
  }).createMachine({
    id: 'kiosk',
    context: ({ input }) => freshContext(input),
    type: 'parallel',
    on: {
      SET_LANG: { actions: assign({ lang: ({ event }) => event.lang }) },
      SET_TEXT_SIZE: { actions: assign({ textSize: ({ event }) => event.size }) },
      SET_CONTRAST: { actions: assign({ highContrast: ({ event }) => event.high }) },
      READ_ALOUD: { actions: assign({ readAloud: true }) },
      SPEAKING: { actions: assign({ speaking: ({ event }) => event.speaking }) },
    },
    states: {
      flow: {
        initial: 'welcome',
        on: {
          END_SESSION: { target: '.welcome', actions: 'endSession' },
        },
        states: {
          welcome: {
            on: {
              START: 'policy',
              // No session had begun: only a language left behind goes back to the default.
              END_SESSION: { actions: 'reset' },
            },
          },
          policy: {
            on: {
              CHOOSE: [
                { guard: 'visitorsRefused', target: 'turnedAway', actions: ['countSession', assign({ party: 'visitor' })] },
                {
                  target: 'screening',
                  actions: [
                    'countSession',
                    assign(({ context, event }) => ({
                      party: event.party,
                      people: PEOPLE[event.party],
                      personIndex: 0,
                      questionIndex: 0,
                      answers: PEOPLE[event.party].map(() => Array<boolean>(context.settings.questionCount).fill(false)),
                    })),
                  ],
                },
              ],
              BACK: { target: 'welcome', actions: 'endSession' },
            },
          },
          turnedAway: {
            entry: emit({ type: 'record', event: 'turned-away' }),
            on: { FINISH: { target: 'welcome', actions: 'endSession' } },
            after: { done: { target: 'welcome', actions: 'endSession' } },
          },
          screening: {
            on: {
              ANSWER: [{ guard: 'lastQuestion', target: 'outcome', actions: ['recordAnswer', 'decideOutcome'] }, { actions: ['recordAnswer', 'nextQuestion'] }],
              BACK: [{ guard: 'firstQuestion', target: 'policy' }, { actions: 'previousQuestion' }],
            },
          },
          outcome: {
            on: {
              NEXT: [{ guard: 'asksReason', target: 'reason' }, { target: 'handouts' }],
              PRINT_SLIP: { guard: 'slipNotPrinted', target: 'printing', actions: assign({ printKind: 'phone-slip', slipPrinted: true }) },
              FINISH: 'done',
            },
          },
          reason: {
            on: {
              CHOOSE_REASON: { target: 'handouts', actions: assign({ reason: ({ event }) => event.reason }) },
              SKIP: 'handouts',
            },
          },
          handouts: {
            entry: assign({ library: 'loading' }),
            invoke: {
              src: 'listHandouts',
              input: ({ context }) => context.lang,
              onDone: {
                // A handout chosen in another language that this one lacks could not print in it: let go.
                actions: assign(({ context, event }) => ({
                  library: event.output,
                  selected: context.selected.filter((id) => event.output.handouts.some((h) => h.id === id)),
                })),
              },
              onError: { actions: assign({ library: 'unavailable' }) },
            },
            on: {
              // The library again, in the new language (a late answer in the old one is dropped with its actor).
              SET_LANG: { guard: 'otherLanguage', target: 'handouts', reenter: true, actions: assign({ lang: ({ event }) => event.lang }) },
              TOGGLE_HANDOUT: {
                actions: assign({
                  selected: ({ context, event }) =>
                    context.selected.includes(event.id)
                      ? context.selected.filter((id) => id !== event.id)
                      : context.selected.length < context.settings.maxHandouts
                        ? [...context.selected, event.id]
                        : context.selected,
                }),
              },
              PRINT_HANDOUTS: { guard: and(['hasSelection', 'libraryKnown']), target: 'printing', actions: assign({ printKind: 'handouts' }) },
              FINISH: 'done',
            },
          },
          printing: {
            invoke: {
              src: 'print',
              input: ({ context }): PrintRequest =>
                context.printKind === 'phone-slip'
                  ? { kind: 'phone-slip', lang: context.lang }
                  : { kind: 'handouts', lang: context.lang, ids: context.selected },
              onDone: { target: 'printed', actions: assign({ printOutcome: ({ event }) => event.output }) },
              onError: { target: 'printed', actions: assign({ printOutcome: 'failed' }) },
            },
          },
          printed: {
            on: {
              NEXT: [{ guard: 'printedSlip', target: 'outcome' }, { target: 'done' }],
            },
          },
          done: {
            on: { FINISH: { target: 'welcome', actions: 'endSession' } },
            after: { done: { target: 'welcome', actions: 'endSession' } },
          },
        },
      },
      idle: {
        initial: 'resting',
        on: { STAFF_OPENED: '.staff' },
        states: {
          resting: { always: { guard: not('atRest'), target: 'watching' } },
          staff: { on: { STAFF_CLOSED: 'resting' } },
          watching: {
            always: { guard: 'atRest', target: 'resting' },
            initial: 'quiet',
            // Each starts the full quiet time over (a touch while held keeps waiting for the reading).
            on: { ACTIVITY: '.quiet', MORE_TIME: '.quiet' },
            states: {
              quiet: {
                always: { guard: 'speaking', target: 'held' },
                after: { warnAfter: { target: 'warning', actions: assign({ secondsLeft: ({ context }) => context.settings.countdownSeconds }) } },
              },
              held: { always: { guard: not('speaking'), target: 'quiet' } },
              // Not held while speaking: the warning itself may be read aloud, and its countdown must go on.
              warning: {
                after: {
                  1000: [
                    { guard: 'lastSecond', actions: raise({ type: 'END_SESSION', reason: 'idle' }) },
                    { target: 'warning', reenter: true, actions: assign({ secondsLeft: ({ context }) => context.secondsLeft - 1 }) },
                  ],
                },
              },
            },
          },
        },
      },
    },
  });
}

/** A running kiosk flow: what the app sends END_SESSION to. */
export type KioskActor = ActorRefFrom<ReturnType<typeof createKioskMachine>>;
