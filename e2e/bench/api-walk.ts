import { setTimeout as sleep } from 'node:timers/promises';
import type { ChannelName } from '../../electron/contract/channel-names';
import type { JobState, Req, Res, Result } from '../../electron/contract/channels';
import type { Language } from '../../electron/contract/config';
import type { HandoutSummary } from '../../electron/contract/content';

/** What went wrong, by what it was ("content:get: not-found"), counted: any of it fails the soak. */
export type Errors = Record<string, number>;

export function countError(errors: Errors, what: string, times = 1): void {
  errors[what] = (errors[what] ?? 0) + times;
}

/**
 * The web host's API as the touch UI calls it (POST /api/<channel>, JSON). An answer that is not
 * `ok` (or no answer) is counted in `errors` and comes back as null. Keeps each channel's calls
 * and round-trip time.
 */
export class ApiClient {
  readonly channels = new Map<ChannelName, { calls: number; ms: number }>();
  calls = 0;

  constructor(
    private readonly url: string,
    readonly errors: Errors,
  ) {}

  async call<C extends ChannelName>(channel: C, request: Req<C>): Promise<Res<C> | null> {
    this.calls += 1;
    const at = performance.now();
    const timing = this.channels.get(channel) ?? { calls: 0, ms: 0 };
    this.channels.set(channel, timing);
    const failed = (what: string) => {
      countError(this.errors, `${channel}: ${what}`);
      return null;
    };
    try {
      const response = await fetch(`${this.url}/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (!response.ok) return failed(`HTTP ${response.status}`);
      const result = (await response.json()) as Result<Res<C>>;
      return result.ok ? result.value : failed(result.code);
    } catch (error) {
      return failed((error as Error).message);
    } finally {
      timing.calls += 1;
      timing.ms += performance.now() - at;
    }
  }
}

const QUERIES: Record<string, string[]> = { en: ['fever', 'cough', 'flu shot', 'allergies'], es: ['fiebre', 'tos', 'vacuna', 'alergias'] };

/**
 * Session number `n` through the API, as the touch UI makes it: the kiosk at rest, the person
 * counted, the outcome (one in four told to stay out), "What brings you in today?" answered in
 * turn, suggestions, the library, a search, a handout read. English and Spanish in turn. It is
 * ended with `endSession`, after whatever else the soak adds. Returns the language's handouts.
 */
export async function walkApiSession(api: ApiClient, n: number): Promise<{ lang: Language; handouts: HandoutSummary[] }> {
  const lang = n % 2 === 0 ? 'es' : 'en';
  const stayOut = n % 4 === 0;
  const state = await api.call('kiosk:state', { resting: true });
  const reasons = state?.status === 'ready' ? state.reasons : [];
  await api.call('session:record', { event: 'session-start' });
  await api.call('kiosk:state', { resting: false });
  await api.call('session:record', { event: stayOut ? 'stay-out' : 'come-in' });
  const reason = stayOut || reasons.length === 0 ? null : reasons[n % reasons.length]!.id;
  await api.call('content:suggest', { lang, outcome: stayOut ? 'stay-out' : 'come-in', party: 'patient', reason });
  const handouts = (await api.call('content:list', { lang }))?.handouts ?? [];
  await api.call('content:search', { lang, query: QUERIES[lang]![n % QUERIES[lang]!.length]! });
  if (handouts.length > 0) await api.call('content:get', { lang, id: handouts[n % handouts.length]!.id });
  return { lang, handouts };
}

/** The end of session `n`: one in ten ends by the idle timer, as when a person walks away. */
export async function endSession(api: ApiClient, n: number): Promise<void> {
  await api.call('session:end', n % 10 === 0 ? { reset: 'idle' } : {});
}

/** Staff open the staff screen with `pin`, read its status (printer, jobs, counts) and lock it. Returns whether the PIN opened it. */
export async function staffVisit(api: ApiClient, pin: string): Promise<boolean> {
  const unlock = await api.call('staff:unlock', { pin });
  if (!unlock) return false;
  if (!unlock.unlocked) {
    countError(api.errors, 'staff:unlock: the PIN was refused');
    return false;
  }
  await api.call('staff:status', { token: unlock.token });
  await api.call('staff:lock', { token: unlock.token });
  return true;
}

const UNDER_WAY: JobState[] = ['queued', 'printing'];

/**
 * Follows print jobs with print:status, as the touch UI does, until none is under way or
 * `timeoutMs` has passed. A job that ends other than `done`, or is still under way then, is an error.
 */
export async function followPrints(api: ApiClient, ids: string[], timeoutMs: number): Promise<void> {
  const at = performance.now();
  let open = ids;
  while (open.length > 0 && performance.now() - at < timeoutMs) {
    await sleep(500);
    const jobs = await Promise.all(open.map((id) => api.call('print:status', { id })));
    for (const job of jobs) if (job && !UNDER_WAY.includes(job.state) && job.state !== 'done') countError(api.errors, `print: ${job.state}`);
    open = jobs.flatMap((job) => (job && UNDER_WAY.includes(job.state) ? [job.id] : []));
  }
  if (open.length > 0) countError(api.errors, 'print: not finished in time', open.length);
}
