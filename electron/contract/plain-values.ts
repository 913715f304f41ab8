/**
 * Values of the contract that the touch UI needs at run time, without zod: the kiosk page never
 * loads zod or the phone rules (config.ts, content.ts and suggestions.ts build their schemas
 * from these and export them too). Only plain constants here.
 */

/**
 * Test languages made from English by the renderer, never written by hand: en-XA (accented, to
 * find text that is not in the strings files) and ar-XB (right to left). A config may list them.
 */
export const PSEUDO_LANGUAGES = ['en-XA', 'ar-XB'] as const;
export type PseudoLanguage = (typeof PSEUDO_LANGUAGES)[number];

/** Who the person at the kiosk says is coming in. */
export const PARTIES = ['patient', 'patient-with-guardian', 'visitor'] as const;

/** The shortest word search looks for: one letter matches nearly everything and says nothing yet. */
export const SEARCH_MIN_LETTERS = 2;
