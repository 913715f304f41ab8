import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './config-json-schema';

const committed = join(import.meta.dirname, '../../../build/config.schema.json');

describe('build/config.schema.json', () => {
  it('is the schema the kiosk validates with (run `npm run schema` after changing the config)', async () => {
    expect(JSON.parse(await readFile(committed, 'utf8'))).toEqual(configJsonSchema());
  });

  it('describes the fields IT sets most', () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> };
    expect(schema.properties.clinic?.properties?.phone?.description).toMatch(/phone/i);
    expect(schema.properties.staff?.properties?.pinHash?.description).toContain('hash-pin');
    expect(schema.properties.visitorPolicy?.properties?.mode?.description).toContain('no-visitors');
  });
});
