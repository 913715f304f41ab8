import { z } from 'zod';
import { isPhoneCountry, isPossiblePhone } from './phone';
import { SuggestionRuleSchema } from './suggestions';

/**
 * A language, as a BCP 47 code (en, es, pt-BR, ar). The list is data, not code: a language is
 * offered when renderer/locales has its strings file and the config lists it (the host checks
 * the strings file exists, see ui-languages.ts).
 */
export const LANGUAGE_CODE = '[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*';
export const LanguageSchema = z
  .string()
  .regex(new RegExp(`^${LANGUAGE_CODE}$`), 'a language code such as en, es, fr or pt-BR')
  .describe('A language code (BCP 47) that has a UI strings file, such as en, es, fr or pt-BR.');
export type Language = z.infer<typeof LanguageSchema>;

export { PSEUDO_LANGUAGES, type PseudoLanguage } from './plain-values';

/** Text given once per enabled language, e.g. { "en": "...", "es": "..." }. */
export const LocalizedTextSchema = z
  .partialRecord(LanguageSchema, z.string().trim().min(1).max(2000))
  .describe('Text per language code; every language in `languages` needs an entry.');
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const PHONE_CHARACTERS = /^[0-9+()\-. ]{3,30}$/;

const SlugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes');

export const VisitorModeSchema = z
  .enum(['no-visitors', 'one-visitor', 'open'])
  .describe('no-visitors: only patients, or a patient with a parent or guardian. one-visitor: a patient may bring one visitor. open: visitors welcome.');
export type VisitorMode = z.infer<typeof VisitorModeSchema>;

export const SpoolerConfigSchema = z
  .discriminatedUnion('type', [
    z
      .object({
        type: z.literal('folder').describe('Write PDFs to a folder (testing, or a print server that watches it).'),
        folder: z.string().min(1).describe('Folder that receives one PDF per printed handout.'),
      })
      .strict(),
    z
      .object({
        type: z.literal('electron').describe("Print through the Electron app's own print system (Windows printers)."),
        printer: z.string().min(1).max(255).describe("The printer's system name (Windows: as in Printers & scanners). Electron app only."),
      })
      .strict(),
    z
      .object({
        type: z.literal('cups').describe('Print through a CUPS queue (Linux, macOS).'),
        printer: z
          .string()
          .regex(/^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,126}$/, 'a CUPS queue name: letters, digits, "_", "." and "-"')
          .describe('CUPS queue name as `lpstat -p` shows it.'),
      })
      .strict(),
  ])
  .describe('Where printed handouts go. Without it, PDFs are written to the "printed" folder in the kiosk data folder.');

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

/** A network address to listen on. */
const ListenSchema = z
  .object({
    host: z
      .union([z.ipv4(), z.ipv6(), z.literal('localhost')])
      .describe("Address to listen on: 127.0.0.1 for this machine only, 0.0.0.0 (or ::) for every network card, or one card's address."),
    port: z.number().int().min(1).max(65535).describe('TCP port.'),
  })
  .strict();

const RemoteStaffSchema = z
  .object({
    listen: ListenSchema.describe('Where the front-desk staff page listens. Beyond 127.0.0.1 it must have `tls`.'),
    allow: z
      .array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()]))
      .min(1)
      .describe('Addresses (192.168.10.5) or ranges (192.168.10.0/24) of the front-desk computers allowed to open the page; every other address is refused.'),
    tls: z
      .object({
        cert: z.string().min(1).describe('PEM certificate file for HTTPS (relative paths are relative to this config file).'),
        key: z.string().min(1).describe('PEM private key file for the certificate.'),
      })
      .strict()
      .optional()
      .describe('HTTPS certificate and key. Required whenever `listen.host` is not 127.0.0.1, ::1 or localhost.'),
  })
  .strict()
  .superRefine((remote, ctx) => {
    if (!remote.tls && !LOOPBACK_HOSTS.includes(remote.listen.host)) {
      ctx.addIssue({ code: 'custom', path: ['tls'], message: 'the staff page listens beyond this machine, so it needs HTTPS: give tls.cert and tls.key' });
    }
  })
  .describe("The front-desk staff page (reset the session, out of service) served to the desk's browser. Off when absent.");

const MetricsSchema = z
  .object({
    listen: ListenSchema.describe('Where GET /metrics (Prometheus text format) listens.'),
  })
  .strict()
  .describe('Health for fleet monitoring: app version, printer state, print jobs and session counts, no personal information. Off when absent.');

export const ConfigSchema = z
  .object({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editor completion.'),
    clinic: z
      .object({
        name: LocalizedTextSchema.describe('Clinic name shown on the welcome screen and on printed pages.'),
        phone: z
          .string()
          .regex(PHONE_CHARACTERS, 'digits, spaces and + ( ) - . only')
          .describe('Office phone number people are asked to call after a symptom "yes", with its area code. Shown grouped the way `country` writes numbers.'),
        country: z
          .string()
          .refine(isPhoneCountry, 'a two-letter country code in capitals, such as US, MX or CA')
          .default('US')
          .describe("The clinic's country (ISO 3166 code, such as US): how its phone number is read and shown."),
      })
      .strict()
      .superRefine((clinic, ctx) => {
        // A bad character or country has its own problem already.
        if (PHONE_CHARACTERS.test(clinic.phone) && isPhoneCountry(clinic.country) && !isPossiblePhone(clinic.phone, clinic.country)) {
          ctx.addIssue({ code: 'custom', path: ['phone'], message: `not a whole phone number in ${clinic.country}: give it with its area code` });
        }
      })
      .describe('The clinic, as patients see it.'),
    languages: z.array(LanguageSchema).min(1).default(['en', 'es']).describe('Languages offered, in the order shown.'),
    defaultLanguage: LanguageSchema.default('en').describe('Language of the welcome screen.'),
    visitorPolicy: z
      .object({
        mode: VisitorModeSchema,
        text: LocalizedTextSchema.describe('The policy in plain words, shown large before screening.'),
      })
      .strict()
      .describe('Who may come in with a patient.'),
    screening: z
      .object({
        questions: z
          .array(
            z
              .object({
                id: SlugSchema.describe('Stable id of the question (never shown).'),
                text: LocalizedTextSchema.describe('The yes/no question, one per screen, asked of the person at the kiosk ("Do you have...").'),
                aboutPatient: LocalizedTextSchema.optional().describe(
                  'The same question about the patient ("Does the patient have..."), asked when a parent or guardian answers for them. ' +
                    'Without it, `text` is used.',
                ),
              })
              .strict(),
          )
          .min(1)
          .max(12)
          .describe('Respiratory-symptom questions. Any "yes" means: do not come in, call the office.'),
      })
      .strict()
      .describe('The screening everyone answers before coming in.'),
    idle: z
      .object({
        warnAfterSeconds: z.number().int().min(2).max(600).default(45).describe('Seconds without a touch before "Are you still there?".'),
        countdownSeconds: z
          .number()
          .int()
          .min(2)
          .max(300)
          .default(20)
          .describe('Seconds the warning counts down before the session resets (20 or more recommended).'),
        doneSeconds: z.number().int().min(2).max(120).default(8).describe('Seconds the thank-you screen stays before the welcome screen.'),
      })
      .strict()
      .prefault({})
      .describe('When an unattended session is ended, so the next person never meets the last one.'),
    handouts: z
      .object({
        maxPerSession: z.number().int().min(1).max(10).default(3).describe('Most handouts one person may print.'),
        rules: z
          .array(SuggestionRuleSchema)
          .max(100)
          .default([])
          .describe(
            "Suggestion rules of this clinic, read before the content folder's own (rules.json): " +
              'which handouts "Suggested for you" shows, by screening outcome, who came and the reason for the visit.',
          ),
        askReason: z
          .boolean()
          .default(true)
          .describe(
            'Ask "What brings you in today?" (optional for the patient) after come-in, when the content folder has reasons. Nothing chosen there is stored.',
          ),
        contentDir: z.string().min(1).optional().describe("A clinic's own content folder, used instead of the shipped one."),
      })
      .strict()
      .prefault({})
      .describe('The health-library handouts people may print.'),
    print: z
      .object({
        paper: z.enum(['Letter', 'A4']).default('Letter').describe('Paper size of printed pages.'),
        spooler: SpoolerConfigSchema.optional(),
        limits: z
          .object({
            pagesPerJob: z
              .number()
              .int()
              .min(1)
              .max(200)
              .default(20)
              .describe('Most pages one print may have; a larger one is refused with a friendly message.'),
            jobsPerHour: z.number().int().min(1).max(1000).default(30).describe('Most prints of handouts per hour for the whole kiosk (paper is not free).'),
            slipsPerHour: z
              .number()
              .int()
              .min(1)
              .max(1000)
              .default(12)
              .describe(
                'Most phone slips per hour for the whole kiosk: far more than people told to stay out ask for, ' +
                  'and a stop to a caller printing slips without end.',
              ),
          })
          .strict()
          .prefault({})
          .describe('Limits that keep one person or a prank from emptying the paper tray.'),
        checkEverySeconds: z.number().int().min(10).max(3600).default(180).describe('How often the kiosk checks that the printer is ready.'),
      })
      .strict()
      .prefault({})
      .describe('Paper, printer and print limits.'),
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
      .strict()
      .describe('The staff screen behind the hidden corner.'),
    remoteStaff: RemoteStaffSchema.optional(),
    metrics: MetricsSchema.optional(),
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
  handouts: Pick<KioskConfig['handouts'], 'maxPerSession' | 'askReason'>;
  paper: KioskConfig['print']['paper'];
};
