import { CHANNEL_NAMES, type ChannelName } from '../../electron/contract/channel-names';
import type { KioskApi, Req, Res, Result } from '../../electron/contract/channels';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    kiosk?: KioskApi;
  }
}

/**
 * Calls the web host's `POST /api/<channel>`. The host answers every call with a Result, under an
 * HTTP status that matches it (200, or 400, 403, 404, 429, 503...); the Result is what counts.
 * Network trouble, or an answer that is not a Result (a proxy's error page), becomes `unavailable`.
 */
async function viaHttp<C extends ChannelName>(channel: C, request: Req<C>): Promise<Result<Res<C>>> {
  let response: Response;
  try {
    response = await fetch(`/api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
      cache: 'no-store',
    });
  } catch (error) {
    return { ok: false, code: 'unavailable', message: `the kiosk host did not answer: ${(error as Error).message}` };
  }
  const result: unknown = await response.json().catch(() => null);
  if (typeof result === 'object' && result !== null && typeof (result as { ok?: unknown }).ok === 'boolean') return result as Result<Res<C>>;
  return { ok: false, code: 'unavailable', message: `the kiosk host answered HTTP ${response.status} without a result` };
}

/**
 * The touch UI's only way to the host: the Electron preload's `window.kiosk` when present,
 * HTTP otherwise. Screens never know which.
 */
export const kioskApi: KioskApi =
  window.kiosk ?? (Object.fromEntries(CHANNEL_NAMES.map((channel) => [channel, (request: never) => viaHttp(channel, request)])) as unknown as KioskApi);

/** Unwraps a Result for places where a failure is shown as an error screen. */
export async function call<C extends ChannelName>(channel: C, request: Req<C>): Promise<Res<C>> {
  const result = await (kioskApi[channel] as (r: Req<C>) => Promise<Result<Res<C>>>)(request);
  if (!result.ok) throw new Error(`${channel}: ${result.code}: ${result.message}`);
  return result.value;
}
