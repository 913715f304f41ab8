import { describe, expect, it } from 'vitest';
import type { KioskState } from '../../electron/contract/channels';
import type { PublicConfig } from '../../electron/contract/config';
import { followView, nextView, type View } from './next-view';

const ready = (loadedAt: string, resets = 0): KioskState => ({
  status: 'ready',
  config: { defaultLanguage: 'en' } as PublicConfig,
  reasons: [],
  version: '1',
  contentVersion: 'c',
  loadedAt,
  resets,
});
const AT_9 = '2026-11-28T09:00:00.000Z';
const AT_10 = '2026-11-28T10:00:00.000Z';

describe('nextView', () => {
  it('shows "not available" at once when the host never answered, but only after 3 misses in a row once running', () => {
    expect(nextView('loading', 'unreachable', true, 1)).toBe('unreachable');
    const shown = ready(AT_9);
    expect(nextView(shown, 'unreachable', false, 1)).toBe(shown);
    expect(nextView(shown, 'unreachable', false, 2)).toBe(shown);
    expect(nextView(shown, 'unreachable', false, 3)).toBe('unreachable');
  });

  it('keeps a new config waiting while someone uses the kiosk, and takes it once it rests', () => {
    const shown = ready(AT_9);
    const answer = ready(AT_10);
    expect(nextView(shown, answer, false, 0)).toBe(shown);
    expect(nextView(shown, answer, true, 0)).toBe(answer);
  });

  it('takes other news at once, mid-session too: a desk reset, out of service', () => {
    const shown = ready(AT_9);
    expect(nextView(shown, ready(AT_9, 1), false, 0)).toEqual(ready(AT_9, 1));
    const closed: KioskState = { status: 'staff-out-of-service', languages: ['en'], loadedAt: AT_9 };
    expect(nextView(shown, closed, false, 0)).toBe(closed);
  });

  it('keeps the same object for the same answer, so nothing re-renders', () => {
    const shown = ready(AT_9);
    expect(nextView(shown, ready(AT_9), false, 0)).toBe(shown);
  });
});

describe('followView', () => {
  it('hands on only what changes: a day of polls with the same answer sets the view once', () => {
    const shown: View[] = [];
    const follow = followView((view) => shown.push(view));
    // A kiosk at rest for a day asks every 2 s and hears the same thing, a new object each time.
    for (let poll = 0; poll < 43_200; poll++) follow(ready(AT_9), true, 0);
    expect(shown).toEqual([ready(AT_9)]);
  });

  it('hands on news: a desk reset, a new config once resting, the host gone after 3 misses', () => {
    const shown: View[] = [];
    const follow = followView((view) => shown.push(view));
    follow(ready(AT_9), true, 0);
    follow(ready(AT_9, 1), false, 0);
    follow(ready(AT_10, 1), false, 0);
    follow(ready(AT_10, 1), true, 0);
    follow('unreachable', true, 1);
    follow('unreachable', true, 3);
    expect(shown).toEqual([ready(AT_9), ready(AT_9, 1), ready(AT_10, 1), 'unreachable']);
  });
});
