import { z } from 'zod';
import { LanguageSchema } from './config';

export const HandoutIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes').max(80);

/** A handout's public web address (printed as a QR code): https to a named host, short enough for a small QR. */
export const HandoutUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'use a full https:// address' }).max(300);

/** Clinical codes a handout is about, so a clinic can map its own library and rules can match on them. */
export const HandoutCodesSchema = z
  .object({
    icd10cm: z.array(z.string().regex(/^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'an ICD-10-CM code such as O26.89 or R50.9')).default([]),
    snomedct: z.array(z.string().regex(/^[1-9][0-9]{5,17}$/, 'a SNOMED CT concept id (6 to 18 digits)')).default([]),
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
export const TopicLabelsSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), z.partialRecord(LanguageSchema, z.string().min(1)));
