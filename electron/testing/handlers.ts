import { CHANNEL_NAMES } from '../contract/channel-names';
import type { ApiHandlers } from '../services/api-router';

/**
 * For tests and benchmarks: a full handler table where only `overrides` work and every other
 * channel throws if called, so a test shows it used exactly what it meant to.
 */
export function handlersWith(overrides: Partial<ApiHandlers>): ApiHandlers {
  const notUsed = (channel: string) => () => {
    throw new Error(`the ${channel} handler should not have been called`);
  };
  return { ...(Object.fromEntries(CHANNEL_NAMES.map((c) => [c, notUsed(c)])) as unknown as ApiHandlers), ...overrides };
}
