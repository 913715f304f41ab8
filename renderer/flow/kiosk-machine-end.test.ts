import { describe, expect, it } from 'vitest';
import { freshContext } from './kiosk-machine';
import { settings, start, toOutcome } from './kiosk-machine-harness';

/** Lets a spawned promise settle. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the end of a session', () => {
  it('each way back to Welcome ends the session once, and tells the host', () => {
    const k = start();
    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'BACK' });
    expect(k.ended).toEqual([{}]);

    toOutcome(k);
    k.actor.send({ type: 'FINISH' });
    k.actor.send({ type: 'FINISH' });
    expect(k.ended).toEqual([{}, {}]);

    toOutcome(k);
    k.actor.send({ type: 'FINISH' });
    k.clock.increment(settings.doneSeconds * 1000);
    expect(k.ended).toEqual([{}, {}, {}]);

    k.actor.send({ type: 'START' });
    k.actor.send({ type: 'CHOOSE', party: 'visitor' });
    expect(k.state()).toBe('turnedAway');
    k.clock.increment(settings.doneSeconds * 1000);
    expect(k.state()).toBe('welcome');
    expect(k.ended).toEqual([{}, {}, {}, {}]);
  });

  it('END_SESSION mid-way ends it now, with its reason, and forgets everything but the voice', () => {
    for (const reason of ['staff', 'remote', 'idle'] as const) {
      const k = start();
      k.actor.send({ type: 'START' });
      k.actor.send({ type: 'SET_LANG', lang: 'es' });
      k.actor.send({ type: 'READ_ALOUD' });
      k.actor.send({ type: 'SPEAKING', speaking: true });
      k.actor.send({ type: 'CHOOSE', party: 'patient' });
      k.actor.send({ type: 'ANSWER', yes: true });
      k.actor.send({ type: 'END_SESSION', reason });
      expect(k.state()).toBe('welcome');
      expect(k.ended).toEqual([{ reset: reason }]);
      expect(k.context()).toEqual({ ...freshContext(settings), speaking: true });
      expect(k.context().readAloud).toBe(false);
    }
  });

  it('END_SESSION on Welcome ends nothing: a language left there goes back to the default', () => {
    const k = start();
    k.actor.send({ type: 'END_SESSION', reason: 'staff' });
    expect(k.ended).toEqual([]);
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    k.actor.send({ type: 'SET_TEXT_SIZE', size: 'large' });
    k.actor.send({ type: 'END_SESSION', reason: 'remote' });
    expect(k.context()).toEqual(freshContext(settings));
    expect(k.idle()).toBe('resting');
    expect(k.ended).toEqual([]);
  });

  it('a host that cannot be told does not stop the next person', async () => {
    const k = start({ endSession: () => Promise.reject(new Error('host gone')) });
    toOutcome(k);
    k.actor.send({ type: 'END_SESSION', reason: 'staff' });
    await settled();
    expect(k.actor.getSnapshot().status).toBe('active');
    toOutcome(k);
    expect(k.state()).toBe('outcome');
    expect(k.ended).toEqual([{ reset: 'staff' }]);
  });

  it('a slow host does not hold the next person back, and each end is told', async () => {
    const answers: Array<() => void> = [];
    const k = start({ endSession: () => new Promise<void>((resolve) => answers.push(resolve)) });
    toOutcome(k);
    k.actor.send({ type: 'END_SESSION', reason: 'staff' });
    toOutcome(k);
    k.actor.send({ type: 'FINISH' });
    k.actor.send({ type: 'FINISH' });
    expect(k.ended).toEqual([{ reset: 'staff' }, {}]);
    expect(k.state()).toBe('welcome');
    for (const answer of answers) answer();
    await settled();
    expect(k.actor.getSnapshot().status).toBe('active');
  });
});
