import { describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { FIRST_LOCK_SECONDS, MAX_TRIES, StaffAuth } from './staff-auth';

/** The shipped demo config's hash (content/demo-config.json) of PIN 1234, at full cost. */
const DEMO_HASH = 'scrypt$32768$8$1$mEL47N36e1BO0H8xryFlwg==$rXsw2GV7wEWOussQJ9K8I/tc1uTPuujFn2kUFlB8heI=';

/**
 * The same format at a low scrypt cost (verifyPin reads the cost from the hash), so the long
 * lockout sequences below check dozens of PINs quickly. Made once and reused.
 */
const salt = randomBytes(16);
const CHEAP_HASH = ['scrypt', 1024, 8, 1, salt.toString('base64'), scryptSync('4321', salt, 32, { N: 1024, r: 8, p: 1 }).toString('base64')].join('$');
const RIGHT = '4321';
const WRONG = '0000';

type Recorded = [event: string, lockedForSeconds?: number];

function setup(hash = CHEAP_HASH) {
  let now = Date.UTC(2026, 2, 5, 9, 0, 0);
  const events: Recorded[] = [];
  const auth = new StaffAuth(
    () => hash,
    () => now,
    (event, seconds) => events.push(seconds === undefined ? [event] : [event, seconds]),
  );
  return {
    auth,
    events,
    advance: (seconds: number) => {
      now += seconds * 1000;
    },
    /** Enters the wrong PIN n times, one after the other. */
    async wrong(n: number) {
      const results = [];
      for (let i = 0; i < n; i++) results.push(await auth.unlock(WRONG));
      return results;
    },
  };
}

describe('StaffAuth', () => {
  it('unlocks with the demo PIN and refuses another', async () => {
    const { auth, events } = setup(DEMO_HASH);
    expect(await auth.unlock('9999')).toEqual({ unlocked: false, triesLeft: 4, lockedForSeconds: 0 });
    expect(await auth.unlock('1234')).toEqual({ unlocked: true });
    expect(events).toEqual([['staff-pin-wrong'], ['staff-unlock']]);
  });

  it('counts down the tries, then locks for 5 minutes', async () => {
    expect(MAX_TRIES).toBe(5);
    expect(FIRST_LOCK_SECONDS).toBe(300);
    const { wrong, events } = setup();
    expect(await wrong(4)).toEqual([4, 3, 2, 1].map((triesLeft) => ({ unlocked: false, triesLeft, lockedForSeconds: 0 })));
    expect(await wrong(1)).toEqual([{ unlocked: false, triesLeft: 0, lockedForSeconds: 300 }]);
    expect(events).toEqual([
      ['staff-pin-wrong'],
      ['staff-pin-wrong'],
      ['staff-pin-wrong'],
      ['staff-pin-wrong'],
      ['staff-locked', 300],
    ]);
  });

  it('refuses even the right PIN while locked, and takes it once the lock is over', async () => {
    const { auth, wrong, advance, events } = setup();
    await wrong(5);
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: false, triesLeft: 0, lockedForSeconds: 300 });
    advance(120);
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: false, triesLeft: 0, lockedForSeconds: 180 });
    advance(179.5);
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: false, triesLeft: 0, lockedForSeconds: 1 });
    // Tries during the lock are not counted as wrong PINs and say nothing to the log.
    expect(events.filter(([e]) => e !== 'staff-pin-wrong')).toEqual([['staff-locked', 300]]);
    advance(0.5);
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: true });
    expect(events.at(-1)).toEqual(['staff-unlock']);
  });

  it('after a lock, gives 5 new tries and doubles the next lock: 600 s, then 1200 s', async () => {
    const { auth, wrong, advance, events } = setup();
    await wrong(5);
    advance(300);
    expect((await wrong(4)).map((r) => !r.unlocked && r.triesLeft)).toEqual([4, 3, 2, 1]);
    expect(await wrong(1)).toEqual([{ unlocked: false, triesLeft: 0, lockedForSeconds: 600 }]);

    advance(599);
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: false, triesLeft: 0, lockedForSeconds: 1 });
    advance(1);
    expect((await wrong(5)).at(-1)).toEqual({ unlocked: false, triesLeft: 0, lockedForSeconds: 1200 });
    advance(1200);
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: true });

    expect(events.filter(([e]) => e === 'staff-locked')).toEqual([
      ['staff-locked', 300],
      ['staff-locked', 600],
      ['staff-locked', 1200],
    ]);
  });

  it('stops doubling at one hour', async () => {
    const { wrong, advance, events } = setup();
    for (const seconds of [300, 600, 1200, 2400, 3600, 3600]) {
      expect((await wrong(5)).at(-1)).toEqual({ unlocked: false, triesLeft: 0, lockedForSeconds: seconds });
      advance(seconds);
    }
    expect(events.filter(([e]) => e === 'staff-locked').map(([, s]) => s)).toEqual([300, 600, 1200, 2400, 3600, 3600]);
  });

  it('starts over after a success: full tries and a 5-minute first lock again', async () => {
    const { auth, wrong, advance } = setup();
    await wrong(5);
    advance(300);
    await wrong(5);
    advance(600);
    await wrong(3);
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: true });

    expect((await wrong(4)).map((r) => !r.unlocked && r.triesLeft)).toEqual([4, 3, 2, 1]);
    expect(await wrong(1)).toEqual([{ unlocked: false, triesLeft: 0, lockedForSeconds: 300 }]);
  });

  it('a success also clears wrong tries that did not reach a lock', async () => {
    const { auth, wrong } = setup();
    await wrong(4);
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: true });
    expect(await wrong(1)).toEqual([{ unlocked: false, triesLeft: 4, lockedForSeconds: 0 }]);
  });

  it('reads the hash each time, so a new config PIN applies at once', async () => {
    let hash = DEMO_HASH;
    const auth = new StaffAuth(() => hash, () => 0);
    expect(await auth.unlock('1234')).toEqual({ unlocked: true });
    hash = CHEAP_HASH;
    expect(await auth.unlock('1234')).toMatchObject({ unlocked: false });
    expect(await auth.unlock(RIGHT)).toEqual({ unlocked: true });
  });

  it('does not check more than 5 PINs sent at the same moment', async () => {
    const { auth } = setup();
    const guesses = [...Array.from({ length: 10 }, (_, i) => `000${i}`), RIGHT];
    const results = await Promise.all(guesses.map((pin) => auth.unlock(pin)));
    expect(results.at(-1)).toEqual({ unlocked: false, triesLeft: 0, lockedForSeconds: 300 });
  });
});
