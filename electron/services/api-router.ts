import type { z } from 'zod';
import { channels, CHANNEL_NAMES, type ChannelName, type Channels, type Res, type Result } from '../contract/channels';
import { KioskError } from './kiosk-error';
import type { Logger } from './log';

/** One function per channel, given the request already checked against the channel's schema. */
export type ApiHandlers = {
  [C in ChannelName]: (req: z.infer<Channels[C]['req']>) => Promise<Res<C>> | Res<C>;
};

/** Routes a raw (untrusted) message to its handler; both hosts, IPC and HTTP, go through here. */
export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export function isChannel(name: string): name is ChannelName {
  return (CHANNEL_NAMES as readonly string[]).includes(name);
}

/**
 * Builds the one dispatcher: unknown channel or bad payload gives `bad-request`, a KioskError
 * gives its code, anything else is logged with its cause and gives `internal`. Nothing throws
 * across the boundary.
 */
export function createDispatcher(handlers: ApiHandlers, log: Logger): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) return { ok: false, code: 'bad-request', message: `unknown channel "${channel}"` };
    const parsed = channels[channel].req.safeParse(payload ?? {});
    if (!parsed.success) {
      const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ');
      log.warn('api-bad-request', { channel, problem: message });
      return { ok: false, code: 'bad-request', message };
    }
    try {
      const handler = handlers[channel] as (req: unknown) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof KioskError) return { ok: false, code: error.code, message: error.message };
      log.error('api-handler-failed', { channel, cause: (error as Error).stack ?? String(error) });
      return { ok: false, code: 'internal', message: 'the kiosk could not do that' };
    }
  };
}
