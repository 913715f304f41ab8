import type { z } from 'zod';
import { channels, CHANNEL_NAMES, type ChannelName, type Channels, type Res, type Result } from '../contract/channels';
import { KioskError } from './kiosk-error';
import type { Logger } from './log';
import { foldRepeats } from './log-folding';

/** One function per channel, given the request already checked against the channel's schema. */
export type ApiHandlers = {
  [C in ChannelName]: (req: z.infer<Channels[C]['req']>) => Promise<Res<C>> | Res<C>;
};

/** Routes a raw (untrusted) message to its handler; both hosts, IPC and HTTP, go through here. */
export type Dispatch = (channel: string, payload: unknown) => Promise<Result<unknown>>;

export function isChannel(name: string): name is ChannelName {
  return (CHANNEL_NAMES as readonly string[]).includes(name);
}

/** At most this many problems of one request are described; a request can have thousands. */
const MAX_PROBLEMS = 3;

/**
 * What was wrong with a request, in the schema's own words: each field's path and problem, and
 * for fields the schema does not know only how many there were. Never a key or a value the caller
 * sent (zod names unknown keys), and bounded in length whatever was sent.
 */
export function describeProblems(issues: readonly z.ZodError['issues'][number][]): string {
  const described = issues.slice(0, MAX_PROBLEMS).map((issue) => {
    const where = issue.path.map(String).join('.').slice(0, 60) || 'request';
    const count = issue.code === 'unrecognized_keys' ? issue.keys.length : 0;
    const what = count ? `${count} unknown ${count === 1 ? 'field' : 'fields'}` : issue.message.slice(0, 120);
    return `${where}: ${what}`;
  });
  if (issues.length > MAX_PROBLEMS) described.push(`and ${issues.length - MAX_PROBLEMS} more`);
  return described.join('; ');
}

/**
 * Builds the one dispatcher: unknown channel or bad payload gives `bad-request`, a KioskError
 * gives its code, anything else is logged with its cause and gives `internal`. Nothing throws
 * across the boundary. Its log lines are folded (log-folding.ts): a caller repeating a bad
 * request cannot flood the log.
 */
export function createDispatcher(handlers: ApiHandlers, log: Logger): Dispatch {
  const requestLog = foldRepeats(log);
  return async (channel, payload) => {
    if (!isChannel(channel)) return { ok: false, code: 'bad-request', message: 'no such channel' };
    const parsed = channels[channel].req.safeParse(payload ?? {});
    if (!parsed.success) {
      const problem = describeProblems(parsed.error.issues);
      requestLog.warn('api-bad-request', { channel, problem });
      return { ok: false, code: 'bad-request', message: problem };
    }
    try {
      const handler = handlers[channel] as (req: unknown) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof KioskError) return { ok: false, code: error.code, message: error.message };
      requestLog.error('api-handler-failed', { channel, cause: (error as Error).stack ?? String(error) });
      return { ok: false, code: 'internal', message: 'the kiosk could not do that' };
    }
  };
}
