import { z } from 'zod';
import { LanguageSchema } from './config';
import { HandoutIdSchema, Icd10CmCodeSchema, SnomedCtIdSchema, TopicIdSchema } from './content-ids';
import { ReasonIdSchema, SuggestionRuleSchema } from './suggestions';

export { HandoutIdSchema };

/** A handout's public web address (printed as a QR code): https to a named host, short enough for a small QR. */
export const HandoutUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'use a full https:// address' }).max(300);

/** Clinical codes a handout is about, so a clinic can map its own library and rules can match on them. */
export const HandoutCodesSchema = z
  .object({
    icd10cm: z.array(Icd10CmCodeSchema).default([]),
    snomedct: z.array(SnomedCtIdSchema).default([]),
  })
  .strict();

/** Front matter of a handout file (content/handouts/<id>.<lang>.md). */
export const HandoutFrontMatterSchema = z
  .object({
    id: HandoutIdSchema,
    lang: LanguageSchema,
    title: z.string().trim().min(3).max(120),
    summary: z.string().trim().min(10).max(240),
    topics: z.array(z.string().min(1)).min(1).max(5),
    keywords: z.array(z.string().trim().min(2)).default([]),
    related: z.array(HandoutIdSchema).default([]),
    credits: z.object({ author: z.string().trim().min(2), reviewers: z.array(z.string().trim().min(2)).default([]) }).strict(),
    currentAsOf: z.iso.date(),
    review: z.enum(['sample', 'reviewed']),
    warning: z.object({ title: z.string().trim().min(3), body: z.string().trim().min(10) }).strict(),
    url: HandoutUrlSchema.optional(),
    codes: HandoutCodesSchema.prefault({}),
  })
  .strict();

export { SEARCH_MIN_LETTERS } from './plain-values';

/** What a list or search shows of a handout. */
export const HandoutSummarySchema = z.object({
  id: HandoutIdSchema,
  lang: LanguageSchema,
  title: z.string(),
  summary: z.string(),
  topics: z.array(z.string()),
});
export type HandoutSummary = z.infer<typeof HandoutSummarySchema>;

/** A whole handout: front matter plus its Markdown body. */
export const HandoutSchema = HandoutSummarySchema.extend({
  keywords: z.array(z.string()),
  related: z.array(z.object({ id: HandoutIdSchema, title: z.string() })),
  credits: z.object({ author: z.string(), reviewers: z.array(z.string()) }),
  currentAsOf: z.string(),
  review: z.enum(['sample', 'reviewed']),
  warning: z.object({ title: z.string(), body: z.string() }),
  /** Where to read the topic online; printed as a QR code. */
  url: HandoutUrlSchema.optional(),
  /** Clinical codes, for a clinic's own mapping and for suggestion rules. */
  codes: z.object({ icd10cm: z.array(z.string()), snomedct: z.array(z.string()) }),
  body: z.string(),
});
export type Handout = z.infer<typeof HandoutSchema>;

export const TopicSchema = z.object({ id: z.string(), label: z.string() });
export type Topic = z.infer<typeof TopicSchema>;

/** Topic labels per language (content/topics.json). */
export const TopicLabelsSchema = z.record(TopicIdSchema, z.partialRecord(LanguageSchema, z.string().min(1)));
export type TopicLabels = z.infer<typeof TopicLabelsSchema>;

/** An answer to "What brings you in today?", with its button label per language. */
export const VisitReasonSchema = z
  .object({
    id: ReasonIdSchema,
    label: z
      .partialRecord(LanguageSchema, z.string().trim().min(1).max(40))
      .refine((label) => Object.keys(label).length > 0, 'give the label in at least one language'),
  })
  .strict();
export type VisitReason = z.infer<typeof VisitReasonSchema>;

/** content/rules.json: the visit reasons offered (a few big buttons) and the suggestion rules. */
export const ContentRulesSchema = z
  .object({
    reasons: z
      .array(VisitReasonSchema)
      .max(6)
      .superRefine((reasons, ctx) => {
        reasons.forEach(({ id }, i) => {
          if (reasons.findIndex((r) => r.id === id) !== i) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate reason id "${id}"` });
        });
      })
      .default([]),
    rules: z.array(SuggestionRuleSchema).max(200).default([]),
  })
  .strict();
export type ContentRules = z.infer<typeof ContentRulesSchema>;
