import { z } from 'zod';
import { LanguageSchema } from './config';

export const HandoutIdSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes').max(80);

/** A handout's public web address (printed as a QR code): https to a named host, short enough for a small QR. */
export const HandoutUrlSchema = z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'use a full https:// address' }).max(300);

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
  body: z.string(),
});
export type Handout = z.infer<typeof HandoutSchema>;

export const TopicSchema = z.object({ id: z.string(), label: z.string() });
export type Topic = z.infer<typeof TopicSchema>;

/** Topic labels per language (content/topics.json). */
export const TopicLabelsSchema = z.record(z.string().regex(/^[a-z0-9-]+$/), z.partialRecord(LanguageSchema, z.string().min(1)));
