// For tests only: a process that saves a JSON file through the kiosk's writer, over and over,
// until it is killed (the kill-mid-write test in fs/atomic-write.test.ts bundles and runs it).
// Usage: node save-loop.cjs FILE PADDING_BYTES. It goes on from the version already in FILE and
// prints "saved N" after each save has finished.
import { z } from 'zod';
import { JsonFileWriter, readJsonFile } from '../services/fs/json-file';

const [file, paddingBytes] = process.argv.slice(2);
const SavedSchema = z.object({ version: z.number().int(), padding: z.string(), check: z.number().int() });

async function main(): Promise<void> {
  if (!file || !paddingBytes) throw new Error('usage: save-loop FILE PADDING_BYTES');
  const padding = 'x'.repeat(Number(paddingBytes));
  const writer = new JsonFileWriter(file);
  let version = (await readJsonFile(file, SavedSchema, () => {}))?.version ?? 0;
  for (;;) {
    version += 1;
    // `check` ties the parts together: a file made of two versions would not match.
    await writer.save({ version, padding, check: version * 7 + padding.length });
    process.stdout.write(`saved ${version}\n`);
  }
}

void main();
