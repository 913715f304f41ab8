import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema } from './config-json-schema';

const committed = join(import.meta.dirname, '../../../build/config.schema.json');

describe('build/config.schema.json', () => {
  it('is the schema the kiosk validates with (run `npm run schema` after changing the config)', async () => {
    expect(JSON.parse(await readFile(committed, 'utf8'))).toEqual(configJsonSchema());
  });

  it('describes every field, so IT can read the schema as the manual', () => {
    const undescribed: string[] = [];
    const fields: string[] = [];
    type Node = { description?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; oneOf?: Node[] };
    const walk = (node: Node, path: string) => {
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        fields.push(path + name);
        if (!child.description) undescribed.push(path + name);
        walk(child, `${path}${name}.`);
      }
      if (node.items) walk(node.items, `${path}[].`);
      for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? [])]) walk(branch, path);
    };
    walk(configJsonSchema() as Node, '');
    expect(fields).toEqual(expect.arrayContaining(['clinic.phone', 'staff.pinHash', 'remoteStaff.allow', 'metrics.listen.port', 'print.spooler.type']));
    expect(undescribed).toEqual([]);
  });
});
