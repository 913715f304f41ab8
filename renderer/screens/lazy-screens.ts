import type { Language } from '../../electron/contract/config';
import { lazyComponent } from '../components/lazy-component';
import { loadLanguage } from '../i18n';
import type { FlowScreenProps } from './screen-props';

/**
 * Every screen after Welcome, fetched apart from it: Welcome paints with only what it needs
 * (React, i18next, the flow), and the rest (the phone rules, Markdown, QR codes, the long list,
 * the staff screens) is fetched by preloadScreens once Welcome is up, long before anyone taps.
 * Each is a drop-in for the screen of the same name; render them under a Suspense boundary.
 */
export const Policy = lazyComponent<FlowScreenProps>(() => import('./policy/Policy').then((m) => m.Policy), 'Policy');
export const TurnedAway = lazyComponent<FlowScreenProps>(() => import('./turned-away/TurnedAway').then((m) => m.TurnedAway), 'TurnedAway');
export const Question = lazyComponent<FlowScreenProps>(() => import('./screening/Question').then((m) => m.Question), 'Question');
export const Outcome = lazyComponent<FlowScreenProps>(() => import('./outcome/Outcome').then((m) => m.Outcome), 'Outcome');
export const Reason = lazyComponent<FlowScreenProps>(() => import('./reason/Reason').then((m) => m.Reason), 'Reason');
export const Handouts = lazyComponent<FlowScreenProps>(() => import('./handouts/Handouts').then((m) => m.Handouts), 'Handouts');
export const Printing = lazyComponent<FlowScreenProps>(() => import('./printing/Printing').then((m) => m.Printing), 'Printing');
export const Printed = lazyComponent<FlowScreenProps>(() => import('./printing/Printing').then((m) => m.Printed), 'Printed');
export const Done = lazyComponent<FlowScreenProps>(() => import('./done/Done').then((m) => m.Done), 'Done');
export const PinPad = lazyComponent(() => import('./staff/PinPad').then((m) => m.PinPad), 'PinPad');
export const StaffScreen = lazyComponent(() => import('./staff/StaffScreen').then((m) => m.StaffScreen), 'StaffScreen');

const ALL = [Policy, TurnedAway, Question, Outcome, Reason, Handouts, Printing, Printed, Done, PinPad, StaffScreen];

/**
 * Fetches every screen after Welcome, and the strings of the kiosk's other languages, once the
 * page has painted and is idle, so no tap waits for a download. A screen that fails to load is
 * fetched again when it is shown. Returns a cancel, for an effect's cleanup.
 */
export function preloadWhenIdle(languages: readonly Language[]): () => void {
  const id = requestIdleCallback(() => {
    void Promise.allSettled(ALL.map((screen) => screen.preload()));
    // One that fails is fetched again when it is shown.
    for (const lang of languages) loadLanguage(lang).catch(() => undefined);
  });
  return () => cancelIdleCallback(id);
}
