import { createActor, waitFor } from 'xstate';
import type { Language } from '../../electron/contract/config';
import type { PrintRequest, Req, SessionEvent } from '../../electron/contract/channels';
import type { Party } from '../../electron/contract/suggestions';
import { createKioskMachine, type FlowSettings, type HandoutLibrary, type PrintOutcome } from './kiosk-machine';

/** The settings the flow's unit tests start from. */
export const settings: FlowSettings = {
  defaultLanguage: 'en',
  visitorMode: 'no-visitors',
  questionCount: 4,
  maxHandouts: 3,
  doneSeconds: 8,
  warnAfterSeconds: 45,
  countdownSeconds: 20,
  askReason: false,
};

/** A print function the test controls: records each request, answers as told. */
export function fakePrint(answer: (request: PrintRequest) => Promise<PrintOutcome> = async () => 'done') {
  const requests: PrintRequest[] = [];
  const print = (request: PrintRequest) => {
    requests.push(request);
    return answer(request);
  };
  return { print, requests };
}

/** A library of these handouts (in any language), as the host lists it. */
export function libraryOf(ids: string[], lang: Language = 'en'): HandoutLibrary {
  return {
    topics: [{ id: 'general', label: 'General' }],
    handouts: ids.map((id) => ({ id, lang, title: id, summary: '', topics: ['general'] })),
  };
}

/** The handouts the tests choose, in every language. */
const EVERY_HANDOUT = ['a', 'b', 'c', 'd', 'fever', 'flu-vaccine', 'cough'];

/**
 * A clock moved by hand, as time passes: `increment` fires each timer when its time comes, in
 * order, and a timer set by one that fires counts from then (XState's SimulatedClock starts it
 * from the end of the increment, which would stretch a countdown's seconds).
 */
export class ManualClock {
  private now = 0;
  private nextId = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  setTimeout(fn: () => void, ms: number): number {
    const id = this.nextId++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clearTimeout(id: number): void {
    this.timers.delete(id);
  }
  increment(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort(([a, ta], [b, tb]) => ta.at - tb.at || a - b)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
    }
    this.now = end;
  }
}

/**
 * Starts the kiosk flow on a clock moved by hand, with services the test controls: `ended` lists what
 * the host was told at each session's end, `recorded` the counts emitted.
 */
export function start(
  options: {
    settings?: FlowSettings;
    print?: (request: PrintRequest) => Promise<PrintOutcome>;
    listHandouts?: (lang: Language) => Promise<HandoutLibrary>;
    endSession?: (request: Req<'session:end'>) => Promise<unknown>;
  } = {},
) {
  const clock = new ManualClock();
  const ended: Array<Req<'session:end'>> = [];
  const endSession = options.endSession ?? (async () => {});
  const machine = createKioskMachine({
    print: options.print ?? fakePrint().print,
    listHandouts: options.listHandouts ?? (async (lang) => libraryOf(EVERY_HANDOUT, lang)),
    endSession: (request) => {
      ended.push(request);
      return endSession(request);
    },
  });
  const actor = createActor(machine, { input: options.settings ?? settings, clock });
  const recorded: SessionEvent[] = [];
  actor.on('record', (e) => recorded.push(e.event));
  actor.start();
  const state = () => actor.getSnapshot().value.flow;
  const idle = () => actor.getSnapshot().value.idle;
  const context = () => actor.getSnapshot().context;
  return { actor, clock, recorded, ended, state, idle, context };
}

export type Started = ReturnType<typeof start>;

/** Answers every remaining question, Yes where `yes` says so; returns how many. */
export function answerAll({ actor, state }: Started, yes: (n: number) => boolean = () => false): number {
  let n = 0;
  while (state() === 'screening') actor.send({ type: 'ANSWER', yes: yes(n++) });
  return n;
}

/** From Welcome to the outcome: Start, who is coming in, every question. */
export function toOutcome(k: Started, party: Party = 'patient', yes?: (n: number) => boolean) {
  k.actor.send({ type: 'START' });
  k.actor.send({ type: 'CHOOSE', party });
  return answerAll(k, yes);
}

/** From the outcome to the handouts screen, once its library has come. */
export async function toHandouts(k: Started) {
  k.actor.send({ type: 'NEXT' });
  await waitFor(k.actor, (s) => s.context.library !== 'loading');
}
