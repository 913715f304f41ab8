import type { KioskState } from '../../electron/contract/channels';

/** What the app shows: the host's last answer, or that it has not answered (yet). */
export type View = KioskState | 'loading' | 'unreachable';

/** Unanswered asks in a row before a running kiosk shows "not available": one hiccup ends no session. */
const FAILURES_BEFORE_UNREACHABLE = 3;

/** What to show next, given what is shown and the host's latest answer. */
export function nextView(shown: View, answer: View, resting: boolean, failures: number): View {
  if (answer === 'unreachable' && typeof shown === 'object' && failures < FAILURES_BEFORE_UNREACHABLE) return shown;
  // A config applied just as someone touched the kiosk waits until it rests again, so the
  // person's first screen is not swept away under their finger.
  const newConfig =
    typeof shown === 'object' && typeof answer === 'object' && shown.status === 'ready' && answer.status === 'ready' && shown.loadedAt !== answer.loadedAt;
  if (newConfig && !resting) return shown;
  // The same answer keeps the old object, so nothing re-renders.
  return JSON.stringify(shown) === JSON.stringify(answer) ? shown : answer;
}

/**
 * Follows the host's answers and calls `show` only when what is shown changes. React keeps every
 * setState that changes nothing queued on its component until that component next renders
 * (facebook/react#21692), each holding the answer it was given; the app renders only on news, so
 * a poll every 2 s that set the same view would pile up answers for as long as the page lives,
 * and a kiosk page is never reloaded.
 */
export function followView(show: (view: View) => void): (answer: View, resting: boolean, failures: number) => void {
  let shown: View = 'loading';
  return (answer, resting, failures) => {
    const next = nextView(shown, answer, resting, failures);
    if (next === shown) return;
    shown = next;
    show(next);
  };
}
