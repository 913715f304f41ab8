import { describe, expect, it } from 'vitest';
import { randomBytes, scryptSync } from 'node:crypto';
import { KioskError } from '../kiosk-error';
import { FIRST_LOCK_SECONDS, MAX_TRIES, StaffAuth, TOKEN_IDLE_MS } from './staff-auth';

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

const TOKEN = /^[0-9a-f]{64}$/;
const UNLOCKED = { unlocked: true, token: expect.stringMatching(TOKEN) };

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
    expect(await auth.unlock('1234')).toEqual(UNLOCKED);
    expect(events).toEqual([['staff-pin-wrong'], ['staff-unlock']]);
  });

  it('counts down the tries, then locks for 5 minutes', async () => {
    expect(MAX_TRIES).toBe(5);
    expect(FIRST_LOCK_SECONDS).toBe(300);
    const { wrong, events } = setup();
    expect(await wrong(4)).toEqual([4, 3, 2, 1].map((triesLeft) => ({ unlocked: false, triesLeft, lockedForSeconds: 0 })));
    expect(await wrong(1)).toEqual([{ unlocked: false, triesLeft: 0, lockedForSeconds: 300 }]);
    expect(events).toEqual([['staff-pin-wrong'], ['staff-pin-wrong'], ['staff-pin-wrong'], ['staff-pin-wrong'], ['staff-locked', 300]]);
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
    expect(await auth.unlock(RIGHT)).toEqual(UNLOCKED);
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
    expect(await auth.unlock(RIGHT)).toEqual(UNLOCKED);

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
    expect(await auth.unlock(RIGHT)).toEqual(UNLOCKED);

    expect((await wrong(4)).map((r) => !r.unlocked && r.triesLeft)).toEqual([4, 3, 2, 1]);
    expect(await wrong(1)).toEqual([{ unlocked: false, triesLeft: 0, lockedForSeconds: 300 }]);
  });

  it('a success also clears wrong tries that did not reach a lock', async () => {
    const { auth, wrong } = setup();
    await wrong(4);
    expect(await auth.unlock(RIGHT)).toEqual(UNLOCKED);
    expect(await wrong(1)).toEqual([{ unlocked: false, triesLeft: 4, lockedForSeconds: 0 }]);
  });

  it('reads the hash each time, so a new config PIN applies at once', async () => {
    let hash = DEMO_HASH;
    const auth = new StaffAuth(
      () => hash,
      () => 0,
    );
    expect(await auth.unlock('1234')).toEqual(UNLOCKED);
    hash = CHEAP_HASH;
    expect(await auth.unlock('1234')).toMatchObject({ unlocked: false });
    expect(await auth.unlock(RIGHT)).toEqual(UNLOCKED);
  });

  it('does not check more than 5 PINs sent at the same moment', async () => {
    const { auth } = setup();
    const guesses = [...Array.from({ length: 10 }, (_, i) => `000${i}`), RIGHT];
    const results = await Promise.all(guesses.map((pin) => auth.unlock(pin)));
    expect(results.at(-1)).toEqual({ unlocked: false, triesLeft: 0, lockedForSeconds: 300 });
  });
});

describe('StaffAuth tokens', () => {
  /** Unlocks with the right PIN and gives back the staff token. */
  async function unlocked(auth: StaffAuth): Promise<string> {
    const result = await auth.unlock(RIGHT);
    if (!result.unlocked) throw new Error(`not unlocked: ${JSON.stringify(result)}`);
    return result.token;
  }

  const forbidden = (run: () => void) => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(KioskError);
      expect(error).toMatchObject({ code: 'forbidden' });
      return;
    }
    expect.fail('expected a forbidden KioskError');
  };

  it('gives a new 64-hex token on each unlock, and none on a wrong PIN', async () => {
    const { auth } = setup();
    const first = await unlocked(auth);
    const second = await unlocked(auth);
    expect(first).toMatch(TOKEN);
    expect(second).toMatch(TOKEN);
    expect(second).not.toBe(first);
    expect(await auth.unlock(WRONG)).not.toHaveProperty('token');
  });

  it('accepts a token while it is used, each use keeping it fresh', async () => {
    expect(TOKEN_IDLE_MS).toBe(135_000);
    const { auth, advance } = setup();
    const token = await unlocked(auth);
    expect(() => auth.verify(token)).not.toThrow();
    // Used every 100 s: still good after far more than 2 minutes in all.
    for (let i = 0; i < 5; i++) {
      advance(100);
      expect(() => auth.verify(token)).not.toThrow();
    }
    advance(135);
    expect(() => auth.verify(token)).not.toThrow();
  });

  it('refuses a token left unused for more than 2 minutes and 15 seconds, and for good', async () => {
    const { auth, advance } = setup();
    const token = await unlocked(auth);
    advance(135.001);
    forbidden(() => auth.verify(token));
    // Going back in time does not revive it: it is gone.
    advance(-60);
    forbidden(() => auth.verify(token));
  });

  it('refuses tokens it never gave', async () => {
    const { auth } = setup();
    const token = await unlocked(auth);
    forbidden(() => auth.verify('0'.repeat(64)));
    forbidden(() => auth.verify(''));
    forbidden(() => auth.verify(token.toUpperCase()));
    // A token of another kiosk process (another StaffAuth) is unknown here.
    forbidden(() => setup().auth.verify(token));
    expect(() => auth.verify(token)).not.toThrow();
  });

  it('ends a session on lock, and only that one', async () => {
    const { auth } = setup();
    const mine = await unlocked(auth);
    const other = await unlocked(auth);
    auth.lock(mine);
    forbidden(() => auth.verify(mine));
    expect(() => auth.verify(other)).not.toThrow();
    // Locking an unknown or ended token is harmless.
    expect(() => auth.lock(mine)).not.toThrow();
    expect(() => auth.lock('f'.repeat(64))).not.toThrow();
  });
});
