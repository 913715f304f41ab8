import { randomBytes } from 'node:crypto';
import { STAFF_IDLE_MS } from '../../contract/channel-names';
import type { StaffUnlock } from '../../contract/channels';
import { KioskError } from '../kiosk-error';
import { verifyPin } from './pin-hash';

export const MAX_TRIES = 5;
export const FIRST_LOCK_SECONDS = 5 * 60;
/** Doubling stops here, so a child playing at the corner cannot lock staff out for the day. */
export const MAX_LOCK_SECONDS = 60 * 60;
/**
 * A staff token lapses after this long without a staff call: the staff screens lock themselves at
 * STAFF_IDLE_MS without a touch and call the host at least every TOUCH_REFRESH_MS while touched.
 */
export const TOKEN_IDLE_MS = STAFF_IDLE_MS + 15_000;

/**
 * Guards the staff screen: 5 wrong PINs lock the pad for 5 minutes, and each further lockout
 * doubles, up to an hour. Held by the host, so reloading the touch UI does not reset it;
 * restarting the kiosk does.
 */
export class StaffAuth {
  private failures = 0;
  private lockouts = 0;
  private lockedUntil = 0;
  /** Tries run one at a time, so PINs sent together cannot all slip past the lockout. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Staff tokens and when each was last used. */
  private readonly sessions = new Map<string, number>();

  constructor(
    private readonly pinHash: () => string,
    private readonly now: () => number = Date.now,
    private readonly onEvent: (event: 'staff-unlock' | 'staff-pin-wrong' | 'staff-locked', lockedForSeconds?: number) => void = () => {},
  ) {}

  unlock(pin: string): Promise<StaffUnlock> {
    const attempt = this.queue.then(() => this.tryUnlock(pin));
    this.queue = attempt.catch(() => {});
    return attempt;
  }

  private async tryUnlock(pin: string): Promise<StaffUnlock> {
    const locked = this.lockedForSeconds();
    if (locked > 0) return { unlocked: false, triesLeft: 0, lockedForSeconds: locked };

    if (await verifyPin(pin, this.pinHash())) {
      this.failures = 0;
      this.lockouts = 0;
      this.onEvent('staff-unlock');
      const token = randomBytes(32).toString('hex');
      this.sessions.set(token, this.now());
      return { unlocked: true, token };
    }
    this.failures += 1;
    if (this.failures < MAX_TRIES) {
      this.onEvent('staff-pin-wrong');
      return { unlocked: false, triesLeft: MAX_TRIES - this.failures, lockedForSeconds: 0 };
    }
    const seconds = Math.min(FIRST_LOCK_SECONDS * 2 ** this.lockouts, MAX_LOCK_SECONDS);
    this.lockouts += 1;
    this.failures = 0;
    this.lockedUntil = this.now() + seconds * 1000;
    this.onEvent('staff-locked', seconds);
    return { unlocked: false, triesLeft: 0, lockedForSeconds: seconds };
  }

  /** Lets a staff request through if its token is known and fresh; each use keeps it fresh. */
  verify(token: string): void {
    const lastUsed = this.sessions.get(token);
    if (lastUsed === undefined || this.now() - lastUsed > TOKEN_IDLE_MS) {
      this.sessions.delete(token);
      throw new KioskError('forbidden', 'the staff screen is locked: enter the PIN again');
    }
    this.sessions.set(token, this.now());
  }

  /** Ends a staff session (Back to the kiosk, or the screen locking itself). */
  lock(token: string): void {
    this.sessions.delete(token);
  }

  /** Ends every staff session: the PIN changed, so what the old PIN opened closes too. */
  lockAll(): void {
    this.sessions.clear();
  }

  private lockedForSeconds(): number {
    return Math.max(0, Math.ceil((this.lockedUntil - this.now()) / 1000));
  }
}
