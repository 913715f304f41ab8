import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../contract/channel-names';
import type { Result } from '../contract/channels';
import type { Dispatch } from '../services/api-router';
import type { Logger } from '../services/log';
import { foldRepeats } from '../services/log-folding';
import { isAppUrl } from './app-origin';

/** Only the kiosk's own pages (app://kiosk) may call the host; a frame gone after navigation may not. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  return isAppUrl(event.senderFrame?.url);
}

/**
 * Registers one ipcMain.handle per channel. Each call is checked for its sender, then goes to the
 * same dispatcher as HTTP (which validates the payload). Answers are always a Result. A refused
 * sender is logged with what was wrong, never its address, and repeats are folded.
 */
export function setupIpcRouter(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch, log: Logger): void {
  const refusals = foldRepeats(log);
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) {
        refusals.warn('ipc-sender-refused', { channel, why: event.senderFrame ? 'the page is not the kiosk page (app://kiosk)' : 'the calling frame is gone' });
        return { ok: false, code: 'forbidden', message: 'not allowed from this page' };
      }
      return dispatch(channel, payload);
    });
  }
}
