import { z } from 'zod';

/**
 * How content is named: handout and topic ids, and the clinical codes a handout may carry. A
 * module of its own (zod only) so that the config's suggestion rules and the handout schemas
 * can both use them without importing each other.
 */

export const HandoutIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and dashes')
  .max(80);

/** A topic id, as in content/topics.json. */
export const TopicIdSchema = z.string().regex(/^[a-z0-9-]+$/, 'use lowercase letters, digits and dashes');

/** An ICD-10-CM code (R50.9), or its category (R50), which stands for every code under it. */
export const Icd10CmCodeSchema = z.string().regex(/^[A-TV-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, 'an ICD-10-CM code such as O26.89 or R50.9');

/** A SNOMED CT concept id. */
export const SnomedCtIdSchema = z.string().regex(/^[1-9][0-9]{5,17}$/, 'a SNOMED CT concept id (6 to 18 digits)');
