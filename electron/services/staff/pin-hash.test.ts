import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../contract/config';
import { hashPin, verifyPin } from './pin-hash';

/** The shipped demo config's hash (content/demo-config.json), made from PIN 1234. */
const DEMO_HASH = 'scrypt$32768$8$1$mEL47N36e1BO0H8xryFlwg==$rXsw2GV7wEWOussQJ9K8I/tc1uTPuujFn2kUFlB8heI=';
const pinHashField = ConfigSchema.shape.staff.shape.pinHash;

// scrypt takes a noticeable moment per call: make one hash and reuse it.
let hash: string;
beforeAll(async () => {
  hash = await hashPin('246810');
});

describe('hashPin / verifyPin', () => {
  it('makes a hash in the form the config takes', () => {
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(pinHashField.safeParse(hash).success).toBe(true);
    expect(hash).not.toContain('246810');
    const [, , , , salt, key] = hash.split('$');
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(32);
  });

  it('accepts the right PIN and refuses a wrong one', async () => {
    expect(await verifyPin('246810', hash)).toBe(true);
    expect(await verifyPin('246811', hash)).toBe(false);
    expect(await verifyPin('24681', hash)).toBe(false);
    expect(await verifyPin('', hash)).toBe(false);
  });

  it('gives the same hash for the same salt, so the demo hash is PIN 1234', async () => {
    const salt = Buffer.from(DEMO_HASH.split('$')[4]!, 'base64');
    expect(await hashPin('1234', salt)).toBe(DEMO_HASH);
    expect(await verifyPin('1234', DEMO_HASH)).toBe(true);
  });

  it('salts each hash anew', async () => {
    const again = await hashPin('246810');
    expect(again).not.toBe(hash);
    expect(again.split('$')[4]).not.toBe(hash.split('$')[4]);
  });

  it('never matches a malformed hash', async () => {
    const [, n, r, p, salt, key] = hash.split('$');
    const shortKey = Buffer.from(key!, 'base64').subarray(0, 16).toString('base64');
    for (const bad of [
      '',
      '246810',
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}`,
      `scrypt$${n}$${r}$${p}$$${key}`,
      `scrypt$$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}$${shortKey}`,
    ]) {
      expect(await verifyPin('246810', bad), bad).toBe(false);
    }
  });
});
