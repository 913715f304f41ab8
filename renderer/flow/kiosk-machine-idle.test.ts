import { describe, expect, it } from 'vitest';
import { settings, start, toOutcome, type Started } from './kiosk-machine-harness';

const WARN_MS = settings.warnAfterSeconds * 1000;
const COUNTDOWN_MS = settings.countdownSeconds * 1000;

/** A session under way, on the first question. */
function inUse(options: Parameters<typeof start>[0] = {}): Started {
  const k = start(options);
  k.actor.send({ type: 'START' });
  k.actor.send({ type: 'CHOOSE', party: 'patient' });
  return k;
}

/** "Are you still there?" and its seconds, or null when it is not showing. */
function warning(k: Started): number | null {
  return k.actor.getSnapshot().matches({ idle: { watching: 'warning' } }) ? k.context().secondsLeft : null;
}

describe('"Are you still there?"', () => {
  it('never comes on Welcome in the default language: the kiosk is resting', () => {
    const k = start();
    expect(k.idle()).toBe('resting');
    k.clock.increment(600_000);
    expect(k.idle()).toBe('resting');
    expect(k.state()).toBe('welcome');
  });

  it('warns after the quiet time, counts down each second, then ends the session as idle, once', () => {
    const k = inUse();
    k.actor.send({ type: 'ANSWER', yes: true });
    expect(k.idle()).toEqual({ watching: 'quiet' });
    k.clock.increment(WARN_MS - 1);
    expect(warning(k)).toBeNull();
    k.clock.increment(1);
    expect(warning(k)).toBe(20);

    const seen: number[] = [];
    for (let s = 0; s < 19; s++) {
      k.clock.increment(1000);
      seen.push(warning(k)!);
    }
    expect(seen).toEqual(Array.from({ length: 19 }, (_, i) => 19 - i));
    expect(k.state()).toBe('screening');
    k.clock.increment(999);
    expect(warning(k)).toBe(1);
    k.clock.increment(1);

    expect(k.state()).toBe('welcome');
    expect(k.idle()).toBe('resting');
    expect(k.context().answers).toEqual([]);
    expect(k.ended).toEqual([{ reset: 'idle' }]);
    k.clock.increment(600_000);
    expect(k.ended).toHaveLength(1);
  });

  it('counts down the configured seconds', () => {
    const k = inUse({ settings: { ...settings, warnAfterSeconds: 2, countdownSeconds: 3 } });
    k.clock.increment(2000);
    expect(warning(k)).toBe(3);
    k.clock.increment(2999);
    expect(warning(k)).toBe(1);
    k.clock.increment(1);
    expect(k.state()).toBe('welcome');
  });

  it('a touch before the warning starts the quiet time over', () => {
    const k = inUse();
    k.clock.increment(40_000);
    k.actor.send({ type: 'ACTIVITY' });
    k.clock.increment(40_000);
    expect(warning(k)).toBeNull();
    k.clock.increment(5_000);
    expect(warning(k)).toBe(20);
  });

  it('a touch during the countdown, or "I need more time", closes it and gives the full quiet time again', () => {
    for (const type of ['ACTIVITY', 'MORE_TIME'] as const) {
      const k = inUse();
      k.clock.increment(WARN_MS + 3_000);
      expect(warning(k)).toBe(17);
      k.actor.send({ type });
      expect(warning(k)).toBeNull();
      k.clock.increment(WARN_MS - 1);
      expect(warning(k)).toBeNull();
      k.clock.increment(1);
      expect(warning(k)).toBe(20);
      k.clock.increment(COUNTDOWN_MS);
      expect(k.state()).toBe('welcome');
      expect(k.ended).toEqual([{ reset: 'idle' }]);
    }
  });

  it('WCAG 2.2.1: the time can be extended again and again, each time after a warning, and the place is kept', () => {
    const k = inUse();
    k.actor.send({ type: 'ANSWER', yes: false });
    for (let extension = 1; extension <= 12; extension++) {
      k.clock.increment(WARN_MS);
      expect(warning(k), `warning ${extension}`).toBe(20);
      k.clock.increment(COUNTDOWN_MS - 1);
      k.actor.send({ type: 'MORE_TIME' });
      expect(warning(k)).toBeNull();
    }
    expect(k.state()).toBe('screening');
    expect(k.context().questionIndex).toBe(1);
    expect(k.ended).toEqual([]);
  });

  it('a language chosen on Welcome and left times out too, back to the default, with no session to end', () => {
    const k = start();
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    expect(k.idle()).toEqual({ watching: 'quiet' });
    k.clock.increment(WARN_MS + COUNTDOWN_MS);
    expect(k.context().lang).toBe('en');
    expect(k.state()).toBe('welcome');
    expect(k.idle()).toBe('resting');
    // Nothing had begun: the host is not told of a session.
    expect(k.ended).toEqual([]);
  });

  it('choosing the default language again on Welcome rests at once', () => {
    const k = start();
    k.actor.send({ type: 'SET_LANG', lang: 'es' });
    k.actor.send({ type: 'SET_LANG', lang: 'en' });
    expect(k.idle()).toBe('resting');
    k.clock.increment(600_000);
    expect(k.ended).toEqual([]);
  });

  describe('while the screen is read aloud', () => {
    it('waits however long, and gives the full quiet time again once the reading stops', () => {
      const k = inUse();
      k.clock.increment(40_000);
      k.actor.send({ type: 'SPEAKING', speaking: true });
      expect(k.idle()).toEqual({ watching: 'held' });
      k.clock.increment(600_000);
      expect(warning(k)).toBeNull();

      k.actor.send({ type: 'SPEAKING', speaking: false });
      k.clock.increment(WARN_MS - 1);
      expect(warning(k)).toBeNull();
      k.clock.increment(1);
      expect(warning(k)).toBe(20);
    });

    it('a touch while reading starts no timer', () => {
      const k = inUse();
      k.actor.send({ type: 'SPEAKING', speaking: true });
      k.actor.send({ type: 'ACTIVITY' });
      expect(k.idle()).toEqual({ watching: 'held' });
      k.clock.increment(600_000);
      expect(warning(k)).toBeNull();
      expect(k.state()).toBe('screening');
    });

    it('reading "Are you still there?" itself does not stop its countdown', () => {
      const k = inUse();
      k.clock.increment(WARN_MS);
      k.actor.send({ type: 'SPEAKING', speaking: true });
      k.clock.increment(5_000);
      expect(warning(k)).toBe(15);
      k.clock.increment(15_000);
      expect(k.state()).toBe('welcome');
      expect(k.ended).toEqual([{ reset: 'idle' }]);
    });

    it('"I need more time" while the warning is read waits for the reading to stop, then the full quiet time', () => {
      const k = inUse();
      k.clock.increment(WARN_MS);
      k.actor.send({ type: 'SPEAKING', speaking: true });
      k.actor.send({ type: 'MORE_TIME' });
      expect(k.idle()).toEqual({ watching: 'held' });
      k.actor.send({ type: 'SPEAKING', speaking: false });
      k.clock.increment(WARN_MS - 1);
      expect(warning(k)).toBeNull();
      k.clock.increment(1);
      expect(warning(k)).toBe(20);
    });

    it('reading on a resting Welcome holds nothing afterwards once it stops', () => {
      const k = start();
      k.actor.send({ type: 'SPEAKING', speaking: true });
      k.actor.send({ type: 'START' });
      expect(k.idle()).toEqual({ watching: 'held' });
      k.actor.send({ type: 'SPEAKING', speaking: false });
      expect(k.idle()).toEqual({ watching: 'quiet' });
    });
  });

  describe('while staff are in', () => {
    it('nothing times out, and the kiosk is not resting', () => {
      const k = inUse();
      k.clock.increment(WARN_MS + 1_000);
      k.actor.send({ type: 'STAFF_OPENED' });
      expect(k.idle()).toBe('staff');
      expect(warning(k)).toBeNull();
      k.clock.increment(600_000);
      expect(k.state()).toBe('screening');
    });

    it('on Welcome too: the host must not apply a config under their fingers', () => {
      const k = start();
      k.actor.send({ type: 'STAFF_OPENED' });
      expect(k.idle()).toBe('staff');
      k.actor.send({ type: 'STAFF_CLOSED' });
      expect(k.idle()).toBe('resting');
    });

    it('when they leave, a session under way gets the full quiet time', () => {
      const k = inUse();
      k.actor.send({ type: 'STAFF_OPENED' });
      k.clock.increment(600_000);
      k.actor.send({ type: 'STAFF_CLOSED' });
      expect(k.idle()).toEqual({ watching: 'quiet' });
      k.clock.increment(WARN_MS - 1);
      expect(warning(k)).toBeNull();
      k.clock.increment(1);
      expect(warning(k)).toBe(20);
    });

    it('a session they end leaves the kiosk in their hands, not resting', () => {
      const k = inUse();
      k.actor.send({ type: 'STAFF_OPENED' });
      k.actor.send({ type: 'END_SESSION', reason: 'remote' });
      expect(k.state()).toBe('welcome');
      expect(k.idle()).toBe('staff');
      k.actor.send({ type: 'STAFF_CLOSED' });
      expect(k.idle()).toBe('resting');
    });
  });

  it('a session ended on the done screen leaves no countdown running into the next', () => {
    const k = start();
    toOutcome(k);
    k.actor.send({ type: 'FINISH' });
    k.clock.increment(settings.doneSeconds * 1000);
    expect(k.state()).toBe('welcome');
    expect(k.idle()).toBe('resting');
    k.actor.send({ type: 'START' });
    k.clock.increment(WARN_MS - 1);
    expect(warning(k)).toBeNull();
    expect(k.ended).toEqual([{}]);
  });
});
