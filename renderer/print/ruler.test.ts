import { describe, expect, it } from 'vitest';
import { MM_PER_INCH, rulerTicks } from './ruler';

describe('rulerTicks', () => {
  it('marks every millimetre of a 10 cm bar, numbers each centimetre, and includes both ends', () => {
    const ticks = rulerTicks('cm', 100);
    expect(ticks).toHaveLength(101);
    expect(ticks[0]).toEqual({ at: 0, size: 1, label: '0' });
    expect(ticks.at(-1)).toEqual({ at: 100, size: 1, label: '10' });
    expect(ticks.filter((t) => t.label).map((t) => t.label)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(ticks[5]).toEqual({ at: 5, size: 0.7 });
    expect(ticks[3]).toEqual({ at: 3, size: 0.35 });
  });

  it('marks every eighth of a 4 in bar, longer at quarters and halves, numbered each inch', () => {
    const ticks = rulerTicks('in', 4 * MM_PER_INCH);
    expect(ticks).toHaveLength(33);
    expect(ticks.at(-1)).toEqual({ at: 101.6, size: 1, label: '4' });
    expect(ticks.slice(0, 9).map((t) => t.size)).toEqual([1, 0.35, 0.5, 0.35, 0.7, 0.35, 0.5, 0.35, 1]);
    expect(ticks[8]).toEqual({ at: 25.4, size: 1, label: '1' });
    expect(ticks[1]!.at).toBe(3.175);
  });

  it('stops at the length given', () => {
    expect(rulerTicks('cm', 300).at(-1)!.at).toBe(300);
    expect(rulerTicks('in', 300).at(-1)!.at).toBeLessThanOrEqual(300);
  });
});
