import type { KioskState } from '../../contract/channels';
import type { ApiHandlers } from '../api-router';
import type { ConfigLifecycle } from '../config/config-lifecycle';
import type { CountsStore } from '../counts/counts-store';
import type { Logger } from '../log';

export interface SessionHandlerDeps {
  config: ConfigLifecycle;
  counts: CountsStore;
  log: Logger;
  state: () => KioskState;
  /** Host-specific clean-up at the end of a session (Electron clears storage and cache). */
  onSessionEnd?: () => Promise<void>;
}

const countFor = { 'session-start': 'sessions', 'come-in': 'comeIn', 'stay-out': 'stayOut', 'turned-away': 'turnedAway' } as const;

/** What the touch UI tells the host of a session: its state asked (and whether it rests), counts, its end, a missing voice. */
export function sessionHandlers({
  config,
  counts,
  log,
  state,
  onSessionEnd,
}: SessionHandlerDeps): Pick<ApiHandlers, 'kiosk:state' | 'session:record' | 'session:end' | 'speech:unavailable'> {
  return {
    'kiosk:state': ({ resting }) => {
      if (resting) config.resting();
      return state();
    },
    'session:record': async ({ event }) => {
      await counts.add(countFor[event]);
      return {};
    },
    'session:end': async ({ reset }) => {
      if (reset) log.info('session-reset', { reason: reset });
      await onSessionEnd?.();
      return {};
    },
    'speech:unavailable': ({ lang, reason }) => {
      config.inLanguage(lang);
      log.warn('speech-unavailable', { lang, reason });
      return {};
    },
  };
}
