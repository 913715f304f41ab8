import { z } from 'zod';
import { LanguageSchema, type Language } from '../../electron/contract/config';
import { HandoutIdSchema } from '../../electron/contract/content';

/**
 * A printer's name as it is shown on the staff test page: plain text (no control, formatting or
 * line-separator characters) of at most 127 characters, the longest name CUPS allows.
 */
export const PrinterNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(127)
  .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'plain text only');

/** What the print page is asked to lay out, read from its address. */
export type PrintTarget =
  | { kind: 'handout'; lang: Language; id: string }
  | { kind: 'phone-slip'; lang: Language }
  | { kind: 'test-page'; lang: Language; printer: string | undefined };

const TargetSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('handout'), lang: LanguageSchema, id: HandoutIdSchema }),
  z.object({ kind: z.literal('phone-slip'), lang: LanguageSchema }),
  z.object({ kind: z.literal('test-page'), lang: LanguageSchema }),
]);

/**
 * Reads `?kind=handout&lang=en&id=fever`, `?kind=phone-slip&lang=es` or
 * `?kind=test-page&lang=en&printer=NAME`; throws on anything else. A printer name that is not
 * plain text is left out (the test page then says "unknown") so that staff still get their test.
 */
export function parsePrintTarget(params: URLSearchParams): PrintTarget {
  const target = TargetSchema.parse({ kind: params.get('kind'), lang: params.get('lang'), id: params.get('id') ?? undefined });
  if (target.kind !== 'test-page') return target;
  const printer = PrinterNameSchema.safeParse(params.get('printer') ?? undefined);
  return { ...target, printer: printer.success ? printer.data : undefined };
}

/** The kiosk's version from `kiosk:state`, when the host sends one. */
export function kioskVersion(state: object): string | undefined {
  const version = 'version' in state ? state.version : undefined;
  return typeof version === 'string' && version.trim() !== '' ? version.trim().slice(0, 64) : undefined;
}
