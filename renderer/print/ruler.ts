/** Millimetres per inch. */
export const MM_PER_INCH = 25.4;

/** One mark on a ruler: where it is (mm from the start), how long relative to a whole unit's mark, its number if any. */
export interface RulerTick {
  at: number;
  size: 1 | 0.7 | 0.5 | 0.35;
  label?: string;
}

/**
 * The marks of a ruler `lengthMm` long, from 0 to the end inclusive: in centimetres (a mark
 * every millimetre, longer at 5 mm, numbered every centimetre) or in inches (a mark every
 * eighth, longer at quarters and halves, numbered every inch). Positions are in millimetres so
 * that one drawing code serves both; they are rounded to a thousandth of a millimetre.
 */
export function rulerTicks(unit: 'cm' | 'in', lengthMm: number): RulerTick[] {
  const step = unit === 'cm' ? 1 : MM_PER_INCH / 8;
  const perUnit = unit === 'cm' ? 10 : 8;
  const ticks: RulerTick[] = [];
  for (let i = 0; i * step <= lengthMm + 1e-9; i++) {
    const at = Math.round(i * step * 1000) / 1000;
    if (i % perUnit === 0) ticks.push({ at, size: 1, label: String(i / perUnit) });
    else if (i % (perUnit / 2) === 0) ticks.push({ at, size: 0.7 });
    else if (unit === 'in' && i % 2 === 0) ticks.push({ at, size: 0.5 });
    else ticks.push({ at, size: 0.35 });
  }
  return ticks;
}
