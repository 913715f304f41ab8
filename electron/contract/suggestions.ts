import { z } from 'zod';
import { HandoutIdSchema, Icd10CmCodeSchema, SnomedCtIdSchema, TopicIdSchema } from './content-ids';
import { PARTIES } from './plain-values';

/**
 * "Suggested for you", kept as data: rules in the config (`handouts.rules`) and in the content
 * folder (`rules.json`) say which handouts fit a visit. zod and content-ids only, because the
 * config schema uses these and content.ts imports the config (and plain-values, zod-free).
 */

/** Who the person at the kiosk says is coming in. */
export const PartySchema = z.enum(PARTIES);
export type Party = z.infer<typeof PartySchema>;

/** What the screening decided: every answer "no", or a symptom "yes". */
export const OutcomeSchema = z.enum(['come-in', 'stay-out']);
export type Outcome = z.infer<typeof OutcomeSchema>;

/** The id of a "What brings you in today?" answer (content/rules.json `reasons`). */
export const ReasonIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes')
  .max(40);

/** What a person told the kiosk, as far as suggestions need it. Never stored or logged. */
export const VisitSchema = z.object({
  outcome: OutcomeSchema,
  party: PartySchema,
  reason: ReasonIdSchema.nullable(),
});
export type Visit = z.infer<typeof VisitSchema>;

const WhenSchema = z
  .object({
    outcome: OutcomeSchema.optional().describe('Matches this screening outcome: "come-in" (every answer no) or "stay-out" (a symptom yes).'),
    party: PartySchema.optional().describe('Matches who came: "patient", "patient-with-guardian" or "visitor".'),
    reason: ReasonIdSchema.optional().describe('Matches this answer to "What brings you in today?" (a reason id from the content\'s rules.json).'),
  })
  .strict()
  .refine((when) => when.outcome ?? when.party ?? when.reason, 'say when the rule applies: outcome, party or reason')
  // minProperties: editors flag an empty object too, as the refine does.
  .meta({ description: 'When the rule applies: every key given must match the visit.', minProperties: 1 });

const CodesSchema = z
  .object({
    icd10cm: z.array(Icd10CmCodeSchema).min(1).optional().describe('ICD-10-CM codes; a category such as "R50" matches every code under it ("R50.9").'),
    snomedct: z.array(SnomedCtIdSchema).min(1).optional().describe('SNOMED CT concept ids, matched exactly.'),
  })
  .strict()
  .refine((codes) => codes.icd10cm ?? codes.snomedct, 'give icd10cm or snomedct codes')
  .meta({ description: "Handouts carrying any of these codes (their front matter's `codes`).", minProperties: 1 });

const SuggestSchema = z
  .object({
    handouts: z.array(HandoutIdSchema).min(1).max(50).optional().describe('Handout ids, suggested in this order.'),
    topics: z.array(TopicIdSchema).min(1).optional().describe('Topic ids (content/topics.json): their handouts, by title.'),
    codes: CodesSchema.optional(),
  })
  .strict()
  .refine((suggest) => suggest.handouts ?? suggest.topics ?? suggest.codes, 'say what to suggest: handouts, topics or codes')
  .meta({ description: 'What to suggest: named handouts first, then those with the topics or codes, by title.', minProperties: 1 });

/** One rule: when a visit matches, these handouts are suggested. */
export const SuggestionRuleSchema = z.object({ when: WhenSchema, suggest: SuggestSchema }).strict();
export type SuggestionRule = z.infer<typeof SuggestionRuleSchema>;
