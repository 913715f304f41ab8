import { z } from 'zod';

/** Languages the kiosk has UI strings for (renderer/locales). */
export const LanguageSchema = z.enum(['en', 'es']).describe('A language the kiosk has UI strings for.');
export type Language = z.infer<typeof LanguageSchema>;

/** Text given once per enabled language, e.g. { "en": "...", "es": "..." }. */
export const LocalizedTextSchema = z
  .partialRecord(LanguageSchema, z.string().trim().min(1).max(2000))
  .describe('Text per language code; every language in `languages` needs an entry.');
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const SlugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes');

export const VisitorModeSchema = z
  .enum(['no-visitors', 'one-visitor', 'open'])
  .describe('no-visitors: only patients, or a patient with a parent or guardian. one-visitor: a patient may bring one visitor. open: visitors welcome.');
export type VisitorMode = z.infer<typeof VisitorModeSchema>;

export const SpoolerConfigSchema = z
  .discriminatedUnion('type', [
    z.object({
      type: z.literal('folder'),
      folder: z.string().min(1).describe('Folder that receives one PDF per printed handout.'),
    }).strict(),
    z.object({
      type: z.literal('electron'),
      printer: z.string().min(1).max(255).describe("The printer's system name (Windows: as in Printers & scanners). Electron app only."),
    }).strict(),
    z.object({
      type: z.literal('cups'),
      printer: z
        .string()
        .regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,126}$/, 'a CUPS queue name: letters, digits, "_", "." and "-"')
        .describe('CUPS queue name as `lpstat -p` shows it.'),
    }).strict(),
  ])
  .describe('Where printed handouts go. Without it, PDFs are written to the "printed" folder in the kiosk data folder.');

export const ConfigSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editor completion.'),
    clinic: z
      .object({
        name: LocalizedTextSchema.describe('Clinic name shown on the welcome screen and on printed pages.'),
        phone: z
          .string()
          .regex(/^[0-9+()\-. ]{3,30}$/, 'digits, spaces and + ( ) - . only')
          .describe('Office phone number people are asked to call after a symptom "yes".'),
      })
      .strict(),
    languages: z.array(LanguageSchema).min(1).default(['en', 'es']).describe('Languages offered, in the order shown.'),
    defaultLanguage: LanguageSchema.default('en').describe('Language of the welcome screen.'),
    visitorPolicy: z
      .object({
        mode: VisitorModeSchema,
        text: LocalizedTextSchema.describe('The policy in plain words, shown large before screening.'),
      })
      .strict(),
    screening: z
      .object({
        questions: z
          .array(
            z.object({
              id: SlugSchema.describe('Stable id of the question (never shown).'),
              text: LocalizedTextSchema.describe('The yes/no question, one per screen, asked of the person at the kiosk ("Do you have...").'),
              aboutPatient: LocalizedTextSchema.optional().describe(
                'The same question about the patient ("Does the patient have..."), asked when a parent or guardian answers for them. Without it, `text` is used.',
              ),
            }).strict(),
          )
          .min(1)
          .max(12)
          .describe('Respiratory-symptom questions. Any "yes" means: do not come in, call the office.'),
      })
      .strict(),
    idle: z
      .object({
        warnAfterSeconds: z.number().int().min(2).max(600).default(45).describe('Seconds without a touch before "Are you still there?".'),
        countdownSeconds: z.number().int().min(2).max(300).default(20).describe('Seconds the warning counts down before the session resets (20 or more recommended).'),
        doneSeconds: z.number().int().min(2).max(120).default(8).describe('Seconds the thank-you screen stays before the welcome screen.'),
      })
      .strict()
      .prefault({}),
    handouts: z
      .object({
        maxPerSession: z.number().int().min(1).max(10).default(3).describe('Most handouts one person may print.'),
        suggested: z
          .object({
            'come-in': z.array(SlugSchema).default([]).describe('Handout ids suggested after an all-"no" screening.'),
            'stay-out': z.array(SlugSchema).default([]).describe('Handout ids suggested after a symptom "yes".'),
          })
          .strict()
          .prefault({}),
        contentDir: z.string().min(1).optional().describe("A clinic's own content folder, used instead of the shipped one."),
      })
      .strict()
      .prefault({}),
    print: z
      .object({
        paper: z.enum(['Letter', 'A4']).default('Letter').describe('Paper size of printed pages.'),
        spooler: SpoolerConfigSchema.optional(),
        limits: z
          .object({
            pagesPerJob: z.number().int().min(1).max(200).default(20).describe('Most pages one print may have; a larger one is refused with a friendly message.'),
            jobsPerHour: z.number().int().min(1).max(1000).default(30).describe('Most prints per hour for the whole kiosk (paper is not free).'),
          })
          .strict()
          .prefault({}),
        checkEverySeconds: z.number().int().min(10).max(3600).default(180).describe('How often the kiosk checks that the printer is ready.'),
      })
      .strict()
      .prefault({}),
    staff: z
      .object({
        pinHash: z
          .string()
          .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, { message: 'make one with `npm run hash-pin`', abort: true })
          .refine((hash) => {
            const [, n, r, p] = hash.split('$').map(Number);
            return Number.isInteger(Math.log2(n!)) && n! >= 1024 && n! <= 2 ** 20 && r! >= 1 && r! <= 32 && p! >= 1 && p! <= 16;
          }, 'scrypt cost must be N a power of 2 from 1024 to 2^20, r 1-32, p 1-16: make one with `npm run hash-pin`')
          .describe('scrypt hash of the staff PIN, as printed by `npm run hash-pin`.'),
      })
      .strict(),
  })
  .strict()
  .superRefine((config, ctx) => {
    if (!config.languages.includes(config.defaultLanguage)) {
      ctx.addIssue({ code: 'custom', path: ['defaultLanguage'], message: `must be one of languages (${config.languages.join(', ')})` });
    }
    const texts: Array<[Array<string | number>, LocalizedText]> = [
      [['clinic', 'name'], config.clinic.name],
      [['visitorPolicy', 'text'], config.visitorPolicy.text],
      ...config.screening.questions.flatMap((q, i): Array<[Array<string | number>, LocalizedText]> => [
        [['screening', 'questions', i, 'text'], q.text],
        ...(q.aboutPatient ? [[['screening', 'questions', i, 'aboutPatient'], q.aboutPatient] as [Array<string | number>, LocalizedText]] : []),
      ]),
    ];
    for (const [path, text] of texts) {
      for (const lang of config.languages) {
        if (!text[lang]) ctx.addIssue({ code: 'custom', path: [...path, lang], message: `missing the "${lang}" text` });
      }
    }
    const ids = config.screening.questions.map((q) => q.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['screening', 'questions', i, 'id'], message: `duplicate id "${id}"` });
    });
  });

/** A validated kiosk config, defaults filled in. */
export type KioskConfig = z.infer<typeof ConfigSchema>;

/** What the touch UI needs of the config: everything but secrets and host paths. */
export type PublicConfig = Pick<KioskConfig, 'clinic' | 'languages' | 'defaultLanguage' | 'visitorPolicy' | 'screening' | 'idle'> & {
  handouts: { maxPerSession: number; suggested: KioskConfig['handouts']['suggested'] };
  paper: KioskConfig['print']['paper'];
};
