import { z } from 'zod';
import { LanguageSchema, type PublicConfig } from './config';
import { HandoutIdSchema, HandoutSchema, HandoutSummarySchema, TopicSchema, VisitReasonSchema } from './content';
import { VisitSchema } from './suggestions';
import { CHANNEL_NAMES, type ChannelName } from './channel-names';

export { CHANNEL_NAMES, type ChannelName };

const Empty = z.object({}).strict();

export const ConfigProblemSchema = z.object({ path: z.string(), message: z.string() });
export type ConfigProblem = z.infer<typeof ConfigProblemSchema>;

/**
 * The kiosk is either ready with its public config, or out of service: for a bad config or
 * content folder (every problem named for staff), or because staff took it out of service.
 * `loadedAt` changes when a new config is applied; `resets` counts sessions ended from the
 * front-desk page, so the touch UI can notice both when it asks. `reasons` are the content's
 * answers to "What brings you in today?" (labels in every language), known before the screen.
 */
export const KioskStateSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('ready'),
    config: z.custom<PublicConfig>(),
    reasons: z.array(VisitReasonSchema),
    version: z.string(),
    contentVersion: z.string(),
    loadedAt: z.iso.datetime(),
    resets: z.number().int(),
  }),
  z.object({ status: z.literal('out-of-service'), reason: z.enum(['config', 'content']), source: z.string(), problems: z.array(ConfigProblemSchema) }),
  z.object({ status: z.literal('staff-out-of-service'), languages: z.array(LanguageSchema), loadedAt: z.iso.datetime() }),
]);
export type KioskState = z.infer<typeof KioskStateSchema>;

export const PrintRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('handouts'), lang: LanguageSchema, ids: z.array(HandoutIdSchema).min(1).max(10) }).strict(),
  z.object({ kind: z.literal('phone-slip'), lang: LanguageSchema }).strict(),
]);
export type PrintRequest = z.infer<typeof PrintRequestSchema>;

/**
 * `failed`: nothing of it can print any more (staff may retry it). `unknown`: a copy may still come
 * out, or may have: the printer system cannot be asked now, or its record is gone.
 */
export const JobStateSchema = z.enum(['queued', 'printing', 'done', 'failed', 'unknown', 'cancelled']);
export type JobState = z.infer<typeof JobStateSchema>;
export const JobIdSchema = z.string().regex(/^job-[a-z0-9-]{1,64}$/);

/** The longest a `print:status` question may wait for the job to change. */
export const PRINT_STATUS_MAX_WAIT_MS = 15_000;

/**
 * A print job's state, now, or (with `changedFrom`) once it is no longer that state: the host
 * answers as soon as the job changes, or after `waitMs` (default 10 s) with the state unchanged.
 * That is how the patient's screen learns "printed" when it happens, without polling.
 */
export const PrintStatusRequestSchema = z
  .object({
    id: JobIdSchema,
    changedFrom: JobStateSchema.optional(),
    waitMs: z.number().int().min(0).max(PRINT_STATUS_MAX_WAIT_MS).optional(),
  })
  .strict();
export type PrintStatusRequest = z.infer<typeof PrintStatusRequestSchema>;

/** A print job as the patient's screen follows it. */
export const PrintJobSchema = z.object({
  id: JobIdSchema,
  state: JobStateSchema,
  pages: z.number().int().nonnegative(),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

/** A print job as staff see it: what it was (never who), and why it failed. */
export const StaffJobSchema = PrintJobSchema.extend({
  createdAt: z.iso.datetime(),
  kind: z.enum(['handouts', 'phone-slip', 'test-page']),
  documents: z.number().int().nonnegative(),
  copies: z.number().int().positive(),
  attempts: z.number().int().nonnegative(),
  reason: z.string().optional(),
  /**
   * Staff may print it again: only what cannot print any more is sent again. False while a copy
   * may still come out and the kiosk can still find out (it keeps asking the printer).
   */
  canRetry: z.boolean(),
  /** Staff may cancel it: it has not finished. */
  canCancel: z.boolean(),
});
export type StaffJob = z.infer<typeof StaffJobSchema>;

export const PrinterStatusSchema = z.object({
  spooler: z.enum(['cups', 'folder', 'electron']),
  printer: z.string(),
  ready: z.boolean(),
  reason: z.string().optional(),
  checkedAt: z.iso.datetime(),
});
export type PrinterStatus = z.infer<typeof PrinterStatusSchema>;

/** Proof of a staff PIN, valid while staff keep using the staff screen. */
export const StaffTokenSchema = z.string().regex(/^[a-f0-9]{64}$/, 'not a staff token');
const StaffRequest = z.object({ token: StaffTokenSchema }).strict();
const StaffJobRequest = z.object({ token: StaffTokenSchema, id: JobIdSchema }).strict();

/** Why a session ended early; a normal end (done, turned away) is not an event staff need. */
export const SessionResetSchema = z.enum(['idle', 'staff', 'remote']);
export type SessionReset = z.infer<typeof SessionResetSchema>;

export const SessionEventSchema = z.enum(['session-start', 'come-in', 'stay-out', 'turned-away']);
export type SessionEvent = z.infer<typeof SessionEventSchema>;

/**
 * Why "Read to me" is hidden in a language: the browser has no speech API, its engine offers no
 * voices at all, none for the language, or only network voices (which would send the screen's
 * text off the kiosk).
 */
export const SpeechUnavailableReasonSchema = z.enum(['no-speech-api', 'no-voices', 'no-voice-for-language', 'network-voices-only']);
export type SpeechUnavailableReason = z.infer<typeof SpeechUnavailableReasonSchema>;

const Count = z.number().int().nonnegative().default(0);
/** A day's aggregate counts: the only record the kiosk keeps of its use. */
export const DayCountsSchema = z.object({ sessions: Count, comeIn: Count, stayOut: Count, turnedAway: Count, handoutsPrinted: Count });
export type DayCounts = z.infer<typeof DayCountsSchema>;

/** One line of the staff event log: what happened and a short PHI-free detail. */
export const StaffEventSchema = z.object({
  time: z.iso.datetime(),
  event: z.enum([
    'session-reset',
    'staff-unlock',
    'staff-pin-wrong',
    'staff-locked',
    'printer-fault',
    'printer-ready',
    'config-reloaded',
    'config-refused',
    'out-of-service',
    'in-service',
  ]),
  detail: z.string().optional(),
});
export type StaffEvent = z.infer<typeof StaffEventSchema>;

/** Why a folder cannot be saved to, in words staff are shown; the log has the exact error. */
export const SaveCauseSchema = z.enum(['read-only', 'full', 'no-permission', 'in-the-way', 'other']);
export type SaveCause = z.infer<typeof SaveCauseSchema>;

/** A folder the kiosk cannot save to right now: its data folder or its log folder. */
export const SaveProblemSchema = z.object({
  place: z.enum(['data', 'logs']),
  folder: z.string(),
  cause: SaveCauseSchema,
  /** The system's error code (EROFS, ENOSPC...), for IT. */
  code: z.string(),
  since: z.iso.datetime(),
});
export type SaveProblem = z.infer<typeof SaveProblemSchema>;

export const StaffStatusSchema = z.object({
  inService: z.boolean(),
  printer: PrinterStatusSchema,
  printers: z.array(z.string()),
  jobs: z.array(StaffJobSchema),
  /** Today first, then the 6 days before it (local days, YYYY-MM-DD). */
  days: z.array(DayCountsSchema.extend({ day: z.iso.date() })),
  version: z.string(),
  contentVersion: z.string(),
  config: z.object({ path: z.string(), loadedAt: z.iso.datetime(), pending: z.boolean() }),
  events: z.array(StaffEventSchema),
  /** Handout files left out of the library, and why (a file name and what is wrong: no PHI). */
  contentProblems: z.array(z.object({ file: z.string(), message: z.string() })),
  /** Folders the kiosk cannot save to right now (empty when it can save everything). */
  saveProblems: z.array(SaveProblemSchema),
});
export type StaffStatus = z.infer<typeof StaffStatusSchema>;

export const StaffUnlockSchema = z.discriminatedUnion('unlocked', [
  z.object({ unlocked: z.literal(true), token: StaffTokenSchema }),
  z.object({ unlocked: z.literal(false), triesLeft: z.number().int().nonnegative(), lockedForSeconds: z.number().int().nonnegative() }),
]);
export type StaffUnlock = z.infer<typeof StaffUnlockSchema>;

/** Every channel: its request schema (checked on the host) and its response schema. */
export const channels = {
  'kiosk:state': { req: z.object({ resting: z.boolean().optional() }).strict(), res: KioskStateSchema },
  'content:list': {
    req: z.object({ lang: LanguageSchema }).strict(),
    res: z.object({ topics: z.array(TopicSchema), handouts: z.array(HandoutSummarySchema) }),
  },
  'content:get': { req: z.object({ lang: LanguageSchema, id: HandoutIdSchema }).strict(), res: HandoutSchema },
  'print:submit': { req: PrintRequestSchema, res: PrintJobSchema },
  'print:status': { req: PrintStatusRequestSchema, res: PrintJobSchema },
  'print:availability': { req: Empty, res: z.object({ available: z.boolean() }) },
  'session:record': { req: z.object({ event: SessionEventSchema }).strict(), res: Empty },
  'session:end': { req: z.object({ reset: SessionResetSchema.optional() }).strict(), res: Empty },
  'staff:unlock': { req: z.object({ pin: z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits') }).strict(), res: StaffUnlockSchema },
  'staff:status': { req: StaffRequest, res: StaffStatusSchema },
  'staff:set-service': { req: z.object({ token: StaffTokenSchema, inService: z.boolean() }).strict(), res: Empty },
  'staff:reset-session': { req: StaffRequest, res: Empty },
  'staff:job-retry': { req: StaffJobRequest, res: StaffJobSchema },
  'staff:job-cancel': { req: StaffJobRequest, res: StaffJobSchema },
  'staff:test-page': { req: StaffRequest, res: StaffJobSchema },
  'staff:lock': { req: StaffRequest, res: Empty },
  /** Search as you type: handouts in `lang` best first; an empty query answers none. */
  'content:search': {
    req: z.object({ lang: LanguageSchema, query: z.string().trim().max(100) }).strict(),
    res: z.object({ handouts: z.array(HandoutSummarySchema) }),
  },
  /** "Suggested for you": handouts in `lang` that the rules give this visit, best first. The host keeps nothing of it. */
  'content:suggest': { req: VisitSchema.extend({ lang: LanguageSchema }).strict(), res: z.object({ handouts: z.array(HandoutSummarySchema) }) },
  /** The touch UI found no voice for `lang` (once per language per page load), for IT's log. */
  'speech:unavailable': { req: z.object({ lang: LanguageSchema, reason: SpeechUnavailableReasonSchema }).strict(), res: Empty },
} as const satisfies { [K in ChannelName]: { req: z.ZodType; res: z.ZodType } };

export type Channels = typeof channels;
export type Req<C extends ChannelName> = z.input<Channels[C]['req']>;
export type Res<C extends ChannelName> = z.infer<Channels[C]['res']>;

export const ERROR_CODES = ['bad-request', 'not-found', 'unavailable', 'limit', 'forbidden', 'internal'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What crosses the boundary: a value or a coded error, never an exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; message: string };

/** The API the touch UI calls: `window.kiosk` in Electron, HTTP in the browser. */
export type KioskApi = { [C in ChannelName]: (req: Req<C>) => Promise<Result<Res<C>>> };
