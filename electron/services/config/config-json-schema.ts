import { z } from 'zod';
import { ConfigSchema } from '../../contract/config';

/**
 * The config's JSON Schema for IT's editors, made from the same zod schema the kiosk validates
 * with, so the two cannot drift. Committed as build/config.schema.json (`npm run schema`).
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ConfigSchema, { io: 'input', target: 'draft-2020-12' }),
    title: 'Clinic entrance kiosk config',
  };
}
